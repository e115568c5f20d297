import { parseWithZod } from "../forms.js";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { PageHeader } from "../components/PageHeader.js";
import { UnitForm, toUnitInput, unitSchema } from "../components/UnitForm.js";
import { getDb } from "../db.server.js";
import { todayInVietnam } from "../domain/format.js";
import { idParam } from "../domain/units.js";
import { createUnit, unitOptions } from "../models/units.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Thêm đơn vị — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:organisation");
  const parent = idParam(new URL(request.url).searchParams.get("parent") ?? undefined);
  return { parentOptions: await unitOptions(getDb(), { all: true }, todayInVietnam()), parentId: parent ? String(parent) : undefined };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:organisation");
  const submission = parseWithZod(await request.formData(), { schema: unitSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createUnit(getDb(), toUnitInput(submission.value), user.id);
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }), { status: 400 });
  return redirectWithToast(`/units/${result.id}`, `Đã lưu đơn vị ${submission.value.code}.`);
}

export default function NewUnit() {
  const { parentOptions, parentId } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Thêm đơn vị" />
      <UnitForm lastResult={useActionData<typeof action>()} defaultValue={{ parentId }} parentOptions={parentOptions} cancelTo="/units" />
    </>
  );
}
