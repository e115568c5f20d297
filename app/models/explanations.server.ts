// The unit head's explanation (báo cáo giải trình) of a case: the team lead's request with its
// working-day deadline, the answers to each finding (bound to the finding version answered, with files
// kept in PostgreSQL with their SHA-256), sending the explanation, and what the case page shows of it.
// Writes lock the case row and append one audit event (entity 'case') in their transaction; a case
// outside the caller's scope does not exist (undefined → 404).
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import { attachmentProblems, sniffMediaType, type UploadedFile } from "../domain/attachments.js";
import type { CaseState } from "../domain/case-states.js";
import {
  deadlineLabel,
  deadlineStatus,
  explanationDeadline,
  unansweredFindings,
  unansweredMessage,
} from "../domain/explanation.js";
import { findingEditRefusal } from "../domain/findings.js";
import { formatIsoDate, formatNumber, todayInVietnam } from "../domain/format.js";
import { caseScore, currentFindings, rubricFullMarks } from "../domain/rubric.js";
import type { SessionUser } from "../permissions.js";
import { appendAudit } from "./audit.server.js";
import { applyTransition, caseActorOf, lockCase, type TransitionResult } from "./cases.server.js";
import { currentFindingsOf, findingVersionsOf, latestVersions, loadRubric } from "./findings.server.js";
import { loadCalendar } from "./outcomes.server.js";
import { inScope } from "./units.server.js";

type Db = Database | Tx;

export const NO_FINDINGS = "Vụ việc chưa có nội dung kiểm tra nào: hãy ghi nội dung kiểm tra trước khi yêu cầu đơn vị giải trình.";

/** For each finding of the case, the versions its answers were given to. */
async function answeredVersions(db: Db, caseId: number): Promise<Map<number, number[]>> {
  const rows = await db.selectFrom("explanation_answer").select(["finding_id", "finding_version"]).where("case_id", "=", caseId).execute();
  const map = new Map<number, number[]>();
  for (const r of rows) map.set(r.finding_id, [...(map.get(r.finding_id) ?? []), r.finding_version]);
  return map;
}

/**
 * The team lead asks the unit to explain within `workingDays` working days of today (Vietnam), counted
 * on the province's calendar: records the request, sets the case's deadline and moves it to
 * "awaiting explanation", in one transaction. Undefined: no such case in scope.
 */
export async function requestExplanation(
  db: Database,
  input: { caseId: number; scope: Scope; workingDays: number; message?: string | null },
  user: SessionUser,
  now = new Date(),
): Promise<(TransitionResult & { deadline?: string }) | undefined> {
  return db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, input.caseId, input.scope);
    if (!c) return undefined;
    const deadline = explanationDeadline(await loadCalendar(trx), todayInVietnam(now), input.workingDays);
    const message = input.message?.trim() || null;
    const moved = await applyTransition(trx, c, "request_explanation", user, {
      precondition: async () => ((await currentFindingsOf(trx, c.id)).length === 0 ? NO_FINDINGS : null),
      note: `Hạn giải trình: ${formatIsoDate(deadline)} (${formatNumber(input.workingDays)} ngày làm việc).`,
      data: { workingDays: input.workingDays, deadline, message },
    });
    if (!moved.ok) return moved;
    await trx.insertInto("explanation_request").values({ case_id: c.id, working_days: input.workingDays, deadline, message, requested_by: user.id }).execute();
    await trx.updateTable("inspection_case").set({ explanation_deadline: deadline }).where("id", "=", c.id).execute();
    return { ...moved, deadline };
  });
}

export type AnswerResult = { ok: true; number: number; version: number; attachments: number } | { ok: false; message: string; field?: "body" | "files" };

/**
 * The unit head's answer to one current finding, bound to its current version, with its files. A later
 * answer to the same finding supersedes this one; both are kept. Undefined: no such case in scope, or no
 * such finding in it.
 */
export async function answerFinding(
  db: Database,
  input: { caseId: number; scope: Scope; findingId: number; body: string; files: readonly UploadedFile[] },
  user: SessionUser,
): Promise<AnswerResult | undefined> {
  return db.transaction().execute(async (trx): Promise<AnswerResult | undefined> => {
    const c = await lockCase(trx, input.caseId, input.scope);
    if (!c) return undefined;
    const finding = latestVersions(await findingVersionsOf(trx, c.id)).find((v) => v.id === input.findingId);
    if (!finding) return undefined;
    const actor = await caseActorOf(trx, c, user);
    if (!actor.roles.includes("unit_head") || !actor.isHeadOfSubjectUnit) return { ok: false, message: "Chỉ Thủ trưởng đơn vị được kiểm tra được giải trình." };
    if ((c.state as CaseState) !== "awaiting_explanation") {
      return { ok: false, message: "Vụ việc không ở trạng thái «Chờ giải trình»: chỉ nhận giải trình sau khi đoàn kiểm tra yêu cầu và trước khi gửi giải trình." };
    }
    if (finding.withdrawn) return { ok: false, message: `Nội dung kiểm tra số ${finding.number} đã được rút: không cần giải trình.` };
    const body = input.body.trim();
    if (body === "") return { ok: false, field: "body", message: "Vui lòng nhập nội dung giải trình." };
    const problems = attachmentProblems(input.files);
    if (problems.length > 0) return { ok: false, field: "files", message: problems.join(" ") };
    const request = await trx.selectFrom("explanation_request").select("id").where("case_id", "=", c.id).orderBy("id", "desc").limit(1).executeTakeFirst();
    const answer = await trx
      .insertInto("explanation_answer")
      .values({ case_id: c.id, finding_id: finding.id, finding_version: finding.version, explanation_request_id: request?.id ?? null, body, answered_by: user.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    const stored = [];
    for (const file of input.files) {
      const sha256 = createHash("sha256").update(file.content).digest("hex");
      const row = await trx
        .insertInto("attachment")
        .values({
          case_id: c.id,
          explanation_answer_id: answer.id,
          file_name: file.fileName,
          media_type: sniffMediaType(file.content)!,
          size_bytes: file.content.length,
          sha256,
          content: Buffer.from(file.content),
          uploaded_by: user.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      stored.push({ id: row.id, fileName: file.fileName, sha256, sizeBytes: file.content.length });
    }
    const files = stored.length > 0 ? `, kèm ${stored.length} tệp (${stored.map((s) => s.fileName).join(", ")})` : "";
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "case.explanation_answer",
      entityType: "case",
      entityId: c.id,
      summary: `Giải trình nội dung kiểm tra số ${finding.number} (phiên bản ${finding.version})${files}.`,
      data: { answerId: answer.id, findingId: finding.id, number: finding.number, findingVersion: finding.version, attachments: stored },
    });
    return { ok: true, number: finding.number, version: finding.version, attachments: stored.length };
  });
}

/**
 * The unit head sends the explanation: refused while a current finding has no answer to its current
 * version (naming the findings), otherwise the case moves to review. Undefined: no such case in scope.
 */
export async function submitExplanation(db: Database, input: { caseId: number; scope: Scope }, user: SessionUser): Promise<TransitionResult | undefined> {
  return db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, input.caseId, input.scope);
    if (!c) return undefined;
    const [current, answered] = await Promise.all([currentFindingsOf(trx, c.id), answeredVersions(trx, c.id)]);
    const missing = unansweredFindings(current.map((f) => ({ number: f.number, version: f.version, answeredVersions: answered.get(f.id) ?? [] })));
    return applyTransition(trx, c, "submit_explanation", user, {
      precondition: async () => (current.length === 0 ? NO_FINDINGS : missing.length > 0 ? unansweredMessage(missing) : null),
      note: `Giải trình ${formatNumber(current.length)} nội dung kiểm tra.`,
      data: { findings: current.map((f) => ({ number: f.number, version: f.version })) },
    });
  });
}

/** One attached file, only when its case is in the scope and it belongs to that case. */
export async function getAttachment(db: Database, input: { caseId: number; attachmentId: number; scope: Scope }) {
  return db
    .selectFrom("attachment as a")
    .innerJoin("inspection_case as c", "c.id", "a.case_id")
    .select(["a.id", "a.file_name", "a.media_type", "a.size_bytes", "a.sha256", "a.content"])
    .where("a.id", "=", input.attachmentId)
    .where("a.case_id", "=", input.caseId)
    .where(inScope("c.subject_unit_id", input.scope))
    .executeTakeFirst();
}

// ——— What the case page shows ———

export type CitedDossier = { id: number; code: string };

export type FindingVersionView = {
  version: number;
  criterionCode: string;
  criterionTitle: string;
  facts: string;
  proposedDeduction: number;
  withdrawn: boolean;
  changeNote: string | null;
  createdByName: string;
  createdAt: Date;
  dossiers: CitedDossier[];
};

export type AttachmentView = { id: number; fileName: string; mediaType: string; sizeBytes: number; sha256: string };

export type AnswerView = {
  id: number;
  findingVersion: number;
  body: string;
  answeredByName: string;
  answeredAt: Date;
  /** Given to an earlier version of the finding than its current one. */
  stale: boolean;
  attachments: AttachmentView[];
};

export type FindingView = {
  id: number;
  number: number;
  current: FindingVersionView;
  /** Earlier versions, newest first. */
  history: FindingVersionView[];
  /** Newest first: the first is the one that stands, the others are superseded. */
  answers: AnswerView[];
};

export type ScoreRow = { code: string; title: string; maxPoints: number; deducted: number; remaining: number };

/**
 * Findings, score and explanation of a case for its page, with what the viewer may do there. Undefined
 * when the case is not in the scope. A case has tens of findings, so they come whole, not by page.
 */
export async function getCaseFindings(db: Database, input: { caseId: number; scope: Scope; viewer: SessionUser; now?: Date }) {
  const c = await db.selectFrom("inspection_case").selectAll().where("id", "=", input.caseId).where(inScope("subject_unit_id", input.scope)).executeTakeFirst();
  if (!c) return undefined;
  const state = c.state as CaseState;
  const [rubric, versions, cited, answers, attachments, requests, evidence, actor] = await Promise.all([
    loadRubric(db, c.rubric_set_id),
    findingVersionsOf(db, c.id),
    db
      .selectFrom("finding_version_dossier as fd")
      .innerJoin("finding_version as v", "v.id", "fd.finding_version_id")
      .innerJoin("finding as f", "f.id", "v.finding_id")
      .innerJoin("dossier as d", "d.id", "fd.dossier_id")
      .select(["fd.finding_version_id", "d.id", "d.code"])
      .where("f.case_id", "=", c.id)
      .orderBy("d.code")
      .execute(),
    db
      .selectFrom("explanation_answer as a")
      .innerJoin("app_user as u", "u.id", "a.answered_by")
      .select(["a.id", "a.finding_id", "a.finding_version", "a.body", "a.answered_at", "u.display_name"])
      .where("a.case_id", "=", c.id)
      .orderBy("a.id", "desc")
      .execute(),
    db
      .selectFrom("attachment")
      .select(["id", "explanation_answer_id", "file_name", "media_type", "size_bytes", "sha256"])
      .where("case_id", "=", c.id)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("explanation_request as r")
      .innerJoin("app_user as u", "u.id", "r.requested_by")
      .select(["r.id", "r.working_days", "r.deadline", "r.message", "r.requested_at", "u.display_name"])
      .where("r.case_id", "=", c.id)
      .orderBy("r.id", "desc")
      .execute(),
    db
      .selectFrom("case_evidence as e")
      .innerJoin("dossier as d", "d.id", "e.dossier_id")
      .select(["d.id", "d.code"])
      .where("e.case_id", "=", c.id)
      .where("e.detached_at", "is", null)
      .orderBy("d.code")
      .execute(),
    caseActorOf(db, c, input.viewer),
  ]);
  // When the unit last sent its explanation: the audit event of that move is the record of it.
  const submitted = await db
    .selectFrom("audit_event")
    .select("at")
    .where("entity_type", "=", "case")
    .where("entity_id", "=", String(c.id))
    .where("action", "=", "case.transition")
    .where(sql<boolean>`data->>'action' = 'submit_explanation'`)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();

  const criterionTitle = (code: string) => rubric.criteria.find((k) => k.code === code)?.title ?? "(tiêu chí không có trong bộ tiêu chí)";
  const dossiersOf = new Map<number, CitedDossier[]>();
  for (const d of cited) dossiersOf.set(d.finding_version_id, [...(dossiersOf.get(d.finding_version_id) ?? []), { id: d.id, code: d.code }]);
  const filesOf = new Map<number, AttachmentView[]>();
  for (const a of attachments) {
    if (a.explanation_answer_id === null) continue;
    const view = { id: a.id, fileName: a.file_name, mediaType: a.media_type, sizeBytes: a.size_bytes, sha256: a.sha256 };
    filesOf.set(a.explanation_answer_id, [...(filesOf.get(a.explanation_answer_id) ?? []), view]);
  }
  const versionView = (v: (typeof versions)[number]): FindingVersionView => ({
    version: v.version,
    criterionCode: v.criterionCode,
    criterionTitle: criterionTitle(v.criterionCode),
    facts: v.facts,
    proposedDeduction: v.proposedDeduction,
    withdrawn: v.withdrawn,
    changeNote: v.changeNote,
    createdByName: v.createdByName,
    createdAt: v.createdAt,
    dossiers: dossiersOf.get(v.versionId) ?? [],
  });
  const findings: FindingView[] = latestVersions(versions).map((latest) => ({
    id: latest.id,
    number: latest.number,
    current: versionView(latest),
    history: versions.filter((v) => v.id === latest.id && v.version < latest.version).reverse().map(versionView),
    answers: answers
      .filter((a) => a.finding_id === latest.id)
      .map((a) => ({
        id: a.id,
        findingVersion: a.finding_version,
        body: a.body,
        answeredByName: a.display_name,
        answeredAt: new Date(a.answered_at),
        stale: a.finding_version < latest.version,
        attachments: filesOf.get(a.id) ?? [],
      })),
  }));

  const current = currentFindings(versions);
  const score: ScoreRow[] = rubric.criteria.map((k) => {
    const deducted = current.filter((f) => f.criterionCode === k.code).reduce((sum, f) => sum + Math.round(f.proposedDeduction * 100), 0) / 100;
    return { code: k.code, title: k.title, maxPoints: k.maxPoints, deducted, remaining: Math.max(0, Math.round((k.maxPoints - deducted) * 100) / 100) };
  });

  const latestRequest = requests[0];
  let deadlineText: string | null = null;
  if (c.explanation_deadline) {
    deadlineText =
      state === "awaiting_explanation"
        ? deadlineLabel(c.explanation_deadline, deadlineStatus(await loadCalendar(db), c.explanation_deadline, todayInVietnam(input.now)))
        : `Hạn giải trình: ${formatIsoDate(c.explanation_deadline)}`;
  }
  const unanswered = unansweredFindings(
    findings
      .filter((f) => !f.current.withdrawn)
      .map((f) => ({ number: f.number, version: f.current.version, answeredVersions: f.answers.map((a) => a.findingVersion) })),
  );
  const editRefusal = findingEditRefusal(state, actor);
  return {
    rubric: { code: rubric.id, version: rubric.version, title: rubric.title, fullMarks: rubricFullMarks(rubric), criteria: rubric.criteria.map((k) => ({ ...k })) },
    score: { total: caseScore(rubric, versions), rows: score },
    findings,
    currentCount: current.length,
    evidenceOptions: evidence.map((e) => ({ id: e.id, code: e.code })),
    explanation: {
      deadline: c.explanation_deadline,
      deadlineText,
      requests: requests.map((r) => ({
        id: r.id,
        workingDays: r.working_days,
        deadline: r.deadline,
        message: r.message,
        requestedAt: new Date(r.requested_at),
        requestedByName: r.display_name,
      })),
      latestMessage: latestRequest?.message ?? null,
      /** The unit sent its answers to the latest request at this instant; null while it has not. */
      submittedAt: submitted && latestRequest && new Date(submitted.at) >= new Date(latestRequest.requested_at) ? new Date(submitted.at) : null,
      unanswered,
    },
    /** The viewer's team seat lets them write findings now (editRefusal null); or why not, for team members. */
    canEditFindings: editRefusal === null,
    editRefusal: actor.isTeamLead || actor.isTeamMember ? editRefusal : null,
    canAnswer: state === "awaiting_explanation" && actor.roles.includes("unit_head") && actor.isHeadOfSubjectUnit,
  };
}

export type CaseFindingsView = NonNullable<Awaited<ReturnType<typeof getCaseFindings>>>;
