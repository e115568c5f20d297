// The official PDF of a conclusion notice (thông báo kết luận kiểm tra) in the format of Decree 30/2020:
// plain data in, PDF bytes out; no database, no clock (the PDF's dates come from the notice), so the same
// notice always gives the same bytes.
import {
  Flow,
  createOfficialDocument,
  drawHeader,
  drawSignatureAndRecipients,
  drawTitle,
  stampPages,
  toBuffer,
  type Signer,
  type Verification,
} from "./official-document.js";
import { vnShortDate, type CalendarDate } from "./vn-date.js";

export type ConclusionKind = "violation" | "shortcoming" | "commendation";
export type RecommendationKind = "review" | "discipline" | "reassign" | "remedy";

export const CONCLUSION_KIND_LABEL: Record<ConclusionKind, string> = {
  violation: "Vi phạm",
  shortcoming: "Thiếu sót",
  commendation: "Ưu điểm",
};

export const RECOMMENDATION_KIND_LABEL: Record<RecommendationKind, string> = {
  review: "Kiểm điểm",
  discipline: "Xử lý kỷ luật",
  reassign: "Điều chuyển",
  remedy: "Khắc phục",
};

export type NoticeSubject =
  | { kind: "unit"; code: string; name: string }
  | { kind: "officer"; code: string; name: string; /** The officer's unit as concluded. */ unitName: string };

export type NoticeFinding = {
  /** Nội dung 1, 2, … within the case. */
  number: number;
  criterion: { code: string; title: string };
  /** The facts as recorded; a line break starts a new paragraph. */
  facts: string;
  /** Codes of the cited dossiers (số hồ sơ). */
  dossierCodes: string[];
  /** Proposed deduction in points. */
  proposedDeduction: number;
};

export type NoticeConclusionItem = {
  subject: NoticeSubject;
  kind: ConclusionKind;
  /** The judgement in words. */
  content: string;
  /** Points deducted (violation, shortcoming) or awarded (commendation). */
  points: number;
  /** What the item carries into appraisal (đánh giá, xếp loại). */
  effect: {
    /** Late dossiers attributed to the subject. */
    attributedDelays: number;
    /** Proposed discipline level ("Khiển trách", "Cảnh cáo"…), null when none is proposed. */
    disciplineLevel: string | null;
    /** Points taken from the PAR index (Chỉ số cải cách hành chính) of the unit; 0 when none. */
    parIndexDeduction: number;
  };
};

export type NoticeRecommendation = {
  kind: RecommendationKind;
  content: string;
  /** The unit that must carry it out (đơn vị chủ trì thực hiện). */
  ownerUnit: string;
  deadline: CalendarDate;
};

export type ConclusionNoticeDocument = {
  /** "UBND TỈNH QUẢNG NGÃI" */
  parentAgency: string;
  /** "SỞ NỘI VỤ" */
  issuingAgency: string;
  /** "07/TB-SNV" (printed as "Số: 07/TB-SNV"). */
  number: string;
  /** "Quảng Ngãi" */
  place: string;
  /** Date of signing (yyyy-MM-dd); also the PDF's CreationDate. */
  date: CalendarDate;
  /** The subject line under "THÔNG BÁO": "Kết luận kiểm tra trách nhiệm công vụ tại …". */
  subject: string;
  /** Set on a correcting notice: the notice it replaces. */
  replaces: { number: string; date: CalendarDate } | null;
  basis: {
    /** The law the inspection rests on and its date ("Luật Thanh tra số 11/2022/QH15", 2022-11-14). */
    legalBasis: string;
    legalBasisDate: CalendarDate;
    /** The inspection decision. `signer` is who signed it ("Giám đốc Sở Nội vụ"). */
    decision: { number: string; date: CalendarDate; signer: string; title: string };
    /** Further grounds, each printed as its own paragraph ("Xét Báo cáo kết quả kiểm tra …"). */
    other: string[];
  };
  scope: {
    content: string;
    periodFrom: CalendarDate;
    periodTo: CalendarDate;
    units: { code: string; name: string }[];
    /** The team in words ("Đoàn kiểm tra gồm 05 thành viên do ông … làm Trưởng đoàn"); null to leave out. */
    team: string | null;
  };
  findings: NoticeFinding[];
  conclusionItems: NoticeConclusionItem[];
  /** Trách nhiệm của tập thể, cá nhân: one paragraph each. */
  responsibility: string[];
  recommendations: NoticeRecommendation[];
  /** The closing paragraph; Decree 30 ends the text with "./.", added when missing. */
  closing: string;
  signer: Signer;
  /** Nơi nhận, without the archive line ("Như mục VI", "Thanh tra tỉnh"…). */
  recipients: string[];
  /** After "Lưu: ": "VT, TTr". */
  archive: string;
  /** The footer of every page: the SHA-256 of the notice's canonical content, computed by the caller. */
  verification: Verification;
};

const points = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
const pointsText = (n: number) => `${points.format(n)} điểm`;

function withFinalMark(text: string): string {
  const trimmed = text.trim();
  if (trimmed.endsWith("./.")) return trimmed;
  return `${trimmed.replace(/[.;,:]$/, "")}./.`;
}

function subjectLine(subject: NoticeSubject): string {
  return subject.kind === "unit"
    ? `Cơ quan, đơn vị: ${subject.name} (mã ${subject.code})`
    : `Cán bộ, công chức: ${subject.name} (mã ${subject.code}), ${subject.unitName}`;
}

function pointsLine(item: NoticeConclusionItem): string {
  if (item.points === 0) return "không tính điểm";
  return item.kind === "commendation" ? `cộng ${pointsText(item.points)}` : `trừ ${pointsText(item.points)}`;
}

function effectLine(effect: NoticeConclusionItem["effect"]): string {
  const discipline = effect.disciplineLevel ? `đề xuất hình thức kỷ luật: ${effect.disciplineLevel}` : "không đề xuất kỷ luật";
  const par = effect.parIndexDeduction > 0 ? `trừ ${pointsText(effect.parIndexDeduction)} Chỉ số cải cách hành chính (PAR Index)` : "không trừ điểm Chỉ số cải cách hành chính (PAR Index)";
  return `Ghi nhận vào đánh giá, xếp loại: ${effect.attributedDelays} hồ sơ chậm quy trách nhiệm; ${discipline}; ${par}.`;
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];

/** Renders the notice as an A4 PDF in the Decree 30 format. */
export async function renderConclusionNotice(notice: ConclusionNoticeDocument): Promise<Buffer> {
  const doc = createOfficialDocument({
    title: `Thông báo số ${notice.number}`,
    subject: notice.subject,
    author: notice.issuingAgency,
    date: notice.date,
  });
  const flow = new Flow(doc);

  const headerBottom = drawHeader(doc, { parentAgency: notice.parentAgency, issuingAgency: notice.issuingAgency, number: notice.number, place: notice.place, date: notice.date });
  const replaces = notice.replaces ? [`Thay thế Thông báo số ${notice.replaces.number} ngày ${vnShortDate(notice.replaces.date)}`] : [];
  const titleBottom = drawTitle(doc, headerBottom + 22, "THÔNG BÁO", notice.subject, replaces);
  flow.moveTo(titleBottom + 16);

  let section = 0;
  const heading = (text: string) => flow.heading(`${ROMAN[section++]}. ${text}`);

  heading("CĂN CỨ KIỂM TRA");
  flow.paragraph(`Căn cứ ${notice.basis.legalBasis} ngày ${vnShortDate(notice.basis.legalBasisDate)};`);
  const d = notice.basis.decision;
  flow.paragraph(`Căn cứ Quyết định số ${d.number} ngày ${vnShortDate(d.date)} của ${d.signer} về việc ${d.title};`);
  for (const other of notice.basis.other) flow.paragraph(other);

  heading("NỘI DUNG, PHẠM VI KIỂM TRA");
  flow.paragraph([{ text: "1. Nội dung kiểm tra: ", face: "bold" }, { text: notice.scope.content, face: "regular" }]);
  flow.paragraph([
    { text: "2. Thời kỳ kiểm tra: ", face: "bold" },
    { text: `từ ngày ${vnShortDate(notice.scope.periodFrom)} đến ngày ${vnShortDate(notice.scope.periodTo)}.`, face: "regular" },
  ]);
  flow.paragraph([{ text: "3. Cơ quan, đơn vị được kiểm tra:", face: "bold" }], { keepWithNext: flow.lineHeight() });
  notice.scope.units.forEach((unit, i) => {
    const last = i === notice.scope.units.length - 1;
    flow.paragraph(`- ${unit.name} (mã ${unit.code})${last ? "." : ";"}`);
  });
  if (notice.scope.team) flow.paragraph([{ text: "4. Đoàn kiểm tra: ", face: "bold" }, { text: notice.scope.team, face: "regular" }]);

  // A section with nothing in it says so, rather than leaving its heading hanging.
  const none = (list: readonly unknown[]) => {
    if (list.length === 0) flow.paragraph("Không có.");
  };

  heading("KẾT QUẢ KIỂM TRA");
  none(notice.findings);
  notice.findings.forEach((finding, i) => {
    flow.heading(`${i + 1}. Nội dung ${finding.number}: ${finding.criterion.title} (${finding.criterion.code})`);
    for (const facts of finding.facts.split(/\r?\n/).filter((p) => p.trim())) flow.paragraph(facts.trim());
    if (finding.dossierCodes.length > 0) {
      flow.paragraph([
        { text: "Hồ sơ dẫn chứng: ", face: "italic" },
        { text: `${finding.dossierCodes.join(", ")}.`, face: "regular" },
      ], { align: "left" });
    }
    flow.paragraph([
      { text: "Đề xuất trừ: ", face: "italic" },
      { text: `${pointsText(finding.proposedDeduction)}.`, face: "regular" },
    ]);
  });

  heading("KẾT LUẬN");
  none(notice.conclusionItems);
  notice.conclusionItems.forEach((item, i) => {
    flow.heading(`${i + 1}. ${subjectLine(item.subject)}`);
    flow.paragraph([
      { text: `${CONCLUSION_KIND_LABEL[item.kind]} (${pointsLine(item)}): `, face: "bold" },
      { text: item.content, face: "regular" },
    ]);
    flow.paragraph([{ text: effectLine(item.effect), face: "italic" }]);
  });

  heading("TRÁCH NHIỆM CỦA TẬP THỂ, CÁ NHÂN");
  none(notice.responsibility);
  for (const paragraph of notice.responsibility) flow.paragraph(paragraph);

  heading("KIẾN NGHỊ, BIỆN PHÁP XỬ LÝ");
  none(notice.recommendations);
  notice.recommendations.forEach((rec, i) => {
    flow.paragraph([
      { text: `${i + 1}. ${RECOMMENDATION_KIND_LABEL[rec.kind]}: `, face: "bold" },
      { text: `${rec.content.trim().replace(/[.;]$/, "")}. Đơn vị thực hiện: ${rec.ownerUnit}; thời hạn: ${vnShortDate(rec.deadline)}.`, face: "regular" },
    ]);
  });

  flow.paragraph(withFinalMark(notice.closing));

  drawSignatureAndRecipients(flow, notice.signer, notice.recipients, notice.archive);
  stampPages(doc, notice.verification);
  return toBuffer(doc);
}
