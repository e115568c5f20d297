import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "../forms.js";
import { Alert, Button, Fieldset, Group, PasswordInput, Stack, TextInput } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { hashPassword, requirePermission } from "../auth.server.js";
import { PageHeader } from "../components/PageHeader.js";
import { userInputProps } from "../components/UserFormHelpers.js";
import { UserOfficerSelect } from "../components/UserOfficerSelect.js";
import { UserRoleFields } from "../components/UserRoleFields.js";
import { createUserSchema, grantsFromForm, MIN_PASSWORD_LENGTH } from "../components/UserSchemas.js";
import { getDb } from "../db.server.js";
import { createUser, unitOptions } from "../models/users.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Thêm người dùng — KTCV" }];

// The password never travels back to the browser inside a validation reply.
const HIDDEN = ["password"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:users");
  return { units: await unitOptions(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:users");
  const submission = parseWithZod(await request.formData(), { schema: createUserSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: HIDDEN }), { status: submission.status === "error" ? 400 : 200 });
  }
  const v = submission.value;
  const result = await createUser(
    getDb(),
    {
      username: v.username,
      displayName: v.displayName,
      passwordHash: await hashPassword(v.password),
      officerId: v.officerId ?? null,
      roles: grantsFromForm(v),
    },
    user.id,
  );
  if (!result.ok) {
    return data(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors, hideFields: HIDDEN }), { status: 400 });
  }
  return redirectWithToast(`/admin/users/${result.id}`, `Đã lưu người dùng mới ${v.username}.`);
}

export default function NewUser() {
  const { units } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "user-create",
    lastResult,
    defaultValue: { roles: [], scoped: [] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createUserSchema }),
    // Errors first appear on submit, not on blur: a message appearing under a field as it loses
    // focus shifts the button being clicked, and the click is lost.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <PageHeader
        title="Thêm người dùng"
        description="Tạo tài khoản đăng nhập và cấp vai trò."
        actions={
          <Button component={Link} to="/admin/users" variant="default">
            Về danh sách người dùng
          </Button>
        }
      />
      <Form method="post" {...getFormProps(form)}>
        <Stack maw={820}>
          {form.errors?.length ? (
            <Alert color="red.9" variant="light" role="alert" title="Chưa tạo được người dùng" id={form.errorId}>
              {form.errors.join(" ")}
            </Alert>
          ) : null}
          <Fieldset legend="Tài khoản">
            <Stack>
              <TextInput
                label="Tên đăng nhập"
                description="3–40 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới. Lưu bằng chữ thường."
                withAsterisk
                autoComplete="off"
                {...userInputProps(fields.username)}
              />
              <TextInput label="Tên hiển thị" description="Họ tên hiện trên giao diện và trong nhật ký." withAsterisk {...userInputProps(fields.displayName)} />
              <PasswordInput
                label="Mật khẩu ban đầu"
                description={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự. Trao cho người dùng qua kênh an toàn và đề nghị họ đổi mật khẩu sau lần đăng nhập đầu tiên.`}
                withAsterisk
                autoComplete="new-password"
                visibilityToggleButtonProps={{ "aria-label": "Hiện hoặc ẩn mật khẩu" }}
                {...userInputProps(fields.password, "password")}
              />
              <UserOfficerSelect
                id={fields.officerId.id}
                name={fields.officerId.name}
                error={fields.officerId.errors?.[0]}
                initial={null}
              />
            </Stack>
          </Fieldset>
          <UserRoleFields form={form} roles={fields.roles} scoped={fields.scoped} units={units} />
          <Group>
            <Button type="submit" loading={busy}>
              Tạo người dùng
            </Button>
            <Button component={Link} to="/admin/users" variant="default">
              Huỷ
            </Button>
          </Group>
        </Stack>
      </Form>
    </>
  );
}
