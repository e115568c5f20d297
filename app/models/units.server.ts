// Units (cơ quan, đơn vị): a dated tree. Every read takes the caller's scope into its WHERE clause.
import { sql, type RawBuilder } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import { PAGE_SIZE, likePattern } from "../domain/paging.js";
import {
  UNIT_KIND_LABELS,
  VIETNAMESE_MARKED,
  VIETNAMESE_PLAIN,
  changedFields,
  foldVietnamese,
  formatPeriod,
  type UnitKind,
} from "../domain/units.js";
import { appendAudit } from "./audit.server.js";
import { unitsWithDescendants } from "./users.server.js";

/** `column = any(scope units)`, or true for an unscoped user. */
export function inScope(column: string, scope: Scope): RawBuilder<boolean> {
  return scope.all ? sql<boolean>`true` : sql<boolean>`${sql.ref(column)} = any(${scope.unitIds}::int[])`;
}

/** The row of `alias` (with valid_from/valid_to) is in force on `date`. */
export function activeOn(alias: string, date: string): RawBuilder<boolean> {
  const from = sql.ref(`${alias}.valid_from`);
  const to = sql.ref(`${alias}.valid_to`);
  return sql<boolean>`((${from} is null or ${from} <= ${date}::date) and (${to} is null or ${to} >= ${date}::date))`;
}

/** `column` folded like foldVietnamese (no diacritics, lower case) contains the folded search text. */
export function foldedContains(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`lower(translate(normalize(${sql.ref(column)}, NFC), ${VIETNAMESE_MARKED}, ${VIETNAMESE_PLAIN})) like ${likePattern(foldVietnamese(text))}`;
}

export type UnitListFilter = {
  q: string;
  kind: UnitKind | null;
  /** Only units in force on this date; null lists every unit, abolished ones included. */
  activeOn: string | null;
  /** The date on which officers are counted. */
  countOn: string;
  page: number;
};

export async function listUnits(db: Database, scope: Scope, filter: UnitListFilter) {
  let query = db.selectFrom("unit as u").leftJoin("unit as p", "p.id", "u.parent_id").where(inScope("u.id", scope));
  if (filter.q) query = query.where((eb) => eb.or([foldedContains("u.code", filter.q), foldedContains("u.name", filter.q)]));
  if (filter.kind) query = query.where("u.kind", "=", filter.kind);
  if (filter.activeOn) query = query.where(activeOn("u", filter.activeOn));
  const [rows, total] = await Promise.all([
    query
      .select(["u.id", "u.code", "u.name", "u.kind", "u.valid_from", "u.valid_to", "p.id as parent_id", "p.name as parent_name"])
      .select((eb) => [
        inScope("p.id", scope).as("parent_visible"),
        eb
          .selectFrom("officer_membership as m")
          .whereRef("m.unit_id", "=", "u.id")
          .where(activeOn("m", filter.countOn))
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("officer_count"),
      ])
      .orderBy("u.code")
      .limit(PAGE_SIZE)
      .offset((filter.page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, officer_count: Number(r.officer_count ?? 0) })), total: total.n };
}
export type UnitListRow = Awaited<ReturnType<typeof listUnits>>["rows"][number];

export const UNIT_MEMBERS_PAGE_SIZE = PAGE_SIZE;
export const SUB_UNIT_LIMIT = 100;

/**
 * One unit with its ancestors (root first), sub-units and the officers in it today — or, with
 * `members: 'former'`, those whose membership in it has ended. Undefined when the unit does not exist
 * or lies outside the scope.
 */
export async function unitDetails(
  db: Database,
  scope: Scope,
  input: { id: number; today: string; members: "current" | "former"; page: number },
) {
  const unit = await db
    .selectFrom("unit as u")
    .select(["u.id", "u.code", "u.name", "u.kind", "u.parent_id", "u.valid_from", "u.valid_to", "u.updated_at"])
    .where("u.id", "=", input.id)
    .where(inScope("u.id", scope))
    .executeTakeFirst();
  if (!unit) return undefined;

  const ancestors = sql<{ id: number; code: string; name: string; visible: boolean }>`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from unit where id = ${unit.parent_id}
      union all
      select u.id, u.parent_id, up.depth + 1 from unit u join up on u.id = up.parent_id where up.depth < 50
    )
    select unit.id, unit.code, unit.name, ${inScope("unit.id", scope)} as visible
    from up join unit on unit.id = up.id order by up.depth desc`.execute(db);

  const children = db.selectFrom("unit as c").where("c.parent_id", "=", unit.id).where(inScope("c.id", scope));
  const members = db
    .selectFrom("officer_membership as m")
    .innerJoin("officer as o", "o.id", "m.officer_id")
    .where("m.unit_id", "=", unit.id)
    .where(inScope("m.unit_id", scope))
    .where(
      input.members === "current"
        ? activeOn("m", input.today)
        : sql<boolean>`m.valid_to < ${input.today}::date`,
    );

  const [ancestorRows, childRows, childTotal, memberRows, memberTotal] = await Promise.all([
    ancestors,
    children
      .select(["c.id", "c.code", "c.name", "c.kind", "c.valid_from", "c.valid_to"])
      .orderBy(sql`c.valid_to is not null`)
      .orderBy("c.code")
      .limit(SUB_UNIT_LIMIT)
      .execute(),
    children.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    members
      .select(["m.id", "o.id as officer_id", "o.code", "o.full_name", "m.position", "m.valid_from", "m.valid_to"])
      .orderBy(input.members === "current" ? "o.code" : "m.valid_to", input.members === "current" ? "asc" : "desc")
      .orderBy("m.id")
      .limit(UNIT_MEMBERS_PAGE_SIZE)
      .offset((input.page - 1) * UNIT_MEMBERS_PAGE_SIZE)
      .execute(),
    members.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    unit,
    ancestors: ancestorRows.rows,
    children: childRows,
    childTotal: childTotal.n,
    members: memberRows,
    memberTotal: memberTotal.n,
  };
}

export type UnitOption = { value: string; label: string };

// A province has at most a few thousand units: the pickers load them all and search in the browser.
const OPTION_LIMIT = 5000;

/**
 * Units in the scope as Select options "code — name", abolished ones marked. `excludeSubtreeOf` leaves
 * out a unit and its descendants: none of them can become its parent.
 */
export async function unitOptions(db: Database, scope: Scope, today: string, excludeSubtreeOf?: number): Promise<UnitOption[]> {
  const excluded = excludeSubtreeOf === undefined ? [] : await unitsWithDescendants(db, [excludeSubtreeOf]);
  const rows = await db
    .selectFrom("unit as u")
    .select(["u.id", "u.code", "u.name", "u.valid_to"])
    .where(inScope("u.id", scope))
    .$if(excluded.length > 0, (q) => q.where(sql<boolean>`not (u.id = any(${excluded}::int[]))`))
    .orderBy("u.code")
    .limit(OPTION_LIMIT)
    .execute();
  return rows.map((r) => ({
    value: String(r.id),
    label: `${r.code} — ${r.name}${r.valid_to !== null && r.valid_to < today ? " (đã giải thể/sáp nhập)" : ""}`,
  }));
}

/** The unit as the edit form needs it (admins only: no scope). */
export async function getUnit(db: Database | Tx, id: number) {
  return db
    .selectFrom("unit")
    .select(["id", "code", "name", "kind", "parent_id", "valid_from", "valid_to"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export type UnitInput = {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
};

export type WriteResult =
  | { ok: true; id: number; changed: boolean }
  | { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] };

const CYCLE_MESSAGE = "Đơn vị cấp trên không được là chính đơn vị này hoặc một đơn vị cấp dưới của nó.";

function codeTaken(code: string): WriteResult {
  return { ok: false, fieldErrors: { code: [`Mã đơn vị ${code} đã có.`] }, formErrors: [] };
}

function refused(field: string, message: string): WriteResult {
  return { ok: false, fieldErrors: { [field]: [message] }, formErrors: [] };
}

/** The database's own refusals (a concurrent write can slip past the checks above them) as form errors. */
function mapDatabaseError(error: unknown, input: UnitInput): WriteResult {
  const e = error as { code?: string; constraint?: string };
  if (e.code === "23505" && e.constraint === "unit_code_key") return codeTaken(input.code);
  // The cycle trigger raises 23514 without a constraint name; the date check has one.
  if (e.code === "23514" && !e.constraint) return refused("parentId", CYCLE_MESSAGE);
  if (e.code === "23514" && e.constraint?.startsWith("unit_check")) {
    return refused("validTo", "Ngày kết thúc hiệu lực phải từ ngày bắt đầu hiệu lực trở về sau.");
  }
  if (e.code === "23503") return refused("parentId", "Đơn vị cấp trên không tồn tại.");
  throw error;
}

/**
 * Serialises writes to the tree. The cycle trigger only sees committed rows, so two concurrent edits
 * (A under B, B under A) would each pass it; unit edits are rare enough to take turns.
 */
async function lockTree(trx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('ktcv.unit_tree'))`.execute(trx);
}

async function checkUnit(trx: Tx, input: UnitInput, id: number | null): Promise<WriteResult | null> {
  const sameCode = await trx
    .selectFrom("unit")
    .select("id")
    .where("code", "=", input.code)
    .$if(id !== null, (q) => q.where("id", "<>", id!))
    .executeTakeFirst();
  if (sameCode) return codeTaken(input.code);
  if (input.parentId === null) return null;
  if (input.parentId === id) return refused("parentId", CYCLE_MESSAGE);
  const parent = await trx.selectFrom("unit").select("id").where("id", "=", input.parentId).executeTakeFirst();
  if (!parent) return refused("parentId", "Đơn vị cấp trên không tồn tại.");
  if (id !== null) {
    const loop = await sql<{ id: number }>`
      with recursive up(id, parent_id) as (
        select id, parent_id from unit where id = ${input.parentId}
        union
        select u.id, u.parent_id from unit u join up on u.id = up.parent_id
      ) select id from up where id = ${id}`.execute(trx);
    if (loop.rows.length > 0) return refused("parentId", CYCLE_MESSAGE);
  }
  return null;
}

const FIELD_LABELS: Record<keyof UnitInput, string> = {
  code: "mã",
  name: "tên",
  kind: "loại",
  parentId: "đơn vị cấp trên",
  validFrom: "ngày bắt đầu hiệu lực",
  validTo: "ngày kết thúc hiệu lực",
};

function columns(input: UnitInput) {
  return {
    code: input.code,
    name: input.name,
    kind: input.kind,
    parent_id: input.parentId,
    valid_from: input.validFrom,
    valid_to: input.validTo,
  };
}

export async function createUnit(db: Database, input: UnitInput, actorUserId: string): Promise<WriteResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      await lockTree(trx);
      const problem = await checkUnit(trx, input, null);
      if (problem) return problem;
      const { id } = await trx.insertInto("unit").values(columns(input)).returning("id").executeTakeFirstOrThrow();
      await appendAudit(trx, {
        actorUserId,
        action: "unit.create",
        entityType: "unit",
        entityId: id,
        summary: `Tạo đơn vị ${input.code} — ${input.name} (${UNIT_KIND_LABELS[input.kind]}, hiệu lực ${formatPeriod(input)})`,
        data: { before: null, after: input },
      });
      return { ok: true as const, id, changed: true };
    });
  } catch (error) {
    return mapDatabaseError(error, input);
  }
}

/** Undefined when the unit does not exist. */
export async function updateUnit(db: Database, id: number, input: UnitInput, actorUserId: string): Promise<WriteResult | undefined> {
  try {
    return await db.transaction().execute(async (trx) => {
      await lockTree(trx);
      const row = await trx
        .selectFrom("unit")
        .select(["code", "name", "kind", "parent_id", "valid_from", "valid_to"])
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return undefined;
      const before: UnitInput = {
        code: row.code,
        name: row.name,
        kind: row.kind as UnitKind,
        parentId: row.parent_id,
        validFrom: row.valid_from,
        validTo: row.valid_to,
      };
      const diff = changedFields(before, input);
      if (!diff) return { ok: true as const, id, changed: false };
      const problem = await checkUnit(trx, input, id);
      if (problem) return problem;
      await trx.updateTable("unit").set(columns(input)).where("id", "=", id).execute();
      await appendAudit(trx, {
        actorUserId,
        action: "unit.update",
        entityType: "unit",
        entityId: id,
        summary: `Sửa đơn vị ${input.code} — ${input.name}: ${diff.fields.map((f) => FIELD_LABELS[f]).join(", ")}`,
        data: { before: diff.before, after: diff.after },
      });
      return { ok: true as const, id, changed: true };
    });
  } catch (error) {
    return mapDatabaseError(error, input);
  }
}
