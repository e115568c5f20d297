// Rule set nd335-2025: Decree 335/2025/NĐ-CP on appraising state administrative agencies and civil
// servants (công chức), from 01/01/2026. A civil servant is scored out of 100:
//   30 points of general criteria (tiêu chí chung, HR-entered) + 70 points of task results.
// Each task's results include progress points; each delay attributed to the task takes 25% of that
// task's progress points (never below zero). Bands: ≥ 90 excellent, 70–< 90 good, 50–< 70 complete,
// < 50 not complete. Disciplined at reprimand (khiển trách) or above in the year ⇒ not complete,
// whatever the score. Excellent at most 20% of those rated good in the same unit and group.
// The article numbers of Decree 335 below are NOT verified: the clause/point letters follow a press
// summary of the article on civil servants' rating levels; the article number itself is unknown to us
// and left null. The points arithmetic is done in hundredths to keep 89.99 and 90 apart.
import { DISCIPLINE_LEVELS, DISCIPLINE_LEVEL_LABELS } from "../conclusion.js";
import { formatNumber as formatPoints } from "../format.js";
import { excellentCap } from "./nd90-48.js";
import {
  DISCIPLINE_SYSTEM_LABELS,
  RATING_LABELS,
  citationText,
  type Citation,
  type ExcellentCap,
  type GroupProposal,
  type Nd335Band,
  type Nd335Input,
  type Nd335Result,
  type Nd335TaskScore,
  type Reason,
} from "./types.js";

const ND335 = "Nghị định 335/2025/NĐ-CP";
const cite = (clause: string | null, point: string | null): Citation => ({ instrument: ND335, article: null, clause, point, amendedBy: null, verified: false });

export const ND335_CITATIONS = {
  /** 100 = 30 general + 70 task results. */
  scale: cite(null, null),
  /** Progress: each delay takes 25% of the task's progress points. */
  delayDeduction: cite(null, null),
  excellent: cite("1", null),
  good: cite("2", null),
  complete: cite("3", null),
  notCompleteScore: cite("4", "a"),
  notCompleteDiscipline: cite("4", "c"),
  excellentCap: cite("5", "a"),
} as const;

/** The rule set's numbers, as data. */
export const ND335_RULES = {
  generalMax: 30,
  tasksMax: 70,
  delayDeductionPercent: 25,
  bands: [
    { band: "excellent", min: 90 },
    { band: "good", min: 70 },
    { band: "complete", min: 50 },
    { band: "not_complete", min: 0 },
  ] as const satisfies readonly { band: Nd335Band; min: number }[],
  excellentCapPercent: 20,
  /** The lightest discipline that makes an officer "not complete". */
  disciplineFloor: "reprimand",
} as const;

const toHundredths = (points: number): number => Math.round(points * 100);
const fromHundredths = (hundredths: number): number => Math.round(hundredths) / 100;

function reason(rule: string, text: string, citation: Citation): Reason {
  return { rule, text: `${text} (${citationText(citation)}).`, citation };
}

/** The band of a score, highest first: exactly 90 is excellent, 89.99 good, 70 good, 50 complete. */
export function nd335Band(points: number): Nd335Band {
  const hundredths = toHundredths(points);
  for (const { band, min } of ND335_RULES.bands) if (hundredths >= min * 100) return band;
  return "not_complete";
}

/** A task's points after its attributed delays: each delay takes 25% of its progress points, floored at 0 progress. */
export function taskPointsAfterDelays(points: number, progressPoints: number, delays: number): { deduction: number; points: number } {
  const progress = toHundredths(progressPoints);
  const deduction = Math.min(progress, (progress * ND335_RULES.delayDeductionPercent * delays) / 100);
  return { deduction: fromHundredths(deduction), points: fromHundredths(toHundredths(points) - deduction) };
}

function inputProblems(input: Nd335Input): string[] {
  const problems: string[] = [];
  const { generalMax, tasksMax } = ND335_RULES;
  if (!(input.generalPoints >= 0 && input.generalPoints <= generalMax)) problems.push(`Điểm tiêu chí chung phải từ 0 đến ${generalMax}.`);
  const taskIds = new Set<string>();
  for (const t of input.tasks) {
    if (taskIds.has(t.taskId)) problems.push(`Nhiệm vụ "${t.title}" được nhập hai lần.`);
    taskIds.add(t.taskId);
    if (!(t.points >= 0 && t.progressPoints >= 0 && t.progressPoints <= t.points)) problems.push(`Nhiệm vụ "${t.title}": điểm tiến độ phải từ 0 đến điểm của nhiệm vụ.`);
  }
  const sum = input.tasks.reduce((s, t) => s + toHundredths(t.points), 0);
  if (sum > tasksMax * 100) problems.push(`Tổng điểm các nhiệm vụ vượt quá ${tasksMax}.`);
  for (const item of input.items) {
    if (item.attributedDelays <= 0) continue;
    if (item.taskId === null) problems.push(`Nội dung kết luận ${item.itemId} có ${item.attributedDelays} lần chậm nhưng chưa gắn với nhiệm vụ nào.`);
    else if (!taskIds.has(item.taskId)) problems.push(`Nội dung kết luận ${item.itemId} gắn với nhiệm vụ ${item.taskId} không có trong danh sách nhiệm vụ.`);
  }
  return problems;
}

/**
 * The civil servant's points and band. Disciplines decided in the year at reprimand or above make the
 * band "not complete" whatever the points; one act disciplined by both Party and administration is
 * named once. Invalid HR entries (points out of range, delays on no task) are returned as problems.
 */
export function rateNd335(input: Nd335Input): Nd335Result {
  const problems = inputProblems(input);
  if (problems.length > 0) return { ok: false, problems };
  const reasons: Reason[] = [];

  const taskPoints: Nd335TaskScore[] = input.tasks.map((t) => {
    const delays = input.items.filter((i) => i.taskId === t.taskId).reduce((s, i) => s + i.attributedDelays, 0);
    const after = taskPointsAfterDelays(t.points, t.progressPoints, delays);
    if (delays > 0) {
      reasons.push(
        reason("delay_deduction", `Nhiệm vụ "${t.title}": ${delays} lần chậm tiến độ, mỗi lần trừ ${ND335_RULES.delayDeductionPercent}% điểm tiến độ (${formatPoints(t.progressPoints)}), bị trừ ${formatPoints(after.deduction)} điểm`, ND335_CITATIONS.delayDeduction),
      );
    }
    return { taskId: t.taskId, delays, ...after };
  });
  const points = fromHundredths(toHundredths(input.generalPoints) + taskPoints.reduce((s, t) => s + toHundredths(t.points), 0));
  const byScore = nd335Band(points);
  const bandCitation = { excellent: ND335_CITATIONS.excellent, good: ND335_CITATIONS.good, complete: ND335_CITATIONS.complete, not_complete: ND335_CITATIONS.notCompleteScore }[byScore];
  reasons.push(reason("score_band", `Tổng điểm ${formatPoints(points)}/100 (tiêu chí chung ${formatPoints(input.generalPoints)}, kết quả thực hiện nhiệm vụ ${formatPoints(points - input.generalPoints)}): mức ${RATING_LABELS[byScore]}`, bandCitation));

  const floor = DISCIPLINE_LEVELS.indexOf(ND335_RULES.disciplineFloor);
  const decided = input.disciplines.filter((d) => Number(d.decidedOn.slice(0, 4)) === input.year && DISCIPLINE_LEVELS.indexOf(d.level) >= floor);
  const acts = new Map<string, string[]>();
  for (const d of decided) acts.set(d.actId, [...(acts.get(d.actId) ?? []), `${DISCIPLINE_SYSTEM_LABELS[d.system]} (${DISCIPLINE_LEVEL_LABELS[d.level]})`]);
  for (const [actId, described] of acts) {
    reasons.push(reason("disciplined_in_year", `Bị xử lý ${described.join(" và ")} trong năm ${input.year} về hành vi ${actId}: xếp loại ${RATING_LABELS.not_complete}`, ND335_CITATIONS.notCompleteDiscipline));
  }
  const band: Nd335Band = acts.size > 0 ? "not_complete" : byScore;
  return { ok: true, ruleSet: "nd335-2025", points, taskPoints, band, label: RATING_LABELS[band], reasons };
}

/** The nd335-2025 cap: 20% of those rated good, within one unit and one group with similar tasks. */
export function nd335ExcellentCap(group: readonly GroupProposal[]): ExcellentCap {
  return excellentCap(group, ND335_RULES.excellentCapPercent, ND335_CITATIONS.excellentCap);
}
