import { parseWithZod } from "../forms.js";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { OfficerMembershipForm, membershipSchema, toMembershipInput } from "../components/OfficerMembershipForm.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { todayInVietnam } from "../domain/format.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { addMembership, officerForEdit } from "../models/officers.server.js";
import { unitOptions } from "../models/units.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Thêm quá trình công tác — KTCV" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:organisation");
  const id = invariantFound(idParam(params.officerId));
  const [details, units] = await Promise.all([officerForEdit(getDb(), id), unitOptions(getDb(), { all: true }, todayInVietnam())]);
  return { officer: invariantFound(details).officer, unitOptions: units };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:organisation");
  const id = invariantFound(idParam(params.officerId));
  const submission = parseWithZod(await request.formData(), { schema: membershipSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = invariantFound(await addMembership(getDb(), id, toMembershipInput(submission.value), user.id));
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }), { status: 400 });
  return redirectWithToast(`/officers/${id}`, "Đã lưu quá trình công tác.");
}

export default function NewMembership() {
  const { officer, unitOptions } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Thêm quá trình công tác" description={`${officer.code} — ${officer.full_name}`} />
      <OfficerMembershipForm lastResult={useActionData<typeof action>()} defaultValue={{}} unitOptions={unitOptions} cancelTo={`/officers/${officer.id}`} />
    </>
  );
}
