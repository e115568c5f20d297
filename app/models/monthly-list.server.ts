// The monthly list of Decision 766 practice: for one month, the units and officers to whom late dossiers
// are attributed, with the number of late dossiers each. Attribution is the contract's
// (spec/evidence-import.md): a late dossier goes to each of its late steps — that step's officer and
// unit — or, with no late step, to its resolving unit alone. Dossiers count in the month of their due
// date, judged as of the end of the month (or now, while the month runs), from the stored outcomes.
// Officers come from the repeat-offenders query (at least one late step of a late dossier), so the two
// pages cannot count an officer differently.
import { sql } from "kysely";
import type { Database } from "../../db/index.js";
import { renderMonthlyList, type MonthlyListOfficer, type MonthlyListUnit } from "../../reports/monthly-list.js";
import { vnShortDate } from "../../reports/vn-date.js";
import type { Scope } from "../auth.server.js";
import { formatDateTime } from "../domain/format.js";
import { vnDate, type Instant } from "../domain/instants.js";
import { pageCount, PAGE_SIZE } from "../domain/paging.js";
import { asOfFor, type ReportPeriod } from "../domain/period.js";
import { getIssuer } from "./conclusions.server.js";
import { allOffenders } from "./offenders.server.js";
import { withPeriodOutcomes } from "./outcomes.server.js";
import { inScope } from "./units.server.js";

export type MonthlyListData = {
  year: number;
  month: number;
  period: ReportPeriod;
  /** Late dossiers due in the month and resolved in scope, each once (the dossier list's count). */
  lateDossiers: number;
  /** Most late dossiers first, then by code. */
  units: (MonthlyListUnit & { unitId: number })[];
  officers: (MonthlyListOfficer & { officerId: number })[];
};

/** The first and last day of a month, and the instant its open dossiers are judged at. */
export function monthPeriod(year: number, month: number, now: Instant = Date.now()): ReportPeriod {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) throw new Error(`Tháng không hợp lệ: ${month}/${year}`);
  const mm = String(month).padStart(2, "0");
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const to = `${year}-${mm}-${String(last).padStart(2, "0")}`;
  return { from: `${year}-${mm}-01`, to, asOf: asOfFor(to, now) };
}

/**
 * The units and officers of the month. Dossiers are those resolved by a unit in `scope` (as on the
 * dashboards); a unit outside the scope that held a late step of such a dossier is listed all the same.
 */
export async function monthlyList(db: Database, scope: Scope, input: { year: number; month: number; now?: Instant }): Promise<MonthlyListData> {
  const period = monthPeriod(input.year, input.month, input.now);
  const { units, lateDossiers } = await withPeriodOutcomes(db, period, period.asOf, async (trx) => {
    const inScopeDossier = inScope("p.unit_id", scope);
    // A dossier late at two units counts for each, so the units' sum can exceed this.
    const late = await sql<{ n: number }>`select count(*)::int as n from period_outcome p where p.late and ${inScopeDossier}`.execute(trx);
    const units = (
      await sql<{ unit_id: number; code: string; name: string; late_dossiers: number }>`
        with attributed as (
          select s.dossier_id, s.unit_id
          from period_step s join period_outcome p on p.dossier_id = s.dossier_id
          where s.late and s.dossier_late and ${inScopeDossier}
          union
          select p.dossier_id, p.unit_id
          from period_outcome p
          where p.late and ${inScopeDossier}
            and not exists (select 1 from period_step s where s.dossier_id = p.dossier_id and s.late)
        )
        select u.id as unit_id, u.code, u.name, count(distinct a.dossier_id)::int as late_dossiers
        from attributed a join unit u on u.id = a.unit_id
        group by u.id
        order by late_dossiers desc, u.code`.execute(trx)
    ).rows;
    return { units, lateDossiers: late.rows[0]!.n };
  });
  // The officer's unit is the one they belonged to at the end of the month.
  const offenders = await allOffenders(db, scope, { period, minLateSteps: 1, maxOnTimeRate: 0, today: period.to, kind: "officers" });
  const officers = offenders.kind === "officers" ? offenders.rows : [];
  return {
    year: input.year,
    month: input.month,
    period,
    lateDossiers,
    units: units.map((u) => ({ unitId: u.unit_id, code: u.code, name: u.name, lateDossiers: u.late_dossiers })),
    officers: officers
      .map((o) => ({ officerId: o.officerId, code: o.code, name: o.name, unitName: o.unitName ?? "", lateDossiers: o.lateDossiers }))
      .sort((a, b) => b.lateDossiers - a.lateDossiers || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
  };
}

export type MonthlyListPageInput = { year: number; month: number; unitPage: number; officerPage: number; pageSize?: number; now?: Instant };

type Ranked<T> = T & { /** Row number in the whole list (STT), as the PDF prints it. */ position: number };
type Paged<T> = { rows: Ranked<T>[]; page: number; total: number };

export type MonthlyListPage = Pick<MonthlyListData, "year" | "month" | "period" | "lateDossiers"> & {
  /** The units with most late dossiers, for the chart. */
  topUnits: MonthlyListData["units"];
  units: Paged<MonthlyListData["units"][number]> & { lateDossiers: number };
  officers: Paged<MonthlyListData["officers"][number]> & { lateDossiers: number };
};

export const MONTHLY_LIST_CHART_ROWS = 15;

function pageOf<T>(rows: T[], requested: number, size: number): Paged<T> {
  // A page past the end (a stale link) shows the last page rather than an empty table.
  const page = Math.min(Math.max(1, requested), pageCount(rows.length, size));
  const start = (page - 1) * size;
  return { rows: rows.slice(start, start + size).map((r, i) => ({ ...r, position: start + i + 1 })), page, total: rows.length };
}

/**
 * One page of each table for the screen. The month is aggregated whole (its totals need every row, and a
 * province month has at most a few hundred units and officers); only a page of each reaches the browser.
 */
export async function monthlyListPage(db: Database, scope: Scope, input: MonthlyListPageInput): Promise<MonthlyListPage> {
  const data = await monthlyList(db, scope, input);
  const sum = (rows: { lateDossiers: number }[]) => rows.reduce((n, r) => n + r.lateDossiers, 0);
  const size = input.pageSize ?? PAGE_SIZE;
  return {
    year: data.year,
    month: data.month,
    period: data.period,
    lateDossiers: data.lateDossiers,
    topUnits: data.units.slice(0, MONTHLY_LIST_CHART_ROWS),
    units: { ...pageOf(data.units, input.unitPage, size), lateDossiers: sum(data.units) },
    officers: { ...pageOf(data.officers, input.officerPage, size), lateDossiers: sum(data.officers) },
  };
}

/** "Danh-sach-tre-han-2026-10.pdf" (ASCII: every browser saves it as written). */
export function monthlyListFileName(year: number, month: number, extension: "pdf" | "csv"): string {
  return `Danh-sach-tre-han-${year}-${String(month).padStart(2, "0")}.${extension}`;
}

const count = new Intl.NumberFormat("vi-VN");

/** How the list was drawn up, printed under the title: the reader of a paper copy has nothing else. */
function noteOf(data: MonthlyListData, now: Instant): string {
  const closed = data.period.asOf < now;
  const judged = closed
    ? `đánh giá đến hết ngày ${vnShortDate(data.period.to)}`
    : `đánh giá tại thời điểm ${formatDateTime(new Date(data.period.asOf)).slice(11)} ngày ${vnShortDate(vnDate(data.period.asOf))} (tháng chưa kết thúc, số liệu còn thay đổi)`;
  return (
    `Số liệu tổng hợp từ hồ sơ thủ tục hành chính có ngày hẹn trả trong tháng, ${judged}; ` +
    `có ${count.format(data.lateDossiers)} hồ sơ quá hạn. Hồ sơ quá hạn được tính cho cơ quan, đơn vị và cán bộ, công chức giữ bước xử lý quá hạn ` +
    "(hồ sơ không có bước nào quá hạn được tính cho đơn vị giải quyết); một hồ sơ quá hạn ở nhiều bước được tính cho mỗi đơn vị, mỗi người một lần."
  );
}

/**
 * The month's list as the official PDF: a working copy (no number, no signer, no verification footer)
 * of the issuing office, dated today. The figures are those of the page and the CSV.
 */
export async function monthlyListPdf(db: Database, scope: Scope, input: { year: number; month: number; now?: Instant }): Promise<Buffer> {
  const now = input.now ?? Date.now();
  const [data, issuer] = await Promise.all([monthlyList(db, scope, { ...input, now }), getIssuer(db)]);
  return renderMonthlyList({
    parentAgency: issuer.parentAgency,
    issuingAgency: issuer.agency,
    number: null,
    place: issuer.place,
    date: vnDate(now),
    year: data.year,
    month: data.month,
    units: data.units,
    officers: data.officers,
    note: noteOf(data, now),
    signer: null,
    recipients: [],
    archive: "",
    verification: null,
  });
}
