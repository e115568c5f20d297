// The summary of one appraisal cycle (báo cáo tổng hợp kết quả ghi nhận kết luận kiểm tra vào đánh giá,
// xếp loại): for each unit of the cycle's scope that has anything in it, the conclusion items consumed
// (counted, or acknowledged corrections), the delays they attribute, the unit's PAR-index deduction and
// its officers' latest ratings, with a totals row. A Decree 30 document laid out on landscape A4 (the
// Decree allows it for a document that is a wide table). Plain data in, PDF bytes out; the same input
// gives the same bytes.
import { MM, Flow, createOfficialDocument, drawHeader, drawSignatureAndRecipients, drawTitle, signatureHeight, stampPages, toBuffer, type Signer } from "./official-document.js";
import { drawTable, type TableRow } from "./table.js";
import { vnShortDateTime, type CalendarDate } from "./vn-date.js";

export const SUMMARY_RATINGS = ["excellent", "good", "complete", "not_complete", "none"] as const;
/** A final rating, or "none" for an officer without a recorded result in the cycle. */
export type SummaryRating = (typeof SUMMARY_RATINGS)[number];

/** Column headings of the ratings, short enough for the table (the full words are in RATING_LABELS). */
export const SUMMARY_RATING_HEADINGS: Record<SummaryRating, string> = {
  excellent: "Hoàn thành xuất sắc",
  good: "Hoàn thành tốt",
  complete: "Hoàn thành",
  not_complete: "Không hoàn thành",
  none: "Chưa ghi kết quả",
};

export type AppraisalSummaryUnit = {
  code: string;
  name: string;
  /** Officers of the unit with at least one item consumed in the cycle. */
  officersWithItems: number;
  /** Items counted into the appraisal (the unit's own and its officers'). */
  itemsCounted: number;
  /** Corrections of items already used, acknowledged (they count nothing). */
  correctionsAcknowledged: number;
  /** Late dossiers attributed by the counted items. */
  attributedDelays: number;
  /** The unit's deduction from the PAR index over its counted unit items, capped at the component's maximum. */
  parDeduction: number;
  /** The sum reached the component's maximum. */
  parCapped: boolean;
  /** Officers of the unit by their latest final rating in the cycle. */
  ratings: Record<SummaryRating, number>;
};

export type AppraisalSummaryDocument = {
  parentAgency: string;
  issuingAgency: string;
  /** Printed as "Số: …" (the cycle's reference); null leaves the line out. */
  number: string | null;
  place: string;
  /** Date of the document (yyyy-MM-dd); also the PDF's CreationDate. */
  date: CalendarDate;
  cycle: {
    reference: string;
    title: string;
    /** "năm 2026", "quý I năm 2026" */
    period: string;
    scopeUnitName: string;
    /** "nd335-2025 — Nghị định 335/2025/NĐ-CP (…)" */
    ruleSet: string;
    parTableVersion: number;
    /** The PAR component's maximum: no unit loses more in one cycle. */
    parComponentMax: number;
    status: "open" | "closed";
  };
  /** When the figures were drawn (ISO instant): they change while the cycle is open. */
  asOf: string;
  /** In the order to print. */
  units: AppraisalSummaryUnit[];
  /** The HR officer who drew the summary up (NGƯỜI LẬP BIỂU). */
  preparedBy: string;
};

export const APPRAISAL_SUMMARY_TITLE = "BÁO CÁO TỔNG HỢP KẾT QUẢ GHI NHẬN KẾT LUẬN KIỂM TRA VÀO ĐÁNH GIÁ, XẾP LOẠI";

const count = new Intl.NumberFormat("vi-VN");
const points = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

/** "0,6", or "6*" when the unit reached the component's maximum (explained under the table). */
export function parDeductionText(unit: Pick<AppraisalSummaryUnit, "parDeduction" | "parCapped">): string {
  return `${points.format(unit.parDeduction)}${unit.parCapped ? "*" : ""}`;
}

export function summaryTotals(units: readonly AppraisalSummaryUnit[]): Omit<AppraisalSummaryUnit, "code" | "name" | "parCapped"> {
  const sum = (f: (u: AppraisalSummaryUnit) => number) => units.reduce((s, u) => s + f(u), 0);
  return {
    officersWithItems: sum((u) => u.officersWithItems),
    itemsCounted: sum((u) => u.itemsCounted),
    correctionsAcknowledged: sum((u) => u.correctionsAcknowledged),
    attributedDelays: sum((u) => u.attributedDelays),
    parDeduction: Math.round(sum((u) => u.parDeduction * 100)) / 100,
    ratings: Object.fromEntries(SUMMARY_RATINGS.map((r) => [r, sum((u) => u.ratings[r])])) as Record<SummaryRating, number>,
  };
}

export async function renderAppraisalSummary(summary: AppraisalSummaryDocument): Promise<Buffer> {
  const { cycle } = summary;
  const doc = createOfficialDocument({
    title: `Báo cáo tổng hợp kỳ đánh giá ${cycle.reference}`,
    subject: `${APPRAISAL_SUMMARY_TITLE} — ${cycle.title}`,
    author: summary.issuingAgency,
    date: summary.date,
    layout: "landscape",
  });
  const flow = new Flow(doc);
  const headerBottom = drawHeader(doc, { parentAgency: summary.parentAgency, issuingAgency: summary.issuingAgency, number: summary.number, place: summary.place, date: summary.date });
  flow.moveTo(drawTitle(doc, headerBottom + 18, APPRAISAL_SUMMARY_TITLE, cycle.title) + 14);

  const status = cycle.status === "open" ? "đang mở, số liệu còn thay đổi" : "đã khoá";
  flow.paragraph(
    `Kỳ đánh giá ${cycle.reference}, ${cycle.period}; phạm vi: ${cycle.scopeUnitName} và các đơn vị trực thuộc; bộ quy tắc: ${cycle.ruleSet}; ` +
      `bảng trừ điểm Chỉ số cải cách hành chính phiên bản ${cycle.parTableVersion}; trạng thái: ${status}. Số liệu tính đến ${vnShortDateTime(summary.asOf)}.`,
  );
  flow.paragraph(
    "Mỗi nội dung kết luận kiểm tra chỉ được ghi nhận vào đánh giá, xếp loại một lần, không đánh giá lại; " +
      "nội dung đính chính của nội dung đã ghi nhận chỉ được xác nhận, không tính thêm.",
  );

  const totals = summaryTotals(summary.units);
  const unitRows: TableRow[] = summary.units.map((u, i) => [
    String(i + 1),
    `${u.name} (${u.code})`,
    count.format(u.officersWithItems),
    count.format(u.itemsCounted),
    count.format(u.correctionsAcknowledged),
    count.format(u.attributedDelays),
    parDeductionText(u),
    ...SUMMARY_RATINGS.map((r) => count.format(u.ratings[r])),
  ]);
  const bold = (text: string) => ({ text, face: "bold" as const });
  const totalRow: TableRow = [
    { text: "Tổng cộng", span: 2, face: "bold", align: "center" },
    bold(count.format(totals.officersWithItems)),
    bold(count.format(totals.itemsCounted)),
    bold(count.format(totals.correctionsAcknowledged)),
    bold(count.format(totals.attributedDelays)),
    bold(points.format(totals.parDeduction)),
    ...SUMMARY_RATINGS.map((r) => bold(count.format(totals.ratings[r]))),
  ];
  const rating = 17 * MM;
  drawTable(
    flow,
    [
      { header: "STT", width: 12 * MM, align: "center" },
      { header: "Cơ quan, đơn vị", width: null, align: "left" },
      { header: "Số cán bộ có nội dung", width: 19 * MM, align: "center" },
      { header: "Nội dung đã tính", width: 18 * MM, align: "center" },
      { header: "Đính chính đã xác nhận", width: 19 * MM, align: "center" },
      { header: "Hồ sơ chậm quy trách nhiệm", width: 21 * MM, align: "center" },
      { header: "Điểm trừ Chỉ số CCHC", width: 19 * MM, align: "center" },
      ...SUMMARY_RATINGS.map((r) => ({ header: SUMMARY_RATING_HEADINGS[r], width: rating, align: "center" as const })),
    ],
    summary.units.length === 0 ? [[{ text: "Chưa có nội dung kết luận nào được ghi nhận trong kỳ.", span: 12, align: "center" }]] : [...unitRows, totalRow],
    { groups: [{ header: null, span: 7 }, { header: "Xếp loại cán bộ, công chức (số người)", span: SUMMARY_RATINGS.length }] },
  );

  flow.space(8);
  const note = (text: string) => flow.paragraph([{ text, face: "italic" }], { size: 12 });
  flow.paragraph([{ text: "Ghi chú:", face: "boldItalic" }], { size: 12, keepWithNext: flow.lineHeight(12) });
  note("- Nội dung đã tính: nội dung kết luận về đơn vị và về cán bộ của đơn vị được ghi nhận vào đánh giá trong kỳ; hồ sơ chậm quy trách nhiệm là tổng số nêu trong các nội dung đó (một hồ sơ nêu ở cả nội dung về đơn vị và về cán bộ được tính ở mỗi nội dung).");
  note(
    `- Điểm trừ Chỉ số CCHC (nội dung cải cách chế độ công vụ) tính trên các nội dung về đơn vị đã tính: theo mức thông báo kết luận nêu, nếu không nêu thì theo bảng trừ điểm của kỳ; mỗi đơn vị bị trừ không quá ${points.format(cycle.parComponentMax)} điểm (dấu * là đã đến mức tối đa).`,
  );
  const signer: Signer = { authority: null, title: "NGƯỜI LẬP BIỂU", name: summary.preparedBy };
  // The last note goes with the signer block: a signature is never alone on a page.
  flow.paragraph([{ text: "- Xếp loại: cán bộ, công chức có nội dung kết luận được ghi nhận hoặc đã được ghi kết quả trong kỳ, theo kết quả ghi gần nhất.", face: "italic" }], {
    size: 12,
    keepWithNext: signatureHeight(flow, signer, null, ""),
  });

  drawSignatureAndRecipients(flow, signer, null, "");
  stampPages(doc, null);
  return toBuffer(doc);
}
