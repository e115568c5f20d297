// The conclusion notice (thông báo kết luận kiểm tra) as data: the vocabularies its items and
// recommendations use, the checks a draft must pass before it can be submitted, the notice number's
// spelling, and the frozen content that publication hashes. Pure: the model reads and writes the rows.
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";
import { formatNumber } from "./format.js";

export const ITEM_KINDS = ["violation", "shortcoming", "commendation"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  violation: "Vi phạm",
  shortcoming: "Thiếu sót",
  commendation: "Ưu điểm",
};

export const RECOMMENDATION_KINDS = ["review", "discipline", "reassignment", "remedy"] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];
export const RECOMMENDATION_KIND_LABELS: Record<RecommendationKind, string> = {
  review: "Kiểm điểm",
  discipline: "Xử lý kỷ luật",
  reassignment: "Điều chuyển",
  remedy: "Khắc phục",
};

// Decree 112/2020 (as amended by Decree 71/2023), disciplinary measures for civil servants, lightest first.
export const DISCIPLINE_LEVELS = ["reprimand", "warning", "salary_downgrade", "demotion", "removal", "dismissal"] as const;
export type DisciplineLevel = (typeof DISCIPLINE_LEVELS)[number];
export const DISCIPLINE_LEVEL_LABELS: Record<DisciplineLevel, string> = {
  reprimand: "Khiển trách",
  warning: "Cảnh cáo",
  salary_downgrade: "Hạ bậc lương",
  demotion: "Giáng chức",
  removal: "Cách chức",
  dismissal: "Buộc thôi việc",
};

export const CONCLUSION_STATUS_LABELS = {
  draft: "Dự thảo",
  pending_approval: "Chờ phê duyệt",
  published: "Đã công bố",
} as const;
export type ConclusionStatus = keyof typeof CONCLUSION_STATUS_LABELS;

/** Who signs: the director in person, or a deputy on the director's behalf ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"). */
export const SIGNER_CAPACITIES = {
  director: { authority: null, title: "GIÁM ĐỐC", label: "Giám đốc ký" },
  deputy: { authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", label: "Phó Giám đốc ký thay (KT. Giám đốc)" },
} as const;
export type SignerCapacity = keyof typeof SIGNER_CAPACITIES;

/** The issuing office as it appears on the notice and in its number. */
export type Issuer = { parentAgency: string; agency: string; symbol: string; place: string };

export const DEFAULT_ISSUER: Issuer = { parentAgency: "UBND TỈNH QUẢNG NGÃI", agency: "SỞ NỘI VỤ", symbol: "TB-SNV", place: "Quảng Ngãi" };

/** "07/TB-SNV": the number of the year, at least two digits, then the office's symbol. */
export function formatNoticeNumber(number: number, symbol: string): string {
  return `${String(number).padStart(2, "0")}/${symbol}`;
}

export type DraftItem = {
  position: number;
  kind: ItemKind;
  content: string;
  points: number;
  attributedDelays: number;
  disciplineLevel: DisciplineLevel | null;
  parDeduction: number;
  subjectLabel: string;
};

export type DraftRecommendation = { position: number; kind: RecommendationKind; content: string; deadline: string };

/**
 * What stops a draft from being submitted for approval, in Vietnamese; empty when it may go. A notice
 * must conclude something, and a recommendation must fall due after the day it is submitted.
 */
export function draftProblems(draft: { title: string; items: readonly DraftItem[]; recommendations: readonly DraftRecommendation[] }, today: string): string[] {
  const problems: string[] = [];
  if (draft.title.trim() === "") problems.push("Chưa có trích yếu (tiêu đề) của thông báo kết luận.");
  if (draft.items.length === 0) problems.push("Dự thảo chưa có nội dung kết luận nào.");
  for (const item of draft.items) {
    if (item.kind === "commendation" && (item.points > 0 || item.attributedDelays > 0 || item.disciplineLevel || item.parDeduction > 0)) {
      problems.push(`Nội dung kết luận ${item.position} là ưu điểm nên không được trừ điểm, tính hồ sơ chậm hay đề xuất kỷ luật.`);
    }
  }
  for (const r of draft.recommendations) {
    if (r.deadline <= today) problems.push(`Kiến nghị ${r.position}: thời hạn thực hiện phải sau ngày trình (${today.split("-").reverse().join("/")}).`);
  }
  return problems;
}

/** One line describing an item's effect on appraisal, e.g. "trừ 10 điểm; 3 hồ sơ chậm; đề xuất Khiển trách". */
export function itemEffectLabel(item: Pick<DraftItem, "points" | "attributedDelays" | "disciplineLevel" | "parDeduction">): string {
  const parts: string[] = [];
  if (item.points > 0) parts.push(`trừ ${formatNumber(item.points)} điểm`);
  if (item.attributedDelays > 0) parts.push(`${formatNumber(item.attributedDelays)} hồ sơ chậm do đối tượng`);
  if (item.disciplineLevel) parts.push(`đề xuất ${DISCIPLINE_LEVEL_LABELS[item.disciplineLevel].toLowerCase()}`);
  if (item.parDeduction > 0) parts.push(`trừ ${formatNumber(item.parDeduction)} điểm Chỉ số CCHC`);
  return parts.length > 0 ? parts.join("; ") : "không ảnh hưởng đến đánh giá";
}

/** The notice as published: what the PDF renders and the verification page confirms. */
export type NoticeContent = {
  issuer: Issuer;
  number: string;
  year: number;
  publicationDate: string;
  title: string;
  supersedes: { number: string; publicationDate: string } | null;
  caseCode: string;
  subject: string;
  inspection: {
    title: string;
    decisionNumber: string;
    decisionDate: string;
    decisionSigner: string;
    legalBasis: string;
    legalBasisDate: string;
    periodFrom: string;
    periodTo: string;
    units: string[];
  };
  summary: string;
  findings: { number: number; criterion: string; facts: string; dossiers: string[]; deduction: number }[];
  items: { position: number; subject: string; kind: ItemKind; content: string; points: number; attributedDelays: number; disciplineLevel: DisciplineLevel | null; parDeduction: number }[];
  responsibility: string;
  recommendations: { position: number; kind: RecommendationKind; content: string; ownerUnit: string; deadline: string }[];
  signer: { authority: string | null; title: string; name: string };
  recipients: string[];
};

/** The SHA-256 of the notice's canonical JSON: the same content always gives the same hash. */
export function noticeHash(content: NoticeContent): string {
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
}

/** The default "Nơi nhận" of a notice about a unit. */
export function defaultRecipients(subjectUnitName: string): string[] {
  return [subjectUnitName, "Giám đốc, các Phó Giám đốc Sở", "Cổng thông tin điện tử Sở", "Lưu: VT, TTr"];
}
