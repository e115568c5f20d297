// Pure rules of the organisation: unit kinds, validity periods (units and memberships are dated so that
// history keeps the province as it stood), membership overlaps, accent-insensitive search, and the
// before/after diff that audit events carry.
import { z } from "zod";
import { formatIsoDate, parseDateInput } from "./format.js";
import { pageFrom } from "./paging.js";

export const UNIT_KINDS = ["province", "department", "district", "commune", "division", "other"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  province: "Tỉnh",
  department: "Sở, ban, ngành",
  district: "Cấp huyện (cũ)",
  commune: "Cấp xã",
  division: "Phòng, ban, đơn vị trực thuộc",
  other: "Khác",
};

export function isUnitKind(value: unknown): value is UnitKind {
  return typeof value === "string" && (UNIT_KINDS as readonly string[]).includes(value);
}

export function unitKindLabel(kind: string): string {
  return isUnitKind(kind) ? UNIT_KIND_LABELS[kind] : kind;
}

/** A dated period: 'yyyy-MM-dd' calendar dates, both ends inclusive; null means open on that side. */
export type Period = { validFrom: string | null; validTo: string | null };

/** A period is in force on a day when it has begun by that day and not yet ended before it. */
export function isActiveOn(period: Period, date: string): boolean {
  return (period.validFrom === null || period.validFrom <= date) && (period.validTo === null || period.validTo >= date);
}

/**
 * Two periods overlap when they share at least one day. Same rule as the database's
 * `daterange(valid_from, valid_to, '[]') && …`: a membership ending 30/06 and the next starting 01/07 do not.
 */
export function periodsOverlap(a: Period, b: Period): boolean {
  const startsBeforeBEnds = a.validFrom === null || b.validTo === null || a.validFrom <= b.validTo;
  const endsAfterBStarts = a.validTo === null || b.validFrom === null || a.validTo >= b.validFrom;
  return startsBeforeBEnds && endsAfterBStarts;
}

/** Whether `inner` lies entirely inside `outer` (an open end of `inner` needs an open end of `outer`). */
export function periodWithin(inner: Period, outer: Period): boolean {
  const fromOk = outer.validFrom === null || (inner.validFrom !== null && inner.validFrom >= outer.validFrom);
  const toOk = outer.validTo === null || (inner.validTo !== null && inner.validTo <= outer.validTo);
  return fromOk && toOk;
}

/** The first of `others` that shares a day with `candidate`. */
export function findOverlap<T extends Period>(candidate: Period, others: readonly T[]): T | undefined {
  return others.find((other) => periodsOverlap(candidate, other));
}

export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export type UnitStatus = { state: "active" } | { state: "abolished"; since: string } | { state: "not_yet"; from: string };

/**
 * A unit whose last valid day has passed was abolished or merged the day after it (districts ended on
 * 30/06/2025 and are gone from 01/07/2025).
 */
export function unitStatusOn(period: Period, date: string): UnitStatus {
  if (period.validTo !== null && period.validTo < date) return { state: "abolished", since: dayAfter(period.validTo) };
  if (period.validFrom !== null && period.validFrom > date) return { state: "not_yet", from: period.validFrom };
  return { state: "active" };
}

/** "01/01/2008 – 30/06/2025", "01/07/2025 – nay". */
export function formatPeriod(period: Period): string {
  const from = period.validFrom ? formatIsoDate(period.validFrom) : "không rõ";
  const to = period.validTo ? formatIsoDate(period.validTo) : "nay";
  return `${from} – ${to}`;
}

/** A date typed by a user (dd/MM/yyyy or yyyy-MM-dd); '' stays empty, anything else unreadable is undefined. */
export function optionalDate(input: string | null | undefined): string | null | undefined {
  if (input === null || input === undefined || input.trim() === "") return null;
  return parseDateInput(input) ?? undefined;
}

// Vietnamese letters with diacritics and the plain letter each folds to. Precomposed (NFC) forms only:
// text is normalised to NFC first, on both sides of the comparison.
const FOLDS: [string, string][] = [
  ["àáảãạăằắẳẵặâầấẩẫậ", "a"],
  ["èéẻẽẹêềếểễệ", "e"],
  ["ìíỉĩị", "i"],
  ["òóỏõọôồốổỗộơờớởỡợ", "o"],
  ["ùúủũụưừứửữự", "u"],
  ["ỳýỷỹỵ", "y"],
  ["đ", "d"],
];

/** The arguments of SQL `translate(text, MARKED, PLAIN)`, which folds exactly as foldVietnamese does. */
export const VIETNAMESE_MARKED = FOLDS.map(([marked]) => marked + marked.toUpperCase()).join("");
export const VIETNAMESE_PLAIN = FOLDS.map(([marked, plain]) => plain.repeat(marked.length * 2)).join("");

const FOLD_MAP = new Map([...VIETNAMESE_MARKED].map((c, i) => [c, VIETNAMESE_PLAIN[i]!]));

/** "Nguyễn Văn Hùng" → "nguyen van hung", so that a search typed without diacritics still matches. */
export function foldVietnamese(text: string): string {
  return [...text.normalize("NFC")].map((c) => FOLD_MAP.get(c) ?? c).join("").toLowerCase();
}

/** The fields whose value changed, as the before/after pair an audit event records; null when nothing did. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T>; fields: (keyof T & string)[] } | null {
  const fields = (Object.keys(after) as (keyof T & string)[]).filter((k) => before[k] !== after[k]);
  if (fields.length === 0) return null;
  return {
    before: Object.fromEntries(fields.map((k) => [k, before[k]])) as Partial<T>,
    after: Object.fromEntries(fields.map((k) => [k, after[k]])) as Partial<T>,
    fields,
  };
}

/** A route's `:unitId`/`:officerId` as a database id, or null when it cannot be one (then: 404). */
export function idParam(value: string | undefined): number | null {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const n = Number(value);
  return n <= 2_147_483_647 ? n : null;
}

export type UnitListParams = { q: string; kind: UnitKind | null; status: "active" | "all"; on: string; page: number };

/** The /units filters from the URL; anything unreadable falls back to its default (active today). */
export function readUnitListParams(params: URLSearchParams, today: string): UnitListParams {
  const kind = params.get("kind");
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    kind: isUnitKind(kind) ? kind : null,
    status: params.get("status") === "all" ? "all" : "active",
    on: optionalDate(params.get("on")) ?? today,
    page: pageFrom(params),
  };
}

export type OfficerListParams = { q: string; unitId: number | null; status: "current" | "all"; page: number };

export function readOfficerListParams(params: URLSearchParams): OfficerListParams {
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    unitId: idParam(params.get("unit") ?? undefined),
    status: params.get("status") === "all" ? "all" : "current",
    page: pageFrom(params),
  };
}

// Form fields shared by the unit and officer forms. Conform turns an empty input into undefined.
const DATE_HINT = "nhập theo dạng ngày/tháng/năm, ví dụ 01/07/2025";

export function optionalDateField(label: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const date = optionalDate(value);
      if (date === undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label} không hợp lệ: ${DATE_HINT}.` });
        return z.NEVER;
      }
      return date;
    });
}

export function requiredDateField(label: string) {
  return z
    .string({ required_error: `Vui lòng nhập ${label.toLowerCase()}.` })
    .transform((value, ctx) => {
      const date = parseDateInput(value);
      if (date === null) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label} không hợp lệ: ${DATE_HINT}.` });
        return z.NEVER;
      }
      return date;
    });
}

export function idField(message: string) {
  return z.number({ required_error: message, invalid_type_error: message }).int(message).positive(message);
}

/** Adds "the end is not before the start" to a schema's refinement. */
export function refineEndAfterStart(
  value: { validFrom?: string | null; validTo?: string | null },
  ctx: z.RefinementCtx,
  message = "Ngày kết thúc phải từ ngày bắt đầu trở về sau.",
) {
  if (value.validFrom && value.validTo && value.validTo < value.validFrom) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["validTo"], message });
  }
}

/**
 * A required text field. An empty input (undefined from conform) becomes '' and fails min(1) without
 * aborting the object, so cross-field refinements (dates, membership) still report in the same pass.
 */
export function requiredText(missing: string, max: number, tooLong: string) {
  return z.string().trim().min(1, missing).max(max, tooLong).default("");
}
