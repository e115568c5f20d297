// Appraisal cycles through their pages (issue 6, points 2, 3 and 5): HR opens a cycle in scope, consumes a
// published item once — a second HR officer is told who got there first and when —, acknowledges a
// correction without counting it twice, records results (a reason whenever they differ from the rule
// set's proposal) and closes the cycle, after which nothing more goes in and new items wait for the next.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { atText } from "../../app/domain/appraisal/consumption.js";
import type { DisciplineLevel } from "../../app/domain/conclusion.js";
import { publishConclusion, saveItem, startConclusion, startCorrection, submitConclusion } from "../../app/models/conclusions.server.js";
import { loadSessionUser } from "../../app/models/users.server.js";
import * as cyclesPage from "../../app/routes/appraisal._index.js";
import * as cyclePage from "../../app/routes/appraisal.$cycleId._index.js";
import * as officerPage from "../../app/routes/appraisal.$cycleId.officers.$officerId.js";
import * as unitPage from "../../app/routes/appraisal.$cycleId.units.$unitId.js";
import { reviewedCase, setUpCaseWorld, type CaseWorld } from "../case-world.js";
import { call, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

let world: CaseWorld;
const PROVINCE = "000.00.00.H55";
const WARD = "000.31.01.H55";
let dossiers: string[];
let nextDossier = 0;
/** Fresh dossiers for each case: a judged dossier cannot be evidence against the same subject again. */
const take = (n: number) => dossiers.slice(nextDossier, (nextDossier += n));

const must = <T extends { ok: boolean; message?: string } | undefined>(r: T) => {
  if (!r || !r.ok) throw new Error(r?.message ?? "không tìm thấy vụ việc");
  return r;
};

/** A notice published about a unit or an officer, with one item, drafted by thanhtra and published by giamdoc. */
async function published(options: { subject?: { unit: string } | { officer: string }; delays?: number; disciplineLevel?: DisciplineLevel | null } = {}) {
  const codes = take(options.delays ?? 2);
  const c = await reviewedCase(world, codes, options.subject ?? { unit: WARD });
  const lead = (await loadSessionUser(getDb(), await userIdOf("thanhtra")))!;
  const approver = (await loadSessionUser(getDb(), await userIdOf("giamdoc")))!;
  const target = { caseId: c.caseId, scope: { all: true } as const };
  must(await startConclusion(getDb(), target, lead));
  must(
    await saveItem(
      getDb(),
      { ...target, subject: "case", kind: "violation", content: "Để hồ sơ giải quyết quá hạn.", points: 12, attributedDelays: codes.length, disciplineLevel: options.disciplineLevel ?? null, parDeduction: 0, findingIds: [c.findingId] },
      lead,
    ),
  );
  must(await submitConclusion(getDb(), target, lead, new Date("2026-01-01T00:00:00Z")));
  must(await publishConclusion(getDb(), { ...target, capacity: "deputy" }, approver));
  return { caseId: c.caseId, itemId: await latestItemOf(c.caseId) };
}

async function latestItemOf(caseId: number): Promise<number> {
  const row = await getDb()
    .selectFrom("conclusion_item as i")
    .innerJoin("conclusion as n", "n.id", "i.conclusion_id")
    .select("i.id")
    .where("n.case_id", "=", caseId)
    .where("n.status", "=", "published")
    .orderBy("i.id", "desc")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function openCycleAs(as: string, form: Record<string, string>) {
  return call(cyclesPage.action, await makeRequest("/appraisal", { as, form }));
}
const idFrom = (result: unknown) => Number((result as Response).headers.get("Location")!.split("/").pop());

async function overview(as: string, cycleId: number, search = "") {
  return call(cyclePage.loader, await makeRequest(`/appraisal/${cycleId}${search}`, { as }), { cycleId: String(cycleId) });
}
async function onCycle(as: string, cycleId: number, form: Record<string, string>) {
  return call(cyclePage.action, await makeRequest(`/appraisal/${cycleId}`, { as, form }), { cycleId: String(cycleId) });
}
async function sheet(as: string, cycleId: number, officerId: number) {
  return call(officerPage.loader, await makeRequest(`/appraisal/${cycleId}/officers/${officerId}`, { as }), { cycleId: String(cycleId), officerId: String(officerId) });
}
async function onSheet(as: string, cycleId: number, officerId: number, form: Record<string, string | string[]>) {
  return call(officerPage.action, await makeRequest(`/appraisal/${cycleId}/officers/${officerId}`, { as, form }), { cycleId: String(cycleId), officerId: String(officerId) });
}
async function unitSheetOf(as: string, cycleId: number, unitId: number) {
  return call(unitPage.loader, await makeRequest(`/appraisal/${cycleId}/units/${unitId}`, { as }), { cycleId: String(cycleId), unitId: String(unitId) });
}
async function onUnit(as: string, cycleId: number, unitId: number, form: Record<string, string>) {
  return call(unitPage.action, await makeRequest(`/appraisal/${cycleId}/units/${unitId}`, { as, form }), { cycleId: String(cycleId), unitId: String(unitId) });
}
const formError = (result: unknown) => Object.values(payloadOf(result).error as Record<string, string[]>).flat().join(" ");

let cycle1: number;
let unitItem: number;

beforeAll(async () => {
  world = await setUpCaseWorld();
  dossiers = [...world.dossierId.keys()];
}, 120_000);

describe("opening a cycle", () => {
  it("opens DG-2026-001 for the province under nd335-2025 and refuses the same cycle twice, naming it", async () => {
    const form = { year: "2026", quarter: "", scopeUnitId: String(world.unitId.get(PROVINCE)), ruleSetCode: "nd335-2025" };
    const opened = await openCycleAs("tccb", form);
    expect(statusOf(opened)).toBe(302);
    cycle1 = idFrom(opened);
    const again = await openCycleAs("tccb2", form);
    expect(statusOf(again)).toBe(409);
    expect(formError(again)).toContain("Đã có kỳ đánh giá DG-2026-001");
    expect(formError(again)).toContain("năm 2026 theo bộ quy tắc nd335-2025");
    const list = payloadOf(await call(cyclesPage.loader, await makeRequest("/appraisal", { as: "tccb" })));
    expect(list.rows.map((r: { reference: string }) => r.reference)).toEqual(["DG-2026-001"]);
    expect(list.defaults).toEqual({ year: 2026, ruleSetCode: "nd335-2025" });
  });

  it("answers a missing year and a rule set that does not cover the year in Vietnamese", async () => {
    const blank = await openCycleAs("tccb", { year: "", scopeUnitId: String(world.unitId.get(PROVINCE)), ruleSetCode: "nd335-2025" });
    expect(statusOf(blank)).toBe(400);
    expect(formError(blank)).toBe("Vui lòng nhập năm đánh giá.");
    const early = await openCycleAs("tccb", { year: "2024", scopeUnitId: String(world.unitId.get(PROVINCE)), ruleSetCode: "nd335-2025" });
    expect(statusOf(early)).toBe(409);
    expect(formError(early)).toBe("Bộ quy tắc nd335-2025 không áp dụng cho năm 2024.");
  });
});

describe("scope", () => {
  it("lets HR in, refuses an inspector (403), and hides a province cycle from HR of one commune (404)", async () => {
    expect(statusOf(await overview("tccb", cycle1))).toBe(200);
    expect(statusOf(await overview("thanhtra", cycle1))).toBe(403);
    expect(statusOf(await call(cyclesPage.loader, await makeRequest("/appraisal", { as: "thanhtra" })))).toBe(403);

    const id = "u_tccb_xa";
    await getDb().insertInto("app_user").values({ id, username: "tccbxa", display_name: "Trần Văn Xã", password_hash: "x" }).execute();
    await getDb().insertInto("user_role").values({ user_id: id, role: "hr", unit_id: world.unitId.get(WARD)! }).execute();
    expect(statusOf(await overview("tccbxa", cycle1))).toBe(404);
    expect(statusOf(await onCycle("tccbxa", cycle1, { intent: "close" }))).toBe(404);
    const list = payloadOf(await call(cyclesPage.loader, await makeRequest("/appraisal", { as: "tccbxa" })));
    expect(list.total).toBe(0);
    // The commune's HR may open the commune's own cycle, not the province's.
    const province = await openCycleAs("tccbxa", { year: "2026", quarter: "4", scopeUnitId: String(world.unitId.get(PROVINCE)), ruleSetCode: "nd335-2025" });
    expect(formError(province)).toBe("Đơn vị không thuộc phạm vi của bạn.");
  });
});

describe("consuming an item once", () => {
  it("counts the item for tccb and refuses tccb2, naming Nguyễn Thị Thanh Tâm and the time; one row only", async () => {
    ({ itemId: unitItem } = await published());
    const before = payloadOf(await overview("tccb", cycle1));
    expect(before.pending.rows.map((p: { id: number }) => p.id)).toContain(unitItem);
    expect(before.counts).toMatchObject({ pending: 1, counted: 0 });

    const first = await onCycle("tccb", cycle1, { intent: "consume", itemId: String(unitItem) });
    expect(statusOf(first)).toBe(302);
    const second = await onCycle("tccb2", cycle1, { intent: "consume", itemId: String(unitItem) });
    expect(statusOf(second)).toBe(409);
    const rows = await getDb().selectFrom("appraisal_consumption").selectAll().where("conclusion_item_id", "=", unitItem).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.mode).toBe("counted");
    const refusal = payloadOf(second).refusal;
    expect(refusal.itemId).toBe(unitItem);
    expect(refusal.message).toBe(
      `Nội dung kết luận này đã được ghi nhận vào đánh giá ở kỳ DG-2026-001 bởi Nguyễn Thị Thanh Tâm lúc ${atText(new Date(rows[0]!.consumed_at).toISOString())}. Mỗi nội dung kết luận chỉ được ghi nhận một lần, không đánh giá lại.`,
    );

    const after = payloadOf(await overview("tccb2", cycle1));
    expect(after.counts).toMatchObject({ pending: 0, counted: 1 });
    expect(after.consumed.rows[0]).toMatchObject({ itemId: unitItem, consumption: { consumerName: "Nguyễn Thị Thanh Tâm", mode: "counted" } });
    expect(after.units.rows).toEqual([expect.objectContaining({ code: WARD, counted: 1, pending: 0, deduction: 0.7 })]);
  });

  it("shows a correction published after consumption as to acknowledge; acknowledging counts nothing twice", async () => {
    const caseId = (await getDb().selectFrom("conclusion_item as i").innerJoin("conclusion as n", "n.id", "i.conclusion_id").select("n.case_id").where("i.id", "=", unitItem).executeTakeFirstOrThrow()).case_id;
    const lead = (await loadSessionUser(getDb(), await userIdOf("thanhtra")))!;
    const approver = (await loadSessionUser(getDb(), await userIdOf("giamdoc")))!;
    const target = { caseId, scope: { all: true } as const };
    must(await startCorrection(getDb(), target, lead));
    must(await submitConclusion(getDb(), target, lead, new Date("2026-01-01T00:00:00Z")));
    must(await publishConclusion(getDb(), { ...target, capacity: "director" }, approver));
    const correction = await latestItemOf(caseId);
    expect(correction).not.toBe(unitItem);

    const o = payloadOf(await overview("tccb", cycle1));
    expect(o.counts).toMatchObject({ pending: 0, corrections: 1, counted: 1, acknowledged: 0 });
    expect(o.corrections.rows).toEqual([expect.objectContaining({ id: correction, needsAcknowledgement: true })]);
    const unitId = world.unitId.get(WARD)!;
    const unitBefore = payloadOf(await unitSheetOf("tccb", cycle1, unitId));
    expect(unitBefore.corrections.map((c: { id: number }) => c.id)).toEqual([correction]);

    expect(statusOf(await onCycle("tccb2", cycle1, { intent: "consume", itemId: String(correction) }))).toBe(302);
    const ack = await getDb().selectFrom("appraisal_consumption").selectAll().where("conclusion_item_id", "=", correction).executeTakeFirstOrThrow();
    const original = await getDb().selectFrom("appraisal_consumption").selectAll().where("conclusion_item_id", "=", unitItem).executeTakeFirstOrThrow();
    expect(ack).toMatchObject({ mode: "acknowledged", acknowledges_consumption_id: original.id });

    const after = payloadOf(await overview("tccb", cycle1));
    expect(after.counts).toMatchObject({ pending: 0, corrections: 0, counted: 1, acknowledged: 1 });
    expect(after.units.rows).toEqual([expect.objectContaining({ code: WARD, counted: 1, deduction: 0.7 })]);
    const unitAfter = payloadOf(await unitSheetOf("tccb", cycle1, unitId));
    expect(unitAfter.proposal).toMatchObject({ deduction: 0.7, capped: false, tableVersion: 1 });
    expect(unitAfter.here.map((h: { consumption: { mode: string }; deduction: unknown }) => [h.consumption.mode, h.deduction])).toEqual([
      ["counted", { points: 0.7, source: "table" }],
      ["acknowledged", null],
    ]);
  });
});

describe("results", () => {
  let officerId: number;

  it("proposes from HR's points and tasks under nd335-2025, and refuses a different result without a reason", async () => {
    officerId = world.officerId.get("CB0062")!;
    const { itemId } = await published({ subject: { officer: "CB0062" }, delays: 2 });
    expect(statusOf(await onSheet("tccb", cycle1, officerId, { intent: "consume", itemId: String(itemId), taskTitle: "Giải quyết hồ sơ đất đai" }))).toBe(302);
    const empty = payloadOf(await sheet("tccb", cycle1, officerId));
    expect(empty.proposal).toEqual({ ok: false, ruleSet: "nd335-2025", problems: ["Chưa nhập điểm tiêu chí chung (từ 0 đến 30).", "Chưa nhập nhiệm vụ nào: mỗi nhiệm vụ một dòng «Tên nhiệm vụ; điểm; điểm tiến độ»."] });
    const early = await onSheet("tccb", cycle1, officerId, { intent: "result", rating: "good", reason: "" });
    expect(statusOf(early)).toBe(409);
    expect(formError(early)).toContain("Chưa có đề xuất xếp loại");

    const badLine = await onSheet("tccb", cycle1, officerId, { intent: "inputs-nd335", generalPoints: "25", tasks: "Giải quyết hồ sơ đất đai; bốn mươi; 10" });
    expect(statusOf(badLine)).toBe(400);
    expect(payloadOf(badLine).error.tasks).toEqual(["Dòng 1: điểm của nhiệm vụ «Giải quyết hồ sơ đất đai» phải là số, ví dụ 40 hoặc 12,5."]);

    const saved = await onSheet("tccb", cycle1, officerId, { intent: "inputs-nd335", generalPoints: "25", tasks: "Giải quyết hồ sơ đất đai; 40; 10\nTiếp công dân; 25; 5" });
    expect(statusOf(saved)).toBe(302);
    const s = payloadOf(await sheet("tccb", cycle1, officerId));
    // Two delays take 2 × 25% of 10 progress points from the first task: 25 + 35 + 25 = 85.
    expect(s.proposal).toMatchObject({ ok: true, rating: "good", label: "Hoàn thành tốt nhiệm vụ", points: 85 });
    expect(s.proposal.reasons.map((r: { rule: string }) => r.rule)).toEqual(["delay_deduction", "score_band"]);

    const noReason = await onSheet("tccb", cycle1, officerId, { intent: "result", rating: "excellent", points: "85", reason: "" });
    expect(statusOf(noReason)).toBe(409);
    expect(payloadOf(noReason).error.reason).toEqual(["Kết quả ghi nhận khác đề xuất (mức «Hoàn thành xuất sắc nhiệm vụ» khác đề xuất «Hoàn thành tốt nhiệm vụ»): vui lòng nêu lý do."]);
    const otherPoints = await onSheet("tccb", cycle1, officerId, { intent: "result", rating: "good", points: "86,5" });
    expect(payloadOf(otherPoints).error.reason[0]).toContain("86,5 điểm khác đề xuất 85 điểm");

    expect(statusOf(await onSheet("tccb", cycle1, officerId, { intent: "result", rating: "good", points: "85" }))).toBe(302);
    const withReason = await onSheet("tccb2", cycle1, officerId, { intent: "result", rating: "excellent", points: "85", reason: "Có sáng kiến được công nhận cấp tỉnh." });
    expect(statusOf(withReason)).toBe(302);
    const latest = payloadOf(await sheet("tccb", cycle1, officerId)).latest;
    expect(latest).toMatchObject({ finalRating: "excellent", finalPoints: 85, reason: "Có sáng kiến được công nhận cấp tỉnh.", recordedBy: "Lê Hoàng Phúc" });
    const results = await getDb().selectFrom("appraisal_result").select(["final_rating", "reason"]).where("officer_id", "=", officerId).orderBy("id").execute();
    expect(results.map((r) => r.final_rating)).toEqual([null, "good", "excellent"]);

    const o = payloadOf(await overview("tccb", cycle1));
    expect(o.officers.rows).toEqual([expect.objectContaining({ id: officerId, code: "CB0062", counted: 1, final: "Hoàn thành xuất sắc nhiệm vụ (85 điểm)" })]);
    // One excellent and no good in the commune: 20% of 0 allows none.
    expect(o.capWarnings).toHaveLength(1);
    expect(o.capWarnings[0].excellentNames).toEqual([o.officers.rows[0].name]);
  });

  it("refuses a unit deduction other than the computed one without a reason", async () => {
    const unitId = world.unitId.get(WARD)!;
    const refused = await onUnit("tccb", cycle1, unitId, { intent: "unit-result", points: "1", reason: "" });
    expect(statusOf(refused)).toBe(409);
    expect(payloadOf(refused).error.reason).toEqual(["Điểm trừ ghi nhận (1) khác điểm trừ tính theo bảng (0,7): vui lòng nêu lý do."]);
    expect(statusOf(await onUnit("tccb", cycle1, unitId, { intent: "unit-result", points: "0,7" }))).toBe(302);
    expect(payloadOf(await unitSheetOf("tccb", cycle1, unitId)).latest).toMatchObject({ finalPoints: 0.7, reason: null });
  });

  it("shows a viên chức in a nd335-2025 cycle apart, with the reason, and does not consume their item here", async () => {
    await getDb().updateTable("officer").set({ category: "public_employee" }).where("code", "=", "CB0064").execute();
    const { itemId } = await published({ subject: { officer: "CB0064" } });
    const o = payloadOf(await overview("tccb", cycle1));
    expect(o.notCovered.rows).toEqual([expect.objectContaining({ code: "CB0064", notCovered: "Viên chức: bộ quy tắc nd335-2025 không áp dụng năm 2026; đánh giá ở kỳ theo bộ quy tắc nd90-48.", pending: 1 })]);
    expect(o.pending.rows.find((p: { id: number }) => p.id === itemId).blockedReason).toContain("Viên chức");
    const refused = await onCycle("tccb", cycle1, { intent: "consume", itemId: String(itemId) });
    expect(statusOf(refused)).toBe(422);
    expect(payloadOf(refused).refusal.message).toContain("bộ quy tắc nd335-2025 của kỳ DG-2026-001 không áp dụng cho năm 2026");
  });

  it("proposes «Không hoàn thành nhiệm vụ» under nd90-48 for a counted violation with discipline recommended", async () => {
    const opened = await openCycleAs("tccb", { year: "2025", scopeUnitId: String(world.unitId.get(PROVINCE)), ruleSetCode: "nd90-48" });
    expect(statusOf(opened)).toBe(302);
    const cycle2025 = idFrom(opened);
    const officer = world.officerId.get("CB0063")!;
    const { itemId } = await published({ subject: { officer: "CB0063" }, disciplineLevel: "reprimand" });
    expect(statusOf(await onSheet("tccb", cycle2025, officer, { intent: "consume", itemId: String(itemId) }))).toBe(302);
    const s = payloadOf(await sheet("tccb", cycle2025, officer));
    expect(s.proposal).toMatchObject({ ok: true, ruleSet: "nd90-48", rating: "not_complete", label: "Không hoàn thành nhiệm vụ", actsCounted: [`KL-${itemId}`] });
    expect(s.proposal.reasons[0].text).toMatch(new RegExp(`^Vi phạm KL-${itemId} đã được kết luận và kiến nghị khiển trách, chưa có quyết định kỷ luật: xếp loại Không hoàn thành nhiệm vụ \\(Điều 11 Nghị định 90/2020/NĐ-CP\\)\\.$`));

    // A discipline decision later for the same act: still one act, named once.
    const recorded = await onSheet("tccb", cycle2025, officer, { intent: "discipline", decisionNumber: "45/QĐ-UBND", system: "administrative", level: "reprimand", decidedOn: "15/12/2025", conclusionItemId: String(itemId) });
    expect(statusOf(recorded)).toBe(302);
    const again = await onSheet("tccb", cycle2025, officer, { intent: "discipline", decisionNumber: "45/QĐ-UBND", system: "administrative", level: "reprimand", decidedOn: "15/12/2025" });
    expect(payloadOf(again).error.decisionNumber).toEqual(["Quyết định số 45/QĐ-UBND đã được ghi nhận cho Hoàng Văn An."]);
    const after = payloadOf(await sheet("tccb", cycle2025, officer));
    expect(after.disciplines).toEqual([expect.objectContaining({ decisionNumber: "45/QĐ-UBND", rootItemId: itemId, decidedOn: "2025-12-15" })]);
    expect(after.proposal.actsCounted).toEqual([`KL-${itemId}`]);
    expect(after.proposal.reasons.map((r: { rule: string }) => r.rule)).toEqual(["disciplined_in_year"]);
    expect(after.proposal.reasons[0].text).toContain("Bị xử lý kỷ luật hành chính (Khiển trách) trong năm 2025");
  });
});

describe("closing", () => {
  it("locks the cycle: consuming and recording are refused in Vietnamese, and a later item waits for the next cycle", async () => {
    expect(statusOf(await onCycle("tccb", cycle1, { intent: "close" }))).toBe(302);
    const closed = await onCycle("tccb2", cycle1, { intent: "close" });
    expect(statusOf(closed)).toBe(409);
    expect(payloadOf(closed).closeError).toBe("Kỳ đánh giá DG-2026-001 đã khoá.");

    const { itemId: later } = await published();
    const refused = await onCycle("tccb", cycle1, { intent: "consume", itemId: String(later) });
    expect(statusOf(refused)).toBe(422);
    expect(payloadOf(refused).refusal.message).toBe("Kỳ đánh giá DG-2026-001 đã khoá: nội dung chưa ghi nhận sẽ được chuyển sang kỳ sau.");
    const officerId = world.officerId.get("CB0062")!;
    const result = await onSheet("tccb", cycle1, officerId, { intent: "result", rating: "good", points: "85" });
    expect(statusOf(result)).toBe(409);
    expect(formError(result)).toBe("Kỳ đánh giá DG-2026-001 đã khoá: không ghi thêm thông tin, kết quả hay quyết định kỷ luật được.");
    const unit = await onUnit("tccb", cycle1, world.unitId.get(WARD)!, { intent: "unit-result", points: "0,7" });
    expect(formError(unit)).toContain("đã khoá");
    // The database says so too, whatever the code forgets.
    await expect(
      getDb().insertInto("appraisal_result").values({ cycle_id: cycle1, officer_id: officerId, proposed: "{}", recorded_by: await userIdOf("tccb") }).execute(),
    ).rejects.toThrow("Kỳ đánh giá đã khoá: không ghi thêm kết quả được.");

    const opened = await openCycleAs("tccb", { year: "2027", scopeUnitId: String(world.unitId.get(PROVINCE)), ruleSetCode: "nd335-2025" });
    const cycle2 = idFrom(opened);
    const next = payloadOf(await overview("tccb", cycle2));
    expect(next.pending.rows.map((p: { id: number }) => p.id)).toContain(later);
    expect(statusOf(await onCycle("tccb", cycle2, { intent: "consume", itemId: String(later) }))).toBe(302);
    // What cycle 1 counted stays there, read-only on the unit's sheet of cycle 2.
    const unitSheet2 = payloadOf(await unitSheetOf("tccb", cycle2, world.unitId.get(WARD)!));
    expect(unitSheet2.elsewhere.map((c: { itemId: number; consumption: { cycleReference: string } }) => [c.itemId, c.consumption.cycleReference])).toEqual([
      [unitItem, "DG-2026-001"],
      [expect.any(Number), "DG-2026-001"],
    ]);
    expect(unitSheet2.here.map((c: { itemId: number }) => c.itemId)).toEqual([later]);
  });

  it("left an audit trail of every step on the cycle", async () => {
    const events = await getDb().selectFrom("audit_event").select(["action", "summary"]).where("entity_type", "=", "appraisal_cycle").where("entity_id", "=", String(cycle1)).orderBy("id").execute();
    expect([...new Set(events.map((e) => e.action))]).toEqual([
      "appraisal.cycle_opened",
      "appraisal.item_consumed",
      "appraisal.correction_acknowledged",
      "appraisal.inputs_saved",
      "appraisal.result_recorded",
      "appraisal.unit_result_recorded",
      "appraisal.cycle_closed",
    ]);
    expect(events.find((e) => e.action === "appraisal.result_recorded" && e.summary.includes("Có sáng kiến"))?.summary).toBe(
      "Ghi kết quả xếp loại của Hoàng Hoài Yến (CB0062) trong kỳ DG-2026-001: Hoàn thành xuất sắc nhiệm vụ (85 điểm); lý do khác đề xuất: Có sáng kiến được công nhận cấp tỉnh.",
    );
  });
});
