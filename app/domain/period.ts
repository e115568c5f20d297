// The period a report covers, read from the URL (?from=yyyy-MM-dd&to=yyyy-MM-dd), and the instant its
// unfinished dossiers are judged at: the end of the period, or now while the period is still running
// (DOMAIN.md › Decision 766: "as of the report's instant (for a closed period, its end)").
import { DAY_MS, vnDate, vnStartOfDay, type CalendarDate, type Instant } from "./instants.js";
import { parseDateInput } from "./format.js";

export type ReportPeriod = { from: CalendarDate; to: CalendarDate; asOf: Instant };

export function defaultPeriod(now: Instant = Date.now()): { from: CalendarDate; to: CalendarDate } {
  const today = vnDate(now);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/** The judging instant of a period: the last millisecond of `to` in Vietnam, or `now` if earlier. */
export function asOfFor(to: CalendarDate, now: Instant = Date.now()): Instant {
  return Math.min(now, vnStartOfDay(to) + DAY_MS - 1);
}

/** The period of the URL, with a Vietnamese message for each parameter that was not understood. */
export function periodFromSearch(params: URLSearchParams, now: Instant = Date.now()): { period: ReportPeriod; problems: string[] } {
  const fallback = defaultPeriod(now);
  const problems: string[] = [];
  const read = (name: "from" | "to", label: string) => {
    const text = params.get(name);
    if (!text) return fallback[name];
    const date = parseDateInput(text);
    if (!date) problems.push(`${label} "${text}" không hợp lệ; dùng dd/MM/yyyy hoặc yyyy-MM-dd.`);
    return date ?? fallback[name];
  };
  let from = read("from", "Từ ngày");
  let to = read("to", "Đến ngày");
  if (to < from) {
    problems.push("Đến ngày trước Từ ngày: đã đổi chỗ hai ngày.");
    [from, to] = [to, from];
  }
  return { period: { from, to, asOf: asOfFor(to, now) }, problems };
}
