// The reports of one appraisal cycle: the summary per unit (PDF and CSV) and each officer's input sheet
// (PDF). They read what the cycle consumed (`consumedItems`, the one record of each item's single use)
// and the latest `appraisal_result` per officer; they never decide anything. The cycle must lie in the
// reader's scope (`getCycle` puts the scope in its WHERE), otherwise the caller answers 404.
import { sql } from "kysely";
import type { Database } from "../../db/index.js";
import { renderAppraisalSheet, type AppraisalSheetDocument, type AppraisalSheetResult } from "../../reports/appraisal-sheet.js";
import { SUMMARY_RATINGS, SUMMARY_RATING_HEADINGS, renderAppraisalSummary, type AppraisalSummaryDocument, type AppraisalSummaryUnit, type SummaryRating } from "../../reports/appraisal-summary.js";
import type { Scope } from "../auth.server.js";
import { CONSUMPTION_MODE_LABELS, consumerText, effectText, unitParDeduction, type ParTable } from "../domain/appraisal/consumption.js";
import { RULE_SETS } from "../domain/appraisal/index.js";
import { ND90_RATINGS, OFFICER_CATEGORY_LABELS, RATING_LABELS, type Nd90Rating, type OfficerCategory } from "../domain/appraisal/types.js";
import { csvDocument } from "../domain/csv-export.js";
import { formatNumber } from "../domain/format.js";
import { vnDate, type Instant } from "../domain/instants.js";
import type { SessionUser } from "../permissions.js";
import { consumedItems, getCycle, parTableOf, quarterText, type ConsumedItem } from "./appraisal.server.js";
import { getIssuer } from "./conclusions.server.js";
import { unitsWithDescendants } from "./users.server.js";

type Cycle = NonNullable<Awaited<ReturnType<typeof getCycle>>>;

const CHANNEL_LABELS = { web: "Trang KTCV", api: "API" } as const;

/** "năm 2026", "quý I năm 2026" */
function periodText(cycle: Pick<Cycle, "year" | "quarter">): string {
  return `${quarterText(cycle.quarter)}năm ${cycle.year}`;
}

/** The last day of the cycle's period: the day an officer's unit is taken on when no item names it. */
function periodEnd(cycle: Pick<Cycle, "year" | "quarter">): string {
  if (!cycle.quarter) return `${cycle.year}-12-31`;
  const month = cycle.quarter * 3;
  const day = new Date(Date.UTC(cycle.year, month, 0)).getUTCDate();
  return `${cycle.year}-${String(month).padStart(2, "0")}-${day}`;
}

function ruleSetText(code: string): string {
  const ruleSet = RULE_SETS.find((r) => r.code === code);
  return ruleSet ? `${ruleSet.code} — ${ruleSet.title}` : code;
}

/** The latest result of each officer in the cycle (appraisal_result is appended; the latest row counts). */
async function latestOfficerResults(db: Database, cycleId: number, officerId?: number) {
  let q = db
    .selectFrom("appraisal_result as r")
    .innerJoin("app_user as u", "u.id", "r.recorded_by")
    .select(["r.officer_id", "r.proposed", "r.final_rating", "r.final_points", "r.reason", "r.recorded_at", "u.display_name as recorded_by_name"])
    .distinctOn("r.officer_id")
    .where("r.cycle_id", "=", cycleId)
    .where("r.officer_id", "is not", null);
  if (officerId !== undefined) q = q.where("r.officer_id", "=", officerId);
  return q.orderBy("r.officer_id").orderBy("r.id", "desc").execute();
}

/** Each officer's unit on `date` (the membership in force then, else the latest one). */
async function membershipUnits(db: Database, officerIds: readonly number[], date: string): Promise<Map<number, number>> {
  if (officerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("officer_membership")
    .select(["officer_id", "unit_id"])
    .distinctOn("officer_id")
    .where("officer_id", "=", sql<number>`any(${[...officerIds]}::int[])`)
    .orderBy("officer_id")
    .orderBy(sql`(coalesce(valid_from, '-infinity'::date) <= ${date}::date and coalesce(valid_to, 'infinity'::date) >= ${date}::date)`, "desc")
    .orderBy(sql`coalesce(valid_to, 'infinity'::date)`, "desc")
    .orderBy(sql`coalesce(valid_from, '-infinity'::date)`, "desc")
    .execute();
  return new Map(rows.map((r) => [r.officer_id, r.unit_id]));
}

const isRating = (value: unknown): value is Nd90Rating => typeof value === "string" && (ND90_RATINGS as readonly string[]).includes(value);

/**
 * What the rule set proposed, read from the stored JSON whichever rule set wrote it (nd90-48 stores
 * `rating`, nd335-2025 `band` and `points`; both `reasons` with a `text`). Null when it proposed nothing.
 */
export function proposalOf(json: unknown): AppraisalSheetResult["proposal"] {
  if (!json || typeof json !== "object" || Array.isArray(json)) return null;
  const p = json as Record<string, unknown>;
  const key = isRating(p.rating) ? p.rating : isRating(p.band) ? p.band : null;
  const rating = key ? RATING_LABELS[key] : typeof p.label === "string" && p.label.trim() ? p.label : null;
  const points = typeof p.points === "number" && Number.isFinite(p.points) ? p.points : null;
  const reasons = (Array.isArray(p.reasons) ? p.reasons : [])
    .map((r: unknown) => (typeof r === "string" ? r : r && typeof r === "object" && typeof (r as { text?: unknown }).text === "string" ? (r as { text: string }).text : null))
    .filter((r): r is string => !!r && r.trim() !== "");
  return rating === null && points === null && reasons.length === 0 ? null : { rating, points, reasons };
}

// ————— the summary —————

export type CycleSummary = {
  cycle: Cycle;
  parTable: ParTable;
  /** By unit code. */
  units: (AppraisalSummaryUnit & { unitId: number })[];
};

/**
 * The cycle's figures per unit. An officer belongs to the unit their items in the cycle were about (the
 * latest, if several); an officer with a result but no item, to their unit at the end of the cycle's
 * period — or to the cycle's scope unit when that unit lies outside the cycle's scope, so that no result
 * recorded in the cycle drops out of the totals.
 */
export async function cycleSummary(db: Database, input: { cycleId: number; scope: Scope }): Promise<CycleSummary | undefined> {
  const cycle = await getCycle(db, input);
  if (!cycle) return undefined;
  const [items, parTable, results, cycleUnits] = await Promise.all([
    consumedItems(db, { cycleId: cycle.id }),
    parTableOf(db, cycle.par_table_id),
    latestOfficerResults(db, cycle.id),
    unitsWithDescendants(db, [cycle.scope_unit_id]),
  ]);

  const officerUnit = new Map<number, number>();
  for (const item of items) if (item.officer) officerUnit.set(item.officer.id, item.unit.id);
  const withoutItems = results.map((r) => r.officer_id!).filter((id) => !officerUnit.has(id));
  const memberships = await membershipUnits(db, withoutItems, periodEnd(cycle));
  const inCycle = new Set(cycleUnits);
  for (const id of withoutItems) {
    const unitId = memberships.get(id);
    officerUnit.set(id, unitId !== undefined && inCycle.has(unitId) ? unitId : cycle.scope_unit_id);
  }

  const unitIds = [...new Set([...items.map((i) => i.unit.id), ...officerUnit.values()])];
  const unitRows = unitIds.length === 0 ? [] : await db.selectFrom("unit").select(["id", "code", "name"]).where("id", "=", sql<number>`any(${unitIds}::int[])`).execute();
  const ratingOf = new Map(results.map((r) => [r.officer_id!, isRating(r.final_rating) ? r.final_rating : ("none" as const)]));

  const units = unitRows.map((u) => {
    const mine = items.filter((i) => i.unit.id === u.id);
    const counted = mine.filter((i) => i.consumption.mode === "counted");
    const par = unitParDeduction(counted.filter((i) => i.officer === null).map((i) => i.effect), parTable);
    const ratings = Object.fromEntries(SUMMARY_RATINGS.map((r) => [r, 0])) as Record<SummaryRating, number>;
    for (const [officerId, unitId] of officerUnit) if (unitId === u.id) ratings[ratingOf.get(officerId) ?? "none"] += 1;
    return {
      unitId: u.id,
      code: u.code,
      name: u.name,
      officersWithItems: new Set(mine.flatMap((i) => (i.officer ? [i.officer.id] : []))).size,
      itemsCounted: counted.length,
      correctionsAcknowledged: mine.length - counted.length,
      attributedDelays: counted.reduce((n, i) => n + i.effect.attributedDelays, 0),
      parDeduction: par.total,
      parCapped: par.capped,
      ratings,
    };
  });
  units.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { cycle, parTable, units };
}

/** "tong-hop-DG-2026-001.pdf" */
export function summaryFileName(reference: string, extension: "pdf" | "csv"): string {
  return `tong-hop-${reference}.${extension}`;
}

export async function cycleSummaryPdf(db: Database, input: { cycleId: number; scope: Scope }, user: SessionUser, now: Instant = Date.now()) {
  const [summary, issuer] = await Promise.all([cycleSummary(db, input), getIssuer(db)]);
  if (!summary) return undefined;
  const { cycle, parTable } = summary;
  const document: AppraisalSummaryDocument = {
    parentAgency: issuer.parentAgency,
    issuingAgency: issuer.agency,
    number: cycle.reference,
    place: issuer.place,
    date: vnDate(now),
    cycle: {
      reference: cycle.reference,
      title: cycle.title,
      period: periodText(cycle),
      scopeUnitName: cycle.scope_unit_name,
      ruleSet: ruleSetText(cycle.rule_set_code),
      parTableVersion: parTable.version,
      parComponentMax: parTable.componentMax,
      status: cycle.status as "open" | "closed",
    },
    asOf: new Date(now).toISOString(),
    units: summary.units,
    preparedBy: user.displayName,
  };
  return { bytes: await renderAppraisalSummary(document), fileName: summaryFileName(cycle.reference, "pdf") };
}

export const SUMMARY_CSV_HEADER = [
  "STT",
  "Mã đơn vị",
  "Tên cơ quan, đơn vị",
  "Số cán bộ có nội dung",
  "Nội dung đã tính",
  "Đính chính đã xác nhận",
  "Hồ sơ chậm quy trách nhiệm",
  "Điểm trừ Chỉ số CCHC",
  "Đã đến mức trừ tối đa",
  ...SUMMARY_RATINGS.map((r) => `Xếp loại: ${SUMMARY_RATING_HEADINGS[r]}`),
] as const;

/** The summary's rows as CSV (no totals row: a spreadsheet's filter or pivot would sum it again). */
export function summaryCsv(summary: Pick<CycleSummary, "units">): string {
  return csvDocument(
    SUMMARY_CSV_HEADER,
    summary.units.map((u, i) => [
      i + 1,
      u.code,
      u.name,
      u.officersWithItems,
      u.itemsCounted,
      u.correctionsAcknowledged,
      u.attributedDelays,
      // Decimal comma, which a Vietnamese spreadsheet reads as a number (as the offenders CSV does).
      formatNumber(u.parDeduction),
      u.parCapped ? "có" : "không",
      ...SUMMARY_RATINGS.map((r) => u.ratings[r]),
    ]),
  );
}

export async function cycleSummaryCsv(db: Database, input: { cycleId: number; scope: Scope }) {
  const summary = await cycleSummary(db, input);
  if (!summary) return undefined;
  return { text: summaryCsv(summary), fileName: summaryFileName(summary.cycle.reference, "csv") };
}

// ————— the officer's sheet —————

export type OfficerSheet = {
  cycle: Cycle;
  officer: { id: number; code: string; name: string; category: OfficerCategory; unitName: string };
  items: ConsumedItem[];
  result: Awaited<ReturnType<typeof latestOfficerResults>>[number] | null;
};

/**
 * Exactly the items consumed for the officer in the cycle, and their latest result. Undefined when the
 * cycle is outside the reader's scope, or the officer has nothing to do with the cycle: no item and no
 * result in it, and not a member of a unit in its scope.
 */
export async function officerSheet(db: Database, input: { cycleId: number; officerId: number; scope: Scope }): Promise<OfficerSheet | undefined> {
  const cycle = await getCycle(db, input);
  if (!cycle) return undefined;
  const officer = await db.selectFrom("officer").select(["id", "code", "full_name", "category"]).where("id", "=", input.officerId).executeTakeFirst();
  if (!officer) return undefined;
  const [items, [result], cycleUnits, memberships] = await Promise.all([
    consumedItems(db, { cycleId: cycle.id, officerId: officer.id }),
    latestOfficerResults(db, cycle.id, officer.id),
    unitsWithDescendants(db, [cycle.scope_unit_id]),
    membershipUnits(db, [officer.id], periodEnd(cycle)),
  ]);
  const member = memberships.get(officer.id);
  const unitId = items.at(-1)?.unit.id ?? (member !== undefined && cycleUnits.includes(member) ? member : result ? cycle.scope_unit_id : undefined);
  if (unitId === undefined) return undefined;
  const unit = await db.selectFrom("unit").select("name").where("id", "=", unitId).executeTakeFirstOrThrow();
  return {
    cycle,
    officer: { id: officer.id, code: officer.code, name: officer.full_name, category: officer.category as OfficerCategory, unitName: unit.name },
    items,
    result: result ?? null,
  };
}

/** "phieu-DG-2026-001-CB0062.pdf" */
export function sheetFileName(reference: string, officerCode: string): string {
  return `phieu-${reference}-${officerCode.replace(/[^A-Za-z0-9._-]+/g, "-")}.pdf`;
}

export async function officerSheetPdf(db: Database, input: { cycleId: number; officerId: number; scope: Scope }, user: SessionUser, now: Instant = Date.now()) {
  const [sheet, issuer] = await Promise.all([officerSheet(db, input), getIssuer(db)]);
  if (!sheet) return undefined;
  const { cycle, officer, result } = sheet;
  const document: AppraisalSheetDocument = {
    parentAgency: issuer.parentAgency,
    issuingAgency: issuer.agency,
    place: issuer.place,
    date: vnDate(now),
    officer: { code: officer.code, name: officer.name, unitName: officer.unitName, category: OFFICER_CATEGORY_LABELS[officer.category] },
    cycle: { reference: cycle.reference, title: cycle.title, period: periodText(cycle), ruleSet: ruleSetText(cycle.rule_set_code) },
    items: sheet.items.map((item) => ({
      notice: item.effect.notice,
      publicationDate: item.effect.publicationDate,
      position: item.effect.position,
      content: item.effect.content,
      effect: effectText(item.effect),
      mode: item.consumption.mode,
      modeText: CONSUMPTION_MODE_LABELS[item.consumption.mode],
      consumer: consumerText(item.consumption),
      consumedAt: item.consumption.consumedAt,
      channel: CHANNEL_LABELS[item.consumption.channel],
      taskTitle: item.taskTitle,
    })),
    result: result
      ? {
          proposal: proposalOf(result.proposed),
          finalRating: isRating(result.final_rating) ? RATING_LABELS[result.final_rating] : null,
          finalPoints: result.final_points === null ? null : Number(result.final_points),
          reason: result.reason,
          recordedBy: result.recorded_by_name,
          recordedAt: new Date(result.recorded_at).toISOString(),
        }
      : null,
    preparedBy: user.displayName,
  };
  return { bytes: await renderAppraisalSheet(document), fileName: sheetFileName(cycle.reference, officer.code) };
}
