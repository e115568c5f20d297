import { parseWithZod } from "../forms.js";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { OfficerMembershipForm, membershipSchema, toMembershipInput } from "../components/OfficerMembershipForm.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { formatIsoDate, todayInVietnam } from "../domain/format.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { officerForEdit, updateMembership } from "../models/officers.server.js";
import { unitOptions } from "../models/units.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Sửa quá trình công tác — KTCV" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:organisation");
  const id = invariantFound(idParam(params.officerId));
  const membershipId = invariantFound(idParam(params.membershipId));
  const [details, units] = await Promise.all([officerForEdit(getDb(), id), unitOptions(getDb(), { all: true }, todayInVietnam())]);
  const { officer, memberships } = invariantFound(details);
  return { officer, membership: invariantFound(memberships.find((m) => m.id === membershipId)), unitOptions: units };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:organisation");
  const id = invariantFound(idParam(params.officerId));
  const membershipId = invariantFound(idParam(params.membershipId));
  const submission = parseWithZod(await request.formData(), { schema: membershipSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = invariantFound(await updateMembership(getDb(), id, membershipId, toMembershipInput(submission.value), user.id));
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }), { status: 400 });
  return redirectWithToast(`/officers/${id}`, result.changed ? "Đã lưu quá trình công tác." : "Không có thay đổi nào để lưu.");
}

export default function EditMembership() {
  const { officer, membership: m, unitOptions } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Sửa quá trình công tác" description={`${officer.code} — ${officer.full_name}`} />
      <OfficerMembershipForm
        lastResult={useActionData<typeof action>()}
        defaultValue={{
          unitId: String(m.unit_id),
          position: m.position ?? "",
          validFrom: formatIsoDate(m.valid_from),
          validTo: formatIsoDate(m.valid_to),
        }}
        unitOptions={unitOptions}
        cancelTo={`/officers/${officer.id}`}
      />
    </>
  );
}
