import { parseWithZod } from "../forms.js";
import { Button, Group, Stack, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { OfficerForm, officerSchema, toOfficerInput } from "../components/OfficerForm.js";
import { OfficerMembershipTable } from "../components/OfficerMembershipTable.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { todayInVietnam } from "../domain/format.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { officerForEdit, updateOfficer } from "../models/officers.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Sửa ${data?.officer.full_name ?? "cán bộ"} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:organisation");
  const id = invariantFound(idParam(params.officerId));
  const details = invariantFound(await officerForEdit(getDb(), id));
  return { ...details, today: todayInVietnam() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:organisation");
  const id = invariantFound(idParam(params.officerId));
  const submission = parseWithZod(await request.formData(), { schema: officerSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = invariantFound(await updateOfficer(getDb(), id, toOfficerInput(submission.value), user.id));
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }), { status: 400 });
  return redirectWithToast(`/officers/${id}`, result.changed ? `Đã lưu cán bộ ${submission.value.fullName}.` : "Không có thay đổi nào để lưu.");
}

export default function EditOfficer() {
  const { officer, memberships, today } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Sửa cán bộ" description={`${officer.code} — ${officer.full_name}`} />
      <Stack gap="xl">
        <OfficerForm
          lastResult={useActionData<typeof action>()}
          defaultValue={{ code: officer.code, fullName: officer.full_name }}
          cancelTo={`/officers/${officer.id}`}
        />
        <section aria-labelledby="memberships">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="memberships">
              Quá trình công tác
            </Title>
            <Button component={Link} to={`/officers/${officer.id}/memberships/new`} variant="default">
              Thêm quá trình công tác
            </Button>
          </Group>
          <OfficerMembershipTable rows={memberships} today={today} manageFor={officer.id} />
        </section>
      </Stack>
    </>
  );
}
