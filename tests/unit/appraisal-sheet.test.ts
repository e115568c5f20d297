import { describe, expect, it } from "vitest";
import { finalResultProblem, parseDecimal, parseTaskLines, proposeForOfficer, unitResultProblem, type ProposalFacts } from "../../app/domain/appraisal/sheet.js";

const violation = { kind: "violation" as const, points: 12, attributedDelays: 2, disciplineLevel: "reprimand" as const };
const base: ProposalFacts = { ruleSetCode: "nd90-48", year: 2025, category: "civil_servant", inputs: {}, items: [], disciplines: [], actsCountedInEarlierYears: [] };

describe("an officer's proposal", () => {
  it("starts from «Hoàn thành tốt nhiệm vụ» under nd90-48 until HR assesses the officer", () => {
    expect(proposeForOfficer(base)).toMatchObject({ ok: true, rating: "good", points: null, actsCounted: [] });
    expect(proposeForOfficer({ ...base, inputs: { assessedRating: "complete" } })).toMatchObject({ ok: true, rating: "complete" });
  });

  it("names a corrected item and its original as one act, the root item, so a later decision about either counts once", () => {
    const p = proposeForOfficer({
      ...base,
      // Item 9 corrects item 4: the act is KL-4.
      items: [{ itemId: 9, rootItemId: 4, label: "1 (Thông báo số 03/TB-SNV)", effect: violation, taskTitle: null }],
      disciplines: [{ id: 1, decisionNumber: "12/QĐ-UBND", rootItemId: 4, system: "administrative", level: "reprimand", decidedOn: "2025-10-01" }],
    });
    expect(p).toMatchObject({ ok: true, rating: "not_complete", actsCounted: ["KL-4"] });
  });

  it("does not count again an act used in an earlier year, and names a decision about no item by its number", () => {
    const p = proposeForOfficer({
      ...base,
      disciplines: [
        { id: 1, decisionNumber: "12/QĐ-UBND", rootItemId: 4, system: "administrative", level: "reprimand", decidedOn: "2025-02-01" },
        { id: 2, decisionNumber: "30/QĐ-UBND", rootItemId: null, system: "party", level: "warning", decidedOn: "2025-03-01" },
      ],
      actsCountedInEarlierYears: ["KL-4"],
    });
    expect(p).toMatchObject({ ok: true, rating: "not_complete", actsCounted: ["QĐ-30/QĐ-UBND"] });
  });

  it("asks for general points and tasks under nd335-2025, and reads each item's task from HR's entry first", () => {
    const facts: ProposalFacts = { ...base, ruleSetCode: "nd335-2025", year: 2026, items: [{ itemId: 7, rootItemId: 7, label: "1 (Thông báo số 01/TB-SNV)", effect: { ...violation, disciplineLevel: null }, taskTitle: "Sai tên" }] };
    expect(proposeForOfficer(facts)).toEqual({
      ok: false,
      ruleSet: "nd335-2025",
      problems: ["Chưa nhập điểm tiêu chí chung (từ 0 đến 30).", "Chưa nhập nhiệm vụ nào: mỗi nhiệm vụ một dòng «Tên nhiệm vụ; điểm; điểm tiến độ»."],
    });
    const tasks = [{ title: "Hộ tịch", points: 40, progressPoints: 10 }];
    expect(proposeForOfficer({ ...facts, inputs: { generalPoints: 25, tasks } })).toMatchObject({ ok: false, problems: ["Nội dung kết luận 1 (Thông báo số 01/TB-SNV) gắn với nhiệm vụ Sai tên không có trong danh sách nhiệm vụ."] });
    expect(proposeForOfficer({ ...facts, inputs: { generalPoints: 25, tasks, itemTasks: { "7": "Hộ tịch" } } })).toMatchObject({ ok: true, rating: "complete", points: 60 });
  });
});

describe("tasks typed one a line", () => {
  it("reads «Tên nhiệm vụ; điểm; điểm tiến độ» with Vietnamese decimal commas and skips blank lines", () => {
    expect(parseTaskLines("Hộ tịch; 40; 10\n\nChứng thực; 12,5; 2.5\n")).toEqual({
      ok: true,
      tasks: [
        { title: "Hộ tịch", points: 40, progressPoints: 10 },
        { title: "Chứng thực", points: 12.5, progressPoints: 2.5 },
      ],
    });
    expect(parseDecimal("1,234")).toBeNull();
  });

  it("names the line and the task that is wrong", () => {
    expect(parseTaskLines("Hộ tịch; 40\nChứng thực; x; 2")).toEqual({
      ok: false,
      errors: [
        "Dòng 1: cần đúng ba phần «Tên nhiệm vụ; điểm; điểm tiến độ», cách nhau bởi dấu chấm phẩy.",
        "Dòng 2: điểm của nhiệm vụ «Chứng thực» phải là số, ví dụ 40 hoặc 12,5.",
      ],
    });
  });
});

describe("a result that differs from the proposal", () => {
  const proposal = proposeForOfficer({ ...base, ruleSetCode: "nd335-2025", year: 2026, inputs: { generalPoints: 25, tasks: [{ title: "Hộ tịch", points: 60, progressPoints: 10 }] } });

  it("needs a reason, whether the rating or the points differ", () => {
    expect(finalResultProblem(proposal, { rating: "good", points: 85, reason: null })).toBeNull();
    expect(finalResultProblem(proposal, { rating: "excellent", points: 85, reason: " " })).toBe(
      "Kết quả ghi nhận khác đề xuất (mức «Hoàn thành xuất sắc nhiệm vụ» khác đề xuất «Hoàn thành tốt nhiệm vụ»): vui lòng nêu lý do.",
    );
    expect(finalResultProblem(proposal, { rating: "good", points: 80, reason: null })).toContain("80 điểm khác đề xuất 85 điểm");
    expect(finalResultProblem(proposal, { rating: "excellent", points: 85, reason: "Sáng kiến cấp tỉnh." })).toBeNull();
  });

  it("cannot be recorded before there is a proposal", () => {
    const none = proposeForOfficer({ ...base, ruleSetCode: "nd335-2025", year: 2026 });
    expect(finalResultProblem(none, { rating: "good", points: null, reason: "x" })).toMatch(/^Chưa có đề xuất xếp loại: /);
  });

  it("for a unit's PAR deduction, too", () => {
    expect(unitResultProblem(0.7, { points: 0.7, reason: null })).toBeNull();
    expect(unitResultProblem(0.7, { points: 1, reason: "" })).toBe("Điểm trừ ghi nhận (1) khác điểm trừ tính theo bảng (0,7): vui lòng nêu lý do.");
  });
});
