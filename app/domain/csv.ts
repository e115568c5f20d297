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
  /** The longest value a cell of this column may hold, in characters (default MAX_CELL_LENGTH). */
  maxLength?: number;
};

/**
 * No value of the contract comes near this: a longer cell is a broken file (a quote never closed swallows
 * the rest of it) or an attack, and is refused rather than carried into messages and the database.
 */
export const MAX_CELL_LENGTH = 1000;
/** A header wider than this is not one of our files; refused before the whole line is split into cells. */
export const MAX_COLUMNS = 1000;
/** Lines listed for a whole-file problem (encoding, NUL characters) before the rest are only counted. */
const MAX_LINES_LISTED = 100;

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

/**
 * Header names compare after NFC, dropping invisible characters (a second byte order mark left by
 * joining two files, zero-width spaces pasted with a name), trimming, collapsing inner spaces and
 * lower-casing (Đ = đ).
 */
export function headerKey(name: string): string {
  return name.normalize("NFC").replace(/[\uFEFF\u200B-\u200D\u2060]/g, "").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
}

const number = (n: number) => n.toLocaleString("vi-VN");

/** A cell's value as a message quotes it: whole when short, else its beginning and its length. */
function quoteCell(value: string): string {
  return value.length <= 60 ? `"${value}"` : `"${value.slice(0, 40)}…" (${number(value.length)} ký tự)`;
}

function columnTitle(column: CsvColumn): string {
  return column.aliases?.length ? `"${column.key}" (hoặc ${column.aliases.map((a) => `"${a}"`).join(", ")})` : `"${column.key}"`;
}

const LINE_BREAK = /\n/g;

/** Lines whose bytes are not valid UTF-8, by physical line number. */
function invalidUtf8Lines(bytes: Uint8Array): number[] {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    decoder.decode(bytes);
    return [];
  } catch {
    // Some line is not: find which.
  }
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
const UTF16 =
  "tệp ở mã UTF-16 (Excel gọi là “Unicode Text”), không phải UTF-8. Hãy mở tệp và lưu lại dưới dạng “CSV UTF-8”.";
const NUL_CHARACTER =
  "dòng có ký tự NUL (mã 0), không có trong một tệp CSV: tệp có thể ở mã UTF-16 hoặc không phải tệp văn bản. Hãy mở tệp và lưu lại dưới dạng “CSV UTF-8”.";
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
      // The failing record began on the first non-blank line after the last good one.
      let start = lastEnd + 1;
      while (start < lineStarts.length && text.slice(lineStarts[start - 1], lineStarts[start]).trim() === "") start++;
      let line: number;
      let resume: number;
      let message = PARSE_MESSAGES[code ?? ""] ?? "dòng không đúng định dạng CSV (RFC 4180).";
      if (code === "CSV_QUOTE_NOT_CLOSED" || typeof lines !== "number") {
        // Only noticed at the end of the file.
        line = start;
        resume = start;
      } else {
        line = base + lines;
        resume = line;
        if (start < line) {
          // A quote opened earlier swallowed the lines up to here: the mistake is where it opened.
          message = `ô mở bằng dấu ngoặc kép ở dòng này kéo dài đến dòng ${line} mới gặp lỗi: ${message} Có thể dấu ngoặc kép mở chưa được đóng.`;
          line = start;
        }
      }
      issues.push({ line, column: null, message });
      if (records.length === 0) return { records, issues, fatal: true };
      if (issues.length >= MAX_PARSE_ERRORS) {
        issues.push({ line, column: null, message: `quá nhiều lỗi định dạng CSV (${MAX_PARSE_ERRORS}); ngừng đọc phần còn lại của tệp.` });
        break;
      }
      // Reading goes on after the line where the error showed: each part of the file is read once.
      fromLine = resume + 1;
    }
  }
  return { records, issues, fatal: false };
}

/** Issues for a problem of the whole file found on these lines: the first ones listed, the rest counted. */
function lineIssues(lines: number[], message: string): CsvIssue[] {
  const issues: CsvIssue[] = lines.slice(0, MAX_LINES_LISTED).map((line) => ({ line, column: null, message }));
  if (lines.length > MAX_LINES_LISTED) {
    const rest = lines.length - MAX_LINES_LISTED;
    issues.push({ line: lines[MAX_LINES_LISTED]!, column: null, message: `cùng lỗi trên ở ${number(rest)} dòng nữa, từ dòng này đến dòng ${lines[lines.length - 1]}.` });
  }
  return issues;
}

/** The physical lines (from 1) of the text that hold a NUL character. */
function nulLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  for (let at = text.indexOf("\u0000"); at !== -1; ) {
    for (let i = text.indexOf("\n", counted); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) {
      line++;
      counted = i + 1;
    }
    lines.push(line);
    const next = text.indexOf("\n", at);
    at = next === -1 ? -1 : text.indexOf("\u0000", next);
  }
  return lines;
}

/** The number of cells of the first non-blank line, counted without splitting it (quotes respected). */
function headerWidth(text: string): { width: number; line: number } {
  let i = 0;
  let line = 1;
  while (i < text.length && /\s/.test(text[i]!)) if (text[i++] === "\n") line++;
  let width = 1;
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && c === 0x2c) width++;
    else if (!quoted && c === 0x0a) break;
  }
  return { width, line };
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
    if ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff)) {
      return { rows: [], present, errors: [{ line: 1, column: null, message: UTF16 }] };
    }
    const bad = invalidUtf8Lines(input);
    if (bad.length > 0) return { rows: [], present, errors: lineIssues(bad, NOT_UTF8) };
    text = new TextDecoder("utf-8").decode(input);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // csv-parse miscounts lines when CRLF appears inside quotes; with one kind of line break it counts true.
  text = text.replace(/\r\n?/g, "\n");
  // PostgreSQL cannot store a NUL in text, and no spreadsheet writes one into a CSV file.
  const nul = nulLines(text);
  if (nul.length > 0) return { rows: [], present, errors: lineIssues(nul, NUL_CHARACTER) };
  const header = headerWidth(text);
  if (header.width > MAX_COLUMNS) {
    const message = `dòng tiêu đề có ${number(header.width)} cột, quá giới hạn ${number(MAX_COLUMNS)} cột: đây không phải tệp CSV theo mẫu của hệ thống, hoặc tệp đã bị hỏng.`;
    return { rows: [], present, errors: [{ line: header.line, column: null, message }] };
  }

  const { records, issues: parseErrors, fatal } = parseRecords(text);
  if (fatal) return { rows: [], present, errors: parseErrors };
  const headerRecord = records.shift();
  if (!headerRecord) {
    return { rows: [], present, errors: [{ line: 1, column: null, message: "tệp trống: thiếu dòng tiêu đề." }, ...parseErrors] };
  }

  const byHeader = new Map<string, CsvColumn<K>>();
  for (const column of columns) {
    for (const name of [column.key, ...(column.aliases ?? [])]) byHeader.set(headerKey(name), column);
  }
  const positions = new Map<K, number>();
  headerRecord.cells.forEach((name, index) => {
    if (name !== name.normalize("NFC")) errors.push({ line: headerRecord.line, column: null, message: `tên cột ${quoteCell(name)}: ${NOT_NFC}` });
    const column = byHeader.get(headerKey(name));
    if (!column) return;
    const earlier = positions.get(column.key);
    if (earlier !== undefined) {
      errors.push({
        line: headerRecord.line,
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
    errors.push({ line: headerRecord.line, column: column.key, message: `thiếu cột bắt buộc ${columnTitle(column)}.` });
  }
  if (missing.length > 0 && headerRecord.cells.length === 1 && headerRecord.cells[0]!.includes(";")) {
    errors.push({
      line: headerRecord.line,
      column: null,
      message: "tệp dường như dùng dấu chấm phẩy (;) để phân cách các cột; hệ thống cần dấu phẩy (,). Hãy xuất lại tệp CSV với dấu phẩy.",
    });
  }
  if (missing.length > 0) return { rows: [], present, errors: [...errors, ...parseErrors] };

  const rows: CsvRow<K>[] = [];
  for (const record of records) {
    // Spreadsheets leave rows of empty cells after the data; they are not records.
    if (record.cells.every((cell) => cell.trim() === "")) continue;
    if (record.cells.length > headerRecord.cells.length) {
      errors.push({
        line: record.line,
        column: null,
        message: `dòng có ${record.cells.length} ô nhưng dòng tiêu đề chỉ có ${headerRecord.cells.length} cột; có thể một giá trị chứa dấu phẩy mà chưa được đặt trong ngoặc kép.`,
      });
    }
    const values = {} as Record<K, string | null>;
    for (const column of columns) {
      const index = positions.get(column.key);
      let value = index === undefined ? "" : (record.cells[index] ?? "").trim();
      const maxLength = column.maxLength ?? MAX_CELL_LENGTH;
      if (value.length > maxLength) {
        errors.push({
          line: record.line,
          column: column.key,
          message: `ô dài ${number(value.length)} ký tự, quá giới hạn ${number(maxLength)} ký tự của cột này (có thể một dấu ngoặc kép mở đã nuốt cả phần sau của tệp).`,
        });
        // Later checks quote the value: a beginning is enough for them, and for the person reading.
        value = `${value.slice(0, 40)}…`;
      }
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
