// Stored and live outcomes say exactly what the contract's export says.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { importCalendar, importEvidence } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import { withPeriodOutcomes } from "../../app/models/outcomes.server.js";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });
const AS_OF = Date.parse("2026-01-10T12:00:00+07:00");
const YEAR_2025 = { from: "2025-01-01", to: "2025-12-31" };

type Row = { code: string; late: boolean; late_working_days: number; apology: string; primary_step_no: number | null; officer: string | null; supplement_requests: number };

async function periodRows(): Promise<string[]> {
  const rows = await withPeriodOutcomes(getDb(), YEAR_2025, AS_OF, async (trx) =>
    (
      await sql<Row>`
        select p.code, p.late, p.late_working_days, p.apology, p.primary_step_no, o.code as officer, p.supplement_requests
        from period_outcome p left join officer o on o.id = p.primary_officer_id order by p.code collate "C"`.execute(trx)
    ).rows,
  );
  return rows.map((r) => [r.code, r.supplement_requests, r.late, r.late_working_days, r.apology, r.primary_step_no ?? "", r.officer ?? ""].join(","));
}

async function expectedRows(): Promise<string[]> {
  const lines = (await readFile(fixture("evidence/expected-overdue-2025.csv"), "utf8")).trim().split("\n").slice(1);
  // dossier_code,unit_code,"procedure,code",due_at,end_at,supplement_requests,late,late_working_days,apology,primary_step_no,primary_officer_code,late_steps
  return lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ""));
    const [code, , , , , requests, late, lwd, apology, stepNo, officer] = cells;
    return [code, requests, late, lwd, apology, stepNo, officer].join(",");
  });
}

beforeAll(async () => {
  await importOrganisation(getDb(), { units: await file("org/units.csv"), officers: await file("org/officers.csv"), userId: null });
  await importCalendar(getDb(), { file: await file("evidence/calendar.csv"), userId: null });
  await importEvidence(getDb(), {
    dossiers: await file("evidence/dossiers.csv"),
    steps: await file("evidence/steps.csv"),
    events: await file("evidence/events.csv"),
    userId: null,
  });
});

describe("the outcomes dashboards count", () => {
  it("agree, dossier by dossier, with the customer's expected export (stored and live together)", async () => {
    expect(await periodRows()).toEqual(await expectedRows());
  });

  it("are stored for finished dossiers and judged live for the others", async () => {
    const counts = await sql<{ final: boolean; n: number }>`select final, count(*)::int as n from dossier_outcome group by final order by final`.execute(getDb());
    expect(counts.rows.length).toBeGreaterThan(0);
    expect(counts.rows.find((r) => r.final)?.n).toBeGreaterThan(50);
  });

  it("follow a change of the calendar: a new holiday inside a delay shortens it by a working day", async () => {
    // Due Tue 22/04/2025 16:36, ended Fri 25/04 14:05: late by 3 working days (23, 24, 25/04).
    const code = "000.00.04.H55-250324-0001";
    expect((await periodRows()).find((r) => r.startsWith(code + ","))).toBe(`${code},0,true,3,missing,3,CB0045`);
    const calendar = (await readFile(fixture("evidence/calendar.csv"), "utf8")) + "2025-04-24,holiday,Nghỉ thử\n";
    const result = await importCalendar(getDb(), { file: { fileName: "lich.csv", bytes: new TextEncoder().encode(calendar) }, userId: null });
    expect(result.ok).toBe(true);
    expect((await periodRows()).find((r) => r.startsWith(code + ","))).toBe(`${code},0,true,2,missing,3,CB0045`);
  });
});
