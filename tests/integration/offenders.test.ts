// /evidence/offenders: officers with many late steps and units with a low on-time rate over a window,
// checked against the customer's expected export for 2025 (its late_steps column).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { importCalendar, importEvidence } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import * as offenders from "../../app/routes/evidence.offenders.js";
import * as offendersCsv from "../../app/routes/evidence.offenders[.]csv.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });

type Expected = { code: string; unit: string; due: string; late: boolean; lateSteps: { officer: string; lwd: number }[] };
let expected: Expected[];
const ids = { unit: new Map<string, number>(), officer: new Map<string, number>(), dossier: new Map<number, string>() };

/** The whole of 2025: the period of the expected export. */
const YEAR = "to=2025-12-31&days=365";

async function page(search: string, as = "thanhtra") {
  const result = await call(offenders.loader, await makeRequest(`/evidence/offenders?${search}`, { as }));
  expect(statusOf(result)).toBe(200);
  return payloadOf(result);
}

/** Officers with at least `n` late steps of late dossiers due in [from, to], computed from the file. */
function expectedOfficers(n: number, from = "2025-01-01", to = "2025-12-31") {
  const by = new Map<string, { steps: number; dossiers: Set<string>; lwd: number }>();
  for (const e of expected.filter((x) => x.late && x.due >= from && x.due <= to)) {
    for (const s of e.lateSteps) {
      if (!s.officer) continue;
      const o = by.get(s.officer) ?? { steps: 0, dossiers: new Set(), lwd: 0 };
      o.steps++, o.dossiers.add(e.code), (o.lwd += s.lwd);
      by.set(s.officer, o);
    }
  }
  return [...by]
    .filter(([, o]) => o.steps >= n)
    .map(([code, o]) => ({ code, lateSteps: o.steps, lateDossiers: o.dossiers.size, lateWorkingDays: o.lwd }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

function expectedUnits(rate: number) {
  const by = new Map<string, { counted: number; late: number }>();
  for (const e of expected) {
    const u = by.get(e.unit) ?? { counted: 0, late: 0 };
    u.counted++, (u.late += e.late ? 1 : 0);
    by.set(e.unit, u);
  }
  return [...by]
    .filter(([, u]) => ((u.counted - u.late) * 100) / u.counted < rate)
    .map(([code, u]) => ({ code, counted: u.counted, late: u.late }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

const byCode = (rows: any[]): any[] => [...rows].sort((a, b) => a.code.localeCompare(b.code));

beforeAll(async () => {
  await loadDemo();
  await importOrganisation(getDb(), { units: await file("org/units.csv"), officers: await file("org/officers.csv"), userId: null });
  await importCalendar(getDb(), { file: await file("evidence/calendar.csv"), userId: null });
  const imported = await importEvidence(getDb(), {
    dossiers: await file("evidence/dossiers.csv"),
    steps: await file("evidence/steps.csv"),
    events: await file("evidence/events.csv"),
    userId: null,
  });
  expect(imported.ok).toBe(true);
  const lines = (await readFile(fixture("evidence/expected-overdue-2025.csv"), "utf8")).trim().split("\n").slice(1);
  expected = lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ""));
    const lateSteps = cells[11] ? cells[11].split(";").map((s) => ({ officer: s.split(":")[1]!, lwd: Number(s.split(":")[2]) })) : [];
    return { code: cells[0]!, unit: cells[1]!, due: cells[3]!.slice(0, 10), late: cells[6] === "true", lateSteps };
  });
  for (const u of await getDb().selectFrom("unit").select(["id", "code"]).execute()) ids.unit.set(u.code, u.id);
  for (const o of await getDb().selectFrom("officer").select(["id", "code"]).execute()) ids.officer.set(o.code, o.id);
  for (const d of await getDb().selectFrom("dossier").select(["id", "code"]).execute()) ids.dossier.set(d.id, d.code);
});

describe("repeat offenders", () => {
  it("are the officers with at least N late steps of late dossiers in the window, with their counts", async () => {
    for (const n of [1, 2, 3]) {
      const result = await page(`${YEAR}&minLate=${n}&maxRate=0`);
      const want = expectedOfficers(n);
      expect(result.officerTotal).toBe(want.length);
      expect(byCode(result.officers).map((o: { code: string; lateSteps: number; lateDossiers: number; lateWorkingDays: number }) => ({
        code: o.code,
        lateSteps: o.lateSteps,
        lateDossiers: o.lateDossiers,
        lateWorkingDays: o.lateWorkingDays,
      }))).toEqual(want);
    }
    expect(expectedOfficers(2).map((o) => o.code)).toEqual(["CB0021", "CB0035", "CB0042"]);
    const two = await page(`${YEAR}&minLate=2`);
    // Most late steps first; each officer with the unit they belong to today.
    expect(two.officers[0].lateSteps).toBeGreaterThanOrEqual(two.officers.at(-1).lateSteps);
    expect(two.officers.every((o: { unitName: string | null }) => o.unitName)).toBe(true);
  });

  it("count only the dossiers due inside the rolling window", async () => {
    const result = await page("to=2025-12-31&days=90&minLate=1");
    expect(result.params.period).toMatchObject({ from: "2025-10-03", to: "2025-12-31" });
    expect(byCode(result.officers).map((o: { code: string }) => o.code)).toEqual(expectedOfficers(1, "2025-10-03", "2025-12-31").map((o) => o.code));
    expect(result.officerTotal).toBeLessThan(expectedOfficers(1).length);
  });

  it("are the units whose on-time rate is below T%, as resolving units", async () => {
    for (const rate of [50, 80, 100]) {
      const result = await page(`${YEAR}&minLate=99&maxRate=${rate}`);
      const want = expectedUnits(rate);
      expect(result.unitTotal).toBe(want.length);
      expect(byCode(result.units).map((u: { code: string; counted: number; late: number }) => ({ code: u.code, counted: u.counted, late: u.late }))).toEqual(want);
    }
    const result = await page(`${YEAR}&maxRate=80`);
    const rates = result.units.map((u: { onTimeRate: number }) => u.onTimeRate);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(result.officers.length).toBe(expectedOfficers(3).length);
  });

  it("take their defaults from the settings, and the window ends today unless asked", async () => {
    let result = await page("");
    expect(result.params).toMatchObject({ minLateSteps: 3, maxOnTimeRate: 90, windowDays: 90 });
    await getDb()
      .insertInto("app_setting")
      .values([
        { key: "offenders.min_late_steps", value: JSON.stringify(2) },
        { key: "offenders.max_on_time_rate", value: JSON.stringify(75.5) },
        { key: "offenders.window_days", value: JSON.stringify(30) },
      ])
      .execute();
    result = await page("");
    expect(result.params).toMatchObject({ minLateSteps: 2, maxOnTimeRate: 75.5, windowDays: 30 });
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(result.params.period.to).toBe(today);
    result = await page(`${YEAR}&minLate=abc`);
    expect(result.params.minLateSteps).toBe(2);
    expect(result.problems).toHaveLength(1);
    await getDb().deleteFrom("app_setting").where("key", "like", "offenders.%").execute();
  });
});

describe("the repeat-offender CSV files", () => {
  it("hold every officer row, with a BOM and Vietnamese headers", async () => {
    const response = (await call(offendersCsv.loader, await makeRequest(`/evidence/offenders.csv?${YEAR}&minLate=1&kind=officers`, { as: "giamdoc" }))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    const lines = text.split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toBe("\uFEFFMã cán bộ,Họ và tên,Mã đơn vị hiện tại,Đơn vị hiện tại,Số bước trễ hạn,Số hồ sơ trễ hạn,Tổng số ngày làm việc trễ");
    expect(lines.slice(1).map((l) => l.split(",")[0]).sort()).toEqual(expectedOfficers(1).map((o) => o.code));
  });

  it("hold every unit row, the rate with a decimal comma", async () => {
    const response = (await call(offendersCsv.loader, await makeRequest(`/evidence/offenders.csv?${YEAR}&maxRate=100&kind=units`, { as: "thanhtra" }))) as Response;
    const text = await response.text();
    const lines = text.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("Mã đơn vị,Tên đơn vị,Số hồ sơ được tính,Số hồ sơ trễ hạn,Tỷ lệ đúng hạn (%)");
    expect(lines).toHaveLength(expectedUnits(100).length + 1);
    const twoThirds = expectedUnits(100).find((u) => u.counted === 3 && u.late === 1)!;
    expect(twoThirds).toBeDefined();
    expect(lines.find((l) => l.startsWith(twoThirds.code + ","))).toMatch(/,"66,7"$/);
  });
});

describe("saving an offender's late dossiers", () => {
  async function save(form: Record<string, string>, as = "thanhtra", search = YEAR) {
    return call(offenders.action, await makeRequest(`/evidence/offenders?${search}`, { as, form }));
  }

  async function setCodes(id: number) {
    const rows = await getDb().selectFrom("evidence_set_dossier").select("dossier_id").where("evidence_set_id", "=", id).execute();
    return rows.map((r) => ids.dossier.get(r.dossier_id)!).sort();
  }

  it("keeps an officer's late dossiers of the window as a set, with an audit event", async () => {
    const response = await save({ name: "Trễ hạn của CB0021", kind: "officer", subjectId: String(ids.officer.get("CB0021")) });
    expect(statusOf(response)).toBe(302);
    const id = Number((response as Response).headers.get("Location")!.split("/").pop());
    const want = expected.filter((e) => e.late && e.lateSteps.some((s) => s.officer === "CB0021")).map((e) => e.code).sort();
    expect(await setCodes(id)).toEqual(want);
    const set = await getDb().selectFrom("evidence_set").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(set.criteria).toMatchObject({
      source: "offender_officer",
      period: { from: "2025-01-01", to: "2025-12-31" },
      offender: { officerId: ids.officer.get("CB0021"), minLateSteps: 3, windowDays: 365 },
      labels: { officer: expect.stringContaining("CB0021") },
      counts: { dossiers: want.length, late: want.length },
    });
    const audit = await getDb().selectFrom("audit_event").selectAll().where("action", "=", "evidence_set.create").where("entity_id", "=", String(id)).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity_type: "evidence_set", actor_user_id: await userIdOf("thanhtra") });
  });

  it("keeps a unit's late dossiers of the window as a set", async () => {
    const unit = "000.00.04.H55";
    const response = await save({ name: "Trễ hạn của Sở Xây dựng", kind: "unit", subjectId: String(ids.unit.get(unit)) });
    const id = Number((response as Response).headers.get("Location")!.split("/").pop());
    expect(await setCodes(id)).toEqual(expected.filter((e) => e.late && e.unit === unit).map((e) => e.code).sort());
  });

  it("refuses an offender with no late dossier in the window, a missing name, and everyone but inspectors", async () => {
    const nothing = await save({ name: "Trống", kind: "officer", subjectId: String(ids.officer.get("CB0021")) }, "thanhtra", "to=2025-01-31&days=10");
    expect(statusOf(nothing)).toBe(409);
    const noName = await save({ name: "", kind: "unit", subjectId: "1" });
    expect(statusOf(noName)).toBe(400);
    expect(payloadOf(noName).error.name).toEqual(["Vui lòng nhập tên bộ chứng cứ."]);
    for (const as of ["giamdoc", "quantri", "truongdonvi", "tccb"]) {
      expect(statusOf(await save({ name: "x", kind: "unit", subjectId: "1" }, as))).toBe(403);
    }
  });
});

describe("who may see repeat offenders", () => {
  it("refuses unit heads and HR, and shows the approver the tables without the save button", async () => {
    for (const as of ["truongdonvi", "tccb"]) {
      expect(statusOf(await call(offenders.loader, await makeRequest(`/evidence/offenders?${YEAR}`, { as })))).toBe(403);
      expect(statusOf(await call(offendersCsv.loader, await makeRequest(`/evidence/offenders.csv?${YEAR}`, { as })))).toBe(403);
    }
    expect((await page(YEAR, "giamdoc")).canCreateSet).toBe(false);
    expect((await page(YEAR, "thanhtra")).canCreateSet).toBe(true);
  });
});
