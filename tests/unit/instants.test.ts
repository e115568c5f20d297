import { describe, expect, it } from "vitest";
import {
  dateOfDayNumber,
  dayNumberOfDate,
  formatInstantVn,
  parseCalendarDate,
  parseDueInstant,
  parseInstant,
  vnDate,
  vnDayNumber,
  vnStartOfDay,
} from "../../app/domain/instants.js";

const utc = (iso: string) => Date.parse(iso); // test oracle only: ISO with Z is unambiguous for Date
const value = (text: string, dateOnly?: "start_of_day" | "end_of_day") => {
  const parsed = parseInstant(text, { dateOnly });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

describe("an ISO 8601 instant", () => {
  it("keeps the offset it was given", () => {
    expect(value("2025-01-24T16:30:00+07:00")).toBe(utc("2025-01-24T09:30:00Z"));
    expect(value("2025-01-24T09:30:00Z")).toBe(utc("2025-01-24T09:30:00Z"));
    expect(value("2025-01-24T04:30:00-05:00")).toBe(utc("2025-01-24T09:30:00Z"));
    expect(value("2025-01-24T15:00:00+05:30")).toBe(utc("2025-01-24T09:30:00Z"));
  });

  it("accepts the basic and hour-only offset forms and a lowercase z", () => {
    expect(value("2025-01-24T16:30:00+0700")).toBe(utc("2025-01-24T09:30:00Z"));
    expect(value("2025-01-24T16:30:00+07")).toBe(utc("2025-01-24T09:30:00Z"));
    expect(value("2025-01-24t09:30:00z")).toBe(utc("2025-01-24T09:30:00Z"));
  });

  it("may leave out the seconds", () => {
    expect(value("2025-01-24T16:30+07:00")).toBe(utc("2025-01-24T09:30:00Z"));
  });

  it("keeps fractions of a second to the millisecond", () => {
    expect(value("2025-01-24T16:30:00.5+07:00")).toBe(utc("2025-01-24T09:30:00.500Z"));
    expect(value("2025-01-24T16:30:00.123456789+07:00")).toBe(utc("2025-01-24T09:30:00.123Z"));
    expect(value("2025-01-24T09:30:00,25Z")).toBe(utc("2025-01-24T09:30:00.250Z"));
  });

  it("that crosses midnight is dated in Vietnam", () => {
    const instant = value("2025-01-24T17:30:00Z");
    expect(vnDate(instant)).toBe("2025-01-25");
    expect(formatInstantVn(instant)).toBe("2025-01-25T00:30:00+07:00");
  });
});

describe("an ISO instant without an offset", () => {
  it("is refused, because its time zone is unknown", () => {
    const parsed = parseInstant("2025-01-24T16:30:00");
    expect(parsed).toEqual({
      ok: false,
      code: "missing_offset",
      message:
        'ngày giờ "2025-01-24T16:30:00" thiếu múi giờ (dùng dd/MM/yyyy HH:mm hoặc ISO 8601 có múi giờ), ví dụ 2025-01-24T16:30:00+07:00',
    });
  });

  it("is refused as a bare ISO date too", () => {
    expect(parseInstant("2025-01-24")).toMatchObject({ ok: false, code: "invalid_instant" });
  });
});

describe("a dd/MM/yyyy instant", () => {
  it("is Vietnam wall time, with or without seconds", () => {
    expect(value("24/01/2025 16:30")).toBe(utc("2025-01-24T09:30:00Z"));
    expect(value("24/01/2025 16:30:45")).toBe(utc("2025-01-24T09:30:45Z"));
    expect(value("24/01/2025 00:00")).toBe(utc("2025-01-23T17:00:00Z"));
  });

  it("tolerates one-digit day, month and hour and surrounding blanks", () => {
    expect(value(" 4/1/2025 8:05 ")).toBe(utc("2025-01-04T01:05:00Z"));
  });

  it("with no time is 00:00 of that day", () => {
    expect(value("24/01/2025")).toBe(utc("2025-01-23T17:00:00Z"));
    expect(value("24/01/2025", "start_of_day")).toBe(utc("2025-01-23T17:00:00Z"));
  });
});

describe("a date-only due_at", () => {
  it("means 23:59:59 of that day: a deadline runs to the end of its day", () => {
    expect(value("24/01/2025", "end_of_day")).toBe(utc("2025-01-24T16:59:59Z"));
    const parsed = parseDueInstant("24/01/2025");
    expect(parsed.ok && formatInstantVn(parsed.value)).toBe("2025-01-24T23:59:59+07:00");
  });

  it("keeps an explicit time as given", () => {
    expect(value("24/01/2025 08:00", "end_of_day")).toBe(utc("2025-01-24T01:00:00Z"));
    expect(value("2025-01-24T08:00:00+07:00", "end_of_day")).toBe(utc("2025-01-24T01:00:00Z"));
  });
});

describe("an impossible or garbled instant", () => {
  it.each([
    "31/02/2025",
    "29/02/2025 10:00",
    "31/04/2025",
    "00/01/2025",
    "15/13/2025",
    "24/01/2025 24:00",
    "24/01/2025 10:60",
    "24/01/2025 10:00:60",
    "2025-02-30T10:00:00+07:00",
    "2025-01-24T25:00:00+07:00",
    "2025-01-24T10:00:00+25:00",
    "hôm qua",
    "",
    "24-01-2025",
    "2025/01/24 10:00",
    "24/01/25",
    "24/01/2025 10h30",
  ])("%j is refused with a Vietnamese message for the report", (text) => {
    expect(parseInstant(text)).toEqual({
      ok: false,
      code: "invalid_instant",
      message: `ngày giờ không hợp lệ "${text.trim()}" (dùng dd/MM/yyyy HH:mm hoặc ISO 8601 có múi giờ)`,
    });
  });

  it("reads 29 February of a leap year", () => {
    expect(value("29/02/2024")).toBe(utc("2024-02-28T17:00:00Z"));
    expect(parseInstant("29/02/1900").ok).toBe(false);
    expect(parseInstant("29/02/2000").ok).toBe(true);
  });
});

describe("a calendar date", () => {
  it("is strictly yyyy-MM-dd and a real day", () => {
    expect(parseCalendarDate("2025-09-02")).toEqual({ ok: true, value: "2025-09-02" });
    expect(parseCalendarDate(" 2025-09-02 ")).toEqual({ ok: true, value: "2025-09-02" });
    for (const bad of ["2025-02-29", "2025-9-2", "02/09/2025", "2025-13-01", "20250902", ""]) {
      expect(parseCalendarDate(bad)).toEqual({
        ok: false,
        code: "invalid_date",
        message: `ngày không hợp lệ "${bad}" (dùng yyyy-MM-dd)`,
      });
    }
  });

  it("converts to and from day numbers over centuries", () => {
    expect(dayNumberOfDate("1970-01-01")).toBe(0);
    expect(dayNumberOfDate("2025-01-01")).toBe(20089);
    for (let day = -719_528; day <= 2_932_896; day += 997) { // 0000-01-01 … 9999-12-31
      const date = dateOfDayNumber(day);
      expect(dayNumberOfDate(date)).toBe(day);
      expect(date).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it("starts at 00:00 Vietnam time", () => {
    expect(vnStartOfDay("2025-01-01")).toBe(utc("2024-12-31T17:00:00Z"));
    expect(vnDayNumber(vnStartOfDay("2025-01-01"))).toBe(20089);
    expect(vnDayNumber(vnStartOfDay("2025-01-01") - 1)).toBe(20088);
  });
});

describe("an instant written for the export", () => {
  it("is yyyy-MM-ddTHH:mm:ss+07:00 in Vietnam time with fractions truncated", () => {
    expect(formatInstantVn(utc("2025-12-31T16:59:59.999Z"))).toBe("2025-12-31T23:59:59+07:00");
    expect(formatInstantVn(utc("2025-12-31T17:00:00.000Z"))).toBe("2026-01-01T00:00:00+07:00");
    expect(formatInstantVn(value("2025-01-24T16:30:00.9+07:00"))).toBe("2025-01-24T16:30:00+07:00");
  });
});
