import { parseWithZod } from "@conform-to/zod";
import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { CaseActionForms, transitionSchema } from "../components/CaseActionForms.js";
import { CaseEvidenceTable, detachSchema } from "../components/CaseEvidence.js";
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
import { addEvidenceToCase, evidenceAddedMessage, nothingAddedMessage } from "../models/case-intake.server.js";
import { parseDossierCodes } from "../domain/dossier-codes.js";
import { can } from "../permissions.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.case.code ?? "Vụ việc"} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:case");
  const id = invariantFound(idParam(params.caseId));
  const detail = invariantFound(await getCase(getDb(), { id, scope, viewer: user }));
  const evidenceOpen = !["published", "closed", "withdrawn"].includes(detail.case.state);
  // Submitting, returning and approving happen on the conclusion page, which numbers and freezes the notice.
  const actions = detail.actions.filter((a) => !(CONCLUSION_ACTIONS as readonly string[]).includes(a.action));
  const canDetach = can(user, "manage:case") && evidenceOpen;
  return { ...detail, actions, canDetach, evidenceSets: canDetach ? await evidenceSetOptions(getDb()) : [] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = invariantFound(idParam(params.caseId));
  const formData = await request.formData();
  if (formData.get("intent") === "detach") {
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
  const { case: c, evidence, timeline, actions, canDetach, evidenceSets } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const active = evidence.filter((e) => !e.detached_at).length;
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
          <CaseActionForms actions={actions} lastResult={lastResult} />
        </div>
        <div>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              Chứng cứ đã đóng băng
            </Title>
            <Text c="dimmed" size="sm">
              {active} hồ sơ
            </Text>
          </Group>
          <CaseEvidenceTable rows={evidence} canDetach={canDetach} lastResult={lastResult} canAdd={canDetach} evidenceSets={evidenceSets} />
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
