import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Button, Card, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { userInputProps } from "./UserFormHelpers.js";
import { MIN_PASSWORD_LENGTH, resetPasswordSchema } from "./UserSchemas.js";

/** An admin sets a new password for someone who lost theirs; all of that person's sessions end. */
export function UserPasswordResetForm({ isSelf, lastResult }: { isSelf: boolean; lastResult: SubmissionResult<string[]> | undefined }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "reset-password";
  const [form, fields] = useForm({
    id: "user-reset-password",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        Đặt lại mật khẩu
      </Title>
      {isSelf ? (
        <Text size="sm">
          Để đổi mật khẩu của chính bạn, hãy dùng trang{" "}
          <Anchor component={Link} to="/account/password">
            Đổi mật khẩu
          </Anchor>
          .
        </Text>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="reset-password" />
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Người dùng sẽ bị đăng xuất khỏi mọi thiết bị và phải đăng nhập lại bằng mật khẩu mới.
            </Text>
            {form.errors?.length ? (
              <Alert color="red.9" variant="light" role="alert" id={form.errorId}>
                {form.errors.join(" ")}
              </Alert>
            ) : null}
            <PasswordInput
              label="Mật khẩu mới"
              description={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`}
              withAsterisk
              autoComplete="new-password"
              visibilityToggleButtonProps={{ "aria-label": "Hiện hoặc ẩn mật khẩu mới" }}
              {...userInputProps(fields.password, "password")}
            />
            <PasswordInput
              label="Nhập lại mật khẩu mới"
              withAsterisk
              autoComplete="new-password"
              visibilityToggleButtonProps={{ "aria-label": "Hiện hoặc ẩn mật khẩu nhập lại" }}
              {...userInputProps(fields.confirm, "password")}
            />
            <div>
              <Button type="submit" variant="outline" loading={busy}>
                Đặt lại mật khẩu
              </Button>
            </div>
          </Stack>
        </Form>
      )}
    </Card>
  );
}
