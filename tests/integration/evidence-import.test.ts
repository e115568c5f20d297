import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { importCalendar, importEvidence } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import { overdueExport } from "../../app/models/overdue.server.js";
import { runCli } from "../cli.js";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });
const text = (csv: string) => ({ fileName: "sửa.csv", bytes: new TextEncoder().encode(csv) });
const AS_OF = Date.parse("2026-01-10T12:00:00+07:00");
const YEAR_2025 = { from: "2025-01-01", to: "2025-12-31" };

async function count(table: "dossier" | "dossier_step" | "dossier_event") {
  return (await getDb().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
}

beforeAll(async () => {
  const org = await importOrganisation(getDb(), { units: await file("org/units.csv"), officers: await file("org/officers.csv"), userId: null });
  expect(org.ok).toBe(true);
  const calendar = await importCalendar(getDb(), { file: await file("evidence/calendar.csv"), userId: null });
  expect(calendar.ok).toBe(true);
});

describe("importing the customer's sample", () => {
  it("stores every dossier, step and event, and exports exactly the expected overdue.csv", async () => {
    const result = await importEvidence(getDb(), {
      dossiers: await file("evidence/dossiers.csv"),
      steps: await file("evidence/steps.csv"),
      events: await file("evidence/events.csv"),
      userId: null,
    });
    expect(result.ok && result.counts).toEqual({
      dossiers: { created: 80, updated: 0, unchanged: 0 },
      steps: 289,
      events: 16,
      procedures: 25,
    });
    expect(await overdueExport(getDb(), YEAR_2025, AS_OF)).toBe(await readFile(fixture("evidence/expected-overdue-2025.csv"), "utf8"));
  });

  it("prints the same bytes from `npm run --silent ktcv -- overdue`", async () => {
    const { stdout } = await promisify(execFile)(
      "npm",
      ["run", "--silent", "ktcv", "--", "overdue", "--from", "2025-01-01", "--to", "2025-12-31", "--as-of", "2026-01-10T12:00:00+07:00"],
      { cwd: projectRoot, env: process.env, maxBuffer: 10_000_000 },
    );
    expect(stdout).toBe(await readFile(fixture("evidence/expected-overdue-2025.csv"), "utf8"));
  });

  it("changes nothing when the same files are imported again, and says so", async () => {
    const before = await getDb().selectFrom("dossier").select(["code", "updated_at", "content_sha256"]).orderBy("code").execute();
    const result = await importEvidence(getDb(), {
      dossiers: await file("evidence/dossiers.csv"),
      steps: await file("evidence/steps.csv"),
      events: await file("evidence/events.csv"),
      userId: null,
    });
    expect(result.ok && result.counts).toEqual({ dossiers: { created: 0, updated: 0, unchanged: 80 }, steps: 0, events: 0, procedures: 0 });
    const after = await getDb().selectFrom("dossier").select(["code", "updated_at", "content_sha256"]).orderBy("code").execute();
    expect(after).toEqual(before);
    const batches = await getDb().selectFrom("import_batch").select(["kind", "files"]).where("kind", "=", "dossiers").execute();
    expect(batches).toHaveLength(2);
    expect((batches[1]!.files as { name: string; sha256: string }[]).map((f) => f.name)).toEqual(["dossiers.csv", "steps.csv", "events.csv"]);
  });
});

describe("re-importing a dossier", () => {
  const CODE = "000.31.02.H55-250107-0001";
  const HEADER = "dossier_code,procedure_code,unit_code,received_at,due_at,finished_at,status\n";

  it("updates the dossier and keeps its steps when the import has no steps file", async () => {
    const steps = await getDb().selectFrom("dossier_step as s").innerJoin("dossier as d", "d.id", "s.dossier_id").select("s.step_no").where("d.code", "=", CODE).execute();
    expect(steps.length).toBeGreaterThan(0);
    const result = await importEvidence(getDb(), {
      dossiers: text(HEADER + `${CODE},1.001193.000.00.00.H55,000.31.02.H55,2025-01-07T16:59:26+07:00,08/01/2025 17:00,10/01/2025 09:00,finished\n`),
      userId: null,
    });
    expect(result.ok && result.counts.dossiers).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const row = await getDb().selectFrom("dossier").select("finished_at").where("code", "=", CODE).executeTakeFirstOrThrow();
    expect(new Date(row.finished_at!).toISOString()).toBe("2025-01-10T02:00:00.000Z");
    const kept = await getDb().selectFrom("dossier_step as s").innerJoin("dossier as d", "d.id", "s.dossier_id").select("s.step_no").where("d.code", "=", CODE).execute();
    expect(kept).toHaveLength(steps.length);
  });

  it("replaces its steps with those of a steps file, even with none", async () => {
    const result = await importEvidence(getDb(), {
      dossiers: text(HEADER + `${CODE},1.001193.000.00.00.H55,000.31.02.H55,2025-01-07T16:59:26+07:00,08/01/2025 17:00,10/01/2025 09:00,finished\n`),
      steps: text("dossier_code,step_no,unit_code,started_at,due_at\n"),
      userId: null,
    });
    expect(result.ok && result.counts.dossiers).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const left = await getDb().selectFrom("dossier_step as s").innerJoin("dossier as d", "d.id", "s.dossier_id").select("s.step_no").where("d.code", "=", CODE).execute();
    expect(left).toEqual([]);
  });
});

describe("a rejected import", () => {
  it("reports every bad row with its line and column, in Vietnamese, and writes nothing", async () => {
    const before = { dossiers: await count("dossier"), steps: await count("dossier_step"), events: await count("dossier_event") };
    const batches = await getDb().selectFrom("import_batch").select("id").execute();
    const result = await importEvidence(getDb(), {
      dossiers: text(
        "Mã hồ sơ,Mã TTHC,Mã đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Trạng thái\n" +
          "HS-MOI-1,TTHC-1,000.31.02.H55,2025-03-03T08:00:00+07:00,05/03/2025,Đang xử lý\n" +
          "HS-MOI-2,TTHC-1,KHONG-CO,2025-03-03T08:00:00+07:00,05/03/2025,Đang xử lý\n" +
          "HS-MOI-3,TTHC-1,000.31.02.H55,31/02/2025 08:00,05/03/2025,finished\n" +
          "HS-MOI-4,TTHC-1,000.31.02.H55,2025-03-06T08:00:00+07:00,05/03/2025,xong rồi\n" +
          "HS-MOI-1,TTHC-1,000.31.02.H55,2025-03-03T08:00:00+07:00,05/03/2025,Đang xử lý\n",
      ),
      events: text("dossier_code,kind,at\nHS-MOI-1,supplement_completed,2025-03-04T08:00:00+07:00\nHS-KHAC,supplement_requested,2025-03-04T08:00:00+07:00\n"),
      userId: null,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.file, e.line, e.column])).toEqual([
      ["dossiers", 3, "unit_code"],
      ["dossiers", 4, "received_at"],
      ["dossiers", 5, "due_at"],
      ["dossiers", 5, "status"],
      ["dossiers", 6, "dossier_code"],
      ["events", 2, "kind"],
      ["events", 3, "dossier_code"],
    ]);
    expect(result.errors[0]!.message).toContain('không có đơn vị mã "KHONG-CO"');
    expect(result.errors[1]!.message).toContain('ngày giờ không hợp lệ "31/02/2025 08:00"');
    expect(result.errors[2]!.message).toBe("ngày hẹn trả trước ngày tiếp nhận.");
    expect(result.errors[4]!.message).toBe('mã hồ sơ "HS-MOI-1" trùng với dòng 2.');
    expect({ dossiers: await count("dossier"), steps: await count("dossier_step"), events: await count("dossier_event") }).toEqual(before);
    expect(await getDb().selectFrom("import_batch").select("id").execute()).toHaveLength(batches.length);
  });

  it("makes the command line exit 1 with the report on stderr", async () => {
    const result = await runCli(["import", "--dossiers", fixture("org/units.csv")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('thiếu cột bắt buộc "dossier_code" (hoặc "Mã hồ sơ")');
    expect(result.stderr).toContain("Không có dữ liệu nào được ghi");
  });
});

describe("importing a calendar", () => {
  it("replaces only the years the file names", async () => {
    const years = async () =>
      (await getDb().selectFrom("calendar_exception").select(["year"]).execute()).reduce<Record<number, number>>((acc, r) => {
        acc[r.year] = (acc[r.year] ?? 0) + 1;
        return acc;
      }, {});
    const before = await years();
    const result = await importCalendar(getDb(), { file: text("date,kind,name\n2025-12-31,holiday,Nghỉ thử\n"), userId: null });
    expect(result.ok).toBe(true);
    const after = await years();
    expect(after[2025]).toBe(1);
    expect(after[2024]).toBe(before[2024]);
    expect(after[2019]).toBe(before[2019]);
  });
});
