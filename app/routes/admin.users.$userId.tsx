import type { Submission, SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "../forms.js";
import { Button, Grid, Stack } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { hashPassword, requirePermission } from "../auth.server.js";
import { PageHeader } from "../components/PageHeader.js";
import { UserEditForm } from "../components/UserEditForm.js";
import { UserPasswordResetForm } from "../components/UserPasswordResetForm.js";
import { grantsFromForm, resetPasswordSchema, setActiveSchema, updateUserSchema } from "../components/UserSchemas.js";
import { UserStatusForm } from "../components/UserStatusForm.js";
import { getDb } from "../db.server.js";
import { formatDateTime } from "../domain/format.js";
import { badRequest, invariantFound } from "../http.server.js";
import { getUserDetail, resetUserPassword, setUserActive, unitOptions, updateUser, type UserWriteResult } from "../models/users.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.username ?? "Người dùng"} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user: me } = await requirePermission(request, "manage:users");
  const user = invariantFound(await getUserDetail(getDb(), params.userId!));
  const units = await unitOptions(getDb(), user.roles.flatMap((g) => (g.unitId === null ? [] : [g.unitId])));
  return { user, units, isSelf: me.id === user.id };
}

// Three forms post here, told apart by `intent`; each reply says which form it answers.
type Intent = "update" | "reset-password" | "status";

export async function action({ request, params }: ActionFunctionArgs) {
  const { user: me } = await requirePermission(request, "manage:users");
  const userId = params.userId!;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: updateUserSchema });
    if (submission.status !== "success") return invalid("update", submission.reply(), submission.status);
    const v = submission.value;
    const result = await updateUser(
      getDb(),
      { userId, displayName: v.displayName, officerId: v.officerId ?? null, roles: grantsFromForm(v) },
      me.id,
    );
    return respond("update", submission, result, (r) => (r.changed ? "Đã lưu thay đổi của người dùng." : "Không có thay đổi nào để lưu."));
  }
  if (intent === "reset-password") {
    const submission = parseWithZod(formData, { schema: resetPasswordSchema });
    const hideFields = ["password", "confirm"];
    if (submission.status !== "success") return invalid("reset-password", submission.reply({ hideFields }), submission.status);
    const result = await resetUserPassword(getDb(), { userId, passwordHash: await hashPassword(submission.value.password) }, me.id);
    return respond("reset-password", submission, result, () => "Đã đặt lại mật khẩu. Người dùng đã bị đăng xuất khỏi mọi thiết bị.", hideFields);
  }
  if (intent === "deactivate" || intent === "activate") {
    const submission = parseWithZod(formData, { schema: setActiveSchema });
    if (submission.status !== "success") return invalid("status", submission.reply(), submission.status);
    const active = submission.value.intent === "activate";
    const result = await setUserActive(getDb(), { userId, active }, me.id);
    return respond("status", submission, result, () =>
      active ? "Đã kích hoạt lại tài khoản." : "Đã ngừng kích hoạt tài khoản và đăng xuất người dùng khỏi mọi thiết bị.",
    );
  }
  throw badRequest("Thao tác không hợp lệ.");
}

function invalid(intent: Intent, result: SubmissionResult<string[]>, status: "error" | undefined) {
  // A conform list intent (add/remove a role row) without JavaScript is not an error.
  return data({ intent, result }, { status: status === "error" ? 400 : 200 });
}

async function respond(
  intent: Intent,
  submission: Submission<unknown>,
  result: UserWriteResult | null,
  message: (r: Extract<UserWriteResult, { ok: true }>) => string,
  hideFields?: string[],
) {
  const ok = invariantFound(result);
  if (!ok.ok) {
    return data({ intent, result: submission.reply({ fieldErrors: ok.fieldErrors, formErrors: ok.formErrors, hideFields }) }, { status: 400 });
  }
  return redirectWithToast(`/admin/users/${ok.id}`, message(ok));
}

export default function EditUser() {
  const { user, units, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  return (
    <>
      <PageHeader
        title={`Người dùng ${user.username}`}
        description={`${user.displayName} · tạo lúc ${formatDateTime(user.createdAt)}`}
        actions={
          <>
            <Button component={Link} to={`/admin/audit?entityType=user&entityId=${encodeURIComponent(user.id)}`} variant="default">
              Lịch sử thay đổi
            </Button>
            <Button component={Link} to="/admin/users" variant="default">
              Về danh sách người dùng
            </Button>
          </>
        }
      />
      {/* Remount the forms after a save: they show what the server now holds, and the other forms
          drop errors left from before. */}
      <Grid gutter="lg" key={JSON.stringify(user)}>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <UserEditForm user={user} units={units} isSelf={isSelf} lastResult={resultFor("update")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <UserStatusForm active={user.active} openSessions={user.openSessions} isSelf={isSelf} lastResult={resultFor("status")} />
            <UserPasswordResetForm isSelf={isSelf} lastResult={resultFor("reset-password")} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
