// /evidence/dossiers: the drill-down list, its CSV and the dossier page, checked against the customer's
// expected export for 2025. Expected numbers are computed here from the fixture files, independently
// of the application's SQL. The export was computed as of 2026-01-10T12:00+07:00; the list judges a
// closed period as of its end (31/12/2025 23:59:59). The sample's only unfinished dossier due in 2025
// is waiting for the citizen's supplement (an open cycle), so both instants give the same outcomes.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { importCalendar, importEvidence } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import * as list from "../../app/routes/evidence.dossiers._index.js";
import * as csv from "../../app/routes/evidence.dossiers[.]csv.js";
import * as detail from "../../app/routes/evidence.dossiers.$dossierId.js";
import * as officerSearch from "../../app/routes/evidence.dossiers.officer-search.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf } from "../helpers.js";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });

/** RFC 4180 records of a small fixture file (BOM dropped). */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      row.push(cell), records.push(row), (row = []), (cell = "");
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), records.push(row);
  const [header, ...rest] = records;
  const keys = header!.map((h) => h.trim().toLowerCase());
  return rest.filter((r) => r.length > 1).map((r) => Object.fromEntries(keys.map((k, i) => [k, (r[i] ?? "").trim()])));
}

type Expected = {
  code: string;
  unit: string;
  procedure: string;
  month: string;
  requests: number;
  late: boolean;
  lwd: number;
  apology: string;
  officer: string;
  lateStepOfficers: string[];
};

let expected: Expected[];
let stepOfficers: Map<string, Set<string>>;
let unitParent: Map<string, string>;

const ids = { unit: new Map<string, number>(), procedure: new Map<string, number>(), officer: new Map<string, number>(), dossier: new Map<string, number>() };

const YEAR = "from=2025-01-01&to=2025-12-31";

async function listAs(as: string, search: string) {
  const result = await call(list.loader, await makeRequest(`/evidence/dossiers?${search}`, { as }));
  expect(statusOf(result)).toBe(200);
  return payloadOf(result);
}

/** Every page of a filtered list, in order. */
async function allCodes(search: string): Promise<string[]> {
  const codes: string[] = [];
  for (let page = 1; ; page++) {
    const { rows, total } = await listAs("thanhtra", `${search}&page=${page}`);
    codes.push(...rows.map((r: { code: string }) => r.code));
    if (codes.length >= total || rows.length === 0) return codes;
  }
}

const sorted = (list: string[]) => [...list].sort();
const codesOf = (list: Expected[]) => sorted(list.map((e) => e.code));

function subtree(code: string): Set<string> {
  const out = new Set([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, parent] of unitParent) if (out.has(parent) && !out.has(child)) out.add(child), (grew = true);
  }
  return out;
}

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

  expected = parseCsv(await readFile(fixture("evidence/expected-overdue-2025.csv"), "utf8")).map((r) => ({
    code: r.dossier_code!,
    unit: r.unit_code!,
    procedure: r.procedure_code!,
    month: r.due_at!.slice(0, 7),
    requests: Number(r.supplement_requests),
    late: r.late === "true",
    lwd: Number(r.late_working_days),
    apology: r.apology!,
    officer: r.primary_officer_code!,
    lateStepOfficers: r.late_steps ? r.late_steps.split(";").map((s) => s.split(":")[1]!) : [],
  }));
  stepOfficers = new Map();
  for (const s of parseCsv(await readFile(fixture("evidence/steps.csv"), "utf8"))) {
    const officer = s.officer_code;
    if (!officer) continue;
    if (!stepOfficers.has(officer)) stepOfficers.set(officer, new Set());
    stepOfficers.get(officer)!.add(s.dossier_code!);
  }
  unitParent = new Map(parseCsv(await readFile(fixture("org/units.csv"), "utf8")).filter((u) => u.parent_code).map((u) => [u.unit_code!, u.parent_code!]));

  const db = getDb();
  for (const u of await db.selectFrom("unit").select(["id", "code"]).execute()) ids.unit.set(u.code, u.id);
  for (const p of await db.selectFrom("procedure").select(["id", "code"]).execute()) ids.procedure.set(p.code, p.id);
  for (const o of await db.selectFrom("officer").select(["id", "code"]).execute()) ids.officer.set(o.code, o.id);
  for (const d of await db.selectFrom("dossier").select(["id", "code"]).execute()) ids.dossier.set(d.code, d.id);
});

describe("the dossier list", () => {
  it("shows the late dossiers of the period by default, each as the customer's export computes it", async () => {
    const late = expected.filter((e) => e.late);
    const result = await listAs("thanhtra", YEAR);
    expect(result.filter.lateOnly).toBe(true);
    expect(result.total).toBe(late.length);
    expect(result.lateTotal).toBe(late.length);
    expect(sorted(result.rows.map((r: { code: string }) => r.code))).toEqual(codesOf(late));
    for (const row of result.rows) {
      const e = late.find((x) => x.code === row.code)!;
      expect({ lwd: row.lateWorkingDays, requests: row.supplementRequests, apology: row.apology, officer: row.officerCode ?? "", unit: row.unitCode }).toEqual({
        lwd: e.lwd,
        requests: e.requests,
        apology: e.apology,
        officer: e.officer,
        unit: e.unit,
      });
    }
    expect(result.canCreateSet).toBe(true);
  });

  it("with late=0 lists every counted dossier, a page of 25 at a time, newest deadline first, without overlap", async () => {
    const first = await listAs("thanhtra", `${YEAR}&late=0`);
    expect(first.total).toBe(expected.length);
    expect(first.lateTotal).toBe(expected.filter((e) => e.late).length);
    expect(first.rows).toHaveLength(25);
    const dues = first.rows.map((r: { dueAt: Date }) => new Date(r.dueAt).getTime());
    expect(dues).toEqual([...dues].sort((a, b) => b - a));
    const last = await listAs("thanhtra", `${YEAR}&late=0&page=3`);
    expect(last.rows).toHaveLength(expected.length - 50);
    const codes = await allCodes(`${YEAR}&late=0`);
    expect(new Set(codes).size).toBe(codes.length);
    expect(sorted(codes)).toEqual(codesOf(expected));
  });

  it("filters by resolving unit with its sub-units, or the unit alone", async () => {
    const district = "000.20.00.H55";
    const tree = subtree(district);
    expect(tree.size).toBeGreaterThan(1);
    const withSubunits = expected.filter((e) => tree.has(e.unit));
    expect(withSubunits.length).toBeGreaterThan(expected.filter((e) => e.unit === district).length);
    expect(sorted(await allCodes(`${YEAR}&late=0&unit=${ids.unit.get(district)}`))).toEqual(codesOf(withSubunits));
    expect(sorted(await allCodes(`${YEAR}&late=0&unit=${ids.unit.get(district)}&subunits=0`))).toEqual(codesOf(expected.filter((e) => e.unit === district)));
    expect(sorted(await allCodes(`${YEAR}&unit=${ids.unit.get(district)}`))).toEqual(codesOf(withSubunits.filter((e) => e.late)));
  });

  it("filters by procedure, month of the deadline, apology and part of the code", async () => {
    const procedure = "QN.NB-01,2025";
    expect(sorted(await allCodes(`${YEAR}&late=0&procedure=${ids.procedure.get(procedure)}`))).toEqual(codesOf(expected.filter((e) => e.procedure === procedure)));
    for (const month of ["2025-02", "2025-08", "2025-11"]) {
      expect(sorted(await allCodes(`${YEAR}&late=0&month=${month}`))).toEqual(codesOf(expected.filter((e) => e.month === month)));
      expect(sorted(await allCodes(`${YEAR}&month=${month}`))).toEqual(codesOf(expected.filter((e) => e.month === month && e.late)));
    }
    for (const apology of ["missing", "late", "on_time"]) {
      const want = expected.filter((e) => e.apology === apology);
      expect(want.length).toBeGreaterThan(0);
      expect(sorted(await allCodes(`${YEAR}&apology=${apology}`))).toEqual(codesOf(want));
    }
    expect(sorted(await allCodes(`${YEAR}&late=0&q=h55-2503`))).toEqual(codesOf(expected.filter((e) => e.code.toLowerCase().includes("h55-2503"))));
    const noiVu = expected.filter((e) => e.unit === "000.00.01.H55");
    const month = noiVu[1]!.month;
    const combined = noiVu.filter((e) => e.month === month);
    expect(sorted(await allCodes(`${YEAR}&late=0&unit=${ids.unit.get("000.00.01.H55")}&subunits=0&month=${month}&q=000.00.01`))).toEqual(codesOf(combined));
  });

  it("filters by officer: any step they held, or with late=1 a late step of a late dossier", async () => {
    for (const officer of ["CB0021", "CB0055", "CB0045"]) {
      const held = stepOfficers.get(officer) ?? new Set();
      expect(sorted(await allCodes(`${YEAR}&late=0&officer=${ids.officer.get(officer)}`))).toEqual(codesOf(expected.filter((e) => held.has(e.code))));
      expect(sorted(await allCodes(`${YEAR}&officer=${ids.officer.get(officer)}`))).toEqual(codesOf(expected.filter((e) => e.lateStepOfficers.includes(officer))));
    }
    const selected = await listAs("thanhtra", `${YEAR}&officer=${ids.officer.get("CB0021")}`);
    expect(selected.officer).toMatchObject({ code: "CB0021" });
  });

  it("ignores a parameter it cannot read, and says so", async () => {
    const result = await listAs("thanhtra", `${YEAR}&unit=abc&month=2025-13&apology=maybe`);
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toContain("Đơn vị");
    expect(result.total).toBe(expected.filter((e) => e.late).length);
  });

  it("offers the units, procedures and a server search of officers for its pickers", async () => {
    const result = await listAs("thanhtra", YEAR);
    expect(result.procedureOptions.length).toBe(ids.procedure.size);
    expect(result.unitOptions.length).toBeGreaterThan(20);
    const found = payloadOf(await call(officerSearch.loader, await makeRequest("/evidence/dossiers/officer-search?q=cb0021", { as: "giamdoc" })));
    expect(found.officers.map((o: { code: string }) => o.code)).toEqual(["CB0021"]);
  });
});

describe("the dossier list as CSV", () => {
  it("holds every filtered row (not a page), with a BOM, Vietnamese headers and CRLF lines", async () => {
    const response = (await call(csv.loader, await makeRequest(`/evidence/dossiers.csv?${YEAR}&late=0`, { as: "giamdoc" }))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain("attachment;");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toBe(
      "Mã hồ sơ,Mã TTHC,Tên thủ tục hành chính,Mã đơn vị giải quyết,Đơn vị giải quyết,Trạng thái,Ngày hẹn trả,Ngày kết thúc,Trễ hạn,Số ngày làm việc trễ,Số lần yêu cầu bổ sung,Văn bản xin lỗi,Mã cán bộ chịu trách nhiệm chính,Cán bộ chịu trách nhiệm chính",
    );
    const rows = parseCsv(text);
    expect(rows).toHaveLength(expected.length);
    expect(sorted(rows.map((r) => r["mã hồ sơ"]!))).toEqual(codesOf(expected));
    const quoted = rows.find((r) => r["mã tthc"] === "QN.NB-01,2025");
    expect(quoted).toBeDefined();
    const late = rows.filter((r) => r["trễ hạn"] === "Có");
    expect(late).toHaveLength(expected.filter((e) => e.late).length);
    const one = rows.find((r) => r["mã hồ sơ"] === "000.00.04.H55-250324-0001")!;
    expect(one["số ngày làm việc trễ"]).toBe("3");
    expect(one["văn bản xin lỗi"]).toBe("Chưa có");
    expect(one["mã cán bộ chịu trách nhiệm chính"]).toBe("CB0045");
  });

  it("applies the list's filters", async () => {
    const district = "000.20.00.H55";
    const search = `${YEAR}&late=0&unit=${ids.unit.get(district)}&month=2025-04&q=H55&apology=on_time&officer=${ids.officer.get("CB0055")}`;
    const response = (await call(csv.loader, await makeRequest(`/evidence/dossiers.csv?${search}`, { as: "thanhtra" }))) as Response;
    const rows = parseCsv(await response.text());
    const tree = subtree(district);
    const held = stepOfficers.get("CB0055")!;
    const want = expected.filter((e) => tree.has(e.unit) && e.month === "2025-04" && e.apology === "on_time" && held.has(e.code));
    expect(want.length).toBeGreaterThan(0);
    expect(sorted(rows.map((r) => r["mã hồ sơ"]!))).toEqual(codesOf(want));
    expect(response.headers.get("Content-Disposition")).toContain('filename="ho-so_2025-01-01_2025-12-31.csv"');
  });

  it("neutralises cells that a spreadsheet would run as formulas", async () => {
    const dossiers =
      "dossier_code,procedure_code,procedure_name,unit_code,received_at,due_at,finished_at,status\n" +
      "=HYPERLINK(1),+QN-1,\"-2+3,@SUM(A1)\",000.00.01.H55,2024-06-03T08:00:00+07:00,2024-06-04T08:00:00+07:00,2024-06-10T08:00:00+07:00,finished\n" +
      "@CMD-2024,QN-2,Cấp phép,000.00.01.H55,2024-06-03T08:00:00+07:00,2024-06-04T08:00:00+07:00,2024-06-04T07:00:00+07:00,finished\n";
    const imported = await importEvidence(getDb(), { dossiers: { fileName: "cong-thuc.csv", bytes: new TextEncoder().encode(dossiers) }, userId: null });
    expect(imported.ok).toBe(true);
    const response = (await call(csv.loader, await makeRequest("/evidence/dossiers.csv?from=2024-06-01&to=2024-06-30&late=0", { as: "thanhtra" }))) as Response;
    const text = await response.text();
    const lines = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines).toHaveLength(4);
    const byCode = Object.fromEntries(lines.slice(1, 3).map((l) => [l.split(",")[0], l]));
    expect(byCode["'=HYPERLINK(1)"]).toMatch(/^'=HYPERLINK\(1\),'\+QN-1,"'-2\+3,@SUM\(A1\)",000\.00\.01\.H55,/);
    expect(byCode["'@CMD-2024"]).toMatch(/^'@CMD-2024,QN-2,Cấp phép,/);
  });
});

describe("a dossier's page", () => {
  it("judges the dossier live, lists its steps in order with the late one marked, and names its import batch", async () => {
    const id = ids.dossier.get("000.00.04.H55-250324-0001")!;
    const result = await call(detail.loader, await makeRequest(`/evidence/dossiers/${id}?${YEAR}`, { as: "thanhtra" }), { dossierId: String(id) });
    expect(statusOf(result)).toBe(200);
    const page = payloadOf(result);
    expect(page.dossier.code).toBe("000.00.04.H55-250324-0001");
    expect(page.outcome).toMatchObject({ late: true, lateWorkingDays: 3, apology: "missing", attribution: "steps", primaryStepNo: 3 });
    expect(page.steps.map((s: { step_no: number }) => s.step_no)).toEqual([...page.steps.map((s: { step_no: number }) => s.step_no)].sort((a, b) => a - b));
    const late = page.steps.filter((s: { late: boolean }) => s.late);
    expect(late[0]).toMatchObject({ step_no: 3, officer_code: "CB0045", attributed: true });
    expect(page.batch).toMatchObject({ files: expect.arrayContaining([expect.objectContaining({ role: "dossiers", name: "dossiers.csv" })]) });
    expect(page.sets).toEqual([]);
    expect(new Date(page.asOf).toISOString()).toBe("2025-12-31T16:59:59.999Z");
  });

  it("shows the supplement events of a dossier that had them", async () => {
    const code = "000.31.07.H55-250812-0001";
    const id = ids.dossier.get(code)!;
    const page = payloadOf(await call(detail.loader, await makeRequest(`/evidence/dossiers/${id}`, { as: "quantri" }), { dossierId: String(id) }));
    expect(page.events.map((e: { kind: string }) => e.kind)).toEqual(["supplement_requested", "supplement_completed"]);
    expect(page.outcome.supplementRequests).toBe(expected.find((e) => e.code === code)!.requests);
    expect(page.outcome.supplementTimeMs).toBeGreaterThan(0);
  });

  it("answers 404 for an unknown dossier or a malformed id", async () => {
    for (const param of ["999999", "abc"]) {
      const result = await call(detail.loader, await makeRequest(`/evidence/dossiers/${param}`, { as: "thanhtra" }), { dossierId: param });
      expect(statusOf(result)).toBe(404);
    }
  });
});

describe("who may see the evidence", () => {
  it("refuses unit heads and HR everywhere, and lets the approver read but not save a set", async () => {
    const id = String(ids.dossier.values().next().value);
    for (const as of ["truongdonvi", "tccb"]) {
      expect(statusOf(await call(list.loader, await makeRequest(`/evidence/dossiers?${YEAR}`, { as })))).toBe(403);
      expect(statusOf(await call(csv.loader, await makeRequest(`/evidence/dossiers.csv?${YEAR}`, { as })))).toBe(403);
      expect(statusOf(await call(detail.loader, await makeRequest(`/evidence/dossiers/${id}`, { as }), { dossierId: id }))).toBe(403);
      expect(statusOf(await call(officerSearch.loader, await makeRequest("/evidence/dossiers/officer-search?q=a", { as })))).toBe(403);
      expect(statusOf(await call(list.action, await makeRequest(`/evidence/dossiers?${YEAR}`, { as, form: { name: "x", all: "on" } })))).toBe(403);
    }
    const approver = await listAs("giamdoc", YEAR);
    expect(approver.canCreateSet).toBe(false);
    expect(statusOf(await call(list.action, await makeRequest(`/evidence/dossiers?${YEAR}`, { as: "giamdoc", form: { name: "x", all: "on" } })))).toBe(403);
    const signedOut = await call(list.loader, await makeRequest(`/evidence/dossiers?${YEAR}`));
    expect(statusOf(signedOut)).toBe(302);
  });
});
