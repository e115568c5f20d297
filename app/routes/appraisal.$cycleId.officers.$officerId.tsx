// One officer's appraisal sheet in a cycle: items to consume, corrections to acknowledge, what was counted
// here and used elsewhere, discipline decisions, HR's inputs, the rule set's proposal with its reasons,
// and the result HR records (a reason whenever it differs from the proposal).
import { parseWithZod } from "../forms.js";
import { Alert, Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "../auth.server.js";
import { consumeAction } from "../components/AppraisalActions.server.js";
import { DisciplineSection, InputsForm, ProposalView, ResultForm, ResultHistory, type FormErrors } from "../components/AppraisalOfficerSheet.js";
import { StatusBadge } from "../components/AppraisalOverview.js";
import { disciplineSchema, nd335InputsSchema, nd90InputsSchema, resultSchema } from "../components/AppraisalSchemas.js";
import { ConsumedTable, PendingTable, RefusalAlert, type Refusal } from "../components/AppraisalViews.js";
import { Section } from "../components/SectionCard.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { OFFICER_CATEGORY_LABELS } from "../domain/appraisal/types.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { officerSheet, recordDiscipline, recordResult, saveInputs } from "../models/appraisal-sheets.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.officer.name ?? "Phiếu đánh giá"} — ${data?.cycle.reference ?? ""} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "run:appraisal");
  const cycleId = invariantFound(idParam(params.cycleId));
  const officerId = invariantFound(idParam(params.officerId));
  const { facts: _facts, ...sheet } = invariantFound(await officerSheet(getDb(), { cycleId, officerId, scope }));
  return sheet;
}

const schema = z.discriminatedUnion("intent", [nd335InputsSchema.extend({ intent: z.literal("inputs-nd335") }), nd90InputsSchema.extend({ intent: z.literal("inputs-nd90") }), resultSchema, disciplineSchema]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope } = await requirePermission(request, "run:appraisal");
  const cycleId = invariantFound(idParam(params.cycleId));
  const officerId = invariantFound(idParam(params.officerId));
  const back = `/appraisal/${cycleId}/officers/${officerId}`;
  const formData = await request.formData();
  if (formData.get("intent") === "consume") return consumeAction(formData, { cycleId, scope, user, back });
  const submission = parseWithZod(formData, { schema });
  const formIntent = String(formData.get("intent"));
  if (submission.status !== "success") return data({ ...submission.reply(), formIntent }, { status: 400 });
  const v = submission.value;
  const target = { cycleId, officerId, scope };
  const db = getDb();
  const result = invariantFound(
    v.intent === "inputs-nd90"
      ? await saveInputs(db, { ...target, inputs: { assessedRating: v.assessedRating } }, user)
      : v.intent === "inputs-nd335"
        ? await saveInputs(
            db,
            {
              ...target,
              inputs: {
                generalPoints: v.generalPoints,
                tasks: v.tasks,
                itemTasks: Object.fromEntries(v.taskItemId.flatMap((id, i) => (v.taskItemTitle[i] ? [[String(id), v.taskItemTitle[i]!]] : []))),
              },
            },
            user,
          )
        : v.intent === "result"
          ? await recordResult(db, { ...target, rating: v.rating, points: v.points, reason: v.reason }, user)
          : await recordDiscipline(
              db,
              { ...target, conclusionItemId: v.conclusionItemId ?? null, decisionNumber: v.decisionNumber, system: v.system, level: v.level, decidedOn: v.decidedOn },
              user,
            ),
  );
  if (!result.ok) {
    const reply = result.field ? submission.reply({ fieldErrors: { [result.field]: [result.message] } }) : submission.reply({ formErrors: [result.message] });
    return data({ ...reply, formIntent }, { status: 409 });
  }
  return redirectWithToast(back, result.message);
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => (actionStatus === 409 ? true : defaultShouldRevalidate);

export default function OfficerSheetPage() {
  const sheet = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as ({ refusal?: Refusal; formIntent?: string; status?: string; error?: FormErrors } & Record<string, unknown>) | undefined;
  const errorsFor = (intent: string): FormErrors => (last?.formIntent === intent && last.status === "error" ? (last.error ?? {}) : {});
  const { cycle, officer } = sheet;
  const open = cycle.status === "open";
  const base = `/appraisal/${cycle.id}/officers/${officer.id}`;
  return (
    <>
      <PageHeader
        title={`${officer.name} — ${cycle.reference}`}
        description={`${officer.code} · ${OFFICER_CATEGORY_LABELS[officer.category]} · ${officer.unit?.name ?? "chưa rõ đơn vị"} · bộ quy tắc ${cycle.rule_set_code}`}
        actions={
          <>
            <StatusBadge status={cycle.status} />
            <Button component="a" href={`${base}/sheet.pdf`} variant="default" size="sm">
              Phiếu đánh giá (PDF)
            </Button>
          </>
        }
      />
      <RefusalAlert refusal={last?.refusal} />
      <Stack gap="lg">
        {sheet.notCovered ? (
          <Alert color="yellow.9" variant="light" title="Không đánh giá trong kỳ này">
            {sheet.notCovered}
          </Alert>
        ) : null}
        {!open ? <Text c="dimmed">Kỳ đánh giá đã khoá: phiếu chỉ để xem.</Text> : null}
        {sheet.notCovered ? null : (
          <Section id="proposal" title="Đề xuất xếp loại" description={`Theo bộ quy tắc ${cycle.rule_set_code}, từ các nội dung đã ghi nhận trong kỳ, các quyết định kỷ luật và thông tin đánh giá đã nhập.`}>
            <ProposalView proposal={sheet.proposal} latest={sheet.latest} />
          </Section>
        )}
        {open && !sheet.notCovered ? (
          <>
            <Section id="result" title="Kết quả xếp loại">
              <ResultForm sheet={sheet} errors={errorsFor("result")} />
            </Section>
            <Section id="inputs" title="Thông tin đánh giá" description="Lưu thông tin mới sẽ tính lại đề xuất; kết quả xếp loại cần được ghi lại sau đó.">
              <InputsForm sheet={sheet} errors={errorsFor(cycle.rule_set_code === "nd335-2025" ? "inputs-nd335" : "inputs-nd90")} />
            </Section>
          </>
        ) : null}
        {sheet.corrections.length > 0 ? (
          <Section id="corrections" title="Đính chính cần xác nhận" description="Xác nhận để biết; nội dung đã ghi nhận trước vẫn giữ nguyên, không tính lại.">
            <PendingTable rows={sheet.corrections} cycleId={cycle.id} open={open} askTasks={false} caption="Đính chính cần xác nhận" showSubject={false} />
          </Section>
        ) : null}
        <Section id="pending" title={`Nội dung kết luận chờ ghi nhận (${sheet.pending.length})`}>
          {sheet.pending.length === 0 ? (
            <Text c="dimmed">Không có nội dung kết luận nào chờ ghi nhận.</Text>
          ) : (
            <PendingTable
              rows={sheet.pending.map((p) => ({ ...p, blockedReason: sheet.notCovered }))}
              cycleId={cycle.id}
              open={open}
              askTasks={cycle.rule_set_code === "nd335-2025"}
              caption="Nội dung kết luận chờ ghi nhận"
              showSubject={false}
            />
          )}
        </Section>
        <Section id="here" title={`Đã ghi nhận trong kỳ (${sheet.here.length})`}>
          {sheet.here.length === 0 ? <Text c="dimmed">Chưa ghi nhận nội dung nào trong kỳ này.</Text> : <ConsumedTable rows={sheet.here} cycleId={cycle.id} caption="Nội dung đã ghi nhận trong kỳ" showSubject={false} highlight={last?.refusal?.itemId} />}
        </Section>
        {sheet.elsewhere.length > 0 ? (
          <Section id="elsewhere" title="Đã dùng ở kỳ khác" description="Không đánh giá lại: các nội dung này đã được ghi nhận ở kỳ đánh giá khác.">
            <ConsumedTable rows={sheet.elsewhere} cycleId={cycle.id} caption="Nội dung đã dùng ở kỳ khác" showSubject={false} showCycle />
          </Section>
        ) : null}
        <Section id="discipline" title="Quyết định kỷ luật">
          <DisciplineSection sheet={sheet} errors={errorsFor("discipline")} open={open} />
        </Section>
        <Section id="history" title="Các lần ghi trong kỳ">
          <ResultHistory history={sheet.history} />
        </Section>
        <Group>
          <Anchor component={Link} to={`/appraisal/${cycle.id}`} size="sm">
            ← {cycle.reference}
          </Anchor>
        </Group>
      </Stack>
    </>
  );
}
