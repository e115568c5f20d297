// Findings: recorded by the case's team against the rubric version the case keeps, citing dossiers of the
// case's evidence, revised into new versions with the earlier ones kept, withdrawn with a reason, and
// scored; refused to anyone off the team, over a criterion's maximum, and in SQL.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { detachEvidence } from "../../app/models/cases.server.js";
import { payloadOf, statusOf, userIdOf } from "../helpers.js";
import { buildWorld, caseRow, openCommuneCase, page, post, type World } from "./explanation-world.js";

let world: World;
let caseId: number;
let evidence: { id: number; code: string }[];
let outside: { id: number; code: string };

const TC1 = "«TC1. Hồ sơ giải quyết quá hạn do lỗi của đối tượng kiểm tra»";

beforeAll(async () => {
  world = await buildWorld();
  evidence = world.dossiers.slice(0, 3);
  outside = world.dossiers[5]!;
  caseId = await openCommuneCase(world, evidence.map((d) => d.id));
});

const add = (as: string, form: Record<string, string>) => post(as, caseId, { intent: "finding-add", ...form });

type FindingView = {
  id: number;
  number: number;
  current: { version: number; criterionCode: string; facts: string; proposedDeduction: number; withdrawn: boolean; changeNote: string | null; createdByName: string; dossiers: { id: number; code: string }[] };
  history: { version: number; facts: string; proposedDeduction: number; changeNote: string | null; createdByName: string }[];
};

type PageView = {
  list: FindingView[];
  timeline: { summary: string }[];
  score: { total: number; rows: { code: string; maxPoints: number; deducted: number; remaining: number }[] };
  currentCount: number;
  canEditFindings: boolean;
};

async function findingsOf(as = "thanhtra"): Promise<PageView> {
  const data = await page(as, caseId);
  return { ...data.findings, list: data.findings.findings, timeline: data.timeline };
}

describe("recording a finding", () => {
  it("by a team member, against a criterion, citing the case's evidence: numbered, scored, on the timeline", async () => {
    const response = await add("thanhtra2", {
      criterionCode: "TC1",
      facts: "Hồ sơ trễ hạn 3 ngày làm việc do chậm chuyển bước thẩm định.",
      proposedDeduction: "12,5",
      dossierIds: `${evidence[0]!.id},${evidence[1]!.id}`,
    });
    expect(statusOf(response)).toBe(302);
    const view = await findingsOf();
    expect(view.list).toHaveLength(1);
    expect(view.list[0]).toMatchObject({
      number: 1,
      current: { version: 1, criterionCode: "TC1", proposedDeduction: 12.5, withdrawn: false, createdByName: "Võ Quốc Bảo" },
      history: [],
    });
    expect(view.list[0]!.current.dossiers.map((d) => d.code)).toEqual([evidence[0]!.code, evidence[1]!.code].sort());
    expect(view.score.total).toBe(87.5);
    expect(view.score.rows[0]).toEqual({ code: "TC1", title: expect.any(String), maxPoints: 40, deducted: 12.5, remaining: 27.5 });
    expect(view.timeline[0]!.summary).toBe("Ghi nội dung kiểm tra số 1 (TC1, đề xuất trừ 12,5 điểm).");
    const audit = await getDb().selectFrom("audit_event").select(["entity_type", "entity_id", "actor_user_id"]).where("action", "=", "case.finding_add").executeTakeFirstOrThrow();
    expect(audit).toEqual({ entity_type: "case", entity_id: String(caseId), actor_user_id: await userIdOf("thanhtra2") });
  });

  it("numbers the next finding 2 and takes the lead's deduction on another criterion", async () => {
    expect(statusOf(await add("thanhtra", { criterionCode: "TC2", facts: "Không có văn bản xin lỗi.", proposedDeduction: "5", dossierIds: String(evidence[2]!.id) }))).toBe(302);
    const view = await findingsOf();
    expect(view.list.map((f) => [f.number, f.current.criterionCode])).toEqual([
      [1, "TC1"],
      [2, "TC2"],
    ]);
    expect(view.score.total).toBe(82.5);
  });

  it("refuses a deduction over the criterion's maximum, and over it in total across findings", async () => {
    const single = await add("thanhtra", { criterionCode: "TC2", facts: "Xin lỗi muộn.", proposedDeduction: "16", dossierIds: String(evidence[2]!.id) });
    expect(statusOf(single)).toBe(400);
    expect(payloadOf(single).error.proposedDeduction[0]).toContain("Điểm trừ đề xuất 16 vượt mức tối đa 15 điểm của tiêu chí «TC2.");
    const total = await add("thanhtra", { criterionCode: "TC1", facts: "Trễ hạn thêm.", proposedDeduction: "30", dossierIds: String(evidence[2]!.id) });
    expect(statusOf(total)).toBe(400);
    expect(payloadOf(total).error.proposedDeduction).toEqual([`Tổng điểm trừ của tiêu chí ${TC1} là 42,5, vượt mức tối đa 40 điểm.`]);
    expect((await findingsOf()).list).toHaveLength(2);
  });

  it("asks in Vietnamese for each field, and refuses a malformed deduction", async () => {
    const empty = await add("thanhtra", { criterionCode: "", facts: " ", proposedDeduction: "", dossierIds: "" });
    expect(statusOf(empty)).toBe(400);
    const errors = payloadOf(empty).error;
    expect(errors.criterionCode).toEqual(["Vui lòng chọn tiêu chí."]);
    expect(errors.facts).toEqual(["Vui lòng nhập nội dung kiểm tra (sự việc phát hiện và căn cứ)."]);
    expect(errors.proposedDeduction).toEqual(["Vui lòng nhập điểm trừ đề xuất."]);
    expect(errors.dossierIds).toEqual(["Vui lòng chọn ít nhất một hồ sơ chứng cứ làm căn cứ cho nội dung kiểm tra."]);
    const bad = await add("thanhtra", { criterionCode: "TC1", facts: "x", proposedDeduction: "-2", dossierIds: String(evidence[0]!.id) });
    expect(payloadOf(bad).error.proposedDeduction[0]).toMatch(/^Điểm trừ đề xuất phải là số không âm/);
    const unknown = await add("thanhtra", { criterionCode: "TC9", facts: "x", proposedDeduction: "1", dossierIds: String(evidence[0]!.id) });
    expect(payloadOf(unknown).error.criterionCode).toEqual(["Tiêu chí «TC9» không có trong bộ tiêu chí «Trách nhiệm công vụ trong giải quyết thủ tục hành chính» phiên bản 1."]);
  });

  it("refuses a dossier that is not in the case's evidence, or was detached from it, naming it", async () => {
    const foreign = await add("thanhtra", { criterionCode: "TC3", facts: "Yêu cầu bổ sung hai lần.", proposedDeduction: "4", dossierIds: `${evidence[0]!.id},${outside.id}` });
    expect(statusOf(foreign)).toBe(400);
    expect(payloadOf(foreign).error.dossierIds).toEqual([
      `Hồ sơ ${outside.code} không thuộc chứng cứ đang có hiệu lực của vụ việc (chưa đưa vào hoặc đã gỡ), nên không dùng làm căn cứ được.`,
    ]);
    const other = await openCommuneCase(world, [outside.id, evidence[0]!.id], "Vụ việc có hồ sơ bị gỡ");
    const row = await getDb().selectFrom("case_evidence").select("id").where("case_id", "=", other).where("dossier_id", "=", outside.id).executeTakeFirstOrThrow();
    expect(await detachEvidence(getDb(), { caseId: other, evidenceId: row.id, reason: "Không thuộc đơn vị" }, await userIdOf("thanhtra"))).toEqual({ ok: true });
    const detached = await post("thanhtra", other, { intent: "finding-add", criterionCode: "TC3", facts: "x", proposedDeduction: "1", dossierIds: String(outside.id) });
    expect(payloadOf(detached).error.dossierIds[0]).toContain(`Hồ sơ ${outside.code} không thuộc chứng cứ đang có hiệu lực`);
  });
});

describe("revising a finding", () => {
  const revise = (form: Record<string, string>) => post("thanhtra2", caseId, { intent: "finding-revise", ...form });
  let first: FindingView;

  beforeAll(async () => {
    first = (await findingsOf()).list[0]!;
  });

  const same = () => ({
    findingId: String(first.id),
    criterionCode: first.current.criterionCode,
    facts: first.current.facts,
    proposedDeduction: "12,5",
    dossierIds: first.current.dossiers.map((d) => d.id).join(","),
  });

  it("makes no version when nothing changed", async () => {
    const response = await revise({ ...same(), changeNote: "" });
    expect(statusOf(response)).toBe(302);
    const versions = await getDb().selectFrom("finding_version").select("version").where("finding_id", "=", first.id).execute();
    expect(versions).toEqual([{ version: 1 }]);
  });

  it("needs a change note for a change", async () => {
    const response = await revise({ ...same(), proposedDeduction: "10" });
    expect(statusOf(response)).toBe(400);
    expect(payloadOf(response).error.changeNote).toEqual(["Vui lòng ghi lý do sửa nội dung kiểm tra."]);
  });

  it("adds version 2 and keeps version 1 with who, when and why; the score follows", async () => {
    const response = await revise({ ...same(), proposedDeduction: "10", facts: "Hồ sơ trễ hạn 2 ngày làm việc (đã trừ thời gian bổ sung).", changeNote: "Trừ thời gian công dân bổ sung hồ sơ." });
    expect(statusOf(response)).toBe(302);
    const view = await findingsOf();
    const revised = view.list[0]!;
    expect(revised.current).toMatchObject({ version: 2, proposedDeduction: 10, changeNote: "Trừ thời gian công dân bổ sung hồ sơ.", createdByName: "Võ Quốc Bảo" });
    expect(revised.history).toEqual([
      expect.objectContaining({ version: 1, proposedDeduction: 12.5, facts: "Hồ sơ trễ hạn 3 ngày làm việc do chậm chuyển bước thẩm định.", changeNote: null }),
    ]);
    expect(view.score.total).toBe(85);
    expect(view.timeline[0]!.summary).toBe(
      "Sửa nội dung kiểm tra số 1 (nội dung, điểm trừ): phiên bản 1 → 2, TC1, đề xuất trừ 10 điểm. Lý do: Trừ thời gian công dân bổ sung hồ sơ.",
    );
  });

  it("counts a change of the cited dossiers as a change", async () => {
    const response = await revise({ ...same(), proposedDeduction: "10", facts: "Hồ sơ trễ hạn 2 ngày làm việc (đã trừ thời gian bổ sung).", dossierIds: String(evidence[0]!.id), changeNote: "Bỏ hồ sơ không liên quan." });
    expect(statusOf(response)).toBe(302);
    const revised = (await findingsOf()).list[0]!;
    expect(revised.current.version).toBe(3);
    expect(revised.current.dossiers.map((d) => d.id)).toEqual([evidence[0]!.id]);
    expect(revised.history.map((h) => h.version)).toEqual([2, 1]);
  });
});

describe("withdrawing a finding", () => {
  it("needs a reason, keeps the finding on record and stops its deduction", async () => {
    const second = (await findingsOf()).list[1]!;
    const noReason = await post("thanhtra", caseId, { intent: "finding-withdraw", findingId: String(second.id), reason: " " });
    expect(statusOf(noReason)).toBe(400);
    expect(payloadOf(noReason).error.reason).toEqual(["Vui lòng nêu lý do rút nội dung kiểm tra."]);
    expect(statusOf(await post("thanhtra", caseId, { intent: "finding-withdraw", findingId: String(second.id), reason: "Đơn vị đã có văn bản xin lỗi đúng hạn." }))).toBe(302);
    const view = await findingsOf();
    const gone = view.list[1]!;
    expect(gone.current).toMatchObject({ version: 2, withdrawn: true, changeNote: "Đơn vị đã có văn bản xin lỗi đúng hạn." });
    expect(gone.history).toHaveLength(1);
    expect(view.score.total).toBe(90);
    expect(view.currentCount).toBe(1);
    const again = await post("thanhtra", caseId, { intent: "finding-revise", findingId: String(gone.id), criterionCode: "TC2", facts: "x", proposedDeduction: "1", dossierIds: String(evidence[2]!.id), changeNote: "Khôi phục" });
    expect(statusOf(again)).toBe(409);
    expect(payloadOf(again).error[""]).toEqual(["Nội dung kiểm tra số 2 đã rút, không sửa được nữa."]);
  });
});

describe("who may write findings", () => {
  it("refuses an inspector who is not on the case's team, with the reason", async () => {
    const refused = await add("thanhtra3", { criterionCode: "TC3", facts: "x", proposedDeduction: "1", dossierIds: String(evidence[0]!.id) });
    expect(statusOf(refused)).toBe(409);
    expect(payloadOf(refused).error[""]).toEqual(["Chỉ thành viên đoàn kiểm tra của vụ việc này được ghi, sửa hoặc rút nội dung kiểm tra."]);
    const first = (await findingsOf()).list[0]!;
    const withdraw = await post("thanhtra3", caseId, { intent: "finding-withdraw", findingId: String(first.id), reason: "x" });
    expect(statusOf(withdraw)).toBe(409);
    const view = await findingsOf("thanhtra3");
    expect(view.canEditFindings).toBe(false);
    expect(view.list.map((f) => f.current.version)).toEqual([3, 2]);
  });

  it("forbids approvers and unit heads (403), and hides other units' cases from unit heads (404)", async () => {
    for (const as of ["giamdoc", "truongdonvi"]) {
      expect(statusOf(await add(as, { criterionCode: "TC3", facts: "x", proposedDeduction: "1", dossierIds: String(evidence[0]!.id) }))).toBe(403);
    }
    expect(statusOf(await add("tccb", { criterionCode: "TC3", facts: "x", proposedDeduction: "1", dossierIds: String(evidence[0]!.id) }))).toBe(403);
  });

  it("shows the unit head the findings with the dossier codes but no evidence links", async () => {
    const data = await page("truongdonvi", caseId);
    expect(data.canReadEvidence).toBe(false);
    expect(data.findings.canEditFindings).toBe(false);
    expect(data.findings.findings.map((f: FindingView) => f.number)).toEqual([1, 2]);
    expect((await page("thanhtra", caseId)).canReadEvidence).toBe(true);
  });

  it("refuses a finding of a case that is not found in a unit head's scope: 404", async () => {
    const other = await post("thanhtra", 999999, { intent: "finding-add", criterionCode: "TC1", facts: "x", proposedDeduction: "1", dossierIds: "1" });
    expect(statusOf(other)).toBe(404);
  });

  it("stops once the case is submitted for approval", async () => {
    await getDb().updateTable("inspection_case").set({ state: "pending_approval" }).where("id", "=", caseId).execute();
    const late = await add("thanhtra", { criterionCode: "TC3", facts: "x", proposedDeduction: "1", dossierIds: String(evidence[0]!.id) });
    expect(statusOf(late)).toBe(409);
    expect(payloadOf(late).error[""]).toEqual(["Vụ việc đang ở trạng thái «Chờ phê duyệt»: nội dung kiểm tra không còn thay đổi được."]);
    expect((await page("thanhtra", caseId)).findings.editRefusal).toBe("Vụ việc đang ở trạng thái «Chờ phê duyệt»: nội dung kiểm tra không còn thay đổi được.");
    await getDb().updateTable("inspection_case").set({ state: "open" }).where("id", "=", caseId).execute();
    expect((await caseRow(caseId)).state).toBe("open");
  });
});

describe("the record of findings", () => {
  it("cannot be rewritten or deleted in SQL", async () => {
    const v = await getDb().selectFrom("finding_version").select(["id", "finding_id"]).orderBy("id").executeTakeFirstOrThrow();
    await expect(sql`update finding_version set proposed_deduction = 0 where id = ${v.id}`.execute(getDb())).rejects.toThrow(/chỉ được ghi thêm/);
    await expect(sql`delete from finding_version where id = ${v.id}`.execute(getDb())).rejects.toThrow(/chỉ được ghi thêm/);
    await expect(sql`update finding set number = 99 where id = ${v.finding_id}`.execute(getDb())).rejects.toThrow(/chỉ được ghi thêm/);
    await expect(sql`delete from finding_version_dossier where finding_version_id = ${v.id}`.execute(getDb())).rejects.toThrow(/chỉ được ghi thêm/);
  });
});
