// The checks of the evidence files (spec/evidence-import.md › dossiers.csv, steps.csv, events.csv,
// calendar.csv, Validation): every file is read whole and every bad row is reported with its line,
// column and a Vietnamese message; only files without a single problem may be written.
import { CALENDAR_EXCEPTION_KINDS, type CalendarException, type CalendarExceptionKind } from "./calendar.js";
import { parseIsoDate, readCsvTable, type CsvColumn, type CsvIssue } from "./csv.js";
import { DOSSIER_STATUSES, pairSupplementEvents, SUPPLEMENT_EVENT_KINDS, type DossierStatus, type SupplementEventKind } from "./delay.js";
import { parseDueInstant, parseInstant, type Instant } from "./instants.js";

// Codes are keys of unique indexes (a PostgreSQL index entry holds at most about 2,700 bytes): one-stop
// codes are some 25 characters, and 100 leaves room.
const CODE_LENGTH = 100;

export const DOSSIER_COLUMNS = [
  { key: "dossier_code", aliases: ["Mã hồ sơ"], required: true, maxLength: CODE_LENGTH },
  { key: "procedure_code", aliases: ["Mã TTHC"], required: true, maxLength: CODE_LENGTH },
  { key: "procedure_name", aliases: ["Tên TTHC"] },
  { key: "unit_code", aliases: ["Mã đơn vị"], required: true },
  { key: "received_at", aliases: ["Ngày tiếp nhận"], required: true },
  { key: "due_at", aliases: ["Ngày hẹn trả"], required: true },
  { key: "finished_at", aliases: ["Ngày có kết quả"] },
  { key: "status", aliases: ["Trạng thái"], required: true },
  { key: "channel", aliases: ["Kênh"] },
  { key: "apology_at", aliases: ["Ngày xin lỗi"] },
  { key: "rescheduled_due_at", aliases: ["Ngày hẹn lại"] },
] as const satisfies readonly CsvColumn[];

export const STEP_COLUMNS = [
  { key: "dossier_code", aliases: ["Mã hồ sơ"], required: true, maxLength: CODE_LENGTH },
  { key: "step_no", aliases: ["Bước"], required: true },
  { key: "step_name", aliases: ["Tên bước"] },
  { key: "unit_code", aliases: ["Mã đơn vị"], required: true },
  { key: "officer_code", aliases: ["Mã cán bộ"] },
  { key: "started_at", aliases: ["Ngày bắt đầu"], required: true },
  { key: "due_at", aliases: ["Hạn xử lý"], required: true },
  { key: "finished_at", aliases: ["Ngày kết thúc"] },
] as const satisfies readonly CsvColumn[];

export const EVENT_COLUMNS = [
  { key: "dossier_code", aliases: ["Mã hồ sơ"], required: true, maxLength: CODE_LENGTH },
  { key: "kind", aliases: ["Loại"], required: true },
  { key: "at", aliases: ["Thời điểm"], required: true },
] as const satisfies readonly CsvColumn[];

export const CALENDAR_COLUMNS = [
  { key: "date", aliases: ["Ngày"], required: true },
  { key: "kind", aliases: ["Loại"], required: true },
  { key: "name", aliases: ["Tên"] },
] as const satisfies readonly CsvColumn[];

/** The status values of the contract, English or the one-stop systems' Vietnamese, any letter case. */
const STATUS_NAMES: Record<string, DossierStatus> = {
  processing: "processing",
  "đang xử lý": "processing",
  supplement: "supplement",
  "chờ bổ sung": "supplement",
  finished: "finished",
  "đã xử lý xong": "finished",
  returned: "returned",
  "đã trả kết quả": "returned",
  stopped: "stopped",
  "dừng xử lý": "stopped",
  refused: "refused",
  "từ chối": "refused",
  withdrawn: "withdrawn",
  "rút hồ sơ": "withdrawn",
};

export const STATUS_LABELS: Record<DossierStatus, string> = {
  processing: "Đang xử lý",
  supplement: "Chờ bổ sung",
  finished: "Đã xử lý xong",
  returned: "Đã trả kết quả",
  stopped: "Dừng xử lý",
  refused: "Từ chối",
  withdrawn: "Rút hồ sơ",
};

export const CHANNELS = ["direct", "online", "postal"] as const;
export type Channel = (typeof CHANNELS)[number];
const CHANNEL_NAMES: Record<string, Channel> = {
  direct: "direct",
  "1": "direct",
  "trực tiếp": "direct",
  online: "online",
  "2": "online",
  "trực tuyến": "online",
  postal: "postal",
  "3": "postal",
  "bưu chính": "postal",
};
export const CHANNEL_LABELS: Record<Channel, string> = { direct: "Trực tiếp", online: "Trực tuyến", postal: "Bưu chính" };

const lower = (text: string) => text.normalize("NFC").toLocaleLowerCase("vi");

export type DossierRecord = {
  line: number;
  code: string;
  procedureCode: string;
  procedureName: string | null;
  unitCode: string;
  receivedAt: Instant;
  dueAt: Instant;
  finishedAt: Instant | null;
  status: DossierStatus;
  channel: Channel | null;
  apologyAt: Instant | null;
  rescheduledDueAt: Instant | null;
};

export type StepRecord = {
  line: number;
  dossierCode: string;
  stepNo: number;
  stepName: string | null;
  unitCode: string;
  officerCode: string | null;
  startedAt: Instant;
  dueAt: Instant;
  finishedAt: Instant | null;
};

export type EventRecord = { line: number; dossierCode: string; kind: SupplementEventKind; at: Instant };

export type EvidenceFileKind = "dossiers" | "steps" | "events" | "calendar";
export type EvidenceIssue = CsvIssue & { file: EvidenceFileKind };

/** What is already stored, against which references in the files are checked. */
export type EvidenceContext = {
  unitCodes: ReadonlySet<string>;
  officerCodes: ReadonlySet<string>;
  /**
   * Dossier codes already stored (steps and events may refer to them without a dossiers file). When
   * absent, such references are returned as `unresolved` for the caller to look up and report with
   * unresolvedReferenceIssue: the files are then read only once.
   */
  storedDossierCodes?: { has(code: string): boolean };
};

export type EvidenceCheckInput = {
  dossiers?: Uint8Array | string;
  steps?: Uint8Array | string;
  events?: Uint8Array | string;
};

export type EvidenceCheckResult = {
  dossiers: DossierRecord[];
  steps: StepRecord[];
  events: EventRecord[];
  rowCounts: { dossiers: number; steps: number; events: number };
  /** Sorted by file (dossiers, steps, events), then line. Empty when the files may be imported. */
  errors: EvidenceIssue[];
  /** References to dossiers neither in the dossiers file nor known to be stored (see EvidenceContext). */
  unresolved: { file: "steps" | "events"; line: number; code: string }[];
};

/** The report line of a step or event whose dossier is neither in the file nor stored. */
export function unresolvedReferenceIssue(ref: { file: "steps" | "events"; line: number; code: string }): EvidenceIssue {
  return { file: ref.file, line: ref.line, column: "dossier_code", message: `hồ sơ "${ref.code}" không có trong tệp hồ sơ và chưa có trong hệ thống.` };
}

type Problem = (line: number, column: string | null, message: string) => void;
/** Collects problems and counts them, so a row with any problem is left out of the records. */
type Sink = { add: Problem; count: () => number };

function instantReader(values: Record<string, string | null>, line: number, problem: Problem) {
  return (column: string, options: { required?: boolean; due?: boolean } = {}): Instant | null | undefined => {
    const text = values[column] ?? null;
    if (text === null) {
      if (options.required) problem(line, column, "thiếu giá trị bắt buộc.");
      return options.required ? undefined : null;
    }
    const parsed = options.due ? parseDueInstant(text) : parseInstant(text);
    if (!parsed.ok) {
      problem(line, column, parsed.message);
      return undefined;
    }
    return parsed.value;
  };
}

function checkDossiers(input: Uint8Array | string, context: EvidenceContext, sink: Sink) {
  const problem = sink.add;
  const table = readCsvTable(input, DOSSIER_COLUMNS);
  for (const e of table.errors) problem(e.line, e.column, e.message);
  const records: DossierRecord[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, values } of table.rows) {
    const errorsBefore = sink.count();
    const code = values.dossier_code;
    if (code === null) problem(line, "dossier_code", "thiếu mã hồ sơ.");
    else if (firstLine.has(code)) problem(line, "dossier_code", `mã hồ sơ "${code}" trùng với dòng ${firstLine.get(code)}.`);
    else firstLine.set(code, line);
    if (values.procedure_code === null) problem(line, "procedure_code", "thiếu mã thủ tục hành chính.");
    if (values.unit_code === null) problem(line, "unit_code", "thiếu mã đơn vị giải quyết.");
    else if (!context.unitCodes.has(values.unit_code)) {
      problem(line, "unit_code", `không có đơn vị mã "${values.unit_code}" trong hệ thống (hãy nhập dữ liệu tổ chức trước).`);
    }
    const read = instantReader(values, line, problem);
    const receivedAt = read("received_at", { required: true });
    const dueAt = read("due_at", { required: true, due: true });
    const finishedAt = read("finished_at");
    const apologyAt = read("apology_at");
    const rescheduledDueAt = read("rescheduled_due_at", { due: true });
    if (typeof receivedAt === "number" && typeof dueAt === "number" && dueAt < receivedAt) {
      problem(line, "due_at", "ngày hẹn trả trước ngày tiếp nhận.");
    }
    let status: DossierStatus | undefined;
    if (values.status === null) problem(line, "status", "thiếu trạng thái.");
    else {
      status = STATUS_NAMES[lower(values.status)];
      if (!status) {
        problem(
          line,
          "status",
          `trạng thái "${values.status}" không hợp lệ; dùng một trong: ${DOSSIER_STATUSES.map((s) => `${s} (${STATUS_LABELS[s]})`).join(", ")}.`,
        );
      }
    }
    let channel: Channel | null = null;
    if (values.channel !== null) {
      channel = CHANNEL_NAMES[lower(values.channel)] ?? null;
      if (!channel) problem(line, "channel", `kênh "${values.channel}" không hợp lệ; dùng direct/1, online/2 hoặc postal/3.`);
    }
    if (sink.count() === errorsBefore && code && status && typeof receivedAt === "number" && typeof dueAt === "number") {
      records.push({
        line,
        code,
        procedureCode: values.procedure_code!,
        procedureName: values.procedure_name,
        unitCode: values.unit_code!,
        receivedAt,
        dueAt,
        finishedAt: finishedAt ?? null,
        status,
        channel,
        apologyAt: apologyAt ?? null,
        rescheduledDueAt: rescheduledDueAt ?? null,
      });
    }
  }
  // Codes on rows with problems still count as "in the file": one mistake, one message.
  return { records, rowCount: table.rows.length, codes: new Set(firstLine.keys()) };
}

function checkSteps(input: Uint8Array | string, context: EvidenceContext, fileCodes: ReadonlySet<string>, sink: Sink, unresolved: EvidenceCheckResult["unresolved"]) {
  const problem = sink.add;
  const FILE = "steps" as const;
  const table = readCsvTable(input, STEP_COLUMNS);
  for (const e of table.errors) problem(e.line, e.column, e.message);
  const records: StepRecord[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of table.rows) {
    const errorsBefore = sink.count();
    const code = values.dossier_code;
    if (code === null) problem(line, "dossier_code", "thiếu mã hồ sơ.");
    else if (!fileCodes.has(code)) {
      if (!context.storedDossierCodes) unresolved.push({ file: FILE, line, code });
      else if (!context.storedDossierCodes.has(code)) problem(line, "dossier_code", unresolvedReferenceIssue({ file: FILE, line, code }).message);
    }
    let stepNo: number | undefined;
    if (values.step_no === null) problem(line, "step_no", "thiếu số thứ tự bước.");
    else if (!/^\d+$/.test(values.step_no) || Number(values.step_no) < 1 || Number(values.step_no) > 1000) {
      problem(line, "step_no", `số thứ tự bước "${values.step_no}" phải là số nguyên dương (1, 2, …).`);
    } else {
      stepNo = Number(values.step_no);
      const key = `${code}\u0000${stepNo}`;
      if (code !== null && seen.has(key)) problem(line, "step_no", `bước ${stepNo} của hồ sơ "${code}" trùng với dòng ${seen.get(key)}.`);
      else seen.set(key, line);
    }
    if (values.unit_code === null) problem(line, "unit_code", "thiếu mã đơn vị xử lý bước.");
    else if (!context.unitCodes.has(values.unit_code)) problem(line, "unit_code", `không có đơn vị mã "${values.unit_code}" trong hệ thống.`);
    if (values.officer_code !== null && !context.officerCodes.has(values.officer_code)) {
      problem(line, "officer_code", `không có cán bộ mã "${values.officer_code}" trong hệ thống.`);
    }
    const read = instantReader(values, line, problem);
    const startedAt = read("started_at", { required: true });
    const dueAt = read("due_at", { required: true, due: true });
    const finishedAt = read("finished_at");
    if (sink.count() === errorsBefore && code && stepNo !== undefined && typeof startedAt === "number" && typeof dueAt === "number") {
      records.push({
        line,
        dossierCode: code,
        stepNo,
        stepName: values.step_name,
        unitCode: values.unit_code!,
        officerCode: values.officer_code,
        startedAt,
        dueAt,
        finishedAt: finishedAt ?? null,
      });
    }
  }
  return { records, rowCount: table.rows.length };
}

function checkEvents(input: Uint8Array | string, context: EvidenceContext, fileCodes: ReadonlySet<string>, sink: Sink, unresolved: EvidenceCheckResult["unresolved"]) {
  const problem = sink.add;
  const FILE = "events" as const;
  const table = readCsvTable(input, EVENT_COLUMNS);
  for (const e of table.errors) problem(e.line, e.column, e.message);
  const records: EventRecord[] = [];
  for (const { line, values } of table.rows) {
    const errorsBefore = sink.count();
    const code = values.dossier_code;
    if (code === null) problem(line, "dossier_code", "thiếu mã hồ sơ.");
    else if (!fileCodes.has(code)) {
      if (!context.storedDossierCodes) unresolved.push({ file: FILE, line, code });
      else if (!context.storedDossierCodes.has(code)) problem(line, "dossier_code", unresolvedReferenceIssue({ file: FILE, line, code }).message);
    }
    const kind = values.kind === null ? undefined : SUPPLEMENT_EVENT_KINDS.find((k) => k === lower(values.kind!));
    if (values.kind === null) problem(line, "kind", "thiếu loại sự kiện.");
    else if (!kind) problem(line, "kind", `loại sự kiện "${values.kind}" không hợp lệ; dùng supplement_requested hoặc supplement_completed.`);
    const at = instantReader(values, line, problem)("at", { required: true });
    if (sink.count() === errorsBefore && code && kind && typeof at === "number") records.push({ line, dossierCode: code, kind, at });
  }
  // Events pair in time order per dossier: a completion with no open request, or a second request
  // while one is open, is a bad row (reported at its own line).
  const byDossier = new Map<string, EventRecord[]>();
  for (const event of records) {
    const list = byDossier.get(event.dossierCode);
    if (list) list.push(event);
    else byDossier.set(event.dossierCode, [event]);
  }
  for (const [code, list] of byDossier) {
    list.sort((a, b) => a.at - b.at || a.line - b.line);
    for (const bad of pairSupplementEvents(list).bad) {
      const event = list[bad.index]!;
      problem(event.line, "kind", `hồ sơ "${code}": ${bad.message}`);
    }
  }
  return { records, rowCount: table.rows.length };
}

const NO_ROWS = "tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào để nhập.";

/** Checks the evidence files of one import together (steps and events may refer to the dossiers file). */
export function checkEvidenceFiles(input: EvidenceCheckInput, context: EvidenceContext): EvidenceCheckResult {
  const errors: EvidenceIssue[] = [];
  const problemIn = (file: EvidenceFileKind): Sink => ({
    add: (line, column, message) => errors.push({ file, line, column, message }),
    count: () => errors.length,
  });
  const none = { records: [], rowCount: 0, codes: new Set<string>() };
  const dossiers = input.dossiers !== undefined ? checkDossiers(input.dossiers, context, problemIn("dossiers")) : none;
  const unresolved: EvidenceCheckResult["unresolved"] = [];
  const steps = input.steps !== undefined ? checkSteps(input.steps, context, dossiers.codes, problemIn("steps"), unresolved) : none;
  const events = input.events !== undefined ? checkEvents(input.events, context, dossiers.codes, problemIn("events"), unresolved) : none;
  // A file that is only a header would write an empty batch: nothing to import is a mistake to report.
  // An events (steps) file may be empty beside dossiers: no dossier had a supplement request.
  const given = (["dossiers", "steps", "events"] as const).filter((k) => input[k] !== undefined);
  const rows = { dossiers: dossiers.rowCount, steps: steps.rowCount, events: events.rowCount };
  const nothing = input.dossiers !== undefined ? rows.dossiers === 0 : given.every((k) => rows[k] === 0);
  for (const file of nothing ? given : []) {
    if (rows[file] === 0 && !errors.some((e) => e.file === file)) errors.push({ file, line: 1, column: null, message: NO_ROWS });
  }
  const order: EvidenceFileKind[] = ["dossiers", "steps", "events"];
  errors.sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file) || a.line - b.line);
  return {
    dossiers: dossiers.records,
    steps: steps.records,
    events: events.records,
    rowCounts: { dossiers: dossiers.rowCount, steps: steps.rowCount, events: events.rowCount },
    errors,
    unresolved,
  };
}

export type CalendarCheckResult = { exceptions: CalendarException[]; years: number[]; rowCount: number; errors: EvidenceIssue[] };

/** calendar.csv: `date` yyyy-MM-dd (each date once), `kind` holiday or workday, optional `name`. */
export function checkCalendarFile(input: Uint8Array | string): CalendarCheckResult {
  const table = readCsvTable(input, CALENDAR_COLUMNS);
  const errors: EvidenceIssue[] = table.errors.map((e) => ({ ...e, file: "calendar" as const }));
  const problem = (line: number, column: string | null, message: string) => errors.push({ file: "calendar", line, column, message });
  const exceptions: CalendarException[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, values } of table.rows) {
    const date = values.date === null ? null : parseIsoDate(values.date);
    if (values.date === null) problem(line, "date", "thiếu ngày.");
    else if (date === null) problem(line, "date", `ngày "${values.date}" không hợp lệ: cần một ngày có thật, dạng yyyy-MM-dd.`);
    else if (firstLine.has(date)) problem(line, "date", `ngày ${date} trùng với dòng ${firstLine.get(date)}.`);
    else firstLine.set(date, line);
    const kind = values.kind === null ? undefined : CALENDAR_EXCEPTION_KINDS.find((k) => k === lower(values.kind!));
    if (values.kind === null) problem(line, "kind", "thiếu loại ngày.");
    else if (!kind) problem(line, "kind", `loại ngày "${values.kind}" không hợp lệ; dùng holiday (ngày nghỉ) hoặc workday (ngày làm bù).`);
    if (date && kind && firstLine.get(date) === line) exceptions.push({ date, kind: kind as CalendarExceptionKind, name: values.name ?? "" });
  }
  if (table.rows.length === 0 && errors.length === 0) problem(1, null, NO_ROWS);
  errors.sort((a, b) => a.line - b.line);
  exceptions.sort((a, b) => (a.date < b.date ? -1 : 1));
  const years = [...new Set(exceptions.map((e) => Number(e.date.slice(0, 4))))].sort((a, b) => a - b);
  return { exceptions, years, rowCount: table.rows.length, errors };
}
