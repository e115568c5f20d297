import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Button, Fieldset, Group, Stack, Text, TextInput } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { SCOPED_ROLES, type RoleGrant } from "../permissions.js";
import { userInputProps } from "./UserFormHelpers.js";
import { UserOfficerSelect, type OfficerOption } from "./UserOfficerSelect.js";
import { UserRoleFields, type UnitOption } from "./UserRoleFields.js";
import { updateUserSchema } from "./UserSchemas.js";

export function UserEditForm({
  user,
  units,
  isSelf,
  lastResult,
}: {
  user: { id: string; displayName: string; officer: OfficerOption | null; roles: RoleGrant[] };
  units: UnitOption[];
  isSelf: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "update";
  const [form, fields] = useForm({
    id: "user-update",
    lastResult,
    defaultValue: {
      intent: "update",
      displayName: user.displayName,
      officerId: user.officer ? String(user.officer.id) : undefined,
      roles: user.roles.filter((g) => !SCOPED_ROLES.includes(g.role)).map((g) => g.role),
      scoped: user.roles.filter((g) => SCOPED_ROLES.includes(g.role)).map((g) => ({ role: g.role, unitId: String(g.unitId) })),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateUserSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="update" />
      <Stack>
        {form.errors?.length ? (
          <Alert color="red.9" variant="light" role="alert" title="Chưa lưu được thay đổi" id={form.errorId}>
            {form.errors.join(" ")}
          </Alert>
        ) : null}
        <Fieldset legend="Thông tin người dùng">
          <Stack>
            <TextInput label="Tên hiển thị" withAsterisk {...userInputProps(fields.displayName)} />
            <UserOfficerSelect
              id={fields.officerId.id}
              name={fields.officerId.name}
              error={fields.officerId.errors?.[0]}
              initial={user.officer}
              userId={user.id}
            />
          </Stack>
        </Fieldset>
        <UserRoleFields form={form} roles={fields.roles} scoped={fields.scoped} units={units} />
        {isSelf ? (
          <Text size="sm" c="dimmed">
            Đây là tài khoản của bạn: bạn không thể tự gỡ vai trò Quản trị hệ thống của mình.
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={busy}>
            Lưu thay đổi
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
