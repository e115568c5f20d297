import { parseWithZod } from "../forms.js";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { PageHeader } from "../components/PageHeader.js";
import { UnitForm, toUnitInput, unitSchema } from "../components/UnitForm.js";
import { getDb } from "../db.server.js";
import { formatIsoDate, todayInVietnam } from "../domain/format.js";
import { idParam, type UnitKind } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { getUnit, unitOptions, updateUnit } from "../models/units.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Sửa ${data?.unit.name ?? "đơn vị"} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:organisation");
  const id = invariantFound(idParam(params.unitId));
  const unit = invariantFound(await getUnit(getDb(), id));
  return { unit, parentOptions: await unitOptions(getDb(), { all: true }, todayInVietnam(), id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:organisation");
  const id = invariantFound(idParam(params.unitId));
  const submission = parseWithZod(await request.formData(), { schema: unitSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = invariantFound(await updateUnit(getDb(), id, toUnitInput(submission.value), user.id));
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }), { status: 400 });
  return redirectWithToast(
    `/units/${id}`,
    result.changed ? `Đã lưu đơn vị ${submission.value.code}.` : "Không có thay đổi nào để lưu.",
  );
}

export default function EditUnit() {
  const { unit, parentOptions } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Sửa đơn vị" description={`${unit.code} — ${unit.name}`} />
      <UnitForm
        lastResult={useActionData<typeof action>()}
        defaultValue={{
          code: unit.code,
          name: unit.name,
          kind: unit.kind as UnitKind,
          parentId: unit.parent_id === null ? undefined : String(unit.parent_id),
          validFrom: formatIsoDate(unit.valid_from),
          validTo: formatIsoDate(unit.valid_to),
        }}
        parentOptions={parentOptions}
        cancelTo={`/units/${unit.id}`}
      />
    </>
  );
}
