// The organisation files (spec/evidence-import.md › units.csv and officers.csv), checked whole: every bad
// row is reported with its line, column and a Vietnamese message, and nothing is accepted unless the
// two files are clean together with what the system already holds.
import { parseIsoDate, readCsvTable, type CsvColumn, type CsvIssue } from "./csv.js";

export const UNIT_KINDS = ["province", "department", "district", "commune", "division", "other"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  province: "Tỉnh",
  department: "Sở, ban, ngành",
  district: "Huyện (cũ)",
  commune: "Xã, phường, đặc khu",
  division: "Phòng, ban, chi cục",
  other: "Khác",
};

// The spec gives no Vietnamese header for the validity dates; "Từ ngày"/"Đến ngày" are what the
// provinces' own spreadsheets call them.
const VALID_FROM: CsvColumn<"valid_from"> = { key: "valid_from", aliases: ["Từ ngày"] };
const VALID_TO: CsvColumn<"valid_to"> = { key: "valid_to", aliases: ["Đến ngày"] };

// Codes are keys of unique indexes (a PostgreSQL index entry holds at most about 2,700 bytes).
const CODE_LENGTH = 100;

export const UNIT_COLUMNS = [
  { key: "unit_code", aliases: ["Mã đơn vị"], required: true, maxLength: CODE_LENGTH },
  { key: "name", aliases: ["Tên đơn vị"], required: true },
  { key: "parent_code", aliases: ["Mã đơn vị cấp trên"], maxLength: CODE_LENGTH },
  { key: "kind", aliases: ["Loại"] },
  VALID_FROM,
  VALID_TO,
] as const satisfies readonly CsvColumn[];

export const OFFICER_COLUMNS = [
  { key: "officer_code", aliases: ["Mã cán bộ"], required: true, maxLength: CODE_LENGTH },
  { key: "full_name", aliases: ["Họ và tên"], required: true },
  { key: "unit_code", aliases: ["Mã đơn vị"], required: true, maxLength: CODE_LENGTH },
  { key: "position", aliases: ["Chức vụ"] },
  VALID_FROM,
  VALID_TO,
] as const satisfies readonly CsvColumn[];

export type UnitRecord = {
  line: number;
  code: string;
  name: string;
  parentCode: string | null;
  kind: UnitKind;
  validFrom: string | null;
  validTo: string | null;
};

export type MembershipRecord = {
  line: number;
  unitCode: string;
  position: string | null;
  validFrom: string | null;
  validTo: string | null;
};

export type OfficerRecord = {
  code: string;
  /** The name on the row of the latest period: a name changed by marriage or correction wins. */
  fullName: string;
  /** In date order. */
  memberships: MembershipRecord[];
};

export type OrgFileKind = "units" | "officers";
export type OrgIssue = CsvIssue & { file: OrgFileKind };

export type OrgCheckInput = {
  units?: Uint8Array | string;
  officers?: Uint8Array | string;
  /** Units already stored: code → parent code. Parents may be found here, and cycles through here. */
  existingUnits: ReadonlyMap<string, string | null>;
};

export type OrgCheckResult = {
  units: UnitRecord[];
  officers: OfficerRecord[];
  /** Data rows read from each file (for the import batch). */
  rowCounts: { units: number; officers: number };
  /** Sorted by file (units first), then line. Empty when the files may be imported. */
  errors: OrgIssue[];
};

const OPEN = "không thời hạn";

function period(from: string | null, to: string | null): string {
  return `${from ?? OPEN} – ${to ?? OPEN}`;
}

/** Inclusive periods, an empty bound being open: the same rule as the database's daterange(…, '[]'). */
function overlaps(a: { validFrom: string | null; validTo: string | null }, b: { validFrom: string | null; validTo: string | null }): boolean {
  const startsBeforeEnd = (x: typeof a, y: typeof a) => x.validFrom === null || y.validTo === null || x.validFrom <= y.validTo;
  return startsBeforeEnd(a, b) && startsBeforeEnd(b, a);
}

type Problems = (line: number, column: string | null, message: string) => void;

function readDates(values: { valid_from: string | null; valid_to: string | null }, line: number, problem: Problems) {
  let ok = true;
  const read = (column: "valid_from" | "valid_to") => {
    const text = values[column];
    if (text === null) return null;
    const date = parseIsoDate(text);
    if (date === null) {
      problem(line, column, `ngày "${text}" không hợp lệ: cần một ngày có thật, viết theo dạng yyyy-MM-dd (ví dụ 2025-07-01).`);
      ok = false;
    }
    return date;
  };
  const validFrom = read("valid_from");
  const validTo = read("valid_to");
  if (validFrom !== null && validTo !== null && validTo < validFrom) {
    problem(line, "valid_to", `ngày kết thúc (${validTo}) trước ngày bắt đầu (${validFrom}).`);
    ok = false;
  }
  return { validFrom, validTo, ok };
}

function checkUnits(text: Uint8Array | string, existing: ReadonlyMap<string, string | null>, problem: Problems) {
  const table = readCsvTable(text, UNIT_COLUMNS);
  for (const e of table.errors) problem(e.line, e.column, e.message);
  const records: UnitRecord[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, values } of table.rows) {
    const code = values.unit_code;
    if (code === null) problem(line, "unit_code", "thiếu mã đơn vị.");
    else if (firstLine.has(code)) problem(line, "unit_code", `mã đơn vị "${code}" trùng với dòng ${firstLine.get(code)}.`);
    else firstLine.set(code, line);
    if (values.name === null) problem(line, "name", "thiếu tên đơn vị.");
    const kindText = values.kind?.toLocaleLowerCase("vi") ?? "other";
    const kind = UNIT_KINDS.find((k) => k === kindText);
    if (!kind) problem(line, "kind", `loại đơn vị "${values.kind}" không hợp lệ; chọn một trong: ${UNIT_KINDS.join(", ")} (để trống là other).`);
    const dates = readDates(values, line, problem);
    if (code !== null && values.name !== null && kind && dates.ok && firstLine.get(code) === line) {
      records.push({ line, code, name: values.name, parentCode: values.parent_code, kind, validFrom: dates.validFrom, validTo: dates.validTo });
    }
  }
  // Every code written in the file counts as known, even on a bad row: one mistake, one message.
  const known = (code: string) => firstLine.has(code) || existing.has(code);
  for (const { line, values } of table.rows) {
    const parent = values.parent_code;
    if (parent === null) continue;
    if (parent === values.unit_code) problem(line, "parent_code", "đơn vị không thể là đơn vị cấp trên của chính nó.");
    else if (!known(parent)) problem(line, "parent_code", `không tìm thấy đơn vị cấp trên "${parent}" trong tệp hoặc trong hệ thống.`);
  }
  const tree = new Map<string, { line: number; parentCode: string | null }>();
  for (const { line, values } of table.rows) {
    if (values.unit_code !== null && firstLine.get(values.unit_code) === line) tree.set(values.unit_code, { line, parentCode: values.parent_code });
  }
  checkCycles(tree, existing, problem);
  return { records, known, rowCount: table.rows.length, readable: table.rows.length > 0 || table.errors.length === 0 };
}

/** The tree as it would stand after the import must stay a tree. Each cycle is reported on each of its file lines. */
function checkCycles(
  inFile: ReadonlyMap<string, { line: number; parentCode: string | null }>,
  existing: ReadonlyMap<string, string | null>,
  problem: Problems,
) {
  const parentOf = (code: string) => (inFile.has(code) ? inFile.get(code)!.parentCode : existing.get(code) ?? null);
  const settled = new Set<string>();
  for (const start of inFile.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let code: string | null = start;
    while (code !== null && !settled.has(code) && !onPath.has(code)) {
      path.push(code);
      onPath.add(code);
      const parent = parentOf(code);
      code = parent !== null && parent !== code && (inFile.has(parent) || existing.has(parent)) ? parent : null;
    }
    if (code !== null && onPath.has(code)) {
      const cycle = path.slice(path.indexOf(code));
      const chain = [...cycle, code].join(" → ");
      const lines = cycle.filter((c) => inFile.has(c)).map((c) => inFile.get(c)!.line).sort((a, b) => a - b);
      const where = lines.length === 1 ? `dòng ${lines[0]}` : `các dòng ${lines.join(", ")}`;
      for (const c of cycle) {
        const record = inFile.get(c);
        if (record) {
          problem(record.line, "parent_code", `quan hệ cấp trên tạo thành vòng lặp: ${chain} (${where}).`);
        }
      }
    }
    for (const c of path) settled.add(c);
  }
}

function checkOfficers(text: Uint8Array | string, unitKnown: ((code: string) => boolean) | null, problem: Problems) {
  const table = readCsvTable(text, OFFICER_COLUMNS);
  for (const e of table.errors) problem(e.line, e.column, e.message);
  const byCode = new Map<string, { fullName: string; rows: MembershipRecord[] }>();
  for (const { line, values } of table.rows) {
    const code = values.officer_code;
    if (code === null) problem(line, "officer_code", "thiếu mã cán bộ.");
    if (values.full_name === null) problem(line, "full_name", "thiếu họ và tên.");
    const unitCode = values.unit_code;
    if (unitCode === null) problem(line, "unit_code", "thiếu mã đơn vị.");
    else if (unitKnown && !unitKnown(unitCode)) problem(line, "unit_code", `không tìm thấy đơn vị "${unitCode}" trong tệp đơn vị hoặc trong hệ thống.`);
    const dates = readDates(values, line, problem);
    if (code === null || !dates.ok) continue;
    const membership = { line, unitCode: unitCode ?? "", position: values.position, validFrom: dates.validFrom, validTo: dates.validTo };
    const officer = byCode.get(code) ?? { fullName: values.full_name ?? "", rows: [] };
    const clash = officer.rows.find((earlier) => overlaps(earlier, membership));
    if (clash) {
      problem(
        line,
        "valid_from",
        `giai đoạn ${period(membership.validFrom, membership.validTo)} của cán bộ "${code}" chồng lấn với giai đoạn ${period(clash.validFrom, clash.validTo)} ở dòng ${clash.line}; một cán bộ chỉ thuộc một đơn vị tại mỗi thời điểm.`,
      );
    }
    officer.rows.push(membership);
    byCode.set(code, officer);
  }
  const records: OfficerRecord[] = [];
  for (const [code, officer] of byCode) {
    // Open starts sort first; periods do not overlap, so the start alone orders them.
    const memberships = [...officer.rows].sort((a, b) => (a.validFrom ?? "").localeCompare(b.validFrom ?? ""));
    const latest = memberships[memberships.length - 1]!;
    const latestName = table.rows.find((r) => r.line === latest.line)?.values.full_name;
    records.push({ code, fullName: latestName ?? officer.fullName, memberships });
  }
  return { records, rowCount: table.rows.length };
}

/** Checks the organisation files (either or both) and returns their records, or every problem found. */
export function checkOrganisationFiles(input: OrgCheckInput): OrgCheckResult {
  const errors: OrgIssue[] = [];
  const problemsIn =
    (file: OrgFileKind): Problems =>
    (line, column, message) =>
      errors.push({ file, line, column, message });

  let units: ReturnType<typeof checkUnits> | undefined;
  if (input.units !== undefined) units = checkUnits(input.units, input.existingUnits, problemsIn("units"));
  let officers: ReturnType<typeof checkOfficers> | undefined;
  if (input.officers !== undefined) {
    // A units file that could not be read at all would make every officer's unit "unknown": that
    // cascade says nothing the units file's own errors do not.
    const unitKnown = units ? (units.readable ? units.known : null) : (code: string) => input.existingUnits.has(code);
    officers = checkOfficers(input.officers, unitKnown, problemsIn("officers"));
  }
  // Files that are only a header would write an empty batch: nothing to import is a mistake to report.
  const given = [...(units ? (["units"] as const) : []), ...(officers ? (["officers"] as const) : [])];
  const rowCount = (file: OrgFileKind) => (file === "units" ? units!.rowCount : officers!.rowCount);
  if (given.every((file) => rowCount(file) === 0)) {
    for (const file of given) {
      if (!errors.some((e) => e.file === file)) problemsIn(file)(1, null, "tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào để nhập.");
    }
  }
  const fileOrder: Record<OrgFileKind, number> = { units: 0, officers: 1 };
  const columnOrder = (e: OrgIssue) =>
    e.column === null ? -1 : (e.file === "units" ? UNIT_COLUMNS : OFFICER_COLUMNS).findIndex((c) => c.key === e.column);
  errors.sort((a, b) => fileOrder[a.file] - fileOrder[b.file] || a.line - b.line || columnOrder(a) - columnOrder(b));
  return {
    units: units?.records ?? [],
    officers: officers?.records ?? [],
    rowCounts: { units: units?.rowCount ?? 0, officers: officers?.rowCount ?? 0 },
    errors,
  };
}

export type Tally = { created: number; updated: number; unchanged: number };
export type OrgImportCounts = {
  units: Tally;
  officers: Tally;
  memberships: { created: number; deleted: number; unchanged: number };
};

/** One sentence for the toast, the command line and the audit log. */
export function summariseOrgImport(counts: OrgImportCounts): string {
  const n = (value: number) => new Intl.NumberFormat("vi-VN").format(value);
  const tally = (t: Tally) => `${n(t.created)} mới, ${n(t.updated)} cập nhật, ${n(t.unchanged)} không đổi`;
  const m = counts.memberships;
  return (
    `Đơn vị: ${tally(counts.units)}. Cán bộ: ${tally(counts.officers)}. ` +
    `Quá trình công tác: ${n(m.created)} thêm, ${n(m.deleted)} bỏ, ${n(m.unchanged)} không đổi.`
  );
}
