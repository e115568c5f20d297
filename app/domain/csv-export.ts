// CSV files people download and open in a spreadsheet: UTF-8 with a BOM (without it Excel reads
// Vietnamese as Windows-1258 mojibake), RFC 4180 (CRLF line ends, a field quoted when it holds a
// comma, a quote or a line break), and formula neutralisation. A dossier code, a name or a
// description comes from an imported file or a user: a cell "=HYPERLINK(…)" would run as a formula
// when opened (OWASP "CSV injection"), so a text cell that starts like a formula gets a leading
// single quote, which spreadsheets show as text. Numbers are written as they are: they cannot carry
// a formula, and a negative number must stay a number.
//
// This is not overdue.csv (app/domain/overdue-export.ts): that file is the contract's machine export,
// byte for byte, without BOM or neutralisation.

export type CsvCell = string | number | boolean | null | undefined;

export const UTF8_BOM = "\uFEFF";
const LINE_END = "\r\n";

/** Characters that make a spreadsheet read a cell as a formula (tab and CR too: OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet would evaluate, made inert with a leading single quote. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: neutralised when it is text, then quoted when RFC 4180 requires it. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && !Number.isFinite(value)) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = typeof value === "number" ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, with its CRLF. */
export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(",") + LINE_END;
}

/** A whole small file: BOM, header, rows. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let text = UTF8_BOM + csvLine(header);
  for (const row of rows) text += csvLine(row);
  return text;
}

/**
 * A byte stream fed by `produce`, which writes text as it reads rows (a year of a province's
 * dossiers is too many to hold as one string). `write` waits while the reader is behind, and throws
 * once the reader has gone away, so that a producer inside a transaction stops and rolls back.
 */
export function textStream(produce: (write: (text: string) => Promise<void>) => Promise<void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let wake: (() => void) | null = null;
  let cancelled = false;
  const resume = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const write = async (text: string) => {
          if (cancelled) throw new Error("Người nhận đã ngắt kết nối.");
          if (text) controller.enqueue(encoder.encode(text));
          while (!cancelled && (controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (wake = resolve));
          if (cancelled) throw new Error("Người nhận đã ngắt kết nối.");
        };
        // Not awaited: start() must return for pull() to be called.
        produce(write).then(
          () => {
            if (!cancelled) controller.close();
          },
          (error: unknown) => {
            if (cancelled) return;
            console.error("Lỗi khi xuất tệp CSV:", error);
            controller.error(error);
          },
        );
      },
      pull() {
        resume();
      },
      cancel() {
        cancelled = true;
        resume();
      },
    },
    { highWaterMark: 256 * 1024, size: (chunk) => chunk.byteLength },
  );
}

/** Content-Disposition for a download: an ASCII name for old clients, the UTF-8 name for the rest. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9._-]+/g, "-");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The response of a CSV download. */
export function csvResponse(body: string | ReadableStream<Uint8Array>, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentHeader(fileName),
      "Cache-Control": "no-store",
    },
  });
}
