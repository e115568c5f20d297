// The reader of every CSV file the product imports (spec/evidence-import.md › Files): UTF-8 in Unicode
// NFC with an optional BOM, comma-separated, RFC 4180 quoting, one header row whose names are matched
// case-insensitively (Vietnamese letters included) after trimming, against a canonical name or its
// Vietnamese alias. Unknown columns are ignored; cells are trimmed and an empty cell is no value.
// Problems are reported, never thrown, each with the line where its record starts in the file.
import { parse } from "csv-parse/sync";

/** One expected column: its canonical name (as the spec writes it) and the other headers accepted for it. */
export type CsvColumn<K extends string = string> = {
  key: K;
  aliases?: readonly string[];
  /** The header must be present (whether each cell must hold a value is the caller's rule). */
  required?: boolean;
};

/** A problem in a file. `line` counts physical lines from 1 (the header); `column` is the canonical name. */
export type CsvIssue = { line: number; column: string | null; message: string };

export type CsvRow<K extends string> = { line: number; values: Record<K, string | null> };

export type CsvTable<K extends string> = {
  rows: CsvRow<K>[];
  /** The expected columns the header actually has. */
  present: Set<K>;
  errors: CsvIssue[];
};

/** How a report line reads: `Dòng 7, cột parent_code: không tìm thấy …`. */
export function formatIssue(issue: CsvIssue): string {
  return issue.column ? `Dòng ${issue.line}, cột ${issue.column}: ${issue.message}` : `Dòng ${issue.line}: ${issue.message}`;
}

/** Header names compare after NFC, trimming, collapsing inner spaces and lower-casing (Đ = đ). */
export function headerKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
}

function columnTitle(column: CsvColumn): string {
  return column.aliases?.length ? `"${column.key}" (hoặc ${column.aliases.map((a) => `"${a}"`).join(", ")})` : `"${column.key}"`;
}

const LINE_BREAK = /\n/g;

/** Lines whose bytes are not valid UTF-8, by physical line number. */
function invalidUtf8Lines(bytes: Uint8Array): number[] {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const bad: number[] = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        bad.push(line);
      }
      start = i + 1;
      line++;
    }
  }
  return bad;
}

const NOT_UTF8 =
  "tệp không ở mã UTF-8 (có thể đã được lưu bằng bảng mã Windows-1258, TCVN3 hoặc VNI). Hãy mở tệp và lưu lại dưới dạng “CSV UTF-8”.";
const NOT_NFC =
  "văn bản dùng Unicode tổ hợp (dấu tách rời khỏi chữ). Hãy chuyển tệp sang Unicode dựng sẵn (chuẩn NFC), ví dụ bằng chức năng chuyển mã của Unikey, rồi nhập lại.";

const PARSE_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "có dấu ngoặc kép mở nhưng không được đóng đến hết tệp.",
  CSV_INVALID_CLOSING_QUOTE: "sau dấu ngoặc kép đóng phải là dấu phẩy hoặc xuống dòng.",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "sau dấu ngoặc kép đóng phải là dấu phẩy hoặc xuống dòng.",
  INVALID_OPENING_QUOTE: "ô có dấu ngoặc kép ở giữa giá trị; hãy đặt cả ô trong ngoặc kép và viết mỗi dấu ngoặc kép bên trong thành hai dấu (\"\").",
};

const MAX_PARSE_ERRORS = 100;

/**
 * The records of the text with the line each starts on (the line a record ends on, minus the line
 * breaks inside its quoted cells). A quoting mistake leaves csv-parse out of step with the rest of
 * the file, so after each one the parse starts afresh on the next line: every such line is reported.
 */
function parseRecords(text: string): { records: { cells: string[]; line: number }[]; issues: CsvIssue[]; fatal: boolean } {
  const lineStarts = [0];
  for (const match of text.matchAll(/\n/g)) lineStarts.push(match.index + 1);
  const records: { cells: string[]; line: number }[] = [];
  const issues: CsvIssue[] = [];
  let fromLine = 1;
  while (fromLine <= lineStarts.length) {
    const base = fromLine - 1;
    let lastEnd = base;
    try {
      parse(text.slice(lineStarts[base]), {
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
        on_record: (record: string[], context: { lines: number }) => {
          const end = base + context.lines;
          const breaks = record.reduce((n, cell) => n + (cell.match(LINE_BREAK)?.length ?? 0), 0);
          records.push({ cells: record, line: end - breaks });
          lastEnd = end;
          return null;
        },
      });
      break;
    } catch (error) {
      const { code, lines } = error as { code?: string; lines?: number };
      let line: number;
      if (code === "CSV_QUOTE_NOT_CLOSED" || typeof lines !== "number") {
        // Only noticed at the end of the file: the record began on the first non-blank line after the last good one.
        line = lastEnd + 1;
        while (line < lineStarts.length && text.slice(lineStarts[line - 1], lineStarts[line]).trim() === "") line++;
      } else {
        line = base + lines;
      }
      issues.push({ line, column: null, message: PARSE_MESSAGES[code ?? ""] ?? "dòng không đúng định dạng CSV (RFC 4180)." });
      if (records.length === 0) return { records, issues, fatal: true };
      if (issues.length >= MAX_PARSE_ERRORS) {
        issues.push({ line, column: null, message: `quá nhiều lỗi định dạng CSV (${MAX_PARSE_ERRORS}); ngừng đọc phần còn lại của tệp.` });
        break;
      }
      fromLine = line + 1;
    }
  }
  return { records, issues, fatal: false };
}

/**
 * Reads a CSV file (bytes as uploaded, or text already decoded) against the expected columns.
 * Every problem found is listed; rows are returned even when some have problems, so that the
 * caller's own checks can report every bad row in one pass.
 */
export function readCsvTable<K extends string>(input: Uint8Array | string, columns: readonly CsvColumn<K>[]): CsvTable<K> {
  const errors: CsvIssue[] = [];
  const present = new Set<K>();
  let text: string;
  if (typeof input === "string") {
    text = input;
  } else {
    const bad = invalidUtf8Lines(input);
    if (bad.length > 0) return { rows: [], present, errors: bad.map((line) => ({ line, column: null, message: NOT_UTF8 })) };
    text = new TextDecoder("utf-8").decode(input);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // csv-parse miscounts lines when CRLF appears inside quotes; with one kind of line break it counts true.
  text = text.replace(/\r\n?/g, "\n");

  const { records, issues: parseErrors, fatal } = parseRecords(text);
  if (fatal) return { rows: [], present, errors: parseErrors };
  const header = records.shift();
  if (!header) {
    return { rows: [], present, errors: [{ line: 1, column: null, message: "tệp trống: thiếu dòng tiêu đề." }, ...parseErrors] };
  }

  const byHeader = new Map<string, CsvColumn<K>>();
  for (const column of columns) {
    for (const name of [column.key, ...(column.aliases ?? [])]) byHeader.set(headerKey(name), column);
  }
  const positions = new Map<K, number>();
  header.cells.forEach((name, index) => {
    if (name !== name.normalize("NFC")) errors.push({ line: header.line, column: null, message: `tên cột "${name}": ${NOT_NFC}` });
    const column = byHeader.get(headerKey(name));
    if (!column) return;
    const earlier = positions.get(column.key);
    if (earlier !== undefined) {
      errors.push({
        line: header.line,
        column: column.key,
        message: `cột ${columnTitle(column)} xuất hiện hai lần trong dòng tiêu đề (cột thứ ${earlier + 1} và thứ ${index + 1}).`,
      });
      return;
    }
    positions.set(column.key, index);
    present.add(column.key);
  });
  const missing = columns.filter((c) => c.required && !positions.has(c.key));
  for (const column of missing) {
    errors.push({ line: header.line, column: column.key, message: `thiếu cột bắt buộc ${columnTitle(column)}.` });
  }
  if (missing.length > 0 && header.cells.length === 1 && header.cells[0]!.includes(";")) {
    errors.push({
      line: header.line,
      column: null,
      message: "tệp dường như dùng dấu chấm phẩy (;) để phân cách các cột; hệ thống cần dấu phẩy (,). Hãy xuất lại tệp CSV với dấu phẩy.",
    });
  }
  if (missing.length > 0) return { rows: [], present, errors: [...errors, ...parseErrors] };

  const rows: CsvRow<K>[] = [];
  for (const record of records) {
    // Spreadsheets leave rows of empty cells after the data; they are not records.
    if (record.cells.every((cell) => cell.trim() === "")) continue;
    if (record.cells.length > header.cells.length) {
      errors.push({
        line: record.line,
        column: null,
        message: `dòng có ${record.cells.length} ô nhưng dòng tiêu đề chỉ có ${header.cells.length} cột; có thể một giá trị chứa dấu phẩy mà chưa được đặt trong ngoặc kép.`,
      });
    }
    const values = {} as Record<K, string | null>;
    for (const column of columns) {
      const index = positions.get(column.key);
      let value = index === undefined ? "" : (record.cells[index] ?? "").trim();
      if (value !== value.normalize("NFC")) {
        errors.push({ line: record.line, column: column.key, message: NOT_NFC });
        value = value.normalize("NFC");
      }
      values[column.key] = value === "" ? null : value;
    }
    rows.push({ line: record.line, values });
  }
  errors.push(...parseErrors);
  errors.sort((a, b) => a.line - b.line);
  return { rows, present, errors };
}

/** A `yyyy-MM-dd` cell (the organisation and calendar files' date format) if it is a real date, else null. */
export function parseIsoDate(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCFullYear(y);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return text;
}
