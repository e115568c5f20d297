// CSV files people open in Excel: RFC 4180 (comma-separated, CRLF line ends, a field quoted when it
// holds a comma, a quote or a line break, quotes doubled), UTF-8 with a byte-order mark — without it
// Excel reads the file as the Windows code page and mangles every Vietnamese letter.
//
// Formula injection (CWE-1236): a text cell beginning with =, +, - or @ (or a tab or carriage return,
// which Excel also skips before a formula) is run as a formula by spreadsheet programs. Such text comes
// from imported files (names, codes), so it is prefixed with a single quote, which Excel shows as text.
// Numbers are ours and written as numbers: -1 stays -1.

export type CsvValue = string | number | boolean | null | undefined;

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
export const UTF8_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Text that a spreadsheet would run as a formula, made inert by a leading single quote. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: empty for null/undefined, numbers in plain notation (dot decimal), text neutralised and quoted when needed. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, ending with CRLF. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(",") + "\r\n";
}

/** A whole file: the BOM, the header row, then the rows. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = UTF8_BOM + csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}

/** A Content-Disposition header for a download; the name is kept to ASCII so every browser accepts it. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^A-Za-z0-9._-]+/g, "-");
  return `attachment; filename="${ascii}"`;
}
