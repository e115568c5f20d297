// Follow-up of recommendations: the owner unit reports (appended), the lead accepts, rejects with a
// reason or waives; overdue recommendations are listed and are the approver's default view; unit heads
// see only their own units'; a case closes only when every recommendation is settled.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { recommendationsSettled } from "../../app/models/followup.server.js";
import * as list from "../../app/routes/followup._index.js";
import * as home from "../../app/routes/_index.js";
import * as detail from "../../app/routes/followup.$recommendationId.js";
import * as casePage from "../../app/routes/cases.$caseId.js";
import { publishedCase, setUpCaseWorld, type CaseWorld } from "../case-world.js";
import { call, makeRequest, payloadOf, statusOf } from "../helpers.js";

let world: CaseWorld;
let caseId: number;
let dueSoon: number; // owner: the demo unit head's commune, deadline next year
let overdue: number; // owner: the same commune, deadline already passed
let elsewhere: number; // owner: another unit

const FAR = `${Number(new Date().getUTCFullYear()) + 1}-06-30`;

beforeAll(async () => {
  world = await setUpCaseWorld();
  const published = await publishedCase(world, [[...world.dossierId.keys()][3]!], [
    { ownerUnit: "000.31.01.H55", deadline: FAR, content: "Rà soát quy trình tiếp nhận hồ sơ." },
    { ownerUnit: "000.31.01.H55", deadline: "2026-02-15", content: "Gửi văn bản xin lỗi công dân." },
    { ownerUnit: "000.00.07.H55", deadline: FAR, content: "Phối hợp xử lý hồ sơ liên thông." },
  ]);
  caseId = published.caseId;
  const recs = await getDb().selectFrom("recommendation").select(["id", "position"]).where("conclusion_id", "=", published.conclusionId).orderBy("position").execute();
  [dueSoon, overdue, elsewhere] = recs.map((r) => r.id) as [number, number, number];
});

const page = async (as: string, id: number) => call(detail.loader, await makeRequest(`/followup/${id}`, { as }), { recommendationId: String(id) });
const post = async (as: string, id: number, form: Record<string, string | Blob>) => call(detail.action, await makeRequest(`/followup/${id}`, { as, form }), { recommendationId: String(id) });

describe("the follow-up list", () => {
  it("shows the approver the overdue recommendations first, highlighted", async () => {
    const seen = payloadOf(await call(list.loader, await makeRequest("/followup", { as: "giamdoc" })));
    expect(seen.filter).toBe("overdue");
    expect(seen.rows.map((r: { id: number }) => r.id)).toEqual([overdue]);
    expect(seen.rows[0]).toMatchObject({ overdue: true, statusLabel: "Chưa thực hiện", ownerUnitName: expect.any(String) });
    expect(seen.counts).toEqual({ all: 3, pending: 3, overdue: 1, settled: 0 });
    // The escalation reaches the approver's home page; an inspector's home does not carry it.
    expect(payloadOf(await call(home.loader, await makeRequest("/", { as: "giamdoc" }))).work.overdue).toBe(1);
    expect(payloadOf(await call(home.loader, await makeRequest("/", { as: "thanhtra" }))).work.overdue).toBeNull();
  });

  it("shows a unit head only their units' recommendations; another unit's is 404", async () => {
    const seen = payloadOf(await call(list.loader, await makeRequest("/followup?filter=all", { as: "truongdonvi" })));
    expect(seen.rows.map((r: { id: number }) => r.id).sort()).toEqual([dueSoon, overdue].sort());
    expect(statusOf(await page("truongdonvi", elsewhere))).toBe(200); // the case is about their unit: they may read it …
    expect(payloadOf(await page("truongdonvi", elsewhere)).can.report).toBe(false); // … but not report for another unit
    expect(statusOf(await post("truongdonvi", elsewhere, { intent: "report", body: "Đã làm" }))).toBe(404);
    expect(statusOf(await call(list.loader, await makeRequest("/followup", { as: "tccb" })))).toBe(403);
  });
});

describe("reports and decisions", () => {
  it("appends reports; the lead rejects with a reason, then accepts; nothing is overwritten", async () => {
    expect(statusOf(await post("truongdonvi", dueSoon, { intent: "report", body: "" }))).toBe(400);
    const early = await post("thanhtra", dueSoon, { intent: "decide", decision: "accepted" });
    expect(payloadOf(early).error[""]).toEqual(["Đơn vị chưa gửi báo cáo khắc phục mới để đánh giá."]);
    expect(statusOf(await post("truongdonvi", dueSoon, { intent: "report", body: "Đã rà soát, ban hành quy trình mới." }))).toBe(302);
    expect(payloadOf(await page("thanhtra", dueSoon)).recommendation.status).toBe("reported");
    const noReason = await post("thanhtra", dueSoon, { intent: "decide", decision: "rejected" });
    expect(payloadOf(noReason).error.reason).toEqual(["Vui lòng nêu lý do."]);
    expect(statusOf(await post("thanhtra2", dueSoon, { intent: "decide", decision: "accepted" }))).toBe(409);
    expect(statusOf(await post("thanhtra", dueSoon, { intent: "decide", decision: "rejected", reason: "Chưa gửi kèm quy trình." }))).toBe(302);
    expect(payloadOf(await page("truongdonvi", dueSoon)).recommendation.status).toBe("open");
    const pdf = new File([Buffer.from("%PDF-1.4\n% quy trình\n%%EOF\n")], "Quyết định 12.pdf", { type: "application/pdf" });
    const fake = new File([Buffer.from("<html>not a pdf</html>")], "giả.pdf", { type: "application/pdf" });
    const refused = await post("truongdonvi", dueSoon, { intent: "report", body: "Gửi kèm quyết định.", files: fake });
    expect(payloadOf(refused).error.files[0]).toBe("Tệp «giả.pdf» không phải PDF, PNG hoặc JPEG (nội dung tệp không đúng định dạng).");
    expect(statusOf(await post("truongdonvi", dueSoon, { intent: "report", body: "Gửi kèm Quyết định số 12/QĐ-UBND ban hành quy trình.", files: pdf }))).toBe(302);
    const withFile = payloadOf(await page("thanhtra", dueSoon)).reports[0];
    expect(withFile.attachments).toEqual([{ id: expect.any(Number), fileName: "Quyết định 12.pdf", sizeBytes: pdf.size, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(statusOf(await post("thanhtra", dueSoon, { intent: "decide", decision: "accepted" }))).toBe(302);
    const done = payloadOf(await page("truongdonvi", dueSoon));
    expect(done.recommendation.status).toBe("done");
    expect(done.reports).toHaveLength(2);
    expect(done.decisions.map((d: { decision: string }) => d.decision)).toEqual(["accepted", "rejected"]);
    expect(done.can.report).toBe(false);
    await expect(sql`update remediation_report set body = 'Sửa'`.execute(getDb())).rejects.toThrow(/chỉ được ghi thêm/);
    await expect(sql`delete from recommendation_decision`.execute(getDb())).rejects.toThrow(/chỉ được ghi thêm/);
  });

  it("closes the case only when every recommendation is done or waived", async () => {
    expect(await recommendationsSettled(getDb(), caseId)).toBe(false);
    const close = async () => call(casePage.action, await makeRequest(`/cases/${caseId}`, { as: "thanhtra", form: { intent: "transition", action: "close" } }), { caseId: String(caseId) });
    const early = await close();
    expect(statusOf(early)).toBe(409);
    expect(payloadOf(early).error[""][0]).toBe("Chưa thể kết thúc vụ việc: còn kiến nghị chưa thực hiện xong hoặc chưa được miễn.");
    expect(statusOf(await post("thanhtra", overdue, { intent: "decide", decision: "waived", reason: "Công dân đã rút hồ sơ." }))).toBe(302);
    expect(await recommendationsSettled(getDb(), caseId)).toBe(false);
    await post("truongdonvi", elsewhere, { intent: "report", body: "x" }); // not theirs: 404, changes nothing
    expect(statusOf(await post("thanhtra", elsewhere, { intent: "decide", decision: "waived", reason: "Đơn vị đã sáp nhập." }))).toBe(302);
    expect(await recommendationsSettled(getDb(), caseId)).toBe(true);
    const seen = payloadOf(await call(casePage.loader, await makeRequest(`/cases/${caseId}`, { as: "thanhtra" }), { caseId: String(caseId) }));
    expect(seen.actions.map((a: { action: string }) => a.action)).toContain("close");
    expect(statusOf(await close())).toBe(302);
    expect((await getDb().selectFrom("inspection_case").select("state").where("id", "=", caseId).executeTakeFirstOrThrow()).state).toBe("closed");
    const audit = await getDb().selectFrom("audit_event").select("action").where("entity_id", "=", String(caseId)).where("action", "like", "followup.%").orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["followup.report", "followup.rejected", "followup.report", "followup.accepted", "followup.waived", "followup.waived"]);
  });
});
