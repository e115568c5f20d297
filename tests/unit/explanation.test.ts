import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../../app/domain/calendar.js";
import {
  deadlineLabel,
  deadlineStatus,
  explanationDeadline,
  unansweredFindings,
  unansweredMessage,
} from "../../app/domain/explanation.js";
import { seededVnCalendarExceptions } from "../../app/domain/holidays-vn.js";

const calendar = WorkCalendar.fromExceptions(seededVnCalendarExceptions());

describe("the explanation deadline", () => {
  it("is the given number of working days after the day of the request", () => {
    // Monday 23/11/2026 + 5 working days: Tuesday 24 … Monday 30/11.
    expect(explanationDeadline(calendar, "2026-11-23", 5)).toBe("2026-11-30");
    expect(explanationDeadline(calendar, "2026-11-23", 1)).toBe("2026-11-24");
  });

  it("skips weekends and public holidays, so the unit keeps its working time", () => {
    // Friday 24/04/2026: Monday 27/04 (Giỗ Tổ, in lieu), 30/04 and 01/05 are holidays.
    expect(explanationDeadline(calendar, "2026-04-24", 5)).toBe("2026-05-06");
    // Over Tết 2026 (16–20/02).
    expect(explanationDeadline(calendar, "2026-02-13", 1)).toBe("2026-02-23");
  });

  it("counts a make-up Saturday as a working day", () => {
    // Saturday 10/01/2026 is worked in lieu of Friday 02/01.
    expect(explanationDeadline(calendar, "2026-01-09", 1)).toBe("2026-01-10");
  });

  it("is refused outside 1–60 working days or for a fraction", () => {
    expect(() => explanationDeadline(calendar, "2026-11-23", 0)).toThrow(RangeError);
    expect(() => explanationDeadline(calendar, "2026-11-23", 61)).toThrow(RangeError);
    expect(() => explanationDeadline(calendar, "2026-11-23", 2.5)).toThrow(RangeError);
    expect(explanationDeadline(calendar, "2026-11-23", 60)).toBeTruthy();
  });
});

describe("how the deadline reads", () => {
  it("counts the working days left after today, up to and including the deadline", () => {
    const status = deadlineStatus(calendar, "2026-11-26", "2026-11-23");
    expect(status).toEqual({ kind: "remaining", workingDays: 3 });
    expect(deadlineLabel("2026-11-26", status)).toBe("Hạn giải trình: 26/11/2026 (còn 3 ngày làm việc)");
  });

  it("does not count the weekend as time left", () => {
    // Friday to Monday: one working day left.
    expect(deadlineStatus(calendar, "2026-11-30", "2026-11-27")).toEqual({ kind: "remaining", workingDays: 1 });
  });

  it("says when today is the last day", () => {
    expect(deadlineLabel("2026-11-23", deadlineStatus(calendar, "2026-11-23", "2026-11-23"))).toBe("Hạn giải trình: 23/11/2026 (hôm nay là ngày cuối)");
  });

  it("counts the working days gone by since the deadline", () => {
    const status = deadlineStatus(calendar, "2026-11-20", "2026-11-24");
    expect(status).toEqual({ kind: "overdue", workingDays: 2 });
    expect(deadlineLabel("2026-11-20", status)).toBe("Hạn giải trình: 20/11/2026 (đã quá hạn 2 ngày làm việc)");
  });

  it("is overdue on the weekend after a Friday deadline, by no working day yet", () => {
    const status = deadlineStatus(calendar, "2026-11-20", "2026-11-21");
    expect(status).toEqual({ kind: "overdue", workingDays: 0 });
    expect(deadlineLabel("2026-11-20", status)).toBe("Hạn giải trình: 20/11/2026 (đã quá hạn)");
  });
});

describe("sending the explanation", () => {
  it("needs an answer to the current version of every current finding", () => {
    expect(unansweredFindings([{ number: 1, version: 1, answeredVersions: [1] }])).toEqual([]);
    expect(unansweredFindings([{ number: 1, version: 2, answeredVersions: [2, 1] }])).toEqual([]);
  });

  it("names the findings without one, in order: an answer to an earlier version does not count", () => {
    const missing = unansweredFindings([
      { number: 3, version: 1, answeredVersions: [] },
      { number: 1, version: 2, answeredVersions: [1] },
      { number: 2, version: 1, answeredVersions: [1] },
    ]);
    expect(missing).toEqual([1, 3]);
    expect(unansweredMessage(missing)).toBe("Chưa thể gửi giải trình: nội dung kiểm tra số 1, 3 chưa có giải trình cho phiên bản hiện hành.");
  });
});
