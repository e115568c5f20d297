// Dates as Decree 30/2020 (Appendix I) writes them in an official document: "ngày 05 tháng 3 năm 2026".
// A day below 10 and the months 1 and 2 take a leading zero; the other months do not. The body of our
// documents writes its dates the same way in short form ("02/3/2026", "15/01/2026"), so one notice never
// mixes two conventions.

/** A calendar date `yyyy-MM-dd`. */
export type CalendarDate = string;

function parts(date: CalendarDate): { day: number; month: number; year: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Ngày không hợp lệ (cần yyyy-MM-dd): "${date}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`Ngày không tồn tại: "${date}"`);
  }
  return { day, month, year };
}

const dayText = (day: number) => String(day).padStart(2, "0");
const monthText = (month: number) => (month <= 2 ? String(month).padStart(2, "0") : String(month));

/** "ngày 05 tháng 3 năm 2026" */
export function vnLongDate(date: CalendarDate): string {
  const { day, month, year } = parts(date);
  return `ngày ${dayText(day)} tháng ${monthText(month)} năm ${year}`;
}

/** The place and date line under the national motto: "Quảng Ngãi, ngày 05 tháng 3 năm 2026". */
export function vnPlaceAndDate(place: string, date: CalendarDate): string {
  return `${place}, ${vnLongDate(date)}`;
}

/** "05/3/2026", "15/01/2026", "31/12/2025". */
export function vnShortDate(date: CalendarDate): string {
  const { day, month, year } = parts(date);
  return `${dayText(day)}/${monthText(month)}/${year}`;
}

/** "tháng 10 năm 2026", "tháng 02 năm 2026" (the month of a monthly list). */
export function vnMonth(year: number, month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error(`Tháng không hợp lệ: ${month}`);
  return `tháng ${monthText(month)} năm ${year}`;
}

/** Midnight of the date in Vietnam (UTC+7 all year): the PDF's fixed CreationDate. */
export function vnMidnight(date: CalendarDate): Date {
  const { day, month, year } = parts(date);
  return new Date(Date.UTC(year, month - 1, day) - 7 * 60 * 60 * 1000);
}

/** An instant (ISO 8601) in Vietnam time (UTC+7 all year) as "05/3/2026 09:05", the body's date style with the time. */
export function vnShortDateTime(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`Thời điểm không hợp lệ: "${instant}"`);
  const shifted = new Date(ms + 7 * 60 * 60 * 1000);
  const date = shifted.toISOString().slice(0, 10);
  return `${vnShortDate(date)} ${shifted.toISOString().slice(11, 16)}`;
}
