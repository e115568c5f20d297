// What a rule set reads about one officer in one appraisal year, and what it proposes. The rule sets
// only propose: HR (tổ chức cán bộ) records the rating, and chooses who stays "excellent" when a group
// is over the cap. Every reason a rule set gives cites the provision it applies, as data (Citation),
// so a reader can check the law rather than the code.
import type { DisciplineLevel, ItemKind } from "../conclusion.js";

export type { DisciplineLevel, ItemKind };

/** Cán bộ, công chức, viên chức: the three categories the appraisal decrees distinguish. */
export const OFFICER_CATEGORIES = ["cadre", "civil_servant", "public_employee"] as const;
export type OfficerCategory = (typeof OFFICER_CATEGORIES)[number];
export const OFFICER_CATEGORY_LABELS: Record<OfficerCategory, string> = {
  cadre: "Cán bộ",
  civil_servant: "Công chức",
  public_employee: "Viên chức",
};

/**
 * A provision of law. `verified` is false where the article or clause number was written from memory
 * or from a secondary source (press summaries), not read in the official text: the rule it backs is the
 * one the domain states, only the number may be wrong.
 */
export interface Citation {
  instrument: string;
  article: string | null;
  clause: string | null;
  point: string | null;
  /** e.g. "bổ sung bởi khoản 1 Điều 1 Nghị định 48/2023/NĐ-CP" */
  amendedBy: string | null;
  verified: boolean;
}

/** "điểm c khoản 4 Điều 11 Nghị định 90/2020/NĐ-CP (…)", the Vietnamese order: point, clause, article. */
export function citationText(c: Citation): string {
  const parts = [c.point && `điểm ${c.point}`, c.clause && `khoản ${c.clause}`, c.article && `Điều ${c.article}`, c.instrument].filter(Boolean);
  return parts.join(" ") + (c.amendedBy ? ` (${c.amendedBy})` : "");
}

/** A consumed conclusion item about the officer (one consumption, see DOMAIN.md step 8). */
export interface AppraisalItem {
  itemId: string;
  /** The act (hành vi vi phạm) the item concerns; the same act in several items or decisions shares it. */
  actId: string;
  kind: ItemKind;
  points: number;
  attributedDelays: number;
  /** The discipline the conclusion recommends, not a decision. */
  disciplineLevel: DisciplineLevel | null;
  /** nd335-2025 only: the HR-entered task the attributed delays fall on. */
  taskId: string | null;
}

export const DISCIPLINE_SYSTEMS = ["party", "administrative"] as const;
export type DisciplineSystem = (typeof DISCIPLINE_SYSTEMS)[number];
export const DISCIPLINE_SYSTEM_LABELS: Record<DisciplineSystem, string> = {
  party: "kỷ luật đảng",
  administrative: "kỷ luật hành chính",
};

/**
 * A discipline decision (quyết định kỷ luật). Party measures (khiển trách, cảnh cáo, cách chức, khai
 * trừ) are mapped onto the administrative scale; khai trừ has no counterpart and is entered as the
 * heaviest, dismissal.
 */
export interface DisciplineDecision {
  decisionId: string;
  actId: string;
  system: DisciplineSystem;
  level: DisciplineLevel;
  /** yyyy-MM-dd: the decision counts in the appraisal year it was decided in. */
  decidedOn: string;
}

export interface Reason {
  /** Stable code of the rule, for tests and for the UI to group by. */
  rule: string;
  /** Vietnamese, ending with the provision it applies. */
  text: string;
  citation: Citation;
}

export const ND90_RATINGS = ["excellent", "good", "complete", "not_complete"] as const;
export type Nd90Rating = (typeof ND90_RATINGS)[number];
export const RATING_LABELS: Record<Nd90Rating, string> = {
  excellent: "Hoàn thành xuất sắc nhiệm vụ",
  good: "Hoàn thành tốt nhiệm vụ",
  complete: "Hoàn thành nhiệm vụ",
  not_complete: "Không hoàn thành nhiệm vụ",
};
/** nd335-2025 names its four bands with the same words. */
export type Nd335Band = Nd90Rating;

export interface Nd90Input {
  year: number;
  category: OfficerCategory;
  /** The rating HR assessed against the criteria of Decree 90 (qualitative; not computed here). */
  assessedRating: Nd90Rating;
  items: readonly AppraisalItem[];
  /** Discipline decisions about the officer; only those decided in `year` count. */
  disciplines: readonly DisciplineDecision[];
  /** Acts already used as grounds of a rating, or as a counted discipline, in an earlier year. */
  actsCountedInEarlierYears: readonly string[];
}

export interface Nd90Result {
  ruleSet: "nd90-48";
  rating: Nd90Rating;
  label: string;
  reasons: Reason[];
  /** The acts this year's rating uses: HR stores them so that next year does not count them again. */
  actsCounted: string[];
}

/** One HR-entered task (nhiệm vụ) for nd335-2025, with the points earned before delays. */
export interface Nd335Task {
  taskId: string;
  title: string;
  /** Points earned for the task, its progress points included, before any delay deduction. */
  points: number;
  /** The part of `points` that is progress (tiến độ); each delay takes 25% of it. */
  progressPoints: number;
}

export interface Nd335Input {
  year: number;
  /** Tiêu chí chung, 0–30, HR-entered. */
  generalPoints: number;
  tasks: readonly Nd335Task[];
  items: readonly AppraisalItem[];
  disciplines: readonly DisciplineDecision[];
}

export interface Nd335TaskScore {
  taskId: string;
  delays: number;
  deduction: number;
  points: number;
}

export type Nd335Result =
  | { ok: true; ruleSet: "nd335-2025"; points: number; taskPoints: Nd335TaskScore[]; band: Nd335Band; label: string; reasons: Reason[] }
  | { ok: false; problems: string[] };

/** One proposal in a group with similar tasks (nhóm có nhiệm vụ tương đồng), for the 20% cap. */
export interface GroupProposal {
  officerId: string;
  rating: Nd90Rating;
}

export interface ExcellentCap {
  good: number;
  excellent: number;
  /** floor(20% × good): 4 good allow 0 excellent, 5 allow 1, 9 allow 1, 10 allow 2. */
  maxExcellent: number;
  exceeded: boolean;
  /** How many excellent proposals must go down; HR chooses which. */
  excess: number;
  /** The excellent proposals, in input order, among which HR chooses: the function never chooses. */
  excellentOfficerIds: string[];
  reason: Reason | null;
}
