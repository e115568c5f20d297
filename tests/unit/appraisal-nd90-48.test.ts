import { describe, expect, it } from "vitest";
import { nd90ExcellentCap, rateNd90 } from "../../app/domain/appraisal/nd90-48.js";
import type { AppraisalItem, DisciplineDecision, GroupProposal, Nd90Input, Nd90Rating } from "../../app/domain/appraisal/types.js";

function input(overrides: Partial<Nd90Input> = {}): Nd90Input {
  return { year: 2025, category: "civil_servant", assessedRating: "good", items: [], disciplines: [], actsCountedInEarlierYears: [], ...overrides };
}
function violation(actId: string, overrides: Partial<AppraisalItem> = {}): AppraisalItem {
  return { itemId: `item-${actId}`, actId, kind: "violation", points: 5, attributedDelays: 2, disciplineLevel: "reprimand", taskId: null, ...overrides };
}
function decision(actId: string, overrides: Partial<DisciplineDecision> = {}): DisciplineDecision {
  return { decisionId: `qd-${actId}`, actId, system: "administrative", level: "reprimand", decidedOn: "2025-06-10", ...overrides };
}
const group = (ratings: Partial<Record<Nd90Rating, number>>): GroupProposal[] =>
  Object.entries(ratings).flatMap(([rating, n]) => Array.from({ length: n }, (_, i) => ({ officerId: `${rating}-${i + 1}`, rating: rating as Nd90Rating })));

describe("an officer with nothing against them (Nghị định 90/2020/NĐ-CP, tiêu chí xếp loại)", () => {
  it("keeps the rating HR assessed against the criteria", () => {
    const result = rateNd90(input({ assessedRating: "excellent" }));
    expect(result.rating).toBe("excellent");
    expect(result.label).toBe("Hoàn thành xuất sắc nhiệm vụ");
    expect(result.actsCounted).toEqual([]);
  });

  it("is not lowered by a commendation or by a shortcoming with no discipline recommended", () => {
    const items = [violation("A1", { kind: "commendation", points: 0, attributedDelays: 0, disciplineLevel: null }), violation("A2", { kind: "shortcoming", disciplineLevel: null })];
    expect(rateNd90(input({ items })).rating).toBe("good");
  });

  it("labels all four ratings in Vietnamese", () => {
    const labels = (["excellent", "good", "complete", "not_complete"] as const).map((r) => rateNd90(input({ assessedRating: r })).label);
    expect(labels).toEqual(["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"]);
  });
});

describe("an officer disciplined in the year (Điều 11 NĐ 90/2020 for công chức; khoản 5 Điều 2 as added by NĐ 48/2023)", () => {
  it("is rated Không hoàn thành nhiệm vụ, whatever HR assessed, citing the article", () => {
    const result = rateNd90(input({ assessedRating: "excellent", disciplines: [decision("A1")] }));
    expect(result.rating).toBe("not_complete");
    expect(result.label).toBe("Không hoàn thành nhiệm vụ");
    expect(result.actsCounted).toEqual(["A1"]);
    expect(result.reasons.map((r) => r.text)).toEqual([
      "Bị xử lý kỷ luật hành chính (Khiển trách) trong năm 2025 về hành vi A1: xếp loại Không hoàn thành nhiệm vụ (Điều 11 Nghị định 90/2020/NĐ-CP).",
    ]);
  });

  it("cites the article of its own category: Điều 7 for cán bộ, Điều 15 for viên chức", () => {
    expect(rateNd90(input({ category: "cadre", disciplines: [decision("A1")] })).reasons[0]?.citation.article).toBe("7");
    expect(rateNd90(input({ category: "public_employee", disciplines: [decision("A1")] })).reasons[0]?.citation.article).toBe("15");
  });

  it("is not affected by a discipline decided in another year", () => {
    expect(rateNd90(input({ disciplines: [decision("A1", { decidedOn: "2024-12-31" }), decision("A2", { decidedOn: "2026-01-01" })] })).rating).toBe("good");
  });

  it("is rated not complete on a concluded violation recommended for discipline, before any decision (NĐ 48/2023), and the act is reported as used", () => {
    const result = rateNd90(input({ items: [violation("A1")] }));
    expect(result.rating).toBe("not_complete");
    expect(result.actsCounted).toEqual(["A1"]);
    expect(result.reasons[0]?.text).toContain("kiến nghị khiển trách, chưa có quyết định kỷ luật");
  });

  it("counts a violation item and the decision on the same act once", () => {
    const result = rateNd90(input({ items: [violation("A1")], disciplines: [decision("A1")] }));
    expect(result.actsCounted).toEqual(["A1"]);
    expect(result.reasons.filter((r) => r.rule === "disciplined_in_year")).toHaveLength(1);
  });
});

describe("a violation already used for a rating (khoản 5 Điều 2 NĐ 90/2020, bổ sung bởi NĐ 48/2023)", () => {
  it("is not counted again when the discipline decision for it arrives the next year", () => {
    const result = rateNd90(input({ year: 2025, assessedRating: "good", disciplines: [decision("A1", { decidedOn: "2025-03-01" })], actsCountedInEarlierYears: ["A1"] }));
    expect(result.rating).toBe("good");
    expect(result.actsCounted).toEqual([]);
    expect(result.reasons.find((r) => r.rule === "act_counted_earlier")?.text).toBe(
      "Quyết định kỷ luật hành chính (Khiển trách) về hành vi A1 không tính để xếp loại năm 2025 vì hành vi này đã được dùng làm căn cứ xếp loại ở năm trước (khoản 5 Điều 2 Nghị định 90/2020/NĐ-CP (bổ sung bởi khoản 1 Điều 1 Nghị định 48/2023/NĐ-CP)).",
    );
  });

  it("does not shield a different act disciplined in the same year", () => {
    const result = rateNd90(input({ disciplines: [decision("A1"), decision("B2")], actsCountedInEarlierYears: ["A1"] }));
    expect(result.rating).toBe("not_complete");
    expect(result.actsCounted).toEqual(["B2"]);
  });

  it("is not counted again as a concluded violation item either", () => {
    expect(rateNd90(input({ items: [violation("A1")], actsCountedInEarlierYears: ["A1"] })).rating).toBe("good");
  });
});

describe("Party and administrative discipline for the same act (khoản 5 Điều 2 NĐ 90/2020, bổ sung bởi NĐ 48/2023)", () => {
  it("counts once in the year both are decided", () => {
    const result = rateNd90(input({ disciplines: [decision("A1", { system: "party", decisionId: "qd-dang" }), decision("A1", { decisionId: "qd-hc", level: "warning" })] }));
    expect(result.rating).toBe("not_complete");
    expect(result.actsCounted).toEqual(["A1"]);
    expect(result.reasons.filter((r) => r.rule === "disciplined_in_year")).toHaveLength(1);
    expect(result.reasons.find((r) => r.rule === "party_and_administrative_once")?.text).toContain("chỉ tính một lần");
  });

  it("counts in one year only when the Party decision came the year before", () => {
    // 2024: the Party decision made the officer "not complete" and HR stored A1 as counted.
    const y2024 = rateNd90(input({ year: 2024, disciplines: [decision("A1", { system: "party", decidedOn: "2024-11-20" })] }));
    expect(y2024.rating).toBe("not_complete");
    // 2025: the administrative decision for the same act does not count again.
    const y2025 = rateNd90(input({ year: 2025, disciplines: [decision("A1", { decidedOn: "2025-02-15" })], actsCountedInEarlierYears: y2024.actsCounted }));
    expect(y2025.rating).toBe("good");
  });
});

describe("the 20% cap on excellent (khoản 4 Điều 2 NĐ 90/2020, sửa đổi bởi NĐ 48/2023)", () => {
  it("allows no excellent with 4 good: 20% of 4 is 0.8, rounded down to 0", () => {
    const cap = nd90ExcellentCap(group({ good: 4, excellent: 1 }));
    expect(cap).toMatchObject({ good: 4, excellent: 1, maxExcellent: 0, exceeded: true, excess: 1, excellentOfficerIds: ["excellent-1"] });
    expect(cap.reason?.text).toBe(
      'Nhóm có 1 người đề xuất "Hoàn thành xuất sắc nhiệm vụ" nhưng chỉ được tối đa 0 (20% của 4 người "Hoàn thành tốt nhiệm vụ", làm tròn xuống); cần giảm 1 người (khoản 4 Điều 2 Nghị định 90/2020/NĐ-CP (sửa đổi bởi khoản 1 Điều 1 Nghị định 48/2023/NĐ-CP)).',
    );
  });

  it("allows exactly 1 excellent with 5 good, and still 1 with 9", () => {
    expect(nd90ExcellentCap(group({ good: 5, excellent: 1 }))).toMatchObject({ maxExcellent: 1, exceeded: false, excess: 0, reason: null });
    expect(nd90ExcellentCap(group({ good: 9, excellent: 2 }))).toMatchObject({ maxExcellent: 1, exceeded: true, excess: 1 });
  });

  it("allows 2 with 10 good and does not count other ratings", () => {
    expect(nd90ExcellentCap(group({ good: 10, excellent: 2, complete: 7, not_complete: 1 }))).toMatchObject({ good: 10, maxExcellent: 2, exceeded: false });
  });

  it("names every excellent proposal without choosing who goes down", () => {
    const cap = nd90ExcellentCap(group({ excellent: 3, good: 5 }));
    expect(cap).toMatchObject({ maxExcellent: 1, excess: 2, excellentOfficerIds: ["excellent-1", "excellent-2", "excellent-3"] });
  });

  it("is not exceeded in an empty group", () => {
    expect(nd90ExcellentCap([])).toMatchObject({ good: 0, excellent: 0, maxExcellent: 0, exceeded: false });
  });
});
