// No member may inspect a unit they belong to or belonged to within the last 12 months, nor a case about
// themselves (DOMAIN.md, flow step 3). Precisely:
// - "Belongs to" counts sub-units: a member of a division of an inspected commune is in conflict, because
//   the commune's head directs that division and the findings land on it. Belonging to a *parent* of an
//   inspected unit (the province, the department the inspectors themselves sit in) is not a conflict, or
//   nobody could inspect anything.
// - A membership is current when it is in force on the reference date (the inspection decision's date).
// - "Within the last 12 months" is counted inclusively: a membership whose last day is on or after the
//   same calendar day 12 months before the reference date still conflicts; one that ended the day
//   before that does not. Ended 05/03/2025 ⇒ in conflict for a decision of 05/03/2026, free for one of
//   06/03/2026. We take the stricter side of the boundary because this is an integrity rule: the member
//   worked in the unit on a day that "the last 12 months" can be read to include.
// - When that calendar day does not exist (12 months before 29/02/2028), it is the last day of the month
//   (28/02/2027), the usual rule for adding months to a date.
// - A membership that begins after the reference date is not a conflict under this rule; a transfer that
//   lands during the inspection has to be caught when it is recorded.
// The result is every reason, not the first: the team lead has to see all of them to replace the member.
import { formatIsoDate } from "./format.js";

/** A member's stint in a unit; dates are 'yyyy-MM-dd', both inclusive, null when open. */
export type MembershipForConflict = {
  unitId: number;
  unitName: string;
  /** Every unit above this one, nearest first; how a sub-unit of an inspected unit is recognised. */
  unitAncestorIds: readonly number[];
  validFrom: string | null;
  validTo: string | null;
};

export type ConflictCandidate = { officerId: number; memberships: readonly MembershipForConflict[] };

export type InspectedUnit = { id: number; name: string };

/** A case of the inspection: about one unit or one officer. */
export type CaseSubject = { code: string; unit?: InspectedUnit | null; officerId?: number | null };

export type ConflictCheck = {
  candidate: ConflictCandidate;
  /** The inspection's scope. */
  scopeUnits: readonly InspectedUnit[];
  cases: readonly CaseSubject[];
  /** The inspection decision's date, 'yyyy-MM-dd'. */
  referenceDate: string;
};

export const CONFLICT_LOOKBACK_MONTHS = 12;

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y!, m!, d!];
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The same calendar day `months` later (negative: earlier), or the month's last day when that day does not exist. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return iso(year, month, Math.min(d, lastDay));
}

function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return iso(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** The earliest reference date on or after which the lookback window no longer covers that day. */
export function lookbackStart(referenceDate: string): string {
  return addMonths(referenceDate, -CONFLICT_LOOKBACK_MONTHS);
}

/** Whether a membership that ended on `lastDay` still conflicts with an inspection decided on `referenceDate`. */
export function endedWithinLookback(lastDay: string, referenceDate: string): boolean {
  return lastDay < referenceDate && lastDay >= lookbackStart(referenceDate);
}

/** The first decision date for which a membership ending on `lastDay` no longer conflicts. */
export function freeFrom(lastDay: string): string {
  // Month-end clamping makes the lookback skip or repeat a day around 29 February, so search the few
  // days after the obvious candidate instead of inverting the formula.
  let date = addDays(addMonths(lastDay, CONFLICT_LOOKBACK_MONTHS), 1);
  while (lookbackStart(date) <= lastDay) date = addDays(date, 1);
  return date;
}

type Inspected = { unit: InspectedUnit; where: string; inScope: boolean };

/** Why the unit of a membership counts as inspected, or null when it does not. */
function reachedBy(membership: MembershipForConflict, inspected: readonly Inspected[]): { where: string; plain: boolean } | null {
  const own = inspected.find((i) => i.unit.id === membership.unitId);
  // "plain": the unit itself is in the scope, which the sentence about a past membership leaves implied.
  if (own) return { where: own.where, plain: own.inScope };
  for (const ancestorId of membership.unitAncestorIds) {
    const above = inspected.find((i) => i.unit.id === ancestorId);
    if (above) return { where: `thuộc ${above.unit.name}, ${above.where}`, plain: false };
  }
  return null;
}

/** Why this person may not sit on the inspection team, in Vietnamese; empty when nothing stands in the way. */
export function conflictsOfInterest(check: ConflictCheck): string[] {
  const { candidate, scopeUnits, cases, referenceDate } = check;
  const scopeIds = new Set(scopeUnits.map((u) => u.id));
  const inspected: Inspected[] = [
    ...scopeUnits.map((unit) => ({ unit, where: "là đơn vị được kiểm tra", inScope: true })),
    // A case's subject unit outside the scope is still inspected, through that case.
    ...cases.flatMap((c) =>
      c.unit && !scopeIds.has(c.unit.id) ? [{ unit: c.unit, where: `là đối tượng của vụ việc ${c.code}`, inScope: false }] : [],
    ),
  ];

  const reasons: string[] = [];
  for (const membership of candidate.memberships) {
    if (membership.validFrom !== null && membership.validFrom > referenceDate) continue;
    const target = reachedBy(membership, inspected);
    if (!target) continue;
    const current = membership.validTo === null || membership.validTo >= referenceDate;
    if (current) {
      const since = membership.validFrom ? ` (từ ${formatIsoDate(membership.validFrom)})` : "";
      reasons.push(`Đang công tác tại ${membership.unitName}${since}, ${target.where}.`);
    } else if (endedWithinLookback(membership.validTo!, referenceDate)) {
      const where = target.plain ? "" : ` (${target.where})`;
      reasons.push(
        `Đã công tác tại ${membership.unitName}${where} đến ${formatIsoDate(membership.validTo)}, ` +
          `chưa đủ ${CONFLICT_LOOKBACK_MONTHS} tháng tính đến ngày quyết định ${formatIsoDate(referenceDate)}.`,
      );
    }
  }
  for (const c of cases) {
    if (c.officerId != null && c.officerId === candidate.officerId) reasons.push(`Là đối tượng của vụ việc ${c.code}.`);
  }
  return reasons;
}
