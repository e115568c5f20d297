import { describe, expect, it } from "vitest";
import { vnLongDate, vnMidnight, vnMonth, vnPlaceAndDate, vnShortDate, vnShortDateTime } from "../../reports/vn-date.js";

describe("the date of an official document (Decree 30/2020)", () => {
  it("puts a leading zero on a day below 10", () => {
    expect(vnPlaceAndDate("Quảng Ngãi", "2026-03-05")).toBe("Quảng Ngãi, ngày 05 tháng 3 năm 2026");
    expect(vnLongDate("2026-03-09")).toBe("ngày 09 tháng 3 năm 2026");
    expect(vnLongDate("2026-03-10")).toBe("ngày 10 tháng 3 năm 2026");
  });

  it("puts a leading zero on January and February only", () => {
    expect(vnLongDate("2026-01-15")).toBe("ngày 15 tháng 01 năm 2026");
    expect(vnLongDate("2026-02-28")).toBe("ngày 28 tháng 02 năm 2026");
    expect(vnLongDate("2026-03-31")).toBe("ngày 31 tháng 3 năm 2026");
    expect(vnLongDate("2026-09-30")).toBe("ngày 30 tháng 9 năm 2026");
    expect(vnLongDate("2026-10-01")).toBe("ngày 01 tháng 10 năm 2026");
    expect(vnLongDate("2026-12-25")).toBe("ngày 25 tháng 12 năm 2026");
  });

  it("writes dates in the body the same way, short", () => {
    expect(vnShortDate("2026-03-02")).toBe("02/3/2026");
    expect(vnShortDate("2026-01-15")).toBe("15/01/2026");
    expect(vnShortDate("2026-02-02")).toBe("02/02/2026");
    expect(vnShortDate("2025-12-31")).toBe("31/12/2025");
    expect(vnShortDate("2025-07-01")).toBe("01/7/2025");
  });

  it("writes an instant with its time in Vietnam, the date as in the body", () => {
    expect(vnShortDateTime("2026-03-05T02:15:00Z")).toBe("05/3/2026 09:15");
    // 17:30 UTC on 31/12 is already the next day in Vietnam.
    expect(vnShortDateTime("2025-12-31T17:30:00.000Z")).toBe("01/01/2026 00:30");
    expect(() => vnShortDateTime("hôm qua")).toThrow(/không hợp lệ/);
  });

  it("names a month the same way", () => {
    expect(vnMonth(2026, 10)).toBe("tháng 10 năm 2026");
    expect(vnMonth(2026, 2)).toBe("tháng 02 năm 2026");
    expect(() => vnMonth(2026, 13)).toThrow();
  });

  it("refuses a date that does not exist or is not yyyy-MM-dd", () => {
    expect(() => vnLongDate("2026-02-29")).toThrow(/không tồn tại/);
    expect(() => vnShortDate("05/3/2026")).toThrow(/không hợp lệ/);
    expect(vnLongDate("2024-02-29")).toBe("ngày 29 tháng 02 năm 2024");
  });

  it("fixes the PDF's creation instant at midnight in Vietnam", () => {
    expect(vnMidnight("2026-03-05").toISOString()).toBe("2026-03-04T17:00:00.000Z");
  });
});
