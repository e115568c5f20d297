import { parseWithZod } from "../forms.js";
import { Alert } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { readCarriedSelection } from "../components/CaseIntakeParams.js";
import { CaseOpenForm } from "../components/CaseOpenForm.js";
import { caseSchema, toOpenCaseRequest } from "../components/CaseSchemas.js";
import { dossierSearch } from "../components/DossierFilterParams.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { todayInVietnam } from "../domain/format.js";
import { idParam } from "../domain/units.js";
import { openCaseWithEvidence, previewSelection } from "../models/case-intake.server.js";
import { caseFormOptions } from "../models/cases.server.js";
import { officerChoice } from "../models/evidence-dossiers.server.js";
import { unitOptions } from "../models/units.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Mở vụ việc — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "manage:case");
  const params = new URL(request.url).searchParams;
  const setId = idParam(params.get("evidenceSet") ?? undefined);
  // A selection carried from the dossier list: show what it holds, and name its unit or officer as the subject.
  const { selection, problems } = readCarriedSelection(params);
  const [options, units, preview, officer] = await Promise.all([
    caseFormOptions(getDb()),
    unitOptions(getDb(), { all: true }, todayInVietnam()),
    selection ? previewSelection(getDb(), scope, selection) : null,
    officerChoice(getDb(), selection?.filter.officerId ?? null),
  ]);
  const carried =
    selection && preview
      ? { period: { from: selection.period.from, to: selection.period.to }, filter: selection.filter, selection: selection.selection, ...preview, listHref: `/evidence/dossiers?${dossierSearch(selection.period, selection.filter)}` }
      : null;
  const unitId = selection?.filter.unitId;
  const evidenceSetId = setId ? String(setId) : undefined;
  return { ...options, units, problems, carried, evidenceSetId, defaults: { evidenceSetId, unitId: unitId ? String(unitId) : undefined, officer } };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await requirePermission(request, "manage:case");
  const submission = parseWithZod(await request.formData(), { schema: caseSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // The form posts to its own URL: the selection it resolves is the one it showed.
  const input = toOpenCaseRequest(submission.value, readCarriedSelection(new URL(request.url).searchParams).selection);
  if (!input) return data(submission.reply({ fieldErrors: { source: ["Trang này không mang theo hồ sơ nào từ danh sách hồ sơ; hãy chọn nguồn chứng cứ khác."] } }), { status: 400 });
  const result = await openCaseWithEvidence(getDb(), scope, input, user.id);
  if (!result.ok) {
    const reply = result.field ? submission.reply({ fieldErrors: { [result.field]: [result.message] } }) : submission.reply({ formErrors: [result.message] });
    return data(reply, { status: 400 });
  }
  return redirectWithToast(`/cases/${result.id}`, `Đã mở vụ việc ${result.code}.`);
}

export default function NewCase() {
  const { inspections, evidenceSets, units, problems, carried, defaults } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Mở vụ việc"
        description="Vụ việc được mở từ các hồ sơ chọn trong danh sách hồ sơ, từ một bộ chứng cứ hoặc từ mã hồ sơ; các hồ sơ được đóng băng ngay khi mở."
      />
      {problems.length > 0 ? (
        <Alert color="yellow.9" variant="light" mb="md" title="Một số điều kiện lọc không hợp lệ">
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </Alert>
      ) : null}
      <CaseOpenForm
        // A different carried selection is a different form.
        key={carried ? carried.listHref + String(carried.selection) : "plain"}
        inspections={inspections}
        evidenceSets={evidenceSets}
        units={units}
        defaults={defaults}
        carried={carried}
        lastResult={useActionData<typeof action>()}
      />
    </>
  );
}
