// overdue.csv (spec/evidence-import.md, "Export"): the same rows the dashboards count, one per counted
// dossier whose due date falls in the period, late or not. The text must match byte for byte what an
// independent implementation of the contract writes, so every format choice here is the contract's.
import type { DossierDelay } from "./delay.js";
import { DAY_MS, formatInstantVn, vnDate, vnStartOfDay, type CalendarDate, type Instant } from "./instants.js";

export const OVERDUE_COLUMNS = [
  "dossier_code",
  "unit_code",
  "procedure_code",
  "due_at",
  "end_at",
  "supplement_requests",
  "late",
  "late_working_days",
  "apology",
  "primary_step_no",
  "primary_officer_code",
  "late_steps",
] as const;

export type OverdueRow = Record<(typeof OVERDUE_COLUMNS)[number], string>;

export interface ExportPeriod {
  /** Both inclusive, compared with date(due_at) in Vietnam. */
  from: CalendarDate;
  to: CalendarDate;
}

/**
 * The due_at instants a period covers, [fromInclusive, toExclusive): a database can pre-select the
 * dossiers of a period with this range before computing them.
 */
export function dueAtRangeOfPeriod(period: ExportPeriod): { fromInclusive: Instant; toExclusive: Instant } {
  return { fromInclusive: vnStartOfDay(period.from), toExclusive: vnStartOfDay(period.to) + DAY_MS };
}

/** A dossier belongs to the period when the date of its due instant in Vietnam lies in [from, to]. */
export function isDueInPeriod(dueAt: Instant, period: ExportPeriod): boolean {
  const date = vnDate(dueAt);
  return date >= period.from && date <= period.to;
}

/**
 * Byte order of UTF-8 text, which is code point order. JavaScript's `<` compares UTF-16 code units,
 * which puts characters above U+FFFF before U+E000–U+FFFF; the contract says byte order.
 */
export function compareByteOrder(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const pa = a.codePointAt(i)!;
    const pb = b.codePointAt(i)!;
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  }
  return a.length - b.length;
}

/**
 * One export row. Not-late dossiers have empty primary_* and late_steps; an unattributed late
 * dossier has empty primary_* and late_steps. late_steps is `step_no:officer_code:late_working_days`
 * joined by `;`, the officer empty when the step has none.
 */
export function overdueRow(delay: DossierDelay): OverdueRow {
  const { dossier, attribution } = delay;
  const steps = attribution?.kind === "steps" ? attribution : null;
  return {
    dossier_code: dossier.dossierCode,
    unit_code: dossier.unitCode,
    procedure_code: dossier.procedureCode,
    due_at: formatInstantVn(dossier.dueAt),
    end_at: formatInstantVn(delay.endAt),
    supplement_requests: String(delay.supplementRequests),
    late: delay.late ? "true" : "false",
    late_working_days: String(delay.lateWorkingDays),
    apology: delay.apology,
    primary_step_no: steps ? String(steps.primary.stepNo) : "",
    primary_officer_code: steps ? (steps.primary.officerCode ?? "") : "",
    late_steps: steps
      ? steps.lateSteps.map((s) => `${s.stepNo}:${s.officerCode ?? ""}:${s.lateWorkingDays}`).join(";")
      : "",
  };
}

/**
 * The rows of overdue.csv: counted dossiers (evaluateDossier returns null for the others) whose due
 * date is in the period, late or not, sorted by dossier_code in byte order.
 */
export function overdueRows(delays: Iterable<DossierDelay | null>, period: ExportPeriod): OverdueRow[] {
  const selected: DossierDelay[] = [];
  for (const d of delays) if (d && isDueInPeriod(d.dossier.dueAt, period)) selected.push(d);
  selected.sort((a, b) => compareByteOrder(a.dossier.dossierCode, b.dossier.dossierCode));
  return selected.map(overdueRow);
}

/** RFC 4180, quoting a field only when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The whole file: a header row, then the rows; every line, the last included, ends with \n. */
export function overdueCsv(rows: readonly OverdueRow[]): string {
  let text = OVERDUE_COLUMNS.join(",") + "\n";
  for (const row of rows) text += OVERDUE_COLUMNS.map((c) => csvField(row[c])).join(",") + "\n";
  return text;
}
