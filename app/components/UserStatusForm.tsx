import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Alert, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { formatNumber } from "../domain/format.js";
import { UserActiveBadge } from "./UserTable.js";

/** Deactivating ends every session at once; an admin cannot deactivate their own account. */
export function UserStatusForm({
  active,
  openSessions,
  isSelf,
  lastResult,
}: {
  active: boolean;
  openSessions: number;
  isSelf: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const intent = navigation.formData?.get("intent");
  const busy = navigation.state === "submitting" && (intent === "deactivate" || intent === "activate");
  const [form] = useForm({ id: "user-status", lastResult });
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4">
          Trạng thái tài khoản
        </Title>
        <UserActiveBadge active={active} />
      </Group>
      <Form method="post" {...getFormProps(form)}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {active
              ? `Đang có ${formatNumber(openSessions)} phiên đăng nhập còn hiệu lực. Ngừng kích hoạt sẽ đăng xuất người dùng khỏi mọi thiết bị và không cho đăng nhập lại.`
              : "Tài khoản đã ngừng hoạt động: người dùng không đăng nhập được. Lịch sử thao tác vẫn được giữ nguyên."}
          </Text>
          {form.errors?.length ? (
            <Alert color="red.9" variant="light" role="alert" id={form.errorId}>
              {form.errors.join(" ")}
            </Alert>
          ) : null}
          {active && isSelf ? (
            <Text size="sm">Bạn không thể tự ngừng kích hoạt tài khoản của chính mình.</Text>
          ) : (
            <div>
              <Button
                type="submit"
                name="intent"
                value={active ? "deactivate" : "activate"}
                color={active ? "red.9" : undefined}
                variant={active ? "outline" : "filled"}
                loading={busy}
              >
                {active ? "Ngừng kích hoạt tài khoản" : "Kích hoạt lại tài khoản"}
              </Button>
            </div>
          )}
        </Stack>
      </Form>
    </Card>
  );
}
