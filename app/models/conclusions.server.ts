// Conclusion notices: the team lead drafts one from the case's findings (items and recommendations),
// submits it; an approver who did not draft it returns it with a comment or approves it, and approval
// publishes: the next number of the year for the issuing office, the date, the signer, and the frozen
// content with its SHA-256. From then on the database refuses any change (migration 0006). A correction
// is a new notice of the same case that supersedes the published one and goes through the same hands.
// Every write locks the case row, runs the case state machine for who may act, and appends its audit
// event (entity 'case', so the case timeline shows it) in the same transaction.
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import { CASE_ACTION_LABELS, CASE_STATE_LABELS, transition, type CaseAction, type CaseState } from "../domain/case-states.js";
import {
  DEFAULT_ISSUER,
  SIGNER_CAPACITIES,
  defaultRecipients,
  draftProblems,
  formatNoticeNumber,
  noticeHash,
  type ConclusionStatus,
  type DisciplineLevel,
  type Issuer,
  type ItemKind,
  type NoticeContent,
  type RecommendationKind,
  type SignerCapacity,
} from "../domain/conclusion.js";
import { formatIsoDate, todayInVietnam } from "../domain/format.js";
import type { SessionUser } from "../permissions.js";
import { appendAudit } from "./audit.server.js";
import { caseActorOf } from "./cases.server.js";
import { currentFindingsOf, loadRubric } from "./findings.server.js";
import { inScope } from "./units.server.js";

type Db = Database | Tx;

export const ISSUER_KEY = "document.issuer";

/** The issuing office (app_setting 'document.issuer'), or the default Sở Nội vụ Quảng Ngãi. */
export async function getIssuer(db: Db): Promise<Issuer> {
  const row = await db.selectFrom("app_setting").select("value").where("key", "=", ISSUER_KEY).executeTakeFirst();
  const v = row?.value as Partial<Issuer> | undefined;
  const ok = (s: unknown): s is string => typeof s === "string" && s.trim() !== "";
  return v && ok(v.parentAgency) && ok(v.agency) && ok(v.symbol) && ok(v.place)
    ? { parentAgency: v.parentAgency, agency: v.agency, symbol: v.symbol, place: v.place }
    : DEFAULT_ISSUER;
}

export type ConclusionResult = { ok: true; conclusionId: number; message: string } | { ok: false; message: string; field?: string };

const refuse = (message: string, field?: string): ConclusionResult => ({ ok: false, message, field });

async function lockCase(trx: Tx, caseId: number, scope: Scope) {
  return trx.selectFrom("inspection_case").selectAll().where("id", "=", caseId).where(inScope("subject_unit_id", scope)).forUpdate().executeTakeFirst();
}

type LockedCase = NonNullable<Awaited<ReturnType<typeof lockCase>>>;

/** The notice in the making (draft or pending approval) of the case, if any. */
async function openConclusion(trx: Db, caseId: number) {
  return trx.selectFrom("conclusion").selectAll().where("case_id", "=", caseId).where("status", "<>", "published").executeTakeFirst();
}

/**
 * The state a notice's own workflow stands in, as the case machine knows it: an original notice moves
 * with its case; a correction (the case already published) moves alone through the same rules.
 */
function workflowState(c: LockedCase, conclusion: { status: string; supersedes_id: number | null } | undefined): CaseState {
  if (!conclusion || conclusion.supersedes_id === null) return c.state as CaseState;
  return conclusion.status === "pending_approval" ? "pending_approval" : "under_review";
}

/** Whether the user may take this action on the notice; the refusal in Vietnamese otherwise. */
async function check(trx: Tx, c: LockedCase, conclusion: { status: string; supersedes_id: number | null } | undefined, action: CaseAction, user: SessionUser, input: { comment?: string | null } = {}) {
  const actor = await caseActorOf(trx, c, user);
  return transition(workflowState(c, conclusion), action, actor, { comment: input.comment ?? null });
}

/** Drafting is the team lead's, while the case is under review (or a correction is being drafted). */
async function checkDrafting(trx: Tx, c: LockedCase, conclusion: { status: string; supersedes_id: number | null } | undefined, user: SessionUser): Promise<string | null> {
  const actor = await caseActorOf(trx, c, user);
  if (!actor.roles.includes("inspector") || !actor.isTeamLead) return "Chỉ Trưởng đoàn kiểm tra được soạn dự thảo kết luận.";
  if (actor.isCaseSubject) return "Không thể xử lý vụ việc mà chính mình là đối tượng.";
  if (conclusion && conclusion.status !== "draft") return "Dự thảo đang chờ phê duyệt: chỉ sửa được sau khi lãnh đạo trả lại.";
  const state = workflowState(c, conclusion);
  if (state !== "under_review") {
    return `Vụ việc đang ở trạng thái «${CASE_STATE_LABELS[c.state as CaseState]}»: dự thảo kết luận được soạn khi vụ việc đang xem xét.`;
  }
  return null;
}

function subjectName(row: { unit_name: string; officer_name: string | null; officer_code: string | null }): string {
  return row.officer_name ? `Ông/bà ${row.officer_name} (${row.officer_code}), ${row.unit_name}` : row.unit_name;
}

async function caseSubject(trx: Db, caseId: number) {
  return trx
    .selectFrom("inspection_case as c")
    .innerJoin("unit as u", "u.id", "c.subject_unit_id")
    .leftJoin("officer as o", "o.id", "c.subject_officer_id")
    .select(["c.id", "c.code", "c.title", "c.subject_unit_id", "c.subject_officer_id", "u.name as unit_name", "o.full_name as officer_name", "o.code as officer_code"])
    .where("c.id", "=", caseId)
    .executeTakeFirstOrThrow();
}

// ——— Drafting ———

/** Starts the case's draft notice (team lead, case under review), prefilled with a title and "Nơi nhận". */
export async function startConclusion(db: Database, input: { caseId: number; scope: Scope }, user: SessionUser): Promise<ConclusionResult | undefined> {
  return db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, input.caseId, input.scope);
    if (!c) return undefined;
    const existing = await openConclusion(trx, c.id);
    if (existing) return { ok: true, conclusionId: existing.id, message: "Vụ việc đã có dự thảo kết luận." };
    const published = await trx.selectFrom("conclusion").select("id").where("case_id", "=", c.id).where("status", "=", "published").executeTakeFirst();
    if (published) return refuse("Vụ việc đã có thông báo kết luận đã công bố; chỉ có thể lập thông báo đính chính thay thế.");
    const problem = await checkDrafting(trx, c, undefined, user);
    if (problem) return refuse(problem);
    const subject = await caseSubject(trx, c.id);
    const created = await trx
      .insertInto("conclusion")
      .values({
        case_id: c.id,
        title: `Kết luận kiểm tra trách nhiệm công vụ trong giải quyết thủ tục hành chính đối với ${subjectName(subject)}`,
        recipients: defaultRecipients(subject.unit_name),
        drafted_by: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "conclusion.draft",
      entityType: "case",
      entityId: c.id,
      summary: `Lập dự thảo thông báo kết luận của vụ việc ${c.code}.`,
      data: { conclusionId: created.id },
    });
    return { ok: true, conclusionId: created.id, message: "Đã lập dự thảo kết luận." };
  });
}

/** Starts a correcting notice of a published one: a draft copying its items and recommendations. */
export async function startCorrection(db: Database, input: { caseId: number; scope: Scope }, user: SessionUser): Promise<ConclusionResult | undefined> {
  return db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, input.caseId, input.scope);
    if (!c) return undefined;
    const existing = await openConclusion(trx, c.id);
    if (existing) return { ok: true, conclusionId: existing.id, message: "Vụ việc đã có dự thảo đang soạn." };
    // The latest published notice not yet superseded.
    const original = await trx
      .selectFrom("conclusion as c")
      .selectAll("c")
      .where("c.case_id", "=", c.id)
      .where("c.status", "=", "published")
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom("conclusion as s").select("s.id").whereRef("s.supersedes_id", "=", "c.id"))))
      .executeTakeFirst();
    if (!original) return refuse("Vụ việc chưa có thông báo kết luận đã công bố để đính chính.");
    const problem = await checkDrafting(trx, c, { status: "draft", supersedes_id: original.id }, user);
    if (problem) return refuse(problem);
    const created = await trx
      .insertInto("conclusion")
      .values({
        case_id: c.id,
        supersedes_id: original.id,
        title: original.title,
        summary: original.summary,
        responsibility: original.responsibility,
        recipients: original.recipients,
        drafted_by: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const items = await trx.selectFrom("conclusion_item").selectAll().where("conclusion_id", "=", original.id).orderBy("position").execute();
    for (const item of items) {
      const { id, conclusion_id: _c, supersedes_item_id: _s, ...rest } = item;
      const copy = await trx.insertInto("conclusion_item").values({ ...rest, conclusion_id: created.id, supersedes_item_id: id }).returning("id").executeTakeFirstOrThrow();
      const findings = await trx.selectFrom("conclusion_item_finding").select("finding_id").where("conclusion_item_id", "=", id).execute();
      if (findings.length > 0) await trx.insertInto("conclusion_item_finding").values(findings.map((f) => ({ conclusion_item_id: copy.id, finding_id: f.finding_id }))).execute();
    }
    const recommendations = await trx.selectFrom("recommendation").selectAll().where("conclusion_id", "=", original.id).orderBy("position").execute();
    for (const r of recommendations) {
      const { id, conclusion_id: _c, supersedes_recommendation_id: _s, ...rest } = r;
      await trx.insertInto("recommendation").values({ ...rest, conclusion_id: created.id, supersedes_recommendation_id: id }).execute();
    }
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "conclusion.correction",
      entityType: "case",
      entityId: c.id,
      summary: `Lập dự thảo thông báo đính chính, thay thế Thông báo số ${formatNoticeNumber(original.number!, original.symbol!)}.`,
      data: { conclusionId: created.id, supersedesId: original.id },
    });
    return { ok: true, conclusionId: created.id, message: "Đã lập dự thảo thông báo đính chính." };
  });
}

/** Runs a drafting change under the lead's rules, in one transaction, with its audit event. */
async function whileDrafting(
  db: Database,
  input: { caseId: number; scope: Scope },
  user: SessionUser,
  change: (trx: Tx, c: LockedCase, conclusion: NonNullable<Awaited<ReturnType<typeof openConclusion>>>) => Promise<ConclusionResult>,
): Promise<ConclusionResult | undefined> {
  return db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, input.caseId, input.scope);
    if (!c) return undefined;
    const conclusion = await openConclusion(trx, c.id);
    if (!conclusion) return refuse("Vụ việc chưa có dự thảo kết luận.");
    const problem = await checkDrafting(trx, c, conclusion, user);
    if (problem) return refuse(problem);
    return change(trx, c, conclusion);
  });
}

export type ConclusionTextInput = { title: string; summary: string; responsibility: string; recipients: string[] };

export async function saveConclusionText(db: Database, input: { caseId: number; scope: Scope } & ConclusionTextInput, user: SessionUser) {
  return whileDrafting(db, input, user, async (trx, c, conclusion) => {
    await trx
      .updateTable("conclusion")
      .set({ title: input.title, summary: input.summary, responsibility: input.responsibility, recipients: input.recipients })
      .where("id", "=", conclusion.id)
      .execute();
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "conclusion.edit",
      entityType: "case",
      entityId: c.id,
      summary: "Sửa trích yếu, nội dung và nơi nhận của dự thảo kết luận.",
      data: { conclusionId: conclusion.id, title: input.title, recipients: input.recipients },
    });
    return { ok: true, conclusionId: conclusion.id, message: "Đã lưu dự thảo." };
  });
}

export type ItemInput = {
  itemId?: number | null;
  subject: "case" | { unitId: number } | { officerId: number };
  kind: ItemKind;
  content: string;
  points: number;
  attributedDelays: number;
  disciplineLevel: DisciplineLevel | null;
  parDeduction: number;
  findingIds: number[];
};

/** The current findings of the case (findings.server's rule) with the dossiers each current version cites. */
export async function currentFindingsWithDossiers(db: Db, caseId: number) {
  const current = await currentFindingsOf(db, caseId);
  const cited =
    current.length === 0
      ? []
      : await db
          .selectFrom("finding_version_dossier as fd")
          .innerJoin("dossier as d", "d.id", "fd.dossier_id")
          .select(["fd.finding_version_id", "d.id", "d.code"])
          .where("fd.finding_version_id", "in", current.map((f) => f.versionId))
          .orderBy("d.code")
          .execute();
  return current.map((f) => ({
    id: f.id,
    number: f.number,
    criterion_code: f.criterionCode,
    facts: f.facts,
    proposed_deduction: f.proposedDeduction,
    dossiers: cited.filter((d) => d.finding_version_id === f.versionId).map((d) => ({ id: d.id, code: d.code })),
  }));
}

/** The officers an item may be about: those who have belonged to the case's subject unit (at most 300). */
export async function itemSubjectOfficers(db: Db, unitId: number) {
  return db
    .selectFrom("officer_membership as m")
    .innerJoin("officer as o", "o.id", "m.officer_id")
    .select(["o.id", "o.code", "o.full_name"])
    .distinct()
    .where("m.unit_id", "=", unitId)
    .orderBy("o.code")
    .limit(300)
    .execute();
}

export async function saveItem(db: Database, input: { caseId: number; scope: Scope } & ItemInput, user: SessionUser) {
  return whileDrafting(db, input, user, async (trx, c, conclusion) => {
    let unitId = c.subject_unit_id;
    let officerId: number | null = c.subject_officer_id;
    if (input.subject !== "case") {
      if ("officerId" in input.subject) {
        const officer = await trx.selectFrom("officer").select("id").where("id", "=", input.subject.officerId).executeTakeFirst();
        if (!officer) return refuse("Không tìm thấy cán bộ đã chọn.", "officerId");
        officerId = officer.id;
      } else {
        const unit = await trx.selectFrom("unit").select("id").where("id", "=", input.subject.unitId).executeTakeFirst();
        if (!unit) return refuse("Không tìm thấy đơn vị đã chọn.", "unitId");
        unitId = unit.id;
        officerId = null;
      }
    }
    const findings = await currentFindingsWithDossiers(trx, c.id);
    const unknown = input.findingIds.filter((id) => !findings.some((f) => f.id === id));
    if (unknown.length > 0) return refuse("Nội dung kết luận chỉ dựa trên các nội dung kiểm tra hiện hành của vụ việc.", "findingIds");
    const values = {
      subject_unit_id: unitId,
      subject_officer_id: officerId,
      kind: input.kind,
      content: input.content,
      points: input.points,
      attributed_delays: input.attributedDelays,
      discipline_level: input.disciplineLevel,
      par_deduction: input.parDeduction,
    };
    let itemId: number;
    let position: number;
    if (input.itemId) {
      const item = await trx.selectFrom("conclusion_item").select(["id", "position"]).where("id", "=", input.itemId).where("conclusion_id", "=", conclusion.id).executeTakeFirst();
      if (!item) return refuse("Nội dung kết luận này không còn trong dự thảo.");
      await trx.updateTable("conclusion_item").set(values).where("id", "=", item.id).execute();
      await trx.deleteFrom("conclusion_item_finding").where("conclusion_item_id", "=", item.id).execute();
      itemId = item.id;
      position = item.position;
    } else {
      const last = await trx.selectFrom("conclusion_item").select((eb) => eb.fn.max("position").as("p")).where("conclusion_id", "=", conclusion.id).executeTakeFirst();
      position = Number(last?.p ?? 0) + 1;
      itemId = (await trx.insertInto("conclusion_item").values({ ...values, conclusion_id: conclusion.id, position }).returning("id").executeTakeFirstOrThrow()).id;
    }
    if (input.findingIds.length > 0) {
      await trx.insertInto("conclusion_item_finding").values([...new Set(input.findingIds)].map((f) => ({ conclusion_item_id: itemId, finding_id: f }))).execute();
    }
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "conclusion.item_save",
      entityType: "case",
      entityId: c.id,
      summary: `${input.itemId ? "Sửa" : "Thêm"} nội dung kết luận ${position} của dự thảo kết luận.`,
      data: { conclusionId: conclusion.id, itemId, ...values, findingIds: input.findingIds },
    });
    return { ok: true, conclusionId: conclusion.id, message: `Đã lưu nội dung kết luận ${position}.` };
  });
}

/** Removes an item or a recommendation from a draft and renumbers the rest. */
export async function removeFromDraft(db: Database, input: { caseId: number; scope: Scope; kind: "item" | "recommendation"; id: number }, user: SessionUser) {
  return whileDrafting(db, input, user, async (trx, c, conclusion) => {
    const table = input.kind === "item" ? "conclusion_item" : "recommendation";
    const row = await trx.selectFrom(table).select(["id", "position"]).where("id", "=", input.id).where("conclusion_id", "=", conclusion.id).executeTakeFirst();
    if (!row) return refuse("Mục này không còn trong dự thảo.");
    await trx.deleteFrom(table).where("id", "=", row.id).execute();
    // Two steps so that (conclusion_id, position) stays unique while renumbering.
    await trx.updateTable(table).set({ position: sql`-position` }).where("conclusion_id", "=", conclusion.id).where("position", ">", row.position).execute();
    await trx.updateTable(table).set({ position: sql`-position - 1` }).where("conclusion_id", "=", conclusion.id).where("position", "<", 0).execute();
    const label = input.kind === "item" ? "nội dung kết luận" : "kiến nghị";
    await appendAudit(trx, {
      actorUserId: user.id,
      action: input.kind === "item" ? "conclusion.item_remove" : "conclusion.recommendation_remove",
      entityType: "case",
      entityId: c.id,
      summary: `Bỏ ${label} ${row.position} khỏi dự thảo kết luận.`,
      data: { conclusionId: conclusion.id, id: row.id },
    });
    return { ok: true, conclusionId: conclusion.id, message: `Đã bỏ ${label} ${row.position}.` };
  });
}

export type RecommendationInput = { recommendationId?: number | null; kind: RecommendationKind; content: string; ownerUnitId: number; deadline: string };

export async function saveRecommendation(db: Database, input: { caseId: number; scope: Scope } & RecommendationInput, user: SessionUser, now = new Date()) {
  return whileDrafting(db, input, user, async (trx, c, conclusion) => {
    const unit = await trx.selectFrom("unit").select("id").where("id", "=", input.ownerUnitId).executeTakeFirst();
    if (!unit) return refuse("Không tìm thấy đơn vị chủ trì đã chọn.", "ownerUnitId");
    if (input.deadline <= todayInVietnam(now)) return refuse("Thời hạn thực hiện kiến nghị phải sau hôm nay.", "deadline");
    const values = { kind: input.kind, content: input.content, owner_unit_id: unit.id, deadline: input.deadline };
    let position: number;
    let id: number;
    if (input.recommendationId) {
      const r = await trx.selectFrom("recommendation").select(["id", "position"]).where("id", "=", input.recommendationId).where("conclusion_id", "=", conclusion.id).executeTakeFirst();
      if (!r) return refuse("Kiến nghị này không còn trong dự thảo.");
      await trx.updateTable("recommendation").set(values).where("id", "=", r.id).execute();
      position = r.position;
      id = r.id;
    } else {
      const last = await trx.selectFrom("recommendation").select((eb) => eb.fn.max("position").as("p")).where("conclusion_id", "=", conclusion.id).executeTakeFirst();
      position = Number(last?.p ?? 0) + 1;
      id = (await trx.insertInto("recommendation").values({ ...values, conclusion_id: conclusion.id, position }).returning("id").executeTakeFirstOrThrow()).id;
    }
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "conclusion.recommendation_save",
      entityType: "case",
      entityId: c.id,
      summary: `${input.recommendationId ? "Sửa" : "Thêm"} kiến nghị ${position} của dự thảo kết luận (hạn ${formatIsoDate(input.deadline)}).`,
      data: { conclusionId: conclusion.id, recommendationId: id, ...values },
    });
    return { ok: true, conclusionId: conclusion.id, message: `Đã lưu kiến nghị ${position}.` };
  });
}

// ——— Submission, return, approval and publication ———

async function itemsAndRecommendations(db: Db, conclusionId: number) {
  const [items, recommendations] = await Promise.all([
    db
      .selectFrom("conclusion_item as i")
      .innerJoin("unit as u", "u.id", "i.subject_unit_id")
      .leftJoin("officer as o", "o.id", "i.subject_officer_id")
      .selectAll("i")
      .select(["u.name as unit_name", "u.code as unit_code", "o.full_name as officer_name", "o.code as officer_code"])
      .where("i.conclusion_id", "=", conclusionId)
      .orderBy("i.position")
      .execute(),
    db
      .selectFrom("recommendation as r")
      .innerJoin("unit as u", "u.id", "r.owner_unit_id")
      .selectAll("r")
      .select(["u.name as owner_unit_name"])
      .where("r.conclusion_id", "=", conclusionId)
      .orderBy("r.position")
      .execute(),
  ]);
  return {
    items: items.map((i) => ({
      ...i,
      kind: i.kind as ItemKind,
      discipline_level: i.discipline_level as DisciplineLevel | null,
      points: Number(i.points),
      par_deduction: Number(i.par_deduction),
      subject: subjectName(i),
    })),
    recommendations: recommendations.map((r) => ({ ...r, kind: r.kind as RecommendationKind })),
  };
}

async function record(trx: Tx, conclusionId: number, action: "submitted" | "returned" | "published", user: SessionUser, comment: string | null) {
  await trx.insertInto("conclusion_review").values({ conclusion_id: conclusionId, action, comment, acted_by: user.id }).execute();
}

async function moveCase(trx: Tx, c: LockedCase, conclusion: { supersedes_id: number | null }, to: CaseState, action: CaseAction, user: SessionUser, note: string) {
  if (conclusion.supersedes_id !== null) return; // a correction leaves its (published) case where it is
  await trx.updateTable("inspection_case").set({ state: to }).where("id", "=", c.id).execute();
  await appendAudit(trx, {
    actorUserId: user.id,
    action: "case.transition",
    entityType: "case",
    entityId: c.id,
    summary: `${CASE_ACTION_LABELS[action]}: ${CASE_STATE_LABELS[c.state as CaseState]} → ${CASE_STATE_LABELS[to]}.${note}`,
    data: { action, from: c.state, to, comment: note.trim() || null },
  });
}

/** The lead submits the draft for approval; refused while the draft has problems, each named. */
export async function submitConclusion(db: Database, input: { caseId: number; scope: Scope }, user: SessionUser, now = new Date()): Promise<ConclusionResult | undefined> {
  return db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, input.caseId, input.scope);
    if (!c) return undefined;
    const conclusion = await openConclusion(trx, c.id);
    if (!conclusion || conclusion.status !== "draft") return refuse("Vụ việc không có dự thảo kết luận để trình.");
    const verdict = await check(trx, c, conclusion, "submit_for_approval", user);
    if (!verdict.ok) return refuse(verdict.message);
    const { items, recommendations } = await itemsAndRecommendations(trx, conclusion.id);
    const problems = draftProblems(
      {
        title: conclusion.title,
        items: items.map((i) => ({ position: i.position, kind: i.kind, content: i.content, points: i.points, attributedDelays: i.attributed_delays, disciplineLevel: i.discipline_level, parDeduction: i.par_deduction, subjectLabel: i.subject })),
        recommendations: recommendations.map((r) => ({ position: r.position, kind: r.kind, content: r.content, deadline: r.deadline })),
      },
      todayInVietnam(now),
    );
    if (problems.length > 0) return refuse(problems.join(" "));
    await trx.updateTable("conclusion").set({ status: "pending_approval" }).where("id", "=", conclusion.id).execute();
    await record(trx, conclusion.id, "submitted", user, null);
    await moveCase(trx, c, conclusion, verdict.to, "submit_for_approval", user, "");
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "conclusion.submit",
      entityType: "case",
      entityId: c.id,
      summary: `Trình phê duyệt dự thảo ${conclusion.supersedes_id ? "thông báo đính chính" : "kết luận"} (${items.length} nội dung, ${recommendations.length} kiến nghị).`,
      data: { conclusionId: conclusion.id },
    });
    return { ok: true, conclusionId: conclusion.id, message: "Đã trình lãnh đạo phê duyệt." };
  });
}

/** The approver returns the draft with a comment saying what to change. */
export async function returnConclusion(db: Database, input: { caseId: number; scope: Scope; comment: string }, user: SessionUser): Promise<ConclusionResult | undefined> {
  return db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, input.caseId, input.scope);
    if (!c) return undefined;
    const conclusion = await openConclusion(trx, c.id);
    if (!conclusion || conclusion.status !== "pending_approval") return refuse("Không có dự thảo kết luận nào đang chờ phê duyệt.");
    const comment = input.comment.trim();
    const verdict = await check(trx, c, conclusion, "return", user, { comment });
    if (!verdict.ok) return refuse(verdict.message, "comment");
    await trx.updateTable("conclusion").set({ status: "draft" }).where("id", "=", conclusion.id).execute();
    await record(trx, conclusion.id, "returned", user, comment);
    await moveCase(trx, c, conclusion, verdict.to, "return", user, ` Ý kiến: ${comment}`);
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "conclusion.return",
      entityType: "case",
      entityId: c.id,
      summary: `Trả lại dự thảo kết luận. Ý kiến: ${comment}`,
      data: { conclusionId: conclusion.id, comment },
    });
    return { ok: true, conclusionId: conclusion.id, message: "Đã trả lại dự thảo cho trưởng đoàn." };
  });
}

/**
 * Approval publishes: the next number of the year for the office (the counter row stays locked until
 * commit, so concurrent publications queue and a rollback gives the number back), the date and signer,
 * the items' judged dossiers (for "không đánh giá lại"), and the frozen content with its SHA-256.
 */
export async function publishConclusion(
  db: Database,
  input: { caseId: number; scope: Scope; capacity: SignerCapacity },
  user: SessionUser,
  now = new Date(),
): Promise<(ConclusionResult & { ok: true; number: string }) | (ConclusionResult & { ok: false }) | undefined> {
  return db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, input.caseId, input.scope);
    if (!c) return undefined;
    const conclusion = await openConclusion(trx, c.id);
    if (!conclusion || conclusion.status !== "pending_approval") return { ok: false as const, message: "Không có dự thảo kết luận nào đang chờ phê duyệt." };
    const verdict = await check(trx, c, conclusion, "approve", user);
    if (!verdict.ok) return { ok: false as const, message: verdict.message };

    const issuer = await getIssuer(trx);
    const publicationDate = todayInVietnam(now);
    const year = Number(publicationDate.slice(0, 4));
    const counter = await sql<{ last_number: number }>`
      insert into notice_number_counter (symbol, year, last_number) values (${issuer.symbol}, ${year}, 1)
      on conflict (symbol, year) do update set last_number = notice_number_counter.last_number + 1
      returning last_number`.execute(trx);
    const number = counter.rows[0]!.last_number;
    const numberText = formatNoticeNumber(number, issuer.symbol);

    // What each item judged: the dossiers its findings cite, as they stand now (findings are frozen from here on).
    const [findings, links] = await Promise.all([
      currentFindingsWithDossiers(trx, c.id),
      trx
        .selectFrom("conclusion_item_finding as cf")
        .innerJoin("conclusion_item as i", "i.id", "cf.conclusion_item_id")
        .select(["cf.conclusion_item_id", "cf.finding_id"])
        .where("i.conclusion_id", "=", conclusion.id)
        .execute(),
    ]);
    const judged = [
      ...new Map(
        links.flatMap((l) => (findings.find((f) => f.id === l.finding_id)?.dossiers ?? []).map((d) => [`${l.conclusion_item_id}:${d.id}`, { conclusion_item_id: l.conclusion_item_id, dossier_id: d.id }] as const)),
      ).values(),
    ];
    await trx.deleteFrom("conclusion_item_dossier").where("conclusion_item_id", "in", sql<number>`(select id from conclusion_item where conclusion_id = ${conclusion.id})`).execute();
    if (judged.length > 0) await trx.insertInto("conclusion_item_dossier").values(judged).execute();

    const signer = SIGNER_CAPACITIES[input.capacity];
    const content = await noticeContentOf(trx, c.id, conclusion, {
      issuer,
      number: numberText,
      year,
      publicationDate,
      signer: { authority: signer.authority, title: signer.title, name: user.displayName },
    });
    const hash = noticeHash(content);
    await record(trx, conclusion.id, "published", user, null);
    await trx
      .updateTable("conclusion")
      .set({
        status: "published",
        symbol: issuer.symbol,
        year,
        number,
        publication_date: publicationDate,
        published_at: sql`now()`,
        approved_by: user.id,
        signer_name: user.displayName,
        signer_authority: signer.authority,
        signer_title: signer.title,
        content: JSON.stringify(content),
        content_sha256: hash,
      })
      .where("id", "=", conclusion.id)
      .execute();
    await moveCase(trx, c, conclusion, verdict.to, "approve", user, "");
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "conclusion.publish",
      entityType: "case",
      entityId: c.id,
      summary: `Phê duyệt và công bố Thông báo kết luận số ${numberText} ngày ${formatIsoDate(publicationDate)}${content.supersedes ? `, thay thế Thông báo số ${content.supersedes.number}` : ""}.`,
      data: { conclusionId: conclusion.id, number: numberText, sha256: hash },
    });
    return { ok: true as const, conclusionId: conclusion.id, number: numberText, message: `Đã công bố Thông báo kết luận số ${numberText}.` };
  });
}

/** The notice's frozen content, assembled from the case, its inspection, findings, items and recommendations. */
async function noticeContentOf(
  trx: Tx,
  caseId: number,
  conclusion: { id: number; title: string; summary: string; responsibility: string; recipients: string[]; supersedes_id: number | null },
  publication: Pick<NoticeContent, "issuer" | "number" | "year" | "publicationDate" | "signer">,
): Promise<NoticeContent> {
  const subject = await caseSubject(trx, caseId);
  const inspection = await trx
    .selectFrom("inspection_case as c")
    .innerJoin("inspection as i", "i.id", "c.inspection_id")
    .select(["i.id", "i.title", "i.decision_number", "i.decision_date", "i.decision_signer", "i.legal_basis", "i.legal_basis_date", "i.period_from", "i.period_to"])
    .where("c.id", "=", caseId)
    .executeTakeFirstOrThrow();
  const units = await trx
    .selectFrom("inspection_unit as iu")
    .innerJoin("unit as u", "u.id", "iu.unit_id")
    .select(["u.code", "u.name"])
    .where("iu.inspection_id", "=", inspection.id)
    .orderBy("u.code")
    .execute();
  const team = await trx
    .selectFrom("inspection_member as m")
    .innerJoin("officer as o", "o.id", "m.officer_id")
    .select(["m.role", "o.full_name"])
    .where("m.inspection_id", "=", inspection.id)
    .where("m.removed_at", "is", null)
    .execute();
  const lead = team.find((m) => m.role === "lead");
  const { rubric_set_id } = await trx.selectFrom("inspection_case").select("rubric_set_id").where("id", "=", caseId).executeTakeFirstOrThrow();
  const criteria = (await loadRubric(trx, rubric_set_id)).criteria;
  const findings = await currentFindingsWithDossiers(trx, caseId);
  const { items, recommendations } = await itemsAndRecommendations(trx, conclusion.id);
  let supersedes: NoticeContent["supersedes"] = null;
  if (conclusion.supersedes_id !== null) {
    const original = await trx.selectFrom("conclusion").select(["number", "symbol", "publication_date"]).where("id", "=", conclusion.supersedes_id).executeTakeFirstOrThrow();
    supersedes = { number: formatNoticeNumber(original.number!, original.symbol!), publicationDate: original.publication_date! };
  }
  return {
    ...publication,
    title: conclusion.title,
    supersedes,
    caseCode: subject.code,
    subject: subjectName(subject),
    inspection: {
      title: inspection.title,
      decisionNumber: inspection.decision_number,
      decisionDate: inspection.decision_date,
      decisionSigner: inspection.decision_signer,
      legalBasis: inspection.legal_basis,
      legalBasisDate: inspection.legal_basis_date,
      periodFrom: inspection.period_from,
      periodTo: inspection.period_to,
      units: units.map((u) => ({ code: u.code, name: u.name })),
      team: lead ? `Đoàn kiểm tra gồm ${String(team.length).padStart(2, "0")} thành viên do ${lead.full_name} làm Trưởng đoàn` : null,
    },
    summary: conclusion.summary,
    findings: findings.map((f) => {
      const criterion = criteria.find((k) => k.code === f.criterion_code);
      return {
        number: f.number,
        criterion: { code: f.criterion_code, title: criterion?.title ?? f.criterion_code },
        facts: f.facts,
        dossiers: f.dossiers.map((d) => d.code),
        deduction: f.proposed_deduction,
      };
    }),
    items: items.map((i) => ({
      position: i.position,
      subject: i.subject,
      subjectDetail:
        i.officer_code && i.officer_name
          ? { kind: "officer" as const, code: i.officer_code, name: i.officer_name, unitName: i.unit_name }
          : { kind: "unit" as const, code: i.unit_code, name: i.unit_name },
      kind: i.kind,
      content: i.content,
      points: i.points,
      attributedDelays: i.attributed_delays,
      disciplineLevel: i.discipline_level,
      parDeduction: i.par_deduction,
    })),
    responsibility: conclusion.responsibility,
    recommendations: recommendations.map((r) => ({ position: r.position, kind: r.kind, content: r.content, ownerUnit: r.owner_unit_name, deadline: r.deadline })),
    recipients: conclusion.recipients,
  };
}

// ——— Reading ———

/**
 * The conclusion workspace of a case: the notice in the making (or else the latest published one), its
 * items, recommendations and reviews, every published notice of the case, the current findings to draw
 * items from, and what the viewer may do. Undefined when the case is not in the scope.
 */
export async function getConclusionWorkspace(db: Database, input: { caseId: number; scope: Scope; viewer: SessionUser }) {
  const c = await db.selectFrom("inspection_case").selectAll().where("id", "=", input.caseId).where(inScope("subject_unit_id", input.scope)).executeTakeFirst();
  if (!c) return undefined;
  const notices = await db
    .selectFrom("conclusion as n")
    .innerJoin("app_user as d", "d.id", "n.drafted_by")
    .select(["n.id", "n.status", "n.supersedes_id", "n.title", "n.summary", "n.responsibility", "n.recipients", "n.number", "n.symbol", "n.publication_date", "n.signer_name", "n.content_sha256", "n.drafted_at", "d.display_name as drafted_by_name", "n.drafted_by"])
    .where("n.case_id", "=", c.id)
    .orderBy("n.id", "desc")
    .execute();
  const current = notices.find((n) => n.status !== "published") ?? notices[0];
  const [parts, reviews, findings, actor, subject] = await Promise.all([
    current ? itemsAndRecommendations(db, current.id) : { items: [], recommendations: [] },
    current
      ? db
          .selectFrom("conclusion_review as r")
          .innerJoin("app_user as u", "u.id", "r.acted_by")
          .select(["r.id", "r.action", "r.comment", "r.acted_at", "u.display_name as actor_name"])
          .where("r.conclusion_id", "=", current.id)
          .orderBy("r.id", "desc")
          .execute()
      : [],
    currentFindingsWithDossiers(db, c.id),
    caseActorOf(db, c, input.viewer),
    caseSubject(db, c.id),
  ]);
  const itemFindings = parts.items.length
    ? await db.selectFrom("conclusion_item_finding").selectAll().where("conclusion_item_id", "in", parts.items.map((i) => i.id)).execute()
    : [];
  const editing = current && current.status === "draft";
  const workflow = workflowState(c, current);
  const isLead = actor.roles.includes("inspector") && actor.isTeamLead && !actor.isCaseSubject;
  const approve = current?.status === "pending_approval" ? transition(workflow, "approve", actor, {}) : null;
  return {
    case: { id: c.id, code: c.code, title: c.title, state: c.state as CaseState, subject: subjectName(subject), subjectUnitId: c.subject_unit_id },
    conclusion: current ? { ...current, status: current.status as ConclusionStatus } : null,
    notices: notices.filter((n) => n.status === "published").map((n) => ({ id: n.id, number: formatNoticeNumber(n.number!, n.symbol!), publicationDate: n.publication_date!, supersedesId: n.supersedes_id, sha256: n.content_sha256! })),
    items: parts.items.map((i) => ({ ...i, findingIds: itemFindings.filter((f) => f.conclusion_item_id === i.id).map((f) => f.finding_id) })),
    recommendations: parts.recommendations,
    reviews,
    findings,
    can: {
      start: isLead && !current && c.state === "under_review",
      edit: isLead && !!editing && workflow === "under_review",
      submit: isLead && !!editing && workflow === "under_review",
      approve: approve?.ok === true,
      approveRefusal: approve && !approve.ok ? approve.message : null,
      correct: isLead && !!current && current.status === "published" && !notices.some((n) => n.supersedes_id === current.id),
    },
  };
}

export type ConclusionWorkspace = NonNullable<Awaited<ReturnType<typeof getConclusionWorkspace>>>;

/** A published notice by id (for the PDF and the public verification page): only what publication made public. */
export async function getPublishedNotice(db: Db, id: number) {
  const row = await db
    .selectFrom("conclusion as n")
    .leftJoin("conclusion as s", "s.supersedes_id", "n.id")
    .select(["n.id", "n.case_id", "n.content", "n.content_sha256", "n.number", "n.symbol", "n.publication_date", "n.signer_name", "n.signer_authority", "n.signer_title", "n.title", "n.supersedes_id", "s.id as superseded_by_id", "s.number as superseded_by_number", "s.symbol as superseded_by_symbol", "s.status as superseded_by_status"])
    .where("n.id", "=", id)
    .where("n.status", "=", "published")
    .executeTakeFirst();
  if (!row) return undefined;
  const supersededBy =
    row.superseded_by_id && row.superseded_by_status === "published" ? { id: row.superseded_by_id, number: formatNoticeNumber(row.superseded_by_number!, row.superseded_by_symbol!) } : null;
  return {
    id: row.id,
    caseId: row.case_id,
    content: row.content as NoticeContent,
    sha256: row.content_sha256!,
    number: formatNoticeNumber(row.number!, row.symbol!),
    publicationDate: row.publication_date!,
    signer: { name: row.signer_name!, authority: row.signer_authority, title: row.signer_title! },
    title: row.title,
    supersedesId: row.supersedes_id,
    supersededBy,
  };
}

export type PublishedNotice = NonNullable<Awaited<ReturnType<typeof getPublishedNotice>>>;

export const REGISTER_PAGE_SIZE = 50;

/** The public register: every published notice, newest first, with what supersedes what. */
export async function listPublishedNotices(db: Database, filter: { page: number; year?: number | null; q?: string | null }) {
  let query = db.selectFrom("conclusion as n").where("n.status", "=", "published");
  if (filter.year) query = query.where("n.year", "=", filter.year);
  if (filter.q) query = query.where(sql<boolean>`(n.title ilike ${"%" + filter.q + "%"} or (lpad(n.number::text, 2, '0') || '/' || n.symbol) ilike ${"%" + filter.q + "%"})`);
  const [rows, total] = await Promise.all([
    query
      .leftJoin("conclusion as s", (j) => j.onRef("s.supersedes_id", "=", "n.id").on("s.status", "=", "published"))
      .leftJoin("conclusion as o", "o.id", "n.supersedes_id")
      .select([
        "n.id",
        "n.number",
        "n.symbol",
        "n.publication_date",
        "n.title",
        "n.signer_name",
        "n.content_sha256",
        "s.id as superseded_by_id",
        "s.number as superseded_by_number",
        "s.symbol as superseded_by_symbol",
        "o.id as supersedes_id",
        "o.number as supersedes_number",
        "o.symbol as supersedes_symbol",
      ])
      .orderBy("n.published_at", "desc")
      .orderBy("n.id", "desc")
      .limit(REGISTER_PAGE_SIZE)
      .offset((filter.page - 1) * REGISTER_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      number: formatNoticeNumber(r.number!, r.symbol!),
      publicationDate: r.publication_date!,
      title: r.title,
      signerName: r.signer_name!,
      sha256: r.content_sha256!,
      supersededBy: r.superseded_by_id ? { id: r.superseded_by_id, number: formatNoticeNumber(r.superseded_by_number!, r.superseded_by_symbol!) } : null,
      supersedes: r.supersedes_id ? { id: r.supersedes_id, number: formatNoticeNumber(r.supersedes_number!, r.supersedes_symbol!) } : null,
    })),
    total: Number(total.n),
  };
}
