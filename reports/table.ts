// A ruled table that flows across pages: a row is never split, and each page the table continues on
// starts by repeating the header row (or rows, when columns are grouped under a common heading).
import { textArea, use, type Flow } from "./official-document.js";
import type { FontFace } from "./fonts.js";

export type TableColumn = { header: string; /** In points; one column may be null and takes the rest. */ width: number | null; align: "left" | "center" | "right" };
export type TableCell = { text: string; /** Columns this cell covers (default 1). */ span?: number; face?: FontFace; align?: "left" | "center" | "right" };
export type TableRow = (string | TableCell)[];
/**
 * A heading over `span` consecutive columns, printed above their own headers ("Kết quả xếp loại" over
 * "Tốt", "Hoàn thành"…). A null heading lets those columns' headers take both header rows. The groups
 * cover the columns in order.
 */
export type TableHeaderGroup = { header: string | null; span: number };

const PAD_X = 4;
const PAD_Y = 3;
const SIZE = 12;
const LINE_GAP = 1;

type Placed = { text: string; face: FontFace; align: "left" | "center" | "right"; x: number; width: number };
/** A header cell, placed `dy` below the top of the header and `height` tall. */
type HeaderCell = Placed & { dy: number; height: number };

export function drawTable(flow: Flow, columns: TableColumn[], rows: TableRow[], options: { groups?: TableHeaderGroup[] } = {}): void {
  const { doc } = flow;
  const area = textArea(doc);
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const widths = columns.map((c) => c.width ?? area.width - fixed);
  const xs = widths.map((_, i) => area.x + widths.slice(0, i).reduce((a, b) => a + b, 0));

  const place = (row: TableRow, face: FontFace): Placed[] => {
    const placed: Placed[] = [];
    let col = 0;
    for (const raw of row) {
      const cell: TableCell = typeof raw === "string" ? { text: raw } : raw;
      const span = cell.span ?? 1;
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      placed.push({ text: cell.text.normalize("NFC"), face: cell.face ?? face, align: cell.align ?? columns[col]!.align, x: xs[col]!, width });
      col += span;
    }
    return placed;
  };
  const textHeight = (c: Placed) => use(doc, c.face, SIZE).heightOfString(c.text || " ", { width: c.width - 2 * PAD_X, lineGap: LINE_GAP }) + 2 * PAD_Y;
  const heightOf = (cells: Placed[]) => Math.max(...cells.map(textHeight));
  const drawCell = (c: Placed, y: number, height: number) => {
    doc.save().lineWidth(0.6).rect(c.x, y, c.width, height).stroke().restore();
    use(doc, c.face, SIZE).text(c.text, c.x + PAD_X, y + PAD_Y, { width: c.width - 2 * PAD_X, align: c.align, lineGap: LINE_GAP });
  };

  const headerCells = placeHeader(columns, options.groups, (row) => place(row, "bold"), textHeight);
  const headerHeight = Math.max(...headerCells.map((c) => c.dy + c.height));
  const bodyRows = rows.map((row) => {
    const cells = place(row, "regular");
    return { cells, height: heightOf(cells) };
  });
  const drawHeaderAt = (y: number) => {
    for (const c of headerCells) drawCell(c, y + c.dy, c.height);
  };

  flow.ensure(headerHeight + (bodyRows[0]?.height ?? 0));
  let y = doc.y;
  drawHeaderAt(y);
  y += headerHeight;
  for (const row of bodyRows) {
    if (y + row.height > flow.maxY) {
      doc.addPage();
      y = doc.y;
      drawHeaderAt(y);
      y += headerHeight;
    }
    for (const c of row.cells) drawCell(c, y, row.height);
    y += row.height;
  }
  flow.moveTo(y);
}

/** The header as cells: one row of column headers, or two when some columns are grouped. */
function placeHeader(
  columns: TableColumn[],
  groups: TableHeaderGroup[] | undefined,
  place: (row: TableRow) => Placed[],
  textHeight: (c: Placed) => number,
): HeaderCell[] {
  const own = place(columns.map((c) => ({ text: c.header, align: "center" as const })));
  if (!groups || groups.every((g) => g.header === null)) {
    const height = Math.max(...own.map(textHeight));
    return own.map((c) => ({ ...c, dy: 0, height }));
  }
  if (groups.reduce((n, g) => n + g.span, 0) !== columns.length) throw new Error("Các nhóm tiêu đề phải phủ đúng số cột của bảng.");
  const headings = place(groups.map((g) => ({ text: g.header ?? "", span: g.span, align: "center" as const })));
  const grouped = new Set<number>();
  let col = 0;
  groups.forEach((g) => {
    if (g.header !== null) for (let i = col; i < col + g.span; i++) grouped.add(i);
    col += g.span;
  });
  const top = Math.max(...headings.filter((_, i) => groups[i]!.header !== null).map(textHeight));
  const under = Math.max(...own.filter((_, i) => grouped.has(i)).map(textHeight));
  const tall = Math.max(0, ...own.filter((_, i) => !grouped.has(i)).map(textHeight));
  // The grouped columns' own headers grow when an ungrouped header needs more than both rows.
  const bottom = Math.max(under, tall - top);
  return [
    ...headings.flatMap((h, i) => (groups[i]!.header === null ? [] : [{ ...h, dy: 0, height: top }])),
    ...own.map((c, i) => (grouped.has(i) ? { ...c, dy: top, height: bottom } : { ...c, dy: 0, height: top + bottom })),
  ];
}
