// Officers (cán bộ, công chức, viên chức) and their memberships of units over time. A scoped user sees
// an officer when one of the officer's memberships, in any period, lies in a unit of the scope.
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import { formatIsoDate } from "../domain/format.js";
import { PAGE_SIZE } from "../domain/paging.js";
import { changedFields, findOverlap, formatPeriod, periodWithin } from "../domain/units.js";
import { appendAudit } from "./audit.server.js";
import { activeOn, foldedContains, inScope, type WriteResult } from "./units.server.js";
import { unitsWithDescendants } from "./users.server.js";

export type OfficerListFilter = {
  q: string;
  /** Officers with a membership in this unit or one of its sub-units. */
  unitId: number | null;
  /** 'current': a membership in force today (in the scope and the unit filter); 'all': any period. */
  status: "current" | "all";
  today: string;
  page: number;
  /** Show the linked user account (admins only). */
  withUser: boolean;
};

export async function listOfficers(db: Database, scope: Scope, filter: OfficerListFilter) {
  const unitIds = filter.unitId === null ? null : await unitsWithDescendants(db, [filter.unitId]);
  let query = db.selectFrom("officer as o");
  if (!scope.all || unitIds || filter.status === "current") {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("officer_membership as m")
          .select("m.id")
          .whereRef("m.officer_id", "=", "o.id")
          .where(inScope("m.unit_id", scope))
          .$if(unitIds !== null, (q) => q.where(sql<boolean>`m.unit_id = any(${unitIds}::int[])`))
          .$if(filter.status === "current", (q) => q.where(activeOn("m", filter.today))),
      ),
    );
  }
  if (filter.q) query = query.where((eb) => eb.or([foldedContains("o.code", filter.q), foldedContains("o.full_name", filter.q)]));
  const [rows, total] = await Promise.all([
    query
      // The officer's post today, wherever it is: it belongs to the officer's record, which the scope
      // already let through (a unit head still sees where an officer of theirs has moved).
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom("officer_membership as cm")
            .innerJoin("unit as cu", "cu.id", "cm.unit_id")
            .select(["cm.unit_id", "cu.name as unit_name", "cm.position", inScope("cm.unit_id", scope).as("unit_visible")])
            .whereRef("cm.officer_id", "=", "o.id")
            .where(activeOn("cm", filter.today))
            .limit(1)
            .as("cur"),
        (join) => join.onTrue(),
      )
      .select(["o.id", "o.code", "o.full_name", "cur.unit_id", "cur.unit_name", "cur.position", "cur.unit_visible"])
      .select(
        (filter.withUser ? sql<string | null>`(select au.username from app_user au where au.officer_id = o.id)` : sql<string | null>`null`).as(
          "username",
        ),
      )
      .orderBy("o.code")
      .limit(PAGE_SIZE)
      .offset((filter.page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
export type OfficerListRow = Awaited<ReturnType<typeof listOfficers>>["rows"][number];

function visibleOfficer(db: Database | Tx, scope: Scope, id: number) {
  return db
    .selectFrom("officer as o")
    .select(["o.id", "o.code", "o.full_name", "o.updated_at"])
    .where("o.id", "=", id)
    .$if(!scope.all, (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(selectFrom("officer_membership as m").select("m.id").whereRef("m.officer_id", "=", "o.id").where(inScope("m.unit_id", scope))),
      ),
    );
}

function membershipsOf(db: Database | Tx, scope: Scope, officerId: number) {
  return db
    .selectFrom("officer_membership as m")
    .innerJoin("unit as u", "u.id", "m.unit_id")
    .select([
      "m.id",
      "m.unit_id",
      "u.code as unit_code",
      "u.name as unit_name",
      "u.valid_from as unit_valid_from",
      "u.valid_to as unit_valid_to",
      "m.position",
      "m.valid_from",
      "m.valid_to",
      inScope("m.unit_id", scope).as("unit_visible"),
    ])
    .where("m.officer_id", "=", officerId)
    .orderBy(sql`m.valid_from desc nulls last`)
    .orderBy("m.id", "desc");
}
export type MembershipRow = Awaited<ReturnType<ReturnType<typeof membershipsOf>["execute"]>>[number];

/**
 * The officer with the whole membership timeline, newest first (the officer's record, including periods
 * in units outside the scope). Undefined when the officer does not exist or lies outside the scope.
 */
export async function officerDetails(db: Database, scope: Scope, input: { id: number; withUser: boolean }) {
  const officer = await visibleOfficer(db, scope, input.id).executeTakeFirst();
  if (!officer) return undefined;
  const [memberships, user] = await Promise.all([
    membershipsOf(db, scope, officer.id).execute(),
    input.withUser
      ? db.selectFrom("app_user").select(["username", "display_name", "active"]).where("officer_id", "=", officer.id).executeTakeFirst()
      : undefined,
  ]);
  return { officer, memberships, user: user ?? null };
}

/** The officer and memberships as the admin's edit pages need them. */
export async function officerForEdit(db: Database, id: number) {
  return officerDetails(db, { all: true }, { id, withUser: false });
}

export type MembershipInput = { unitId: number; position: string | null; validFrom: string; validTo: string | null };
export type OfficerInput = { code: string; fullName: string };

function fail(fieldErrors: Record<string, string[]>, formErrors: string[] = []): WriteResult {
  return { ok: false, fieldErrors, formErrors };
}

function describeMembership(m: { unit_name: string; position: string | null; valid_from: string | null; valid_to: string | null }) {
  const position = m.position ? ` (${m.position})` : "";
  const from = m.valid_from ? `từ ${formatIsoDate(m.valid_from)}` : "từ trước";
  const to = m.valid_to ? `đến ${formatIsoDate(m.valid_to)}` : "đến nay";
  return `${m.unit_name}${position} ${from} ${to}`;
}

function overlapMessage(conflict: MembershipRow): string {
  return `Khoảng thời gian này trùng với quá trình công tác tại ${describeMembership(conflict)}. Hãy kết thúc hoặc sửa quá trình đó trước.`;
}

/** Refuses a period that overlaps another membership of the officer, or lies outside the unit's validity. */
async function checkMembership(trx: Tx, officerId: number, input: MembershipInput, membershipId: number | null) {
  const unit = await trx.selectFrom("unit").select(["name", "valid_from", "valid_to"]).where("id", "=", input.unitId).executeTakeFirst();
  if (!unit) return { problem: fail({ unitId: ["Đơn vị không tồn tại."] }) };
  const period = { validFrom: input.validFrom, validTo: input.validTo };
  if (!periodWithin(period, { validFrom: unit.valid_from, validTo: unit.valid_to })) {
    const when = formatPeriod({ validFrom: unit.valid_from, validTo: unit.valid_to });
    return { problem: fail({ unitId: [`${unit.name} chỉ hoạt động trong thời gian ${when}; thời gian công tác phải nằm trong khoảng đó.`] }) };
  }
  const others = (await membershipsOf(trx, { all: true }, officerId).execute()).filter((m) => m.id !== membershipId);
  const conflict = findOverlap(period, others.map((m) => ({ ...m, validFrom: m.valid_from, validTo: m.valid_to })));
  // On the period's first field rather than the whole form: conform focuses the first input whose name
  // carries the error, and a form-level error ('') would focus the nameless search box of the unit picker.
  if (conflict) return { problem: fail({ validFrom: [overlapMessage(conflict)] }) };
  return { unitName: unit.name };
}

/** The database's own refusals (a concurrent write can slip past the checks) as form errors. */
async function mapDatabaseError(db: Database, error: unknown, officerId: number | null, input: Partial<MembershipInput> & Partial<OfficerInput>) {
  const e = error as { code?: string; constraint?: string };
  if (e.code === "23505" && e.constraint === "officer_code_key") return fail({ code: [`Mã cán bộ ${input.code} đã có.`] });
  if (e.code === "23P01" && officerId !== null && input.validFrom) {
    const all = await membershipsOf(db, { all: true }, officerId).execute();
    const conflict = findOverlap({ validFrom: input.validFrom, validTo: input.validTo ?? null }, all.map((m) => ({ ...m, validFrom: m.valid_from, validTo: m.valid_to })));
    return fail({ validFrom: [conflict ? overlapMessage(conflict) : "Khoảng thời gian này trùng với một quá trình công tác khác của cán bộ."] });
  }
  if (e.code === "23514") return fail({ validTo: ["Ngày kết thúc phải từ ngày bắt đầu trở về sau."] });
  throw error;
}

async function insertMembership(trx: Tx, officer: { id: number; code: string }, input: MembershipInput, unitName: string, actorUserId: string) {
  const { id } = await trx
    .insertInto("officer_membership")
    .values({ officer_id: officer.id, unit_id: input.unitId, position: input.position, valid_from: input.validFrom, valid_to: input.validTo })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendAudit(trx, {
    actorUserId,
    action: "membership.add",
    entityType: "officer",
    entityId: officer.id,
    summary: `Thêm quá trình công tác của ${officer.code} tại ${describeMembership({ unit_name: unitName, position: input.position, valid_from: input.validFrom, valid_to: input.validTo })}`,
    data: { membershipId: id, before: null, after: input },
  });
}

async function codeTaken(trx: Tx, code: string, exceptId: number | null) {
  const row = await trx
    .selectFrom("officer")
    .select("id")
    .where("code", "=", code)
    .$if(exceptId !== null, (q) => q.where("id", "<>", exceptId!))
    .executeTakeFirst();
  return !!row;
}

// Thrown inside a transaction to roll back what it already wrote, carrying the form errors out.
class Refusal extends Error {
  constructor(readonly result: WriteResult) {
    super("refused");
  }
}

/** A new officer, with a first membership when one is given. */
export async function createOfficer(
  db: Database,
  input: OfficerInput & { membership: MembershipInput | null },
  actorUserId: string,
): Promise<WriteResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (await codeTaken(trx, input.code, null)) return fail({ code: [`Mã cán bộ ${input.code} đã có.`] });
      const { id } = await trx.insertInto("officer").values({ code: input.code, full_name: input.fullName }).returning("id").executeTakeFirstOrThrow();
      await appendAudit(trx, {
        actorUserId,
        action: "officer.create",
        entityType: "officer",
        entityId: id,
        summary: `Tạo cán bộ ${input.code} — ${input.fullName}`,
        data: { before: null, after: { code: input.code, fullName: input.fullName } },
      });
      if (input.membership) {
        const checked = await checkMembership(trx, id, input.membership, null);
        if (checked.problem) {
          // Nothing of the officer may stay behind when the first membership is refused.
          throw new Refusal(checked.problem);
        }
        await insertMembership(trx, { id, code: input.code }, input.membership, checked.unitName, actorUserId);
      }
      return { ok: true as const, id, changed: true };
    });
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    return mapDatabaseError(db, error, null, input);
  }
}

/** Undefined when the officer does not exist. */
export async function updateOfficer(db: Database, id: number, input: OfficerInput, actorUserId: string): Promise<WriteResult | undefined> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("officer").select(["code", "full_name"]).where("id", "=", id).forUpdate().executeTakeFirst();
      if (!row) return undefined;
      const diff = changedFields({ code: row.code, fullName: row.full_name }, input);
      if (!diff) return { ok: true as const, id, changed: false };
      if (await codeTaken(trx, input.code, id)) return fail({ code: [`Mã cán bộ ${input.code} đã có.`] });
      await trx.updateTable("officer").set({ code: input.code, full_name: input.fullName }).where("id", "=", id).execute();
      const labels = { code: "mã", fullName: "họ và tên" } as const;
      await appendAudit(trx, {
        actorUserId,
        action: "officer.update",
        entityType: "officer",
        entityId: id,
        summary: `Sửa cán bộ ${input.code} — ${input.fullName}: ${diff.fields.map((f) => labels[f]).join(", ")}`,
        data: { before: diff.before, after: diff.after },
      });
      return { ok: true as const, id, changed: true };
    });
  } catch (error) {
    return mapDatabaseError(db, error, id, input);
  }
}

/** Undefined when the officer does not exist. */
export async function addMembership(db: Database, officerId: number, input: MembershipInput, actorUserId: string): Promise<WriteResult | undefined> {
  try {
    return await db.transaction().execute(async (trx) => {
      // Locks the officer so that two concurrent additions are checked one after the other.
      const officer = await trx.selectFrom("officer").select(["id", "code"]).where("id", "=", officerId).forUpdate().executeTakeFirst();
      if (!officer) return undefined;
      const checked = await checkMembership(trx, officerId, input, null);
      if (checked.problem) return checked.problem;
      await insertMembership(trx, officer, input, checked.unitName, actorUserId);
      return { ok: true as const, id: officerId, changed: true };
    });
  } catch (error) {
    return mapDatabaseError(db, error, officerId, input);
  }
}

async function lockMembership(trx: Tx, officerId: number, membershipId: number) {
  const officer = await trx.selectFrom("officer").select(["id", "code"]).where("id", "=", officerId).forUpdate().executeTakeFirst();
  if (!officer) return undefined;
  const membership = await trx
    .selectFrom("officer_membership as m")
    .innerJoin("unit as u", "u.id", "m.unit_id")
    .select(["m.id", "m.unit_id", "u.name as unit_name", "m.position", "m.valid_from", "m.valid_to"])
    .where("m.id", "=", membershipId)
    .where("m.officer_id", "=", officerId)
    .executeTakeFirst();
  return membership ? { officer, membership } : undefined;
}

/** Undefined when the officer or the membership does not exist. */
export async function updateMembership(
  db: Database,
  officerId: number,
  membershipId: number,
  input: MembershipInput,
  actorUserId: string,
): Promise<WriteResult | undefined> {
  try {
    return await db.transaction().execute(async (trx) => {
      const found = await lockMembership(trx, officerId, membershipId);
      if (!found) return undefined;
      const { officer, membership: m } = found;
      const before = { unitId: m.unit_id, position: m.position, validFrom: m.valid_from, validTo: m.valid_to };
      const diff = changedFields<Record<string, unknown>>(before, { ...input });
      if (!diff) return { ok: true as const, id: officerId, changed: false };
      const checked = await checkMembership(trx, officerId, input, membershipId);
      if (checked.problem) return checked.problem;
      await trx
        .updateTable("officer_membership")
        .set({ unit_id: input.unitId, position: input.position, valid_from: input.validFrom, valid_to: input.validTo })
        .where("id", "=", membershipId)
        .execute();
      await appendAudit(trx, {
        actorUserId,
        action: "membership.update",
        entityType: "officer",
        entityId: officerId,
        summary: `Sửa quá trình công tác của ${officer.code}: ${describeMembership({ unit_name: checked.unitName, position: input.position, valid_from: input.validFrom, valid_to: input.validTo })}`,
        data: { membershipId, before: diff.before, after: diff.after },
      });
      return { ok: true as const, id: officerId, changed: true };
    });
  } catch (error) {
    return mapDatabaseError(db, error, officerId, input);
  }
}

/** Sets the last day of an open membership. Undefined when the officer or the membership does not exist. */
export async function endMembership(
  db: Database,
  officerId: number,
  membershipId: number,
  validTo: string,
  actorUserId: string,
): Promise<WriteResult | undefined> {
  try {
    return await db.transaction().execute(async (trx) => {
      const found = await lockMembership(trx, officerId, membershipId);
      if (!found) return undefined;
      const { officer, membership: m } = found;
      if (m.valid_to !== null) {
        return fail({}, [`Quá trình công tác này đã kết thúc ngày ${formatIsoDate(m.valid_to)}; dùng chức năng Sửa để thay đổi.`]);
      }
      if (m.valid_from !== null && validTo < m.valid_from) {
        return fail({ validTo: [`Ngày kết thúc phải từ ngày bắt đầu (${formatIsoDate(m.valid_from)}) trở về sau.`] });
      }
      const unit = await trx.selectFrom("unit").select(["valid_to"]).where("id", "=", m.unit_id).executeTakeFirstOrThrow();
      if (unit.valid_to !== null && validTo > unit.valid_to) {
        return fail({ validTo: [`${m.unit_name} chỉ hoạt động đến ${formatIsoDate(unit.valid_to)}.`] });
      }
      await trx.updateTable("officer_membership").set({ valid_to: validTo }).where("id", "=", membershipId).execute();
      await appendAudit(trx, {
        actorUserId,
        action: "membership.end",
        entityType: "officer",
        entityId: officerId,
        summary: `Kết thúc quá trình công tác của ${officer.code} tại ${m.unit_name}${m.position ? ` (${m.position})` : ""} ngày ${formatIsoDate(validTo)}`,
        data: { membershipId, before: { validTo: null }, after: { validTo } },
      });
      return { ok: true as const, id: officerId, changed: true };
    });
  } catch (error) {
    return mapDatabaseError(db, error, officerId, { validTo });
  }
}
