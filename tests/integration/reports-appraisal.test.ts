// A cycle's reports: the summary per unit (PDF and CSV) and the officer's input sheet (PDF), read back as
// a person would (pdftotext). World: a published item about the commune 000.31.01.H55 and one about its
// officer CB0062, both consumed by tccb into cycle DG-2026-…; a second published item about CB0062 left
// unconsumed; tccb2 records CB0062's result twice (the latest counts).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { consumeFromWeb, openCycle } from "../../app/models/appraisal.server.js";
import { SUMMARY_CSV_HEADER, cycleSummary, officerSheet, proposalOf } from "../../app/models/appraisal-reports.server.js";
import { loadSessionUser } from "../../app/models/users.server.js";
import * as sheetPdf from "../../app/routes/appraisal.$cycleId.officers.$officerId.sheet[.]pdf.js";
import * as summaryCsv from "../../app/routes/appraisal.$cycleId.summary[.]csv.js";
import * as summaryPdf from "../../app/routes/appraisal.$cycleId.summary[.]pdf.js";
import { ONCE_SENTENCE } from "../../reports/appraisal-sheet.js";
import { APPRAISAL_SUMMARY_TITLE } from "../../reports/appraisal-summary.js";
import { vnShortDate, vnShortDateTime } from "../../reports/vn-date.js";
import { publishedCase, setUpCaseWorld, type CaseWorld } from "../case-world.js";
import { call, makeRequest, statusOf, userIdOf } from "../helpers.js";
import { HAVE_POPPLER, bodyText, flat, pdfInfo, pdfPages } from "../pdf-text.js";

const UNIT = "000.31.01.H55";
const OFFICER = "CB0062";

let world: CaseWorld;
let cycleId: number;
let reference: string;
let officerId: number;
const notices = { unit: "", officer: "", unconsumed: "", officerDate: "", consumedAt: "" };

async function itemOf(conclusionId: number): Promise<number> {
  const row = await getDb().selectFrom("conclusion_item").select("id").where("conclusion_id", "=", conclusionId).executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  world = await setUpCaseWorld();
  const dossiers = [...world.dossierId.keys()];
  const unitCase = await publishedCase(world, [dossiers[3]!], []);
  const officerCase = await publishedCase(world, [dossiers[4]!], [], { officer: OFFICER });
  const unconsumedCase = await publishedCase(world, [dossiers[5]!], [], { officer: OFFICER });
  notices.unit = unitCase.number;
  notices.officer = officerCase.number;
  notices.unconsumed = unconsumedCase.number;
  const published = await getDb().selectFrom("conclusion").select("publication_date").where("id", "=", officerCase.conclusionId).executeTakeFirstOrThrow();
  notices.officerDate = vnShortDate(published.publication_date!);
  officerId = world.officerId.get(OFFICER)!;

  const tccb = (await loadSessionUser(getDb(), await userIdOf("tccb")))!;
  const opened = await openCycle(getDb(), { year: 2026, quarter: null, scopeUnitId: world.unitId.get("000.00.00.H55")!, ruleSetCode: "nd335-2025", title: null }, tccb, { all: true });
  if (!opened.ok) throw new Error(opened.message);
  cycleId = opened.id;
  reference = opened.reference;
  for (const c of [unitCase, officerCase]) {
    const consumed = await consumeFromWeb(getDb(), { itemId: await itemOf(c.conclusionId), cycle: { id: cycleId }, scope: { all: true } }, tccb);
    if (!consumed.ok) throw new Error(consumed.message);
    if (c === officerCase) notices.consumedAt = vnShortDateTime(consumed.consumption.consumedAt);
  }
  const tccb2 = await userIdOf("tccb2");
  for (const final_rating of ["complete", "good"]) {
    await getDb()
      .insertInto("appraisal_result")
      .values({ cycle_id: cycleId, officer_id: officerId, proposed: JSON.stringify({}), final_rating, reason: "Cán bộ đã khắc phục ngay trong kỳ.", recorded_by: tccb2 })
      .execute();
  }
});

const get = async (route: { loader: (args: any) => unknown }, path: string, params: Record<string, string>, as?: string) =>
  (await call(route.loader as never, await makeRequest(path, { as }), params)) as Response;
const summary = (as = "tccb", id = String(cycleId)) => get(summaryPdf, `/appraisal/${id}/summary.pdf`, { cycleId: id }, as);
const csv = (as = "tccb", id = String(cycleId)) => get(summaryCsv, `/appraisal/${id}/summary.csv`, { cycleId: id }, as);
const sheet = (as = "tccb2", id = String(cycleId), officer = String(officerId)) =>
  get(sheetPdf, `/appraisal/${id}/officers/${officer}/sheet.pdf`, { cycleId: id, officerId: officer }, as);

const pdfOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

/**
 * A table cell's text is read back interleaved with its neighbours' line by line (pdftotext -layout):
 * its words appear in order, within a short span of the page's text.
 */
function expectCell(text: string, cell: string) {
  const words = text.split(" ");
  const wanted = flat(cell).split(" ");
  const found = words.some((word, start) => {
    if (word !== wanted[0]) return false;
    let at = start;
    for (const w of wanted.slice(1)) {
      const next = words.indexOf(w, at + 1);
      if (next < 0 || next - at > 20) return false;
      at = next;
    }
    return true;
  });
  expect(found, `“${cell}” in ${text}`).toBe(true);
}

describe.skipIf(!HAVE_POPPLER)("the cycle's summary PDF", () => {
  it("lists the unit with its counts, its PAR deduction and its officers' latest ratings", async () => {
    const response = await summary();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toContain(`attachment; filename="tong-hop-${reference}.pdf"`);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const pdf = await pdfOf(response);
    expect(pdfInfo(pdf)["Page size"]).toBe("841.89 x 595.28 pts (A4)");
    const pages = pdfPages(pdf);
    const text = bodyText(pages);
    for (const s of ["UBND TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", `Số: ${reference}`, APPRAISAL_SUMMARY_TITLE, "Đánh giá, xếp loại năm 2026"]) {
      expect(text).toContain(s);
    }
    // The commune: 1 officer with items, 2 items counted, no correction, 2 delays (one per item), the unit
    // item's PAR deduction from the default table (0,5 for a violation + 0,1 per delay), and CB0062 rated
    // good — the latest of the two results, not the first ("complete").
    const lines = pages.flatMap((p) => p.split("\n")).map(flat);
    const row = lines.find((l) => l.startsWith("1 UBND xã Tịnh Khê"));
    expect(row, lines.join("\n")).toBeDefined();
    expect(row!.endsWith(" 1 2 0 2 0,6 0 1 0 0 0"), row).toBe(true);
    expect(text).toContain(`(${UNIT})`);
    expect(lines).toContain("Tổng cộng 1 2 0 2 0,6 0 1 0 0 0");
    for (const s of ["Xếp loại cán bộ, công chức (số người)", "NGƯỜI LẬP BIỂU Nguyễn Thị Thanh Tâm"]) expect(text).toContain(s);
    for (const cell of ["Hoàn thành xuất sắc", "Không hoàn thành", "Chưa ghi kết quả", "Điểm trừ Chỉ số CCHC", "Hồ sơ chậm quy trách nhiệm"]) expectCell(text, cell);
    expect(text).not.toContain("Nơi nhận:");
  });

  it("is signed by whoever draws it up", async () => {
    const text = bodyText(pdfPages(await pdfOf(await summary("tccb2"))));
    expect(text).toContain("NGƯỜI LẬP BIỂU Lê Hoàng Phúc");
  });
});

describe("the cycle's summary CSV", () => {
  it("has the PDF's columns and one row per unit, UTF-8 with a BOM", async () => {
    const response = await csv();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain(`filename="tong-hop-${reference}.csv"`);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe(SUMMARY_CSV_HEADER.map((h) => (h.includes(",") ? `"${h}"` : h)).join(","));
    expect(lines[0]).toBe(
      'STT,Mã đơn vị,"Tên cơ quan, đơn vị",Số cán bộ có nội dung,Nội dung đã tính,Đính chính đã xác nhận,Hồ sơ chậm quy trách nhiệm,Điểm trừ Chỉ số CCHC,Đã đến mức trừ tối đa,Xếp loại: Hoàn thành xuất sắc,Xếp loại: Hoàn thành tốt,Xếp loại: Hoàn thành,Xếp loại: Không hoàn thành,Xếp loại: Chưa ghi kết quả',
    );
    expect(lines.slice(1)).toEqual([`1,${UNIT},UBND xã Tịnh Khê,1,2,0,2,"0,6",không,0,1,0,0,0`, ""]);
  });
});

describe.skipIf(!HAVE_POPPLER)("the officer's input sheet", () => {
  it("lists exactly the items consumed for the officer, who consumed them, and the latest result", async () => {
    const response = await sheet();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toContain(`attachment; filename="phieu-${reference}-${OFFICER}.pdf"`);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const pdf = await pdfOf(response);
    expect(pdfInfo(pdf)["Page size"]).toBe("595.28 x 841.89 pts (A4)");
    const text = bodyText(pdfPages(pdf));
    expect(text).toContain("PHIẾU TỔNG HỢP KẾT QUẢ KIỂM TRA LÀM CĂN CỨ ĐÁNH GIÁ, XẾP LOẠI");
    for (const s of ["Họ và tên: Hoàng Hoài Yến", `Mã cán bộ: ${OFFICER}`, "Cơ quan, đơn vị: UBND xã Tịnh Khê", "Đối tượng: Công chức", `Kỳ đánh giá: ${reference}, năm 2026`, "nd335-2025"]) {
      expect(text).toContain(s);
    }
    expect(text).toContain(`Số ${notices.officer}`);
    expectCell(text, `Số ${notices.officer} ngày ${notices.officerDate} nội dung 1`);
    expectCell(text, "Để hồ sơ giải quyết quá hạn.");
    expectCell(text, "Vi phạm: trừ 12 điểm; 1 hồ sơ chậm do đối tượng");
    // tccb consumed the item (web); tccb2 recorded the result and draws the sheet up.
    expectCell(text, `Đã ghi nhận vào đánh giá Nguyễn Thị Thanh Tâm ${notices.consumedAt} Kênh: Trang KTCV`);
    // Not the unit's item, not the officer's item that nobody consumed.
    expect(text).not.toContain(notices.unconsumed);
    expect(text).not.toContain(notices.unit);
    expect(text).toContain(flat(ONCE_SENTENCE));
    expect(text).toContain("1. Đề xuất theo bộ quy tắc: chưa có đề xuất.");
    expect(text).toContain("2. Kết quả xếp loại: Hoàn thành tốt nhiệm vụ.");
    expect(text).toContain("3. Lý do: Cán bộ đã khắc phục ngay trong kỳ.");
    expect(text).toContain("Ghi kết quả: Lê Hoàng Phúc");
    expect(text).toContain("NGƯỜI LẬP PHIẾU Lê Hoàng Phúc");
  });

  it("says so for an officer of the scope with nothing in the cycle", async () => {
    const other = world.officerId.get("CB0063")!;
    const text = bodyText(pdfPages(await pdfOf(await sheet("tccb", String(cycleId), String(other)))));
    expect(text).toContain("Không có nội dung kết luận kiểm tra nào được ghi nhận cho cán bộ này trong kỳ.");
    expect(text).toContain("Chưa ghi kết quả đánh giá, xếp loại của cán bộ này trong kỳ.");
  });
});

describe("who may download a cycle's reports", () => {
  it("refuses everyone but HR with 403, and sends the anonymous to log in", async () => {
    for (const as of ["thanhtra", "truongdonvi", "quantri"]) {
      expect((await summary(as)).status, `${as} summary`).toBe(403);
      expect((await csv(as)).status, `${as} CSV`).toBe(403);
      expect((await sheet(as)).status, `${as} sheet`).toBe(403);
    }
    const anonymous = await get(summaryPdf, `/appraisal/${cycleId}/summary.pdf`, { cycleId: String(cycleId) });
    expect(anonymous.status).toBe(302);
  });

  it("answers 404 for an unknown cycle or officer", async () => {
    for (const id of ["999999", "abc"]) {
      expect((await summary("tccb", id)).status, id).toBe(404);
      expect((await csv("tccb", id)).status, id).toBe(404);
      expect((await sheet("tccb", id)).status, id).toBe(404);
    }
    expect(statusOf(await sheet("tccb", String(cycleId), "999999"))).toBe(404);
  });

  it("finds nothing of a cycle outside the reader's scope", async () => {
    const elsewhere = { all: false as const, unitIds: [world.unitId.get("000.00.02.H55")!] };
    expect(await cycleSummary(getDb(), { cycleId, scope: elsewhere })).toBeUndefined();
    expect(await officerSheet(getDb(), { cycleId, officerId, scope: elsewhere })).toBeUndefined();
    expect(await cycleSummary(getDb(), { cycleId, scope: { all: false, unitIds: [world.unitId.get("000.00.00.H55")!] } })).toBeDefined();
  });
});

describe("a stored proposal", () => {
  it("is read whichever rule set wrote it", () => {
    expect(proposalOf({})).toBeNull();
    expect(proposalOf({ ruleSet: "nd90-48", rating: "good", reasons: [{ text: "Lý do A" }] })).toEqual({ rating: "Hoàn thành tốt nhiệm vụ", points: null, reasons: ["Lý do A"] });
    expect(proposalOf({ ok: true, band: "complete", points: 68.5, reasons: [] })).toEqual({ rating: "Hoàn thành nhiệm vụ", points: 68.5, reasons: [] });
    expect(proposalOf([1, 2])).toBeNull();
  });
});
