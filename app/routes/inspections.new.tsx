import { parseWithZod } from "../forms.js";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { InspectionForm, inspectionSchema, toInspectionInput } from "../components/InspectionForm.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { todayInVietnam } from "../domain/format.js";
import { createInspection } from "../models/inspections.server.js";
import { unitOptions } from "../models/units.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Thêm đợt kiểm tra — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:case");
  return { unitOptions: await unitOptions(getDb(), { all: true }, todayInVietnam()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:case");
  const submission = parseWithZod(await request.formData(), { schema: inspectionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createInspection(getDb(), toInspectionInput(submission.value), user.id);
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }), { status: 400 });
  return redirectWithToast(`/inspections/${result.id}`, `Đã lưu đợt kiểm tra theo quyết định ${submission.value.decisionNumber}.`);
}

export default function NewInspection() {
  const { unitOptions } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Thêm đợt kiểm tra" description="Đoàn kiểm tra được lập trên trang của đợt kiểm tra sau khi lưu." />
      <InspectionForm lastResult={useActionData<typeof action>()} defaultValue={{}} unitOptions={unitOptions} cancelTo="/inspections" />
    </>
  );
}
