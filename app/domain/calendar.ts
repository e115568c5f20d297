// The working-day calendar (spec/evidence-import.md, "calendar.csv" and "Computation").
//
// A working day is a date that is Monday–Friday and not a `holiday`, or any date marked `workday`.
// The calendar is data: weekdays are counted arithmetically and the exceptions only adjust the count,
// so wd() costs two binary searches whatever the span — it runs for every dossier and step of an import.
import {
  dateOfDayNumber,
  dayNumberOfDate,
  parseCalendarDate,
  vnDayNumber,
  type CalendarDate,
  type Instant,
} from "./instants.js";

export const CALENDAR_EXCEPTION_KINDS = ["holiday", "workday"] as const;
export type CalendarExceptionKind = (typeof CALENDAR_EXCEPTION_KINDS)[number];

export interface CalendarException {
  date: CalendarDate;
  kind: CalendarExceptionKind;
  /** e.g. "Tết Nguyên đán", "Làm bù cho ngày 02/5"; "" when the file gives none. */
  name: string;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 (day 0) was a Thursday. */
function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekday(day: number): boolean {
  const w = weekdayOfDayNumber(day);
  return w >= 1 && w <= 5;
}

// Monday–Friday days up to and including `day`, counted from a fixed origin; only differences matter.
// Day 4 (1970-01-05) is a Monday, so weeks are counted from there.
function weekdaysUpTo(day: number): number {
  const k = day - 4;
  const weeks = Math.floor(k / 7);
  return weeks * 5 + Math.min(k - weeks * 7 + 1, 5);
}

export class WorkCalendar {
  /** Dates whose status differs from the plain Monday–Friday rule, with that status. */
  private readonly overrides: Map<number, boolean>;
  /** Sorted day numbers of the overrides, and the running sum of their ±1 corrections. */
  private readonly adjustmentDays: Int32Array;
  private readonly adjustmentSums: Int32Array;

  private constructor(readonly exceptions: readonly CalendarException[]) {
    const holidays = new Set<number>();
    const workdays = new Set<number>();
    for (const e of exceptions) {
      // The importer reports bad dates to the user; one reaching here is a programming error.
      const date = parseCalendarDate(e.date);
      if (!date.ok) throw new Error(date.message);
      (e.kind === "holiday" ? holidays : workdays).add(dayNumberOfDate(date.value));
    }

    this.overrides = new Map();
    for (const day of new Set([...holidays, ...workdays])) {
      // A `workday` wins over a `holiday` of the same date: "…, or any date marked workday".
      const working = workdays.has(day) || (isWeekday(day) && !holidays.has(day));
      if (working !== isWeekday(day)) this.overrides.set(day, working);
    }
    const days = [...this.overrides.keys()].sort((a, b) => a - b);
    this.adjustmentDays = Int32Array.from(days);
    this.adjustmentSums = new Int32Array(days.length);
    let sum = 0;
    days.forEach((day, i) => {
      sum += this.overrides.get(day) ? 1 : -1;
      this.adjustmentSums[i] = sum;
    });
  }

  /** Builds a calendar from exceptions whose dates are valid 'yyyy-MM-dd' (it throws otherwise). */
  static fromExceptions(exceptions: readonly CalendarException[]): WorkCalendar {
    return new WorkCalendar(exceptions);
  }

  /** Working days D with D ≤ day, from the same fixed origin as weekdaysUpTo. */
  private workingDaysUpTo(day: number): number {
    // Upper bound: the number of adjustment days ≤ day.
    let lo = 0;
    let hi = this.adjustmentDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.adjustmentDays[mid]! <= day) lo = mid + 1;
      else hi = mid;
    }
    return weekdaysUpTo(day) + (lo === 0 ? 0 : this.adjustmentSums[lo - 1]!);
  }

  isWorkingDayNumber(day: number): boolean {
    return this.overrides.get(day) ?? isWeekday(day);
  }

  /** Monday–Friday and not a holiday, or marked as a workday. */
  isWorkingDay(date: CalendarDate): boolean {
    return this.isWorkingDayNumber(dayNumberOfDate(date));
  }

  /** The number of working days D with fromDay < D ≤ toDay (negative when toDay < fromDay). */
  workingDaysBetweenDayNumbers(fromDay: number, toDay: number): number {
    return this.workingDaysUpTo(toDay) - this.workingDaysUpTo(fromDay);
  }

  /** The number of working days D with from < D ≤ to. */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
    return this.workingDaysBetweenDayNumbers(dayNumberOfDate(from), dayNumberOfDate(to));
  }

  /**
   * wd(a, b) of the contract, for instants a ≤ b: the working days D with date(a) < D ≤ date(b), dates
   * in Vietnam. The time of day plays no part: finishing at 08:00 or at 17:00 the next working day
   * is the same one day.
   */
  wd(a: Instant, b: Instant): number {
    return this.workingDaysBetweenDayNumbers(vnDayNumber(a), vnDayNumber(b));
  }

  /** The last working day strictly before a date (the apology deadline for a due date). */
  lastWorkingDayBefore(date: CalendarDate): CalendarDate {
    let day = dayNumberOfDate(date) - 1;
    while (!this.isWorkingDayNumber(day)) day--;
    return dateOfDayNumber(day);
  }

  /**
   * The n-th working day after a date (n > 0), or before it (n < 0); the date itself for n = 0.
   * "Within 5 working days of 10/01" ends on addWorkingDays('…-01-10', 5).
   */
  addWorkingDays(date: CalendarDate, n: number): CalendarDate {
    if (!Number.isInteger(n)) throw new Error(`addWorkingDays needs a whole number of days, not ${n}`);
    let day = dayNumberOfDate(date);
    const step = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0; ) {
      day += step;
      if (this.isWorkingDayNumber(day)) left--;
    }
    return dateOfDayNumber(day);
  }
}

/**
 * Importing a calendar file replaces the exceptions of every year that has at least one date in the
 * file: the other years are kept as they were. A file for 2026 alone cannot wipe 2025, and a year in
 * the file is taken whole, so a day dropped from the government's notice disappears on re-import.
 */
export function mergeCalendarImport(
  existing: readonly CalendarException[],
  imported: readonly CalendarException[],
): CalendarException[] {
  const importedYears = new Set(imported.map((e) => e.date.slice(0, 4)));
  return [...existing.filter((e) => !importedYears.has(e.date.slice(0, 4))), ...imported].sort(
    (a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  );
}
