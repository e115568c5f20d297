// The unit head's explanation (báo cáo giải trình), as the inspection office runs it:
// - The team lead gives the unit a number of working days (5 unless said otherwise, 1 to 60); the deadline
//   is that many working days after the day of the request, in the province's calendar, so a request on
//   the Friday before a holiday gives the unit the same working time as one on a Monday.
// - Both sides read how much time is left, or how late the answer is, in working days: a weekend or Tết
//   does not eat into the unit's time, and is not counted against it either.
// - The unit answers every finding as it stands now. An answer to an earlier version of a finding does not
//   count: the unit must answer the facts the team actually holds, so sending is refused until every
//   current finding has an answer to its current version.
import type { WorkCalendar } from "./calendar.js";
import { formatIsoDate, formatNumber } from "./format.js";
import type { CalendarDate } from "./instants.js";

export const DEFAULT_EXPLANATION_WORKING_DAYS = 5;
export const MIN_EXPLANATION_WORKING_DAYS = 1;
export const MAX_EXPLANATION_WORKING_DAYS = 60;

/** The last day of the explanation: `workingDays` working days after the day it was asked. */
export function explanationDeadline(calendar: WorkCalendar, requestedOn: CalendarDate, workingDays: number): CalendarDate {
  if (!Number.isInteger(workingDays) || workingDays < MIN_EXPLANATION_WORKING_DAYS || workingDays > MAX_EXPLANATION_WORKING_DAYS) {
    throw new RangeError(`Số ngày làm việc phải từ ${MIN_EXPLANATION_WORKING_DAYS} đến ${MAX_EXPLANATION_WORKING_DAYS}, không phải ${workingDays}.`);
  }
  return calendar.addWorkingDays(requestedOn, workingDays);
}

export type DeadlineStatus =
  | { kind: "remaining"; workingDays: number }
  | { kind: "last_day" }
  | { kind: "overdue"; workingDays: number };

/**
 * Where today stands against the deadline, in working days: those left after today up to the deadline,
 * or those gone by since it. A deadline that passed over a weekend is overdue by 0 working days.
 */
export function deadlineStatus(calendar: WorkCalendar, deadline: CalendarDate, today: CalendarDate): DeadlineStatus {
  if (today === deadline) return { kind: "last_day" };
  if (today < deadline) return { kind: "remaining", workingDays: calendar.workingDaysBetween(today, deadline) };
  return { kind: "overdue", workingDays: calendar.workingDaysBetween(deadline, today) };
}

/** "Hạn giải trình: 28/11/2026 (còn 3 ngày làm việc)", "(hôm nay là ngày cuối)", "(đã quá hạn 2 ngày làm việc)". */
export function deadlineLabel(deadline: CalendarDate, status: DeadlineStatus): string {
  const date = `Hạn giải trình: ${formatIsoDate(deadline)}`;
  switch (status.kind) {
    case "remaining":
      return `${date} (còn ${formatNumber(status.workingDays)} ngày làm việc)`;
    case "last_day":
      return `${date} (hôm nay là ngày cuối)`;
    case "overdue":
      return status.workingDays === 0 ? `${date} (đã quá hạn)` : `${date} (đã quá hạn ${formatNumber(status.workingDays)} ngày làm việc)`;
  }
}

/** A current finding (latest version, not withdrawn) and the versions the unit has answered. */
export type FindingToAnswer = { number: number; version: number; answeredVersions: readonly number[] };

/** The numbers of the findings without an answer to their current version, in order. */
export function unansweredFindings(findings: readonly FindingToAnswer[]): number[] {
  return findings
    .filter((f) => !f.answeredVersions.includes(f.version))
    .map((f) => f.number)
    .sort((a, b) => a - b);
}

/** "Chưa thể gửi giải trình: nội dung kiểm tra số 2, 3 chưa có giải trình cho phiên bản hiện hành." */
export function unansweredMessage(numbers: readonly number[]): string {
  return `Chưa thể gửi giải trình: nội dung kiểm tra số ${numbers.join(", ")} chưa có giải trình cho phiên bản hiện hành.`;
}
