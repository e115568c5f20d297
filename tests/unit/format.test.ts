import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatIsoDate, formatNumber, parseDateInput, todayInVietnam } from "../../app/domain/format.js";

describe("dates shown to users", () => {
  it("are dd/MM/yyyy in Vietnam time, whatever the server's time zone", () => {
    expect(formatDate("2025-01-24T17:30:00Z")).toBe("25/01/2025"); // 00:30 on the 25th in Hà Nội
    expect(formatDateTime("2025-01-24T09:05:00Z")).toBe("24/01/2025 16:05");
    expect(formatIsoDate("2025-07-01")).toBe("01/07/2025");
    expect(formatDate("2025-07-01")).toBe("01/07/2025");
    expect(formatDate(null)).toBe("");
  });

  it("make today the Vietnamese calendar date", () => {
    expect(todayInVietnam(new Date("2026-11-22T17:00:00Z"))).toBe("2026-11-23");
  });

  it("accept dd/MM/yyyy and yyyy-MM-dd input and refuse impossible dates", () => {
    expect(parseDateInput("5/3/2026")).toBe("2026-03-05");
    expect(parseDateInput("2026-03-05")).toBe("2026-03-05");
    expect(parseDateInput("30/02/2026")).toBeNull();
    expect(parseDateInput("2026-13-01")).toBeNull();
    expect(parseDateInput("hôm qua")).toBeNull();
  });
});

describe("numbers shown to users", () => {
  it("use Vietnamese separators", () => {
    expect(formatNumber(1234567)).toBe("1.234.567");
    expect(formatNumber(12.5)).toBe("12,5");
  });
});
