// Appraisal cycles and the single consumption of each published conclusion item (DOMAIN.md step 8).
// `consumeItem` is the one path every channel takes — the HR page and the external API — so the same
// domain decision (domain/appraisal/consumption.ts) and the same UNIQUE constraint stand behind both.
// Every change appends its audit event (entity 'appraisal_cycle') in the same transaction.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import { formatNoticeNumber, type DisciplineLevel, type ItemKind } from "../domain/conclusion.js";
import {
  alreadyConsumedMessage,
  decideConsumption,
  ruleSetCovers,
  type Channel,
  type ConsumeDecision,
  type ConsumptionMode,
  type ConsumptionRecord,
  type ItemEffect,
  type ParTable,
} from "../domain/appraisal/consumption.js";
import { RULE_SETS, type RuleSetCode } from "../domain/appraisal/index.js";
import type { OfficerCategory } from "../domain/appraisal/types.js";
import { PAGE_SIZE } from "../domain/paging.js";
import type { SessionUser } from "../permissions.js";
import { appendAudit } from "./audit.server.js";
import { inScope } from "./units.server.js";
import { unitsWithDescendants } from "./users.server.js";

type Db = Database | Tx;

/** Who consumes: an HR officer on the web page, or external HR software through a token. */
export type Consumer =
  | { channel: "web"; user: SessionUser }
  | { channel: "api"; token: { id: number; name: string }; idempotencyKey: string };

// ————— cycles —————

export type CycleRow = Awaited<ReturnType<typeof listCycles>>["rows"][number];

const cycleColumns = [
  "c.id",
  "c.reference",
  "c.title",
  "c.year",
  "c.quarter",
  "c.scope_unit_id",
  "c.rule_set_code",
  "c.rule_set_version",
  "c.par_table_id",
  "c.status",
  "c.opened_at",
  "c.closed_at",
  "u.code as scope_unit_code",
  "u.name as scope_unit_name",
  "ob.display_name as opened_by_name",
  "cb.display_name as closed_by_name",
] as const;

function cycles(db: Db) {
  return db
    .selectFrom("appraisal_cycle as c")
    .innerJoin("unit as u", "u.id", "c.scope_unit_id")
    .innerJoin("app_user as ob", "ob.id", "c.opened_by")
    .leftJoin("app_user as cb", "cb.id", "c.closed_by")
    .select(cycleColumns);
}

/** Cycles whose scope unit lies in the HR officer's scope, newest first. */
export async function listCycles(db: Database, input: { scope: Scope; page: number }) {
  const base = cycles(db).where(inScope("c.scope_unit_id", input.scope));
  const [rows, total] = await Promise.all([
    base.orderBy("c.year", "desc").orderBy("c.id", "desc").limit(PAGE_SIZE).offset((input.page - 1) * PAGE_SIZE).execute(),
    db.selectFrom("appraisal_cycle as c").where(inScope("c.scope_unit_id", input.scope)).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function getCycle(db: Db, input: { cycleId: number; scope: Scope }) {
  return cycles(db).where("c.id", "=", input.cycleId).where(inScope("c.scope_unit_id", input.scope)).executeTakeFirst();
}

export function quarterText(quarter: number | null): string {
  return quarter ? `quý ${["I", "II", "III", "IV"][quarter - 1]} ` : "";
}

export type OpenCycleInput = { year: number; quarter: number | null; scopeUnitId: number; ruleSetCode: RuleSetCode; title: string | null };

export async function openCycle(db: Database, input: OpenCycleInput, user: SessionUser, scope: Scope): Promise<{ ok: true; id: number; reference: string } | { ok: false; message: string }> {
  const ruleSet = RULE_SETS.find((r) => r.code === input.ruleSetCode);
  if (!ruleSet) return { ok: false, message: "Bộ quy tắc đánh giá không hợp lệ." };
  if (!(["cadre", "civil_servant", "public_employee"] as const).some((c) => ruleSetCovers(ruleSet.code, input.year, c))) {
    return { ok: false, message: `Bộ quy tắc ${ruleSet.code} không áp dụng cho năm ${input.year}.` };
  }
  return db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom("unit").select(["id", "name"]).where("id", "=", input.scopeUnitId).where(inScope("id", scope)).executeTakeFirst();
    if (!unit) return { ok: false as const, message: "Đơn vị không thuộc phạm vi của bạn." };
    const clash = await trx
      .selectFrom("appraisal_cycle")
      .select("reference")
      .where("year", "=", input.year)
      .where(input.quarter === null ? sql<boolean>`quarter is null` : sql<boolean>`quarter = ${input.quarter}`)
      .where("scope_unit_id", "=", unit.id)
      .where("rule_set_code", "=", ruleSet.code)
      .executeTakeFirst();
    if (clash) return { ok: false as const, message: `Đã có kỳ đánh giá ${clash.reference} cho ${unit.name}, ${quarterText(input.quarter)}năm ${input.year} theo bộ quy tắc ${ruleSet.code}.` };
    // References are numbered per year, gap-free: the lock serialises openings of the same year.
    await sql`select pg_advisory_xact_lock(hashtext('appraisal_cycle_reference'), ${input.year})`.execute(trx);
    const last = await trx.selectFrom("appraisal_cycle").select((eb) => eb.fn.countAll<number>().as("n")).where("year", "=", input.year).executeTakeFirstOrThrow();
    const reference = `DG-${input.year}-${String(Number(last.n) + 1).padStart(3, "0")}`;
    const table = await trx.selectFrom("par_deduction_table").select("id").orderBy("version", "desc").executeTakeFirstOrThrow();
    const title = input.title?.trim() || `Đánh giá, xếp loại ${quarterText(input.quarter)}năm ${input.year} — ${unit.name}`;
    const created = await trx
      .insertInto("appraisal_cycle")
      .values({ reference, title, year: input.year, quarter: input.quarter, scope_unit_id: unit.id, rule_set_code: ruleSet.code, rule_set_version: ruleSet.version, par_table_id: table.id, opened_by: user.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "appraisal.cycle_opened",
      entityType: "appraisal_cycle",
      entityId: created.id,
      summary: `Mở kỳ đánh giá ${reference}: ${title} (bộ quy tắc ${ruleSet.code} phiên bản ${ruleSet.version}).`,
      data: { reference, year: input.year, quarter: input.quarter, scopeUnitId: unit.id, ruleSetCode: ruleSet.code },
    });
    return { ok: true as const, id: created.id, reference };
  });
}

/** Closing locks the cycle: nothing is consumed or recorded into it afterwards (the database refuses it). */
export async function closeCycle(db: Database, input: { cycleId: number; scope: Scope }, user: SessionUser): Promise<{ ok: true } | { ok: false; message: string } | undefined> {
  return db.transaction().execute(async (trx) => {
    const cycle = await trx
      .selectFrom("appraisal_cycle")
      .select(["id", "reference", "status"])
      .where("id", "=", input.cycleId)
      .where(inScope("scope_unit_id", input.scope))
      .forUpdate()
      .executeTakeFirst();
    if (!cycle) return undefined;
    if (cycle.status === "closed") return { ok: false as const, message: `Kỳ đánh giá ${cycle.reference} đã khoá.` };
    await trx.updateTable("appraisal_cycle").set({ status: "closed", closed_by: user.id, closed_at: sql<string>`now()` }).where("id", "=", cycle.id).execute();
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "appraisal.cycle_closed",
      entityType: "appraisal_cycle",
      entityId: cycle.id,
      summary: `Khoá kỳ đánh giá ${cycle.reference}; nội dung kết luận chưa ghi nhận sẽ vào kỳ sau.`,
    });
    return { ok: true as const };
  });
}

// ————— items —————

/**
 * Items of published notices with their subject, notice, whether a published correction replaced the
 * notice, and the consumption of the item and of the item it corrects.
 */
function items(db: Db) {
  return db
    .selectFrom("conclusion_item as i")
    .innerJoin("conclusion as n", "n.id", "i.conclusion_id")
    .innerJoin("inspection_case as k", "k.id", "n.case_id")
    .innerJoin("unit as su", "su.id", "i.subject_unit_id")
    .leftJoin("officer as o", "o.id", "i.subject_officer_id")
    .leftJoin("conclusion as s", (j) => j.onRef("s.supersedes_id", "=", "n.id").on("s.status", "=", "published"))
    .leftJoin("appraisal_consumption as ac", "ac.conclusion_item_id", "i.id")
    .leftJoin("appraisal_consumption as pc", "pc.conclusion_item_id", "i.supersedes_item_id")
    .where("n.status", "=", "published")
    .select([
      "i.id",
      "i.position",
      "i.kind",
      "i.content",
      "i.points",
      "i.attributed_delays",
      "i.discipline_level",
      "i.par_deduction",
      "i.supersedes_item_id",
      "i.subject_unit_id",
      "i.subject_officer_id",
      "n.id as conclusion_id",
      "n.number",
      "n.symbol",
      "n.publication_date",
      "n.published_at",
      "k.code as case_code",
      "su.code as unit_code",
      "su.name as unit_name",
      "o.code as officer_code",
      "o.full_name as officer_name",
      "o.category as officer_category",
      "s.number as superseded_by_number",
      "s.symbol as superseded_by_symbol",
      "ac.id as consumption_id",
      "pc.id as predecessor_consumption_id",
    ]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof items>["execute"]>>[number];

export function effectOf(row: Pick<ItemRow, "number" | "symbol" | "publication_date" | "position" | "kind" | "content" | "points" | "attributed_delays" | "discipline_level" | "par_deduction">): ItemEffect {
  return {
    notice: formatNoticeNumber(row.number!, row.symbol!),
    publicationDate: row.publication_date!,
    position: row.position,
    kind: row.kind as ItemKind,
    content: row.content,
    points: Number(row.points),
    attributedDelays: row.attributed_delays,
    disciplineLevel: row.discipline_level as DisciplineLevel | null,
    parDeduction: Number(row.par_deduction),
  };
}

export type PendingItem = ReturnType<typeof pendingItemOf>;

function pendingItemOf(row: ItemRow) {
  return {
    id: row.id,
    caseCode: row.case_code,
    unit: { id: row.subject_unit_id, code: row.unit_code, name: row.unit_name },
    officer: row.subject_officer_id ? { id: row.subject_officer_id, code: row.officer_code!, name: row.officer_name!, category: row.officer_category as OfficerCategory } : null,
    effect: effectOf(row),
    publishedAt: row.published_at!,
    /** A correction of an item already consumed: HR acknowledges it, it counts nothing. */
    needsAcknowledgement: row.predecessor_consumption_id !== null,
  };
}

/**
 * The inputs a cycle is waiting for: published items in force, in the units given, not consumed yet —
 * whenever they were published (an item published after a cycle closed goes to the next one).
 */
export async function pendingItems(db: Db, filter: { unitIds: readonly number[]; officerId?: number; unitItemsOnly?: boolean; limit?: number; afterId?: number }) {
  let q = items(db)
    .where("ac.id", "is", null)
    .where("s.id", "is", null)
    .where("i.subject_unit_id", "=", sql<number>`any(${[...filter.unitIds]}::int[])`);
  if (filter.officerId !== undefined) q = q.where("i.subject_officer_id", "=", filter.officerId);
  if (filter.unitItemsOnly) q = q.where("i.subject_officer_id", "is", null);
  if (filter.afterId !== undefined) q = q.where("i.id", ">", filter.afterId);
  const rows = await q.orderBy("i.id").limit(filter.limit ?? 1000).execute();
  return rows.map(pendingItemOf);
}

const consumptionRecordColumns = ["ac.id", "ac.mode", "ac.channel", "ac.consumed_at", "cy.reference as cycle_reference", "cu.display_name as user_name", "t.name as token_name"] as const;

function consumptions(db: Db) {
  return db
    .selectFrom("appraisal_consumption as ac")
    .innerJoin("appraisal_cycle as cy", "cy.id", "ac.cycle_id")
    .leftJoin("app_user as cu", "cu.id", "ac.consumed_by")
    .leftJoin("api_token as t", "t.id", "ac.api_token_id");
}

function recordOf(r: { id: number; mode: string; channel: string; consumed_at: string | Date; cycle_reference: string; user_name: string | null; token_name: string | null }): ConsumptionRecord {
  return {
    id: r.id,
    mode: r.mode as ConsumptionMode,
    channel: r.channel as Channel,
    cycleReference: r.cycle_reference,
    consumerName: (r.channel === "api" ? r.token_name : r.user_name) ?? "",
    consumedAt: new Date(r.consumed_at).toISOString(),
  };
}

async function consumptionOfItem(db: Db, itemId: number | null): Promise<ConsumptionRecord | null> {
  if (itemId === null) return null;
  const row = await consumptions(db).select(consumptionRecordColumns).where("ac.conclusion_item_id", "=", itemId).executeTakeFirst();
  return row ? recordOf(row) : null;
}

export type ConsumeInput = {
  itemId: number;
  /** The cycle by id (web) or by reference (API). */
  cycle: { id: number } | { reference: string };
  /** Units whose items the consumer may see (the HR officer's or the token's, sub-units included). */
  scope: Scope;
  /** The API names the appraisal's subject; it must be the item's. */
  subjectCode?: { officer: string } | { unit: string } | null;
  taskTitle?: string | null;
  note?: string | null;
};

export type ConsumeResult =
  | { ok: true; consumption: ConsumptionRecord; itemId: number }
  | { ok: false; status: 404 | 409 | 422; message: string; existing?: ConsumptionRecord };

/**
 * Consumes one item into one cycle, at most once ever. The domain decides first (naming who consumed it
 * and when); the UNIQUE constraint on the item decides a race: `on conflict do nothing` waits for the
 * other transaction and, when it committed, this one reports its consumption instead.
 */
export async function consumeItem(trx: Tx, input: ConsumeInput, consumer: Consumer): Promise<ConsumeResult> {
  const row = await items(trx).where("i.id", "=", input.itemId).where(inScope("i.subject_unit_id", input.scope)).executeTakeFirst();
  if (!row) return { ok: false, status: 404, message: "Không tìm thấy nội dung kết luận đã công bố, hoặc nội dung nằm ngoài phạm vi của bạn." };
  let cycleQuery = trx.selectFrom("appraisal_cycle").select(["id", "reference", "status", "year", "rule_set_code", "scope_unit_id"]);
  cycleQuery = "id" in input.cycle ? cycleQuery.where("id", "=", input.cycle.id) : cycleQuery.where("reference", "=", input.cycle.reference);
  const cycle = await cycleQuery.executeTakeFirst();
  if (!cycle) return { ok: false, status: 422, message: "Không tìm thấy kỳ đánh giá đã nêu." };
  if (consumer.channel === "web" && !input.scope.all && !input.scope.unitIds.includes(cycle.scope_unit_id)) {
    return { ok: false, status: 422, message: `Kỳ đánh giá ${cycle.reference} không thuộc phạm vi của bạn.` };
  }
  if (input.subjectCode) {
    const named = "officer" in input.subjectCode ? input.subjectCode.officer : input.subjectCode.unit;
    const actual = "officer" in input.subjectCode ? row.officer_code : row.subject_officer_id === null ? row.unit_code : null;
    if (named !== actual) {
      return { ok: false, status: 422, message: `Nội dung kết luận này là về ${row.officer_name ? `${row.officer_name} (${row.officer_code})` : `${row.unit_name} (${row.unit_code})`}, không phải ${named}.` };
    }
  }
  const cycleUnits = await unitsWithDescendants(trx, [cycle.scope_unit_id]);
  const decision: ConsumeDecision = decideConsumption({
    item: {
      published: true,
      supersededByNotice: row.superseded_by_number ? formatNoticeNumber(row.superseded_by_number, row.superseded_by_symbol!) : null,
      subjectUnitInCycleScope: cycleUnits.includes(row.subject_unit_id),
      officer: row.subject_officer_id ? { name: row.officer_name!, category: row.officer_category as OfficerCategory } : null,
    },
    cycle: { reference: cycle.reference, status: cycle.status as "open" | "closed", year: cycle.year, ruleSetCode: cycle.rule_set_code as RuleSetCode },
    existing: await consumptionOfItem(trx, row.id),
    predecessor: await consumptionOfItem(trx, row.supersedes_item_id),
  });
  if (!decision.ok) return decision;

  const effect = effectOf(row);
  const inserted = await trx
    .insertInto("appraisal_consumption")
    .values({
      conclusion_item_id: row.id,
      cycle_id: cycle.id,
      mode: decision.mode,
      acknowledges_consumption_id: decision.acknowledges,
      subject_unit_id: row.subject_unit_id,
      subject_officer_id: row.subject_officer_id,
      effect: JSON.stringify(effect),
      task_title: input.taskTitle?.trim() || null,
      note: input.note?.trim() || null,
      channel: consumer.channel,
      consumed_by: consumer.channel === "web" ? consumer.user.id : null,
      api_token_id: consumer.channel === "api" ? consumer.token.id : null,
      idempotency_key: consumer.channel === "api" ? consumer.idempotencyKey : null,
    })
    .onConflict((oc) => oc.column("conclusion_item_id").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) {
    // Another request consumed it while this one was deciding: report theirs.
    const existing = (await consumptionOfItem(trx, row.id))!;
    return { ok: false, status: 409, message: alreadyConsumedMessage(existing), existing };
  }
  const subject = row.officer_name ? `${row.officer_name} (${row.officer_code})` : `${row.unit_name} (${row.unit_code})`;
  const by = consumer.channel === "api" ? `phần mềm ${consumer.token.name} (API, khoá ${consumer.idempotencyKey})` : consumer.user.displayName;
  await appendAudit(trx, {
    actorUserId: consumer.channel === "web" ? consumer.user.id : null,
    action: decision.mode === "counted" ? "appraisal.item_consumed" : "appraisal.correction_acknowledged",
    entityType: "appraisal_cycle",
    entityId: cycle.id,
    summary:
      decision.mode === "counted"
        ? `Ghi nhận nội dung ${effect.position} của Thông báo số ${effect.notice} về ${subject} vào kỳ ${cycle.reference} (${by}).`
        : `Xác nhận đính chính: nội dung ${effect.position} của Thông báo số ${effect.notice} về ${subject} thay thế nội dung đã ghi nhận; không tính lại (${by}).`,
    data: { itemId: row.id, consumptionId: inserted.id, channel: consumer.channel, mode: decision.mode, tokenId: consumer.channel === "api" ? consumer.token.id : null },
  });
  return { ok: true, consumption: (await consumptionOfItem(trx, row.id))!, itemId: row.id };
}

/** The consumption of one item from the web page, in its own transaction. */
export async function consumeFromWeb(db: Database, input: Omit<ConsumeInput, "subjectCode">, user: SessionUser): Promise<ConsumeResult> {
  return db.transaction().execute((trx) => consumeItem(trx, input, { channel: "web", user }));
}

/** Consumed items in a cycle (or of one subject across cycles), with who consumed them and when. */
export async function consumedItems(
  db: Db,
  filter: { cycleId?: number; officerId?: number; unitId?: number; unitItemsOnly?: boolean; unitIds?: readonly number[]; afterConsumptionId?: number; limit?: number },
) {
  let q = consumptions(db)
    .innerJoin("conclusion_item as i", "i.id", "ac.conclusion_item_id")
    .innerJoin("conclusion as n", "n.id", "i.conclusion_id")
    .innerJoin("inspection_case as k", "k.id", "n.case_id")
    .innerJoin("unit as su", "su.id", "ac.subject_unit_id")
    .leftJoin("officer as o", "o.id", "ac.subject_officer_id")
    .select([
      ...consumptionRecordColumns,
      "ac.conclusion_item_id",
      "ac.cycle_id",
      "ac.effect",
      "ac.task_title",
      "ac.note",
      "ac.acknowledges_consumption_id",
      "ac.subject_unit_id",
      "ac.subject_officer_id",
      "i.supersedes_item_id",
      "n.id as conclusion_id",
      "k.code as case_code",
      "su.code as unit_code",
      "su.name as unit_name",
      "o.code as officer_code",
      "o.full_name as officer_name",
    ]);
  if (filter.cycleId !== undefined) q = q.where("ac.cycle_id", "=", filter.cycleId);
  if (filter.officerId !== undefined) q = q.where("ac.subject_officer_id", "=", filter.officerId);
  if (filter.unitId !== undefined) q = q.where("ac.subject_unit_id", "=", filter.unitId);
  if (filter.unitItemsOnly) q = q.where("ac.subject_officer_id", "is", null);
  if (filter.unitIds !== undefined) q = q.where("ac.subject_unit_id", "=", sql<number>`any(${[...filter.unitIds]}::int[])`);
  if (filter.afterConsumptionId !== undefined) q = q.where("ac.id", ">", filter.afterConsumptionId);
  if (filter.limit !== undefined) q = q.limit(filter.limit);
  const rows = await q.orderBy("ac.id").execute();
  return rows.map((r) => ({
    itemId: r.conclusion_item_id,
    cycleId: r.cycle_id,
    conclusionId: r.conclusion_id,
    caseCode: r.case_code,
    unit: { id: r.subject_unit_id, code: r.unit_code, name: r.unit_name },
    officer: r.subject_officer_id ? { id: r.subject_officer_id, code: r.officer_code!, name: r.officer_name! } : null,
    effect: r.effect as unknown as ItemEffect,
    taskTitle: r.task_title,
    note: r.note,
    supersedesItemId: r.supersedes_item_id,
    consumption: recordOf(r),
  }));
}

export type ConsumedItem = Awaited<ReturnType<typeof consumedItems>>[number];

export async function parTableOf(db: Db, id: number): Promise<ParTable> {
  const t = await db.selectFrom("par_deduction_table").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  return { version: t.version, violationPoints: Number(t.violation_points), shortcomingPoints: Number(t.shortcoming_points), perDelayPoints: Number(t.per_delay_points), componentMax: Number(t.component_max) };
}

/** SHA-256 of a request body in canonical form, for idempotency: the same key must carry the same request. */
export function requestHash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}
