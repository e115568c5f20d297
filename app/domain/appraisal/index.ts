// The appraisal rule sets as versioned data, and which one applies to an officer in a year. A cycle
// records the code and version it was run under; a new reading of the law is a new version, never an
// edit of one that cycles have used.
import type { OfficerCategory } from "./types.js";

export type RuleSetCode = "nd90-48" | "nd335-2025";

/** Appraisal years a rule set covers for one category, both ends included; null is open. */
export interface YearRange {
  fromYear: number | null;
  toYear: number | null;
}

export interface RuleSet {
  code: RuleSetCode;
  version: 1;
  title: string;
  /** yyyy-MM-dd: when the instrument took effect / ceased to (null: still in force). */
  validFrom: string;
  validTo: string | null;
  /** For each category the rule set covers, the appraisal years it covers. */
  appliesTo: Partial<Record<OfficerCategory, YearRange>>;
}

export const RULE_SETS: readonly RuleSet[] = [
  {
    code: "nd90-48",
    version: 1,
    title: "Nghị định 90/2020/NĐ-CP, sửa đổi, bổ sung bởi Nghị định 48/2023/NĐ-CP",
    // 48/2023 took effect on 15/9/2023. Cycles of 2020–2022 (unamended Decree 90) are not told apart:
    // the product holds no cycle that old.
    validFrom: "2023-09-15",
    validTo: null,
    appliesTo: {
      // Unsure: Decree 335/2025 covers công chức only, so we keep cán bộ on Decree 90 after 2025.
      cadre: { fromYear: 2020, toYear: null },
      civil_servant: { fromYear: 2020, toYear: 2025 },
      public_employee: { fromYear: 2020, toYear: null },
    },
  },
  {
    code: "nd335-2025",
    version: 1,
    title: "Nghị định 335/2025/NĐ-CP (công chức, từ 01/01/2026)",
    validFrom: "2026-01-01",
    validTo: null,
    appliesTo: { civil_servant: { fromYear: 2026, toYear: null } },
  },
];

const covers = (range: YearRange, year: number): boolean =>
  (range.fromYear === null || year >= range.fromYear) && (range.toYear === null || year <= range.toYear);

/**
 * The rule set for an officer of `category` appraised for `year`: nd90-48 up to 2025 and for viên
 * chức (and cán bộ) after; nd335-2025 for công chức from 2026. Null when none covers the year (before
 * 2020). Throws when the data gives two, which is a mistake in RULE_SETS, not in the input.
 */
export function ruleSetFor(year: number, category: OfficerCategory, ruleSets: readonly RuleSet[] = RULE_SETS): RuleSet | null {
  const matching = ruleSets.filter((r) => {
    const range = r.appliesTo[category];
    return range !== undefined && covers(range, year);
  });
  if (matching.length > 1) throw new Error(`Có ${matching.length} bộ quy tắc đánh giá cùng áp dụng cho năm ${year}: ${matching.map((r) => r.code).join(", ")}.`);
  return matching[0] ?? null;
}
