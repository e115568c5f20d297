// A ruled table that flows across pages: a row is never split, and each page the table continues on
// starts by repeating the header row.
import { CONTENT_WIDTH, MARGINS, use, type Flow } from "./official-document.js";
import type { FontFace } from "./fonts.js";

export type TableColumn = { header: string; /** In points; one column may be null and takes the rest. */ width: number | null; align: "left" | "center" | "right" };
export type TableCell = { text: string; /** Columns this cell covers (default 1). */ span?: number; face?: FontFace; align?: "left" | "center" | "right" };
export type TableRow = (string | TableCell)[];

const PAD_X = 4;
const PAD_Y = 3;
const SIZE = 12;
const LINE_GAP = 1;

type Placed = { text: string; face: FontFace; align: "left" | "center" | "right"; x: number; width: number };

export function drawTable(flow: Flow, columns: TableColumn[], rows: TableRow[]): void {
  const { doc } = flow;
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const widths = columns.map((c) => c.width ?? CONTENT_WIDTH - fixed);
  const xs = widths.map((_, i) => MARGINS.left + widths.slice(0, i).reduce((a, b) => a + b, 0));

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
  const heightOf = (cells: Placed[]) =>
    Math.max(...cells.map((c) => use(doc, c.face, SIZE).heightOfString(c.text || " ", { width: c.width - 2 * PAD_X, lineGap: LINE_GAP }))) + 2 * PAD_Y;
  const draw = (cells: Placed[], y: number, height: number) => {
    for (const c of cells) {
      doc.save().lineWidth(0.6).rect(c.x, y, c.width, height).stroke().restore();
      use(doc, c.face, SIZE).text(c.text, c.x + PAD_X, y + PAD_Y, { width: c.width - 2 * PAD_X, align: c.align, lineGap: LINE_GAP });
    }
  };

  const header = columns.map((c) => ({ text: c.header, face: "bold" as const, align: "center" as const }));
  const headerCells = place(header, "bold");
  const headerHeight = heightOf(headerCells);
  const bodyRows = rows.map((row) => {
    const cells = place(row, "regular");
    return { cells, height: heightOf(cells) };
  });

  flow.ensure(headerHeight + (bodyRows[0]?.height ?? 0));
  let y = doc.y;
  draw(headerCells, y, headerHeight);
  y += headerHeight;
  for (const row of bodyRows) {
    if (y + row.height > flow.maxY) {
      doc.addPage();
      y = doc.y;
      draw(headerCells, y, headerHeight);
      y += headerHeight;
    }
    draw(row.cells, y, row.height);
    y += row.height;
  }
  flow.moveTo(y);
}
