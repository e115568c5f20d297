// The conclusion workspace of a case: the team lead drafts the notice (text, items from findings,
// recommendations) and submits it; an approver who did not draft it returns it with a comment or
// approves it, which publishes it with its number; after publication the lead may draft a correction.
// Unit heads see only what is published.
import { parseWithZod } from "../forms.js";
import { Anchor, Badge, Group, Stack, Text } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { conclusionSchema } from "../components/ConclusionSchemas.js";
import { ConclusionDraftView, PublishedNotices } from "../components/ConclusionViews.js";
import { CaseStateBadge } from "../components/CaseViews.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { CONCLUSION_STATUS_LABELS } from "../domain/conclusion.js";
import { todayInVietnam } from "../domain/format.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import {
  getConclusionWorkspace,
  itemSubjectOfficers,
  publishConclusion,
  removeFromDraft,
  returnConclusion,
  saveConclusionText,
  saveItem,
  saveRecommendation,
  startConclusion,
  startCorrection,
  submitConclusion,
} from "../models/conclusions.server.js";
import { unitOptions } from "../models/units.server.js";
import { can, type Permission } from "../permissions.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Kết luận — ${data?.case.code ?? "Vụ việc"} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:case");
  const caseId = invariantFound(idParam(params.caseId));
  const workspace = invariantFound(await getConclusionWorkspace(getDb(), { caseId, scope, viewer: user }));
  // Drafts belong to the inspection office and the approvers; the inspected unit reads what is published.
  const seesDrafts = can(user, "manage:case") || can(user, "approve:conclusion");
  const conclusion = workspace.conclusion && (seesDrafts || workspace.conclusion.status === "published") ? workspace.conclusion : null;
  const editing = workspace.can.edit;
  const [units, officers] = editing
    ? await Promise.all([
        unitOptions(getDb(), { all: true }, todayInVietnam()),
        itemSubjectOfficers(getDb(), workspace.case.subjectUnitId),
      ])
    : [[], []];
  return {
    ...workspace,
    conclusion,
    items: conclusion ? workspace.items : [],
    recommendations: conclusion ? workspace.recommendations : [],
    reviews: seesDrafts ? workspace.reviews : [],
    findings: seesDrafts ? workspace.findings : [],
    seesDrafts,
    units,
    officers: officers.map((o) => ({ value: `officer:${o.id}`, label: `${o.code} — ${o.full_name}` })),
    today: todayInVietnam(),
  };
}

const INTENT_PERMISSION: Record<string, Permission> = {
  start: "manage:case",
  correct: "manage:case",
  text: "manage:case",
  item: "manage:case",
  "item-remove": "manage:case",
  recommendation: "manage:case",
  "recommendation-remove": "manage:case",
  submit: "manage:case",
  return: "approve:conclusion",
  approve: "approve:conclusion",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const caseId = invariantFound(idParam(params.caseId));
  const formData = await request.formData();
  const permission = INTENT_PERMISSION[String(formData.get("intent"))] ?? "manage:case";
  const { user, scope } = await requirePermission(request, permission);
  const submission = parseWithZod(formData, { schema: conclusionSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), formIntent: String(formData.get("intent")) }, { status: 400 });
  const v = submission.value;
  const db = getDb();
  const target = { caseId, scope };
  const result = invariantFound(
    await (() => {
      switch (v.intent) {
        case "start":
          return startConclusion(db, target, user);
        case "correct":
          return startCorrection(db, target, user);
        case "text":
          return saveConclusionText(db, { ...target, title: v.title, summary: v.summary, responsibility: v.responsibility, recipients: v.recipients }, user);
        case "item": {
          const [kind, idText] = v.subject.split(":");
          const subject = kind === "unit" ? { unitId: Number(idText) } : kind === "officer" ? { officerId: Number(idText) } : ("case" as const);
          return saveItem(
            db,
            {
              ...target,
              itemId: v.itemId ?? null,
              subject,
              kind: v.kind,
              content: v.content,
              points: v.points,
              attributedDelays: v.attributedDelays,
              disciplineLevel: v.disciplineLevel ?? null,
              parDeduction: v.parDeduction,
              findingIds: v.findingIds,
            },
            user,
          );
        }
        case "item-remove":
          return removeFromDraft(db, { ...target, kind: "item", id: v.id }, user);
        case "recommendation":
          return saveRecommendation(db, { ...target, recommendationId: v.recommendationId ?? null, kind: v.kind, content: v.content, ownerUnitId: v.ownerUnitId, deadline: v.deadline }, user);
        case "recommendation-remove":
          return removeFromDraft(db, { ...target, kind: "recommendation", id: v.id }, user);
        case "submit":
          return submitConclusion(db, target, user);
        case "return":
          return returnConclusion(db, { ...target, comment: v.comment }, user);
        case "approve":
          return publishConclusion(db, { ...target, capacity: v.capacity }, user);
      }
    })(),
  );
  if (!result.ok) {
    const reply = "field" in result && result.field ? submission.reply({ fieldErrors: { [result.field]: [result.message] } }) : submission.reply({ formErrors: [result.message] });
    return data({ ...reply, formIntent: v.intent as string }, { status: 409 });
  }
  const back = v.intent === "approve" || v.intent === "submit" || v.intent === "return" ? `/cases/${caseId}` : `/cases/${caseId}/conclusion`;
  return redirectWithToast(back, result.message);
}

export default function ConclusionPage() {
  const loaded = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { case: c, conclusion, notices } = loaded;
  return (
    <>
      <PageHeader
        title={`Kết luận kiểm tra — ${c.code}`}
        description={
          // A span: the description is a paragraph, and a div inside it breaks hydration of the whole page.
          <Group gap="xs" component="span">
            <Text span>{c.subject}</Text>
            <Text span c="dimmed">
              ·
            </Text>
            <Anchor component={Link} to={`/cases/${c.id}`}>
              Về vụ việc
            </Anchor>
          </Group>
        }
        actions={
          <Group gap="xs">
            <CaseStateBadge state={c.state} />
            {conclusion && conclusion.status !== "published" ? (
              // Beside the case's state badge, and read the same way: sentence case, saying whose status it is.
              <Badge variant="light" color="ktcv" tt="none" data-testid="conclusion-status">
                {conclusion.supersedes_id ? "Đính chính" : "Kết luận"}: {CONCLUSION_STATUS_LABELS[conclusion.status].toLowerCase()}
              </Badge>
            ) : null}
          </Group>
        }
      />
      <Stack gap="lg">
        <PublishedNotices notices={notices} />
        <ConclusionDraftView workspace={loaded} lastResult={lastResult} />
      </Stack>
    </>
  );
}
