// Where a case stands against its explanation deadline, as the work lists show it.
// The unit head must answer by the deadline, a date that is the last day allowed. The distance is counted
// in working days of the province calendar (holidays, Tết, make-up Saturdays), never in calendar days:
// - a case still awaiting the explanation whose deadline is today or later has "N working days left",
//   the working days after today up to and including the deadline (0 on the deadline itself);
// - it is "due soon" when at most DUE_SOON_WORKING_DAYS are left;
// - it is "overdue" once the deadline is before today, by the working days after the deadline up to and
//   including today (a deadline on Friday is overdue by 0 working days on Saturday, and by 1 on Monday).
// In any other state the deadline is history (the unit answered, or the case moved on): no status.
import type { WorkCalendar } from "./calendar.js";
import type { CalendarDate } from "./instants.js";
import type { CaseState } from "./case-states.js";

export const DUE_SOON_WORKING_DAYS = 3;

export type DeadlineStatus =
  | { kind: "none" }
  | { kind: "pending"; remaining: number }
  | { kind: "due_soon"; remaining: number; dueToday: boolean }
  | { kind: "overdue"; overdue: number };

export function explanationDeadlineStatus(input: {
  state: CaseState;
  deadline: CalendarDate | null;
  today: CalendarDate;
  calendar: WorkCalendar;
  soonDays?: number;
}): DeadlineStatus {
  const { state, deadline, today, calendar } = input;
  if (state !== "awaiting_explanation" || deadline === null) return { kind: "none" };
  if (deadline < today) return { kind: "overdue", overdue: calendar.workingDaysBetween(deadline, today) };
  const remaining = calendar.workingDaysBetween(today, deadline);
  if (remaining <= (input.soonDays ?? DUE_SOON_WORKING_DAYS)) return { kind: "due_soon", remaining, dueToday: deadline === today };
  return { kind: "pending", remaining };
}

/**
 * The deadlines that are "due soon" today, as a date range a query can use: from today (inclusive) to
 * `before` (exclusive), the (N+1)-th working day after today. Agrees with explanationDeadlineStatus.
 */
export function dueSoonRange(today: CalendarDate, calendar: WorkCalendar, soonDays = DUE_SOON_WORKING_DAYS): { from: CalendarDate; before: CalendarDate } {
  return { from: today, before: calendar.addWorkingDays(today, soonDays + 1) };
}

/** The badge text: "Còn 2 ngày làm việc", "Quá hạn 3 ngày làm việc", …; null when there is no status. */
export function deadlineStatusLabel(status: DeadlineStatus): string | null {
  switch (status.kind) {
    case "none":
      return null;
    case "pending":
      return `Còn ${status.remaining} ngày làm việc`;
    case "due_soon":
      if (status.remaining > 0) return `Còn ${status.remaining} ngày làm việc`;
      return status.dueToday ? "Hết hạn hôm nay" : "Còn dưới 1 ngày làm việc";
    case "overdue":
      return status.overdue > 0 ? `Quá hạn ${status.overdue} ngày làm việc` : "Đã quá hạn";
  }
}
