// Inspections (đợt kiểm tra): the decision, its legal basis, scope and period, and the team. A unit head
// sees an inspection whose scope holds a unit of theirs; the scope sits in every WHERE clause here.
// Team changes lock the inspection row, so two inspectors editing one team take turns and the
// one-lead rule (also a partial unique index) holds.
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import { conflictsOfInterest, type CaseSubject, type MembershipForConflict } from "../domain/conflict-of-interest.js";
import { PAGE_SIZE } from "../domain/paging.js";
import { changedFields } from "../domain/units.js";
import { appendAudit } from "./audit.server.js";
import { foldedContains, inScope, type WriteResult } from "./units.server.js";

export const TEAM_ROLES = ["lead", "member", "secretary"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export type InspectionInput = {
  title: string;
  decisionNumber: string;
  decisionDate: string;
  decisionSigner: string;
  legalBasis: string;
  legalBasisDate: string;
  periodFrom: string;
  periodTo: string;
  unitIds: number[];
};

/** The inspection is visible: everything for an unscoped user, else one of its scope units is in the scope. */
function visible(scope: Scope) {
  if (scope.all) return sql<boolean>`true`;
  return sql<boolean>`exists (select 1 from inspection_unit iu where iu.inspection_id = i.id and iu.unit_id = any(${scope.unitIds}::int[]))`;
}

export async function listInspections(db: Database, scope: Scope, filter: { page: number }) {
  const query = db.selectFrom("inspection as i").where(visible(scope));
  const [rows, total] = await Promise.all([
    query
      .select([
        "i.id",
        "i.title",
        "i.decision_number",
        "i.decision_date",
        "i.period_from",
        "i.period_to",
        sql<{ code: string; name: string }[]>`coalesce((
          select json_agg(json_build_object('code', u.code, 'name', u.name) order by u.code)
          from inspection_unit iu join unit u on u.id = iu.unit_id where iu.inspection_id = i.id), '[]'::json)`.as("units"),
        sql<string | null>`(select o.full_name from inspection_member m join officer o on o.id = m.officer_id
          where m.inspection_id = i.id and m.role = 'lead' and m.removed_at is null)`.as("lead_name"),
        // A unit head counts only the cases about their own units, the ones they may open.
        sql<number>`(select count(*) from inspection_case c where c.inspection_id = i.id and ${inScope("c.subject_unit_id", scope)})`.as(
          "case_count",
        ),
      ])
      .orderBy("i.decision_date", "desc")
      .orderBy("i.id", "desc")
      .limit(PAGE_SIZE)
      .offset((filter.page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
export type InspectionListRow = Awaited<ReturnType<typeof listInspections>>["rows"][number];

/** The inspection with scope, team, recusals and cases; undefined when missing or outside the scope. */
export async function inspectionDetails(db: Database, scope: Scope, id: number) {
  const inspection = await db
    .selectFrom("inspection as i")
    .select([
      "i.id",
      "i.title",
      "i.decision_number",
      "i.decision_date",
      "i.decision_signer",
      "i.legal_basis",
      "i.legal_basis_date",
      "i.period_from",
      "i.period_to",
      "i.updated_at",
    ])
    .where("i.id", "=", id)
    .where(visible(scope))
    .executeTakeFirst();
  if (!inspection) return undefined;
  const [units, members, recusals, cases] = await Promise.all([
    db
      .selectFrom("inspection_unit as iu")
      .innerJoin("unit as u", "u.id", "iu.unit_id")
      .select(["u.id", "u.code", "u.name"])
      .where("iu.inspection_id", "=", id)
      .orderBy("u.code")
      .execute(),
    db
      .selectFrom("inspection_member as m")
      .innerJoin("officer as o", "o.id", "m.officer_id")
      .select(["m.id", "m.role", "m.added_at", "m.removed_at", "m.removed_reason", "o.id as officer_id", "o.code", "o.full_name"])
      .where("m.inspection_id", "=", id)
      .orderBy(sql`m.removed_at is not null`)
      .orderBy(sql`case m.role when 'lead' then 0 when 'member' then 1 else 2 end`)
      .orderBy("o.code")
      .execute(),
    // Recusals are the inspectorate's own record of whom it kept off the team: not for the inspected units.
    scope.all
      ? db
          .selectFrom("recusal as r")
          .innerJoin("officer as o", "o.id", "r.officer_id")
          .select(["r.id", "r.reasons", "r.recorded_at", "o.code", "o.full_name"])
          .where("r.inspection_id", "=", id)
          .orderBy("r.id", "desc")
          .execute()
      : [],
    db
      .selectFrom("inspection_case as c")
      .innerJoin("unit as u", "u.id", "c.subject_unit_id")
      .leftJoin("officer as o", "o.id", "c.subject_officer_id")
      .select(["c.id", "c.code", "c.title", "c.state", "u.name as unit_name", "o.full_name as officer_name"])
      .where("c.inspection_id", "=", id)
      .where(inScope("c.subject_unit_id", scope))
      .orderBy("c.code")
      .execute(),
  ]);
  return { inspection, units, members, recusals, cases };
}

/** The inspection as the edit form needs it (inspectors see every inspection). */
export async function inspectionForEdit(db: Database, id: number) {
  const inspection = await db.selectFrom("inspection").selectAll().where("id", "=", id).executeTakeFirst();
  if (!inspection) return undefined;
  const units = await db.selectFrom("inspection_unit").select("unit_id").where("inspection_id", "=", id).execute();
  return { ...inspection, unitIds: units.map((u) => u.unit_id) };
}

const NUMBER_TAKEN = (n: string) => `Số quyết định ${n} đã có. Mỗi quyết định kiểm tra có một số riêng.`;

function refused(field: string, message: string | string[]): { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] } {
  return { ok: false, fieldErrors: { [field]: Array.isArray(message) ? message : [message] }, formErrors: [] };
}

async function checkInput(db: Database | Tx, input: InspectionInput, exceptId: number | null): Promise<WriteResult | null> {
  const taken = await db
    .selectFrom("inspection")
    .select("id")
    .where("decision_number", "=", input.decisionNumber)
    .$if(exceptId !== null, (q) => q.where("id", "<>", exceptId!))
    .executeTakeFirst();
  if (taken) return refused("decisionNumber", NUMBER_TAKEN(input.decisionNumber));
  const found = await db.selectFrom("unit").select("id").where("id", "in", input.unitIds).execute();
  if (found.length !== new Set(input.unitIds).size) return refused("unitIds", "Không tìm thấy đơn vị đã chọn.");
  return null;
}

function mapDatabaseError(error: unknown, input: InspectionInput): WriteResult {
  const e = error as { code?: string; constraint?: string };
  if (e.code === "23505" && e.constraint === "inspection_decision_number_key") return refused("decisionNumber", NUMBER_TAKEN(input.decisionNumber));
  throw error;
}

function row(input: InspectionInput) {
  return {
    title: input.title,
    decision_number: input.decisionNumber,
    decision_date: input.decisionDate,
    decision_signer: input.decisionSigner,
    legal_basis: input.legalBasis,
    legal_basis_date: input.legalBasisDate,
    period_from: input.periodFrom,
    period_to: input.periodTo,
  };
}

export async function createInspection(db: Database, input: InspectionInput, actorUserId: string): Promise<WriteResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const problem = await checkInput(trx, input, null);
      if (problem) return problem;
      const { id } = await trx
        .insertInto("inspection")
        .values({ ...row(input), created_by: actorUserId })
        .returning("id")
        .executeTakeFirstOrThrow();
      const unitIds = [...new Set(input.unitIds)];
      await trx.insertInto("inspection_unit").values(unitIds.map((unit_id) => ({ inspection_id: id, unit_id }))).execute();
      await appendAudit(trx, {
        actorUserId,
        action: "inspection.create",
        entityType: "inspection",
        entityId: id,
        summary: `Tạo đợt kiểm tra theo quyết định ${input.decisionNumber}: ${input.title}`,
        data: { ...row(input), unitIds },
      });
      return { ok: true as const, id, changed: true };
    });
  } catch (error) {
    return mapDatabaseError(error, input);
  }
}

/** Undefined when the inspection does not exist. */
export async function updateInspection(db: Database, id: number, input: InspectionInput, actorUserId: string): Promise<WriteResult | undefined> {
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("inspection").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
      if (!before) return undefined;
      const problem = await checkInput(trx, input, id);
      if (problem) return problem;
      const beforeUnits = (await trx.selectFrom("inspection_unit").select("unit_id").where("inspection_id", "=", id).execute())
        .map((u) => u.unit_id)
        .sort((a, b) => a - b);
      const afterUnits = [...new Set(input.unitIds)].sort((a, b) => a - b);
      const { id: _id, created_by, created_at, updated_at, ...old } = before;
      const diff = changedFields({ ...old, units: beforeUnits.join(",") }, { ...row(input), units: afterUnits.join(",") });
      if (!diff) return { ok: true as const, id, changed: false };
      if (diff.fields.includes("units") || diff.fields.includes("decision_date")) {
        const problems = await teamConflicts(trx, id, afterUnits, input.decisionDate);
        if (problems.length > 0) return { ok: false as const, fieldErrors: {}, formErrors: problems };
      }
      await trx.updateTable("inspection").set(row(input)).where("id", "=", id).execute();
      if (diff.fields.includes("units")) {
        await trx.deleteFrom("inspection_unit").where("inspection_id", "=", id).execute();
        await trx.insertInto("inspection_unit").values(afterUnits.map((unit_id) => ({ inspection_id: id, unit_id }))).execute();
      }
      await appendAudit(trx, {
        actorUserId,
        action: "inspection.update",
        entityType: "inspection",
        entityId: id,
        summary: `Sửa đợt kiểm tra ${input.decisionNumber}`,
        data: { before: diff.before, after: diff.after },
      });
      return { ok: true as const, id, changed: true };
    });
  } catch (error) {
    return mapDatabaseError(error, input);
  }
}

const OFFICER_SEARCH_LIMIT = 20;

/** Officers for the team picker, by code or name ignoring diacritics, with where they work today. */
export async function searchTeamCandidates(db: Database, q: string, today: string) {
  return db
    .selectFrom("officer as o")
    .$if(q.trim() !== "", (query) => query.where((eb) => eb.or([foldedContains("o.code", q), foldedContains("o.full_name", q)])))
    .select([
      "o.id",
      "o.code",
      "o.full_name",
      sql<string | null>`(select u.name from officer_membership m join unit u on u.id = m.unit_id
        where m.officer_id = o.id and (m.valid_from is null or m.valid_from <= ${today}::date)
          and (m.valid_to is null or m.valid_to >= ${today}::date) order by m.valid_from desc nulls last limit 1)`.as("unit_name"),
    ])
    .orderBy("o.code")
    .limit(OFFICER_SEARCH_LIMIT)
    .execute();
}

/** Every membership of the officer, with each unit's ancestors nearest first, as the conflict rule needs them. */
async function membershipsForConflict(trx: Tx, officerId: number): Promise<MembershipForConflict[]> {
  const { rows } = await sql<{ unit_id: number; unit_name: string; valid_from: string | null; valid_to: string | null; ancestor_ids: number[] }>`
    select m.unit_id, u.name as unit_name, m.valid_from, m.valid_to,
      array(
        with recursive up(id, parent_id, depth) as (
          select p.id, p.parent_id, 1 from unit p where p.id = u.parent_id
          union all
          select x.id, x.parent_id, up.depth + 1 from unit x join up on x.id = up.parent_id where up.depth < 50
        )
        select id from up order by depth
      ) as ancestor_ids
    from officer_membership m join unit u on u.id = m.unit_id
    where m.officer_id = ${officerId}
    order by m.valid_from nulls first, m.id`.execute(trx);
  return rows.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, unitAncestorIds: r.ancestor_ids, validFrom: r.valid_from, validTo: r.valid_to }));
}

async function caseSubjects(trx: Tx, inspectionId: number): Promise<CaseSubject[]> {
  const rows = await trx
    .selectFrom("inspection_case as c")
    .innerJoin("unit as u", "u.id", "c.subject_unit_id")
    .select(["c.code", "c.subject_officer_id", "u.id as unit_id", "u.name as unit_name"])
    .where("c.inspection_id", "=", inspectionId)
    .execute();
  return rows.map((r) => ({ code: r.code, unit: { id: r.unit_id, name: r.unit_name }, officerId: r.subject_officer_id }));
}

/**
 * The seated members who would be in conflict with a new scope or decision date. An edit must not slip
 * a conflicted member past the check that guarded their seat: the team is changed first, then the scope.
 */
async function teamConflicts(trx: Tx, inspectionId: number, unitIds: number[], decisionDate: string): Promise<string[]> {
  const seats = await trx
    .selectFrom("inspection_member as m")
    .innerJoin("officer as o", "o.id", "m.officer_id")
    .select(["o.id", "o.code", "o.full_name"])
    .where("m.inspection_id", "=", inspectionId)
    .where("m.removed_at", "is", null)
    .orderBy("o.code")
    .execute();
  if (seats.length === 0) return [];
  const [scopeUnits, cases] = await Promise.all([
    trx.selectFrom("unit").select(["id", "name"]).where("id", "in", unitIds).execute(),
    caseSubjects(trx, inspectionId),
  ]);
  const problems: string[] = [];
  for (const seat of seats) {
    const memberships = await membershipsForConflict(trx, seat.id);
    const reasons = conflictsOfInterest({ candidate: { officerId: seat.id, memberships }, scopeUnits, cases, referenceDate: decisionDate });
    if (reasons.length > 0) {
      problems.push(`Thành viên đoàn ${seat.code} – ${seat.full_name} sẽ có xung đột lợi ích: ${reasons.join(" ")} Hãy rút thành viên này khỏi đoàn trước.`);
    }
  }
  return problems;
}

export const ROLE_NAMES: Record<TeamRole, string> = { lead: "trưởng đoàn", member: "thành viên", secretary: "thư ký" };

export type TeamResult =
  | { ok: true; message: string }
  | { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[]; recused?: boolean };

async function lockInspection(trx: Tx, id: number) {
  return trx.selectFrom("inspection").select(["id", "decision_number", "decision_date"]).where("id", "=", id).forUpdate().executeTakeFirst();
}

/**
 * Adds an officer to the team. A conflict of interest refuses the seat and records the recusal (with the
 * reasons) in the same transaction: the refusal itself is part of the inspection's record.
 * Undefined when the inspection does not exist.
 */
export async function addTeamMember(
  db: Database,
  input: { inspectionId: number; officerId: number; role: TeamRole; replaceLead: boolean },
  actorUserId: string,
): Promise<TeamResult | undefined> {
  return db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, input.inspectionId);
    if (!inspection) return undefined;
    const officer = await trx.selectFrom("officer").select(["id", "code", "full_name"]).where("id", "=", input.officerId).executeTakeFirst();
    if (!officer) return refused("officerId", "Không tìm thấy cán bộ này.");
    const seats = await trx
      .selectFrom("inspection_member as m")
      .innerJoin("officer as o", "o.id", "m.officer_id")
      .select(["m.id", "m.officer_id", "m.role", "o.code", "o.full_name"])
      .where("m.inspection_id", "=", inspection.id)
      .where("m.removed_at", "is", null)
      .execute();
    const who = `${officer.code} – ${officer.full_name}`;
    if (seats.some((s) => s.officer_id === officer.id)) return refused("officerId", `${who} đã có trong đoàn kiểm tra.`);

    const [memberships, scopeUnits, cases] = await Promise.all([
      membershipsForConflict(trx, officer.id),
      trx
        .selectFrom("inspection_unit as iu")
        .innerJoin("unit as u", "u.id", "iu.unit_id")
        .select(["u.id", "u.name"])
        .where("iu.inspection_id", "=", inspection.id)
        .execute(),
      caseSubjects(trx, inspection.id),
    ]);
    const reasons = conflictsOfInterest({
      candidate: { officerId: officer.id, memberships },
      scopeUnits,
      cases,
      referenceDate: inspection.decision_date,
    });
    if (reasons.length > 0) {
      const { id: recusalId } = await trx
        .insertInto("recusal")
        .values({ inspection_id: inspection.id, officer_id: officer.id, reasons, recorded_by: actorUserId })
        .returning("id")
        .executeTakeFirstOrThrow();
      await appendAudit(trx, {
        actorUserId,
        action: "inspection.recusal",
        entityType: "inspection",
        entityId: inspection.id,
        summary: `Không đưa ${who} vào đoàn kiểm tra ${inspection.decision_number} do xung đột lợi ích`,
        data: { recusalId, officerId: officer.id, role: input.role, reasons },
      });
      return { ...refused("officerId", reasons), recused: true };
    }

    const lead = seats.find((s) => s.role === "lead");
    if (input.role === "lead" && lead) {
      if (!input.replaceLead) {
        return refused(
          "role",
          `Đoàn đã có trưởng đoàn (${lead.code} – ${lead.full_name}). Chọn “Thay trưởng đoàn hiện tại” nếu muốn thay.`,
        );
      }
      // The partial unique index allows one active lead: step the old one down first.
      await trx.updateTable("inspection_member").set({ role: "member" }).where("id", "=", lead.id).execute();
    }
    const { id: memberId } = await trx
      .insertInto("inspection_member")
      .values({ inspection_id: inspection.id, officer_id: officer.id, role: input.role, added_by: actorUserId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorUserId,
      action: "inspection.member_add",
      entityType: "inspection",
      entityId: inspection.id,
      summary: `Thêm ${who} vào đoàn kiểm tra ${inspection.decision_number} với vai trò ${ROLE_NAMES[input.role]}`,
      data: { memberId, officerId: officer.id, role: input.role },
    });
    if (input.role === "lead" && lead) {
      await appendAudit(trx, {
        actorUserId,
        action: "inspection.lead_change",
        entityType: "inspection",
        entityId: inspection.id,
        summary: `Thay trưởng đoàn kiểm tra ${inspection.decision_number}: ${lead.code} – ${lead.full_name} → ${who}`,
        data: { fromOfficerId: lead.officer_id, toOfficerId: officer.id },
      });
    }
    return { ok: true as const, message: `Đã thêm ${who} vào đoàn với vai trò ${ROLE_NAMES[input.role]}.` };
  });
}

/** Takes a member off the team, with the reason kept. Undefined when the inspection or seat does not exist. */
export async function removeTeamMember(
  db: Database,
  input: { inspectionId: number; memberId: number; reason: string },
  actorUserId: string,
): Promise<TeamResult | undefined> {
  return db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, input.inspectionId);
    if (!inspection) return undefined;
    const seat = await trx
      .selectFrom("inspection_member as m")
      .innerJoin("officer as o", "o.id", "m.officer_id")
      .select(["m.id", "m.role", "m.officer_id", "o.code", "o.full_name"])
      .where("m.id", "=", input.memberId)
      .where("m.inspection_id", "=", inspection.id)
      .where("m.removed_at", "is", null)
      .executeTakeFirst();
    if (!seat) return undefined;
    const others = await trx
      .selectFrom("inspection_member")
      .select("id")
      .where("inspection_id", "=", inspection.id)
      .where("removed_at", "is", null)
      .where("id", "<>", seat.id)
      .execute();
    // A team with members always has a lead: name another one first.
    if (seat.role === "lead" && others.length > 0) {
      return { ok: false, fieldErrors: {}, formErrors: ["Hãy chỉ định trưởng đoàn khác trước khi rút trưởng đoàn khỏi đoàn."] };
    }
    await trx
      .updateTable("inspection_member")
      .set({ removed_at: sql`now()`, removed_by: actorUserId, removed_reason: input.reason })
      .where("id", "=", seat.id)
      .execute();
    const who = `${seat.code} – ${seat.full_name}`;
    await appendAudit(trx, {
      actorUserId,
      action: "inspection.member_remove",
      entityType: "inspection",
      entityId: inspection.id,
      summary: `Rút ${who} khỏi đoàn kiểm tra ${inspection.decision_number}: ${input.reason}`,
      data: { memberId: seat.id, officerId: seat.officer_id, role: seat.role, reason: input.reason },
    });
    return { ok: true as const, message: `Đã rút ${who} khỏi đoàn kiểm tra.` };
  });
}

/** Makes an active member the lead; the old lead stays on as a member. Undefined when not found. */
export async function changeLead(
  db: Database,
  input: { inspectionId: number; memberId: number },
  actorUserId: string,
): Promise<TeamResult | undefined> {
  return db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, input.inspectionId);
    if (!inspection) return undefined;
    const seats = await trx
      .selectFrom("inspection_member as m")
      .innerJoin("officer as o", "o.id", "m.officer_id")
      .select(["m.id", "m.role", "m.officer_id", "o.code", "o.full_name"])
      .where("m.inspection_id", "=", inspection.id)
      .where("m.removed_at", "is", null)
      .execute();
    const next = seats.find((s) => s.id === input.memberId);
    if (!next) return undefined;
    if (next.role === "lead") return { ok: true as const, message: "Cán bộ này đã là trưởng đoàn." };
    const lead = seats.find((s) => s.role === "lead");
    if (lead) await trx.updateTable("inspection_member").set({ role: "member" }).where("id", "=", lead.id).execute();
    await trx.updateTable("inspection_member").set({ role: "lead" }).where("id", "=", next.id).execute();
    const who = `${next.code} – ${next.full_name}`;
    await appendAudit(trx, {
      actorUserId,
      action: "inspection.lead_change",
      entityType: "inspection",
      entityId: inspection.id,
      summary: lead
        ? `Thay trưởng đoàn kiểm tra ${inspection.decision_number}: ${lead.code} – ${lead.full_name} → ${who}`
        : `Chỉ định ${who} làm trưởng đoàn kiểm tra ${inspection.decision_number}`,
      data: { fromOfficerId: lead?.officer_id ?? null, toOfficerId: next.officer_id },
    });
    return { ok: true as const, message: `${who} là trưởng đoàn từ nay.` };
  });
}

