// The monthly list's figures (app/models/monthly-list.server.ts), from the customer's sample evidence:
// the SQL over stored outcomes must agree with the contract's computation in TypeScript (the export's
// evaluatePeriod) month by month, and with the customer's expected export where the month is closed.
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { monthPeriod, monthlyList } from "../../app/models/monthly-list.server.js";
import { evaluatePeriod } from "../../app/models/outcomes.server.js";
import type { Scope } from "../../app/auth.server.js";
import { renderMonthlyList } from "../../reports/monthly-list.js";
import { sampleMonthlyList } from "../../reports/samples.js";
import { HAVE_POPPLER, bodyText, pdfPages } from "../pdf-text.js";
import { fixture, loadSampleEvidence } from "../sample-evidence.js";
const NOW = Date.parse("2026-01-10T12:00:00+07:00");
const ALL: Scope = { all: true };

type Count = { code: string; lateDossiers: number };
const byCode = (rows: Count[]) => rows.map((r) => ({ code: r.code, lateDossiers: r.lateDossiers })).sort((a, b) => a.code.localeCompare(b.code));

/** The contract's attribution, counted in TypeScript from the export's rows: one per late dossier and unit / officer. */
async function expectedFor(year: number, month: number, resolvedBy: ((unitCode: string) => boolean) | null = null) {
  const period = monthPeriod(year, month, NOW);
  const units = new Map<string, number>();
  const officers = new Map<string, number>();
  const add = (map: Map<string, number>, code: string) => map.set(code, (map.get(code) ?? 0) + 1);
  for await (const delay of evaluatePeriod(getDb(), period, period.asOf)) {
    if (!delay.attribution || (resolvedBy && !resolvedBy(delay.dossier.unitCode))) continue;
    if (delay.attribution.kind === "unattributed") add(units, delay.attribution.unitCode);
    else {
      for (const code of new Set(delay.attribution.lateSteps.map((s) => s.unitCode))) add(units, code);
      for (const code of new Set(delay.attribution.lateSteps.map((s) => s.officerCode))) if (code) add(officers, code);
    }
  }
  const list = (map: Map<string, number>) => byCode([...map].map(([code, lateDossiers]) => ({ code, lateDossiers })));
  return { units: list(units), officers: list(officers) };
}

beforeAll(loadSampleEvidence);

describe("the monthly list", () => {
  it("covers the month of the due date, judged as of the month's end", () => {
    expect(monthPeriod(2025, 2, NOW)).toEqual({ from: "2025-02-01", to: "2025-02-28", asOf: Date.parse("2025-02-28T23:59:59.999+07:00") });
    expect(monthPeriod(2024, 2, NOW).to).toBe("2024-02-29");
    // The running month is judged now.
    expect(monthPeriod(2026, 1, NOW).asOf).toBe(NOW);
    expect(() => monthPeriod(2026, 13, NOW)).toThrow();
  });

  it("counts, month by month, the late dossiers attributed to each unit and officer as the contract does", async () => {
    let listed = 0;
    for (let month = 1; month <= 12; month++) {
      const data = await monthlyList(getDb(), ALL, { year: 2025, month, now: NOW });
      const want = await expectedFor(2025, month);
      expect(byCode(data.units), `units ${month}/2025`).toEqual(want.units);
      expect(byCode(data.officers), `officers ${month}/2025`).toEqual(want.officers);
      // Most late dossiers first; every officer with the unit they belonged to.
      const counts = data.units.map((u) => u.lateDossiers);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      for (const o of data.officers) expect(o.unitName).not.toBe("");
      listed += data.units.length + data.officers.length;
    }
    expect(listed).toBeGreaterThan(10);
  });

  it("agrees with the customer's expected export for November 2025", async () => {
    const lines = (await readFile(fixture("evidence/expected-overdue-2025.csv"), "utf8")).trim().split("\n").slice(1);
    const officers = new Map<string, Set<string>>();
    for (const line of lines) {
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ""));
      if (cells[6] !== "true" || !cells[3]!.startsWith("2025-11")) continue;
      for (const step of cells[11] ? cells[11].split(";") : []) {
        const officer = step.split(":")[1];
        if (officer) officers.set(officer, (officers.get(officer) ?? new Set()).add(cells[0]!));
      }
    }
    expect(officers.size).toBeGreaterThan(0);
    const data = await monthlyList(getDb(), ALL, { year: 2025, month: 11, now: NOW });
    expect(byCode(data.officers)).toEqual(byCode([...officers].map(([code, dossiers]) => ({ code, lateDossiers: dossiers.size }))));
  });

  it("counts only the dossiers resolved inside the caller's scope", async () => {
    const full = await monthlyList(getDb(), ALL, { year: 2025, month: 11, now: NOW });
    const unit = await getDb().selectFrom("unit").select(["id", "code"]).where("id", "=", full.units[0]!.unitId).executeTakeFirstOrThrow();
    const scoped = await monthlyList(getDb(), { all: false, unitIds: [unit.id] }, { year: 2025, month: 11, now: NOW });
    const want = await expectedFor(2025, 11, (code) => code === unit.code);
    expect(byCode(scoped.units)).toEqual(want.units);
    expect(byCode(scoped.officers)).toEqual(want.officers);
    const none = await monthlyList(getDb(), { all: false, unitIds: [] }, { year: 2025, month: 11, now: NOW });
    expect(none.units).toEqual([]);
    expect(none.officers).toEqual([]);
  });

  it.skipIf(!HAVE_POPPLER)("feeds the PDF renderer directly", async () => {
    const data = await monthlyList(getDb(), ALL, { year: 2025, month: 11, now: NOW });
    const pdf = await renderMonthlyList({ ...sampleMonthlyList(), year: data.year, month: data.month, units: data.units, officers: data.officers });
    const text = bodyText(pdfPages(pdf));
    expect(text).toContain("quá hạn tháng 11 năm 2025");
    for (const u of data.units) expect(text).toContain(`${u.code} ${u.name} ${u.lateDossiers}`);
    for (const o of data.officers) expect(text).toContain(o.code);
  });
});
