// A case's readable code: "KT-<year>-<sequence>", e.g. KT-2026-0001. The year is the year the case was
// opened and the sequence counts cases of that year from 1, padded to four digits; a province with more
// than 9,999 cases in a year simply gets more digits (KT-2026-10000), never a different shape.
// People type these codes into search boxes and quote them in documents, so parsing accepts the
// lowercase and surrounding spaces a person types, but only the canonical digits: "KT-2026-00001" is not
// a second spelling of KT-2026-0001, so a code and its parse always round-trip.

export type CaseCode = { year: number; sequence: number };

const PREFIX = "KT";
const SEQUENCE_DIGITS = 4;
const CODE_PATTERN = /^KT-(\d{4})-(\d{4,})$/;

function isValidYear(year: number): boolean {
  return Number.isInteger(year) && year >= 1000 && year <= 9999;
}

function isValidSequence(sequence: number): boolean {
  return Number.isSafeInteger(sequence) && sequence >= 1;
}

/** The code of the sequence-th case of the year; throws RangeError on a year or sequence that cannot be one. */
export function formatCaseCode(year: number, sequence: number): string {
  if (!isValidYear(year)) throw new RangeError(`Năm không hợp lệ cho mã vụ việc: ${year}.`);
  if (!isValidSequence(sequence)) throw new RangeError(`Số thứ tự không hợp lệ cho mã vụ việc: ${sequence}.`);
  return `${PREFIX}-${year}-${String(sequence).padStart(SEQUENCE_DIGITS, "0")}`;
}

/** The year and sequence of a case code, or null when the text is not one. */
export function parseCaseCode(text: string): CaseCode | null {
  const match = CODE_PATTERN.exec(text.trim().toUpperCase());
  if (!match) return null;
  const digits = match[2]!;
  // Beyond four digits a leading zero would be a second spelling of a shorter code.
  if (digits.length > SEQUENCE_DIGITS && digits.startsWith("0")) return null;
  const year = Number(match[1]);
  const sequence = Number(digits);
  if (!isValidYear(year) || !isValidSequence(sequence)) return null;
  return { year, sequence };
}

/** Whether the text is a case code as the system writes it (exact spelling, no normalisation). */
export function isCanonicalCaseCode(text: string): boolean {
  const parsed = parseCaseCode(text);
  return parsed !== null && formatCaseCode(parsed.year, parsed.sequence) === text;
}
