// Follow-up of the recommendations of published notices: the owner unit's remediation reports
// (appended), the team lead's decisions (appended), the overdue list that escalates to the approvers, and
// whether a case may close. Only recommendations of notices in force count (a correction's replace the
// superseded notice's). Every write appends its audit event (entity 'case') in the same transaction.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import { attachmentProblems, sniffMediaType, type UploadedFile } from "../domain/attachments.js";
import { formatNoticeNumber, RECOMMENDATION_KIND_LABELS, type RecommendationKind } from "../domain/conclusion.js";
import { FOLLOWUP_STATUS_LABELS, followupStatus, isOverdue, isSettled, type FollowupStatus } from "../domain/followup.js";
import { todayInVietnam } from "../domain/format.js";
import { PAGE_SIZE } from "../domain/paging.js";
import type { SessionUser } from "../permissions.js";
import { appendAudit } from "./audit.server.js";
import { caseActorOf } from "./cases.server.js";
import { inScope } from "./units.server.js";

type Db = Database | Tx;

/** Recommendations of published notices that no published correction has superseded. */
function inForce(db: Db) {
  return db
    .selectFrom("recommendation as r")
    .innerJoin("conclusion as n", "n.id", "r.conclusion_id")
    .innerJoin("inspection_case as c", "c.id", "n.case_id")
    .innerJoin("unit as u", "u.id", "r.owner_unit_id")
    .where("n.status", "=", "published")
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("conclusion as s").select("s.id").whereRef("s.supersedes_id", "=", "n.id").where("s.status", "=", "published"))),
    );
}

/** Each recommendation's status from its decisions and reports. */
async function statusesOf(db: Db, ids: readonly number[]): Promise<Map<number, FollowupStatus>> {
  if (ids.length === 0) return new Map();
  const [decisions, reports] = await Promise.all([
    db.selectFrom("recommendation_decision").select(["recommendation_id", "decision", "decided_at", "id"]).where("recommendation_id", "=", sql<number>`any(${[...ids]}::int[])`).orderBy("id").execute(),
    db.selectFrom("remediation_report").select(["recommendation_id", "reported_at", "id"]).where("recommendation_id", "=", sql<number>`any(${[...ids]}::int[])`).orderBy("id").execute(),
  ]);
  const byRecommendation = <T extends { recommendation_id: number }>(rows: T[]) => {
    const groups = new Map<number, T[]>();
    for (const row of rows) groups.set(row.recommendation_id, [...(groups.get(row.recommendation_id) ?? []), row]);
    return groups;
  };
  const decided = byRecommendation(decisions);
  const reported = byRecommendation(reports);
  return new Map(
    ids.map((id) => [
      id,
      followupStatus(
        (decided.get(id) ?? []).map((d) => ({ decision: d.decision as "accepted", at: new Date(d.decided_at).getTime() })),
        (reported.get(id) ?? []).map((r) => ({ at: new Date(r.reported_at).getTime() })),
      ),
    ]),
  );
}

/** Whether every recommendation in force of the case is done or waived (a case without any is settled). */
export async function recommendationsSettled(db: Db, caseId: number): Promise<boolean> {
  const rows = await inForce(db).select(["r.id"]).where("n.case_id", "=", caseId).execute();
  const statuses = await statusesOf(db, rows.map((r) => r.id));
  return [...statuses.values()].every(isSettled);
}

export const FOLLOWUP_FILTERS = ["all", "pending", "overdue", "settled"] as const;
export type FollowupFilter = (typeof FOLLOWUP_FILTERS)[number];

/**
 * Recommendations in force in the scope (by owner unit), with their status, soonest deadline first; the
 * status filter is applied after the status is derived, so pages are cut in memory over at most a few
 * thousand rows a province has in force.
 */
export async function listRecommendations(db: Database, input: { scope: Scope; filter: FollowupFilter; page: number }, now = new Date()) {
  const today = todayInVietnam(now);
  const rows = await inForce(db)
    .select([
      "r.id",
      "r.position",
      "r.kind",
      "r.content",
      "r.deadline",
      "r.owner_unit_id",
      "u.name as owner_unit_name",
      "n.id as notice_id",
      "n.number",
      "n.symbol",
      "n.publication_date",
      "c.id as case_id",
      "c.code as case_code",
    ])
    .where(inScope("r.owner_unit_id", input.scope))
    .orderBy("r.deadline")
    .orderBy("r.id")
    .limit(5000)
    .execute();
  const statuses = await statusesOf(db, rows.map((r) => r.id));
  const all = rows.map((r) => {
    const status = statuses.get(r.id)!;
    return {
      id: r.id,
      position: r.position,
      kind: r.kind as RecommendationKind,
      kindLabel: RECOMMENDATION_KIND_LABELS[r.kind as RecommendationKind],
      content: r.content,
      deadline: r.deadline,
      ownerUnitName: r.owner_unit_name,
      notice: { id: r.notice_id, number: formatNoticeNumber(r.number!, r.symbol!), publicationDate: r.publication_date! },
      caseId: r.case_id,
      caseCode: r.case_code,
      status,
      statusLabel: FOLLOWUP_STATUS_LABELS[status],
      overdue: isOverdue(status, r.deadline, today),
    };
  });
  const counts = {
    all: all.length,
    pending: all.filter((r) => !isSettled(r.status)).length,
    overdue: all.filter((r) => r.overdue).length,
    settled: all.filter((r) => isSettled(r.status)).length,
  };
  const filtered = all.filter((r) =>
    input.filter === "pending" ? !isSettled(r.status) : input.filter === "overdue" ? r.overdue : input.filter === "settled" ? isSettled(r.status) : true,
  );
  return { rows: filtered.slice((input.page - 1) * PAGE_SIZE, input.page * PAGE_SIZE), total: filtered.length, counts };
}

/** One recommendation with its notice, reports, decisions and what the viewer may do; undefined outside the scope. */
export async function getRecommendation(db: Database, input: { id: number; scope: Scope; viewer: SessionUser }, now = new Date()) {
  const r = await inForce(db)
    .select([
      "r.id",
      "r.position",
      "r.kind",
      "r.content",
      "r.deadline",
      "r.owner_unit_id",
      "u.name as owner_unit_name",
      "n.id as notice_id",
      "n.number",
      "n.symbol",
      "n.publication_date",
      "c.id as case_id",
      "c.code as case_code",
      "c.title as case_title",
    ])
    .where("r.id", "=", input.id)
    // Unit heads see their own units' recommendations; the inspection office sees all (scope all).
    .where((eb) => eb.or([inScope("r.owner_unit_id", input.scope), inScope("c.subject_unit_id", input.scope)]))
    .executeTakeFirst();
  if (!r) return undefined;
  const [reports, decisions, status, c] = await Promise.all([
    db
      .selectFrom("remediation_report as p")
      .innerJoin("app_user as u", "u.id", "p.reported_by")
      .select(["p.id", "p.body", "p.reported_at", "u.display_name as reporter"])
      .select((eb) =>
        sql<{ id: number; fileName: string; sizeBytes: number; sha256: string }[]>`coalesce((select json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'sizeBytes', a.size_bytes, 'sha256', a.sha256) order by a.id) from attachment a where a.remediation_report_id = ${eb.ref("p.id")}), '[]'::json)`.as(
          "attachments",
        ),
      )
      .where("p.recommendation_id", "=", r.id)
      .orderBy("p.id", "desc")
      .execute(),
    db
      .selectFrom("recommendation_decision as d")
      .innerJoin("app_user as u", "u.id", "d.decided_by")
      .select(["d.id", "d.decision", "d.reason", "d.decided_at", "d.remediation_report_id", "u.display_name as decider"])
      .where("d.recommendation_id", "=", r.id)
      .orderBy("d.id", "desc")
      .execute(),
    statusesOf(db, [r.id]).then((m) => m.get(r.id)!),
    db.selectFrom("inspection_case").selectAll().where("id", "=", r.case_id).executeTakeFirstOrThrow(),
  ]);
  const actor = await caseActorOf(db, c, input.viewer);
  const ownerScope = input.scope.all || input.scope.unitIds.includes(r.owner_unit_id);
  const settled = isSettled(status);
  return {
    recommendation: {
      id: r.id,
      position: r.position,
      kindLabel: RECOMMENDATION_KIND_LABELS[r.kind as RecommendationKind],
      content: r.content,
      deadline: r.deadline,
      ownerUnitName: r.owner_unit_name,
      status,
      statusLabel: FOLLOWUP_STATUS_LABELS[status],
      overdue: isOverdue(status, r.deadline, todayInVietnam(now)),
    },
    notice: { id: r.notice_id, number: formatNoticeNumber(r.number!, r.symbol!), publicationDate: r.publication_date! },
    case: { id: r.case_id, code: r.case_code, title: r.case_title },
    reports,
    decisions,
    can: {
      report: !settled && actor.roles.includes("unit_head") && ownerScope && input.viewer.roles.some((g) => g.role === "unit_head"),
      decide: !settled && actor.roles.includes("inspector") && actor.isTeamLead && !actor.isCaseSubject,
    },
  };
}

export type FollowupResult = { ok: true; message: string } | { ok: false; message: string; field?: string };

async function lockRecommendation(trx: Tx, id: number) {
  // The case row is the lock for everything about a case.
  const r = await inForce(trx).select(["r.id", "r.position", "r.owner_unit_id", "c.id as case_id", "n.number", "n.symbol"]).where("r.id", "=", id).executeTakeFirst();
  if (!r) return undefined;
  const c = await trx.selectFrom("inspection_case").selectAll().where("id", "=", r.case_id).forUpdate().executeTakeFirstOrThrow();
  return { r, c };
}

/** The owner unit appends a remediation report; the unit head must hold the owner unit in their scope. */
export async function addRemediationReport(
  db: Database,
  input: { id: number; scope: Scope; body: string; files?: readonly UploadedFile[] },
  user: SessionUser,
): Promise<FollowupResult | undefined> {
  const files = input.files ?? [];
  const problems = attachmentProblems(files);
  return db.transaction().execute(async (trx) => {
    const locked = await lockRecommendation(trx, input.id);
    if (!locked || !(input.scope.all || input.scope.unitIds.includes(locked.r.owner_unit_id))) return undefined;
    const status = (await statusesOf(trx, [locked.r.id])).get(locked.r.id)!;
    if (isSettled(status)) return { ok: false as const, message: `Kiến nghị đã ở trạng thái «${FOLLOWUP_STATUS_LABELS[status]}»: không cần báo cáo thêm.` };
    if (problems.length > 0) return { ok: false as const, field: "files", message: problems.join(" ") };
    const report = await trx.insertInto("remediation_report").values({ recommendation_id: locked.r.id, body: input.body, reported_by: user.id }).returning("id").executeTakeFirstOrThrow();
    for (const file of files) {
      await trx
        .insertInto("attachment")
        .values({
          case_id: locked.c.id,
          remediation_report_id: report.id,
          file_name: file.fileName,
          media_type: sniffMediaType(file.content)!,
          size_bytes: file.content.length,
          sha256: createHash("sha256").update(file.content).digest("hex"),
          content: Buffer.from(file.content),
          uploaded_by: user.id,
        })
        .execute();
    }
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "followup.report",
      entityType: "case",
      entityId: locked.c.id,
      summary: `Báo cáo khắc phục kiến nghị ${locked.r.position} của Thông báo số ${formatNoticeNumber(locked.r.number!, locked.r.symbol!)}.`,
      data: { recommendationId: locked.r.id, reportId: report.id, files: files.map((f) => f.fileName) },
    });
    return { ok: true as const, message: "Đã gửi báo cáo khắc phục." };
  });
}

const DECISION_TEXT = { accepted: "Chấp nhận kết quả khắc phục", rejected: "Chưa chấp nhận, yêu cầu báo cáo lại", waived: "Miễn thực hiện" } as const;

/** The team lead accepts the latest report, rejects it with a reason, or waives the recommendation with a reason. */
export async function decideRecommendation(
  db: Database,
  input: { id: number; scope: Scope; decision: "accepted" | "rejected" | "waived"; reason: string | null },
  user: SessionUser,
): Promise<FollowupResult | undefined> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockRecommendation(trx, input.id);
    if (!locked) return undefined;
    const actor = await caseActorOf(trx, locked.c, user);
    if (!actor.roles.includes("inspector") || !actor.isTeamLead) return { ok: false as const, message: "Chỉ Trưởng đoàn kiểm tra được đánh giá kết quả thực hiện kiến nghị." };
    if (actor.isCaseSubject) return { ok: false as const, message: "Không thể xử lý vụ việc mà chính mình là đối tượng." };
    const status = (await statusesOf(trx, [locked.r.id])).get(locked.r.id)!;
    if (isSettled(status)) return { ok: false as const, message: `Kiến nghị đã ở trạng thái «${FOLLOWUP_STATUS_LABELS[status]}».` };
    const reason = input.reason?.trim() || null;
    if (input.decision !== "accepted" && !reason) return { ok: false as const, field: "reason", message: "Vui lòng nêu lý do." };
    let reportId: number | null = null;
    if (input.decision !== "waived") {
      if (status !== "reported") return { ok: false as const, message: "Đơn vị chưa gửi báo cáo khắc phục mới để đánh giá." };
      reportId = (await trx.selectFrom("remediation_report").select("id").where("recommendation_id", "=", locked.r.id).orderBy("id", "desc").limit(1).executeTakeFirstOrThrow()).id;
    }
    await trx.insertInto("recommendation_decision").values({ recommendation_id: locked.r.id, decision: input.decision, remediation_report_id: reportId, reason, decided_by: user.id }).execute();
    await appendAudit(trx, {
      actorUserId: user.id,
      action: `followup.${input.decision}`,
      entityType: "case",
      entityId: locked.c.id,
      summary: `${DECISION_TEXT[input.decision]}: kiến nghị ${locked.r.position} của Thông báo số ${formatNoticeNumber(locked.r.number!, locked.r.symbol!)}.${reason ? ` Lý do: ${reason}` : ""}`,
      data: { recommendationId: locked.r.id, decision: input.decision, reason, reportId },
    });
    return { ok: true as const, message: `${DECISION_TEXT[input.decision]}.` };
  });
}

export type RecommendationRow = Awaited<ReturnType<typeof listRecommendations>>["rows"][number];
