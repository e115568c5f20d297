import { describe, expect, it } from "vitest";
import { nd335Band, nd335ExcellentCap, rateNd335, taskPointsAfterDelays } from "../../app/domain/appraisal/nd335-2025.js";
import type { AppraisalItem, DisciplineDecision, GroupProposal, Nd335Input, Nd335Task } from "../../app/domain/appraisal/types.js";

const task = (taskId: string, points: number, progressPoints: number): Nd335Task => ({ taskId, title: `Nhiệm vụ ${taskId}`, points, progressPoints });
function delays(taskId: string | null, attributedDelays: number, actId = `act-${taskId}`): AppraisalItem {
  return { itemId: `item-${actId}`, actId, kind: "violation", points: 0, attributedDelays, disciplineLevel: null, taskId };
}
function decision(actId: string, overrides: Partial<DisciplineDecision> = {}): DisciplineDecision {
  return { decisionId: `qd-${actId}`, actId, system: "administrative", level: "reprimand", decidedOn: "2026-05-04", ...overrides };
}
/** 30 general + two tasks of 35 points, 10 of them progress: 100 before any delay. */
function input(overrides: Partial<Nd335Input> = {}): Nd335Input {
  return { year: 2026, generalPoints: 30, tasks: [task("T1", 35, 10), task("T2", 35, 10)], items: [], disciplines: [], ...overrides };
}
function rated(overrides: Partial<Nd335Input> = {}) {
  const result = rateNd335(input(overrides));
  if (!result.ok) throw new Error(result.problems.join(" "));
  return result;
}

describe("the bands of Nghị định 335/2025/NĐ-CP (mức xếp loại công chức, khoản 1–4)", () => {
  it.each([
    [100, "excellent"],
    [90, "excellent"],
    [89.99, "good"],
    [70, "good"],
    [69.99, "complete"],
    [50, "complete"],
    [49.99, "not_complete"],
    [0, "not_complete"],
  ] as const)("puts %s points in %s", (points, band) => {
    expect(nd335Band(points)).toBe(band);
  });

  it("is not fooled by floating point: 30 + 59.99 + 0.01 is exactly 90 (khoản 1)", () => {
    expect(rated({ generalPoints: 30, tasks: [task("T1", 59.99, 0), task("T2", 0.01, 0)] })).toMatchObject({ points: 90, band: "excellent", label: "Hoàn thành xuất sắc nhiệm vụ" });
  });

  it("gives 89.99 points Hoàn thành tốt nhiệm vụ (khoản 2)", () => {
    expect(rated({ generalPoints: 29.99, tasks: [task("T1", 60, 0)] })).toMatchObject({ points: 89.99, band: "good", label: "Hoàn thành tốt nhiệm vụ" });
  });

  it("gives 50 points Hoàn thành nhiệm vụ and 49.5 Không hoàn thành nhiệm vụ (khoản 3, khoản 4 điểm a)", () => {
    expect(rated({ generalPoints: 20, tasks: [task("T1", 30, 0)] })).toMatchObject({ points: 50, label: "Hoàn thành nhiệm vụ" });
    const below = rated({ generalPoints: 19.5, tasks: [task("T1", 30, 0)] });
    expect(below).toMatchObject({ points: 49.5, band: "not_complete", label: "Không hoàn thành nhiệm vụ" });
    expect(below.reasons.at(-1)?.citation).toMatchObject({ instrument: "Nghị định 335/2025/NĐ-CP", clause: "4", point: "a" });
  });
});

describe("a delay attributed to a task (NĐ 335/2025, tiến độ: mỗi lần chậm trừ 25% điểm tiến độ)", () => {
  it("takes 25% of that task's progress points per delay", () => {
    expect(taskPointsAfterDelays(35, 10, 1)).toEqual({ deduction: 2.5, points: 32.5 });
    expect(taskPointsAfterDelays(35, 10, 3)).toEqual({ deduction: 7.5, points: 27.5 });
  });

  it("never takes more than the task's progress points", () => {
    expect(taskPointsAfterDelays(35, 10, 4)).toEqual({ deduction: 10, points: 25 });
    expect(taskPointsAfterDelays(35, 10, 7)).toEqual({ deduction: 10, points: 25 });
  });

  it("falls on its own task only, and lowers the total and the band", () => {
    const result = rated({ items: [delays("T1", 2), delays("T1", 1, "other-act")] });
    expect(result.taskPoints).toEqual([
      { taskId: "T1", delays: 3, deduction: 7.5, points: 27.5 },
      { taskId: "T2", delays: 0, deduction: 0, points: 35 },
    ]);
    expect(result).toMatchObject({ points: 92.5, band: "excellent" });
    expect(result.reasons[0]?.text).toBe("Nhiệm vụ \"Nhiệm vụ T1\": 3 lần chậm tiến độ, mỗi lần trừ 25% điểm tiến độ (10), bị trừ 7,5 điểm (Nghị định 335/2025/NĐ-CP).");
    expect(rated({ items: [delays("T1", 4), delays("T2", 1)] })).toMatchObject({ points: 87.5, band: "good" });
  });

  it("must be attached to an entered task before the officer can be scored", () => {
    const result = rateNd335(input({ items: [delays(null, 2), delays("T9", 1)] }));
    expect(result).toEqual({
      ok: false,
      problems: [
        "Nội dung kết luận item-act-null có 2 lần chậm nhưng chưa gắn với nhiệm vụ nào.",
        "Nội dung kết luận item-act-T9 gắn với nhiệm vụ T9 không có trong danh sách nhiệm vụ.",
      ],
    });
  });
});

describe("the 100-point scale: 30 general + 70 tasks (NĐ 335/2025)", () => {
  it("refuses general points above 30 and task points above 70", () => {
    const result = rateNd335(input({ generalPoints: 31, tasks: [task("T1", 40, 10), task("T2", 31, 0)] }));
    expect(result).toEqual({ ok: false, problems: ["Điểm tiêu chí chung phải từ 0 đến 30.", "Tổng điểm các nhiệm vụ vượt quá 70."] });
  });

  it("refuses progress points larger than the task's points", () => {
    expect(rateNd335(input({ tasks: [task("T1", 5, 10)] }))).toMatchObject({ ok: false, problems: ['Nhiệm vụ "Nhiệm vụ T1": điểm tiến độ phải từ 0 đến điểm của nhiệm vụ.'] });
  });
});

describe("a civil servant disciplined in the year (NĐ 335/2025, khoản 4 điểm c: từ khiển trách trở lên)", () => {
  it("is not complete at reprimand even with 100 points", () => {
    const result = rated({ disciplines: [decision("A1")] });
    expect(result).toMatchObject({ points: 100, band: "not_complete", label: "Không hoàn thành nhiệm vụ" });
    expect(result.reasons.at(-1)).toMatchObject({ rule: "disciplined_in_year", citation: { clause: "4", point: "c" } });
  });

  it("is not complete at every heavier level", () => {
    for (const level of ["warning", "salary_downgrade", "demotion", "removal", "dismissal"] as const) {
      expect(rated({ disciplines: [decision("A1", { level })] }).band).toBe("not_complete");
    }
  });

  it("is not affected by a discipline decided in 2025 or 2027", () => {
    expect(rated({ disciplines: [decision("A1", { decidedOn: "2025-12-31" }), decision("A2", { decidedOn: "2027-01-02" })] }).band).toBe("excellent");
  });

  it("names one act disciplined by both Party and administration once", () => {
    const result = rated({ disciplines: [decision("A1", { system: "party" }), decision("A1", { decisionId: "qd-2" })] });
    const disciplined = result.reasons.filter((r) => r.rule === "disciplined_in_year");
    expect(disciplined.map((r) => r.text)).toEqual([
      "Bị xử lý kỷ luật đảng (Khiển trách) và kỷ luật hành chính (Khiển trách) trong năm 2026 về hành vi A1: xếp loại Không hoàn thành nhiệm vụ (điểm c khoản 4 Nghị định 335/2025/NĐ-CP).",
    ]);
  });

  it("is not affected by a discipline merely recommended in a conclusion", () => {
    expect(rated({ items: [{ ...delays("T1", 0), disciplineLevel: "warning" }] }).band).toBe("excellent");
  });
});

describe("the 20% cap (NĐ 335/2025, khoản 5 điểm a)", () => {
  const group = (good: number, excellent: number): GroupProposal[] => [
    ...Array.from({ length: good }, (_, i) => ({ officerId: `g${i}`, rating: "good" as const })),
    ...Array.from({ length: excellent }, (_, i) => ({ officerId: `x${i}`, rating: "excellent" as const })),
  ];

  it("allows floor(20% × good) excellent: 0 for 4 good, 1 for 5", () => {
    expect(nd335ExcellentCap(group(4, 1))).toMatchObject({ maxExcellent: 0, exceeded: true, excess: 1, excellentOfficerIds: ["x0"] });
    expect(nd335ExcellentCap(group(5, 1))).toMatchObject({ maxExcellent: 1, exceeded: false, reason: null });
  });

  it("cites Decree 335 in its reason", () => {
    expect(nd335ExcellentCap(group(3, 1)).reason?.citation).toMatchObject({ instrument: "Nghị định 335/2025/NĐ-CP", clause: "5", point: "a" });
  });
});
