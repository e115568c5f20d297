import { parseWithZod } from "../forms.js";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { NewOfficerForm, newOfficerSchema, toOfficerInput } from "../components/OfficerForm.js";
import { toMembershipInput } from "../components/OfficerMembershipForm.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { todayInVietnam } from "../domain/format.js";
import { createOfficer } from "../models/officers.server.js";
import { unitOptions } from "../models/units.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Thêm cán bộ — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:organisation");
  return { unitOptions: await unitOptions(getDb(), { all: true }, todayInVietnam()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:organisation");
  const submission = parseWithZod(await request.formData(), { schema: newOfficerSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { unitId, validFrom } = submission.value;
  const membership = unitId !== undefined && validFrom ? toMembershipInput({ ...submission.value, unitId, validFrom }) : null;
  const result = await createOfficer(getDb(), { ...toOfficerInput(submission.value), membership }, user.id);
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }), { status: 400 });
  return redirectWithToast(`/officers/${result.id}`, `Đã lưu cán bộ ${submission.value.fullName}.`);
}

export default function NewOfficer() {
  const { unitOptions } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Thêm cán bộ" />
      <NewOfficerForm lastResult={useActionData<typeof action>()} defaultValue={{}} unitOptions={unitOptions} cancelTo="/officers" />
    </>
  );
}
