// Evidence sets: saved from the dossier list (ticked dossiers or every match of the filter), listed,
// shown and exported; the write and its audit event go together.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { importCalendar, importEvidence } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import * as dossierList from "../../app/routes/evidence.dossiers._index.js";
import * as dossierPage from "../../app/routes/evidence.dossiers.$dossierId.js";
import * as sets from "../../app/routes/evidence.sets._index.js";
import * as setPage from "../../app/routes/evidence.sets.$setId._index.js";
import * as setCsv from "../../app/routes/evidence.sets.$setId.csv.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });

const YEAR = "from=2025-01-01&to=2025-12-31";

/** dossier code → late, from the customer's expected export (its first and seventh columns). */
let lateOf: Map<string, boolean>;
const dossierId = new Map<string, number>();
const codeOf = new Map<number, string>();

async function save(search: string, form: Record<string, string | string[]>, as = "thanhtra") {
  return call(dossierList.action, await makeRequest(`/evidence/dossiers?${search}`, { as, form }));
}

function setIdFrom(response: unknown): number {
  expect(statusOf(response)).toBe(302);
  const location = (response as Response).headers.get("Location")!;
  expect(location).toMatch(/^\/evidence\/sets\/\d+$/);
  return Number(location.split("/").pop());
}

async function setDossierCodes(setId: number): Promise<string[]> {
  const rows = await getDb().selectFrom("evidence_set_dossier").select("dossier_id").where("evidence_set_id", "=", setId).execute();
  return rows.map((r) => codeOf.get(r.dossier_id)!).sort();
}

async function setCount(): Promise<number> {
  return (await getDb().selectFrom("evidence_set").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
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
  const lines = (await readFile(fixture("evidence/expected-overdue-2025.csv"), "utf8")).trim().split("\n").slice(1);
  lateOf = new Map(
    lines.map((line) => {
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ""));
      return [cells[0]!, cells[6] === "true"];
    }),
  );
  for (const d of await getDb().selectFrom("dossier").select(["id", "code"]).execute()) dossierId.set(d.code, d.id), codeOf.set(d.id, d.code);
});

describe("saving an evidence set from the dossier list", () => {
  it("keeps exactly the ticked dossiers, the filter and the period, and appends its audit event", async () => {
    const late = [...lateOf].filter(([, l]) => l).map(([c]) => c).sort();
    const chosen = late.slice(0, 2);
    const response = await save(YEAR, {
      name: "  Hồ sơ trễ hạn đầu năm 2025 ",
      description: "Căn cứ đề xuất kiểm tra",
      dossierIds: chosen.map((c) => String(dossierId.get(c))),
    });
    const id = setIdFrom(response);
    expect((response as Response).headers.get("Set-Cookie")).toContain("ktcv_toast");
    expect(await setDossierCodes(id)).toEqual(chosen);
    const set = await getDb().selectFrom("evidence_set").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(set).toMatchObject({ name: "Hồ sơ trễ hạn đầu năm 2025", description: "Căn cứ đề xuất kiểm tra", created_by: await userIdOf("thanhtra") });
    expect(set.criteria).toMatchObject({
      source: "dossiers",
      period: { from: "2025-01-01", to: "2025-12-31" },
      asOf: "2025-12-31T16:59:59.999Z",
      selection: "selected",
      filter: { lateOnly: true, unitId: null, officerId: null, month: null },
      counts: { dossiers: 2, late: 2 },
    });
    const audit = await getDb().selectFrom("audit_event").selectAll().where("action", "=", "evidence_set.create").where("entity_id", "=", String(id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_type: "evidence_set", actor_user_id: await userIdOf("thanhtra") });
    expect(audit[0]!.summary).toContain("Hồ sơ trễ hạn đầu năm 2025");
  });

  it("accepts a single ticked dossier", async () => {
    const code = [...lateOf].find(([, l]) => l)![0];
    const id = setIdFrom(await save(YEAR, { name: "Một hồ sơ", dossierIds: String(dossierId.get(code)) }));
    expect(await setDossierCodes(id)).toEqual([code]);
  });

  it("with “chọn tất cả” keeps every dossier matching the filter, on every page", async () => {
    const all = setIdFrom(await save(`${YEAR}&late=0`, { name: "Tất cả hồ sơ 2025", all: "on" }));
    expect(await setDossierCodes(all)).toEqual([...lateOf.keys()].sort());
    const november = setIdFrom(await save(`${YEAR}&month=2025-11`, { name: "Trễ hạn tháng 11", all: "on", dossierIds: "1" }));
    const want = (
      await getDb().selectFrom("dossier").select(["code", "due_at"]).execute()
    )
      .filter((d) => lateOf.get(d.code) && new Date(d.due_at.getTime() + 7 * 3600_000).toISOString().startsWith("2025-11"))
      .map((d) => d.code)
      .sort();
    expect(want.length).toBeGreaterThan(0);
    expect(await setDossierCodes(november)).toEqual(want);
    const criteria = (await getDb().selectFrom("evidence_set").select("criteria").where("id", "=", november).executeTakeFirstOrThrow()).criteria;
    expect(criteria).toMatchObject({ selection: "all", filter: { month: "2025-11", lateOnly: true }, counts: { dossiers: want.length, late: want.length } });
  });

  it("refuses a ticked dossier the filter does not match, and writes nothing", async () => {
    const before = await setCount();
    const onTime = [...lateOf].find(([, l]) => !l)![0];
    const response = await save(YEAR, { name: "Sai", dossierIds: [String(dossierId.get(onTime))] });
    expect(statusOf(response)).toBe(409);
    expect(JSON.stringify(payloadOf(response))).toContain("không còn khớp bộ lọc");
    expect(await setCount()).toBe(before);
  });

  it("asks for a name and for at least one dossier, in Vietnamese", async () => {
    const before = await setCount();
    const noName = payloadOf(await save(YEAR, { name: " ", all: "on" }));
    expect(noName.error.name).toEqual(["Vui lòng nhập tên bộ chứng cứ."]);
    const nothing = await save(YEAR, { name: "Trống" });
    expect(statusOf(nothing)).toBe(400);
    expect(payloadOf(nothing).error.dossierIds).toEqual(["Hãy chọn ít nhất một hồ sơ, hoặc chọn tất cả hồ sơ khớp bộ lọc."]);
    const empty = await save(`${YEAR}&q=khong-co-ma-nay`, { name: "Trống", all: "on" });
    expect(statusOf(empty)).toBe(409);
    expect(await setCount()).toBe(before);
  });

  it("is for inspectors only: the approver and the admin may read sets but not save one", async () => {
    for (const as of ["giamdoc", "quantri", "truongdonvi", "tccb"]) {
      expect(statusOf(await save(YEAR, { name: "Không được", all: "on" }, as))).toBe(403);
    }
  });
});

describe("the evidence sets", () => {
  it("are listed newest first with their creator, number of dossiers and late count", async () => {
    const result = payloadOf(await call(sets.loader, await makeRequest("/evidence/sets", { as: "giamdoc" })));
    expect(result.total).toBe(await setCount());
    const first = result.rows[0];
    expect(first).toMatchObject({ name: "Trễ hạn tháng 11", created_by_name: expect.any(String), period: { from: "2025-01-01", to: "2025-12-31" } });
    expect(first.dossier_count).toBe(first.late_count);
    const everything = result.rows.find((r: { name: string }) => r.name === "Tất cả hồ sơ 2025");
    expect(everything).toMatchObject({ dossier_count: lateOf.size, late_count: [...lateOf.values()].filter(Boolean).length });
  });

  it("show their dossiers a page at a time, judged as of the set's instant, and who created them", async () => {
    const id = (await getDb().selectFrom("evidence_set").select("id").where("name", "=", "Tất cả hồ sơ 2025").executeTakeFirstOrThrow()).id;
    const first = payloadOf(await call(setPage.loader, await makeRequest(`/evidence/sets/${id}`, { as: "giamdoc" }), { setId: String(id) }));
    expect(first.total).toBe(lateOf.size);
    expect(first.rows).toHaveLength(25);
    expect(first.set.created_by_username).toBe("thanhtra");
    expect(first.set.criteria.counts).toEqual({ dossiers: lateOf.size, late: [...lateOf.values()].filter(Boolean).length });
    const codes: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const result = payloadOf(await call(setPage.loader, await makeRequest(`/evidence/sets/${id}?page=${page}`, { as: "quantri" }), { setId: String(id) }));
      codes.push(...result.rows.map((r: { code: string }) => r.code));
      for (const row of result.rows) expect(row.late).toBe(lateOf.get(row.code));
    }
    expect(codes.sort()).toEqual([...lateOf.keys()].sort());
  });

  it("are exported as CSV with a BOM, a Vietnamese header and one row per dossier", async () => {
    const id = (await getDb().selectFrom("evidence_set").select("id").where("name", "=", "Tất cả hồ sơ 2025").executeTakeFirstOrThrow()).id;
    const response = (await call(setCsv.loader, await makeRequest(`/evidence/sets/${id}/csv`, { as: "thanhtra" }), { setId: String(id) })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith("\uFEFFMã hồ sơ,Mã TTHC,")).toBe(true);
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(lateOf.size + 1);
    expect(lines.filter((l) => l.includes(",Có,"))).toHaveLength([...lateOf.values()].filter(Boolean).length);
  });

  it("appear on the page of each dossier they hold", async () => {
    const code = [...lateOf].filter(([, l]) => l).map(([c]) => c).sort()[0]!;
    const id = dossierId.get(code)!;
    const page = payloadOf(await call(dossierPage.loader, await makeRequest(`/evidence/dossiers/${id}`, { as: "thanhtra" }), { dossierId: String(id) }));
    expect(page.sets.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(["Hồ sơ trễ hạn đầu năm 2025", "Một hồ sơ", "Tất cả hồ sơ 2025"]));
  });

  it("answer 404 when unknown and 403 to unit heads and HR", async () => {
    expect(statusOf(await call(setPage.loader, await makeRequest("/evidence/sets/99999", { as: "thanhtra" }), { setId: "99999" }))).toBe(404);
    expect(statusOf(await call(setCsv.loader, await makeRequest("/evidence/sets/99999/csv", { as: "thanhtra" }), { setId: "99999" }))).toBe(404);
    for (const as of ["truongdonvi", "tccb"]) {
      expect(statusOf(await call(sets.loader, await makeRequest("/evidence/sets", { as })))).toBe(403);
      expect(statusOf(await call(setPage.loader, await makeRequest("/evidence/sets/1", { as }), { setId: "1" }))).toBe(403);
      expect(statusOf(await call(setCsv.loader, await makeRequest("/evidence/sets/1/csv", { as }), { setId: "1" }))).toBe(403);
    }
  });
});
