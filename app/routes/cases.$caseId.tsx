import { parseWithZod } from "../forms.js";
import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { CaseActionForms, transitionSchema } from "../components/CaseActionForms.js";
import { CaseEvidenceTable, detachSchema } from "../components/CaseEvidence.js";
import { CaseExplanation, ExplanationRequestForm } from "../components/CaseExplanation.js";
import { findingAction } from "../components/CaseFindingActions.server.js";
import { CaseFindings } from "../components/CaseFindings.js";
import { isFindingIntent } from "../components/FindingSchemas.js";
import { addEvidenceSchema } from "../components/CaseSchemas.js";
import { CaseStateBadge, CaseTimeline, subjectLabel } from "../components/CaseViews.js";
import { Field } from "../components/DossierDetailSections.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { CASE_STATE_LABELS } from "../domain/case-states.js";
import { formatDateTime } from "../domain/format.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { CONCLUSION_ACTIONS, detachEvidence, evidenceSetOptions, getCase, transitionCase } from "../models/cases.server.js";
import { getCaseFindings } from "../models/explanations.server.js";
import { addEvidenceToCase, evidenceAddedMessage, nothingAddedMessage } from "../models/case-intake.server.js";
import { parseDossierCodes } from "../domain/dossier-codes.js";
import { can } from "../permissions.js";
import { redirectWithToast } from "../toast.server.js";
import { readPostedForm, UploadRefused } from "../upload.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.case.code ?? "Vụ việc"} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:case");
  const id = invariantFound(idParam(params.caseId));
  const detail = invariantFound(await getCase(getDb(), { id, scope, viewer: user }));
  const evidenceOpen = !["published", "closed", "withdrawn"].includes(detail.case.state);
  // Submitting, returning and approving happen on the conclusion page, which numbers and freezes the notice.
  const actions = detail.actions.filter((a) => !(CONCLUSION_ACTIONS as readonly string[]).includes(a.action));
  const findings = invariantFound(await getCaseFindings(getDb(), { caseId: id, scope, viewer: user }));
  const canDetach = can(user, "manage:case") && evidenceOpen;
  return { ...detail, actions, canDetach, findings, canReadEvidence: can(user, "read:evidence"), evidenceSets: canDetach ? await evidenceSetOptions(getDb()) : [] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = invariantFound(idParam(params.caseId));
  // Whoever acts on a case may read cases: checked before a body (perhaps with files) is read.
  await requirePermission(request, "read:case");
  const posted = await readPostedForm(request).catch((e: unknown) => {
    if (e instanceof UploadRefused) throw new Response(e.message, { status: 413, statusText: "Payload Too Large" });
    throw e;
  });
  const formData = posted.formData;
  const intent = formData.get("intent");
  if (isFindingIntent(intent)) return findingAction(request, id, intent, formData, posted.oversize);
  if (intent === "detach") {
    const { user, scope } = await requirePermission(request, "manage:case");
    // The case must be visible to the user before anything about it is said.
    invariantFound(await getCase(getDb(), { id, scope }));
    const submission = parseWithZod(formData, { schema: detachSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const result = invariantFound(await detachEvidence(getDb(), { caseId: id, evidenceId: submission.value.evidenceId, reason: submission.value.reason.normalize("NFC") }, user.id));
    if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: 409 });
    return redirectWithToast(`/cases/${id}`, "Đã gỡ hồ sơ khỏi chứng cứ của vụ việc.");
  }
  if (formData.get("intent") === "evidence-add") {
    const { user, scope } = await requirePermission(request, "manage:case");
    invariantFound(await getCase(getDb(), { id, scope }));
    const submission = parseWithZod(formData, { schema: addEvidenceSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const { codes, evidenceSetId } = submission.value;
    const result = invariantFound(await addEvidenceToCase(getDb(), scope, { caseId: id, codes: parseDossierCodes(codes ?? ""), evidenceSetId: evidenceSetId ?? null }, user.id));
    // Field errors, not form errors: the page's action forms show form errors as a refused transition.
    if (!result.ok) return data(submission.reply({ fieldErrors: { [result.field ?? "codes"]: [result.message] } }), { status: 409 });
    if (result.addedCodes.length === 0) return data(submission.reply({ fieldErrors: { codes: [nothingAddedMessage(result.alreadyCodes)] } }), { status: 409 });
    return redirectWithToast(`/cases/${id}`, evidenceAddedMessage(result));
  }
  // Who may move the case is the state machine's rule (team lead, subject unit head, approver…); the
  // permission only says the user may see cases at all, and its scope hides the others.
  const { user, scope } = await requirePermission(request, "read:case");
  const submission = parseWithZod(formData, { schema: transitionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { action, reason, comment } = submission.value;
  const result = invariantFound(await transitionCase(getDb(), { id, scope, action, reason: reason?.normalize("NFC"), comment: comment?.normalize("NFC") }, user));
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: 409 });
  return redirectWithToast(`/cases/${id}`, `Vụ việc ${result.code} chuyển sang «${CASE_STATE_LABELS[result.to]}».`);
}

export default function CasePage() {
  const { case: c, evidence, timeline, actions, canDetach, findings, canReadEvidence, evidenceSets } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  // Every form of the page shares the action; a reply goes back only to the form whose intent it answers.
  const replyTo = (...intents: string[]) => (reply && intents.includes(String(reply.initialValue?.intent)) ? reply : undefined);
  const active = evidence.filter((e) => !e.detached_at).length;
  // Asking for an explanation needs the working days: its own form replaces the generic button.
  const canRequest = actions.some((a) => a.action === "request_explanation");
  const generic = actions.filter((a) => a.action !== "request_explanation" && a.action !== "submit_explanation");
  return (
    <>
      <PageHeader
        title={`${c.code} — ${c.title}`}
        description="Vụ việc kiểm tra"
        actions={
          <Group gap="sm">
            <CaseStateBadge state={c.state} />
            {["under_review", "pending_approval", "published", "closed"].includes(c.state) ? (
              <Button component={Link} to={`/cases/${c.id}/conclusion`} variant="light">
                Kết luận kiểm tra
              </Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="lg">
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label="Đợt kiểm tra">
              {c.decision_number} — {c.inspection_title}
            </Field>
            <Field label="Đối tượng">{subjectLabel(c)}</Field>
            <Field label="Người mở">
              {c.created_by_name}, {formatDateTime(c.created_at)}
            </Field>
            {c.withdrawn_reason ? <Field label="Lý do rút">{c.withdrawn_reason}</Field> : null}
          </SimpleGrid>
        </Card>
        <div>
          <Title order={2} size="h4" mb="xs">
            Thao tác
          </Title>
          <CaseActionForms actions={generic} lastResult={replyTo("transition")}>
            {canRequest ? (
              <ExplanationRequestForm currentCount={findings.currentCount} again={c.state === "under_review"} lastResult={replyTo("explanation-request")} />
            ) : findings.canAnswer ? (
              <Text size="sm">Giải trình từng nội dung kiểm tra và bấm «Gửi giải trình» tại mục «Giải trình của đơn vị» bên dưới.</Text>
            ) : undefined}
          </CaseActionForms>
        </div>
        <CaseExplanation state={c.state} view={findings} canSubmit={actions.some((a) => a.action === "submit_explanation")} lastResult={replyTo("explanation-submit")} />
        <CaseFindings caseId={c.id} view={findings} canReadEvidence={canReadEvidence} lastResult={replyTo("finding-add", "finding-revise", "finding-withdraw", "explanation-answer")} />
        <div>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              Chứng cứ đã đóng băng
            </Title>
            <Text c="dimmed" size="sm">
              {active} hồ sơ
            </Text>
          </Group>
          <CaseEvidenceTable rows={evidence} canDetach={canDetach} lastResult={replyTo("detach", "evidence-add")} canAdd={canDetach} evidenceSets={evidenceSets} />
        </div>
        <div>
          <Title order={2} size="h4" mb="xs">
            Diễn biến
          </Title>
          <CaseTimeline events={timeline} />
        </div>
      </Stack>
    </>
  );
}
