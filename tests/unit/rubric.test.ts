import { describe, expect, it } from "vitest";
import {
  DEFAULT_RUBRIC,
  SEVERITIES,
  caseScore,
  currentFindings,
  deductionProblems,
  isAnswerStale,
  reviseFinding,
  rubricFullMarks,
  type Finding,
  type RubricSet,
} from "../../app/domain/rubric.js";

function finding(id: number, criterionCode: string, proposedDeduction: number, version = 1): Finding {
  return { id, version, criterionCode, facts: `Nội dung ${id}`, proposedDeduction, withdrawn: false };
}

describe("the default rubric", () => {
  it("is version 1 of «Trách nhiệm công vụ trong giải quyết thủ tục hành chính»", () => {
    expect(DEFAULT_RUBRIC.version).toBe(1);
    expect(DEFAULT_RUBRIC.title).toBe("Trách nhiệm công vụ trong giải quyết thủ tục hành chính");
  });

  it("has four criteria whose maxima sum to 100", () => {
    expect(DEFAULT_RUBRIC.criteria.map((c) => [c.code, c.maxPoints])).toEqual([
      ["TC1", 40],
      ["TC2", 15],
      ["TC3", 20],
      ["TC4", 25],
    ]);
    expect(rubricFullMarks(DEFAULT_RUBRIC)).toBe(100);
  });

  it("has unique codes, positive maxima, known severities and Vietnamese titles", () => {
    const codes = DEFAULT_RUBRIC.criteria.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of DEFAULT_RUBRIC.criteria) {
      expect(c.maxPoints).toBeGreaterThan(0);
      expect(SEVERITIES).toContain(c.severity);
      expect(c.title).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịúùủũụóòỏõọéèẻẽẹýỳỷỹỵ]/);
    }
  });
});

describe("a finding's proposed deduction", () => {
  it("may be anything from 0 up to its criterion's maximum", () => {
    expect(deductionProblems(DEFAULT_RUBRIC, [finding(1, "TC2", 0)])).toEqual([]);
    expect(deductionProblems(DEFAULT_RUBRIC, [finding(1, "TC2", 15)])).toEqual([]);
    expect(deductionProblems(DEFAULT_RUBRIC, [finding(1, "TC2", 7.5)])).toEqual([]);
  });

  it("is refused above its criterion's maximum, naming the criterion", () => {
    expect(deductionProblems(DEFAULT_RUBRIC, [finding(1, "TC2", 15.5)])).toEqual([
      "Điểm trừ đề xuất 15,5 vượt mức tối đa 15 điểm của tiêu chí «TC2. Không có hoặc chậm văn bản xin lỗi, hẹn lại ngày trả kết quả».",
      "Tổng điểm trừ của tiêu chí «TC2. Không có hoặc chậm văn bản xin lỗi, hẹn lại ngày trả kết quả» là 15,5, vượt mức tối đa 15 điểm.",
    ]);
  });

  it("is refused when negative or not a number", () => {
    expect(deductionProblems(DEFAULT_RUBRIC, [finding(1, "TC1", -1)])[0]).toContain("phải là số không âm");
    expect(deductionProblems(DEFAULT_RUBRIC, [finding(1, "TC1", Number.NaN)])[0]).toContain("phải là số không âm");
  });

  it("is refused against a criterion the rubric version does not have", () => {
    expect(deductionProblems(DEFAULT_RUBRIC, [finding(1, "TC9", 1)])).toEqual([
      "Tiêu chí «TC9» không có trong bộ tiêu chí «Trách nhiệm công vụ trong giải quyết thủ tục hành chính» phiên bản 1.",
    ]);
  });
});

describe("the deductions of one criterion across a case's findings", () => {
  it("may reach the criterion's maximum together", () => {
    expect(deductionProblems(DEFAULT_RUBRIC, [finding(1, "TC1", 25), finding(2, "TC1", 15)])).toEqual([]);
  });

  it("may not exceed it, so a delay is not punished twice by splitting it", () => {
    expect(deductionProblems(DEFAULT_RUBRIC, [finding(1, "TC1", 25), finding(2, "TC1", 20)])).toEqual([
      "Tổng điểm trừ của tiêu chí «TC1. Hồ sơ giải quyết quá hạn do lỗi của đối tượng kiểm tra» là 45, vượt mức tối đa 40 điểm.",
    ]);
  });

  it("compare decimals exactly", () => {
    const rubric: RubricSet = { id: "r", version: 1, title: "Thử", criteria: [{ code: "A", title: "A", maxPoints: 0.3, severity: "minor" }] };
    expect(deductionProblems(rubric, [finding(1, "A", 0.1), finding(2, "A", 0.2)])).toEqual([]);
  });

  it("count only current findings: the latest version, not withdrawn", () => {
    const old = finding(1, "TC1", 40, 1);
    const revised = reviseFinding(old, { proposedDeduction: 10 });
    expect(deductionProblems(DEFAULT_RUBRIC, [old, revised, finding(2, "TC1", 30)])).toEqual([]);
    const withdrawn = reviseFinding(finding(3, "TC1", 40), { withdrawn: true });
    expect(deductionProblems(DEFAULT_RUBRIC, [withdrawn, finding(2, "TC1", 30)])).toEqual([]);
  });
});

describe("a case's running score", () => {
  it("is 100 with no findings", () => {
    expect(caseScore(DEFAULT_RUBRIC, [])).toBe(100);
  });

  it("is 100 minus the current deductions", () => {
    const findings = [finding(1, "TC1", 12.5), finding(2, "TC2", 5), finding(3, "TC4", 10)];
    expect(caseScore(DEFAULT_RUBRIC, findings)).toBe(72.5);
  });

  it("follows revisions and ignores withdrawn findings", () => {
    const first = finding(1, "TC1", 20);
    const second = reviseFinding(first, { proposedDeduction: 8 });
    const gone = reviseFinding(finding(2, "TC3", 10), { withdrawn: true });
    expect(caseScore(DEFAULT_RUBRIC, [first, second, gone])).toBe(92);
  });

  it("never goes below 0", () => {
    // Over-limit deductions are refused by deductionProblems; the score still must not go negative meanwhile.
    expect(caseScore(DEFAULT_RUBRIC, [finding(1, "TC1", 60), finding(2, "TC2", 60)])).toBe(0);
  });
});

describe("revising a finding", () => {
  const original = finding(5, "TC1", 10);

  it("makes the next version with the changes", () => {
    const next = reviseFinding(original, { facts: "Hồ sơ 000.00.12.H55-250101-0001 trễ 3 ngày.", proposedDeduction: 12 });
    expect(next).toEqual({ ...original, version: 2, facts: "Hồ sơ 000.00.12.H55-250101-0001 trễ 3 ngày.", proposedDeduction: 12 });
    expect(reviseFinding(next, { criterionCode: "TC4" }).version).toBe(3);
  });

  it("does not touch the previous version", () => {
    reviseFinding(original, { proposedDeduction: 1 });
    expect(original.version).toBe(1);
    expect(original.proposedDeduction).toBe(10);
  });

  it("is no revision when nothing changes", () => {
    expect(reviseFinding(original, {})).toBe(original);
    expect(reviseFinding(original, { proposedDeduction: 10, facts: original.facts })).toBe(original);
  });
});

describe("an explanation answer", () => {
  const original = finding(5, "TC1", 10);

  it("is current for the version it answered", () => {
    expect(isAnswerStale({ findingId: 5, findingVersion: 1 }, original)).toBe(false);
  });

  it("is stale once the finding is revised", () => {
    const revised = reviseFinding(original, { facts: "Bổ sung chứng cứ." });
    expect(isAnswerStale({ findingId: 5, findingVersion: 1 }, revised)).toBe(true);
    expect(isAnswerStale({ findingId: 5, findingVersion: 2 }, revised)).toBe(false);
  });

  it("stays current when a save changes nothing", () => {
    expect(isAnswerStale({ findingId: 5, findingVersion: 1 }, reviseFinding(original, { proposedDeduction: 10 }))).toBe(false);
  });

  it("cannot be checked against another finding", () => {
    expect(() => isAnswerStale({ findingId: 6, findingVersion: 1 }, original)).toThrow(RangeError);
  });
});

describe("the current findings", () => {
  it("are the latest version of each, whatever order the versions come in", () => {
    const v1 = finding(1, "TC1", 5, 1);
    const v2 = reviseFinding(v1, { proposedDeduction: 6 });
    const v3 = reviseFinding(v2, { proposedDeduction: 7 });
    expect(currentFindings([v3, v1, v2, finding(2, "TC2", 1)]).map((f) => [f.id, f.version])).toEqual([
      [1, 3],
      [2, 1],
    ]);
  });
});
