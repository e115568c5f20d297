// Bad input to the evidence import (and the organisation import), as it arrives from real offices and
// from worse: random bytes, the sample re-encoded in the legacy Vietnamese code pages, a 5 MB cell, a
// million columns, quotes nested and never closed, a byte order mark with every kind of line break, NUL
// characters, an empty file, a file that is only a header. Every time the import says no, in Vietnamese,
// naming the file and the line (and the column where there is one), in a few seconds at most, and
// writes nothing at all. Random cases come from a seeded generator: a failure names its seed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { formatIssue, MAX_CELL_LENGTH } from "../../app/domain/csv.js";
import { importCalendar, importEvidence, type EvidenceImportResult, type UploadedFile } from "../../app/models/evidence-import.server.js";
import { startEvidenceImport, waitForImportJob } from "../../app/models/import-jobs.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import { loadDemo, userIdOf } from "../helpers.js";

const fixture = (name: string) => readFileSync(path.join(projectRoot, "tests/fixtures", name));
// The sample as written by a spreadsheet on Windows (BOM, CRLF), made plain: each case adds its own.
const SAMPLE = fixture("evidence/dossiers.csv").toString("utf8").replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
const SAMPLE_LINES = SAMPLE.split("\n");
const STEPS = fixture("evidence/steps.csv");
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
/** Well inside the test's own timeout: a case that takes longer has found something slow. */
const BUDGET_MS = 8_000;

const utf8 = (text: string) => new TextEncoder().encode(text);
const file = (bytes: Uint8Array, fileName = "dossiers.csv"): UploadedFile => ({ fileName, bytes });

/** mulberry32: a small seeded generator, so that a failing case can be replayed from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}

// ---- Legacy encodings, enough of them for the sample's letters ----------------------------------------

const TONES: Record<string, number> = { "\u0300": 0xcc, "\u0301": 0xec, "\u0303": 0xde, "\u0309": 0xd2, "\u0323": 0xf2 };
const CP1258_LETTERS: Record<string, number> = {
  â: 0xe2, Â: 0xc2, ă: 0xe3, Ă: 0xc3, ê: 0xea, Ê: 0xca, ô: 0xf4, Ô: 0xd4, ơ: 0xf5, Ơ: 0xd5, ư: 0xfd, Ư: 0xdd, đ: 0xf0, Đ: 0xd0,
};

/** Windows-1258 as Vietnamese Windows wrote it: a base letter, then the tone as a combining byte. */
function toWindows1258(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text.normalize("NFC")) {
    if (char.charCodeAt(0) < 0x80) {
      out.push(char.charCodeAt(0));
      continue;
    }
    const parts = [...char.normalize("NFD")];
    const tone = parts.find((p) => p in TONES);
    const base = parts.filter((p) => !(p in TONES)).join("").normalize("NFC");
    const code = base.charCodeAt(0) < 0x80 ? base.charCodeAt(0) : CP1258_LETTERS[base];
    if (code === undefined) throw new Error(`no Windows-1258 byte for ${base}`);
    out.push(code);
    if (tone) out.push(TONES[tone]!);
  }
  return Uint8Array.from(out);
}

// TCVN3 (ABC): one byte per lower-case letter with its tone; capitals with a tone share the lower-case
// byte (the font, VnTimeH, draws them as capitals).
const TCVN3 = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ";
const TCVN3_BYTES = [
  0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xa8, 0xbb, 0xbc, 0xbd, 0xbe, 0xc6, 0xa9, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xae, 0xcc, 0xce, 0xcf, 0xd0,
  0xd1, 0xaa, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xdc, 0xdd, 0xde, 0xdf, 0xe1, 0xe2, 0xe3, 0xe4, 0xab, 0xe5, 0xe6, 0xe7, 0xe8,
  0xe9, 0xac, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef, 0xf1, 0xf2, 0xf3, 0xf4, 0xad, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe,
];
const TCVN3_CAPITALS: Record<string, number> = { Ă: 0xa1, Â: 0xa2, Ê: 0xa3, Ô: 0xa4, Ơ: 0xa5, Ư: 0xa6, Đ: 0xa7 };

function toTcvn3(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text.normalize("NFC")) {
    const code = char.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else if (char in TCVN3_CAPITALS) out.push(TCVN3_CAPITALS[char]!);
    else {
      const index = [...TCVN3].indexOf(char.toLocaleLowerCase("vi"));
      if (index < 0) throw new Error(`no TCVN3 byte for ${char}`);
      out.push(TCVN3_BYTES[index]!);
    }
  }
  return Uint8Array.from(out);
}

// ---- What is stored ------------------------------------------------------------------------------------

const WATCHED = ["dossier", "dossier_step", "dossier_event", "import_batch", "procedure", "dossier_outcome", "audit_event", "unit", "officer", "officer_membership"] as const;

/** Each watched table's row count and a digest of its rows. */
async function stored(): Promise<Record<string, string>> {
  const parts = WATCHED.map(
    (t) => sql`select ${t}::text as t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as f from ${sql.table(t)} x`,
  );
  const rows = await sql<{ t: string; f: string }>`${sql.join(parts, sql` union all `)}`.execute(getDb());
  return Object.fromEntries(rows.rows.map((r) => [r.t, r.f]));
}

type Refused = Extract<EvidenceImportResult, { ok: false }>;

/** Imports, and holds the import to the rules of a refusal: in time, in Vietnamese, with lines, nothing written. */
async function refused(files: { dossiers?: UploadedFile; steps?: UploadedFile; events?: UploadedFile }, what: string): Promise<Refused["errors"]> {
  const before = await stored();
  const started = performance.now();
  const result = await importEvidence(getDb(), { ...files, userId: null });
  const elapsed = performance.now() - started;
  expect(elapsed, `${what}: ${elapsed.toFixed(0)} ms`).toBeLessThan(BUDGET_MS);
  expect(result.ok, what).toBe(false);
  const errors = (result as Refused).errors;
  expect(errors.length, what).toBeGreaterThan(0);
  for (const e of errors) {
    expect(Object.keys(files), `${what}: ${formatIssue(e)}`).toContain(e.file);
    expect(Number.isInteger(e.line) && e.line >= 1, `${what}: ${formatIssue(e)}`).toBe(true);
    expect(e.message, what).toMatch(VIETNAMESE);
  }
  // A report a person can read: no cell of megabytes copied into it.
  expect(JSON.stringify(errors).length, what).toBeLessThan(200 * 1024);
  expect(await stored(), what).toEqual(before);
  return errors;
}

const lines = (errors: Refused["errors"]) => [...new Set(errors.map((e) => e.line))];
/** The sample with one line (1 = the header) replaced. */
const sampleWith = (line: number, text: string) => SAMPLE_LINES.map((l, i) => (i === line - 1 ? text : l)).join("\n");

beforeAll(async () => {
  await loadDemo();
  const org = await importOrganisation(getDb(), {
    units: file(fixture("org/units.csv"), "units.csv"),
    officers: file(fixture("org/officers.csv"), "officers.csv"),
    userId: null,
  });
  expect(org.ok).toBe(true);
  expect((await importCalendar(getDb(), { file: file(fixture("evidence/calendar.csv"), "calendar.csv"), userId: null })).ok).toBe(true);
});

describe("the sample itself", () => {
  it("is importable, so that each case below is refused for its own fault (checked without writing it)", async () => {
    const { checkEvidenceFiles } = await import("../../app/domain/evidence-import.js");
    const units = new Set((await getDb().selectFrom("unit").select("code").execute()).map((u) => u.code));
    const officers = new Set((await getDb().selectFrom("officer").select("code").execute()).map((o) => o.code));
    const checked = checkEvidenceFiles({ dossiers: utf8(SAMPLE), steps: STEPS }, { unitCodes: units, officerCodes: officers, storedDossierCodes: new Set() });
    expect(checked.errors).toEqual([]);
    expect(checked.rowCounts.dossiers).toBe(80);
  });
});

describe("an empty file and a header alone", () => {
  it("an empty file: the file is empty, line 1", async () => {
    expect(await refused({ dossiers: file(new Uint8Array()) }, "rỗng")).toEqual([
      { file: "dossiers", line: 1, column: null, message: "tệp trống: thiếu dòng tiêu đề." },
    ]);
  });

  it("a byte order mark and blank lines only: the same", async () => {
    const errors = await refused({ dossiers: file(utf8("\uFEFF\r\n \n\r\n")) }, "BOM và dòng trống");
    expect(errors.map((e) => e.message)).toEqual(["tệp trống: thiếu dòng tiêu đề."]);
  });

  it("only the header: nothing to import, said on line 1 (an empty batch is not written)", async () => {
    const errors = await refused({ dossiers: file(utf8(SAMPLE_LINES[0] + "\r\n")) }, "chỉ tiêu đề");
    expect(errors).toEqual([{ file: "dossiers", line: 1, column: null, message: "tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào để nhập." }]);
  });

  it("a steps file that is only a header, with no dossiers file: the same", async () => {
    const errors = await refused({ steps: file(utf8("dossier_code,step_no,unit_code,started_at,due_at\n"), "steps.csv") }, "bước chỉ tiêu đề");
    expect(errors.map(formatIssue)).toEqual(["Dòng 1: tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào để nhập."]);
  });
});

describe("a file not in UTF-8", () => {
  const vietnameseLines = SAMPLE_LINES.flatMap((l, i) => (/[^\x00-\x7f]/.test(l) ? [i + 1] : []));

  it("the sample saved as Windows-1258: every line with a Vietnamese letter is named, the encoding is said", async () => {
    const errors = await refused({ dossiers: file(toWindows1258(SAMPLE)) }, "Windows-1258");
    expect(lines(errors)).toEqual(vietnameseLines);
    for (const e of errors) expect(e.message).toMatch(/^tệp không ở mã UTF-8 \(có thể đã được lưu bằng bảng mã Windows-1258, TCVN3 hoặc VNI\)/);
  });

  it("the sample saved as TCVN3: the same", async () => {
    const errors = await refused({ dossiers: file(toTcvn3(SAMPLE)) }, "TCVN3");
    expect(lines(errors)).toEqual(vietnameseLines);
    expect(errors[0]!.message).toContain("UTF-8");
  });

  it("bytes 0x80–0xFF in one cell: that line alone", async () => {
    const r = random(1258);
    const junk = [0x80, ...Array.from({ length: 40 }, () => 0x80 + r.int(0x80))];
    const [before, after] = sampleWith(5, "@@").split("@@");
    const bytes = Uint8Array.from([...utf8(before!), ...junk, ...utf8(after!)]);
    const errors = await refused({ dossiers: file(bytes) }, "byte 0x80–0xFF");
    expect(lines(errors)).toEqual([5]);
  });

  it("UTF-16 (Excel's “Unicode Text”), with its byte order mark: said as such, on line 1", async () => {
    const text = "\uFEFF" + SAMPLE;
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    const errors = await refused({ dossiers: file(bytes) }, "UTF-16");
    expect(errors).toHaveLength(1);
    expect(formatIssue(errors[0]!)).toMatch(/^Dòng 1: tệp ở mã UTF-16 .*“CSV UTF-8”/);
  });

  it("a whole long file in a legacy encoding: the first hundred lines listed, the rest counted", async () => {
    const body = Array.from({ length: 3000 }, (_, i) => `HS-${i},TTHC,000.00.07.H55,01/02/2025,03/02/2025,,Đã xử lý xong`).join("\n");
    const errors = await refused({ dossiers: file(toWindows1258(SAMPLE_LINES[0] + "\n" + body)) }, "3.000 dòng Windows-1258");
    expect(errors).toHaveLength(101);
    expect(formatIssue(errors[100]!)).toBe("Dòng 101: cùng lỗi trên ở 2.901 dòng nữa, từ dòng này đến dòng 3001.");
  });

  it("the report names the uploaded file when the import runs as a job", async () => {
    const userId = await userIdOf("thanhtra");
    const before = await stored();
    const id = startEvidenceImport(getDb(), { userId, dossiers: file(toWindows1258(SAMPLE), "hồ sơ tháng 11.csv") });
    const job = await waitForImportJob(id, userId);
    expect(job?.phase).toBe("done");
    expect(job?.result?.ok).toBe(false);
    const errors = job!.result!.ok ? [] : job!.result!.errors;
    expect(errors[0]).toMatchObject({ file: "hồ sơ tháng 11.csv", line: 1 });
    expect(await stored()).toEqual(before);
  });
});

describe("oversized input", () => {
  it("5 MB in one cell: refused at its line and column, and the report does not repeat it", async () => {
    const huge = "Thủ tục ".repeat((5 * 1024 * 1024) / 8);
    const line3 = SAMPLE_LINES[2]!.split(",");
    line3[3] = huge;
    const errors = await refused({ dossiers: file(utf8(sampleWith(3, line3.join(",")))) }, "ô 5 MB");
    expect(errors.map(formatIssue)).toEqual([
      `Dòng 3, cột procedure_name: ô dài ${huge.trim().length.toLocaleString("vi-VN")} ký tự, quá giới hạn ${MAX_CELL_LENGTH.toLocaleString("vi-VN")} ký tự của cột này (có thể một dấu ngoặc kép mở đã nuốt cả phần sau của tệp).`,
    ]);
  });

  it("5 MB in a quoted code with commas and line breaks: refused at the line the record starts on", async () => {
    const huge = "A,B\r\n".repeat((5 * 1024 * 1024) / 5);
    const line4 = SAMPLE_LINES[3]!.split(",");
    line4[0] = `"${huge}"`;
    const errors = await refused({ dossiers: file(utf8(sampleWith(4, line4.join(",")))) }, "mã 5 MB trong ngoặc kép");
    expect(errors.map((e) => [e.line, e.column])).toEqual([[4, "dossier_code"]]);
    expect(errors[0]!.message).toContain("quá giới hạn 100 ký tự");
  });

  it("a million columns in the header: refused on line 1 without splitting them", async () => {
    const extra = Buffer.alloc(2 * 1_000_000, ",x");
    const bytes = Buffer.concat([Buffer.from(SAMPLE_LINES[0]!), extra, Buffer.from("\n" + SAMPLE_LINES.slice(1).join("\n"))]);
    const started = performance.now();
    const errors = await refused({ dossiers: file(bytes) }, "một triệu cột");
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(errors.map(formatIssue)).toEqual([
      "Dòng 1: dòng tiêu đề có 1.000.012 cột, quá giới hạn 1.000 cột: đây không phải tệp CSV theo mẫu của hệ thống, hoặc tệp đã bị hỏng.",
    ]);
  });

  it("a hundred thousand cells on one data row: that row is named", async () => {
    const row = "HS-1" + ",x".repeat(100_000);
    const errors = await refused({ dossiers: file(utf8(sampleWith(6, row))) }, "100.000 ô");
    expect(lines(errors)).toEqual([6]);
    expect(errors[0]!.message).toBe("dòng có 100001 ô nhưng dòng tiêu đề chỉ có 12 cột; có thể một giá trị chứa dấu phẩy mà chưa được đặt trong ngoặc kép.");
  });
});

describe("quotes", () => {
  it("two hundred thousand quotes on a line, never balanced: named where the record starts", async () => {
    const errors = await refused({ dossiers: file(utf8(sampleWith(2, '"'.repeat(200_001)))) }, "200.000 ngoặc kép");
    // The cell opened on line 2 runs on until the next quote in the file, on line 6.
    expect(errors.map(formatIssue)[0]).toBe(
      "Dòng 2: ô mở bằng dấu ngoặc kép ở dòng này kéo dài đến dòng 6 mới gặp lỗi: sau dấu ngoặc kép đóng phải là dấu phẩy hoặc xuống dòng. Có thể dấu ngoặc kép mở chưa được đóng.",
    );
  });

  it("two hundred thousand quotes on the last line: never closed, said on that line", async () => {
    const errors = await refused({ dossiers: file(utf8(SAMPLE.trimEnd() + "\n" + '"'.repeat(200_001) + "\n")) }, "ngoặc kép ở cuối");
    expect(errors.map(formatIssue)).toEqual([`Dòng ${SAMPLE_LINES.length}: có dấu ngoặc kép mở nhưng không được đóng đến hết tệp.`]);
  });

  it("a quote inside a quoted cell not doubled, and one in the middle of a bare cell: each line named", async () => {
    const text = SAMPLE_LINES.map((l, i) => (i === 2 ? l.replace("000.", '"a""b"c",') : i === 6 ? l.replace(",000.", ',00"0.') : l)).join("\n");
    const errors = await refused({ dossiers: file(utf8(text)) }, "ngoặc kép lạc");
    expect(lines(errors)).toEqual([3, 7]);
    for (const e of errors) expect(e.message).toMatch(/ngoặc kép/);
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`nested quote soup (seed ${seed}): refused, nothing before the soup is blamed`, async () => {
      const r = random(seed);
      const at = 2 + r.int(60);
      const soup = Array.from({ length: 20 + r.int(2000) }, () => r.pick(['"', '"', '""', '"""', ",", "\n", "\r\n", "a", "ệ", " "])).join("");
      const errors = await refused({ dossiers: file(utf8(sampleWith(at, soup + '"'))) }, `seed ${seed}`);
      expect(Math.min(...lines(errors)), `seed ${seed}`).toBeGreaterThanOrEqual(at);
    });
  }
});

describe("line breaks and invisible characters", () => {
  it("a byte order mark with CRLF, LF and CR line breaks mixed: a bad date is found on its true line", async () => {
    const breaks = ["\r\n", "\n", "\r"];
    const rows = SAMPLE_LINES.slice(0, -1).map((l, i) => (i === 6 ? l.replace("26/09/2025 10:56", "31/02/2025 10:56") : l));
    const text = "\uFEFF" + rows.map((l, i) => l + breaks[i % 3]).join("");
    const errors = await refused({ dossiers: file(utf8(text)) }, "BOM và xuống dòng lẫn lộn");
    expect(errors.map((e) => [e.line, e.column])).toEqual([[7, "received_at"]]);
  });

  it("a second byte order mark before the header (two files joined) is not taken for part of a column name", async () => {
    const text = "\uFEFF\uFEFF" + sampleWith(9, SAMPLE_LINES[8]!.replace(/,(Đã trả kết quả|Đã xử lý xong|Đang xử lý|Từ chối|Chờ bổ sung|Rút hồ sơ|Dừng xử lý),/, ",Sai trạng thái,"));
    const errors = await refused({ dossiers: file(utf8(text)) }, "hai BOM");
    expect(errors.map((e) => [e.line, e.column])).toEqual([[9, "status"]]);
  });

  it("a NUL character in a cell: that line, and why", async () => {
    const errors = await refused({ dossiers: file(utf8(sampleWith(4, SAMPLE_LINES[3]!.replace("Đăng", "Đ\u0000ăng")))) }, "NUL");
    expect(errors.map(formatIssue)).toEqual([
      "Dòng 4: dòng có ký tự NUL (mã 0), không có trong một tệp CSV: tệp có thể ở mã UTF-16 hoặc không phải tệp văn bản. Hãy mở tệp và lưu lại dưới dạng “CSV UTF-8”.",
    ]);
  });

  it("UTF-16 without its byte order mark (NUL bytes throughout): each line named, up to a hundred", async () => {
    const bytes = new Uint8Array(SAMPLE.length * 2);
    for (let i = 0; i < SAMPLE.length; i++) {
      bytes[2 * i] = SAMPLE.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = SAMPLE.charCodeAt(i) >> 8;
    }
    // Bytes above 0x7F make some lines invalid UTF-8 first; either message tells the person what to do.
    const errors = await refused({ dossiers: file(bytes) }, "UTF-16 không BOM");
    for (const e of errors) expect(e.message).toMatch(/UTF-8/);
  });
});

describe("random input (seeded)", () => {
  for (const seed of [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]) {
    it(`random bytes (seed ${seed})`, async () => {
      const r = random(seed);
      const bytes = Uint8Array.from({ length: 1 + r.int(r.next() < 0.3 ? 64 : 20_000) }, () => r.int(256));
      // Half the time behind a good header, so that the parser gets past the first line.
      const withHeader = seed % 2 === 0;
      const input = withHeader ? Uint8Array.from([...utf8(SAMPLE_LINES[0] + "\n"), ...bytes]) : bytes;
      await refused({ dossiers: file(input) }, `seed ${seed}`);
    });
  }

  for (const seed of [31, 32, 33, 34, 35, 36, 37, 38, 39, 40]) {
    it(`CSV-like text behind a good header (seed ${seed})`, async () => {
      const r = random(seed);
      const alphabet = [",", ",", '"', "\n", "\r\n", "\r", " ", "\t", ";", "a", "Đ", "ệ", "0", "1", "/", ":", "-", "\uFEFF", "\u200B", "\u0301", "😀"];
      const body = Array.from({ length: 1 + r.int(5000) }, () => r.pick(alphabet)).join("");
      const errors = await refused({ dossiers: file(utf8(SAMPLE_LINES[0] + "\n" + body)) }, `seed ${seed}`);
      // The header is good: every problem is after it.
      expect(Math.min(...lines(errors)), `seed ${seed}`).toBeGreaterThanOrEqual(2);
    });
  }

  for (const seed of [51, 52, 53, 54, 55, 56, 57, 58]) {
    it(`the sample with random damage (seed ${seed}): refused and nothing written, or imported whole`, async () => {
      const r = random(seed);
      const bytes = [...utf8(SAMPLE)];
      for (let n = 1 + r.int(6); n > 0; n--) {
        const at = r.int(bytes.length);
        const damage = r.pick(["flip", "quote", "comma", "break", "cut", "high"] as const);
        if (damage === "flip") bytes[at] = r.int(256);
        else if (damage === "quote") bytes.splice(at, 0, 0x22);
        else if (damage === "comma") bytes.splice(at, 0, 0x2c);
        else if (damage === "break") bytes.splice(at, 0, 0x0a);
        else if (damage === "cut") bytes.splice(at, 1 + r.int(200));
        else bytes.splice(at, 0, 0x80 + r.int(0x80));
      }
      const before = await stored();
      const batches = await getDb().selectFrom("import_batch").select("id").execute();
      const result = await importEvidence(getDb(), { dossiers: file(Uint8Array.from(bytes)), userId: null });
      if (!result.ok) {
        for (const e of result.errors) expect(e.message, `seed ${seed}: ${formatIssue(e)}`).toMatch(VIETNAMESE);
        expect(await stored(), `seed ${seed}`).toEqual(before);
      } else {
        // Damage the checks cannot see (an ignored column, a name): then the whole file, as one batch.
        const after = await getDb().selectFrom("import_batch").select("id").execute();
        expect(after.length, `seed ${seed}`).toBe(batches.length + 1);
        const rows = await getDb().selectFrom("dossier").select((eb) => eb.fn.countAll<number>().as("n")).where("batch_id", "=", result.batchId).executeTakeFirstOrThrow();
        expect(rows.n, `seed ${seed}`).toBe(result.counts.dossiers.created + result.counts.dossiers.updated);
      }
    });
  }
});

describe("a bad file beside good ones", () => {
  it("random bytes as steps.csv beside the good dossiers.csv: the dossiers are not written either", async () => {
    const r = random(99);
    const junk = Uint8Array.from({ length: 4096 }, () => r.int(256));
    const errors = await refused({ dossiers: file(utf8(SAMPLE)), steps: file(junk, "steps.csv") }, "bước hỏng");
    expect(new Set(errors.map((e) => e.file))).toEqual(new Set(["steps"]));
  });
});

describe("the organisation import", () => {
  const unitCount = async () => (await getDb().selectFrom("unit").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
  const UNITS = fixture("org/units.csv").toString("utf8").replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  const cases: [string, Uint8Array][] = [
    ["tệp rỗng", new Uint8Array()],
    ["chỉ tiêu đề", utf8(UNITS.split("\n")[0] + "\n")],
    ["Windows-1258", toWindows1258(UNITS)],
    ["TCVN3", toTcvn3(UNITS)],
    ["NUL", utf8(UNITS.replace("Quảng", "Qu\u0000ảng"))],
    ["một triệu cột", Buffer.concat([Buffer.from(UNITS.split("\n")[0]!), Buffer.alloc(2_000_000, ",x")])],
    ["byte ngẫu nhiên", Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256)],
  ];
  for (const [what, bytes] of cases) {
    it(`refuses units.csv (${what}) in Vietnamese, by file and line, writing nothing`, async () => {
      const before = await stored();
      const units = await unitCount();
      const started = performance.now();
      const result = await importOrganisation(getDb(), { units: file(bytes, "đơn vị.csv"), userId: null });
      expect(performance.now() - started).toBeLessThan(BUDGET_MS);
      expect(result.ok).toBe(false);
      const errors = result.ok ? [] : result.errors;
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.file).toBe("đơn vị.csv");
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.message).toMatch(VIETNAMESE);
      }
      expect(await unitCount()).toBe(units);
      expect(await stored()).toEqual(before);
    });
  }
});
