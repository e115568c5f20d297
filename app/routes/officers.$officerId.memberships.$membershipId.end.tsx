import { parseWithZod } from "../forms.js";
import { Text } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { OfficerEndMembershipForm, endMembershipSchema } from "../components/OfficerMembershipForm.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { formatIsoDate, todayInVietnam } from "../domain/format.js";
import { formatPeriod, idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { endMembership, officerForEdit } from "../models/officers.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Kết thúc quá trình công tác — KTCV" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:organisation");
  const id = invariantFound(idParam(params.officerId));
  const membershipId = invariantFound(idParam(params.membershipId));
  const { officer, memberships } = invariantFound(await officerForEdit(getDb(), id));
  return { officer, membership: invariantFound(memberships.find((m) => m.id === membershipId)), today: todayInVietnam() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:organisation");
  const id = invariantFound(idParam(params.officerId));
  const membershipId = invariantFound(idParam(params.membershipId));
  const submission = parseWithZod(await request.formData(), { schema: endMembershipSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = invariantFound(await endMembership(getDb(), id, membershipId, submission.value.validTo, user.id));
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }), { status: 400 });
  return redirectWithToast(`/officers/${id}`, "Đã lưu ngày kết thúc quá trình công tác.");
}

export default function EndMembership() {
  const { officer, membership: m, today } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Kết thúc quá trình công tác" description={`${officer.code} — ${officer.full_name}`} />
      <Text mb="md">
        {m.unit_name}
        {m.position ? `, ${m.position}` : ""} ({formatPeriod({ validFrom: m.valid_from, validTo: m.valid_to })})
      </Text>
      <OfficerEndMembershipForm
        lastResult={useActionData<typeof action>()}
        defaultValue={{ validTo: formatIsoDate(today) }}
        cancelTo={`/officers/${officer.id}`}
      />
    </>
  );
}
