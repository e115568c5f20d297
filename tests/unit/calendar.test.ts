import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { mergeCalendarImport, WorkCalendar, type CalendarException } from "../../app/domain/calendar.js";
import { seededVnCalendarExceptions, VN_HOLIDAY_YEARS } from "../../app/domain/holidays-vn.js";
import { dateOfDayNumber, dayNumberOfDate, parseInstant, vnStartOfDay, type Instant } from "../../app/domain/instants.js";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/evidence");
const calendar = WorkCalendar.fromExceptions(seededVnCalendarExceptions());
const at = (text: string): Instant => {
  const parsed = parseInstant(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe("a working day", () => {
  it("is Monday to Friday", () => {
    expect(calendar.isWorkingDay("2025-03-14")).toBe(true); // Friday
    expect(calendar.isWorkingDay("2025-03-15")).toBe(false); // Saturday
    expect(calendar.isWorkingDay("2025-03-16")).toBe(false); // Sunday
    expect(calendar.isWorkingDay("2025-03-17")).toBe(true); // Monday
  });

  it("is not a weekday holiday", () => {
    expect(calendar.isWorkingDay("2025-04-07")).toBe(false); // Giỗ Tổ Hùng Vương
    expect(calendar.isWorkingDay("2025-09-01")).toBe(false); // the second National Day
  });

  it("includes a make-up Saturday", () => {
    expect(calendar.isWorkingDay("2025-02-08")).toBe(true);
    expect(calendar.isWorkingDay("2025-04-26")).toBe(true);
    expect(calendar.isWorkingDay("2025-04-19")).toBe(false); // an ordinary Saturday
  });

  it("is any date marked workday, even when it is also marked holiday", () => {
    const both = WorkCalendar.fromExceptions([
      { date: "2025-03-13", kind: "holiday", name: "" },
      { date: "2025-03-13", kind: "workday", name: "" },
      { date: "2025-03-15", kind: "holiday", name: "lễ vào thứ Bảy" },
    ]);
    expect(both.isWorkingDay("2025-03-13")).toBe(true);
    expect(both.isWorkingDay("2025-03-15")).toBe(false);
    expect(both.workingDaysBetween("2025-03-12", "2025-03-17")).toBe(3); // 13, 14, 17
  });
});

describe("a calendar built from an impossible date", () => {
  it("refuses it rather than shifting it to another day", () => {
    expect(() => WorkCalendar.fromExceptions([{ date: "2025-02-30", kind: "holiday", name: "" }])).toThrow(
      'ngày không hợp lệ "2025-02-30" (dùng yyyy-MM-dd)',
    );
  });
});

describe("wd(a, b)", () => {
  it("is 0 within one day, whatever the hours", () => {
    expect(calendar.wd(at("2025-03-14T08:00:00+07:00"), at("2025-03-14T23:59:59+07:00"))).toBe(0);
  });

  it("counts the working days after date(a) up to and including date(b)", () => {
    expect(calendar.wd(at("2025-03-10T17:00:00+07:00"), at("2025-03-14T08:00:00+07:00"))).toBe(4);
  });

  it("skips a weekend: Friday to Monday is one working day", () => {
    expect(calendar.wd(at("2025-03-14T16:00:00+07:00"), at("2025-03-17T08:00:00+07:00"))).toBe(1);
    expect(calendar.wd(at("2025-03-14T16:00:00+07:00"), at("2025-03-16T08:00:00+07:00"))).toBe(0);
  });

  it("skips a weekday holiday", () => {
    // Friday 04/4 → Tuesday 08/4, Monday 07/4 being Giỗ Tổ Hùng Vương.
    expect(calendar.wd(at("2025-04-04T16:00:00+07:00"), at("2025-04-08T08:00:00+07:00"))).toBe(1);
  });

  it("skips Tết as a block", () => {
    // Friday 24/01/2025 → Monday 03/02/2025: only the Monday counts.
    expect(calendar.wd(at("2025-01-24T16:00:00+07:00"), at("2025-02-03T08:00:00+07:00"))).toBe(1);
    expect(calendar.wd(at("2025-01-24T16:00:00+07:00"), at("2025-02-02T08:00:00+07:00"))).toBe(0);
  });

  it("counts a make-up Saturday", () => {
    // Friday 07/02/2025 → Monday 10/02/2025: Saturday 08/02 is worked.
    expect(calendar.wd(at("2025-02-07T16:00:00+07:00"), at("2025-02-10T08:00:00+07:00"))).toBe(2);
    expect(calendar.wd(at("2025-02-07T16:00:00+07:00"), at("2025-02-08T08:00:00+07:00"))).toBe(1);
  });

  it("takes dates in Vietnam time, not UTC", () => {
    // 17:30Z on Friday is 00:30 on Saturday in Vietnam; 16:59Z on Thursday is still Thursday.
    expect(calendar.wd(at("2025-03-13T16:59:00Z"), at("2025-03-14T17:30:00Z"))).toBe(1);
    expect(calendar.wd(at("2025-03-13T17:00:00Z"), at("2025-03-17T01:00:00Z"))).toBe(1);
  });

  it("over a whole year is the year's working days", () => {
    expect(calendar.workingDaysBetween("2024-12-31", "2025-12-31")).toBe(261 - 12 + 2); // 261 weekdays
    expect(calendar.workingDaysBetween("2025-12-31", "2026-12-31")).toBe(261 - 12 + 1);
  });

  it("agrees with counting day by day, over every pair of a range of dates", () => {
    const calendars = [
      calendar,
      WorkCalendar.fromExceptions([]),
      WorkCalendar.fromExceptions([
        { date: "2023-12-30", kind: "workday", name: "" },
        { date: "2024-01-01", kind: "holiday", name: "" },
        { date: "2024-01-06", kind: "holiday", name: "" }, // a Saturday holiday changes nothing
        { date: "2024-01-03", kind: "workday", name: "" }, // a Wednesday workday changes nothing
      ]),
    ];
    const first = dayNumberOfDate("2023-12-01");
    const last = dayNumberOfDate("2025-03-15");
    for (const cal of calendars) {
      const mismatches: string[] = [];
      for (let a = first; a <= last; a += 3) {
        let count = 0;
        for (let b = a; b <= last; b++) {
          if (b > a && cal.isWorkingDayNumber(b)) count++;
          if (cal.workingDaysBetweenDayNumbers(a, b) !== count) mismatches.push(`${a}→${b}`);
        }
      }
      expect(mismatches).toEqual([]);
      for (let a = first; a <= first + 30; a++) {
        for (let b = a; b <= a + 30; b++) {
          const expected = [...Array(b - a).keys()].filter((i) => cal.isWorkingDayNumber(a + 1 + i)).length;
          expect(cal.wd(vnStartOfDay(dateOfDayNumber(a)) + 3_600_000, vnStartOfDay(dateOfDayNumber(b)))).toBe(expected);
        }
      }
    }
  });

  it("costs well under a microsecond a call", () => {
    const base = at("2020-01-01T08:00:00+07:00");
    const started = performance.now();
    let sum = 0;
    for (let i = 0; i < 1_000_000; i++) sum += calendar.wd(base + (i % 1000) * 3_600_000, base + i * 300_000);
    expect(sum).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("the last working day before a date", () => {
  it("is the Friday before a Monday", () => {
    expect(calendar.lastWorkingDayBefore("2025-03-17")).toBe("2025-03-14");
  });

  it("is strictly before, even when the date itself is a working day", () => {
    expect(calendar.lastWorkingDayBefore("2025-03-14")).toBe("2025-03-13");
  });

  it("jumps over Tết and holidays", () => {
    expect(calendar.lastWorkingDayBefore("2025-02-03")).toBe("2025-01-24");
    expect(calendar.lastWorkingDayBefore("2025-04-08")).toBe("2025-04-04");
  });

  it("may be a make-up Saturday", () => {
    expect(calendar.lastWorkingDayBefore("2025-02-10")).toBe("2025-02-08");
  });
});

describe("adding working days", () => {
  it("gives the n-th working day after the date", () => {
    expect(calendar.addWorkingDays("2025-03-14", 1)).toBe("2025-03-17");
    expect(calendar.addWorkingDays("2025-03-10", 5)).toBe("2025-03-17");
    expect(calendar.addWorkingDays("2025-01-24", 1)).toBe("2025-02-03"); // over Tết
    expect(calendar.addWorkingDays("2025-02-07", 1)).toBe("2025-02-08"); // the make-up Saturday
    expect(calendar.addWorkingDays("2025-04-29", 2)).toBe("2025-05-06"); // 30/4, 1/5, 2/5 off
  });

  it("goes back for a negative n and stays put for 0", () => {
    expect(calendar.addWorkingDays("2025-03-17", -1)).toBe("2025-03-14");
    expect(calendar.addWorkingDays("2025-03-15", 0)).toBe("2025-03-15");
  });

  it("is consistent with wd", () => {
    for (const date of ["2025-01-20", "2025-04-25", "2025-08-29", "2026-02-13"]) {
      for (const n of [1, 3, 10, 40]) {
        const end = calendar.addWorkingDays(date, n);
        expect(calendar.workingDaysBetween(date, end)).toBe(n);
        expect(calendar.isWorkingDay(end)).toBe(true);
      }
    }
  });
});

describe("importing a calendar file", () => {
  const existing: CalendarException[] = [
    { date: "2024-01-01", kind: "holiday", name: "Tết Dương lịch" },
    { date: "2025-01-01", kind: "holiday", name: "Tết Dương lịch" },
    { date: "2025-04-26", kind: "workday", name: "Làm bù cho ngày 02/5" },
    { date: "2025-05-02", kind: "holiday", name: "Nghỉ hoán đổi" },
    { date: "2026-01-01", kind: "holiday", name: "Tết Dương lịch" },
  ];

  it("replaces the exceptions of every year that has a date in the file and keeps the other years", () => {
    const imported: CalendarException[] = [
      { date: "2025-09-01", kind: "holiday", name: "Quốc khánh" },
      { date: "2025-01-01", kind: "holiday", name: "Tết Dương lịch" },
    ];
    expect(mergeCalendarImport(existing, imported)).toEqual([
      { date: "2024-01-01", kind: "holiday", name: "Tết Dương lịch" },
      { date: "2025-01-01", kind: "holiday", name: "Tết Dương lịch" },
      { date: "2025-09-01", kind: "holiday", name: "Quốc khánh" },
      { date: "2026-01-01", kind: "holiday", name: "Tết Dương lịch" },
    ]);
  });

  it("adds a year not seen before and changes nothing when empty", () => {
    const added = mergeCalendarImport(existing, [{ date: "2027-01-01", kind: "holiday", name: "" }]);
    expect(added.map((e) => e.date)).toEqual([...existing.map((e) => e.date), "2027-01-01"]);
    expect(mergeCalendarImport(existing, [])).toEqual(existing);
  });

  it("leaves its inputs untouched", () => {
    const copy = structuredClone(existing);
    mergeCalendarImport(existing, [{ date: "2025-12-31", kind: "holiday", name: "" }]);
    expect(existing).toEqual(copy);
  });
});

describe("the seeded calendar of Vietnam", () => {
  it("equals the customer's reviewed calendar for 2024–2026, dates, kinds and names", () => {
    const rows = parse(readFileSync(path.join(fixtures, "calendar.csv"), "utf8"), {
      bom: true,
      trim: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    }) as { date: string; kind: string; name: string }[];
    const customer = rows.map((r) => ({ date: r.date, kind: r.kind.toLowerCase(), name: r.name }));
    const seeded = seededVnCalendarExceptions().filter((e) => e.date >= "2024-01-01" && e.date <= "2026-12-31");
    expect(seeded.map((e) => `${e.date} ${e.kind}`)).toEqual(customer.map((e) => `${e.date} ${e.kind}`));
    expect(seeded).toEqual(customer);
  });

  it("covers 2019–2027, each year with its sources", () => {
    expect(VN_HOLIDAY_YEARS.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    for (const year of VN_HOLIDAY_YEARS) {
      expect(year.sources.length).toBeGreaterThan(0);
      expect(year.provisional).toBe(year.year === 2027);
    }
  });

  it("lists holidays on weekdays and make-up days on weekends only, each date once", () => {
    const all = seededVnCalendarExceptions();
    expect(new Set(all.map((e) => e.date)).size).toBe(all.length);
    for (const e of all) {
      const weekday = weekdayOf(e.date);
      if (e.kind === "holiday") expect([1, 2, 3, 4, 5], e.date).toContain(weekday);
      else expect([0, 6], e.date).toContain(weekday);
    }
  });

  it("gives each year its statutory days off, net of make-up days: 10 under the 2012 code, 11 from 2021", () => {
    for (const year of VN_HOLIDAY_YEARS) {
      const holidays = year.days.filter((d) => d.kind === "holiday").length;
      const workdays = year.days.filter((d) => d.kind === "workday").length;
      // 2025 as reviewed by the customer: mùng 4 Tết fell on a Saturday without a weekday in return.
      const expected = year.year <= 2020 ? 10 : year.year === 2025 ? 10 : 11;
      expect(holidays - workdays, String(year.year)).toBe(expected);
    }
  });

  it("has no working day from the eve of Tết (giao thừa) to mùng 3, by the lunar calendar", () => {
    // Mùng 1 Tết at UTC+7, from the Vietnamese lunar calendar.
    const lunarNewYear = ["2019-02-05", "2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22", "2024-02-10",
      "2025-01-29", "2026-02-17", "2027-02-06"];
    for (const date of lunarNewYear) {
      const day = dayNumberOfDate(date);
      for (let d = day - 1; d <= day + 2; d++) expect(calendar.isWorkingDayNumber(d), dateOfDayNumber(d)).toBe(false);
    }
  });
});
