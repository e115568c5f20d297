// Delay of dossiers and steps, as spec/evidence-import.md ("Computation") states it, as of an instant
// `asOf`. Each rule is its own function, named for the sentence it implements, so that an argument
// about a rule is an argument about one function. Instants are epoch milliseconds (see instants.ts).
import type { WorkCalendar } from "./calendar.js";
import { vnDate, type Instant } from "./instants.js";

export const DOSSIER_STATUSES = ["processing", "supplement", "finished", "returned", "stopped", "refused", "withdrawn"] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export interface DossierFacts {
  dossierCode: string;
  /** The resolving unit, to which a late dossier with no late step is attributed. */
  unitCode: string;
  procedureCode: string;
  status: DossierStatus;
  dueAt: Instant;
  finishedAt: Instant | null;
  apologyAt: Instant | null;
}

export interface StepFacts {
  stepNo: number;
  unitCode: string;
  officerCode: string | null;
  dueAt: Instant;
  finishedAt: Instant | null;
}

export const SUPPLEMENT_EVENT_KINDS = ["supplement_requested", "supplement_completed"] as const;
export type SupplementEventKind = (typeof SUPPLEMENT_EVENT_KINDS)[number];

export interface SupplementEvent {
  kind: SupplementEventKind;
  at: Instant;
}

export interface SupplementCycle {
  requestedAt: Instant;
  /** null while the citizen has not yet supplied what was asked: the cycle is open. */
  completedAt: Instant | null;
}

export interface BadSupplementEvent {
  /** Position of the event in the list given to pairSupplementEvents (the importer maps it to a line). */
  index: number;
  reason: "completed_without_request" | "requested_while_open";
  message: string;
}

export type ApologyStatus = "not_needed" | "missing" | "on_time" | "late";

export interface StepDelay {
  stepNo: number;
  unitCode: string;
  officerCode: string | null;
  dueAt: Instant;
  stepEnd: Instant;
  late: boolean;
  /** 0 when the step is not late. */
  lateWorkingDays: number;
}

export interface LateStep {
  stepNo: number;
  unitCode: string;
  officerCode: string | null;
  lateWorkingDays: number;
}

export type Attribution =
  | { kind: "steps"; primary: LateStep; lateSteps: LateStep[] }
  | { kind: "unattributed"; unitCode: string; officerCode: null };

export interface DossierDelay {
  dossier: DossierFacts;
  endAt: Instant;
  supplementRequests: number;
  /** Milliseconds of the citizen's time, subtracted from the agency's. */
  supplementTime: number;
  adjustedEnd: Instant;
  late: boolean;
  lateWorkingDays: number;
  apology: ApologyStatus;
  /** Every step, in step_no order, late or not. */
  steps: StepDelay[];
  /** Who the delay is attributed to; null when the dossier is not late. */
  attribution: Attribution | null;
}

/** Refused and withdrawn dossiers are not counted: no delay, no export row, no dashboard count. */
export function isCountedDossier(status: DossierStatus): boolean {
  return status !== "refused" && status !== "withdrawn";
}

/** A dossier ends when it has a result; an unfinished one is judged as of `asOf`. */
export function dossierEndAt(finishedAt: Instant | null, asOf: Instant): Instant {
  return finishedAt ?? asOf;
}

/** Every supplement request counts, closed or open. */
export function countSupplementRequests(events: readonly SupplementEvent[]): number {
  let n = 0;
  for (const e of events) if (e.kind === "supplement_requested") n++;
  return n;
}

/**
 * In time order, each supplement request is closed by the next completion. A completion with no open
 * request, or a request while one is open, is a bad event: it is reported (the importer rejects the
 * file) and left out of the cycles. Events at the same instant keep the order they were given in, so
 * a request and its completion recorded at the same second still pair.
 */
export function pairSupplementEvents(events: readonly SupplementEvent[]): {
  cycles: SupplementCycle[];
  bad: BadSupplementEvent[];
} {
  const order = events.map((_, i) => i).sort((a, b) => events[a]!.at - events[b]!.at || a - b);
  const cycles: SupplementCycle[] = [];
  const bad: BadSupplementEvent[] = [];
  let open: SupplementCycle | null = null;
  for (const index of order) {
    const event = events[index]!;
    if (event.kind === "supplement_requested") {
      if (open) {
        bad.push({
          index,
          reason: "requested_while_open",
          message: "yêu cầu bổ sung khi yêu cầu trước chưa được bổ sung xong",
        });
        continue;
      }
      open = { requestedAt: event.at, completedAt: null };
      cycles.push(open);
    } else {
      if (!open) {
        bad.push({
          index,
          reason: "completed_without_request",
          message: "hoàn thành bổ sung khi không có yêu cầu bổ sung nào đang mở",
        });
        continue;
      }
      open.completedAt = event.at;
      open = null;
    }
  }
  bad.sort((a, b) => a.index - b.index);
  return { cycles, bad };
}

/**
 * The citizen's time: the sum over cycles of (completed − requested), an open cycle running to the
 * dossier's end. Taken literally: a cycle is not clipped to the processing period.
 */
export function supplementTime(cycles: readonly SupplementCycle[], endAt: Instant): number {
  let total = 0;
  for (const c of cycles) total += (c.completedAt ?? endAt) - c.requestedAt;
  return total;
}

/** The agency's end: the end moved back by the citizen's supplement time. */
export function adjustedEndAt(endAt: Instant, supplementTimeMs: number): Instant {
  return endAt - supplementTimeMs;
}

/**
 * A dossier is late when it needed a second supplement request (the law allows one), or when its
 * adjusted end is after its first promised date. Ending exactly at the due instant is on time.
 */
export function isDossierLate(supplementRequests: number, adjustedEnd: Instant, dueAt: Instant): boolean {
  return supplementRequests >= 2 || adjustedEnd > dueAt;
}

/**
 * Working days late: 0 when the adjusted end is not after the due instant (even for a dossier late
 * only by a second supplement request); otherwise the working days after the due date up to the end
 * date, and at least 1 — a dossier minutes late on its due day is one day late.
 */
export function dossierLateWorkingDays(calendar: WorkCalendar, dueAt: Instant, adjustedEnd: Instant): number {
  if (adjustedEnd <= dueAt) return 0;
  return Math.max(1, calendar.wd(dueAt, adjustedEnd));
}

/**
 * The apology (Mẫu 04) is owed only by a late dossier, and is on time when issued on or before the
 * last working day strictly before the due date; none issued is `missing`. The time of day of the
 * apology does not matter, only its date in Vietnam.
 */
export function apologyStatus(
  calendar: WorkCalendar,
  late: boolean,
  dueAt: Instant,
  apologyAt: Instant | null,
): ApologyStatus {
  if (!late) return "not_needed";
  if (apologyAt === null) return "missing";
  return vnDate(apologyAt) <= calendar.lastWorkingDayBefore(vnDate(dueAt)) ? "on_time" : "late";
}

/** A step ends when it is finished; a step still open is judged as of `asOf`. */
export function stepEndAt(finishedAt: Instant | null, asOf: Instant): Instant {
  return finishedAt ?? asOf;
}

/**
 * A step is late when it ends after its own deadline, by at least one working day. Supplement time is
 * not subtracted from steps: the contract defines it for the dossier only.
 */
export function evaluateStep(calendar: WorkCalendar, step: StepFacts, asOf: Instant): StepDelay {
  const stepEnd = stepEndAt(step.finishedAt, asOf);
  const late = stepEnd > step.dueAt;
  return {
    stepNo: step.stepNo,
    unitCode: step.unitCode,
    officerCode: step.officerCode,
    dueAt: step.dueAt,
    stepEnd,
    late,
    lateWorkingDays: late ? Math.max(1, calendar.wd(step.dueAt, stepEnd)) : 0,
  };
}

/**
 * A late dossier is attributed to its late steps in step_no order, each with its officer, unit and
 * working days late; the first is the primary. With no late step, it goes to the resolving unit with
 * no officer (unattributed).
 */
export function attributeLateDossier(resolvingUnitCode: string, steps: readonly StepDelay[]): Attribution {
  const lateSteps: LateStep[] = steps
    .filter((s) => s.late)
    .sort((a, b) => a.stepNo - b.stepNo)
    .map((s) => ({ stepNo: s.stepNo, unitCode: s.unitCode, officerCode: s.officerCode, lateWorkingDays: s.lateWorkingDays }));
  const primary = lateSteps[0];
  if (!primary) return { kind: "unattributed", unitCode: resolvingUnitCode, officerCode: null };
  return { kind: "steps", primary, lateSteps };
}

/**
 * Every rule above for one dossier, as of `asOf`; null for a dossier that is not counted. Bad
 * supplement events are left out of the cycles (pairSupplementEvents reports them, and the importer
 * never stores a file that has any), but every request still counts towards `supplementRequests`.
 */
export function evaluateDossier(
  calendar: WorkCalendar,
  input: { dossier: DossierFacts; steps: readonly StepFacts[]; events: readonly SupplementEvent[] },
  asOf: Instant,
): DossierDelay | null {
  const { dossier } = input;
  if (!isCountedDossier(dossier.status)) return null;
  const endAt = dossierEndAt(dossier.finishedAt, asOf);
  const supplementRequests = countSupplementRequests(input.events);
  const time = supplementTime(pairSupplementEvents(input.events).cycles, endAt);
  const adjustedEnd = adjustedEndAt(endAt, time);
  const late = isDossierLate(supplementRequests, adjustedEnd, dossier.dueAt);
  const steps = input.steps.map((s) => evaluateStep(calendar, s, asOf)).sort((a, b) => a.stepNo - b.stepNo);
  return {
    dossier,
    endAt,
    supplementRequests,
    supplementTime: time,
    adjustedEnd,
    late,
    lateWorkingDays: dossierLateWorkingDays(calendar, dossier.dueAt, adjustedEnd),
    apology: apologyStatus(calendar, late, dossier.dueAt, dossier.apologyAt),
    steps,
    attribution: late ? attributeLateDossier(dossier.unitCode, steps) : null,
  };
}
