import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../../app/domain/calendar.js";
import { CASE_STATES } from "../../app/domain/case-states.js";
import { deadlineStatusLabel, dueSoonRange, explanationDeadlineStatus, type DeadlineStatus } from "../../app/domain/explanation-deadline.js";
import { seededVnCalendarExceptions } from "../../app/domain/holidays-vn.js";
import { dateOfDayNumber, dayNumberOfDate } from "../../app/domain/instants.js";

const calendar = WorkCalendar.fromExceptions(seededVnCalendarExceptions());
const status = (deadline: string | null, today: string, state: (typeof CASE_STATES)[number] = "awaiting_explanation"): DeadlineStatus =>
  explanationDeadlineStatus({ state, deadline, today, calendar });
const label = (deadline: string, today: string) => deadlineStatusLabel(status(deadline, today));

describe("a case awaiting its explanation", () => {
  it("counts the working days left, not calendar days", () => {
    // Thursday 12/3/2026 → Monday 16/3: Friday and Monday are left (the weekend is not).
    expect(status("2026-03-16", "2026-03-12")).toEqual({ kind: "due_soon", remaining: 2, dueToday: false });
    expect(label("2026-03-16", "2026-03-12")).toBe("Còn 2 ngày làm việc");
  });

  it("skips Tết inside the window: a deadline 10 calendar days away may be 3 working days away", () => {
    // Friday 13/02/2026 → Monday 23/02/2026: Tết 16–20/02 and the weekend leave Monday 23 only.
    expect(status("2026-02-23", "2026-02-13")).toMatchObject({ kind: "due_soon", remaining: 1 });
    // Thursday 12/02 → Wednesday 25/02: Friday 13, Monday 23, Tuesday 24, Wednesday 25.
    expect(status("2026-02-25", "2026-02-12")).toEqual({ kind: "pending", remaining: 4 });
    expect(status("2026-02-24", "2026-02-12")).toMatchObject({ kind: "due_soon", remaining: 3 });
  });

  it("is due soon from 3 working days left, and says so on the deadline itself", () => {
    expect(status("2026-03-17", "2026-03-12")).toMatchObject({ kind: "due_soon", remaining: 3 });
    expect(status("2026-03-18", "2026-03-12")).toEqual({ kind: "pending", remaining: 4 });
    expect(label("2026-03-12", "2026-03-12")).toBe("Hết hạn hôm nay");
    // A deadline on a Sunday seen on the Friday before: no working day is left, yet it has not passed.
    expect(label("2026-03-15", "2026-03-13")).toBe("Còn dưới 1 ngày làm việc");
  });

  it("is overdue once the deadline is before today, by the working days since", () => {
    expect(status("2026-03-13", "2026-03-16")).toEqual({ kind: "overdue", overdue: 1 }); // Friday → Monday
    expect(label("2026-03-13", "2026-03-16")).toBe("Quá hạn 1 ngày làm việc");
    expect(label("2026-03-13", "2026-03-14")).toBe("Đã quá hạn"); // the Saturday after: passed, no working day yet
    // Across the 30/4–1/5 holidays of 2026: Wednesday 29/4 → Monday 4/5 is 1 working day.
    expect(status("2026-04-29", "2026-05-04")).toEqual({ kind: "overdue", overdue: 1 });
  });
});

describe("a case in any other state", () => {
  it("has no deadline status, whatever the date", () => {
    for (const state of CASE_STATES.filter((s) => s !== "awaiting_explanation")) {
      expect(status("2026-03-13", "2026-03-16", state)).toEqual({ kind: "none" });
    }
    expect(status(null, "2026-03-16")).toEqual({ kind: "none" });
  });
});

describe("the due-soon date range", () => {
  it("holds exactly the deadlines the status calls due soon, for every day of 2026 and 2027", () => {
    const start = dayNumberOfDate("2026-01-01");
    for (let day = start; day < start + 730; day++) {
      const today = dateOfDayNumber(day);
      const range = dueSoonRange(today, calendar);
      for (let d = day - 3; d < day + 20; d++) {
        const deadline = dateOfDayNumber(d);
        const soon = status(deadline, today).kind === "due_soon";
        expect(soon, `${deadline} seen on ${today}`).toBe(deadline >= range.from && deadline < range.before);
      }
    }
  });
});
