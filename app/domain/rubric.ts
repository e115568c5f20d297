// Findings are scored against a rubric that is data and carries a version: a case keeps the rubric
// version it was opened under, so a later edit to the rubric never rescores a case already argued.
// A case starts at the rubric's full marks (100) and each current finding deducts points from one
// criterion. A finding may not deduct more than its criterion's maximum, and all current findings on a
// criterion together may not either: the same late dossier must not be punished twice by splitting it
// across findings. The score never goes below 0.
// Findings are versioned. Editing one (its criterion, facts or deduction) makes a new version, and an
// explanation answer is bound to the version it answered, so the unit head is asked again rather than
// having an old answer stand against new facts.
import { formatNumber } from "./format.js";

export const SEVERITIES = ["minor", "major", "serious"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  minor: "Nhẹ",
  major: "Nặng",
  serious: "Nghiêm trọng",
};

export type RubricCriterion = { code: string; title: string; maxPoints: number; severity: Severity };

export type RubricSet = { id: string; version: number; title: string; criteria: readonly RubricCriterion[] };

// The weights follow the spirit of Decision 766/QĐ-TTg, whose "progress and results" group judges
// agencies by on-time dossiers, apologies for late ones and supplement requests: lateness caused by the
// subject weighs most; handling without grounds (refusing, stopping, returning a dossier) is next because
// it denies the citizen the service outright; repeated supplement requests (766 counts a second one as
// late) and missing or late apologies (Mẫu 04, due a working day before the deadline) follow.
export const DEFAULT_RUBRIC: RubricSet = {
  id: "tthc-trach-nhiem-cong-vu",
  version: 1,
  title: "Trách nhiệm công vụ trong giải quyết thủ tục hành chính",
  criteria: [
    { code: "TC1", title: "Hồ sơ giải quyết quá hạn do lỗi của đối tượng kiểm tra", maxPoints: 40, severity: "major" },
    { code: "TC2", title: "Không có hoặc chậm văn bản xin lỗi, hẹn lại ngày trả kết quả", maxPoints: 15, severity: "minor" },
    { code: "TC3", title: "Yêu cầu bổ sung hồ sơ nhiều lần", maxPoints: 20, severity: "major" },
    {
      code: "TC4",
      title: "Xử lý hồ sơ không đúng quy định (từ chối, dừng giải quyết, trả hồ sơ không có căn cứ)",
      maxPoints: 25,
      severity: "serious",
    },
  ],
};

/** The rubric's full marks: the sum of its criteria's maxima. */
export function rubricFullMarks(rubric: RubricSet): number {
  return fromHundredths(rubric.criteria.reduce((sum, c) => sum + toHundredths(c.maxPoints), 0));
}

export function findCriterion(rubric: RubricSet, code: string): RubricCriterion | undefined {
  return rubric.criteria.find((c) => c.code === code);
}

export type Finding = {
  id: number;
  /** 1 for the first version; each revision adds one. */
  version: number;
  criterionCode: string;
  facts: string;
  proposedDeduction: number;
  /** Withdrawn findings stay on record but no longer deduct. */
  withdrawn: boolean;
};

export type FindingChanges = Partial<Pick<Finding, "criterionCode" | "facts" | "proposedDeduction" | "withdrawn">>;

/**
 * The next version of a finding with the changes applied. Changes that change nothing return the
 * previous version as it is, so that saving an untouched form does not make the unit's answer stale.
 */
export function reviseFinding(previous: Finding, changes: FindingChanges): Finding {
  const next = { ...previous, ...changes, id: previous.id, version: previous.version };
  const changed = (Object.keys(changes) as (keyof FindingChanges)[]).some((key) => next[key] !== previous[key]);
  return changed ? { ...next, version: previous.version + 1 } : previous;
}

/** An explanation answer, bound to the finding version it answered. */
export type FindingAnswer = { findingId: number; findingVersion: number };

/** An answer is stale when the finding has been revised since it was given. */
export function isAnswerStale(answer: FindingAnswer, finding: Pick<Finding, "id" | "version">): boolean {
  if (answer.findingId !== finding.id) throw new RangeError(`Câu trả lời thuộc nội dung kiểm tra khác (${answer.findingId} ≠ ${finding.id}).`);
  return answer.findingVersion < finding.version;
}

/** The findings that count: the latest version of each, unless withdrawn. */
export function currentFindings(findings: readonly Finding[]): Finding[] {
  const latest = new Map<number, Finding>();
  for (const f of findings) {
    const seen = latest.get(f.id);
    if (!seen || f.version > seen.version) latest.set(f.id, f);
  }
  return [...latest.values()].filter((f) => !f.withdrawn);
}

// Points are summed in hundredths so that 0.1 + 0.2 deductions compare equal to a 0.3 maximum.
function toHundredths(points: number): number {
  return Math.round(points * 100);
}
function fromHundredths(hundredths: number): number {
  return hundredths / 100;
}

function label(criterion: RubricCriterion): string {
  return `«${criterion.code}. ${criterion.title}»`;
}

/**
 * What is wrong with the deductions of a case's findings (every version given; only current ones
 * count), in Vietnamese; empty when each is within its criterion and each criterion within its maximum.
 */
export function deductionProblems(rubric: RubricSet, findings: readonly Finding[]): string[] {
  const problems: string[] = [];
  const perCriterion = new Map<string, number>();
  for (const f of currentFindings(findings)) {
    const criterion = findCriterion(rubric, f.criterionCode);
    if (!criterion) {
      problems.push(`Tiêu chí «${f.criterionCode}» không có trong bộ tiêu chí «${rubric.title}» phiên bản ${rubric.version}.`);
      continue;
    }
    if (!Number.isFinite(f.proposedDeduction) || f.proposedDeduction < 0) {
      problems.push(`Điểm trừ đề xuất cho tiêu chí ${label(criterion)} phải là số không âm.`);
      continue;
    }
    if (toHundredths(f.proposedDeduction) > toHundredths(criterion.maxPoints)) {
      problems.push(
        `Điểm trừ đề xuất ${formatNumber(f.proposedDeduction)} vượt mức tối đa ${formatNumber(criterion.maxPoints)} điểm của tiêu chí ${label(criterion)}.`,
      );
    }
    perCriterion.set(criterion.code, (perCriterion.get(criterion.code) ?? 0) + toHundredths(f.proposedDeduction));
  }
  for (const criterion of rubric.criteria) {
    const total = perCriterion.get(criterion.code) ?? 0;
    if (total > toHundredths(criterion.maxPoints)) {
      problems.push(
        `Tổng điểm trừ của tiêu chí ${label(criterion)} là ${formatNumber(fromHundredths(total))}, vượt mức tối đa ${formatNumber(criterion.maxPoints)} điểm.`,
      );
    }
  }
  return problems;
}

/** The case's running score: full marks minus the current findings' deductions, never below 0. */
export function caseScore(rubric: RubricSet, findings: readonly Finding[]): number {
  const deducted = currentFindings(findings).reduce(
    (sum, f) => sum + (Number.isFinite(f.proposedDeduction) && f.proposedDeduction > 0 ? toHundredths(f.proposedDeduction) : 0),
    0,
  );
  return fromHundredths(Math.max(0, toHundredths(rubricFullMarks(rubric)) - deducted));
}
