// The page and the fixed parts of an administrative document in the format of Decree 30/2020/NĐ-CP
// (Appendix I): A4 portrait (landscape for a document that is mostly a wide table, as the Decree allows),
// margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman (Tinos)
// 13–14 pt; the header block (agency upper left, national name and motto upper right, number, place and
// date), the signer block with "Nơi nhận:", page numbers from page 2 and our verification footer.
// Builders for a particular document (conclusion-notice.ts, monthly-list.ts) use these and lay out their
// own body with `Flow`.
import PDFDocument from "pdfkit";
import { TINOS, type FontFace } from "./fonts.js";
import { vnMidnight, vnPlaceAndDate, type CalendarDate } from "./vn-date.js";

export const MM = 72 / 25.4;
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM } as const;
export const CONTENT_WIDTH = A4.width - MARGINS.left - MARGINS.right;

/** The header block's two columns: the agency on the left, the national name on the right. */
const LEFT_COLUMN = 68 * MM;
const RIGHT_COLUMN = CONTENT_WIDTH - LEFT_COLUMN;
export const COLUMNS = {
  left: { x: MARGINS.left, width: LEFT_COLUMN },
  right: { x: MARGINS.left + LEFT_COLUMN, width: RIGHT_COLUMN },
} as const;

export const BODY_SIZE = 14;
export const BODY_LINE_GAP = 1.5;
export const PARAGRAPH_GAP = 6;
/** First-line indent of a paragraph (Decree 30: 1–1.27 cm). */
export const INDENT = 10 * MM;

export type OfficialHeader = {
  /** Cơ quan, tổ chức chủ quản, upright: "UBND TỈNH QUẢNG NGÃI". */
  parentAgency: string;
  /** Cơ quan ban hành, bold under it: "SỞ NỘI VỤ". */
  issuingAgency: string;
  /** Số, ký hiệu without "Số: " ("07/TB-SNV"); null leaves the line out. */
  number: string | null;
  /** Địa danh: "Quảng Ngãi". */
  place: string;
  /** The date of the document (yyyy-MM-dd): printed in the header and used as the PDF's CreationDate. */
  date: CalendarDate;
};

export type Signer = {
  /** "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"…; null when the head signs in their own name. */
  authority: string | null;
  /** "PHÓ GIÁM ĐỐC" */
  title: string;
  name: string;
};

/**
 * What the footer of every page prints so that a reader can check the document online.
 * `sha256` is the hex SHA-256 of the document's canonical content (its data, not these PDF bytes),
 * computed by the caller: a PDF cannot contain a hash of its own bytes, and hashing the content keeps the
 * hash stable whatever the PDF library or font version.
 */
export type Verification = { sha256: string; url: string };

type Column = { x: number; width: number };

export type PageLayout = "portrait" | "landscape";

/** The text area of the document's pages, inside the margins: the whole width on either layout. */
export function textArea(doc: PDFKit.PDFDocument): Column {
  const { left, right } = doc.page.margins;
  return { x: left, width: doc.page.width - left - right };
}

/**
 * The header block's two columns. On a landscape page the left column keeps its width and the right one
 * takes the rest, like the two-cell header table of a word processor's template.
 */
function headerColumns(doc: PDFKit.PDFDocument): { left: Column; right: Column } {
  const area = textArea(doc);
  return { left: { x: area.x, width: LEFT_COLUMN }, right: { x: area.x + LEFT_COLUMN, width: area.width - LEFT_COLUMN } };
}

const nfc = (text: string) => text.normalize("NFC");

export function createOfficialDocument(meta: { title: string; subject: string; author: string; date: CalendarDate; layout?: PageLayout }): PDFKit.PDFDocument {
  const created = vnMidnight(meta.date);
  const doc = new PDFDocument({
    size: "A4",
    layout: meta.layout ?? "portrait",
    margins: { ...MARGINS },
    bufferPages: true,
    // Without a font here pdfkit would load Helvetica and list it in the file.
    font: TINOS.regular,
    lang: "vi-VN",
    displayTitle: true,
    // A fixed date: pdfkit derives the file ID from the info dictionary, so the same input gives the same bytes.
    info: { Title: nfc(meta.title), Subject: nfc(meta.subject), Author: nfc(meta.author), Creator: "KTCV", CreationDate: created, ModDate: created },
  });
  return doc;
}

export function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}

/**
 * Selects a face by its file path, which pdfkit caches per document. (A name given to registerFont for
 * the default face is not cached: pdfkit re-parses the TTF on every switch to it — seconds per document.)
 */
export function use(doc: PDFKit.PDFDocument, face: FontFace, size: number) {
  return doc.font(TINOS[face]).fontSize(size);
}

/** Writes centred text in a column from `y`; returns the y under it. */
function centred(doc: PDFKit.PDFDocument, text: string, face: FontFace, size: number, column: Column, y: number): number {
  use(doc, face, size).text(nfc(text), column.x, y, { width: column.width, align: "center" });
  return doc.y;
}

/** A horizontal rule of `length` centred in a column, just under `y`. */
function centredRule(doc: PDFKit.PDFDocument, column: Column, length: number, y: number) {
  const x = column.x + (column.width - length) / 2;
  doc.save().lineWidth(0.6).moveTo(x, y).lineTo(x + length, y).stroke().restore();
}

/** The width of the last line `text` takes when wrapped in `width`. */
function lastLineWidth(doc: PDFKit.PDFDocument, text: string, width: number): number {
  const whole = doc.widthOfString(text);
  if (whole <= width) return whole;
  // Wrapped: measure greedily the way pdfkit breaks at spaces.
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (doc.widthOfString(next) > width && line) line = word;
    else line = next;
  }
  return doc.widthOfString(line);
}

/**
 * The header block (Decree 30, Appendix I, items 1–4). Returns the y under it.
 * Left: parent agency upright, issuing agency bold, a rule of 1/3–1/2 of its width, "Số: …".
 * Right: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" bold 12 pt; "Độc lập - Tự do - Hạnh phúc" bold 13 pt with a
 * rule as long as the motto; place and date in italics on the line of "Số".
 */
export function drawHeader(doc: PDFKit.PDFDocument, header: OfficialHeader): number {
  const top = MARGINS.top;
  const { left, right } = headerColumns(doc);

  let leftY = centred(doc, header.parentAgency, "regular", 13, left, top);
  leftY = centred(doc, header.issuingAgency, "bold", 13, left, leftY);
  use(doc, "bold", 13);
  const agencyRule = lastLineWidth(doc, nfc(header.issuingAgency), left.width) * 0.4;
  centredRule(doc, left, agencyRule, leftY + 3);

  let rightY = centred(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "bold", 12, right, top);
  rightY = centred(doc, "Độc lập - Tự do - Hạnh phúc", "bold", 13, right, rightY);
  use(doc, "bold", 13);
  centredRule(doc, right, doc.widthOfString("Độc lập - Tự do - Hạnh phúc"), rightY + 3);

  const row = Math.max(leftY, rightY) + 10;
  let bottom = row;
  if (header.number !== null) bottom = Math.max(bottom, centred(doc, `Số: ${header.number}`, "regular", 13, left, row));
  bottom = Math.max(bottom, centred(doc, vnPlaceAndDate(header.place, header.date), "italic", 13, right, row));
  return bottom;
}

/**
 * The document type and its subject, bold and centred, with a short rule under them (Decree 30 items 5a, 5b).
 * `under` lines (e.g. which notice a correction replaces) are printed in italics between subject and rule.
 * A "\n" in the subject breaks the line there.
 */
export function drawTitle(doc: PDFKit.PDFDocument, y: number, type: string, subject: string, under: string[] = []): number {
  const page = textArea(doc);
  let next = centred(doc, type, "bold", 14, page, y);
  next = centred(doc, subject, "bold", 14, page, next);
  use(doc, "bold", 14);
  const ruleLength = lastLineWidth(doc, nfc(subject.split("\n").at(-1) ?? subject), page.width) * 0.4;
  for (const line of under) next = centred(doc, line, "italic", 14, page, next);
  centredRule(doc, page, Math.max(ruleLength, 40 * MM), next + 4);
  return next + 4;
}

type Run = { text: string; face: FontFace };

/** Body text that flows across pages: pdfkit breaks the page between lines, never through one. */
export class Flow {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  get maxY(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** The text area's left edge and width (CONTENT_WIDTH on a portrait page). */
  get area(): Column {
    return textArea(this.doc);
  }

  lineHeight(size = BODY_SIZE, face: FontFace = "regular"): number {
    use(this.doc, face, size);
    return this.doc.currentLineHeight(true) + BODY_LINE_GAP;
  }

  /** Starts a new page unless `height` more points fit above the bottom margin. */
  ensure(height: number): void {
    if (this.doc.y + height > this.maxY) this.doc.addPage();
  }

  moveTo(y: number): void {
    this.doc.x = this.area.x;
    this.doc.y = y;
  }

  space(points: number): void {
    if (this.doc.y + points <= this.maxY) this.doc.y += points;
  }

  height(text: string, options: { face?: FontFace; size?: number; indent?: number; width?: number } = {}): number {
    use(this.doc, options.face ?? "regular", options.size ?? BODY_SIZE);
    return this.doc.heightOfString(nfc(text), { width: options.width ?? this.area.width, indent: options.indent ?? INDENT, lineGap: BODY_LINE_GAP, align: "justify" });
  }

  /**
   * A justified paragraph with a first-line indent; `runs` may mix faces (a bold label, then text).
   * At least two of its lines go on the page it starts on (no orphan line at a page's foot).
   */
  paragraph(content: string | Run[], options: { size?: number; indent?: number; align?: "justify" | "left" | "center"; keepWithNext?: number } = {}): void {
    const runs: Run[] = typeof content === "string" ? [{ text: content, face: "regular" }] : content;
    const size = options.size ?? BODY_SIZE;
    const indent = options.indent ?? INDENT;
    const align = options.align ?? "justify";
    const whole = runs.map((r) => r.text).join("");
    const lines = Math.min(2, Math.max(1, Math.round(this.height(whole, { size, indent }) / this.lineHeight(size))));
    this.ensure(lines * this.lineHeight(size) + (options.keepWithNext ?? 0));
    const area = this.area;
    this.doc.x = area.x;
    runs.forEach((run, i) => {
      const last = i === runs.length - 1;
      use(this.doc, run.face, size).text(nfc(run.text), i === 0 ? area.x : undefined, undefined, {
        width: area.width,
        align,
        indent,
        lineGap: BODY_LINE_GAP,
        continued: !last,
      });
    });
    this.space(PARAGRAPH_GAP);
  }

  /** A bold heading kept on the same page as the first two lines that follow it. */
  heading(text: string, options: { size?: number; align?: "left" | "center" | "justify"; keepWithNext?: number } = {}): void {
    this.paragraph([{ text, face: "bold" }], { size: options.size, align: options.align ?? "justify", keepWithNext: options.keepWithNext ?? 2 * this.lineHeight() });
  }
}

/** The room left for the handwritten signature and the seal. */
const SIGNATURE_SPACE = 26 * MM;

function measureSignature(doc: PDFKit.PDFDocument, signer: Signer, recipients: string[] | null, archive: string) {
  const { left, right } = headerColumns(doc);
  const signerLines = [...(signer.authority ? [signer.authority] : []), signer.title].map(nfc);
  use(doc, "bold", 14);
  const signerHeight =
    signerLines.reduce((h, line) => h + doc.heightOfString(line, { width: right.width }), 0) + SIGNATURE_SPACE + doc.heightOfString(nfc(signer.name), { width: right.width });

  const recipientLines = recipients === null ? [] : [...recipients.map((r) => `- ${r};`), `- Lưu: ${archive}.`].map(nfc);
  let recipientsHeight = 0;
  if (recipients !== null) {
    use(doc, "boldItalic", 12);
    recipientsHeight = doc.heightOfString("Nơi nhận:", { width: left.width });
    use(doc, "regular", 11);
    for (const line of recipientLines) recipientsHeight += doc.heightOfString(line, { width: left.width, indent: 0 });
  }
  return { signerLines, recipientLines, signerHeight, recipientsHeight };
}

/**
 * The height drawSignatureAndRecipients takes under a paragraph (the paragraph's own gap included): the
 * last paragraph given it as `keepWithNext` goes to the next page with the signer block rather than
 * leaving the block alone on a page.
 */
export function signatureHeight(flow: Flow, signer: Signer, recipients: string[] | null, archive: string): number {
  const { signerHeight, recipientsHeight } = measureSignature(flow.doc, signer, recipients, archive);
  return 3 * PARAGRAPH_GAP + Math.max(signerHeight, recipientsHeight);
}

/**
 * The signer block on the right and "Nơi nhận:" on the left, side by side from the same line (Decree 30
 * items 7 and 9a). Kept whole: when it does not fit under the text it moves to the next page.
 * `recipients` are printed "- …;" in 11 pt; the last line is "- Lưu: <archive>.". Null leaves "Nơi nhận"
 * out (a form signed by the person who drew it up, "NGƯỜI LẬP BIỂU").
 */
export function drawSignatureAndRecipients(flow: Flow, signer: Signer, recipients: string[] | null, archive: string): void {
  const { doc } = flow;
  const { left, right } = headerColumns(doc);
  const { signerLines, recipientLines, signerHeight, recipientsHeight } = measureSignature(doc, signer, recipients, archive);

  flow.space(2 * PARAGRAPH_GAP);
  flow.ensure(Math.max(signerHeight, recipientsHeight));
  const top = doc.y;

  let y = top;
  for (const line of signerLines) y = centred(doc, line, "bold", 14, right, y);
  y = centred(doc, signer.name, "bold", 14, right, y + SIGNATURE_SPACE);
  const signerBottom = y;

  if (recipients === null) {
    flow.moveTo(signerBottom);
    return;
  }
  // "Nơi nhận:" (12 pt) on the baseline of the signer's first line (14 pt): Tinos's ascender is 0.891 em.
  use(doc, "boldItalic", 12).text("Nơi nhận:", left.x, top + (14 - 12) * 0.891, { width: left.width });
  use(doc, "regular", 11);
  for (const line of recipientLines) doc.text(line, left.x, doc.y, { width: left.width, align: "left" });
  flow.moveTo(Math.max(signerBottom, doc.y));
}

/**
 * Page numbers centred in the top margin from page 2 (Decree 30: none on page 1), and the verification
 * footer in the bottom margin of every page. Call once, after the body, before `toBuffer`.
 */
export function stampPages(doc: PDFKit.PDFDocument, verification: Verification | null): void {
  if (verification && !/^[0-9a-f]{64}$/.test(verification.sha256)) throw new Error("Mã xác thực phải là SHA-256 dạng 64 chữ số hex viết thường.");
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    const savedBottom = margins.bottom;
    // Writing in the margins: lift the bottom margin so pdfkit does not start a new page for it.
    margins.bottom = 0;
    if (i > range.start) {
      const area = textArea(doc);
      use(doc, "regular", 13).text(String(i - range.start + 1), area.x, 9 * MM, { width: area.width, align: "center", lineBreak: false });
    }
    if (verification) drawFooter(doc, verification);
    margins.bottom = savedBottom;
  }
}

function drawFooter(doc: PDFKit.PDFDocument, verification: Verification) {
  const size = 7.5;
  const whole = `Mã xác thực (SHA-256): ${verification.sha256} — Tra cứu: ${verification.url}`;
  use(doc, "regular", size);
  const area = textArea(doc);
  const lines = doc.widthOfString(whole) <= area.width ? [whole] : [`Mã xác thực (SHA-256): ${verification.sha256}`, `Tra cứu: ${verification.url}`];
  const ruleY = doc.page.height - MARGINS.bottom + 4 * MM;
  doc.save().lineWidth(0.4).strokeColor("#808080").moveTo(area.x, ruleY).lineTo(area.x + area.width, ruleY).stroke().restore();
  let y = ruleY + 2;
  for (const line of lines) {
    doc.fillColor("#404040").text(line, area.x, y, { width: area.width, align: "center", lineBreak: false });
    y += doc.currentLineHeight(true);
  }
  doc.fillColor("black");
}
