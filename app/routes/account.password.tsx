import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "../forms.js";
import { Alert, Button, Paper, PasswordInput, Stack, Text } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { changePassword, requireUser } from "../auth.server.js";
import { PageHeader } from "../components/PageHeader.js";
import { userInputProps } from "../components/UserFormHelpers.js";
import { changePasswordSchema, MIN_PASSWORD_LENGTH } from "../components/UserSchemas.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Đổi mật khẩu — KTCV" }];

// No password, current or new, is ever echoed back in a validation reply.
const HIDDEN = ["currentPassword", "newPassword", "confirmPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: changePasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  const cookie = await changePassword(user, submission.value.currentPassword, submission.value.newPassword);
  if (!cookie) {
    return data(submission.reply({ fieldErrors: { currentPassword: ["Mật khẩu hiện tại không đúng."] }, hideFields: HIDDEN }), { status: 400 });
  }
  return redirectWithToast("/", "Đã đổi mật khẩu", "success", { headers: { "Set-Cookie": cookie } });
}

export default function ChangePassword() {
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "change-password",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <PageHeader title="Đổi mật khẩu" description="Sau khi đổi, mọi phiên đăng nhập khác của bạn (trên máy hoặc trình duyệt khác) sẽ kết thúc." />
      <Paper withBorder p="lg" maw={520}>
        <Form method="post" {...getFormProps(form)}>
          <Stack>
            {form.errors?.length ? (
              <Alert color="red.9" variant="light" role="alert" id={form.errorId}>
                {form.errors.join(" ")}
              </Alert>
            ) : null}
            <PasswordInput
              label="Mật khẩu hiện tại"
              withAsterisk
              autoComplete="current-password"
              visibilityToggleButtonProps={{ "aria-label": "Hiện hoặc ẩn mật khẩu hiện tại" }}
              {...userInputProps(fields.currentPassword, "password")}
            />
            <PasswordInput
              label="Mật khẩu mới"
              description={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự, khác mật khẩu hiện tại.`}
              withAsterisk
              autoComplete="new-password"
              visibilityToggleButtonProps={{ "aria-label": "Hiện hoặc ẩn mật khẩu mới" }}
              {...userInputProps(fields.newPassword, "password")}
            />
            <PasswordInput
              label="Nhập lại mật khẩu mới"
              withAsterisk
              autoComplete="new-password"
              visibilityToggleButtonProps={{ "aria-label": "Hiện hoặc ẩn mật khẩu nhập lại" }}
              {...userInputProps(fields.confirmPassword, "password")}
            />
            <Text size="xs" c="dimmed">
              Nên dùng một cụm từ dài, dễ nhớ với bạn nhưng khó đoán với người khác.
            </Text>
            <div>
              <Button type="submit" loading={busy}>
                Đổi mật khẩu
              </Button>
            </div>
          </Stack>
        </Form>
      </Paper>
    </>
  );
}
