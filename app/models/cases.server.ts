// Cases (vụ việc kiểm tra): opened inside an inspection against one unit or one officer, from evidence
// frozen at attachment time. Every write takes the case row `for update` (or creates it) and appends its
// audit event (entity 'case', id = the case id, so the case page's timeline reads them) in the same
// transaction. Readers pass the caller's scope, which goes into the WHERE: a case outside it does not exist.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import type { DeadlineFilterValue } from "../components/CaseListParams.js";
import { canonicalJson } from "../domain/canonical-json.js";
import { formatCaseCode } from "../domain/case-code.js";
import {
  CASE_ACTION_LABELS,
  CASE_STATE_LABELS,
  CASE_STATES,
  availableActions,
  transition,
  type CaseAction,
  type CaseActor,
  type CaseContext,
  type CaseState,
} from "../domain/case-states.js";
import { dueSoonRange, explanationDeadlineStatus } from "../domain/explanation-deadline.js";
import { DEFAULT_RUBRIC } from "../domain/rubric.js";
import { todayInVietnam } from "../domain/format.js";
import { PAGE_SIZE } from "../domain/paging.js";
import type { SessionUser } from "../permissions.js";
import { appendAudit } from "./audit.server.js";
import { recommendationsSettled } from "./followup.server.js";
import { alreadyJudged, alreadyJudgedMessage } from "./judged.server.js";
import { loadCalendar, loadFacts } from "./outcomes.server.js";
import { inScope } from "./units.server.js";
import { unitsWithDescendants } from "./users.server.js";

type Db = Database | Tx;

/** States in which the evidence of a case may still change: after publication everything is frozen. */
const EVIDENCE_OPEN_STATES: readonly CaseState[] = ["draft", "open", "awaiting_explanation", "under_review", "pending_approval"];

export function isCaseState(value: unknown): value is CaseState {
  return typeof value === "string" && (CASE_STATES as readonly string[]).includes(value);
}

// ——— Evidence snapshots ———

const isoOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const isoAt = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export type EvidenceSnapshot = { text: string; sha256: string; dossierContentSha256: string };

/**
 * The dossiers as imported, each as canonical JSON (codes rather than ids, instants as ISO strings), with
 * its SHA-256 and the dossier's content_sha256 at this moment. The dossier rows are locked `for share`
 * first, so an import cannot rewrite a dossier between the snapshot and the hash it is compared with.
 */
async function snapshotsOf(trx: Tx, dossierIds: readonly number[]): Promise<Map<number, EvidenceSnapshot>> {
  const rows = await trx
    .selectFrom("dossier as d")
    .select(["d.id", "d.received_at", "d.rescheduled_due_at", "d.channel", "d.content_sha256"])
    .where("d.id", "=", sql<number>`any(${[...dossierIds]}::int[])`)
    .forShare()
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const snapshots = new Map<number, EvidenceSnapshot>();
  for (const facts of await loadFacts(trx, dossierIds)) {
    const row = byId.get(facts.id)!;
    const { dossier, steps, events } = facts.input;
    const text = canonicalJson({
      dossier: {
        code: dossier.dossierCode,
        unitCode: dossier.unitCode,
        procedureCode: dossier.procedureCode,
        status: dossier.status,
        channel: row.channel,
        receivedAt: isoAt(row.received_at),
        dueAt: isoOf(dossier.dueAt),
        rescheduledDueAt: isoAt(row.rescheduled_due_at),
        finishedAt: isoOf(dossier.finishedAt),
        apologyAt: isoOf(dossier.apologyAt),
      },
      steps: steps.map((s) => ({ stepNo: s.stepNo, unitCode: s.unitCode, officerCode: s.officerCode, dueAt: isoOf(s.dueAt), finishedAt: isoOf(s.finishedAt) })),
      events: events.map((e) => ({ kind: e.kind, at: isoOf(e.at) })),
    });
    snapshots.set(facts.id, { text, sha256: createHash("sha256").update(text, "utf8").digest("hex"), dossierContentSha256: row.content_sha256 });
  }
  return snapshots;
}

/** Evidence the rules refuse (thrown inside the transaction so that nothing of it stays, then reported). */
export class EvidenceRefused extends Error {}

/** Attaches the dossiers not yet actively attached; returns the codes attached and those that already were. */
async function attachEvidence(
  trx: Tx,
  caseId: number,
  dossierIds: readonly number[],
  actorUserId: string,
): Promise<{ added: number; codes: string[]; alreadyCodes: string[] }> {
  const attached = await trx
    .selectFrom("case_evidence as e")
    .innerJoin("dossier as d", "d.id", "e.dossier_id")
    .select(["e.dossier_id", "d.code"])
    .where("e.case_id", "=", caseId)
    .where("e.detached_at", "is", null)
    .execute();
  const already = new Set(attached.map((r) => r.dossier_id));
  const requested = new Set(dossierIds);
  const alreadyCodes = attached.filter((r) => requested.has(r.dossier_id)).map((r) => r.code).sort();
  const fresh = [...requested].filter((id) => !already.has(id));
  if (fresh.length === 0) return { added: 0, codes: [], alreadyCodes };
  const subject = await trx.selectFrom("inspection_case").select(["subject_unit_id", "subject_officer_id"]).where("id", "=", caseId).executeTakeFirstOrThrow();
  const judged = await alreadyJudged(trx, { unitId: subject.subject_unit_id, officerId: subject.subject_officer_id }, fresh);
  if (judged.length > 0) throw new EvidenceRefused(alreadyJudgedMessage(judged));
  const snapshots = await snapshotsOf(trx, fresh);
  const values = [...snapshots].map(([dossierId, s]) => ({
    case_id: caseId,
    dossier_id: dossierId,
    snapshot: s.text,
    snapshot_sha256: s.sha256,
    dossier_content_sha256: s.dossierContentSha256,
    added_by: actorUserId,
  }));
  if (values.length === 0) return { added: 0, codes: [], alreadyCodes };
  await trx.insertInto("case_evidence").values(values).execute();
  const codes = (await trx.selectFrom("dossier").select("code").where("id", "=", sql<number>`any(${[...snapshots.keys()]}::int[])`).orderBy("code").execute()).map((r) => r.code);
  await appendAudit(trx, {
    actorUserId,
    action: "case.evidence_add",
    entityType: "case",
    entityId: caseId,
    summary: `Đóng băng và đưa ${values.length} hồ sơ vào chứng cứ của vụ việc.`,
    data: { dossierIds: [...snapshots.keys()], codes, sha256: values.map((v) => v.snapshot_sha256) },
  });
  return { added: values.length, codes, alreadyCodes };
}

// ——— Opening ———

export type CaseSubject = { unitId: number } | { officerId: number };

export type OpenCaseInput = {
  inspectionId: number;
  subject: CaseSubject;
  title: string;
  evidenceSetId?: number | null;
  dossierIds?: number[] | null;
  /** How the dossiers were chosen (a filter, typed codes), kept in the opening's audit event. */
  origin?: Record<string, unknown> | null;
};

export type CaseWriteResult = { ok: true; id: number; code: string } | { ok: false; message: string; field?: string };

/** The officer's unit today, or else the unit of their latest membership. */
async function unitOfOfficer(trx: Tx, officerId: number, today: string): Promise<number | null> {
  const row = await trx
    .selectFrom("officer_membership")
    .select("unit_id")
    .where("officer_id", "=", officerId)
    .orderBy(sql`(coalesce(valid_from, '-infinity'::date) <= ${today}::date and coalesce(valid_to, 'infinity'::date) >= ${today}::date)`, "desc")
    .orderBy(sql`coalesce(valid_to, 'infinity'::date)`, "desc")
    .orderBy(sql`coalesce(valid_from, '-infinity'::date)`, "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.unit_id ?? null;
}

/**
 * Opens a case in 'draft' with the next code of the year and freezes its evidence, all in one
 * transaction: a failure leaves neither a case nor a used number behind.
 */
export async function openCase(db: Database, input: OpenCaseInput, actorUserId: string, now = new Date()): Promise<CaseWriteResult> {
  const today = todayInVietnam(now);
  const year = Number(today.slice(0, 4));
  return refusalAsResult(() => db.transaction().execute(async (trx): Promise<CaseWriteResult> => {
    const inspection = await trx.selectFrom("inspection").select(["id", "decision_number"]).where("id", "=", input.inspectionId).executeTakeFirst();
    if (!inspection) return { ok: false, field: "inspectionId", message: "Không tìm thấy đợt kiểm tra đã chọn." };

    let subjectUnitId: number;
    let subjectOfficerId: number | null = null;
    if ("officerId" in input.subject) {
      const officer = await trx.selectFrom("officer").select("id").where("id", "=", input.subject.officerId).executeTakeFirst();
      if (!officer) return { ok: false, field: "officerId", message: "Không tìm thấy cán bộ đã chọn." };
      const unitId = await unitOfOfficer(trx, officer.id, today);
      if (unitId === null) return { ok: false, field: "officerId", message: "Cán bộ này chưa thuộc đơn vị nào, nên chưa xác định được đơn vị được kiểm tra." };
      subjectUnitId = unitId;
      subjectOfficerId = officer.id;
    } else {
      const unit = await trx.selectFrom("unit").select("id").where("id", "=", input.subject.unitId).executeTakeFirst();
      if (!unit) return { ok: false, field: "unitId", message: "Không tìm thấy đơn vị đã chọn." };
      subjectUnitId = unit.id;
    }

    let dossierIds = input.dossierIds ?? [];
    if (input.evidenceSetId) {
      const set = await trx.selectFrom("evidence_set").select("id").where("id", "=", input.evidenceSetId).executeTakeFirst();
      if (!set) return { ok: false, field: "evidenceSetId", message: "Không tìm thấy bộ chứng cứ đã chọn." };
      const rows = await trx.selectFrom("evidence_set_dossier").select("dossier_id").where("evidence_set_id", "=", set.id).execute();
      dossierIds = [...dossierIds, ...rows.map((r) => r.dossier_id)];
    }
    if (dossierIds.length === 0) return { ok: false, field: "evidenceSetId", message: "Vụ việc phải được mở từ chứng cứ: hãy chọn một bộ chứng cứ có hồ sơ." };

    // A case is scored under the newest version of the default rubric at opening, and keeps it.
    const rubric = await trx
      .selectFrom("rubric_set")
      .select("id")
      .where("code", "=", DEFAULT_RUBRIC.id)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();

    // The upsert locks the year's counter row until commit: concurrent openings queue, and a rollback
    // returns the number, so codes stay gap-free.
    const counter = await sql<{ last_sequence: number }>`
      insert into case_code_counter (year, last_sequence) values (${year}, 1)
      on conflict (year) do update set last_sequence = case_code_counter.last_sequence + 1
      returning last_sequence`.execute(trx);
    const sequence = counter.rows[0]!.last_sequence;
    const code = formatCaseCode(year, sequence);
    const created = await trx
      .insertInto("inspection_case")
      .values({
        code,
        year,
        sequence,
        inspection_id: inspection.id,
        subject_unit_id: subjectUnitId,
        subject_officer_id: subjectOfficerId,
        title: input.title,
        evidence_set_id: input.evidenceSetId ?? null,
        rubric_set_id: rubric.id,
        created_by: actorUserId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorUserId,
      action: "case.open",
      entityType: "case",
      entityId: created.id,
      summary: `Mở vụ việc ${code} “${input.title}” trong đợt kiểm tra ${inspection.decision_number}.`,
      data: { code, inspectionId: inspection.id, subjectUnitId, subjectOfficerId, evidenceSetId: input.evidenceSetId ?? null, origin: input.origin ?? null },
    });
    const { added } = await attachEvidence(trx, created.id, dossierIds, actorUserId);
    if (added === 0) throw new Error("no evidence attached"); // dossier ids came from the database in this transaction
    return { ok: true, id: created.id, code };
  }), "evidenceSetId");
}

async function refusalAsResult<T>(write: () => Promise<T>, field?: string): Promise<T | { ok: false; message: string; field?: string }> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof EvidenceRefused) return { ok: false, message: e.message, ...(field ? { field } : {}) };
    throw e;
  }
}

// ——— Evidence after opening ———

/** The case row, locked `for update` until the transaction ends; undefined outside the scope. */
export async function lockCase(trx: Tx, id: number, scope: Scope) {
  return trx.selectFrom("inspection_case").selectAll().where("id", "=", id).where(inScope("subject_unit_id", scope)).forUpdate().executeTakeFirst();
}

const EVIDENCE_FROZEN = "Vụ việc đã công bố, kết thúc hoặc đã rút: chứng cứ không còn thay đổi được.";

export async function addEvidence(
  db: Database,
  input: { caseId: number; dossierIds: number[]; scope?: Scope },
  actorUserId: string,
): Promise<{ ok: true; added: number; addedCodes: string[]; alreadyCodes: string[] } | { ok: false; message: string } | undefined> {
  return refusalAsResult(() => db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, input.caseId, input.scope ?? { all: true });
    if (!c) return undefined;
    if (!EVIDENCE_OPEN_STATES.includes(c.state as CaseState)) return { ok: false as const, message: EVIDENCE_FROZEN };
    const known = await trx.selectFrom("dossier").select("id").where("id", "=", sql<number>`any(${input.dossierIds}::int[])`).execute();
    if (known.length === 0) return { ok: false as const, message: "Không tìm thấy hồ sơ nào để đưa vào chứng cứ." };
    const { added, codes, alreadyCodes } = await attachEvidence(
      trx,
      c.id,
      known.map((r) => r.id),
      actorUserId,
    );
    return { ok: true as const, added, addedCodes: codes, alreadyCodes };
  }));
}

/** Takes a dossier out of the case's evidence. The row stays (with who, when and why): the record of what the case rested on is never lost. */
export async function detachEvidence(
  db: Database,
  input: { caseId: number; evidenceId: number; reason: string },
  actorUserId: string,
): Promise<{ ok: true } | { ok: false; message: string } | undefined> {
  return db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, input.caseId, { all: true });
    if (!c) return undefined;
    if (!EVIDENCE_OPEN_STATES.includes(c.state as CaseState)) return { ok: false as const, message: EVIDENCE_FROZEN };
    if (input.reason.trim() === "") return { ok: false as const, message: "Phải nêu lý do gỡ hồ sơ khỏi chứng cứ." };
    const evidence = await trx
      .selectFrom("case_evidence as e")
      .innerJoin("dossier as d", "d.id", "e.dossier_id")
      .select(["e.id", "e.dossier_id", "d.code"])
      .where("e.id", "=", input.evidenceId)
      .where("e.case_id", "=", c.id)
      .where("e.detached_at", "is", null)
      .executeTakeFirst();
    if (!evidence) return { ok: false as const, message: "Hồ sơ này không còn trong chứng cứ của vụ việc." };
    await trx
      .updateTable("case_evidence")
      .set({ detached_at: sql`now()`, detached_by: actorUserId, detached_reason: input.reason.trim() })
      .where("id", "=", evidence.id)
      .execute();
    await appendAudit(trx, {
      actorUserId,
      action: "case.evidence_detach",
      entityType: "case",
      entityId: c.id,
      summary: `Gỡ hồ sơ ${evidence.code} khỏi chứng cứ của vụ việc ${c.code}. Lý do: ${input.reason.trim()}`,
      data: { evidenceId: evidence.id, dossierId: evidence.dossier_id, reason: input.reason.trim() },
    });
    return { ok: true as const };
  });
}

// ——— Who is acting ———

export type CaseFacts = { id: number; inspection_id: number; subject_unit_id: number; subject_officer_id: number | null; created_by: string; explanation_deadline: string | null };

/** The facts about the user relative to this case that the state machine reads. */
export async function caseActorOf(db: Db, c: CaseFacts, user: SessionUser): Promise<CaseActor> {
  const seats = user.officerId
    ? await db
        .selectFrom("inspection_member")
        .select("role")
        .where("inspection_id", "=", c.inspection_id)
        .where("officer_id", "=", user.officerId)
        .where("removed_at", "is", null)
        .execute()
    : [];
  const headUnits = user.roles.filter((g) => g.role === "unit_head" && g.unitId !== null).map((g) => g.unitId!);
  const headScope = headUnits.length > 0 ? await unitsWithDescendants(db, headUnits) : [];
  // The drafter of the notice in the making (four eyes: they may not approve it).
  const draft = await db.selectFrom("conclusion").select("drafted_by").where("case_id", "=", c.id).where("status", "<>", "published").executeTakeFirst();
  return {
    roles: user.roles.map((g) => g.role),
    isTeamLead: seats.some((s) => s.role === "lead"),
    isTeamMember: seats.length > 0,
    isDrafter: draft?.drafted_by === user.id,
    isHeadOfSubjectUnit: headScope.includes(c.subject_unit_id),
    isCaseSubject: user.officerId !== null && user.officerId === c.subject_officer_id,
  };
}

async function caseContextOf(db: Db, c: CaseFacts & { state: string }, input: { reason?: string | null; comment?: string | null } = {}, now = new Date()): Promise<CaseContext> {
  return {
    reason: input.reason ?? null,
    comment: input.comment ?? null,
    // Only a published case closes, once every recommendation in force is done or waived.
    allRecommendationsSettled: c.state === "published" ? await recommendationsSettled(db, c.id) : false,
    explanationDeadlinePassed: c.explanation_deadline !== null && c.explanation_deadline < todayInVietnam(now),
  };
}

/** Actions that move the notice with the case: they go through the conclusion model (numbering, freezing). */
export const CONCLUSION_ACTIONS = ["submit_for_approval", "approve", "return"] as const satisfies readonly CaseAction[];

export type TransitionResult = { ok: true; from: CaseState; to: CaseState; code: string } | { ok: false; message: string };

/**
 * Actions with preconditions beyond the state machine (the explanation's working days, answers to every
 * finding): they go through their own model functions (explanations.server.ts), which call
 * applyTransition inside their transaction.
 */
const ACTIONS_WITH_OWN_FORM: readonly CaseAction[] = ["request_explanation", "submit_explanation"];

/**
 * Moves a case locked by the caller by one action of the state machine and audits it, or says why not.
 * `note` and `data` add the action's own facts (a deadline, the answers sent) to the one audit event;
 * `precondition` is the action's own check, asked only once the state machine allows the move.
 */
export async function applyTransition(
  trx: Tx,
  c: CaseFacts & { code: string; state: string },
  action: CaseAction,
  user: SessionUser,
  input: {
    reason?: string | null;
    comment?: string | null;
    note?: string;
    data?: Record<string, unknown>;
    precondition?: () => Promise<string | null>;
  } = {},
): Promise<TransitionResult> {
  const from = c.state as CaseState;
  const result = transition(from, action, await caseActorOf(trx, c, user), await caseContextOf(trx, c, input));
  if (!result.ok) return result;
  const refusal = input.precondition ? await input.precondition() : null;
  if (refusal) return { ok: false, message: refusal };
  const reason = input.reason?.trim() || null;
  const comment = input.comment?.trim() || null;
  await trx
    .updateTable("inspection_case")
    .set({ state: result.to, ...(result.to === "withdrawn" ? { withdrawn_reason: reason } : {}) })
    .where("id", "=", c.id)
    .execute();
  const note = reason ? ` Lý do: ${reason}` : comment ? ` Ý kiến: ${comment}` : "";
  await appendAudit(trx, {
    actorUserId: user.id,
    action: "case.transition",
    entityType: "case",
    entityId: c.id,
    summary: `${CASE_ACTION_LABELS[action]}: ${CASE_STATE_LABELS[from]} → ${CASE_STATE_LABELS[result.to]}.${note}${input.note ? ` ${input.note}` : ""}`,
    data: { action, from, to: result.to, reason, comment, ...input.data },
  });
  return { ok: true, from, to: result.to, code: c.code };
}

/** Moves the case by one action of the state machine, or says in Vietnamese why not. Undefined: no such case in scope. */
export async function transitionCase(
  db: Database,
  input: { id: number; scope: Scope; action: CaseAction; reason?: string | null; comment?: string | null },
  user: SessionUser,
): Promise<TransitionResult | undefined> {
  return db.transaction().execute(async (trx): Promise<TransitionResult | undefined> => {
    const c = await lockCase(trx, input.id, input.scope);
    if (!c) return undefined;
    if ((CONCLUSION_ACTIONS as readonly string[]).includes(input.action)) {
      return { ok: false, message: "Trình, trả lại và phê duyệt kết luận được thực hiện ở trang dự thảo kết luận của vụ việc." };
    }
    if (ACTIONS_WITH_OWN_FORM.includes(input.action)) {
      return { ok: false, message: `Thao tác «${CASE_ACTION_LABELS[input.action]}» được thực hiện tại mục Giải trình của vụ việc.` };
    }
    return applyTransition(trx, c, input.action, user, input);
  });
}

// ——— Reading ———

function caseHeader(db: Db) {
  return db
    .selectFrom("inspection_case as c")
    .innerJoin("inspection as i", "i.id", "c.inspection_id")
    .innerJoin("unit as u", "u.id", "c.subject_unit_id")
    .leftJoin("officer as o", "o.id", "c.subject_officer_id")
    .innerJoin("app_user as cu", "cu.id", "c.created_by")
    .select([
      "c.id",
      "c.code",
      "c.title",
      "c.state",
      "c.inspection_id",
      "c.subject_unit_id",
      "c.subject_officer_id",
      "c.withdrawn_reason",
      "c.explanation_deadline",
      "c.evidence_set_id",
      "c.created_by",
      "c.created_at",
      "i.title as inspection_title",
      "i.decision_number",
      "u.code as unit_code",
      "u.name as unit_name",
      "o.code as officer_code",
      "o.full_name as officer_name",
      "cu.display_name as created_by_name",
    ]);
}

/**
 * A case as its page shows it: header, evidence (with `changedSince` when the live dossier differs from
 * what was frozen), the timeline from the audit log, and the actions the viewer may take now.
 * Undefined when there is no such case in the scope.
 */
export async function getCase(db: Database, input: { id: number; scope: Scope; viewer?: SessionUser }) {
  const c = await caseHeader(db).where("c.id", "=", input.id).where(inScope("c.subject_unit_id", input.scope)).executeTakeFirst();
  if (!c) return undefined;
  const [evidence, timeline, actor] = await Promise.all([
    db
      .selectFrom("case_evidence as e")
      .innerJoin("dossier as d", "d.id", "e.dossier_id")
      .innerJoin("app_user as au", "au.id", "e.added_by")
      .leftJoin("app_user as du", "du.id", "e.detached_by")
      .select([
        "e.id",
        "e.dossier_id",
        "d.code as dossier_code",
        "e.snapshot_sha256",
        "e.added_at",
        "au.display_name as added_by_name",
        "e.detached_at",
        "e.detached_reason",
        "du.display_name as detached_by_name",
        sql<boolean>`d.content_sha256 <> e.dossier_content_sha256`.as("changedSince"),
      ])
      .where("e.case_id", "=", c.id)
      .orderBy(sql`e.detached_at is not null`)
      .orderBy("d.code")
      .execute(),
    db
      .selectFrom("audit_event as a")
      .leftJoin("app_user as u", "u.id", "a.actor_user_id")
      .select(["a.id", "a.at", "a.action", "a.summary", "u.display_name as actor_name"])
      .where("a.entity_type", "=", "case")
      .where("a.entity_id", "=", String(c.id))
      .orderBy("a.id", "desc")
      .limit(200)
      .execute(),
    input.viewer ? caseActorOf(db, c, input.viewer) : undefined,
  ]);
  const actions = actor ? availableActions(c.state as CaseState, actor, await caseContextOf(db, c)) : [];
  return { case: { ...c, state: c.state as CaseState }, evidence, timeline, actions };
}

export type CaseDetail = NonNullable<Awaited<ReturnType<typeof getCase>>>;

export const CASE_PAGE_SIZE = PAGE_SIZE;

/** "soon": awaiting the explanation, deadline within DUE_SOON_WORKING_DAYS working days; "overdue": deadline passed. */
export type DeadlineFilter = DeadlineFilterValue;

export type CaseListFilter = {
  scope: Scope;
  state?: CaseState | null;
  inspectionId?: number | null;
  mine?: SessionUser | null;
  /** The unit heads' work list: cases awaiting their explanation, deadline soonest first. */
  awaitingExplanation?: boolean;
  deadline?: DeadlineFilter | null;
  page: number;
  pageSize?: number;
  /** yyyy-MM-dd in Vietnam; today unless a test says otherwise. */
  today?: string;
};

/** Cases in the scope, of one inspection, and `mine`: of inspections where the user has an active seat on the team. */
function casesInView(db: Db, filter: CaseListFilter) {
  let query = caseHeader(db).where(inScope("c.subject_unit_id", filter.scope));
  if (filter.inspectionId) query = query.where("c.inspection_id", "=", filter.inspectionId);
  if (filter.mine) {
    const officerId = filter.mine.officerId;
    query =
      officerId === null
        ? query.where(sql<boolean>`false`)
        : query.where((eb) =>
            eb.exists(
              eb
                .selectFrom("inspection_member as m")
                .select("m.id")
                .whereRef("m.inspection_id", "=", "c.inspection_id")
                .where("m.officer_id", "=", officerId)
                .where("m.removed_at", "is", null),
            ),
          );
  }
  return query;
}

/**
 * One page of the cases in view, with each one's explanation deadline status (working days of the
 * province calendar), the total, and the counts per state and per deadline status that the list's
 * chips show (those ignore the state and deadline filters, so every chip says what it would list).
 */
export async function listCases(db: Database, filter: CaseListFilter) {
  const today = filter.today ?? todayInVietnam();
  const calendar = await loadCalendar(db);
  const soon = dueSoonRange(today, calendar);
  const awaiting = sql<boolean>`c.state = 'awaiting_explanation'`;
  const isSoon = sql<boolean>`(${awaiting} and c.explanation_deadline >= ${soon.from}::date and c.explanation_deadline < ${soon.before}::date)`;
  const isOverdue = sql<boolean>`(${awaiting} and c.explanation_deadline < ${today}::date)`;

  const inView = casesInView(db, filter);
  let query = inView;
  if (filter.awaitingExplanation) query = query.where(awaiting);
  if (filter.state) query = query.where("c.state", "=", filter.state);
  if (filter.deadline === "soon") query = query.where(isSoon);
  if (filter.deadline === "overdue") query = query.where(isOverdue);
  const byDeadline = filter.awaitingExplanation || !!filter.deadline;
  const pageSize = filter.pageSize ?? CASE_PAGE_SIZE;
  const [rows, total, counts] = await Promise.all([
    query
      .select((eb) => eb.selectFrom("case_evidence as e").whereRef("e.case_id", "=", "c.id").where("e.detached_at", "is", null).select((e) => e.fn.countAll<number>().as("n")).as("evidence_count"))
      .$if(byDeadline, (q) => q.orderBy(sql`c.explanation_deadline asc nulls last`).orderBy("c.year").orderBy("c.sequence"))
      .$if(!byDeadline, (q) => q.orderBy("c.year", "desc").orderBy("c.sequence", "desc"))
      .limit(pageSize)
      .offset((filter.page - 1) * pageSize)
      .execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    inView
      .clearSelect()
      .select([
        "c.state",
        sql<number>`count(*)::int`.as("n"),
        sql<number>`(count(*) filter (where ${isSoon}))::int`.as("soon"),
        sql<number>`(count(*) filter (where ${isOverdue}))::int`.as("overdue"),
      ])
      .groupBy("c.state")
      .execute(),
  ]);
  const byState = Object.fromEntries(CASE_STATES.map((state) => [state, 0])) as Record<CaseState, number>;
  for (const c of counts) if (isCaseState(c.state)) byState[c.state] = c.n;
  return {
    rows: rows.map((r) => {
      const state = r.state as CaseState;
      return {
        ...r,
        state,
        evidence_count: Number(r.evidence_count ?? 0),
        deadlineStatus: explanationDeadlineStatus({ state, deadline: r.explanation_deadline, today, calendar }),
      };
    }),
    total: Number(total.n),
    counts: {
      all: counts.reduce((sum, c) => sum + c.n, 0),
      byState,
      soon: counts.reduce((sum, c) => sum + c.soon, 0),
      overdue: counts.reduce((sum, c) => sum + c.overdue, 0),
    },
  };
}

export type CaseCounts = Awaited<ReturnType<typeof listCases>>["counts"];

/** The inspections that have cases in the scope, for the list's filter (newest decision first). */
export async function caseListInspections(db: Database, scope: Scope) {
  const rows = await db
    .selectFrom("inspection as i")
    .select(["i.id", "i.decision_number", "i.title"])
    .where((eb) => eb.exists(eb.selectFrom("inspection_case as c").select("c.id").whereRef("c.inspection_id", "=", "i.id").where(inScope("c.subject_unit_id", scope))))
    .orderBy("i.decision_date", "desc")
    .orderBy("i.id", "desc")
    .limit(500)
    .execute();
  return rows.map((i) => ({ value: String(i.id), label: `${i.decision_number} — ${i.title}` }));
}

export type CaseListRow = Awaited<ReturnType<typeof listCases>>["rows"][number];

/** The evidence sets a form offers, newest first. */
export async function evidenceSetOptions(db: Database) {
  const sets = await db
    .selectFrom("evidence_set as s")
    .select((eb) => [
      "s.id",
      "s.name",
      eb.selectFrom("evidence_set_dossier as d").whereRef("d.evidence_set_id", "=", "s.id").select((e) => e.fn.countAll<number>().as("n")).as("n"),
    ])
    .orderBy("s.created_at", "desc")
    .orderBy("s.id", "desc")
    .limit(500)
    .execute();
  return sets.map((s) => ({ value: String(s.id), label: `${s.name} (${Number(s.n ?? 0)} hồ sơ)` }));
}

/** What the new-case form offers: inspections and evidence sets (newest first). */
export async function caseFormOptions(db: Database) {
  const [inspections, evidenceSets] = await Promise.all([
    db.selectFrom("inspection").select(["id", "decision_number", "title"]).orderBy("decision_date", "desc").orderBy("id", "desc").limit(500).execute(),
    evidenceSetOptions(db),
  ]);
  return { inspections: inspections.map((i) => ({ value: String(i.id), label: `${i.decision_number} — ${i.title}` })), evidenceSets };
}
