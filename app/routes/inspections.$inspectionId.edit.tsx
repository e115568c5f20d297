import { parseWithZod } from "../forms.js";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { InspectionForm, inspectionSchema, toInspectionInput } from "../components/InspectionForm.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { formatIsoDate, todayInVietnam } from "../domain/format.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { inspectionForEdit, updateInspection } from "../models/inspections.server.js";
import { unitOptions } from "../models/units.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Sửa đợt kiểm tra ${data?.inspection.decision_number ?? ""} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:case");
  const id = invariantFound(idParam(params.inspectionId));
  const inspection = invariantFound(await inspectionForEdit(getDb(), id));
  return { inspection, unitOptions: await unitOptions(getDb(), { all: true }, todayInVietnam()) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:case");
  const id = invariantFound(idParam(params.inspectionId));
  const submission = parseWithZod(await request.formData(), { schema: inspectionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = invariantFound(await updateInspection(getDb(), id, toInspectionInput(submission.value), user.id));
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }), { status: 400 });
  return redirectWithToast(`/inspections/${id}`, result.changed ? "Đã lưu đợt kiểm tra." : "Không có thay đổi nào để lưu.");
}

export default function EditInspection() {
  const { inspection: i, unitOptions } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Sửa đợt kiểm tra" description={`${i.decision_number} — ${i.title}`} />
      <InspectionForm
        lastResult={useActionData<typeof action>()}
        defaultValue={{
          title: i.title,
          decisionNumber: i.decision_number,
          decisionDate: formatIsoDate(i.decision_date),
          decisionSigner: i.decision_signer,
          legalBasis: i.legal_basis,
          legalBasisDate: formatIsoDate(i.legal_basis_date),
          periodFrom: formatIsoDate(i.period_from),
          periodTo: formatIsoDate(i.period_to),
          unitIds: i.unitIds.map(String),
        }}
        unitOptions={unitOptions}
        cancelTo={`/inspections/${i.id}`}
      />
    </>
  );
}
