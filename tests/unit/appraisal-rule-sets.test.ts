import { describe, expect, it } from "vitest";
import { RULE_SETS, ruleSetFor, type RuleSet } from "../../app/domain/appraisal/index.js";

describe("the rule sets as data", () => {
  it("are version 1 of nd90-48 (NĐ 90/2020 sửa đổi bởi NĐ 48/2023, hiệu lực 15/9/2023) and nd335-2025 (NĐ 335/2025, hiệu lực 01/01/2026)", () => {
    expect(RULE_SETS.map(({ code, version, validFrom, validTo }) => ({ code, version, validFrom, validTo }))).toEqual([
      { code: "nd90-48", version: 1, validFrom: "2023-09-15", validTo: null },
      { code: "nd335-2025", version: 1, validFrom: "2026-01-01", validTo: null },
    ]);
  });
});

describe("choosing the rule set for a year and an officer category", () => {
  it("uses nd90-48 for công chức up to 2025 (NĐ 90/2020, NĐ 48/2023)", () => {
    expect(ruleSetFor(2024, "civil_servant")?.code).toBe("nd90-48");
    expect(ruleSetFor(2025, "civil_servant")?.code).toBe("nd90-48");
  });

  it("uses nd335-2025 for công chức from 2026 (NĐ 335/2025, hiệu lực 01/01/2026)", () => {
    expect(ruleSetFor(2026, "civil_servant")?.code).toBe("nd335-2025");
    expect(ruleSetFor(2030, "civil_servant")?.code).toBe("nd335-2025");
  });

  it("keeps viên chức on nd90-48 after 2025 (NĐ 335/2025 covers công chức only)", () => {
    expect(ruleSetFor(2025, "public_employee")?.code).toBe("nd90-48");
    expect(ruleSetFor(2026, "public_employee")?.code).toBe("nd90-48");
  });

  it("keeps cán bộ on nd90-48 after 2025", () => {
    expect(ruleSetFor(2026, "cadre")?.code).toBe("nd90-48");
  });

  it("has none before Decree 90/2020", () => {
    expect(ruleSetFor(2019, "civil_servant")).toBeNull();
  });

  it("refuses data in which two rule sets cover the same year", () => {
    const overlapping: RuleSet[] = RULE_SETS.map((r) => (r.code === "nd90-48" ? { ...r, appliesTo: { civil_servant: { fromYear: 2020, toYear: 2026 } } } : r));
    expect(() => ruleSetFor(2026, "civil_servant", overlapping)).toThrow("Có 2 bộ quy tắc đánh giá cùng áp dụng cho năm 2026: nd90-48, nd335-2025.");
  });
});
