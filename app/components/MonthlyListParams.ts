// The month of /evidence/monthly-list and its PDF and CSV: ?year=2026&month=10. Without them, the
// previous month in Vietnam (the list is drawn up after the month ends). The running month may be
// chosen (judged now); a month after it, or before the first year of the calendar, may not.
import { z } from "zod";
import { vnDate, type Instant } from "../domain/instants.js";
import { pageFrom } from "../domain/paging.js";

/** The working-day calendar (and so any evidence) starts in 2019. */
export const FIRST_YEAR = 2019;

export type MonthChoice = { year: number; month: number };
export type MonthlyListParams = MonthChoice & { unitPage: number; officerPage: number };

const year = z.coerce.number().int().min(FIRST_YEAR).max(9999);
const month = z.coerce.number().int().min(1).max(12);

export const monthLabel = ({ year, month }: MonthChoice) => `${String(month).padStart(2, "0")}/${year}`;

export function currentMonth(now: Instant = Date.now()): MonthChoice {
  const today = vnDate(now);
  return { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
}

export function previousMonth(now: Instant = Date.now()): MonthChoice {
  const { year, month } = currentMonth(now);
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

/**
 * The month of the URL, or the previous month with a Vietnamese message for each thing not understood.
 * The page shows the messages over the previous month; the downloads refuse with them (a file of
 * another month than the one asked for would be worse than none).
 */
export function readMonthlyListParams(params: URLSearchParams, now: Instant = Date.now()): { params: MonthlyListParams; problems: string[] } {
  const fallback = previousMonth(now);
  const pages = {
    unitPage: pageFrom(new URLSearchParams({ page: params.get("upage") ?? "1" })),
    officerPage: pageFrom(new URLSearchParams({ page: params.get("opage") ?? "1" })),
  };
  const yearText = params.get("year")?.trim() ?? "";
  const monthText = params.get("month")?.trim() ?? "";
  if (!yearText && !monthText) return { params: { ...fallback, ...pages }, problems: [] };
  const problems: string[] = [];
  const y = year.safeParse(yearText || String(fallback.year));
  const m = month.safeParse(monthText || String(fallback.month));
  if (!y.success) problems.push(`Năm "${yearText.slice(0, 20)}" không hợp lệ (từ ${FIRST_YEAR} trở đi).`);
  if (!m.success) problems.push(`Tháng "${monthText.slice(0, 20)}" không hợp lệ (từ 1 đến 12).`);
  if (y.success && m.success) {
    const chosen = { year: y.data, month: m.data };
    const current = currentMonth(now);
    if (chosen.year * 12 + chosen.month <= current.year * 12 + current.month) return { params: { ...chosen, ...pages }, problems: [] };
    problems.push(`Tháng ${monthLabel(chosen)} chưa đến.`);
  }
  return { params: { ...fallback, ...pages }, problems };
}

/** The URL parameters of a month (for the form's links and the downloads). */
export function monthlyListSearch(choice: MonthChoice, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ year: String(choice.year), month: String(choice.month), ...extra }).toString();
}

/** The answer of a download asked for a month it cannot give: 400 with the reasons, in Vietnamese. */
export function badMonthMessage(problems: string[]): string {
  return `Không tạo được danh sách tháng: ${problems.join(" ")} Hãy chọn một tháng từ 01/${FIRST_YEAR} đến tháng hiện tại.`;
}
