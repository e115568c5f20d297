// One officer's appraisal input sheet for one cycle (phiếu tổng hợp kết quả kiểm tra làm căn cứ đánh giá,
// xếp loại): who the officer is, exactly the conclusion items consumed for them in the cycle — each with
// its notice, its effect, whether it was counted or an acknowledged correction, and who consumed it, when
// and through which channel — then the latest proposal and result. A Decree 30 document on portrait A4.
// Plain data in, PDF bytes out; the same input gives the same bytes.
import { MM, Flow, createOfficialDocument, drawHeader, drawSignatureAndRecipients, drawTitle, signatureHeight, stampPages, toBuffer, type Signer } from "./official-document.js";
import { drawTable, type TableRow } from "./table.js";
import { vnShortDate, vnShortDateTime, type CalendarDate } from "./vn-date.js";

export type AppraisalSheetItem = {
  /** "01/TB-SNV" */
  notice: string;
  publicationDate: CalendarDate;
  /** The item's number within its notice. */
  position: number;
  content: string;
  /** The effect in words: "Vi phạm: trừ 12 điểm; 3 hồ sơ chậm do đối tượng". */
  effect: string;
  /** counted: went into the appraisal; acknowledged: a correction of an item already used, counted nothing. */
  mode: "counted" | "acknowledged";
  /** "Đã ghi nhận vào đánh giá" / "Đã xác nhận đính chính (không tính lại)" */
  modeText: string;
  /** The HR officer, or the external software. */
  consumer: string;
  /** ISO instant. */
  consumedAt: string;
  /** "Trang KTCV", "API" */
  channel: string;
  /** nd335-2025: the officer's task the delays fall on, when HR named it. */
  taskTitle: string | null;
};

export type AppraisalSheetResult = {
  /** What the rule set proposed, null when nothing was proposed. */
  proposal: { rating: string | null; points: number | null; reasons: string[] } | null;
  /** The rating HR recorded ("Hoàn thành tốt nhiệm vụ"), null while only a proposal is recorded. */
  finalRating: string | null;
  finalPoints: number | null;
  /** Why HR departed from the proposal. */
  reason: string | null;
  recordedBy: string;
  /** ISO instant. */
  recordedAt: string;
};

export type AppraisalSheetDocument = {
  parentAgency: string;
  issuingAgency: string;
  place: string;
  date: CalendarDate;
  officer: { code: string; name: string; unitName: string; /** "Công chức" */ category: string };
  cycle: { reference: string; title: string; /** "năm 2026" */ period: string; /** "nd335-2025 — Nghị định 335/2025/NĐ-CP (…)" */ ruleSet: string };
  items: AppraisalSheetItem[];
  /** The latest result recorded for the officer in the cycle; null when none. */
  result: AppraisalSheetResult | null;
  /** The HR officer who drew the sheet up (NGƯỜI LẬP PHIẾU). */
  preparedBy: string;
};

export const APPRAISAL_SHEET_TITLE = "PHIẾU TỔNG HỢP KẾT QUẢ KIỂM TRA\nLÀM CĂN CỨ ĐÁNH GIÁ, XẾP LOẠI";
export const ONCE_SENTENCE =
  "Mỗi nội dung kết luận kiểm tra nêu trên chỉ được ghi nhận một lần vào đánh giá, xếp loại và không được đánh giá lại ở kỳ khác; " +
  "nội dung đính chính của nội dung đã ghi nhận chỉ được xác nhận, không tính thêm.";

const points = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

function withStop(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export async function renderAppraisalSheet(sheet: AppraisalSheetDocument): Promise<Buffer> {
  const { officer, cycle } = sheet;
  const doc = createOfficialDocument({
    title: `Phiếu tổng hợp kết quả kiểm tra — ${officer.name} (${officer.code}) — ${cycle.reference}`,
    subject: `${APPRAISAL_SHEET_TITLE.replace("\n", " ")} — ${cycle.title}`,
    author: sheet.issuingAgency,
    date: sheet.date,
  });
  const flow = new Flow(doc);
  const headerBottom = drawHeader(doc, { parentAgency: sheet.parentAgency, issuingAgency: sheet.issuingAgency, number: null, place: sheet.place, date: sheet.date });
  flow.moveTo(drawTitle(doc, headerBottom + 22, APPRAISAL_SHEET_TITLE, cycle.title) + 16);

  const line = (label: string, value: string) => flow.paragraph([{ text: label, face: "bold" }, { text: value, face: "regular" }], { align: "left" });
  flow.heading("I. THÔNG TIN CHUNG");
  line("Họ và tên: ", officer.name);
  line("Mã cán bộ: ", officer.code);
  line("Cơ quan, đơn vị: ", officer.unitName);
  line("Đối tượng: ", officer.category);
  line("Kỳ đánh giá: ", `${cycle.reference}, ${cycle.period}`);
  line("Bộ quy tắc đánh giá: ", cycle.ruleSet);

  const keepWithTable = 4 * flow.lineHeight(12) + 24;
  flow.heading("II. NỘI DUNG KẾT LUẬN KIỂM TRA ĐÃ GHI NHẬN TRONG KỲ", { keepWithNext: keepWithTable });
  const rows: TableRow[] = sheet.items.map((item, i) => [
    String(i + 1),
    `Số ${item.notice}\nngày ${vnShortDate(item.publicationDate)}\nnội dung ${item.position}`,
    item.content,
    item.taskTitle ? `${item.effect}. Nhiệm vụ: ${item.taskTitle}` : item.effect,
    [item.modeText, item.consumer, vnShortDateTime(item.consumedAt), `Kênh: ${item.channel}`].join("\n"),
  ]);
  drawTable(
    flow,
    [
      { header: "STT", width: 12 * MM, align: "center" },
      { header: "Thông báo kết luận", width: 34 * MM, align: "left" },
      { header: "Nội dung kết luận", width: null, align: "left" },
      { header: "Ảnh hưởng đến đánh giá", width: 32 * MM, align: "left" },
      { header: "Ghi nhận (người, thời điểm, kênh)", width: 38 * MM, align: "left" },
    ],
    rows.length === 0 ? [[{ text: "Không có nội dung kết luận kiểm tra nào được ghi nhận cho cán bộ này trong kỳ.", span: 5, align: "center" }]] : rows,
  );
  flow.space(8);
  flow.paragraph([{ text: ONCE_SENTENCE, face: "italic" }]);

  const signer: Signer = { authority: null, title: "NGƯỜI LẬP PHIẾU", name: sheet.preparedBy };
  // The last line goes with the signer block: a signature is never alone on a page.
  const last = { keepWithNext: signatureHeight(flow, signer, null, "") };
  flow.heading("III. ĐỀ XUẤT VÀ KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI");
  const result = sheet.result;
  if (!result) {
    flow.paragraph("Chưa ghi kết quả đánh giá, xếp loại của cán bộ này trong kỳ.", last);
  } else {
    const proposal = result.proposal;
    const proposed =
      proposal && (proposal.rating || proposal.points !== null)
        ? [proposal.rating, proposal.points !== null ? `${points.format(proposal.points)} điểm` : null].filter(Boolean).join(", ")
        : "chưa có đề xuất";
    flow.paragraph([{ text: "1. Đề xuất theo bộ quy tắc: ", face: "bold" }, { text: withStop(proposed), face: "regular" }]);
    for (const reason of proposal?.reasons ?? []) flow.paragraph(`- ${withStop(reason)}`);
    const final = result.finalRating
      ? [result.finalRating, result.finalPoints !== null ? `${points.format(result.finalPoints)} điểm` : null].filter(Boolean).join(", ")
      : "chưa xếp loại";
    flow.paragraph([{ text: "2. Kết quả xếp loại: ", face: "bold" }, { text: withStop(final), face: "regular" }]);
    if (result.reason?.trim()) flow.paragraph([{ text: "3. Lý do: ", face: "bold" }, { text: withStop(result.reason), face: "regular" }]);
    flow.paragraph([{ text: `Ghi kết quả: ${result.recordedBy}, ${vnShortDateTime(result.recordedAt)}.`, face: "italic" }], last);
  }

  drawSignatureAndRecipients(flow, signer, null, "");
  stampPages(doc, null);
  return toBuffer(doc);
}
