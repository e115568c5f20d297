// The explanation: the lead asks with a working-day deadline (over holidays too), the head of the
// inspected unit answers each finding with files checked by their bytes, sends when every current
// finding is answered, and sees an answer go stale when the finding is revised; another unit's head finds
// nothing at all, and the record cannot be rewritten in SQL.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { formatIsoDate, todayInVietnam } from "../../app/domain/format.js";
import { getCaseFindings, requestExplanation } from "../../app/models/explanations.server.js";
import { loadCalendar } from "../../app/models/outcomes.server.js";
import * as attachmentRoute from "../../app/routes/cases.$caseId.attachments.$attachmentId.js";
import * as casePage from "../../app/routes/cases.$caseId.js";
import { call, makeRequest, payloadOf, statusOf } from "../helpers.js";
import { buildWorld, caseRow, openCommuneCase, page, post, sessionUser, type World } from "./explanation-world.js";

let world: World;
let caseId: number;
let findingIds: number[];

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n", "latin1");
const pdfFile = (name = "Biên bản làm việc.pdf") => new File([new Uint8Array(PDF)], name, { type: "application/pdf" });

async function addFinding(id: number, criterionCode: string, deduction: string, dossierId: number) {
  const response = await post("thanhtra", id, { intent: "finding-add", criterionCode, facts: `Vi phạm theo tiêu chí ${criterionCode}.`, proposedDeduction: deduction, dossierIds: String(dossierId) });
  expect(statusOf(response)).toBe(302);
}

const answer = (as: string, findingId: number, body: string, file?: File) =>
  post(as, caseId, { intent: "explanation-answer", findingId: String(findingId), body, ...(file ? { files: file } : {}) });

async function download(as: string, attachmentId: number, id = caseId, headers: Record<string, string> = {}) {
  return call(attachmentRoute.loader, await makeRequest(`/cases/${id}/attachments/${attachmentId}`, { as, headers }), { caseId: String(id), attachmentId: String(attachmentId) });
}

beforeAll(async () => {
  world = await buildWorld();
  caseId = await openCommuneCase(world, [world.dossiers[0]!.id, world.dossiers[1]!.id]);
  await addFinding(caseId, "TC1", "10", world.dossiers[0]!.id);
  await addFinding(caseId, "TC3", "4", world.dossiers[1]!.id);
  findingIds = (await getDb().selectFrom("finding").select("id").where("case_id", "=", caseId).orderBy("number").execute()).map((f) => f.id);
});

describe("asking the unit to explain", () => {
  it("is for the team lead, on a case with a finding, for 1 to 60 working days", async () => {
    const member = await post("thanhtra2", caseId, { intent: "explanation-request", workingDays: "5" });
    expect(statusOf(member)).toBe(409);
    expect(payloadOf(member).error[""]).toEqual(["Chỉ Trưởng đoàn kiểm tra được thực hiện thao tác «Yêu cầu giải trình»."]);
    for (const workingDays of ["0", "61", "2,5", "năm"]) {
      const bad = await post("thanhtra", caseId, { intent: "explanation-request", workingDays });
      expect(statusOf(bad)).toBe(400);
      expect(payloadOf(bad).error.workingDays).toEqual(["Số ngày làm việc phải là số nguyên từ 1 đến 60."]);
    }
    const empty = await openCommuneCase(world, [world.dossiers[2]!.id], "Vụ việc chưa có nội dung kiểm tra");
    const none = await post("thanhtra", empty, { intent: "explanation-request", workingDays: "5" });
    expect(statusOf(none)).toBe(409);
    expect(payloadOf(none).error[""]).toEqual(["Vụ việc chưa có nội dung kiểm tra nào: hãy ghi nội dung kiểm tra trước khi yêu cầu đơn vị giải trình."]);
    expect((await caseRow(empty)).state).toBe("open");
    // The generic state button cannot skip the deadline.
    const generic = await post("thanhtra", caseId, { intent: "transition", action: "request_explanation" });
    expect(statusOf(generic)).toBe(409);
    expect(payloadOf(generic).error[""]).toEqual(["Thao tác «Yêu cầu giải trình» được thực hiện tại mục Giải trình của vụ việc."]);
    expect(await getDb().selectFrom("explanation_request").selectAll().execute()).toEqual([]);
  });

  it("sets the deadline that many working days ahead, moves the case, and both sides read it in working days", async () => {
    const response = await post("thanhtra", caseId, { intent: "explanation-request", workingDays: "5", message: "Đề nghị giải trình từng nội dung, kèm tài liệu chứng minh." });
    expect(statusOf(response)).toBe(302);
    const expected = (await loadCalendar(getDb())).addWorkingDays(todayInVietnam(), 5);
    const c = await caseRow(caseId);
    expect(c).toMatchObject({ state: "awaiting_explanation", explanation_deadline: expected });
    const request = await getDb().selectFrom("explanation_request").selectAll().where("case_id", "=", caseId).executeTakeFirstOrThrow();
    expect(request).toMatchObject({ working_days: 5, deadline: expected, message: "Đề nghị giải trình từng nội dung, kèm tài liệu chứng minh." });
    for (const as of ["thanhtra", "truongdonvi"]) {
      const view = (await page(as, caseId)).findings;
      expect(view.explanation.deadlineText).toBe(`Hạn giải trình: ${formatIsoDate(expected)} (còn 5 ngày làm việc)`);
    }
    const audit = await getDb().selectFrom("audit_event").select(["action", "summary"]).where("entity_id", "=", String(caseId)).orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
    expect(audit).toEqual({
      action: "case.transition",
      summary: `Yêu cầu giải trình: Đang kiểm tra → Chờ giải trình. Hạn giải trình: ${formatIsoDate(expected)} (5 ngày làm việc).`,
    });
  });

  it("counts over holidays: asked on Friday 24/04/2026 for 5 working days, due Wednesday 06/05/2026", async () => {
    const other = await openCommuneCase(world, [world.dossiers[3]!.id], "Vụ việc trước kỳ nghỉ lễ");
    await addFinding(other, "TC2", "3", world.dossiers[3]!.id);
    const lead = await sessionUser("thanhtra");
    const result = await requestExplanation(getDb(), { caseId: other, scope: { all: true }, workingDays: 5 }, lead, new Date("2026-04-24T03:00:00Z"));
    expect(result).toMatchObject({ ok: true, deadline: "2026-05-06" });
    const at = (iso: string) => getCaseFindings(getDb(), { caseId: other, scope: { all: true }, viewer: lead, now: new Date(iso) });
    expect((await at("2026-05-04T03:00:00Z"))!.explanation.deadlineText).toBe("Hạn giải trình: 06/05/2026 (còn 2 ngày làm việc)");
    expect((await at("2026-05-06T03:00:00Z"))!.explanation.deadlineText).toBe("Hạn giải trình: 06/05/2026 (hôm nay là ngày cuối)");
    expect((await at("2026-05-08T03:00:00Z"))!.explanation.deadlineText).toBe("Hạn giải trình: 06/05/2026 (đã quá hạn 2 ngày làm việc)");
  });

  it("keeps the findings still while the unit explains", async () => {
    const refused = await post("thanhtra", caseId, { intent: "finding-add", criterionCode: "TC4", facts: "x", proposedDeduction: "1", dossierIds: String(world.dossiers[0]!.id) });
    expect(statusOf(refused)).toBe(409);
    expect(payloadOf(refused).error[""][0]).toMatch(/^Đơn vị đang giải trình/);
  });
});

describe("the unit head's answers", () => {
  let attachmentId: number;

  it("answer a finding with a PDF: stored with its SHA-256, shown to the inspectors", async () => {
    const response = await answer("truongdonvi", findingIds[0]!, "Đơn vị đã kiểm điểm công chức tiếp nhận; hồ sơ trễ do hệ thống lỗi.", pdfFile());
    expect(statusOf(response)).toBe(302);
    const stored = await getDb().selectFrom("attachment").selectAll().where("case_id", "=", caseId).executeTakeFirstOrThrow();
    attachmentId = stored.id;
    expect(stored).toMatchObject({ file_name: "Biên bản làm việc.pdf", media_type: "application/pdf", size_bytes: PDF.length, sha256: createHash("sha256").update(PDF).digest("hex") });
    expect(Buffer.compare(stored.content, PDF)).toBe(0);
    const finding = (await page("thanhtra", caseId)).findings.findings[0];
    expect(finding.answers).toHaveLength(1);
    expect(finding.answers[0]).toMatchObject({
      findingVersion: 1,
      stale: false,
      body: "Đơn vị đã kiểm điểm công chức tiếp nhận; hồ sơ trễ do hệ thống lỗi.",
      answeredByName: "Võ Thành Nhân",
      attachments: [{ id: attachmentId, fileName: "Biên bản làm việc.pdf", mediaType: "application/pdf", sizeBytes: PDF.length, sha256: stored.sha256 }],
    });
  });

  it("serve the file as a download with its type, nosniff and the SHA-256 as ETag", async () => {
    for (const as of ["thanhtra", "giamdoc", "truongdonvi"]) {
      const response = (await download(as, attachmentId)) as Response;
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="Bien ban lam viec.pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20l%C3%A0m%20vi%E1%BB%87c.pdf`);
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      const sha = createHash("sha256").update(PDF).digest("hex");
      expect(response.headers.get("ETag")).toBe(`"${sha}"`);
      expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), PDF)).toBe(0);
    }
    const cached = (await download("thanhtra", attachmentId, caseId, { "If-None-Match": `"${createHash("sha256").update(PDF).digest("hex")}"` })) as Response;
    expect(cached.status).toBe(304);
    expect(statusOf(await download("tccb", attachmentId))).toBe(403);
  });

  it("refuse a file whose bytes are not PDF, PNG or JPEG whatever it claims, naming it; nothing is stored", async () => {
    const page = new File(["<html><script>alert(1)</script></html>"], "bao-cao.pdf", { type: "application/pdf" });
    const response = await answer("truongdonvi", findingIds[1]!, "Giải trình kèm tệp giả.", page);
    expect(statusOf(response)).toBe(400);
    expect(payloadOf(response).error.files).toEqual(["Tệp «bao-cao.pdf» không phải PDF, PNG hoặc JPEG (nội dung tệp không đúng định dạng)."]);
    expect(await getDb().selectFrom("explanation_answer").select("id").where("finding_id", "=", findingIds[1]!).execute()).toEqual([]);
  });

  it("refuse a file over 10 MiB by name, and keep what was typed", async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    const response = await answer("truongdonvi", findingIds[1]!, "Giải trình có tệp quá lớn.", new File([big], "Ảnh chụp hồ sơ.pdf", { type: "application/pdf" }));
    expect(statusOf(response)).toBe(400);
    expect(payloadOf(response).error.files).toEqual(["Tệp «Ảnh chụp hồ sơ.pdf» lớn hơn 10 MB, vượt giới hạn mỗi tệp."]);
    expect(payloadOf(response).initialValue.body).toBe("Giải trình có tệp quá lớn.");
    expect(await getDb().selectFrom("attachment").select("id").execute()).toHaveLength(1);
  });

  it("are refused to inspectors (403)", async () => {
    expect(statusOf(await answer("thanhtra", findingIds[1]!, "Không phải đơn vị."))).toBe(403);
  });

  it("cannot be sent while a current finding has no answer, naming it", async () => {
    const refused = await post("truongdonvi", caseId, { intent: "explanation-submit" });
    expect(statusOf(refused)).toBe(409);
    expect(payloadOf(refused).error[""]).toEqual(["Chưa thể gửi giải trình: nội dung kiểm tra số 2 chưa có giải trình cho phiên bản hiện hành."]);
    const generic = await post("truongdonvi", caseId, { intent: "transition", action: "submit_explanation" });
    expect(statusOf(generic)).toBe(409);
    expect((await caseRow(caseId)).state).toBe("awaiting_explanation");
    expect((await page("thanhtra", caseId)).findings.explanation.unanswered).toEqual([2]);
  });

  it("are superseded by a newer answer to the same finding, both kept", async () => {
    expect(statusOf(await answer("truongdonvi", findingIds[0]!, "Bổ sung: đã khắc phục lỗi hệ thống từ 01/12/2025."))).toBe(302);
    const answers = (await page("thanhtra", caseId)).findings.findings[0].answers;
    expect(answers.map((a: { body: string }) => a.body)).toEqual(["Bổ sung: đã khắc phục lỗi hệ thống từ 01/12/2025.", "Đơn vị đã kiểm điểm công chức tiếp nhận; hồ sơ trễ do hệ thống lỗi."]);
    expect(answers[1].attachments).toHaveLength(1);
  });

  it("are sent once every current finding is answered, and the case goes to review", async () => {
    expect(statusOf(await answer("truongdonvi", findingIds[1]!, "Yêu cầu bổ sung lần hai do hồ sơ thiếu giấy tờ bắt buộc."))).toBe(302);
    const sent = await post("truongdonvi", caseId, { intent: "explanation-submit" });
    expect(statusOf(sent)).toBe(302);
    expect((await caseRow(caseId)).state).toBe("under_review");
    const timeline = (await page("thanhtra", caseId)).timeline;
    expect(timeline[0].summary).toBe("Gửi giải trình: Chờ giải trình → Đang xem xét. Giải trình 2 nội dung kiểm tra.");
    expect((await page("thanhtra", caseId)).findings.explanation.submittedAt).toBeInstanceOf(Date);
    const late = await answer("truongdonvi", findingIds[1]!, "Bổ sung sau khi gửi.");
    expect(statusOf(late)).toBe(409);
    expect(payloadOf(late).error[""][0]).toMatch(/^Vụ việc không ở trạng thái «Chờ giải trình»/);
  });

  it("go stale when the finding is revised; asked again, the unit must answer the new version", async () => {
    const revised = await post("thanhtra2", caseId, {
      intent: "finding-revise",
      findingId: String(findingIds[0]!),
      criterionCode: "TC1",
      facts: "Vi phạm theo tiêu chí TC1, có thêm hồ sơ trễ hạn.",
      proposedDeduction: "12",
      dossierIds: String(world.dossiers[0]!.id),
      changeNote: "Bổ sung sau giải trình.",
    });
    expect(statusOf(revised)).toBe(302);
    for (const as of ["thanhtra", "truongdonvi"]) {
      const first = (await page(as, caseId)).findings.findings[0];
      expect(first.current.version).toBe(2);
      expect(first.answers[0]).toMatchObject({ findingVersion: 1, stale: true });
    }
    expect(statusOf(await post("thanhtra", caseId, { intent: "explanation-request", workingDays: "3" }))).toBe(302);
    expect(await getDb().selectFrom("explanation_request").select("working_days").where("case_id", "=", caseId).orderBy("id").execute()).toEqual([{ working_days: 5 }, { working_days: 3 }]);
    expect((await page("thanhtra", caseId)).findings.explanation.submittedAt).toBeNull();
    const refused = await post("truongdonvi", caseId, { intent: "explanation-submit" });
    expect(payloadOf(refused).error[""]).toEqual(["Chưa thể gửi giải trình: nội dung kiểm tra số 1 chưa có giải trình cho phiên bản hiện hành."]);
    expect(statusOf(await answer("truongdonvi", findingIds[0]!, "Giải trình cho nội dung đã sửa."))).toBe(302);
    const fresh = (await page("truongdonvi", caseId)).findings.findings[0].answers[0];
    expect(fresh).toMatchObject({ findingVersion: 2, stale: false });
    expect(statusOf(await post("truongdonvi", caseId, { intent: "explanation-submit" }))).toBe(302);
    expect((await caseRow(caseId)).state).toBe("under_review");
  });
});

describe("another unit's head", () => {
  it("gets 404 and no data for the case page, an answer, sending, and the file", async () => {
    const before = await getDb().selectFrom("explanation_answer").select("id").execute();
    await getDb().updateTable("inspection_case").set({ state: "awaiting_explanation" }).where("id", "=", caseId).execute();
    const pageResponse = await call(casePage.loader, await makeRequest(`/cases/${caseId}`, { as: "truongdonvi2" }), { caseId: String(caseId) });
    expect(statusOf(pageResponse)).toBe(404);
    const posted = await answer("truongdonvi2", findingIds[1]!, "Giải trình thay đơn vị khác.", pdfFile("gia-mao.pdf"));
    expect(statusOf(posted)).toBe(404);
    expect(await (posted as Response).text()).not.toContain("Nội dung");
    expect(statusOf(await post("truongdonvi2", caseId, { intent: "explanation-submit" }))).toBe(404);
    const attachment = await getDb().selectFrom("attachment").select("id").orderBy("id").executeTakeFirstOrThrow();
    const file = (await download("truongdonvi2", attachment.id)) as Response;
    expect(file.status).toBe(404);
    expect(file.headers.get("Content-Disposition")).toBeNull();
    expect(await file.text()).not.toContain("%PDF");
    expect(await getDb().selectFrom("explanation_answer").select("id").execute()).toEqual(before);
    await getDb().updateTable("inspection_case").set({ state: "under_review" }).where("id", "=", caseId).execute();
  });

  it("and anyone asking for a file through another case's address gets 404", async () => {
    const other = await openCommuneCase(world, [world.dossiers[4]!.id], "Vụ việc khác");
    const attachment = await getDb().selectFrom("attachment").select("id").orderBy("id").executeTakeFirstOrThrow();
    expect(statusOf(await download("thanhtra", attachment.id, other))).toBe(404);
  });
});

describe("the record of the explanation", () => {
  it("cannot be rewritten or deleted in SQL", async () => {
    const a = await getDb().selectFrom("explanation_answer").select("id").orderBy("id").executeTakeFirstOrThrow();
    const f = await getDb().selectFrom("attachment").select("id").orderBy("id").executeTakeFirstOrThrow();
    const r = await getDb().selectFrom("explanation_request").select("id").orderBy("id").executeTakeFirstOrThrow();
    await expect(sql`update explanation_answer set body = 'Sửa lén' where id = ${a.id}`.execute(getDb())).rejects.toThrow(/chỉ được ghi thêm/);
    await expect(sql`delete from explanation_answer where id = ${a.id}`.execute(getDb())).rejects.toThrow(/chỉ được ghi thêm/);
    await expect(sql`update attachment set content = '\\x00'::bytea, size_bytes = 1 where id = ${f.id}`.execute(getDb())).rejects.toThrow(/chỉ được ghi thêm/);
    await expect(sql`delete from attachment where id = ${f.id}`.execute(getDb())).rejects.toThrow(/chỉ được ghi thêm/);
    await expect(sql`update explanation_request set deadline = '2099-01-01' where id = ${r.id}`.execute(getDb())).rejects.toThrow(/chỉ được ghi thêm/);
  });
});
