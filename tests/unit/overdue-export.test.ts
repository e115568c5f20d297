import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { WorkCalendar, type CalendarException } from "../../app/domain/calendar.js";
import {
  evaluateDossier,
  type DossierFacts,
  type DossierStatus,
  type StepFacts,
  type SupplementEvent,
} from "../../app/domain/delay.js";
import { parseInstant, type Instant } from "../../app/domain/instants.js";
import {
  compareByteOrder,
  csvField,
  dueAtRangeOfPeriod,
  overdueCsv,
  overdueRow,
  overdueRows,
  OVERDUE_COLUMNS,
} from "../../app/domain/overdue-export.js";
import { seededVnCalendarExceptions } from "../../app/domain/holidays-vn.js";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/evidence");
const calendar = WorkCalendar.fromExceptions(seededVnCalendarExceptions());
const at = (text: string): Instant => {
  const parsed = parseInstant(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const due = (text: string): Instant => {
  const parsed = parseInstant(text, { dateOnly: "end_of_day" });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const period2025 = { from: "2025-01-01", to: "2025-12-31" };

function dossier(overrides: Partial<DossierFacts> = {}): DossierFacts {
  return {
    dossierCode: "HS-1",
    unitCode: "000.00.07.H55",
    procedureCode: "1.005090.000.00.00.H55",
    status: "finished",
    dueAt: at("2025-03-14T17:00:00+07:00"),
    finishedAt: at("2025-03-14T10:00:00+07:00"),
    apologyAt: null,
    ...overrides,
  };
}

function exported(input: { dossier: DossierFacts; steps?: StepFacts[]; events?: SupplementEvent[] }, asOf = at("2026-01-10T12:00:00+07:00")) {
  return overdueRows([evaluateDossier(calendar, { steps: [], events: [], ...input }, asOf)], period2025);
}

describe("the overdue.csv header", () => {
  it("names the twelve columns in the contract's order", () => {
    expect(overdueCsv([])).toBe(
      "dossier_code,unit_code,procedure_code,due_at,end_at,supplement_requests,late,late_working_days,apology,primary_step_no,primary_officer_code,late_steps\n",
    );
    expect(OVERDUE_COLUMNS).toHaveLength(12);
  });
});

describe("a dossier finished on time", () => {
  it("is one line with empty attribution columns and apology not_needed", () => {
    expect(overdueCsv(exported({ dossier: dossier() }))).toBe(
      OVERDUE_COLUMNS.join(",") +
        "\nHS-1,000.00.07.H55,1.005090.000.00.00.H55,2025-03-14T17:00:00+07:00,2025-03-14T10:00:00+07:00,0,false,0,not_needed,,,\n",
    );
  });
});

describe("instants in the export", () => {
  it("are converted to Vietnam time with +07:00 and fractions of a second truncated", () => {
    const [row] = exported({
      dossier: dossier({ dueAt: at("2025-03-14T09:59:59.999Z"), finishedAt: at("2025-03-14T01:02:03.750Z") }),
    });
    expect(row?.due_at).toBe("2025-03-14T16:59:59+07:00");
    expect(row?.end_at).toBe("2025-03-14T08:02:03+07:00");
  });

  it("show an unfinished dossier's end as the as-of instant", () => {
    const [row] = exported({ dossier: dossier({ finishedAt: null, status: "processing" }) }, at("2025-03-20T12:00:00+07:00"));
    expect(row?.end_at).toBe("2025-03-20T12:00:00+07:00");
    expect(row?.late).toBe("true");
    expect(row?.late_working_days).toBe("4"); // 17, 18, 19, 20 March
  });
});

describe("a late dossier with several late steps", () => {
  const input = {
    dossier: dossier({ finishedAt: at("2025-03-18T09:00:00+07:00"), apologyAt: at("13/03/2025 15:00") }),
    steps: [
      { stepNo: 3, unitCode: "U3", officerCode: null, dueAt: at("2025-03-13T17:00:00+07:00"), finishedAt: at("2025-03-14T08:00:00+07:00") },
      { stepNo: 1, unitCode: "U1", officerCode: "CB0001", dueAt: at("2025-03-10T17:00:00+07:00"), finishedAt: at("2025-03-12T08:00:00+07:00") },
      { stepNo: 2, unitCode: "U2", officerCode: "CB0002", dueAt: at("2025-03-12T17:00:00+07:00"), finishedAt: at("2025-03-12T16:00:00+07:00") },
    ],
  };

  it("names the first late step as primary and lists every late step in step_no order", () => {
    const [row] = exported(input);
    expect(row).toMatchObject({
      late: "true",
      late_working_days: "2",
      apology: "on_time",
      primary_step_no: "1",
      primary_officer_code: "CB0001",
      late_steps: "1:CB0001:2;3::1",
    });
  });
});

describe("a late dossier whose first late step has no officer", () => {
  it("has a primary step number and an empty primary officer", () => {
    const [row] = exported({
      dossier: dossier({ finishedAt: at("2025-03-17T09:00:00+07:00") }),
      steps: [{ stepNo: 2, unitCode: "U2", officerCode: null, dueAt: at("2025-03-14T10:00:00+07:00"), finishedAt: at("2025-03-17T09:00:00+07:00") }],
    });
    expect(row).toMatchObject({ primary_step_no: "2", primary_officer_code: "", late_steps: "2::1", apology: "missing" });
  });
});

describe("a late dossier with no late step", () => {
  it("is unattributed: primary columns and late_steps empty", () => {
    const [row] = exported({
      dossier: dossier({ finishedAt: at("2025-03-17T09:00:00+07:00") }),
      steps: [{ stepNo: 1, unitCode: "U1", officerCode: "CB0001", dueAt: at("2025-03-14T10:00:00+07:00"), finishedAt: at("2025-03-14T09:00:00+07:00") }],
    });
    expect(row).toMatchObject({ late: "true", late_working_days: "1", primary_step_no: "", primary_officer_code: "", late_steps: "" });
  });
});

describe("a dossier that is not late but has a late step", () => {
  it("shows no steps: attribution is only for late dossiers", () => {
    const [row] = exported({
      dossier: dossier(),
      steps: [{ stepNo: 1, unitCode: "U1", officerCode: "CB0001", dueAt: at("2025-03-10T10:00:00+07:00"), finishedAt: at("2025-03-12T09:00:00+07:00") }],
    });
    expect(row).toMatchObject({ late: "false", primary_step_no: "", primary_officer_code: "", late_steps: "" });
  });
});

describe("the period filter", () => {
  const asOf = at("2026-01-10T12:00:00+07:00");
  const delays = [
    dossier({ dossierCode: "A-before", dueAt: at("2024-12-31T16:59:59Z") }), // 2024-12-31 23:59:59 in Vietnam
    dossier({ dossierCode: "B-first", dueAt: at("2024-12-31T17:00:00Z") }), // 2025-01-01 00:00 in Vietnam
    dossier({ dossierCode: "C-last", dueAt: due("31/12/2025") }),
    dossier({ dossierCode: "D-after", dueAt: at("2025-12-31T17:00:00Z") }),
    dossier({ dossierCode: "E-refused", status: "refused" }),
    dossier({ dossierCode: "F-withdrawn", status: "withdrawn" }),
    dossier({ dossierCode: "G-stopped", status: "stopped" }),
  ].map((d) => evaluateDossier(calendar, { dossier: d, steps: [], events: [] }, asOf));

  it("keeps counted dossiers whose due date in Vietnam lies in [from, to], both inclusive", () => {
    expect(overdueRows(delays, period2025).map((r) => r.dossier_code)).toEqual(["B-first", "C-last", "G-stopped"]);
  });

  it("maps to a due_at range a database can pre-select with", () => {
    expect(dueAtRangeOfPeriod(period2025)).toEqual({
      fromInclusive: at("2025-01-01T00:00:00+07:00"),
      toExclusive: at("2026-01-01T00:00:00+07:00"),
    });
  });
});

describe("the order of rows", () => {
  it("is byte order of dossier_code, not locale order nor UTF-16 order", () => {
    const codes = ["b", "B", "a-2", "a-10", "Đ", "\u{1F600}", "\uFF21", "a"];
    const asOf = at("2026-01-10T12:00:00+07:00");
    const rows = overdueRows(
      codes.map((c) => evaluateDossier(calendar, { dossier: dossier({ dossierCode: c }), steps: [], events: [] }, asOf)),
      period2025,
    );
    const byBytes = [...codes].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(rows.map((r) => r.dossier_code)).toEqual(byBytes);
    expect(byBytes).toEqual(["B", "a", "a-10", "a-2", "b", "Đ", "\uFF21", "\u{1F600}"]);
    expect(compareByteOrder("\uFF21", "\u{1F600}")).toBeLessThan(0); // UTF-16 order says the opposite
  });
});

describe("fields in the CSV", () => {
  it("are quoted only when they hold a comma, a quote or a line break", () => {
    expect(csvField("QN.NB-01,2025")).toBe('"QN.NB-01,2025"');
    expect(csvField('mã "A"')).toBe('"mã ""A"""');
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField("a\rb")).toBe('"a\rb"');
    expect(csvField("1:CB0001:2;3::1")).toBe("1:CB0001:2;3::1");
    expect(csvField("")).toBe("");
  });

  it("end every line, the last one included, with \\n", () => {
    const delay = evaluateDossier(calendar, { dossier: dossier({ procedureCode: "QN.NB-01,2025" }), steps: [], events: [] }, 0);
    expect(overdueCsv([overdueRow(delay!)])).toBe(
      OVERDUE_COLUMNS.join(",") +
        '\nHS-1,000.00.07.H55,"QN.NB-01,2025",2025-03-14T17:00:00+07:00,2025-03-14T10:00:00+07:00,0,false,0,not_needed,,,\n',
    );
  });
});

// --- The customer's sample, end to end through the pure pipeline ---------------------------------

// A small local header mapping (the full alias reader belongs to the importer): names are matched
// case-insensitively after trimming, Vietnamese aliases included.
const HEADER_ALIASES: Record<string, string> = {
  "mã hồ sơ": "dossier_code",
  "mã đơn vị": "unit_code",
  "mã tthc": "procedure_code",
  "tên tthc": "procedure_name",
  "ngày tiếp nhận": "received_at",
  "ngày hẹn trả": "due_at",
  "ngày có kết quả": "finished_at",
  "trạng thái": "status",
  "kênh": "channel",
  "ngày xin lỗi": "apology_at",
  "ngày hẹn lại": "rescheduled_due_at",
  "mã cán bộ": "officer_code",
};
const STATUS_ALIASES: Record<string, DossierStatus> = {
  "đang xử lý": "processing",
  "chờ bổ sung": "supplement",
  "đã xử lý xong": "finished",
  "đã trả kết quả": "returned",
  "dừng xử lý": "stopped",
  "từ chối": "refused",
  "rút hồ sơ": "withdrawn",
};

function readCsv(name: string): Record<string, string>[] {
  return parse(readFileSync(path.join(fixtures, name), "utf8"), {
    bom: true,
    trim: true,
    columns: (header: string[]) =>
      header.map((h) => {
        const key = h.normalize("NFC").trim().toLowerCase();
        return HEADER_ALIASES[key] ?? key;
      }),
  }) as Record<string, string>[];
}

const optional = (value: string | undefined, read: (v: string) => Instant): Instant | null =>
  value ? read(value) : null;

function status(value: string): DossierStatus {
  const key = value.normalize("NFC").toLowerCase();
  const found = STATUS_ALIASES[key] ?? (Object.values(STATUS_ALIASES).find((s) => s === key) as DossierStatus | undefined);
  if (!found) throw new Error(`unknown status ${value}`);
  return found;
}

describe("the customer's sample (samples/evidence)", () => {
  it("exports 2025 as of 2026-01-10 12:00 exactly as expected-overdue-2025.csv", () => {
    const sampleCalendar = WorkCalendar.fromExceptions(
      readCsv("calendar.csv").map((r): CalendarException => ({ date: r.date!, kind: r.kind as CalendarException["kind"], name: r.name ?? "" })),
    );
    const stepsByDossier = new Map<string, StepFacts[]>();
    for (const r of readCsv("steps.csv")) {
      const list = stepsByDossier.get(r.dossier_code!) ?? [];
      list.push({
        stepNo: Number(r.step_no),
        unitCode: r.unit_code!,
        officerCode: r.officer_code || null,
        dueAt: due(r.due_at!),
        finishedAt: optional(r.finished_at, at),
      });
      stepsByDossier.set(r.dossier_code!, list);
    }
    const eventsByDossier = new Map<string, SupplementEvent[]>();
    for (const r of readCsv("events.csv")) {
      const list = eventsByDossier.get(r.dossier_code!) ?? [];
      list.push({ kind: r.kind!.toLowerCase() as SupplementEvent["kind"], at: at(r.at!) });
      eventsByDossier.set(r.dossier_code!, list);
    }
    const asOf = at("2026-01-10T12:00:00+07:00");
    const delays = readCsv("dossiers.csv").map((r) =>
      evaluateDossier(
        sampleCalendar,
        {
          dossier: {
            dossierCode: r.dossier_code!,
            unitCode: r.unit_code!,
            procedureCode: r.procedure_code!,
            status: status(r.status!),
            dueAt: due(r.due_at!),
            finishedAt: optional(r.finished_at, at),
            apologyAt: optional(r.apology_at, at),
          },
          steps: stepsByDossier.get(r.dossier_code!) ?? [],
          events: eventsByDossier.get(r.dossier_code!) ?? [],
        },
        asOf,
      ),
    );
    const expected = readFileSync(path.join(fixtures, "expected-overdue-2025.csv"), "utf8");
    expect(overdueCsv(overdueRows(delays, period2025))).toBe(expected);

    // The seeded calendar agrees with the customer's for these years, so it gives the same file.
    const seeded = delays.map((d) => {
      if (!d) return null;
      const code = d.dossier.dossierCode;
      const input = { dossier: d.dossier, steps: stepsByDossier.get(code) ?? [], events: eventsByDossier.get(code) ?? [] };
      return evaluateDossier(calendar, input, asOf);
    });
    expect(overdueCsv(overdueRows(seeded, period2025))).toBe(expected);
  });
});
