import { parseWithZod } from "../forms.js";
import { Stack } from "@mantine/core";
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { issueTokenSchema, revokeTokenSchema } from "../components/ApiTokenSchemas.js";
import { ApiTokenTable, IssuedToken, IssueTokenForm } from "../components/ApiTokenViews.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { pageFrom } from "../domain/paging.js";
import { badRequest, invariantFound } from "../http.server.js";
import { issueToken, listTokens, revokeToken } from "../models/api-tokens.server.js";
import { unitOptions } from "../models/users.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Khoá API cho phần mềm nhân sự — KTCV" }];

// The page that shows a new token must never be kept by a browser or proxy cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:api_tokens");
  const page = pageFrom(new URL(request.url).searchParams);
  const [tokens, units] = await Promise.all([listTokens(getDb(), { page }), unitOptions(getDb())]);
  return { ...tokens, units: units.map((u) => ({ id: u.id, code: u.code, name: u.name })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:api_tokens");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "issue") {
    const submission = parseWithZod(formData, { schema: issueTokenSchema });
    if (submission.status !== "success") return data({ intent: "issue" as const, result: submission.reply(), issued: null }, { status: 400 });
    const result = await issueToken(getDb(), { name: submission.value.name, unitIds: submission.value.unitIds }, user);
    if (!result.ok) return data({ intent: "issue" as const, result: submission.reply({ formErrors: [result.message] }), issued: null }, { status: 400 });
    // The only time the plain token leaves the server: in the action's reply, not through a redirect
    // (it would have to be stored somewhere to survive one).
    return { intent: "issue" as const, result: submission.reply({ resetForm: true }), issued: { name: submission.value.name, token: result.token, prefix: result.prefix } };
  }
  if (intent === "revoke") {
    const submission = parseWithZod(formData, { schema: revokeTokenSchema });
    if (submission.status !== "success") throw badRequest("Khoá cần thu hồi không hợp lệ.");
    const result = invariantFound(await revokeToken(getDb(), { tokenId: submission.value.tokenId }, user), "Không tìm thấy khoá API này.");
    if (!result.ok) return redirectWithToast("/admin/api-tokens", result.message, "error");
    return redirectWithToast("/admin/api-tokens", `Đã thu hồi khoá ${result.prefix}… của “${result.name}”: phần mềm dùng khoá này không gọi API được nữa.`);
  }
  throw badRequest("Thao tác không hợp lệ.");
}

export default function ApiTokens() {
  const { rows, total, pageSize, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Khoá API cho phần mềm nhân sự"
        description="Phần mềm quản lý cán bộ bên ngoài dùng khoá để đọc và ghi nhận nội dung kết luận kiểm tra vào đánh giá, xếp loại — chỉ trong phạm vi đơn vị của khoá, mỗi nội dung một lần."
      />
      {actionData?.issued ? <IssuedToken issued={actionData.issued} /> : null}
      <IssueTokenForm units={units} lastResult={actionData?.result} />
      <div>
        <ApiTokenTable rows={rows} />
        <Pager total={total} pageSize={pageSize} label="khoá" />
      </div>
    </Stack>
  );
}
