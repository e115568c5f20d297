// Conclusions: the lead drafts, an approver who did not draft returns or approves, approval publishes
// with the next number of the year (gap-free under concurrency), published rows are frozen by the
// database, corrections supersede, the public register and verification page show only what is public,
// and a judged dossier cannot be evidence against the same subject again.
import { writeFile } from "node:fs/promises";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { todayInVietnam } from "../../app/domain/format.js";
import { openCase } from "../../app/models/cases.server.js";
import { publishConclusion } from "../../app/models/conclusions.server.js";
import { loadSessionUser } from "../../app/models/users.server.js";
import * as workspacePage from "../../app/routes/cases.$caseId_.conclusion.js";
import * as newCase from "../../app/routes/cases.new.js";
import * as register from "../../app/routes/public.notices._index.js";
import * as verify from "../../app/routes/public.notices.$noticeId._index.js";
import * as noticePdf from "../../app/routes/public.notices.$noticeId.pdf.js";
import { HAVE_POPPLER, bodyText, flat, pdfInfo, pdfPages } from "../pdf-text.js";
import { reviewedCase as reviewedCaseIn, setUpCaseWorld, type CaseWorld } from "../case-world.js";
import { call, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

let world: CaseWorld;
const YEAR = Number(todayInVietnam().slice(0, 4));
const nextMonth = () => {
  const d = new Date(Date.now() + 40 * 86400000);
  return d.toISOString().slice(0, 10);
};

const reviewedCase = (codes: string[], subject?: { unit: string } | { officer: string }) => reviewedCaseIn(world, codes, subject);

async function act(as: string, caseId: number, form: Record<string, string | string[]>) {
  return call(workspacePage.action, await makeRequest(`/cases/${caseId}/conclusion`, { as, form }), { caseId: String(caseId) });
}
async function view(as: string, caseId: number) {
  return call(workspacePage.loader, await makeRequest(`/cases/${caseId}/conclusion`, { as }), { caseId: String(caseId) });
}
const refusal = (result: unknown) => Object.values(payloadOf(result).error as Record<string, string[]>).flat().join(" ");

/** A draft with one item and one recommendation, by the lead. */
async function draft(caseId: number, findingId: number) {
  expect(statusOf(await act("thanhtra", caseId, { intent: "start" }))).toBe(302);
  expect(
    statusOf(
      await act("thanhtra", caseId, {
        intent: "item",
        subject: "case",
        kind: "violation",
        content: "Để 3 hồ sơ giải quyết quá hạn, không có văn bản xin lỗi.",
        points: "12",
        attributedDelays: "3",
        disciplineLevel: "reprimand",
        parDeduction: "0.5",
        findingIds: [String(findingId)],
      }),
    ),
  ).toBe(302);
  expect(
    statusOf(
      await act("thanhtra", caseId, {
        intent: "recommendation",
        kind: "review",
        content: "Tổ chức kiểm điểm trách nhiệm tập thể, cá nhân để hồ sơ quá hạn.",
        ownerUnitId: String(world.unitId.get("000.31.01.H55")),
        deadline: nextMonth(),
      }),
    ),
  ).toBe(302);
}

beforeAll(async () => {
  world = await setUpCaseWorld();
});

describe("drafting and approving a conclusion", () => {
  it("goes draft → returned with a comment → approved and published as 01/TB-SNV, frozen, with the case", async () => {
    const codes = [...world.dossierId.keys()].slice(0, 3);
    const { caseId, findingId } = await reviewedCase(codes);
    // Only the lead drafts: a member and an approver are refused.
    expect(refusal(await act("thanhtra2", caseId, { intent: "start" }))).toBe("Chỉ Trưởng đoàn kiểm tra được soạn dự thảo kết luận.");
    expect(statusOf(await act("giamdoc", caseId, { intent: "start" }))).toBe(403);
    await draft(caseId, findingId);
    const over = await act("thanhtra", caseId, { intent: "item", subject: "case", kind: "violation", content: "x", points: "250" });
    expect(statusOf(over)).toBe(400);
    expect(payloadOf(over).error.points).toEqual(["Điểm trừ tối đa 100 điểm."]);
    const past = await act("thanhtra", caseId, { intent: "recommendation", kind: "remedy", content: "Khắc phục", ownerUnitId: String(world.unitId.get("000.31.01.H55")), deadline: "2020-01-01" });
    expect(refusal(past)).toBe("Thời hạn thực hiện kiến nghị phải sau hôm nay.");

    // The approver sees nothing to approve before submission; the unit head sees no draft at all.
    expect(payloadOf(await view("truongdonvi", caseId)).conclusion).toBeNull();
    expect(statusOf(await act("thanhtra", caseId, { intent: "submit" }))).toBe(302);
    expect((await getDb().selectFrom("inspection_case").select("state").where("id", "=", caseId).executeTakeFirstOrThrow()).state).toBe("pending_approval");
    // Pending approval, the draft cannot be edited.
    expect(refusal(await act("thanhtra", caseId, { intent: "item", subject: "case", kind: "shortcoming", content: "Thêm" }))).toBe(
      "Dự thảo đang chờ phê duyệt: chỉ sửa được sau khi lãnh đạo trả lại.",
    );
    const noComment = await act("giamdoc", caseId, { intent: "return", comment: "  " });
    expect(payloadOf(noComment).error.comment).toEqual(["Vui lòng nhập ý kiến khi trả lại."]);
    expect(statusOf(await act("giamdoc", caseId, { intent: "return", comment: "Bổ sung căn cứ pháp lý của nội dung 1." }))).toBe(302);
    const returned = payloadOf(await view("thanhtra", caseId));
    expect(returned.conclusion.status).toBe("draft");
    expect(returned.reviews[0]).toMatchObject({ action: "returned", comment: "Bổ sung căn cứ pháp lý của nội dung 1." });
    expect(returned.case.state).toBe("under_review");

    expect(statusOf(await act("thanhtra", caseId, { intent: "submit" }))).toBe(302);
    expect(statusOf(await act("giamdoc", caseId, { intent: "approve", capacity: "deputy" }))).toBe(302);
    const published = await getDb().selectFrom("conclusion").selectAll().where("case_id", "=", caseId).executeTakeFirstOrThrow();
    expect(published).toMatchObject({ status: "published", number: 1, symbol: "TB-SNV", year: YEAR, signer_authority: "KT. GIÁM ĐỐC", signer_title: "PHÓ GIÁM ĐỐC", signer_name: "Trần Thị Thanh Hương" });
    expect(published.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await getDb().selectFrom("inspection_case").select("state").where("id", "=", caseId).executeTakeFirstOrThrow()).state).toBe("published");
    const judged = await getDb().selectFrom("conclusion_item_dossier").select("dossier_id").execute();
    expect(judged.map((j) => j.dossier_id).sort()).toEqual(codes.map((c) => world.dossierId.get(c)!).sort());

    // The unit head now reads the published notice; the audit trail has every step.
    const seen = payloadOf(await view("truongdonvi", caseId));
    expect(seen.notices.map((n: { number: string }) => n.number)).toEqual(["01/TB-SNV"]);
    const actions = await getDb().selectFrom("audit_event").select("action").where("entity_type", "=", "case").where("entity_id", "=", String(caseId)).where("action", "like", "conclusion.%").orderBy("id").execute();
    expect(actions.map((a) => a.action)).toEqual([
      "conclusion.draft",
      "conclusion.item_save",
      "conclusion.recommendation_save",
      "conclusion.submit",
      "conclusion.return",
      "conclusion.submit",
      "conclusion.publish",
    ]);

    // The database refuses any change to what was published, whatever the client.
    const id = published.id;
    const refusals = [
      sql`update conclusion set title = 'Sửa' where id = ${id}`,
      sql`delete from conclusion where id = ${id}`,
      sql`update conclusion_item set points = 0 where conclusion_id = ${id}`,
      sql`delete from conclusion_item where conclusion_id = ${id}`,
      sql`update recommendation set deadline = deadline + 365 where conclusion_id = ${id}`,
      sql`delete from recommendation where conclusion_id = ${id}`,
      sql`insert into recommendation (conclusion_id, position, kind, content, owner_unit_id, deadline) values (${id}, 9, 'remedy', 'Thêm', ${world.unitId.get("000.31.01.H55")!}, '2030-01-01')`,
      sql`delete from conclusion_item_dossier`,
    ];
    for (const statement of refusals) {
      await expect(statement.execute(getDb())).rejects.toThrow(/đã công bố/);
    }
  });

  it("never lets the drafter approve, even holding the approver role", async () => {
    const { caseId, findingId } = await reviewedCase([[...world.dossierId.keys()][5]!]);
    await draft(caseId, findingId);
    expect(statusOf(await act("thanhtra", caseId, { intent: "submit" }))).toBe(302);
    const thanhtra = await userIdOf("thanhtra");
    await getDb().insertInto("user_role").values({ user_id: thanhtra, role: "approver", unit_id: null }).execute();
    try {
      const refused = await act("thanhtra", caseId, { intent: "approve", capacity: "director" });
      expect(statusOf(refused)).toBe(409);
      expect(refusal(refused)).toBe("Không thể phê duyệt kết luận do chính mình dự thảo.");
      expect(payloadOf(await view("thanhtra", caseId)).can.approve).toBe(false);
    } finally {
      await getDb().deleteFrom("user_role").where("user_id", "=", thanhtra).where("role", "=", "approver").execute();
    }
    expect((await getDb().selectFrom("conclusion").select("status").where("case_id", "=", caseId).executeTakeFirstOrThrow()).status).toBe("pending_approval");
  });

  it("gives 20 concurrent publications 20 distinct consecutive numbers", async () => {
    const before = await getDb().selectFrom("notice_number_counter").select("last_number").where("year", "=", YEAR).executeTakeFirst();
    const start = before?.last_number ?? 0;
    const codes = [...world.dossierId.keys()];
    const cases = [];
    for (let i = 0; i < 20; i++) {
      const c = await reviewedCase([codes[20 + i]!]);
      await draft(c.caseId, c.findingId);
      expect(statusOf(await act("thanhtra", c.caseId, { intent: "submit" }))).toBe(302);
      cases.push(c);
    }
    const giamdoc = (await loadSessionUser(getDb(), await userIdOf("giamdoc")))!;
    const results = await Promise.all(cases.map((c) => publishConclusion(getDb(), { caseId: c.caseId, scope: { all: true }, capacity: "deputy" }, giamdoc)));
    const numbers = results.map((r) => (r && r.ok ? Number(r.number.split("/")[0]) : NaN)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => start + i + 1));
  });
});

describe("what others see", () => {
  it("a unit head of another unit gets 404 for the workspace and cannot act", async () => {
    const { caseId } = await reviewedCase([[...world.dossierId.keys()][60]!]);
    const other = await getDb()
      .insertInto("app_user")
      .values({ id: "truongkhac-id", username: "truongkhac", display_name: "Lê Văn Khác", password_hash: "x" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await getDb().insertInto("user_role").values({ user_id: other.id, role: "unit_head", unit_id: world.unitId.get("000.00.07.H55")! }).execute();
    expect(statusOf(await view("truongkhac", caseId))).toBe(404);
    expect(statusOf(await act("truongkhac", caseId, { intent: "start" }))).toBe(403);
    expect(statusOf(await view("truongdonvi", caseId))).toBe(200);
  });

  it("the public register and verification page need no login and show number, date, signer and hash", async () => {
    const published = await getDb().selectFrom("conclusion").selectAll().where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
    const list = payloadOf(await call(register.loader, await makeRequest("/public/notices")));
    expect(list.total).toBeGreaterThanOrEqual(1);
    expect(list.rows.some((r: { number: string }) => r.number === "01/TB-SNV")).toBe(true);
    const page = payloadOf(await call(verify.loader, await makeRequest(`/public/notices/${published.id}`), { noticeId: String(published.id) }));
    expect(page).toMatchObject({ number: "01/TB-SNV", sha256: published.content_sha256, signer: { name: "Trần Thị Thanh Hương", authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC" } });
    // Nothing beyond what publication makes public (no drafts, no case internals).
    expect(Object.keys(page).sort()).toEqual(["agency", "id", "number", "place", "publicationDate", "sha256", "signer", "supersededBy", "supersedes", "supersedesId", "title"]);
    const draftRow = await getDb().selectFrom("conclusion").select("id").where("status", "<>", "published").executeTakeFirst();
    if (draftRow) expect(statusOf(await call(verify.loader, await makeRequest(`/public/notices/${draftRow.id}`), { noticeId: String(draftRow.id) }))).toBe(404);
  });
});

describe("the official PDF", () => {
  it.skipIf(!HAVE_POPPLER)("renders the published notice: pdftotext reads back its number, text, signer and hash; same bytes twice", async () => {
    const published = await getDb().selectFrom("conclusion").selectAll().where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
    const get = async () => (await call(noticePdf.loader, await makeRequest(`/public/notices/${published.id}/pdf`), { noticeId: String(published.id) })) as Response;
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="Thong-bao-01-TB-SNV-${YEAR}.pdf"`);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(Buffer.from(await (await get()).arrayBuffer()).equals(pdf)).toBe(true);
    if (process.env.KTCV_SHOTS) await writeFile(`${process.env.KTCV_SHOTS}/notice.pdf`, pdf);
    expect(pdfInfo(pdf)["Page size"]).toContain("595.28 x 841.89");
    const pages = pdfPages(pdf);
    const all = flat(pages.join(" "));
    const body = flat(bodyText(pages));
    for (const expected of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Số: 01/TB-SNV",
      "THÔNG BÁO",
      "Để 3 hồ sơ giải quyết quá hạn, không có văn bản xin lỗi.",
      "Tổ chức kiểm điểm trách nhiệm tập thể, cá nhân để hồ sơ quá hạn.",
      "Ba hồ sơ quá hạn do chậm ở bước thẩm định.",
      "KT. GIÁM ĐỐC",
      "PHÓ GIÁM ĐỐC",
      "Trần Thị Thanh Hương",
      "Nơi nhận:",
      "Luật Thanh tra năm 2025",
    ]) {
      expect(all, expected).toContain(expected);
    }
    expect(body).toContain(flat(published.title));
    expect(all).toContain(published.content_sha256!);
    const draftRow = await getDb().selectFrom("conclusion").select("id").where("status", "<>", "published").executeTakeFirst();
    if (draftRow) expect(((await call(noticePdf.loader, await makeRequest(`/public/notices/${draftRow.id}/pdf`), { noticeId: String(draftRow.id) })) as Response).status).toBe(404);
  });
});

describe("corrections and không đánh giá lại", () => {
  it("a correction supersedes the original, which stays unchanged; both are in the register", async () => {
    const { caseId, findingId } = await reviewedCase([[...world.dossierId.keys()][70]!]);
    await draft(caseId, findingId);
    await act("thanhtra", caseId, { intent: "submit" });
    await act("giamdoc", caseId, { intent: "approve", capacity: "deputy" });
    const original = await getDb().selectFrom("conclusion").selectAll().where("case_id", "=", caseId).executeTakeFirstOrThrow();
    expect(statusOf(await act("thanhtra", caseId, { intent: "correct" }))).toBe(302);
    const ws = payloadOf(await view("thanhtra", caseId));
    expect(ws.conclusion.supersedes_id).toBe(original.id);
    expect(ws.items).toHaveLength(1);
    await act("thanhtra", caseId, { intent: "item", itemId: String(ws.items[0].id), subject: "case", kind: "shortcoming", content: "Đính chính: thiếu sót, không phải vi phạm.", points: "6", findingIds: [String(findingId)] });
    expect(statusOf(await act("thanhtra", caseId, { intent: "submit" }))).toBe(302);
    expect(statusOf(await act("giamdoc", caseId, { intent: "approve", capacity: "director" }))).toBe(302);
    const correction = await getDb().selectFrom("conclusion").selectAll().where("supersedes_id", "=", original.id).executeTakeFirstOrThrow();
    expect(correction.status).toBe("published");
    expect(correction.number).toBe(original.number! + 1);
    expect((correction.content as { supersedes: { number: string } }).supersedes.number).toBe(`${String(original.number).padStart(2, "0")}/TB-SNV`);
    const unchanged = await getDb().selectFrom("conclusion").selectAll().where("id", "=", original.id).executeTakeFirstOrThrow();
    expect(unchanged).toEqual(original);
    const list = payloadOf(await call(register.loader, await makeRequest("/public/notices")));
    const row = list.rows.find((r: { id: number }) => r.id === original.id);
    expect(row.supersededBy.id).toBe(correction.id);
    expect(list.rows.find((r: { id: number }) => r.id === correction.id).supersedes.id).toBe(original.id);
    // The case stays published; an item of the correction points to the one it replaces.
    expect((await getDb().selectFrom("inspection_case").select("state").where("id", "=", caseId).executeTakeFirstOrThrow()).state).toBe("published");
    const items = await getDb().selectFrom("conclusion_item").select(["supersedes_item_id", "kind"]).where("conclusion_id", "=", correction.id).execute();
    expect(items).toEqual([{ supersedes_item_id: expect.any(Number), kind: "shortcoming" }]);
  });

  it("refuses a judged dossier as evidence against the same subject and names the notice; another subject may use it", async () => {
    const code = [...world.dossierId.keys()][0]!; // judged for unit 000.31.01.H55 by 01/TB-SNV in the first test
    const refused = await call(
      newCase.action,
      await makeRequest("/cases/new", { as: "thanhtra", form: { inspectionId: String(world.inspectionId), title: "Lần hai", subjectKind: "unit", unitId: String(world.unitId.get("000.31.01.H55")), evidenceSetId: String(await setOf([code])) } }),
    );
    expect(statusOf(refused)).toBe(400);
    expect(payloadOf(refused).error.evidenceSetId[0]).toBe(
      `Không đánh giá lại: hồ sơ đã được kết luận đối với đối tượng này — ${code} (Thông báo kết luận số 01/TB-SNV ngày ${todayInVietnam().split("-").reverse().join("/")}).`,
    );
    const counter = await getDb().selectFrom("inspection_case").select((eb) => eb.fn.countAll<number>().as("n")).where("title", "=", "Lần hai").executeTakeFirstOrThrow();
    expect(Number(counter.n)).toBe(0);
    const otherSubject = await openCase(getDb(), { inspectionId: world.inspectionId, subject: { unitId: world.unitId.get("000.00.07.H55")! }, title: "Đơn vị khác", dossierIds: [world.dossierId.get(code)!] }, await userIdOf("thanhtra"));
    expect(otherSubject.ok).toBe(true);
  });
});

async function setOf(codes: string[]): Promise<number> {
  const set = await getDb().insertInto("evidence_set").values({ name: `Bộ ${codes.join(",")}`, created_by: await userIdOf("thanhtra") }).returning("id").executeTakeFirstOrThrow();
  await getDb().insertInto("evidence_set_dossier").values(codes.map((c) => ({ evidence_set_id: set.id, dossier_id: world.dossierId.get(c)! }))).execute();
  return set.id;
}
