import { beforeAll, describe, expect, it } from "vitest";
import { WorkCalendar } from "../../app/domain/calendar.js";
import { readCsvTable, type CsvColumn } from "../../app/domain/csv.js";
import {
  DOSSIER_STATUSES,
  evaluateDossier,
  pairSupplementEvents,
  type DossierDelay,
  type DossierStatus,
  type StepFacts,
  type SupplementEvent,
} from "../../app/domain/delay.js";
import {
  createEvidenceGenerator,
  csvLine,
  FILE_HEADERS,
  GENERATED_FILES,
  periodEndInstant,
  Random,
  vietnameseFullName,
  type GeneratedFile,
  type GenerationStats,
} from "../../app/domain/generator.js";
import { seededVnCalendarExceptions } from "../../app/domain/holidays-vn.js";
import { parseDueInstant, parseInstant, vnDate, type Instant } from "../../app/domain/instants.js";
import { checkOrganisationFiles, type OfficerRecord } from "../../app/domain/org-import.js";

const calendar = WorkCalendar.fromExceptions(seededVnCalendarExceptions());
const YEAR_2025 = { from: "2025-01-01", to: "2025-12-31" };

function generate(seed: number, dossiers = 3000, period = YEAR_2025): { files: Record<GeneratedFile, string>; stats: GenerationStats } {
  const g = createEvidenceGenerator({ dossiers, seed, ...period });
  let d = csvLine(FILE_HEADERS.dossiers);
  let s = csvLine(FILE_HEADERS.steps);
  let e = csvLine(FILE_HEADERS.events);
  for (const chunk of g.dossierChunks()) {
    d += chunk.dossiers;
    s += chunk.steps;
    e += chunk.events;
  }
  const files = { units: g.unitsCsv(), officers: g.officersCsv(), dossiers: d, steps: s, events: e, calendar: g.calendarCsv() };
  return { files, stats: g.stats };
}

// The contract's columns, written out here from spec/evidence-import.md rather than taken from the
// generator, so that the files are read the way the importer will read them.
const DOSSIER_COLUMNS = [
  { key: "dossier_code", aliases: ["Mã hồ sơ"], required: true },
  { key: "procedure_code", aliases: ["Mã TTHC"], required: true },
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
const STEP_COLUMNS = [
  { key: "dossier_code", required: true },
  { key: "step_no", required: true },
  { key: "step_name" },
  { key: "unit_code", required: true },
  { key: "officer_code" },
  { key: "started_at", required: true },
  { key: "due_at", required: true },
  { key: "finished_at" },
] as const satisfies readonly CsvColumn[];
const EVENT_COLUMNS = [
  { key: "dossier_code", required: true },
  { key: "kind", required: true },
  { key: "at", required: true },
] as const satisfies readonly CsvColumn[];
const CALENDAR_COLUMNS = [
  { key: "date", required: true },
  { key: "kind", required: true },
  { key: "name" },
] as const satisfies readonly CsvColumn[];

const STATUS_VALUES: Record<string, DossierStatus> = {
  "đang xử lý": "processing",
  "chờ bổ sung": "supplement",
  "đã xử lý xong": "finished",
  "đã trả kết quả": "returned",
  "dừng xử lý": "stopped",
  "từ chối": "refused",
  "rút hồ sơ": "withdrawn",
};
for (const s of DOSSIER_STATUSES) STATUS_VALUES[s] = s;
const CHANNEL_VALUES: Record<string, string> = { direct: "direct", "1": "direct", online: "online", "2": "online", postal: "postal", "3": "postal" };

function instant(text: string | null, due = false): Instant | null {
  if (text === null) return null;
  const parsed = due ? parseDueInstant(text) : parseInstant(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

interface Dossier {
  code: string;
  unitCode: string;
  procedureCode: string;
  procedureName: string | null;
  status: DossierStatus;
  channel: string;
  receivedAt: Instant;
  dueAt: Instant;
  finishedAt: Instant | null;
  apologyAt: Instant | null;
  rescheduled: Instant | null;
  steps: (StepFacts & { startedAt: Instant })[];
  events: SupplementEvent[];
}

/** Everything read back from the files, as the importer would: every row parsed, every value checked. */
function readBack(files: Record<GeneratedFile, string>) {
  const dossierTable = readCsvTable(files.dossiers, DOSSIER_COLUMNS);
  const stepTable = readCsvTable(files.steps, STEP_COLUMNS);
  const eventTable = readCsvTable(files.events, EVENT_COLUMNS);
  const calendarTable = readCsvTable(files.calendar, CALENDAR_COLUMNS);
  const dossiers = new Map<string, Dossier>();
  for (const { values: v } of dossierTable.rows) {
    const status = STATUS_VALUES[v.status!.toLocaleLowerCase("vi")];
    const channel = CHANNEL_VALUES[v.channel!.toLocaleLowerCase("vi")];
    if (!status || !channel) throw new Error(`bad status or channel: ${v.status} ${v.channel}`);
    if (dossiers.has(v.dossier_code!)) throw new Error(`duplicate dossier ${v.dossier_code}`);
    dossiers.set(v.dossier_code!, {
      code: v.dossier_code!,
      unitCode: v.unit_code!,
      procedureCode: v.procedure_code!,
      procedureName: v.procedure_name,
      status,
      channel,
      receivedAt: instant(v.received_at)!,
      dueAt: instant(v.due_at, true)!,
      finishedAt: instant(v.finished_at),
      apologyAt: instant(v.apology_at),
      rescheduled: instant(v.rescheduled_due_at),
      steps: [],
      events: [],
    });
  }
  for (const { values: v } of stepTable.rows) {
    const d = dossiers.get(v.dossier_code!);
    if (!d) throw new Error(`step of an unknown dossier ${v.dossier_code}`);
    d.steps.push({
      stepNo: Number(v.step_no),
      unitCode: v.unit_code!,
      officerCode: v.officer_code,
      startedAt: instant(v.started_at)!,
      dueAt: instant(v.due_at, true)!,
      finishedAt: instant(v.finished_at),
    });
  }
  for (const { values: v } of eventTable.rows) {
    const d = dossiers.get(v.dossier_code!);
    if (!d) throw new Error(`event of an unknown dossier ${v.dossier_code}`);
    if (v.kind !== "supplement_requested" && v.kind !== "supplement_completed") throw new Error(`bad kind ${v.kind}`);
    d.events.push({ kind: v.kind, at: instant(v.at)! });
  }
  const org = checkOrganisationFiles({ units: files.units, officers: files.officers, existingUnits: new Map() });
  return {
    dossiers: [...dossiers.values()],
    calendarRows: calendarTable.rows.map((r) => r.values),
    org,
    csvErrors: [...dossierTable.errors, ...stepTable.errors, ...eventTable.errors, ...calendarTable.errors],
  };
}

function evaluateAll(dossiers: Dossier[], asOf: Instant): { counted: DossierDelay[]; late: DossierDelay[] } {
  const counted: DossierDelay[] = [];
  for (const d of dossiers) {
    const result = evaluateDossier(
      calendar,
      {
        dossier: { dossierCode: d.code, unitCode: d.unitCode, procedureCode: d.procedureCode, status: d.status, dueAt: d.dueAt, finishedAt: d.finishedAt, apologyAt: d.apologyAt },
        steps: d.steps,
        events: d.events,
      },
      asOf,
    );
    if (result) counted.push(result);
  }
  return { counted, late: counted.filter((r) => r.late) };
}

const wallSeconds = (at: Instant) => Math.floor(((at + 7 * 3600_000) % 86_400_000) / 1000);
const inOfficeHours = (at: Instant) => {
  const t = wallSeconds(at);
  return (t >= 7.5 * 3600 && t < 11.5 * 3600) || (t >= 13.5 * 3600 && t < 17 * 3600);
};
const memberOn = (officer: OfficerRecord, unitCode: string, date: string) =>
  officer.memberships.some((m) => m.unitCode === unitCode && (m.validFrom ?? "") <= date && (m.validTo === null || date <= m.validTo));

describe("the seeded random numbers", () => {
  it("repeat for a seed and differ between seeds", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, (() => { const r = new Random(seed); return () => r.uint32(); })());
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("are spread evenly over [0, 1)", () => {
    const r = new Random(7);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });
});

describe("a generated Vietnamese name", () => {
  it("is a family name, middle name(s) and a given name, in NFC", () => {
    const r = new Random(1);
    const names = Array.from({ length: 2000 }, () => vietnameseFullName(r));
    for (const name of names) {
      expect(name.normalize("NFC")).toBe(name);
      expect(name.split(" ").length).toBeGreaterThanOrEqual(3);
      expect(name).toMatch(/^\p{Lu}/u);
    }
    expect(names.filter((n) => n.startsWith("Nguyễn ")).length / names.length).toBeGreaterThan(0.2);
    expect(names.some((n) => n.includes(" Thị "))).toBe(true);
    expect(new Set(names).size).toBeGreaterThan(1000);
  });
});

describe("the generated evidence for 3,000 dossiers received in 2025", () => {
  const SEED = 11;
  let files: Record<GeneratedFile, string>;
  let stats: GenerationStats;
  let back: ReturnType<typeof readBack>;
  const asOf = periodEndInstant(YEAR_2025.to);

  beforeAll(() => {
    ({ files, stats } = generate(SEED));
    back = readBack(files);
  });

  it("is the same, byte for byte, for the same seed, and different for another", () => {
    const again = generate(SEED).files;
    for (const f of GENERATED_FILES) expect(again[f] === files[f], f).toBe(true);
    const other = generate(SEED + 1).files;
    expect(other.dossiers).not.toBe(files.dossiers);
    expect(other.officers).not.toBe(files.officers);
  });

  it("reads back as CSV without a single error, every text in NFC", () => {
    expect(back.csvErrors).toEqual([]);
    for (const f of GENERATED_FILES) expect(files[f].normalize("NFC") === files[f], f).toBe(true);
    expect(back.dossiers).toHaveLength(3000);
    expect(stats.dossiers).toBe(3000);
    // RFC 4180 quoting is exercised: names with commas and quotes, a procedure code with a comma.
    expect(files.dossiers).toContain('"Xác nhận ""hộ gia đình làm nông nghiệp có mức sống trung bình"""');
    expect(files.units).toContain('"Sở Văn hóa, Thể thao và Du lịch"');
  });

  it("has an organisation the organisation import accepts whole", () => {
    expect(back.org.errors).toEqual([]);
    expect(back.org.units.length).toBeGreaterThanOrEqual(20);
    expect(back.org.units.length).toBeLessThanOrEqual(120);
    expect(back.org.officers.length).toBe(stats.officers);
    expect(back.org.officers.length).toBeGreaterThan(150);
    const kinds = new Set(back.org.units.map((u) => u.kind));
    for (const kind of ["province", "department", "division", "district", "commune", "other"]) expect(kinds).toContain(kind);
    expect(back.org.units.some((u) => u.name.startsWith("Sở "))).toBe(true);
    expect(back.org.units.some((u) => u.name.startsWith("UBND phường "))).toBe(true);
    expect(back.org.units.some((u) => u.name.startsWith("UBND xã "))).toBe(true);
  });

  it("moves officers to new units when districts are abolished and departments merged", () => {
    // A second period that starts the day the first one ends, in another unit.
    const moved = (from: string) =>
      back.org.officers.filter((o) =>
        o.memberships.some((m, i) => i > 0 && m.validFrom === from && o.memberships[i - 1]!.validTo! < from && m.unitCode !== o.memberships[i - 1]!.unitCode),
      );
    expect(moved("2025-07-01").length).toBeGreaterThan(10);
    expect(moved("2025-03-01").length).toBeGreaterThan(5);
    const positions = new Set(back.org.officers.flatMap((o) => o.memberships.map((m) => m.position)));
    expect(positions).toContain("Công chức Tư pháp - Hộ tịch");
    expect(positions).toContain("Giám đốc");
  });

  it("receives every dossier in office hours on a working day of the period, due no earlier", () => {
    for (const d of back.dossiers) {
      const date = vnDate(d.receivedAt);
      expect(date >= YEAR_2025.from && date <= YEAR_2025.to, d.code).toBe(true);
      expect(calendar.isWorkingDay(date), `${d.code} ${date}`).toBe(true);
      expect(inOfficeHours(d.receivedAt), d.code).toBe(true);
      expect(d.dueAt).toBeGreaterThanOrEqual(d.receivedAt);
      if (d.finishedAt !== null) expect(d.finishedAt).toBeGreaterThanOrEqual(d.receivedAt);
      expect(d.code.startsWith(`${d.unitCode}-`)).toBe(true);
    }
  });

  it("computes due dates as the office does: the same time of day, k working days later", () => {
    const byProcedure = new Map<string, Dossier[]>();
    for (const d of back.dossiers) byProcedure.set(d.procedureCode, [...(byProcedure.get(d.procedureCode) ?? []), d]);
    const birth = byProcedure.get("1.001193.000.00.00.H55")!;
    expect(birth.length).toBeGreaterThan(10);
    for (const d of birth) {
      expect(wallSeconds(d.dueAt)).toBe(wallSeconds(d.receivedAt));
      expect(calendar.wd(d.receivedAt, d.dueAt)).toBe(1);
    }
    const licence = byProcedure.get("1.001612.000.00.00.H55") ?? [];
    for (const d of licence) expect(calendar.wd(d.receivedAt, d.dueAt)).toBe(15);
  });

  it("hands each dossier through steps 1..k, each starting when the previous one ends or the citizen has supplied", () => {
    const officers = new Map(back.org.officers.map((o) => [o.code, o]));
    const units = new Set(back.org.units.map((u) => u.code));
    let withOfficer = 0;
    for (const d of back.dossiers) {
      expect(d.steps.length, d.code).toBeGreaterThan(0);
      expect(d.steps.map((s) => s.stepNo)).toEqual(d.steps.map((_, i) => i + 1));
      expect(d.steps[0]!.startedAt).toBe(d.receivedAt);
      const cycles = pairSupplementEvents(d.events).cycles;
      d.steps.forEach((s, i) => {
        expect(units.has(s.unitCode)).toBe(true);
        expect(s.dueAt).toBeGreaterThan(s.startedAt);
        if (s.finishedAt !== null) expect(s.finishedAt).toBeGreaterThanOrEqual(s.startedAt);
        else expect(i, `${d.code}: only the last step may be open`).toBe(d.steps.length - 1);
        if (s.officerCode !== null) {
          withOfficer++;
          const officer = officers.get(s.officerCode);
          expect(officer, s.officerCode).toBeDefined();
          expect(memberOn(officer!, s.unitCode, vnDate(s.startedAt)), `${d.code} step ${s.stepNo}: ${s.officerCode} in ${s.unitCode}`).toBe(true);
        }
        if (i > 0) {
          const previousEnd = d.steps[i - 1]!.finishedAt!;
          const pause = cycles.find((c) => c.requestedAt === previousEnd);
          if (pause) expect(s.startedAt).toBeGreaterThanOrEqual(pause.completedAt!);
          else expect(s.startedAt, `${d.code} step ${s.stepNo}`).toBe(previousEnd);
        }
      });
      if (d.status === "finished" || d.status === "returned") expect(d.steps.at(-1)!.finishedAt).toBe(d.finishedAt);
    }
    expect(withOfficer / back.dossiers.reduce((n, d) => n + d.steps.length, 0)).toBeGreaterThan(0.97);
  });

  it("pairs every supplement event, with second requests and open cycles among them", () => {
    let requests = 0;
    let twice = 0;
    let open = 0;
    for (const d of back.dossiers) {
      const { cycles, bad } = pairSupplementEvents(d.events);
      expect(bad, d.code).toEqual([]);
      requests += cycles.length;
      if (cycles.length >= 2) twice++;
      const isOpen = cycles.some((c) => c.completedAt === null);
      if (isOpen) open++;
      if (d.status === "supplement") expect(isOpen, d.code).toBe(true);
      if (isOpen) expect(["supplement", "stopped"], d.code).toContain(d.status);
    }
    expect(requests).toBeGreaterThan(60);
    expect(twice).toBeGreaterThan(0);
    expect(open).toBeGreaterThan(0);
  });

  it("has mostly finished dossiers, and unfinished ones only near the end of the period", () => {
    const count = (s: DossierStatus) => back.dossiers.filter((d) => d.status === s).length;
    expect((count("finished") + count("returned")) / 3000).toBeGreaterThan(0.9);
    for (const s of DOSSIER_STATUSES) expect(count(s), s).toBeGreaterThan(0);
    const unfinished = back.dossiers.filter((d) => d.status === "processing" || d.status === "supplement");
    for (const d of unfinished) {
      expect(d.finishedAt).toBeNull();
      expect(vnDate(d.receivedAt) >= "2025-08-01", d.code).toBe(true);
    }
    const lastMonth = unfinished.filter((d) => vnDate(d.receivedAt) >= "2025-12-01").length;
    expect(lastMonth / unfinished.length).toBeGreaterThan(0.6);
    for (const d of back.dossiers) if (d.status !== "processing" && d.status !== "supplement") expect(d.finishedAt, d.code).not.toBeNull();
    expect(new Set(back.dossiers.map((d) => d.channel))).toEqual(new Set(["direct", "online", "postal"]));
  });

  it("is late for 1–8% of the counted dossiers, exactly as the generator reported", () => {
    const { counted, late } = evaluateAll(back.dossiers, asOf);
    expect(counted.length).toBe(stats.counted);
    expect(late.length).toBe(stats.late);
    const share = late.length / counted.length;
    expect(share).toBeGreaterThanOrEqual(0.01);
    expect(share).toBeLessThanOrEqual(0.08);
  });

  it("has repeat offenders: an officer with at least three late steps, and units far worse than others", () => {
    const { counted } = evaluateAll(back.dossiers, asOf);
    const lateSteps = new Map<string, number>();
    for (const r of counted) for (const s of r.steps) if (s.late && s.officerCode) lateSteps.set(s.officerCode, (lateSteps.get(s.officerCode) ?? 0) + 1);
    expect(Math.max(...lateSteps.values())).toBeGreaterThanOrEqual(3);
    const byUnit = new Map<string, { n: number; late: number }>();
    for (const r of counted) {
      const u = byUnit.get(r.dossier.unitCode) ?? { n: 0, late: 0 };
      u.n++;
      if (r.late) u.late++;
      byUnit.set(r.dossier.unitCode, u);
    }
    const rates = [...byUnit.values()].filter((u) => u.n >= 40).map((u) => u.late / u.n);
    expect(Math.max(...rates)).toBeGreaterThan(3 * Math.min(...rates) + 0.01);
  });

  it("issues apologies for some late dossiers only — on time, late or never — with a new promised date", () => {
    const { late } = evaluateAll(back.dossiers, asOf);
    const apologies = new Set(late.filter((r) => r.lateWorkingDays > 0).map((r) => r.apology));
    expect(apologies).toEqual(new Set(["on_time", "late", "missing"]));
    const lateCodes = new Set(late.map((r) => r.dossier.dossierCode));
    for (const d of back.dossiers) {
      if (d.apologyAt !== null) {
        expect(lateCodes.has(d.code), d.code).toBe(true);
        expect(d.apologyAt).toBeGreaterThanOrEqual(d.receivedAt);
        expect(d.rescheduled).not.toBeNull();
        expect(d.rescheduled!).toBeGreaterThan(d.dueAt);
      } else {
        expect(d.rescheduled).toBeNull();
      }
    }
  });

  it("mixes the instant forms real exports use", () => {
    expect(files.dossiers).toMatch(/,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00,/);
    expect(files.dossiers).toMatch(/,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,/);
    expect(files.dossiers).toMatch(/,\d\d\/\d\d\/\d{4} \d\d:\d\d,/);
    expect(files.dossiers).toMatch(/,\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d,/);
  });

  it("writes the seeded calendar of the years the files cover", () => {
    const years = new Set(["2025", "2026"]);
    const expected = seededVnCalendarExceptions().filter((e) => years.has(e.date.slice(0, 4)));
    expect(back.calendarRows).toEqual(expected.map((e) => ({ date: e.date, kind: e.kind, name: e.name })));
    expect(stats.calendarYears).toEqual([2025, 2026]);
  });
});

describe("the late share", () => {
  it("stays within 1–8% and varies with the seed", () => {
    const shares = [1, 2, 3, 4, 5, 6].map((seed) => {
      const { stats } = generate(seed, 2000);
      return stats.late / stats.counted;
    });
    for (const share of shares) {
      expect(share).toBeGreaterThanOrEqual(0.01);
      expect(share).toBeLessThanOrEqual(0.08);
    }
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.01);
  });
});

describe("a period before the 2025 reforms", () => {
  it("shows the organisation as it stood then, and the calendar of its years", () => {
    const { files, stats } = generate(3, 1500, { from: "2024-01-01", to: "2024-12-31" });
    const back = readBack(files);
    expect(back.csvErrors).toEqual([]);
    expect(back.org.errors).toEqual([]);
    for (const u of back.org.units) {
      expect((u.validFrom ?? "") <= "2024-12-31", u.code).toBe(true);
      expect(u.validTo, u.code).toBeNull();
    }
    expect(back.org.units.some((u) => u.name === "Sở Kế hoạch và Đầu tư")).toBe(true);
    expect(back.org.units.some((u) => u.name === "Sở Nông nghiệp và Môi trường")).toBe(false);
    for (const d of back.dossiers) expect(vnDate(d.receivedAt).startsWith("2024-")).toBe(true);
    expect(stats.calendarYears).toEqual([2024, 2025]);
    const { counted, late } = evaluateAll(back.dossiers, periodEndInstant("2024-12-31"));
    expect(late.length).toBe(stats.late);
    expect(counted.length).toBe(stats.counted);
  });

  it("spans a make-up Saturday and Tết when they fall in a short period", () => {
    // 2025-02-08 was a working Saturday (làm bù cho 27/01); 27–31/01 were Tết.
    const { files } = generate(5, 400, { from: "2025-01-20", to: "2025-02-14" });
    const back = readBack(files);
    const days = new Set(back.dossiers.map((d) => vnDate(d.receivedAt)));
    expect(days).toContain("2025-02-08");
    for (const tet of ["2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02"]) expect(days).not.toContain(tet);
  });
});
