// Instants and calendar dates of the evidence contract (spec/evidence-import.md, "Instants").
//
// Representation, used by every module of the evidence core:
// - an Instant is a number of epoch milliseconds (UTC). Plain numbers, not Date objects: delay is
//   computed millions of times per import and compared with `<`, `-` and `+`, and a number cannot be
//   mutated behind a caller's back;
// - a CalendarDate is a 'yyyy-MM-dd' string: a day of the Vietnamese calendar, no time zone attached.
//   Internally, dates are also handled as day numbers (days since 1970-01-01), which makes date
//   arithmetic integer arithmetic.
//
// Vietnam is UTC+7 all year (no daylight saving since 1975), so "Asia/Ho_Chi_Minh wall time" is a fixed
// offset and no date library or tz database is needed. Civil dates are converted with integer
// arithmetic (Hinnant's days-from-civil) rather than Date.UTC, which silently maps years 0–99 to 19xx.

/** Epoch milliseconds (UTC). */
export type Instant = number;
/** A calendar date 'yyyy-MM-dd' in Vietnam. */
export type CalendarDate = string;

export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

export type InstantErrorCode = "invalid_instant" | "missing_offset" | "invalid_date";
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: InstantErrorCode; message: string };

/** How a value with a date and no time is read: a start is 00:00, a deadline (`due_at`) 23:59:59. */
export type DateOnlyMeaning = "start_of_day" | "end_of_day";

const FORMS_HINT = "(dùng dd/MM/yyyy HH:mm hoặc ISO 8601 có múi giờ)";

function invalidInstant(text: string): Parsed<Instant> {
  return { ok: false, code: "invalid_instant", message: `ngày giờ không hợp lệ "${text}" ${FORMS_HINT}` };
}

// ISO 8601 extended format. The offset is optional in the pattern only so that a missing offset gets
// its own message: a local time in ISO form is ambiguous and the contract refuses it.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const VN_INSTANT = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function isRealTime(hours: number, minutes: number, seconds: number): boolean {
  return hours <= 23 && minutes <= 59 && seconds <= 59;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const pad4 = (n: number) => String(n).padStart(4, "0");

/**
 * Reads an instant of an evidence file. ISO 8601 keeps the offset it was given; dd/MM/yyyy forms are
 * Vietnam wall time; a bare date is 00:00 of that day, or 23:59:59 when it is a deadline
 * (`dateOnly: "end_of_day"`, for `due_at` of dossiers and steps).
 */
export function parseInstant(input: string, options: { dateOnly?: DateOnlyMeaning } = {}): Parsed<Instant> {
  const text = input.trim();

  let match = ISO_INSTANT.exec(text);
  if (match) {
    const [, y, mo, d, h, mi, s, fraction, offset] = match;
    const year = Number(y), month = Number(mo), day = Number(d);
    const hours = Number(h), minutes = Number(mi), seconds = Number(s ?? 0);
    if (!isRealDate(year, month, day) || !isRealTime(hours, minutes, seconds)) return invalidInstant(text);
    if (offset === undefined) {
      return {
        ok: false,
        code: "missing_offset",
        message: `ngày giờ "${text}" thiếu múi giờ ${FORMS_HINT}, ví dụ 2025-01-24T16:30:00+07:00`,
      };
    }
    let offsetMs = 0;
    if (offset !== "Z" && offset !== "z") {
      const sign = offset.startsWith("-") ? -1 : 1;
      const digits = offset.slice(1).replace(":", "");
      const offHours = Number(digits.slice(0, 2));
      const offMinutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
      if (offHours > 23 || offMinutes > 59) return invalidInstant(text);
      offsetMs = sign * (offHours * 60 + offMinutes) * 60_000;
    }
    // Fractions finer than a millisecond are truncated, like the export truncates to the second.
    const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, "0"));
    const wall = daysFromCivil(year, month, day) * DAY_MS + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
    return { ok: true, value: wall - offsetMs };
  }

  match = VN_INSTANT.exec(text);
  if (match) {
    const [, d, mo, y, h, mi, s] = match;
    const year = Number(y), month = Number(mo), day = Number(d);
    if (!isRealDate(year, month, day)) return invalidInstant(text);
    let secondsOfDay: number;
    if (h === undefined) {
      secondsOfDay = options.dateOnly === "end_of_day" ? 23 * 3600 + 59 * 60 + 59 : 0;
    } else {
      const hours = Number(h), minutes = Number(mi), seconds = Number(s ?? 0);
      if (!isRealTime(hours, minutes, seconds)) return invalidInstant(text);
      secondsOfDay = (hours * 60 + minutes) * 60 + seconds;
    }
    return { ok: true, value: daysFromCivil(year, month, day) * DAY_MS + secondsOfDay * 1000 - VN_OFFSET_MS };
  }

  return invalidInstant(text);
}

/** A deadline: like parseInstant, but a bare date runs to 23:59:59 of its day. */
export function parseDueInstant(input: string): Parsed<Instant> {
  return parseInstant(input, { dateOnly: "end_of_day" });
}

/** Reads a calendar date, strictly 'yyyy-MM-dd' and a real day. */
export function parseCalendarDate(input: string): Parsed<CalendarDate> {
  const text = input.trim();
  const match = ISO_DATE.exec(text);
  if (match && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) return { ok: true, value: text };
  return { ok: false, code: "invalid_date", message: `ngày không hợp lệ "${text}" (dùng yyyy-MM-dd)` };
}

/** The Vietnamese calendar day of an instant, as a day number (days since 1970-01-01). */
export function vnDayNumber(instant: Instant): number {
  return Math.floor((instant + VN_OFFSET_MS) / DAY_MS);
}

/** date(x) of the contract: the calendar date of an instant in Asia/Ho_Chi_Minh. */
export function vnDate(instant: Instant): CalendarDate {
  return dateOfDayNumber(vnDayNumber(instant));
}

/** The day number of a calendar date. The date must already be valid (see parseCalendarDate). */
export function dayNumberOfDate(date: CalendarDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`not a yyyy-MM-dd date: ${date}`);
  return daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function dateOfDayNumber(day: number): CalendarDate {
  const [y, m, d] = civilFromDays(day);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** 00:00 of a date in Vietnam, as an instant. */
export function vnStartOfDay(date: CalendarDate): Instant {
  return dayNumberOfDate(date) * DAY_MS - VN_OFFSET_MS;
}

/** An instant as the export writes it: `yyyy-MM-ddTHH:mm:ss+07:00`, fractions truncated. */
export function formatInstantVn(instant: Instant): string {
  const wallSeconds = Math.floor((instant + VN_OFFSET_MS) / 1000);
  const day = Math.floor(wallSeconds / 86400);
  const secondsOfDay = wallSeconds - day * 86400;
  const h = Math.floor(secondsOfDay / 3600);
  const m = Math.floor((secondsOfDay % 3600) / 60);
  const s = secondsOfDay % 60;
  return `${dateOfDayNumber(day)}T${pad2(h)}:${pad2(m)}:${pad2(s)}+07:00`;
}
