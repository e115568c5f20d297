// The filters of /evidence/dossiers as they travel in the URL. The dashboards link here with exactly
// these parameters (from, to, unit, procedure, officer, month, late, apology, q), so their names and
// meanings are a contract: change them only together with the dashboards.
import { z } from "zod";
import type { ApologyStatus } from "../domain/delay.js";
import { formatIsoDate } from "../domain/format.js";
import type { ReportPeriod } from "../domain/period.js";

export const APOLOGY_FILTERS = ["missing", "late", "on_time"] as const;
export type ApologyFilter = (typeof APOLOGY_FILTERS)[number];

export const APOLOGY_LABELS: Record<ApologyStatus, string> = {
  not_needed: "Không cần",
  missing: "Chưa có",
  on_time: "Đúng hạn",
  late: "Muộn",
};

export type DossierFilter = {
  /** The resolving unit; with its sub-units unless `ownUnitOnly`. */
  unitId: number | null;
  ownUnitOnly: boolean;
  procedureId: number | null;
  /** A step held by the officer (a late step of a late dossier when `lateOnly`). */
  officerId: number | null;
  /** yyyy-MM: the month of due_at in Vietnam. */
  month: string | null;
  /** Only late dossiers (the default: the menu says "Hồ sơ trễ hạn"). */
  lateOnly: boolean;
  apology: ApologyFilter | null;
  /** Part of the dossier code. */
  q: string;
};

export const EMPTY_FILTER: DossierFilter = {
  unitId: null,
  ownUnitOnly: false,
  procedureId: null,
  officerId: null,
  month: null,
  lateOnly: true,
  apology: null,
  q: "",
};

const id = z.coerce.number().int().positive().max(2_147_483_647);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/**
 * The filter of a URL, with a Vietnamese message for each parameter that was not understood (it is
 * then ignored, rather than answering an error page to a mistyped link).
 */
export function readDossierFilter(params: URLSearchParams): { filter: DossierFilter; problems: string[] } {
  const problems: string[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>, label: string): T | null => {
    const text = params.get(name)?.trim();
    if (!text) return null;
    const parsed = schema.safeParse(text);
    if (parsed.success) return parsed.data;
    problems.push(`${label} "${text.slice(0, 50)}" không hợp lệ nên đã bỏ qua.`);
    return null;
  };
  const late = params.get("late");
  return {
    filter: {
      unitId: read("unit", id, "Đơn vị"),
      ownUnitOnly: params.get("subunits") === "0",
      procedureId: read("procedure", id, "Thủ tục"),
      officerId: read("officer", id, "Cán bộ"),
      month: read("month", month, "Tháng"),
      lateOnly: late !== "0",
      apology: read("apology", z.enum(APOLOGY_FILTERS), "Văn bản xin lỗi"),
      q: (params.get("q") ?? "").trim().slice(0, 100),
    },
    problems,
  };
}

/** The URL parameters of a period and a filter (defaults left out), for links and the CSV export. */
export function dossierSearch(period: { from: string; to: string }, filter: DossierFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: period.from, to: period.to });
  if (filter.unitId !== null) params.set("unit", String(filter.unitId));
  if (filter.unitId !== null && filter.ownUnitOnly) params.set("subunits", "0");
  if (filter.procedureId !== null) params.set("procedure", String(filter.procedureId));
  if (filter.officerId !== null) params.set("officer", String(filter.officerId));
  if (filter.month) params.set("month", filter.month);
  params.set("late", filter.lateOnly ? "1" : "0");
  if (filter.apology) params.set("apology", filter.apology);
  if (filter.q) params.set("q", filter.q);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

/** The months a period touches, as yyyy-MM, for the month picker. */
export function monthsOf(period: Pick<ReportPeriod, "from" | "to">): string[] {
  const months: string[] = [];
  let [y, m] = [Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7))];
  const last = period.to.slice(0, 7);
  // A period of many years would make a long list; 10 years is more than any report covers.
  for (let i = 0; i < 120; i++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    months.push(key);
    if (key >= last) break;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return months;
}

/** "03/2025" for "2025-03". */
export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** "01/01/2025 – 31/12/2025". */
export function formatPeriodRange(period: { from: string; to: string }): string {
  return `${formatIsoDate(period.from)} – ${formatIsoDate(period.to)}`;
}
