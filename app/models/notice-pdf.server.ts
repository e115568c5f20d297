// The official PDF of a published notice: its frozen content (conclusion.content) laid out by the
// Decree 30 renderer in reports/. The footer carries the content's SHA-256 and the public verification
// page's address, so a printed copy can be checked online. Same notice, same bytes.
import { renderConclusionNotice, type ConclusionNoticeDocument, type RecommendationKind as PdfRecommendationKind } from "../../reports/conclusion-notice.js";
import { DISCIPLINE_LEVEL_LABELS, type NoticeContent, type RecommendationKind } from "../domain/conclusion.js";
import type { PublishedNotice } from "./conclusions.server.js";

const PDF_KIND: Record<RecommendationKind, PdfRecommendationKind> = { review: "review", discipline: "discipline", reassignment: "reassign", remedy: "remedy" };

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");

const lowerFirst = (text: string) => (text ? text[0]!.toLocaleLowerCase("vi") + text.slice(1) : text);

/** Who signed the inspection decision, as the notice's grounds name them. */
function decisionAuthority(content: NoticeContent): string {
  return content.issuer.agency.toLocaleUpperCase("vi") === "SỞ NỘI VỤ" ? "Giám đốc Sở Nội vụ" : content.inspection.decisionSigner;
}

export function noticeDocument(content: NoticeContent, verification: { sha256: string; url: string }): ConclusionNoticeDocument {
  const recipients = [...content.recipients];
  const archiveLine = recipients.length > 0 && /^Lưu\s*:/i.test(recipients.at(-1)!) ? recipients.pop()! : "Lưu: VT, TTr";
  return {
    parentAgency: content.issuer.parentAgency,
    issuingAgency: content.issuer.agency,
    number: content.number,
    place: content.issuer.place,
    date: content.publicationDate,
    subject: content.title,
    replaces: content.supersedes ? { number: content.supersedes.number, date: content.supersedes.publicationDate } : null,
    basis: {
      legalBasis: content.inspection.legalBasis,
      legalBasisDate: content.inspection.legalBasisDate,
      decision: {
        number: content.inspection.decisionNumber,
        date: content.inspection.decisionDate,
        signer: decisionAuthority(content),
        title: lowerFirst(content.inspection.title),
      },
      other: [
        `Xét Báo cáo kết quả kiểm tra của Đoàn kiểm tra và ý kiến giải trình của đơn vị được kiểm tra (vụ việc ${content.caseCode}), ${content.issuer.agency === "SỞ NỘI VỤ" ? "Sở Nội vụ" : content.issuer.agency} thông báo kết luận kiểm tra như sau:`,
      ],
    },
    scope: {
      content: content.summary.trim() || `Trách nhiệm công vụ của ${content.subject} trong giải quyết thủ tục hành chính.`,
      periodFrom: content.inspection.periodFrom,
      periodTo: content.inspection.periodTo,
      units: content.inspection.units,
      team: content.inspection.team ? `${content.inspection.team}.` : null,
    },
    findings: content.findings.map((f) => ({ number: f.number, criterion: f.criterion, facts: f.facts, dossierCodes: f.dossiers, proposedDeduction: f.deduction })),
    conclusionItems: content.items.map((i) => ({
      subject: i.subjectDetail,
      kind: i.kind,
      content: i.content,
      points: i.points,
      effect: {
        attributedDelays: i.attributedDelays,
        disciplineLevel: i.disciplineLevel ? DISCIPLINE_LEVEL_LABELS[i.disciplineLevel] : null,
        parIndexDeduction: i.parDeduction,
      },
    })),
    responsibility: paragraphs(content.responsibility),
    recommendations: content.recommendations.map((r) => ({ kind: PDF_KIND[r.kind], content: r.content, ownerUnit: r.ownerUnit, deadline: r.deadline })),
    closing: "Yêu cầu các cơ quan, đơn vị, cá nhân có liên quan nghiêm túc thực hiện các kiến nghị tại Thông báo này và báo cáo kết quả khắc phục đúng thời hạn",
    signer: content.signer,
    recipients,
    archive: archiveLine.replace(/^Lưu\s*:\s*/i, "").replace(/\.$/, ""),
    verification,
  };
}

/** The public address of a notice's verification page. */
export function verificationUrl(publicUrl: string, noticeId: number): string {
  return `${publicUrl.replace(/\/+$/, "")}/public/notices/${noticeId}`;
}

export async function renderNoticePdf(notice: PublishedNotice, publicUrl: string): Promise<Buffer> {
  return renderConclusionNotice(noticeDocument(notice.content, { sha256: notice.sha256, url: verificationUrl(publicUrl, notice.id) }));
}

/** "Thong-bao-07-TB-SNV-2026.pdf": an ASCII file name for the download. */
export function noticeFileName(notice: PublishedNotice): string {
  return `Thong-bao-${notice.number.replace(/\//g, "-")}-${notice.publicationDate.slice(0, 4)}.pdf`;
}
