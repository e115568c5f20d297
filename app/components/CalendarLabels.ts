// Vietnamese names for the working-day calendar, and the warning a pointless exception deserves. Pure
// and free of server code: the exception form shows the warning while the admin types, and the server
// repeats it after saving.
import { formatIsoDate } from "../domain/format.js";

export const EXCEPTION_KINDS = ["holiday", "workday"] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const EXCEPTION_KIND_LABELS: Record<ExceptionKind, string> = { holiday: "Ngày nghỉ", workday: "Ngày làm bù" };

export function exceptionKindLabel(kind: string): string {
  return EXCEPTION_KIND_LABELS[kind as ExceptionKind] ?? kind;
}

// Index = JavaScript's getUTCDay(): 0 is Sunday.
const WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

/** 0 = Sunday … 6 = Saturday, for a 'yyyy-MM-dd' date (no time zone involved). */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
}

/** "Thứ Hai" … "Chủ nhật". */
export function weekdayName(date: string): string {
  return WEEKDAYS[weekdayOf(date)]!;
}

const isWeekend = (date: string) => weekdayOf(date) === 0 || weekdayOf(date) === 6;

/**
 * A holiday on a Saturday or Sunday, or a make-up workday on a weekday, changes no working day. It is
 * allowed (an announcement may list it, the import keeps it) but is most likely a mistyped date.
 */
export function exceptionWarning(date: string, kind: string): string | null {
  if (kind === "holiday" && isWeekend(date)) {
    return `Ngày ${formatIsoDate(date)} là ${weekdayName(date)}, vốn đã là ngày nghỉ: đánh dấu ngày nghỉ không làm thay đổi số ngày làm việc. Nếu ngày lễ rơi vào cuối tuần, hãy nhập ngày nghỉ bù.`;
  }
  if (kind === "workday" && !isWeekend(date)) {
    return `Ngày ${formatIsoDate(date)} là ${weekdayName(date)}, vốn đã là ngày làm việc: đánh dấu ngày làm bù không làm thay đổi số ngày làm việc.`;
  }
  return null;
}

export const MONTH_LABELS = Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}`);
