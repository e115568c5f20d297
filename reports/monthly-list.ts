// The monthly list of Decision 766/QĐ-TTg practice (danh sách cơ quan, đơn vị, cán bộ, công chức để hồ sơ
// thủ tục hành chính quá hạn): for one month, the units and the officers to whom late dossiers are
// attributed, with their counts, as a Sở Nội vụ document in the Decree 30/2020 format. Plain data in,
// PDF bytes out; the same input gives the same bytes.
import { MM, Flow, createOfficialDocument, drawHeader, drawSignatureAndRecipients, drawTitle, stampPages, toBuffer, type Signer, type Verification } from "./official-document.js";
import { drawTable, type TableRow } from "./table.js";
import { vnMonth, type CalendarDate } from "./vn-date.js";

export type MonthlyListUnit = { code: string; name: string; /** Late dossiers attributed to the unit in the month. */ lateDossiers: number };
export type MonthlyListOfficer = { code: string; name: string; unitName: string; /** Late dossiers attributed to the officer in the month. */ lateDossiers: number };

export type MonthlyListDocument = {
  parentAgency: string;
  issuingAgency: string;
  /** "45/DS-SNV"; null leaves the "Số:" line out. */
  number: string | null;
  place: string;
  /** Date of the document (yyyy-MM-dd); also the PDF's CreationDate. */
  date: CalendarDate;
  /** The month listed. */
  year: number;
  month: number;
  /** In the order to print (most late dossiers first, as the caller decides). */
  units: MonthlyListUnit[];
  officers: MonthlyListOfficer[];
  /** A note under the title on how the list was drawn up; null for none. */
  note: string | null;
  /** Null for an unsigned working copy: no signer block, no "Nơi nhận". */
  signer: Signer | null;
  recipients: string[];
  archive: string;
  /** The footer of every page (SHA-256 of the list's canonical content, computed by the caller); null for none. */
  verification: Verification | null;
};

const count = new Intl.NumberFormat("vi-VN");

/** The subject line under "DANH SÁCH". */
export function monthlyListSubject(year: number, month: number): string {
  return `cơ quan, đơn vị, cán bộ, công chức để hồ sơ TTHC quá hạn ${vnMonth(year, month)}`;
}

export async function renderMonthlyList(list: MonthlyListDocument): Promise<Buffer> {
  const subject = monthlyListSubject(list.year, list.month);
  const doc = createOfficialDocument({
    title: list.number ? `Danh sách số ${list.number}` : `Danh sách ${vnMonth(list.year, list.month)}`,
    subject: `Danh sách ${subject}`,
    author: list.issuingAgency,
    date: list.date,
  });
  const flow = new Flow(doc);
  const headerBottom = drawHeader(doc, { parentAgency: list.parentAgency, issuingAgency: list.issuingAgency, number: list.number, place: list.place, date: list.date });
  // The month on a line of its own rather than wherever the subject happens to wrap.
  const [what, month] = [subject.slice(0, subject.lastIndexOf(" tháng ")), subject.slice(subject.lastIndexOf(" tháng ") + 1)];
  flow.moveTo(drawTitle(doc, headerBottom + 22, "DANH SÁCH", `${what}\n${month}`) + 16);
  if (list.note) flow.paragraph([{ text: list.note, face: "italic" }]);

  const totalUnits = list.units.reduce((sum, u) => sum + u.lateDossiers, 0);
  // A heading stays with its table's header row and first rows.
  const keepWithTable = 4 * flow.lineHeight(12) + 24;
  flow.heading(`I. CƠ QUAN, ĐƠN VỊ (${count.format(list.units.length)} đơn vị)`, { keepWithNext: keepWithTable });
  const unitRows: TableRow[] = list.units.map((u, i) => [String(i + 1), u.code, u.name, count.format(u.lateDossiers)]);
  drawTable(
    flow,
    [
      { header: "STT", width: 12 * MM, align: "center" },
      { header: "Mã đơn vị", width: 36 * MM, align: "left" },
      { header: "Tên cơ quan, đơn vị", width: null, align: "left" },
      { header: "Số hồ sơ quá hạn", width: 28 * MM, align: "center" },
    ],
    list.units.length === 0
      ? [[{ text: "Không có cơ quan, đơn vị nào để hồ sơ quá hạn trong tháng.", span: 4, align: "center" }]]
      : [...unitRows, [{ text: "Tổng cộng", span: 3, face: "bold", align: "center" }, { text: count.format(totalUnits), face: "bold" }]],
  );
  flow.space(14);

  const totalOfficers = list.officers.reduce((sum, o) => sum + o.lateDossiers, 0);
  flow.heading(`II. CÁN BỘ, CÔNG CHỨC (${count.format(list.officers.length)} người)`, { keepWithNext: keepWithTable });
  const officerRows: TableRow[] = list.officers.map((o, i) => [String(i + 1), o.code, o.name, o.unitName, count.format(o.lateDossiers)]);
  drawTable(
    flow,
    [
      { header: "STT", width: 12 * MM, align: "center" },
      { header: "Mã cán bộ", width: 22 * MM, align: "left" },
      { header: "Họ và tên", width: 42 * MM, align: "left" },
      { header: "Cơ quan, đơn vị", width: null, align: "left" },
      { header: "Số hồ sơ quá hạn", width: 25 * MM, align: "center" },
    ],
    list.officers.length === 0
      ? [[{ text: "Không có cán bộ, công chức nào để hồ sơ quá hạn trong tháng.", span: 5, align: "center" }]]
      : [...officerRows, [{ text: "Tổng cộng", span: 4, face: "bold", align: "center" }, { text: count.format(totalOfficers), face: "bold" }]],
  );

  if (list.signer) drawSignatureAndRecipients(flow, list.signer, list.recipients, list.archive);
  stampPages(doc, list.verification);
  return toBuffer(doc);
}
