// The evidence dashboard counts what the customer's expected export says, table by table; its CSV
// files open in Excel; only admins, inspectors and approvers see it; only admins set the threshold.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { importCalendar, importEvidence } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import { dashboardTableRows, loadEvidenceDashboard, type DashboardInput } from "../../app/models/dashboard-evidence.server.js";
import { getProgressThreshold } from "../../app/models/settings.server.js";
import { parseDueInstant, parseInstant } from "../../app/domain/instants.js";
import type { DashboardTable, DashboardTableRows } from "../../app/domain/evidence-dashboard.js";
import { action, loader } from "../../app/routes/evidence.dashboard.js";
import { loader as csvLoader } from "../../app/routes/evidence.dashboard[.]csv.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });
const table = async (name: string) => parse(await readFile(fixture(name)), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true }) as Record<string, string>[];

const AS_OF = Date.parse("2026-01-10T12:00:00+07:00");
const YEAR_2025 = { from: "2025-01-01", to: "2025-12-31" };
const ROOT = "000.00.00.H55";

// ---------------------------------------------------------------------------------------------
// Expected figures, computed here from the fixtures alone: the customer's export (which dossiers are
// counted, late, their apology and late steps), units.csv (the tree) and steps.csv (who held each step).

type Expected = {
  dossiers: { code: string; unit: string; procedure: string; month: string; late: boolean; apology: string; attributedUnit: string | null; lateSteps: { stepNo: number; officer: string; lwd: number }[] }[];
  groupOf: (unitCode: string) => string;
  steps: { dossier: string; stepNo: number; unit: string; officer: string; late: boolean }[];
};

async function expected(): Promise<Expected> {
  const units = await table("org/units.csv");
  const parent = new Map(units.map((u) => [u.unit_code!, u.parent_code || null]));
  // The table rows with no unit chosen: the root's children, each with its whole subtree.
  const groupOf = (code: string): string => {
    let current = code;
    while (parent.get(current) && parent.get(current) !== ROOT) current = parent.get(current)!;
    return current;
  };
  const steps = await table("evidence/steps.csv");
  const stepUnit = new Map(steps.map((s) => [`${s.dossier_code}#${s.step_no}`, s.unit_code!]));
  const rows = await table("evidence/expected-overdue-2025.csv");
  const dossiers = rows.map((r) => ({
    code: r.dossier_code!,
    unit: r.unit_code!,
    procedure: r.procedure_code!,
    month: r.due_at!.slice(0, 7),
    late: r.late === "true",
    apology: r.apology!,
    attributedUnit: r.late !== "true" ? null : r.primary_step_no ? stepUnit.get(`${r.dossier_code}#${r.primary_step_no}`)! : r.unit_code!,
    lateSteps: r.late_steps
      ? r.late_steps.split(";").map((part) => {
          const [stepNo, officer, lwd] = part.split(":");
          return { stepNo: Number(stepNo), officer: officer!, lwd: Number(lwd) };
        })
      : [],
  }));
  const counted = new Set(dossiers.map((d) => d.code));
  const ms = (r: { ok: true; value: number } | { ok: false }) => (r.ok ? r.value : Number.NaN);
  return {
    dossiers,
    groupOf,
    steps: steps
      .filter((s) => counted.has(s.dossier_code!))
      .map((s) => ({
        dossier: s.dossier_code!,
        stepNo: Number(s.step_no),
        unit: s.unit_code!,
        officer: s.officer_code ?? "",
        // A step is late when its end (or the judging instant, while open) is after its deadline.
        late: (s.finished_at ? ms(parseInstant(s.finished_at)) : AS_OF) > ms(parseDueInstant(s.due_at!)),
      })),
  };
}

function tally<T>(items: T[], key: (item: T) => string | null) {
  const map = new Map<string, { counted: number; onTime: number; late: number; lateNoApology: number }>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const entry = map.get(k) ?? { counted: 0, onTime: 0, late: 0, lateNoApology: 0 };
    const d = item as unknown as { late: boolean; apology: string };
    entry.counted++;
    if (d.late) entry.late++;
    else entry.onTime++;
    if (d.late && d.apology === "missing") entry.lateNoApology++;
    map.set(k, entry);
  }
  return map;
}

const input = (filter: Partial<DashboardInput["filter"]> = {}): DashboardInput => ({
  period: YEAR_2025,
  asOf: AS_OF,
  filter: { unitId: null, procedureId: null, ...filter },
});

async function allRows<T extends DashboardTable>(table: T, filter: Partial<DashboardInput["filter"]> = {}) {
  const result = await dashboardTableRows(getDb(), { ...input(filter), table });
  return result!.rows as Extract<DashboardTableRows, { table: T }>["rows"];
}

async function unitId(code: string): Promise<number> {
  return (await getDb().selectFrom("unit").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

let exp: Expected;

beforeAll(async () => {
  // The demo first (users of every role), then the sample organisation, which updates the units and
  // officers whose codes overlap the demo's.
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
  exp = await expected();
});

describe("the dashboard's figures for 2025, judged on 10/01/2026 12:00", () => {
  it("count every counted dossier, on time and late, and the late ones without an apology", async () => {
    const dashboard = await loadEvidenceDashboard(getDb(), input());
    const late = exp.dossiers.filter((d) => d.late);
    expect(dashboard.headline).toEqual({
      counted: exp.dossiers.length,
      onTime: exp.dossiers.length - late.length,
      late: late.length,
      lateNoApology: late.filter((d) => d.apology === "missing").length,
      attributedOutside: 0,
    });
    // The sample's figures, stated once in plain numbers so that a change in the fixture is noticed.
    expect(dashboard.headline).toMatchObject({ counted: 67, late: 14, lateNoApology: 6 });
  });

  it("by unit: the root's children with their sub-units, resolved and attributed delays", async () => {
    const all = await allRows("unit");
    const resolved = tally(exp.dossiers, (d) => exp.groupOf(d.unit));
    const attributed = new Map<string, number>();
    for (const d of exp.dossiers) if (d.attributedUnit) attributed.set(exp.groupOf(d.attributedUnit), (attributed.get(exp.groupOf(d.attributedUnit)) ?? 0) + 1);
    const codes = new Set([...resolved.keys(), ...attributed.keys()]);
    expect(new Set(all.map((r) => r.code))).toEqual(codes);
    for (const row of all) {
      const e = resolved.get(row.code) ?? { counted: 0, onTime: 0, late: 0, lateNoApology: 0 };
      expect({ code: row.code, counted: row.counted, onTime: row.onTime, late: row.late, lateNoApology: row.lateNoApology, attributedLate: row.attributedLate }).toEqual({
        code: row.code,
        ...e,
        attributedLate: attributed.get(row.code) ?? 0,
      });
      expect(row.own).toBe(false);
    }
    // The former district counts its communes; the one-stop centre resolves nothing but receives delays.
    const district = all.find((r) => r.code === "000.20.00.H55")!;
    expect(district).toMatchObject({ counted: 8, late: 1, hasSubUnits: true });
    expect(all.find((r) => r.code === "000.00.90.H55")?.counted ?? 0).toBe(0);
    // Most late first.
    expect(all.map((r) => r.late)).toEqual([...all.map((r) => r.late)].sort((a, b) => b - a));
  });

  it("by unit, for a chosen unit: its own dossiers and each sub-unit's", async () => {
    const district = await unitId("000.20.00.H55");
    const rows = await allRows("unit", { unitId: district });
    const inDistrict = exp.dossiers.filter((d) => exp.groupOf(d.unit) === "000.20.00.H55");
    const byUnit = tally(inDistrict, (d) => d.unit);
    expect(Object.fromEntries(rows.filter((r) => r.counted > 0).map((r) => [r.code, { counted: r.counted, late: r.late, own: r.own }]))).toEqual(
      Object.fromEntries([...byUnit].map(([code, t]) => [code, { counted: t.counted, late: t.late, own: code === "000.20.00.H55" }])),
    );
    const dashboard = await loadEvidenceDashboard(getDb(), input({ unitId: district }));
    expect(dashboard.headline.counted).toBe(inDistrict.length);
    expect(dashboard.selected.unit?.code).toBe("000.20.00.H55");
  });

  it("by procedure", async () => {
    const rows = await allRows("procedure");
    const want = tally(exp.dossiers, (d) => d.procedure);
    expect(Object.fromEntries(rows.map((r) => [r.code, { counted: r.counted, onTime: r.onTime, late: r.late, lateNoApology: r.lateNoApology }]))).toEqual(Object.fromEntries(want));
    // A procedure code with a comma in it survives.
    expect(rows.find((r) => r.code === "QN.NB-01,2025")).toMatchObject({ counted: 6, late: 1 });
  });

  it("by officer: steps held, late steps, and the late steps of late dossiers with their working days", async () => {
    const rows = await allRows("officer");
    const want = new Map<string, { steps: number; lateSteps: number; attributedLateSteps: number; attributedLateWorkingDays: number }>();
    const entry = (code: string) => {
      if (!want.has(code)) want.set(code, { steps: 0, lateSteps: 0, attributedLateSteps: 0, attributedLateWorkingDays: 0 });
      return want.get(code)!;
    };
    for (const s of exp.steps) {
      if (!s.officer) continue;
      const e = entry(s.officer);
      e.steps++;
      if (s.late) e.lateSteps++;
    }
    for (const d of exp.dossiers) {
      for (const s of d.lateSteps) {
        if (!s.officer) continue;
        entry(s.officer).attributedLateSteps++;
        entry(s.officer).attributedLateWorkingDays += s.lwd;
      }
    }
    expect(Object.fromEntries(rows.map((r) => [r.code, { steps: r.steps, lateSteps: r.lateSteps, attributedLateSteps: r.attributedLateSteps, attributedLateWorkingDays: r.attributedLateWorkingDays }]))).toEqual(
      Object.fromEntries(want),
    );
    // CB0051 held step 3 of the dossier late by 14 working days: 15 of its own.
    expect(rows.find((r) => r.code === "CB0051")).toMatchObject({ attributedLateSteps: 1, attributedLateWorkingDays: 15 });
  });

  it("by month of the due date in Vietnam, every month of the period listed", async () => {
    const rows = await allRows("month");
    expect(rows.map((r) => r.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`));
    const want = tally(exp.dossiers, (d) => d.month);
    for (const row of rows) {
      expect({ month: row.month, counted: row.counted, onTime: row.onTime, late: row.late, lateNoApology: row.lateNoApology }).toEqual({
        month: row.month,
        ...(want.get(row.month) ?? { counted: 0, onTime: 0, late: 0, lateNoApology: 0 }),
      });
    }
  });

  it("narrow to a procedure", async () => {
    const procedure = (await getDb().selectFrom("procedure").select("id").where("code", "=", "1.004227.000.00.00.H55").executeTakeFirstOrThrow()).id;
    const dashboard = await loadEvidenceDashboard(getDb(), input({ procedureId: procedure }));
    const want = exp.dossiers.filter((d) => d.procedure === "1.004227.000.00.00.H55");
    expect(dashboard.headline).toMatchObject({ counted: want.length, late: want.filter((d) => d.late).length });
    expect(dashboard.byProcedure.rows.map((r) => r.code)).toEqual(["1.004227.000.00.00.H55"]);
  });

  it("ignore a unit or procedure that does not exist, and say so", async () => {
    const dashboard = await loadEvidenceDashboard(getDb(), input({ unitId: 999_999, procedureId: 999_999 }));
    expect(dashboard.unknown).toEqual({ unit: true, procedure: true });
    expect(dashboard.headline.counted).toBe(exp.dossiers.length);
  });
});

describe("the dashboard page", () => {
  const URL_2025 = "/evidence/dashboard?from=2025-01-01&to=2025-12-31";

  it("shows the period's figures to inspectors, approvers and admins, judged at the end of the closed period", async () => {
    for (const username of ["thanhtra", "giamdoc", "quantri"]) {
      const result = await call(loader, await makeRequest(URL_2025, { as: username }));
      expect(statusOf(result)).toBe(200);
      const page = payloadOf(result);
      expect(page.dashboard.headline).toMatchObject({ counted: 67, onTime: 53, late: 14, lateNoApology: 6 });
      expect(page.period.asOf).toBe(Date.parse("2025-12-31T23:59:59.999+07:00"));
      expect(page.canSetThreshold).toBe(username === "quantri");
    }
  });

  it("reads dd/MM/yyyy dates and reports what it could not read", async () => {
    const page = payloadOf(await call(loader, await makeRequest("/evidence/dashboard?from=01/01/2025&to=31/12/2025&unit=abc", { as: "thanhtra" })));
    expect(page.period).toMatchObject({ from: "2025-01-01", to: "2025-12-31" });
    expect(page.dashboard.headline.counted).toBe(67);
    expect(page.problems).toEqual(['Mã đơn vị "abc" không hợp lệ; đã bỏ qua.']);
  });

  it("is refused to unit heads and HR, and sends the signed-out to the login page", async () => {
    for (const username of ["truongdonvi", "tccb"]) {
      expect(statusOf(await call(loader, await makeRequest(URL_2025, { as: username })))).toBe(403);
      expect(statusOf(await call(csvLoader, await makeRequest(`/evidence/dashboard.csv?table=unit&from=2025-01-01&to=2025-12-31`, { as: username })))).toBe(403);
      expect(statusOf(await call(action, await makeRequest(URL_2025, { as: username, form: { threshold: "80" } })))).toBe(403);
    }
    const signedOut = (await call(loader, await makeRequest(URL_2025))) as Response;
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(URL_2025)}`);
  });
});

describe("a dashboard table as CSV", () => {
  const csv = async (query: string, as = "thanhtra") => (await call(csvLoader, await makeRequest(`/evidence/dashboard.csv?${query}`, { as }))) as Response;

  it("is UTF-8 with a BOM, Vietnamese headers, CRLF records and every row", async () => {
    const response = await csv("table=unit&from=2025-01-01&to=2025-12-31");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="bang-theo-doi-theo-don-vi_2025-01-01_2025-12-31\.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toBe(
      "Mã đơn vị,Tên đơn vị,Phạm vi,Số hồ sơ được tính,Đúng hạn,Trễ hạn,Tỷ lệ đúng hạn (%),Trễ hạn chưa có văn bản xin lỗi,Trễ hạn được quy cho đơn vị",
    );
    expect(lines.length - 1).toBe((await allRows("unit")).length);
    // Sở Xây dựng: 6 dossiers, 2 late (one without an apology); one of the two is attributed to the
    // one-stop centre, whose reception step overran first. A commune without sub-units says nothing.
    expect(lines).toContain("000.00.04.H55,Sở Xây dựng,Gồm đơn vị trực thuộc,6,4,2,66.67,1,1");
    expect(lines).toContain("000.31.07.H55,UBND xã Trà Bồng,,5,3,2,60,0,2");
    expect(lines).toContain("000.00.90.H55,Trung tâm Phục vụ hành chính công tỉnh,,0,0,0,,0,3");
  });

  it("quotes fields with commas and neutralises text that Excel would run as a formula", async () => {
    const procedure = await getDb().selectFrom("procedure").select(["id", "name"]).where("code", "=", "1.004227.000.00.00.H55").executeTakeFirstOrThrow();
    await getDb().updateTable("procedure").set({ name: '=HYPERLINK("http://x.example","Bấm vào đây")' }).where("id", "=", procedure.id).execute();
    try {
      const text = (await (await csv("table=procedure&from=2025-01-01&to=2025-12-31")).text()).replace(/^\uFEFF/, "");
      expect(text).toContain(`1.004227.000.00.00.H55,"'=HYPERLINK(""http://x.example"",""Bấm vào đây"")",`);
      expect(text).toContain('"QN.NB-01,2025",');
    } finally {
      await getDb().updateTable("procedure").set({ name: procedure.name }).where("id", "=", procedure.id).execute();
    }
  });

  it("has every month, and refuses an unknown table or an unreadable period", async () => {
    const months = (await (await csv("table=month&from=2025-01-01&to=2025-12-31")).text()).split("\r\n");
    // Response.text() decodes UTF-8 and drops the BOM, as Excel does.
    expect(months[0]).toBe("Tháng,Số hồ sơ được tính,Đúng hạn,Trễ hạn,Tỷ lệ đúng hạn (%),Trễ hạn chưa có văn bản xin lỗi");
    expect(months.slice(1, 13).map((l) => l.split(",")[0])).toEqual(Array.from({ length: 12 }, (_, i) => `${String(i + 1).padStart(2, "0")}/2025`));
    expect((await csv("table=dossiers&from=2025-01-01&to=2025-12-31")).status).toBe(400);
    expect((await csv("table=unit&from=32/01/2025&to=2025-12-31")).status).toBe(400);
    expect((await csv("table=unit&from=2025-01-01&to=2025-12-31&unit=999999")).status).toBe(404);
  });
});

describe("the progress threshold", () => {
  it("is 100% until set, and then scores every unit against the new value", async () => {
    expect(await getProgressThreshold(getDb())).toBe(100);
    const before = (await (await call(csvLoader, await makeRequest("/evidence/dashboard.csv?table=score&from=2025-01-01&to=2025-12-31", { as: "giamdoc" })) as Response).text());
    // Sở Xây dựng, 4 of 6 on time: 20 × 66.67% = 13.33 points against 100%.
    expect(before).toContain("000.00.04.H55,Sở Xây dựng,Gồm đơn vị trực thuộc,6,4,66.67,100,13.33\r\n");
  });

  it("can be changed by an admin only, with an audit event", async () => {
    const refused = await call(action, await makeRequest("/evidence/dashboard?from=2025-01-01&to=2025-12-31", { as: "thanhtra", form: { threshold: "80" } }));
    expect(statusOf(refused)).toBe(403);
    expect(await getProgressThreshold(getDb())).toBe(100);

    const bad = await call(action, await makeRequest("/evidence/dashboard?from=2025-01-01&to=2025-12-31", { as: "quantri", form: { threshold: "0" } }));
    expect(statusOf(bad)).toBe(400);
    expect(payloadOf(bad).error.threshold[0]).toMatch(/^Ngưỡng là một tỷ lệ phần trăm lớn hơn 0/);

    const saved = (await call(action, await makeRequest("/evidence/dashboard?from=2025-01-01&to=2025-12-31&unit=", { as: "quantri", form: { threshold: "80" } }))) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/evidence/dashboard?from=2025-01-01&to=2025-12-31&unit=");
    expect(await getProgressThreshold(getDb())).toBe(80);

    const audit = await sql<{ actor_user_id: string; entity_id: string; summary: string; data: Record<string, unknown> }>`
      select actor_user_id, entity_id, summary, data from audit_event where action = 'setting.update' order by id`.execute(getDb());
    expect(audit.rows).toEqual([
      {
        actor_user_id: await userIdOf("quantri"),
        entity_id: "decision766.progress_threshold",
        summary: "Đổi ngưỡng tỷ lệ đúng hạn để tính điểm tiến độ (Quyết định 766) từ 100% thành 80%",
        data: { key: "decision766.progress_threshold", from: 100, to: 80, wasDefault: true },
      },
    ]);

    // Saving the same value again changes nothing and logs nothing.
    await call(action, await makeRequest("/evidence/dashboard", { as: "quantri", form: { threshold: "80,0" } }));
    const count = await sql<{ n: number }>`select count(*)::int as n from audit_event where action = 'setting.update'`.execute(getDb());
    expect(count.rows[0]!.n).toBe(1);
  });

  it("at 80% gives full points from 80% on time and 20 × rate ÷ 80% below", async () => {
    const text = await ((await call(csvLoader, await makeRequest("/evidence/dashboard.csv?table=score&from=2025-01-01&to=2025-12-31", { as: "thanhtra" }))) as Response).text();
    const rows = text.replace(/^\uFEFF/, "").trim().split("\r\n").slice(1).map((l) => l.split(","));
    const resolved = tally(exp.dossiers, (d) => exp.groupOf(d.unit));
    expect(rows.length).toBe(resolved.size);
    for (const [code, , , counted, onTime, , threshold, score] of rows) {
      const t = resolved.get(code!)!;
      expect([Number(counted), Number(onTime), Number(threshold)]).toEqual([t.counted, t.onTime, 80]);
      expect(Number(score)).toBe(Math.round(Math.min(20, (20 * t.onTime) / t.counted / 0.8) * 100) / 100);
    }
    // Sở Xây dựng, 66.67% on time: 20 × 66.67 ÷ 80 = 16.67; Sở Nội vụ, 6 of 7 (85.71%): full 20.
    expect(text).toContain("000.00.04.H55,Sở Xây dựng,Gồm đơn vị trực thuộc,6,4,66.67,80,16.67\r\n");
    expect(text).toContain("000.00.01.H55,Sở Nội vụ,Gồm đơn vị trực thuộc,7,6,85.71,80,20\r\n");
    // Lowest score first.
    const scores = rows.map((r) => Number(r[7]));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });
});
