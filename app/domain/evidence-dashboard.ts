// The evidence dashboard (/evidence/dashboard): what its URL means, the rows of its tables, their CSV
// columns and the links from each figure to the dossier list. Pure: the queries are in
// app/models/dashboard-evidence.server.ts.
//
// Rows by unit are the units one level under the unit chosen in the filter (under the root when none
// is chosen), each counting the dossiers resolved by it and all its sub-units — an agency is judged with
// its divisions, and the dossier list's `unit` parameter includes sub-units too, so a row and the list
// it links to agree. The chosen unit's own dossiers, if any, form one more row ("own").
import { z } from "zod";
import { progressScore, ratePercent, round2 } from "./decision766.js";
import type { CsvCell as CsvValue } from "./csv-export.js";
import type { CalendarDate, Instant } from "./instants.js";
import { periodFromSearch } from "./period.js";

export const DASHBOARD_TABLES = ["unit", "procedure", "officer", "month", "score"] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

/** Rows a table shows on the page; the CSV has them all. */
export const DASHBOARD_PAGE_ROWS = 50;
/** Bars a chart draws: the first rows of its table, which holds the same numbers. */
export const DASHBOARD_CHART_ROWS = 15;

export type DashboardFilter = { unitId: number | null; procedureId: number | null };
export type DashboardParams = { period: { from: CalendarDate; to: CalendarDate; asOf: Instant }; filter: DashboardFilter; table: DashboardTable | null; problems: string[] };

const id = z.coerce.number().int().positive().max(2_147_483_647);

/** The dashboard's URL: the period (periodFromSearch), an optional unit and procedure, and for the CSV a table. */
export function readDashboardParams(params: URLSearchParams, now: Instant = Date.now()): DashboardParams {
  const { period, problems } = periodFromSearch(params, now);
  const readId = (name: string, label: string): number | null => {
    const text = params.get(name);
    if (!text) return null;
    const parsed = id.safeParse(text);
    if (!parsed.success) problems.push(`${label} "${text}" không hợp lệ; đã bỏ qua.`);
    return parsed.success ? parsed.data : null;
  };
  const table = z.enum(DASHBOARD_TABLES).safeParse(params.get("table"));
  return {
    period,
    filter: { unitId: readId("unit", "Mã đơn vị"), procedureId: readId("procedure", "Mã thủ tục") },
    table: table.success ? table.data : null,
    problems,
  };
}

/** Dossier counts of one row. */
export type Counts = { counted: number; onTime: number; late: number; lateNoApology: number };

export type UnitRow = Counts & {
  unitId: number;
  code: string;
  name: string;
  /** The chosen unit's own dossiers (not its sub-units'). */
  own: boolean;
  /** Whether the unit has sub-units (then its "own" row is not the whole of what the list shows). */
  hasSubUnits: boolean;
  /** Late dossiers (of the filtered set) whose responsibility lies with this row's units. */
  attributedLate: number;
};
export type ProcedureRow = Counts & { procedureId: number; code: string; name: string | null };
export type OfficerRow = {
  officerId: number;
  code: string;
  fullName: string;
  steps: number;
  lateSteps: number;
  /** Late steps in late dossiers: the delays the contract attributes to an officer. */
  attributedLateSteps: number;
  attributedLateWorkingDays: number;
};
export type MonthRow = Counts & { month: string };
export type ScoreRow = { unitId: number; code: string; name: string; own: boolean; hasSubUnits: boolean; counted: number; onTime: number };

export type TablePage<T> = { rows: T[]; total: number };

/** "yyyy-MM" as "MM/yyyy". */
export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

export function unitLabel(row: { code: string; name: string; own: boolean; hasSubUnits: boolean }): string {
  return row.own && row.hasSubUnits ? `${row.name} (chỉ hồ sơ đơn vị trực tiếp giải quyết)` : row.name;
}

// ---------------------------------------------------------------------------------------------
// Drill-down: the dossier list (/evidence/dossiers) takes from, to, unit (with sub-units), procedure,
// officer, month (yyyy-MM), late=1, apology=missing|late|on_time.

export type DossierListQuery = {
  unit?: number | null;
  procedure?: number | null;
  officer?: number | null;
  month?: string | null;
  late?: boolean;
  /** Only dossiers that were not late (late=0: the list's `late` parameter, the other way round). */
  onTime?: boolean;
  apology?: "missing" | "late" | "on_time";
};

/** The dossier list behind a figure: the dashboard's period and filter, narrowed by the row and column. */
export function dossierListHref(period: { from: CalendarDate; to: CalendarDate }, filter: DashboardFilter, query: DossierListQuery = {}): string {
  const params = new URLSearchParams({ from: period.from, to: period.to });
  const unit = query.unit ?? filter.unitId;
  const procedure = query.procedure ?? filter.procedureId;
  if (unit) params.set("unit", String(unit));
  if (procedure) params.set("procedure", String(procedure));
  if (query.officer) params.set("officer", String(query.officer));
  if (query.month) params.set("month", query.month);
  if (query.late || query.apology) params.set("late", "1");
  else if (query.onTime) params.set("late", "0");
  if (query.apology) params.set("apology", query.apology);
  return `/evidence/dossiers?${params.toString()}`;
}

/** The dashboard's own URL with other parameters (the CSV export keeps the period and filter). */
export function dashboardSearch(period: { from: CalendarDate; to: CalendarDate }, filter: DashboardFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: period.from, to: period.to });
  if (filter.unitId) params.set("unit", String(filter.unitId));
  if (filter.procedureId) params.set("procedure", String(filter.procedureId));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

// ---------------------------------------------------------------------------------------------
// CSV: one file per table, Vietnamese headers, every row.

export type DashboardTableRows =
  | { table: "unit"; rows: UnitRow[] }
  | { table: "procedure"; rows: ProcedureRow[] }
  | { table: "officer"; rows: OfficerRow[] }
  | { table: "month"; rows: MonthRow[] }
  | { table: "score"; rows: ScoreRow[]; threshold: number };

const COUNT_HEADERS = ["Số hồ sơ được tính", "Đúng hạn", "Trễ hạn", "Tỷ lệ đúng hạn (%)", "Trễ hạn chưa có văn bản xin lỗi"];
const countCells = (r: Counts): CsvValue[] => [r.counted, r.onTime, r.late, ratePercent(r.onTime, r.counted), r.lateNoApology];

/** What a row covers, for the CSV (the page says it in the unit's label and the section's text). */
const coverage = (r: { own: boolean; hasSubUnits: boolean }) => (!r.hasSubUnits ? "" : r.own ? "Chỉ hồ sơ do đơn vị trực tiếp giải quyết" : "Gồm đơn vị trực thuộc");

const scoreCell = (value: number | null) => (value === null ? null : round2(value));

export const TABLE_FILE_NAMES: Record<DashboardTable, string> = {
  unit: "theo-don-vi",
  procedure: "theo-thu-tuc",
  officer: "theo-can-bo",
  month: "theo-thang",
  score: "diem-qd766",
};

/** The header and rows of a table's CSV file. */
export function dashboardCsvTable(data: DashboardTableRows): { header: string[]; rows: CsvValue[][] } {
  switch (data.table) {
    case "unit":
      return {
        header: ["Mã đơn vị", "Tên đơn vị", "Phạm vi", ...COUNT_HEADERS, "Trễ hạn được quy cho đơn vị"],
        rows: data.rows.map((r) => [r.code, r.name, coverage(r), ...countCells(r), r.attributedLate]),
      };
    case "procedure":
      return { header: ["Mã thủ tục", "Tên thủ tục", ...COUNT_HEADERS], rows: data.rows.map((r) => [r.code, r.name, ...countCells(r)]) };
    case "officer":
      return {
        header: ["Mã cán bộ", "Họ và tên", "Số bước xử lý", "Bước trễ hạn", "Bước trễ trong hồ sơ trễ hạn (quy trách nhiệm)", "Số ngày làm việc trễ (bước trễ trong hồ sơ trễ hạn)"],
        rows: data.rows.map((r) => [r.code, r.fullName, r.steps, r.lateSteps, r.attributedLateSteps, r.attributedLateWorkingDays]),
      };
    case "month":
      return { header: ["Tháng", ...COUNT_HEADERS], rows: data.rows.map((r) => [formatMonth(r.month), ...countCells(r)]) };
    case "score":
      return {
        header: ["Mã đơn vị", "Tên đơn vị", "Phạm vi", "Số hồ sơ được tính", "Đúng hạn", "Tỷ lệ đúng hạn (%)", "Ngưỡng (%)", "Điểm tiến độ, kết quả (tối đa 20)"],
        rows: data.rows.map((r) => [
          r.code,
          r.name,
          coverage(r),
          r.counted,
          r.onTime,
          ratePercent(r.onTime, r.counted),
          data.threshold,
          scoreCell(progressScore(r.onTime, r.counted, data.threshold)),
        ]),
      };
  }
}
