// HR's sheets in an appraisal cycle (DOMAIN.md step 8): the cycle's overview (what waits to be consumed,
// who is concerned, the PAR deductions of units), one officer's sheet (items, discipline decisions, HR's
// inputs and the rule set's proposal) and one unit's PAR sheet; and the writes HR makes on them. Results
// and discipline decisions are appended, never edited; the latest result of an officer or unit counts.
// Every write runs in one transaction with its audit event (entity 'appraisal_cycle') and is refused once
// the cycle is closed — the code says so first, the database triggers say so too.
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import type { DisciplineLevel } from "../domain/conclusion.js";
import { formatNumber } from "../domain/format.js";
import { PAGE_SIZE } from "../domain/paging.js";
import { itemParDeduction, ruleSetCovers, unitParDeduction, type ItemEffect } from "../domain/appraisal/consumption.js";
import { ruleSetFor, type RuleSetCode } from "../domain/appraisal/index.js";
import { nd335ExcellentCap } from "../domain/appraisal/nd335-2025.js";
import { nd90ExcellentCap } from "../domain/appraisal/nd90-48.js";
import {
  finalResultProblem,
  finalText,
  proposeForOfficer,
  unitResultProblem,
  type OfficerInputs,
  type Proposal,
  type ProposalFacts,
  type SheetDiscipline,
  type SheetItem,
} from "../domain/appraisal/sheet.js";
import { OFFICER_CATEGORY_LABELS, type DisciplineSystem, type ExcellentCap, type Nd90Rating, type OfficerCategory } from "../domain/appraisal/types.js";
import type { SessionUser } from "../permissions.js";
import { consumedItems, getCycle, parTableOf, pendingItems, type PendingItem } from "./appraisal.server.js";
import { appendAudit } from "./audit.server.js";
import { inScope } from "./units.server.js";
import { unitsWithDescendants } from "./users.server.js";

type Db = Database | Tx;

// One province has hundreds of open conclusion items, not thousands: the overview reads them all to count
// them, and hands the page one page of each list.
const ITEM_LIMIT = 5000;

type Named = { id: number; code: string; name: string };
type Page<T> = { rows: T[]; total: number; page: number };

function pageOf<T>(rows: readonly T[], page: number): Page<T> {
  const last = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const p = Math.min(Math.max(1, page), last);
  return { rows: rows.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE), total: rows.length, page: p };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "vi");

/** "1 (Thông báo số 01/TB-SNV)": how sheets and the rule sets' reasons name an item. */
export const itemLabel = (e: Pick<ItemEffect, "position" | "notice">): string => `${e.position} (Thông báo số ${e.notice})`;

async function cycleWithUnits(db: Db, cycleId: number, scope: Scope) {
  const cycle = await getCycle(db, { cycleId, scope });
  if (!cycle) return undefined;
  return { cycle, unitIds: await unitsWithDescendants(db, [cycle.scope_unit_id]) };
}

export type Cycle = NonNullable<Awaited<ReturnType<typeof getCycle>>>;

/** Why an officer is not appraised in this cycle, or null when the cycle's rule set covers them. */
export function notCoveredReason(cycle: Pick<Cycle, "rule_set_code" | "year" | "reference">, category: OfficerCategory): string | null {
  const code = cycle.rule_set_code as RuleSetCode;
  if (ruleSetCovers(code, cycle.year, category)) return null;
  const other = ruleSetFor(cycle.year, category);
  return `${OFFICER_CATEGORY_LABELS[category]}: bộ quy tắc ${code} không áp dụng năm ${cycle.year}${other ? `; đánh giá ở kỳ theo bộ quy tắc ${other.code}` : ""}.`;
}

// ————— results —————

export type ResultRow = {
  id: number;
  officerId: number | null;
  unitId: number | null;
  inputs: OfficerInputs;
  proposed: Proposal | UnitProposal;
  finalRating: Nd90Rating | null;
  finalPoints: number | null;
  reason: string | null;
  recordedBy: string;
  recordedAt: string;
};

function results(db: Db) {
  return db
    .selectFrom("appraisal_result as r")
    .innerJoin("app_user as u", "u.id", "r.recorded_by")
    .select(["r.id", "r.officer_id", "r.unit_id", "r.inputs", "r.proposed", "r.final_rating", "r.final_points", "r.reason", "r.recorded_at", "u.display_name as recorded_by_name"]);
}

function resultOf(r: Awaited<ReturnType<ReturnType<typeof results>["execute"]>>[number]): ResultRow {
  return {
    id: r.id,
    officerId: r.officer_id,
    unitId: r.unit_id,
    inputs: (r.inputs ?? {}) as OfficerInputs,
    proposed: r.proposed as unknown as Proposal | UnitProposal,
    finalRating: r.final_rating as Nd90Rating | null,
    finalPoints: r.final_points === null ? null : Number(r.final_points),
    reason: r.reason,
    recordedBy: r.recorded_by_name,
    recordedAt: new Date(r.recorded_at).toISOString(),
  };
}

/** The latest result of each officer and each unit in the cycle: the one that counts. */
async function latestResults(db: Db, cycleId: number): Promise<ResultRow[]> {
  const rows = await results(db)
    .distinctOn(["r.officer_id", "r.unit_id"])
    .where("r.cycle_id", "=", cycleId)
    .orderBy("r.officer_id")
    .orderBy("r.unit_id")
    .orderBy("r.id", "desc")
    .execute();
  return rows.map(resultOf);
}

// ————— officers and items —————

/** The first item of each item's correction chain: every item of a chain concerns the same act. */
async function rootItems(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ start_id: number; root_id: number }>`
    with recursive up(start_id, id, parent) as (
      select i.id, i.id, i.supersedes_item_id from conclusion_item i where i.id = any(${[...ids]}::int[])
      union all
      select up.start_id, p.id, p.supersedes_item_id from up join conclusion_item p on p.id = up.parent
    ) select start_id, id as root_id from up where parent is null`.execute(db);
  return new Map(rows.rows.map((r) => [r.start_id, r.root_id]));
}

/** Each officer's unit in the cycle's units as of their latest membership (for officers without items). */
async function membershipUnits(db: Db, officerIds: readonly number[], unitIds: readonly number[]): Promise<Map<number, Named>> {
  if (officerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("officer_membership as m")
    .innerJoin("unit as u", "u.id", "m.unit_id")
    .distinctOn("m.officer_id")
    .select(["m.officer_id", "u.id", "u.code", "u.name"])
    .where("m.officer_id", "=", sql<number>`any(${[...officerIds]}::int[])`)
    .where("m.unit_id", "=", sql<number>`any(${[...unitIds]}::int[])`)
    .orderBy("m.officer_id")
    .orderBy(sql`coalesce(m.valid_to, 'infinity'::date)`, "desc")
    .execute();
  return new Map(rows.map((r) => [r.officer_id, { id: r.id, code: r.code, name: r.name }]));
}

export type OverviewItem = PendingItem & { blockedReason: string | null };

type OfficerSummary = Named & {
  category: OfficerCategory;
  unit: Named | null;
  pending: number;
  corrections: number;
  counted: number;
  final: string | null;
  notCovered: string | null;
};

type UnitSummary = Named & { pending: number; corrections: number; counted: number; deduction: number; capped: boolean; final: string | null };

/**
 * The cycle at a glance: counts, the items waiting (consumable ones first), the corrections to
 * acknowledge, what was consumed and by whom, the officers and units concerned, per-unit counts for the
 * chart, and the groups whose recorded "excellent" ratings exceed the cap.
 */
export async function cycleOverview(db: Database, input: { cycleId: number; scope: Scope; page: number; pendingPage?: number; consumedPage?: number; correctionsPage?: number; unitsPage?: number }) {
  const ctx = await cycleWithUnits(db, input.cycleId, input.scope);
  if (!ctx) return undefined;
  const { cycle, unitIds } = ctx;
  const [pending, consumed, latest, table] = await Promise.all([
    pendingItems(db, { unitIds, limit: ITEM_LIMIT }),
    consumedItems(db, { cycleId: cycle.id }),
    latestResults(db, cycle.id),
    parTableOf(db, cycle.par_table_id),
  ]);

  const officers = new Map<number, OfficerSummary>();
  const units = new Map<number, UnitSummary & { effects: ItemEffect[] }>();
  const chart = new Map<number, { label: string; counted: number; pending: number }>();
  const officerOf = (o: { id: number; code: string; name: string }, category: OfficerCategory | null, unit: Named | null) => {
    let s = officers.get(o.id);
    if (!s) officers.set(o.id, (s = { id: o.id, code: o.code, name: o.name, category: category ?? "civil_servant", unit, pending: 0, corrections: 0, counted: 0, final: null, notCovered: null }));
    if (category) s.category = category;
    if (unit && !s.unit) s.unit = unit;
    return s;
  };
  const unitOf = (u: Named) => {
    let s = units.get(u.id);
    if (!s) units.set(u.id, (s = { ...u, pending: 0, corrections: 0, counted: 0, deduction: 0, capped: false, final: null, effects: [] }));
    return s;
  };
  const bar = (u: Named) => {
    let b = chart.get(u.id);
    if (!b) chart.set(u.id, (b = { label: u.name, counted: 0, pending: 0 }));
    return b;
  };

  // Newest items first: the unit an officer's latest item names is the unit they are counted under.
  for (const p of [...pending].reverse()) {
    if (p.officer) {
      const s = officerOf(p.officer, p.officer.category, p.unit);
      if (p.needsAcknowledgement) s.corrections++;
      else s.pending++;
    } else {
      const s = unitOf(p.unit);
      if (p.needsAcknowledgement) s.corrections++;
      else s.pending++;
    }
    if (!p.needsAcknowledgement) bar(p.unit).pending++;
  }
  for (const c of [...consumed].reverse()) {
    const counted = c.consumption.mode === "counted";
    if (c.officer) {
      const s = officerOf(c.officer, null, c.unit);
      if (counted) s.counted++;
    } else {
      const s = unitOf(c.unit);
      if (counted) {
        s.counted++;
        s.effects.push(c.effect);
      }
    }
    if (counted) bar(c.unit).counted++;
  }
  const resultOfficerIds = latest.filter((r) => r.officerId !== null && !officers.has(r.officerId)).map((r) => r.officerId!);
  const categoriesNeeded = [...officers.values()].filter((o) => !pending.some((p) => p.officer?.id === o.id)).map((o) => o.id);
  const lookup = [...new Set([...resultOfficerIds, ...categoriesNeeded])];
  if (lookup.length > 0) {
    const [rows, memberships] = await Promise.all([
      db.selectFrom("officer").select(["id", "code", "full_name", "category"]).where("id", "=", sql<number>`any(${lookup}::int[])`).execute(),
      membershipUnits(db, resultOfficerIds, unitIds),
    ]);
    for (const r of rows) officerOf({ id: r.id, code: r.code, name: r.full_name }, r.category as OfficerCategory, memberships.get(r.id) ?? null);
  }
  for (const r of latest) {
    if (r.officerId !== null) officers.get(r.officerId)!.final = finalText(r);
    else if (units.has(r.unitId!)) units.get(r.unitId!)!.final = r.finalPoints !== null ? `Trừ ${formatNumber(r.finalPoints)} điểm` : null;
  }
  for (const o of officers.values()) o.notCovered = notCoveredReason(cycle, o.category);
  for (const u of units.values()) {
    const d = unitParDeduction(u.effects, table);
    u.deduction = d.total;
    u.capped = d.capped;
  }

  const pendingRows: OverviewItem[] = pending
    .filter((p) => !p.needsAcknowledgement)
    .map((p) => ({ ...p, blockedReason: p.officer ? notCoveredReason(cycle, p.officer.category) : null }))
    // Consumable first; among them, oldest publication first.
    .sort((a, b) => Number(a.blockedReason !== null) - Number(b.blockedReason !== null) || a.id - b.id);
  const corrections: OverviewItem[] = pending.filter((p) => p.needsAcknowledgement).map((p) => ({ ...p, blockedReason: null }));
  const allOfficers = [...officers.values()].sort(byName);
  const covered = allOfficers.filter((o) => o.notCovered === null);
  const notCovered = allOfficers.filter((o) => o.notCovered !== null);

  // The cap, per unit, over the results recorded so far (HR chooses who stays "excellent").
  const capOf = cycle.rule_set_code === "nd335-2025" ? nd335ExcellentCap : nd90ExcellentCap;
  const groups = new Map<number, { unit: Named; members: { officerId: string; rating: Nd90Rating; name: string }[] }>();
  for (const r of latest) {
    if (r.officerId === null || !r.finalRating) continue;
    const o = officers.get(r.officerId)!;
    if (!o.unit || o.notCovered) continue;
    const g = groups.get(o.unit.id) ?? { unit: o.unit, members: [] };
    g.members.push({ officerId: String(o.id), rating: r.finalRating, name: o.name });
    groups.set(o.unit.id, g);
  }
  const capWarnings: { unit: Named; cap: ExcellentCap; excellentNames: string[] }[] = [];
  for (const g of groups.values()) {
    const cap = capOf(g.members);
    if (cap.exceeded) capWarnings.push({ unit: g.unit, cap, excellentNames: g.members.filter((m) => m.rating === "excellent").map((m) => m.name) });
  }

  const chartRows = [...chart.values()].sort((a, b) => b.counted + b.pending - (a.counted + a.pending) || a.label.localeCompare(b.label, "vi"));
  return {
    cycle,
    parTable: table,
    counts: {
      pending: pendingRows.filter((p) => p.blockedReason === null).length,
      pendingElsewhere: pendingRows.filter((p) => p.blockedReason !== null).length,
      corrections: corrections.length,
      counted: consumed.filter((c) => c.consumption.mode === "counted").length,
      acknowledged: consumed.filter((c) => c.consumption.mode === "acknowledged").length,
    },
    pending: pageOf(pendingRows, input.pendingPage ?? 1),
    corrections: pageOf(corrections, input.correctionsPage ?? 1),
    consumed: pageOf([...consumed].reverse(), input.consumedPage ?? 1),
    officers: pageOf(covered, input.page),
    notCovered: { rows: notCovered.slice(0, PAGE_SIZE), total: notCovered.length },
    units: pageOf(
      [...units.values()].map(({ effects: _e, ...u }) => u).sort((a, b) => a.code.localeCompare(b.code)),
      input.unitsPage ?? 1,
    ),
    chart: { rows: chartRows.slice(0, 12), total: chartRows.length },
    capWarnings,
  };
}

export type CycleOverview = NonNullable<Awaited<ReturnType<typeof cycleOverview>>>;

// ————— one officer —————

const DISCIPLINE_COLUMNS = ["d.id", "d.decision_number", "d.system", "d.level", "d.decided_on", "d.conclusion_item_id", "d.recorded_at", "u.display_name as recorded_by_name"] as const;

/**
 * One officer in one cycle: their items (waiting, corrections to acknowledge, consumed here, consumed in
 * other cycles), discipline decisions, HR's latest inputs and result, and the cycle's rule set's proposal.
 * Undefined when the cycle is not in the caller's scope, or the officer is not in the cycle's units.
 */
export async function officerSheet(db: Db, input: { cycleId: number; officerId: number; scope: Scope }) {
  const ctx = await cycleWithUnits(db, input.cycleId, input.scope);
  if (!ctx) return undefined;
  const { cycle, unitIds } = ctx;
  const officer = await db.selectFrom("officer").select(["id", "code", "full_name", "category"]).where("id", "=", input.officerId).executeTakeFirst();
  if (!officer) return undefined;
  const [pending, consumed, memberships, disciplineRows, history, earlier] = await Promise.all([
    pendingItems(db, { unitIds, officerId: officer.id }),
    consumedItems(db, { officerId: officer.id }),
    membershipUnits(db, [officer.id], unitIds),
    db
      .selectFrom("discipline_decision as d")
      .innerJoin("app_user as u", "u.id", "d.recorded_by")
      .select(DISCIPLINE_COLUMNS)
      .where("d.officer_id", "=", officer.id)
      .orderBy("d.decided_on")
      .orderBy("d.id")
      .execute(),
    results(db).where("r.cycle_id", "=", cycle.id).where("r.officer_id", "=", officer.id).orderBy("r.id", "desc").limit(20).execute(),
    // The acts this officer's ratings of earlier years used (the latest result of each earlier cycle).
    db
      .selectFrom("appraisal_result as r")
      .innerJoin("appraisal_cycle as c", "c.id", "r.cycle_id")
      .distinctOn("r.cycle_id")
      .select(["r.cycle_id", "r.proposed"])
      .where("r.officer_id", "=", officer.id)
      .where("c.year", "<", cycle.year)
      .orderBy("r.cycle_id")
      .orderBy("r.id", "desc")
      .execute(),
  ]);
  const inCycleUnits = pending.length > 0 || consumed.some((c) => unitIds.includes(c.unit.id)) || memberships.has(officer.id);
  if (!inCycleUnits) return undefined;

  const here = consumed.filter((c) => c.cycleId === cycle.id);
  const elsewhere = consumed.filter((c) => c.cycleId !== cycle.id);
  const counted = here.filter((c) => c.consumption.mode === "counted");
  const roots = await rootItems(db, [...counted.map((c) => c.itemId), ...disciplineRows.flatMap((d) => (d.conclusion_item_id === null ? [] : [d.conclusion_item_id]))]);
  const category = officer.category as OfficerCategory;
  const latest = history[0] ? resultOf(history[0]) : null;
  const inputs: OfficerInputs = latest?.inputs ?? {};
  const disciplines: (SheetDiscipline & { recordedBy: string; recordedAt: string; itemLabel: string | null })[] = disciplineRows.map((d) => ({
    id: d.id,
    decisionNumber: d.decision_number,
    rootItemId: d.conclusion_item_id === null ? null : roots.get(d.conclusion_item_id) ?? d.conclusion_item_id,
    system: d.system as DisciplineSystem,
    level: d.level as DisciplineLevel,
    decidedOn: d.decided_on,
    recordedBy: d.recorded_by_name,
    recordedAt: new Date(d.recorded_at).toISOString(),
    itemLabel: null,
  }));
  const allItems = [...pending.map((p) => ({ id: p.id, effect: p.effect })), ...consumed.map((c) => ({ id: c.itemId, effect: c.effect }))];
  for (const d of disciplines) {
    const raw = disciplineRows.find((r) => r.id === d.id)!.conclusion_item_id;
    const item = allItems.find((i) => i.id === raw);
    d.itemLabel = item ? itemLabel(item.effect) : null;
  }
  const sheetItems: SheetItem[] = counted.map((c) => ({ itemId: c.itemId, rootItemId: roots.get(c.itemId) ?? c.itemId, label: itemLabel(c.effect), effect: c.effect, taskTitle: c.taskTitle }));
  const facts: ProposalFacts = {
    ruleSetCode: cycle.rule_set_code as RuleSetCode,
    year: cycle.year,
    category,
    inputs,
    items: sheetItems,
    disciplines,
    actsCountedInEarlierYears: [...new Set(earlier.flatMap((r) => ((r.proposed as { actsCounted?: string[] } | null)?.actsCounted ?? [])))],
  };
  const notCovered = notCoveredReason(cycle, category);
  const proposal: Proposal = notCovered ? { ok: false, ruleSet: facts.ruleSetCode, problems: [notCovered] } : proposeForOfficer(facts);
  const latestItem = [...pending].reverse()[0]?.unit ?? [...here].reverse()[0]?.unit ?? null;
  return {
    cycle,
    officer: { id: officer.id, code: officer.code, name: officer.full_name, category, unit: latestItem ?? memberships.get(officer.id) ?? null },
    notCovered,
    pending: pending.filter((p) => !p.needsAcknowledgement),
    corrections: pending.filter((p) => p.needsAcknowledgement),
    here,
    elsewhere,
    countedItems: sheetItems,
    disciplines,
    history: history.map(resultOf),
    latest,
    inputs,
    facts,
    proposal,
    /** Items a discipline decision may be about: every item of the officer the sheet shows. */
    itemOptions: allItems.map((i) => ({ id: i.id, label: `Nội dung ${itemLabel(i.effect)}: ${i.effect.content}` })),
  };
}

export type OfficerSheet = NonNullable<Awaited<ReturnType<typeof officerSheet>>>;

// ————— one unit (PAR) —————

export type UnitProposal = { deduction: number; capped: boolean; tableVersion: number; componentMax: number; items: { itemId: number; points: number; source: "notice" | "table" }[] };

/**
 * A unit's PAR sheet in the cycle: its unit items waiting and counted, each counted item's deduction from
 * the notice or the cycle's provincial table, the total capped at the component's maximum, and HR's result.
 */
export async function unitSheet(db: Db, input: { cycleId: number; unitId: number; scope: Scope }) {
  const ctx = await cycleWithUnits(db, input.cycleId, input.scope);
  if (!ctx || !ctx.unitIds.includes(input.unitId)) return undefined;
  const { cycle } = ctx;
  const unit = await db.selectFrom("unit").select(["id", "code", "name"]).where("id", "=", input.unitId).executeTakeFirst();
  if (!unit) return undefined;
  const [pending, consumed, table, tableRow, history] = await Promise.all([
    pendingItems(db, { unitIds: [unit.id], unitItemsOnly: true }),
    consumedItems(db, { unitId: unit.id, unitItemsOnly: true }),
    parTableOf(db, cycle.par_table_id),
    db.selectFrom("par_deduction_table").select("title").where("id", "=", cycle.par_table_id).executeTakeFirstOrThrow(),
    results(db).where("r.cycle_id", "=", cycle.id).where("r.unit_id", "=", unit.id).orderBy("r.id", "desc").limit(20).execute(),
  ]);
  const here = consumed.filter((c) => c.cycleId === cycle.id);
  const counted = here.filter((c) => c.consumption.mode === "counted");
  const deduction = unitParDeduction(
    counted.map((c) => c.effect),
    table,
  );
  const proposal: UnitProposal = {
    deduction: deduction.total,
    capped: deduction.capped,
    tableVersion: table.version,
    componentMax: table.componentMax,
    items: counted.map((c) => ({ itemId: c.itemId, ...itemParDeduction(c.effect, table) })),
  };
  return {
    cycle,
    unit,
    table: { ...table, title: tableRow.title },
    pending: pending.filter((p) => !p.needsAcknowledgement),
    corrections: pending.filter((p) => p.needsAcknowledgement),
    here: here.map((c) => ({ ...c, deduction: c.consumption.mode === "counted" ? itemParDeduction(c.effect, table) : null })),
    elsewhere: consumed.filter((c) => c.cycleId !== cycle.id),
    proposal,
    history: history.map(resultOf),
    latest: history[0] ? resultOf(history[0]) : null,
  };
}

export type UnitSheet = NonNullable<Awaited<ReturnType<typeof unitSheet>>>;

// ————— writes —————

export type SheetWriteResult = { ok: true; message: string } | { ok: false; message: string; field?: string };

/** A reason inside a sentence: its own final full stop would double the sentence's. */
const clause = (text: string) => text.replace(/[.\s]+$/, "");

const refuse = (message: string, field?: string): SheetWriteResult => ({ ok: false, message, ...(field ? { field } : {}) });

/**
 * Runs a write in one transaction on an open cycle in scope. The cycle row is locked FOR SHARE, so
 * closing waits for the write and the write sees the status closing leaves. A refusal raised by the
 * database's own triggers (P0001, Vietnamese) is returned as the message.
 */
async function inOpenCycle(
  db: Database,
  input: { cycleId: number; scope: Scope },
  write: (trx: Tx, cycle: { id: number; reference: string }) => Promise<SheetWriteResult | undefined>,
): Promise<SheetWriteResult | undefined> {
  try {
    return await db.transaction().execute(async (trx) => {
      const cycle = await trx
        .selectFrom("appraisal_cycle")
        .select(["id", "reference", "status"])
        .where("id", "=", input.cycleId)
        .where(inScope("scope_unit_id", input.scope))
        .forShare()
        .executeTakeFirst();
      if (!cycle) return undefined;
      if (cycle.status !== "open") return refuse(`Kỳ đánh giá ${cycle.reference} đã khoá: không ghi thêm thông tin, kết quả hay quyết định kỷ luật được.`);
      return write(trx, cycle);
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P0001") return refuse((e as Error).message);
    throw e;
  }
}

const officerText = (s: OfficerSheet) => `${s.officer.name} (${s.officer.code})`;

/** Appends HR's inputs (nd90-48: the assessed rating; nd335-2025: points, tasks) with the proposal they give. */
export async function saveInputs(db: Database, input: { cycleId: number; officerId: number; scope: Scope; inputs: OfficerInputs }, user: SessionUser) {
  return inOpenCycle(db, input, async (trx, cycle) => {
    const sheet = await officerSheet(trx, input);
    if (!sheet) return undefined;
    if (sheet.notCovered) return refuse(sheet.notCovered);
    const nd335 = sheet.cycle.rule_set_code === "nd335-2025";
    if (nd335 ? input.inputs.generalPoints === undefined : input.inputs.assessedRating === undefined) {
      return refuse(`Thông tin đánh giá không đúng với bộ quy tắc ${sheet.cycle.rule_set_code} của kỳ: hãy tải lại trang.`);
    }
    const proposal = proposeForOfficer({ ...sheet.facts, inputs: input.inputs });
    await trx
      .insertInto("appraisal_result")
      .values({ cycle_id: cycle.id, officer_id: sheet.officer.id, inputs: JSON.stringify(input.inputs), proposed: JSON.stringify(proposal), recorded_by: user.id })
      .execute();
    const proposed = proposal.ok ? `đề xuất ${proposal.label}` : "chưa tính được đề xuất";
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "appraisal.inputs_saved",
      entityType: "appraisal_cycle",
      entityId: cycle.id,
      summary: `Lưu thông tin đánh giá của ${officerText(sheet)} trong kỳ ${cycle.reference}; ${proposed}.`,
      data: { officerId: sheet.officer.id, inputs: input.inputs },
    });
    return { ok: true, message: `Đã lưu thông tin đánh giá của ${sheet.officer.name}; ${proposed}.` };
  });
}

/** Appends HR's result for an officer: the proposal as computed now, the final rating, and a reason when they differ. */
export async function recordResult(
  db: Database,
  input: { cycleId: number; officerId: number; scope: Scope; rating: Nd90Rating; points: number | null; reason: string | null },
  user: SessionUser,
) {
  return inOpenCycle(db, input, async (trx, cycle) => {
    const sheet = await officerSheet(trx, input);
    if (!sheet) return undefined;
    if (sheet.notCovered) return refuse(sheet.notCovered);
    const proposal = sheet.proposal;
    const points = proposal.ok && proposal.points !== null ? input.points ?? proposal.points : null;
    const problem = finalResultProblem(proposal, { rating: input.rating, points, reason: input.reason });
    if (problem) return refuse(problem, proposal.ok ? "reason" : undefined);
    const reason = input.reason?.trim() || null;
    await trx
      .insertInto("appraisal_result")
      .values({
        cycle_id: cycle.id,
        officer_id: sheet.officer.id,
        inputs: JSON.stringify(sheet.inputs),
        proposed: JSON.stringify(proposal),
        final_rating: input.rating,
        final_points: points,
        reason,
        recorded_by: user.id,
      })
      .execute();
    const text = finalText({ finalRating: input.rating, finalPoints: points })!;
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "appraisal.result_recorded",
      entityType: "appraisal_cycle",
      entityId: cycle.id,
      summary: `Ghi kết quả xếp loại của ${officerText(sheet)} trong kỳ ${cycle.reference}: ${text}${reason ? `; lý do khác đề xuất: ${clause(reason)}` : ""}.`,
      data: { officerId: sheet.officer.id, rating: input.rating, points, proposed: proposal.ok ? proposal.rating : null, reason },
    });
    return { ok: true, message: `Đã ghi kết quả xếp loại của ${sheet.officer.name}: ${text}.` };
  });
}

export type DisciplineInput = {
  cycleId: number;
  officerId: number;
  scope: Scope;
  conclusionItemId: number | null;
  decisionNumber: string;
  system: DisciplineSystem;
  level: DisciplineLevel;
  decidedOn: string;
};

/** Appends a discipline decision about the officer, optionally about the act of one of their conclusion items. */
export async function recordDiscipline(db: Database, input: DisciplineInput, user: SessionUser) {
  return inOpenCycle(db, input, async (trx, cycle) => {
    const sheet = await officerSheet(trx, input);
    if (!sheet) return undefined;
    if (input.conclusionItemId !== null && !sheet.itemOptions.some((o) => o.id === input.conclusionItemId)) {
      return refuse("Nội dung kết luận đã chọn không phải về cán bộ này.", "conclusionItemId");
    }
    const same = await trx
      .selectFrom("discipline_decision")
      .select("id")
      .where("officer_id", "=", sheet.officer.id)
      .where("decision_number", "=", input.decisionNumber)
      .where("system", "=", input.system)
      .executeTakeFirst();
    if (same) return refuse(`Quyết định số ${input.decisionNumber} đã được ghi nhận cho ${sheet.officer.name}.`, "decisionNumber");
    const created = await trx
      .insertInto("discipline_decision")
      .values({
        officer_id: sheet.officer.id,
        conclusion_item_id: input.conclusionItemId,
        decision_number: input.decisionNumber,
        system: input.system,
        level: input.level,
        decided_on: input.decidedOn,
        recorded_by: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "appraisal.discipline_recorded",
      entityType: "appraisal_cycle",
      entityId: cycle.id,
      summary: `Ghi nhận quyết định kỷ luật số ${input.decisionNumber} đối với ${officerText(sheet)} (kỳ ${cycle.reference}).`,
      data: { officerId: sheet.officer.id, disciplineDecisionId: created.id, conclusionItemId: input.conclusionItemId, system: input.system, level: input.level, decidedOn: input.decidedOn },
    });
    return { ok: true, message: `Đã ghi nhận quyết định kỷ luật số ${input.decisionNumber}.` };
  });
}

/** Appends HR's PAR deduction for a unit: the computed one, or another with a reason. */
export async function recordUnitResult(db: Database, input: { cycleId: number; unitId: number; scope: Scope; points: number; reason: string | null }, user: SessionUser) {
  return inOpenCycle(db, input, async (trx, cycle) => {
    const sheet = await unitSheet(trx, input);
    if (!sheet) return undefined;
    if (input.points < 0 || input.points > sheet.table.componentMax) return refuse(`Điểm trừ phải từ 0 đến ${formatNumber(sheet.table.componentMax)} (điểm tối đa của nội dung).`, "points");
    const problem = unitResultProblem(sheet.proposal.deduction, { points: input.points, reason: input.reason });
    if (problem) return refuse(problem, "reason");
    const reason = input.reason?.trim() || null;
    await trx
      .insertInto("appraisal_result")
      .values({ cycle_id: cycle.id, unit_id: sheet.unit.id, inputs: "{}", proposed: JSON.stringify(sheet.proposal), final_points: input.points, reason, recorded_by: user.id })
      .execute();
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "appraisal.unit_result_recorded",
      entityType: "appraisal_cycle",
      entityId: cycle.id,
      summary: `Ghi điểm trừ Chỉ số CCHC của ${sheet.unit.name} (${sheet.unit.code}) trong kỳ ${cycle.reference}: ${formatNumber(input.points)} điểm${reason ? `; lý do khác điểm tính theo bảng: ${clause(reason)}` : ""}.`,
      data: { unitId: sheet.unit.id, points: input.points, computed: sheet.proposal.deduction, reason },
    });
    return { ok: true, message: `Đã ghi điểm trừ của ${sheet.unit.name}: ${formatNumber(input.points)} điểm.` };
  });
}

// ————— home —————

/** HR's home card: open cycles in scope and how many published items wait for an appraisal. */
export async function appraisalWork(db: Database, scope: Scope) {
  const unitIds = scope.all ? (await db.selectFrom("unit").select("id").execute()).map((u) => u.id) : scope.unitIds;
  const [open, pending] = await Promise.all([
    db
      .selectFrom("appraisal_cycle")
      .select(["id", "reference", "title"])
      .where("status", "=", "open")
      .where(inScope("scope_unit_id", scope))
      .orderBy("year", "desc")
      .orderBy("id", "desc")
      .execute(),
    pendingItems(db, { unitIds, limit: ITEM_LIMIT }),
  ]);
  return {
    openCycles: open.slice(0, 5),
    openTotal: open.length,
    pending: pending.filter((p) => !p.needsAcknowledgement).length,
    corrections: pending.filter((p) => p.needsAcknowledgement).length,
  };
}
