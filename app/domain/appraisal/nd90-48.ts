// Rule set nd90-48: Decree 90/2020/NĐ-CP on appraising cán bộ, công chức, viên chức, as amended by
// Decree 48/2023/NĐ-CP (in force 15/9/2023). Ratings are qualitative: HR assesses the officer against
// the decree's criteria; this module applies the rules that override that assessment and that people
// argue about:
//   1. An officer disciplined in the appraisal year is rated "Không hoàn thành nhiệm vụ".
//   2. A concluded violation for which discipline is recommended may already ground that rating before
//      any decision; the act is then "used", and a discipline decided later for it is not counted in
//      the year of the decision.
//   3. Party and administrative discipline for the same act count in one appraisal year only.
//   4. Those rated excellent are at most 20% of those rated good in the same group (HR picks who).
// Citations are data next to each rule. Article numbers marked `verified: false` were written from
// memory and a press summary of Decree 48/2023, not from the official text: check before relying on them.
import { DISCIPLINE_LEVEL_LABELS } from "../conclusion.js";
import {
  DISCIPLINE_SYSTEM_LABELS,
  RATING_LABELS,
  citationText,
  type Citation,
  type DisciplineDecision,
  type ExcellentCap,
  type GroupProposal,
  type Nd90Input,
  type Nd90Result,
  type OfficerCategory,
  type Reason,
} from "./types.js";

const ND90 = "Nghị định 90/2020/NĐ-CP";
const ND48 = "Nghị định 48/2023/NĐ-CP";

export const ND90_CITATIONS = {
  /**
   * The principle added by Decree 48/2023: disciplined in the appraisal year ⇒ not complete; a violation
   * already used for a rating is not counted again; Party + administrative discipline for one act count
   * in one year. Unsure: we believe it is a clause added to Article 2 (principles) by Article 1 of 48/2023.
   */
  disciplinePrinciple: { instrument: ND90, article: "2", clause: "5", point: null, amendedBy: `bổ sung bởi khoản 1 Điều 1 ${ND48}`, verified: false },
  /** "Not complete" criteria per category (bị kỷ luật trong năm đánh giá). Unsure of the numbering. */
  notCompleteCriteria: {
    cadre: { instrument: ND90, article: "7", clause: null, point: null, amendedBy: null, verified: false },
    civil_servant: { instrument: ND90, article: "11", clause: null, point: null, amendedBy: null, verified: false },
    public_employee: { instrument: ND90, article: "15", clause: null, point: null, amendedBy: null, verified: false },
  } satisfies Record<OfficerCategory, Citation>,
  /** The 20% cap per group with similar tasks, as amended by 48/2023. Unsure of the clause number. */
  excellentCap: { instrument: ND90, article: "2", clause: "4", point: null, amendedBy: `sửa đổi bởi khoản 1 Điều 1 ${ND48}`, verified: false },
} as const;

/** The cap as data: excellent ≤ floor(EXCELLENT_CAP_PERCENT% × good). */
export const EXCELLENT_CAP_PERCENT = 20;

function reason(rule: string, text: string, citation: Citation): Reason {
  return { rule, text: `${text} (${citationText(citation)}).`, citation };
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

/**
 * An officer disciplined, or with a violation recommended for discipline, in the year is not complete —
 * except for acts already counted in an earlier year (48/2023), and counting each act once however many
 * decisions (Party, administrative) it drew.
 */
export function rateNd90(input: Nd90Input): Nd90Result {
  const earlier = new Set(input.actsCountedInEarlierYears);
  const principle = ND90_CITATIONS.disciplinePrinciple;
  const criteria = ND90_CITATIONS.notCompleteCriteria[input.category];
  const reasons: Reason[] = [];
  const counted = new Map<string, string>();

  const decided = input.disciplines.filter((d) => yearOf(d.decidedOn) === input.year);
  const byAct = new Map<string, DisciplineDecision[]>();
  for (const d of decided) byAct.set(d.actId, [...(byAct.get(d.actId) ?? []), d]);

  for (const [actId, decisions] of byAct) {
    const described = decisions.map((d) => `${DISCIPLINE_SYSTEM_LABELS[d.system]} (${DISCIPLINE_LEVEL_LABELS[d.level]})`).join(" và ");
    if (earlier.has(actId)) {
      reasons.push(reason("act_counted_earlier", `Quyết định ${described} về hành vi ${actId} không tính để xếp loại năm ${input.year} vì hành vi này đã được dùng làm căn cứ xếp loại ở năm trước`, principle));
      continue;
    }
    counted.set(actId, `Bị xử lý ${described} trong năm ${input.year} về hành vi ${actId}`);
    if (decisions.length > 1 && new Set(decisions.map((d) => d.system)).size > 1) {
      reasons.push(reason("party_and_administrative_once", `Kỷ luật đảng và kỷ luật hành chính về cùng hành vi ${actId} chỉ tính một lần`, principle));
    }
  }

  for (const item of input.items) {
    if (item.kind !== "violation" || item.disciplineLevel === null) continue;
    if (earlier.has(item.actId) || counted.has(item.actId)) continue;
    counted.set(item.actId, `Vi phạm ${item.actId} đã được kết luận và kiến nghị ${DISCIPLINE_LEVEL_LABELS[item.disciplineLevel].toLowerCase()}, chưa có quyết định kỷ luật`);
  }

  if (counted.size > 0) {
    for (const text of counted.values()) reasons.push(reason("disciplined_in_year", `${text}: xếp loại ${RATING_LABELS.not_complete}`, criteria));
    return { ruleSet: "nd90-48", rating: "not_complete", label: RATING_LABELS.not_complete, reasons, actsCounted: [...counted.keys()] };
  }
  reasons.push({
    rule: "assessed",
    text: `Theo kết quả đánh giá theo tiêu chí của ${ND90}: ${RATING_LABELS[input.assessedRating]}.`,
    citation: { instrument: ND90, article: null, clause: null, point: null, amendedBy: null, verified: true },
  });
  return { ruleSet: "nd90-48", rating: input.assessedRating, label: RATING_LABELS[input.assessedRating], reasons, actsCounted: [] };
}

/**
 * Which proposals in one group break "excellent ≤ percent% of good". Rounds down (floor): 20% of 4
 * good is 0.8, so 4 good allow no excellent; the law says "không vượt quá", and 1 > 0.8. Integer
 * arithmetic, so 5 good give exactly 1. Says how many must go down and among whom, never which.
 */
export function excellentCap(group: readonly GroupProposal[], percent: number, citation: Citation): ExcellentCap {
  const good = group.filter((p) => p.rating === "good").length;
  const excellentOfficerIds = group.filter((p) => p.rating === "excellent").map((p) => p.officerId);
  const excellent = excellentOfficerIds.length;
  const maxExcellent = Math.floor((good * percent) / 100);
  const excess = Math.max(0, excellent - maxExcellent);
  const exceeded = excess > 0;
  return {
    good,
    excellent,
    maxExcellent,
    exceeded,
    excess,
    excellentOfficerIds,
    reason: exceeded
      ? reason(
          "excellent_cap",
          `Nhóm có ${excellent} người đề xuất "${RATING_LABELS.excellent}" nhưng chỉ được tối đa ${maxExcellent} (${percent}% của ${good} người "${RATING_LABELS.good}", làm tròn xuống); cần giảm ${excess} người`,
          citation,
        )
      : null,
  };
}

/** The nd90-48 cap: 20% of those rated good in the same group with similar tasks. */
export function nd90ExcellentCap(group: readonly GroupProposal[]): ExcellentCap {
  return excellentCap(group, EXCELLENT_CAP_PERCENT, ND90_CITATIONS.excellentCap);
}
