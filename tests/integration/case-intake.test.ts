// Case intake: opening a case from the dossier list's selection (ticked dossiers, or every dossier
// matching the filter, capped at 5,000) or from dossier codes typed by hand, where an unknown code
// refuses the whole request and consumes no case code; and adding evidence to an opened case.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { caseIntakeHref, readCarriedSelection } from "../../app/components/CaseIntakeParams.js";
import { EMPTY_FILTER } from "../../app/components/DossierFilterParams.js";
import { todayInVietnam } from "../../app/domain/format.js";
import { importCalendar, importEvidence } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import * as casePage from "../../app/routes/cases.$caseId.js";
import * as newCase from "../../app/routes/cases.new.js";
import { readToast } from "../../app/toast.server.js";
import { publishedCase } from "../case-world.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });
const YEAR = todayInVietnam().slice(0, 4);
const PERIOD_2025 = { from: "2025-01-01", to: "2025-12-31" };

const unitId = new Map<string, number>();
const officerId = new Map<string, number>();
const dossierId = new Map<string, number>();
/** The customer's expected export for 2025: dossier code → unit code, late. */
let expected: { code: string; unit: string; late: boolean }[];
let inspectionId: number;
let setId: number;
let setCodes: string[];

function csvCells(line: string): string[] {
  return line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ""));
}

async function caseCount() {
  return Number((await getDb().selectFrom("inspection_case").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
}
async function counter() {
  const row = await getDb().selectFrom("case_code_counter").select("last_sequence").where("year", "=", Number(YEAR)).executeTakeFirst();
  return row?.last_sequence ?? 0;
}
async function evidenceCodes(caseId: number) {
  const rows = await getDb()
    .selectFrom("case_evidence as e")
    .innerJoin("dossier as d", "d.id", "e.dossier_id")
    .select("d.code")
    .where("e.case_id", "=", caseId)
    .where("e.detached_at", "is", null)
    .orderBy("d.code")
    .execute();
  return rows.map((r) => r.code);
}
const lateOf = (unit: string) => expected.filter((e) => e.unit === unit && e.late).map((e) => e.code).sort();
const caseFields = (extra: Record<string, string>) => ({ inspectionId: String(inspectionId), title: "Chậm giải quyết hồ sơ", subjectKind: "unit", unitId: String(unitId.get("000.31.07.H55")), ...extra });

async function post(url: string, form: Record<string, string>, as = "thanhtra") {
  return call(newCase.action, await makeRequest(url, { as, form }));
}
function openedId(response: unknown): number {
  expect(statusOf(response)).toBe(302);
  return Number((response as Response).headers.get("Location")!.split("/").pop());
}
async function toastOf(response: unknown): Promise<string | undefined> {
  const cookie = (response as Response).headers.get("Set-Cookie")!.split(";")[0]!;
  return (await readToast(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toast?.message;
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
  for (const u of await getDb().selectFrom("unit").select(["id", "code"]).execute()) unitId.set(u.code, u.id);
  for (const o of await getDb().selectFrom("officer").select(["id", "code"]).execute()) officerId.set(o.code, o.id);
  for (const d of await getDb().selectFrom("dossier").select(["id", "code"]).execute()) dossierId.set(d.code, d.id);
  const lines = (await readFile(fixture("evidence/expected-overdue-2025.csv"), "utf8")).trim().split("\n").slice(1);
  expected = lines.map((line) => {
    const cells = csvCells(line);
    return { code: cells[0]!, unit: cells[1]!, late: cells[6] === "true" };
  });
  const thanhtra = await userIdOf("thanhtra");
  inspectionId = (
    await getDb()
      .insertInto("inspection")
      .values({
        title: "Kiểm tra trách nhiệm công vụ năm 2025",
        decision_number: "15/QĐ-SNV",
        decision_date: "2026-01-05",
        decision_signer: "Nguyễn Văn Hùng",
        legal_basis: "Luật Thanh tra năm 2025",
        legal_basis_date: "2025-06-25",
        period_from: "2025-01-01",
        period_to: "2025-12-31",
        created_by: thanhtra,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  await getDb()
    .insertInto("inspection_member")
    .values({ inspection_id: inspectionId, officer_id: officerId.get("CB0004")!, role: "lead", added_by: thanhtra })
    .execute();
  setCodes = lateOf("000.31.04.H55");
  setId = (await getDb().insertInto("evidence_set").values({ name: "Hồ sơ trễ hạn xã Bình Sơn", created_by: thanhtra }).returning("id").executeTakeFirstOrThrow()).id;
  await getDb()
    .insertInto("evidence_set_dossier")
    .values(setCodes.map((c) => ({ evidence_set_id: setId, dossier_id: dossierId.get(c)! })))
    .execute();
});

describe("the selection carried from the dossier list", () => {
  it("travels in the URL with the list's own filter, both ways", () => {
    const filter = { ...EMPTY_FILTER, unitId: 7, procedureId: 3, month: "2025-03", q: "H55" };
    const href = caseIntakeHref(PERIOD_2025, filter, [12, 15]);
    expect(href.startsWith("/cases/new?")).toBe(true);
    const read = readCarriedSelection(new URLSearchParams(href.split("?")[1]));
    expect(read.problems).toEqual([]);
    expect(read.selection).toMatchObject({ period: PERIOD_2025, filter, selection: [12, 15] });
    expect(readCarriedSelection(new URLSearchParams(caseIntakeHref(PERIOD_2025, filter, "all").split("?")[1])).selection?.selection).toBe("all");
    expect(readCarriedSelection(new URLSearchParams("from=2025-01-01")).selection).toBeNull();
    expect(readCarriedSelection(new URLSearchParams("dossiers=1,x")).problems).toEqual(["Danh sách hồ sơ đã chọn không hợp lệ; hãy chọn lại từ danh sách hồ sơ."]);
  });

  it("fills the new-case form: how many dossiers will be frozen, and the filter's unit as the subject", async () => {
    const ward = unitId.get("000.31.07.H55")!;
    const page = payloadOf(await call(newCase.loader, await makeRequest(caseIntakeHref(PERIOD_2025, { ...EMPTY_FILTER, unitId: ward }, "all"), { as: "thanhtra" })));
    expect(page.carried).toMatchObject({ dossiers: lateOf("000.31.07.H55").length, late: lateOf("000.31.07.H55").length, problem: null, selection: "all" });
    expect(page.carried.dossiers).toBe(2);
    expect(page.carried.labels.unit).toContain("000.31.07.H55");
    expect(page.carried.listHref).toBe(`/evidence/dossiers?from=2025-01-01&to=2025-12-31&unit=${ward}&late=1`);
    expect(page.defaults).toMatchObject({ unitId: String(ward), officer: null });
  });

  it("names the filter's officer as the subject", async () => {
    const officer = officerId.get("CB0010")!;
    const page = payloadOf(await call(newCase.loader, await makeRequest(caseIntakeHref(PERIOD_2025, { ...EMPTY_FILTER, officerId: officer }, "all"), { as: "thanhtra" })));
    expect(page.defaults.officer).toMatchObject({ id: officer, code: "CB0010" });
    expect(page.carried.dossiers).toBeGreaterThan(0);
  });

  it("opens a case from every dossier matching the filter, and keeps how they were chosen", async () => {
    const ward = unitId.get("000.31.07.H55")!;
    const before = await counter();
    const id = openedId(await post(caseIntakeHref(PERIOD_2025, { ...EMPTY_FILTER, unitId: ward }, "all"), caseFields({ source: "selection" })));
    expect(await evidenceCodes(id)).toEqual(lateOf("000.31.07.H55"));
    expect((await getDb().selectFrom("inspection_case").select("code").where("id", "=", id).executeTakeFirstOrThrow()).code).toBe(`KT-${YEAR}-${String(before + 1).padStart(4, "0")}`);
    const audit = await getDb().selectFrom("audit_event").select("data").where("action", "=", "case.open").where("entity_id", "=", String(id)).executeTakeFirstOrThrow();
    expect((audit.data as { origin: unknown }).origin).toMatchObject({ kind: "filter", selection: "all", period: { from: "2025-01-01", to: "2025-12-31" }, filter: { unitId: ward, lateOnly: true }, counts: { dossiers: 2, late: 2 } });
  });

  it("opens a case from the ticked dossiers only", async () => {
    const late = expected.filter((e) => e.late).map((e) => e.code).sort();
    const ticked = [late[0]!, late[5]!];
    const id = openedId(await post(caseIntakeHref(PERIOD_2025, EMPTY_FILTER, ticked.map((c) => dossierId.get(c)!)), caseFields({ source: "selection" })));
    expect(await evidenceCodes(id)).toEqual(ticked);
  });

  it("refuses a ticked dossier the filter no longer matches, and creates nothing", async () => {
    const onTime = expected.find((e) => !e.late)!.code;
    const url = caseIntakeHref(PERIOD_2025, EMPTY_FILTER, [dossierId.get(onTime)!]);
    const page = payloadOf(await call(newCase.loader, await makeRequest(url, { as: "thanhtra" })));
    expect(page.carried.problem).toContain("không còn khớp bộ lọc");
    const [cases, before] = [await caseCount(), await counter()];
    const refused = await post(url, caseFields({ source: "selection" }));
    expect(statusOf(refused)).toBe(400);
    expect(payloadOf(refused).error.source[0]).toContain("không còn khớp bộ lọc");
    expect([await caseCount(), await counter()]).toEqual([cases, before]);
  });

  it("asks to choose again when the page carries no selection", async () => {
    const refused = await post("/cases/new", caseFields({ source: "selection" }));
    expect(statusOf(refused)).toBe(400);
    expect(payloadOf(refused).error.source).toEqual(["Trang này không mang theo hồ sơ nào từ danh sách hồ sơ; hãy chọn nguồn chứng cứ khác."]);
  });

  it("refuses more than 5,000 dossiers with a Vietnamese message, and creates nothing", async () => {
    // 5,001 late dossiers of 2024 for Sở Y tế, with their final outcomes, straight into the tables.
    const unit = unitId.get("000.00.06.H55")!;
    const procedure = (await getDb().selectFrom("procedure").select("id").limit(1).executeTakeFirstOrThrow()).id;
    await sql`
      with made as (
        insert into dossier (code, procedure_id, unit_id, received_at, due_at, finished_at, status, content_sha256)
        select 'LOAD-' || n, ${procedure}, ${unit}, timestamptz '2024-03-01 08:00+07', timestamptz '2024-03-05 08:00+07',
          timestamptz '2024-03-08 08:00+07', 'finished', md5(n::text)
        from generate_series(1, 5001) n
        returning id, finished_at
      )
      insert into dossier_outcome (dossier_id, final, end_at, supplement_requests, adjusted_end, late, late_working_days, apology)
      select id, true, finished_at, 0, finished_at, true, 3, 'missing' from made`.execute(getDb());
    const url = caseIntakeHref({ from: "2024-01-01", to: "2024-12-31" }, { ...EMPTY_FILTER, unitId: unit }, "all");
    const page = payloadOf(await call(newCase.loader, await makeRequest(url, { as: "thanhtra" })));
    expect(page.carried.dossiers).toBe(5001);
    const message = "Một vụ việc nhận tối đa 5.000 hồ sơ mỗi lần, nhưng đã chọn 5.001 hồ sơ. Hãy thu hẹp bộ lọc (đơn vị, thủ tục, tháng…) hoặc chia thành nhiều lần.";
    expect(page.carried.problem).toBe(message);
    const [cases, before] = [await caseCount(), await counter()];
    const refused = await post(url, caseFields({ source: "selection" }));
    expect(statusOf(refused)).toBe(400);
    expect(payloadOf(refused).error.source).toEqual([message]);
    expect([await caseCount(), await counter()]).toEqual([cases, before]);
    // A month of the same filter is within the cap.
    const narrower = caseIntakeHref({ from: "2024-01-01", to: "2024-12-31" }, { ...EMPTY_FILTER, unitId: unit, q: "LOAD-4999" }, "all");
    expect(payloadOf(await call(newCase.loader, await makeRequest(narrower, { as: "thanhtra" }))).carried).toMatchObject({ dossiers: 1, problem: null });
  });
});

describe("opening a case by hand from dossier codes", () => {
  it("takes codes one per line or comma-separated, and freezes exactly those", async () => {
    const codes = lateOf("000.31.06.H55");
    expect(codes).toHaveLength(2);
    const id = openedId(await post("/cases/new", caseFields({ source: "codes", codes: `${codes[0]},\n  ${codes[1]}\n${codes[0]}` })));
    expect(await evidenceCodes(id)).toEqual(codes);
    const audit = await getDb().selectFrom("audit_event").select("data").where("action", "=", "case.open").where("entity_id", "=", String(id)).executeTakeFirstOrThrow();
    expect((audit.data as { origin: unknown }).origin).toEqual({ kind: "codes", count: 2 });
  });

  it("refuses unknown codes with the list of them, creates nothing and consumes no case code", async () => {
    const known = lateOf("000.31.06.H55")[0]!;
    const [cases, before] = [await caseCount(), await counter()];
    const refused = await post("/cases/new", caseFields({ source: "codes", codes: `${known}\nKHONG-CO-1, KHONG-CO-2` }));
    expect(statusOf(refused)).toBe(400);
    expect(payloadOf(refused).error.codes).toEqual(["Không tìm thấy 2 mã hồ sơ: KHONG-CO-1, KHONG-CO-2. Chưa có gì được lưu."]);
    expect([await caseCount(), await counter()]).toEqual([cases, before]);
    // The next case takes the very next number: no gap.
    const id = openedId(await post("/cases/new", caseFields({ source: "codes", codes: known })));
    expect((await getDb().selectFrom("inspection_case").select("code").where("id", "=", id).executeTakeFirstOrThrow()).code).toBe(`KT-${YEAR}-${String(before + 1).padStart(4, "0")}`);
  });

  it("asks for at least one code, and at most 5,000", async () => {
    const blank = await post("/cases/new", caseFields({ source: "codes", codes: " ,\n " }));
    expect(payloadOf(blank).error.codes).toEqual(["Vui lòng nhập ít nhất một mã hồ sơ."]);
    const many = Array.from({ length: 5001 }, (_, i) => `HS-${i}`).join("\n");
    const tooMany = await post("/cases/new", caseFields({ source: "codes", codes: many }));
    expect(statusOf(tooMany)).toBe(400);
    expect(payloadOf(tooMany).error.codes).toEqual(["Mỗi lần nhập tối đa 5.000 mã hồ sơ (đã nhập 5.001)."]);
  });

  it("still opens from a saved evidence set", async () => {
    const id = openedId(await post("/cases/new", caseFields({ source: "set", evidenceSetId: String(setId) })));
    expect(await evidenceCodes(id)).toEqual(setCodes);
  });

  it("is for inspectors only", async () => {
    for (const as of ["giamdoc", "truongdonvi"]) {
      expect(statusOf(await post("/cases/new", caseFields({ source: "codes", codes: setCodes[0]! }), as))).toBe(403);
    }
  });
});

describe("adding evidence to an opened case", () => {
  let caseId: number;
  const act = async (as: string, form: Record<string, string>) => call(casePage.action, await makeRequest(`/cases/${caseId}`, { as, form: { intent: "evidence-add", ...form } }), { caseId: String(caseId) });

  beforeAll(async () => {
    caseId = openedId(await post("/cases/new", caseFields({ source: "codes", codes: lateOf("000.31.06.H55")[0]! })));
  });

  it("offers the form and the evidence sets to inspectors, not to the unit head", async () => {
    const inspector = payloadOf(await call(casePage.loader, await makeRequest(`/cases/${caseId}`, { as: "thanhtra" }), { caseId: String(caseId) }));
    expect(inspector.canDetach).toBe(true);
    expect(inspector.evidenceSets.map((s: { value: string }) => s.value)).toContain(String(setId));
    await getDb().updateTable("user_role").set({ unit_id: unitId.get("000.31.07.H55")! }).where("role", "=", "unit_head").execute();
    const head = payloadOf(await call(casePage.loader, await makeRequest(`/cases/${caseId}`, { as: "truongdonvi" }), { caseId: String(caseId) }));
    expect([head.canDetach, head.evidenceSets]).toEqual([false, []]);
  });

  it("adds dossiers by code, and says which were already attached", async () => {
    const [attached, other] = lateOf("000.31.06.H55");
    const response = await act("thanhtra", { codes: `${attached}\n${other}` });
    expect(statusOf(response)).toBe(302);
    expect(await toastOf(response)).toBe(`Đã thêm 1 hồ sơ vào chứng cứ của vụ việc. 1 hồ sơ đã có trong chứng cứ từ trước: ${attached}.`);
    expect(await evidenceCodes(caseId)).toEqual([attached, other]);
    const audit = await getDb().selectFrom("audit_event").select("data").where("action", "=", "case.evidence_add").where("entity_id", "=", String(caseId)).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect((audit.data as { codes: string[] }).codes).toEqual([other]);
  });

  it("adds every dossier of an evidence set", async () => {
    const response = await act("thanhtra", { evidenceSetId: String(setId) });
    expect(await toastOf(response)).toBe(`Đã thêm ${setCodes.length} hồ sơ vào chứng cứ của vụ việc.`);
    expect(await evidenceCodes(caseId)).toEqual([...lateOf("000.31.06.H55"), ...setCodes].sort());
  });

  it("says so when nothing is new, and refuses unknown codes, adding nothing", async () => {
    const before = await evidenceCodes(caseId);
    const nothing = await act("thanhtra", { codes: setCodes.join(", ") });
    expect(statusOf(nothing)).toBe(409);
    expect(payloadOf(nothing).error.codes).toEqual([`Không có hồ sơ mới: cả ${setCodes.length} hồ sơ đã có trong chứng cứ của vụ việc (${setCodes.join(", ")}).`]);
    const unknown = await act("thanhtra", { codes: `${expected.find((e) => !e.late)!.code}\nKHONG-CO` });
    expect(statusOf(unknown)).toBe(409);
    expect(payloadOf(unknown).error.codes).toEqual(["Không tìm thấy 1 mã hồ sơ: KHONG-CO. Chưa có gì được lưu."]);
    expect(payloadOf(await act("thanhtra", {})).error.codes).toEqual(["Vui lòng nhập mã hồ sơ hoặc chọn một bộ chứng cứ."]);
    expect(await evidenceCodes(caseId)).toEqual(before);
  });

  it("is for inspectors; others get 403, and a case out of reach 404", async () => {
    const code = expected.find((e) => !e.late)!.code;
    for (const as of ["giamdoc", "truongdonvi"]) expect(statusOf(await act(as, { codes: code }))).toBe(403);
    expect(statusOf(await call(casePage.action, await makeRequest("/cases/999999", { as: "thanhtra", form: { intent: "evidence-add", codes: code } }), { caseId: "999999" }))).toBe(404);
  });

  it("stops once the case is published or withdrawn", async () => {
    await getDb().updateTable("inspection_case").set({ state: "withdrawn", withdrawn_reason: "Thử" }).where("id", "=", caseId).execute();
    const refused = await act("thanhtra", { codes: expected.find((e) => !e.late)!.code });
    expect(statusOf(refused)).toBe(409);
    expect(payloadOf(refused).error.codes).toEqual(["Vụ việc đã công bố, kết thúc hoặc đã rút: chứng cứ không còn thay đổi được."]);
    const page = payloadOf(await call(casePage.loader, await makeRequest(`/cases/${caseId}`, { as: "thanhtra" }), { caseId: String(caseId) }));
    expect([page.canDetach, page.evidenceSets]).toEqual([false, []]);
  });
});

describe("không đánh giá lại at intake", () => {
  it("refuses, by code, by selection or when adding, a dossier already judged for the same subject, and says which notice judged it", async () => {
    const ward = "000.31.01.H55";
    const judged = expected.find((e) => e.unit === ward)!.code;
    await publishedCase({ inspectionId, unitId, officerId, dossierId }, [judged], []);
    const fields = { ...caseFields({}), unitId: String(unitId.get(ward)) };
    const [cases, before] = [await caseCount(), await counter()];
    const byCode = await post("/cases/new", { ...fields, source: "codes", codes: judged });
    expect(statusOf(byCode)).toBe(400);
    expect(payloadOf(byCode).error.codes[0]).toMatch(new RegExp(`^Không đánh giá lại: .*${judged} \\(Thông báo kết luận số 01/TB-SNV`));
    const url = caseIntakeHref(PERIOD_2025, { ...EMPTY_FILTER, lateOnly: false }, [dossierId.get(judged)!]);
    const bySelection = await post(url, { ...fields, source: "selection" });
    expect(statusOf(bySelection)).toBe(400);
    expect(payloadOf(bySelection).error.source[0]).toMatch(/^Không đánh giá lại: /);
    expect([await caseCount(), await counter()]).toEqual([cases, before]);
    // Adding it to another open case about the ward is refused too, and nothing is added.
    const other = openedId(await post("/cases/new", { ...fields, source: "codes", codes: expected.find((e) => e.unit === ward && e.code !== judged)!.code }));
    const add = await call(casePage.action, await makeRequest(`/cases/${other}`, { as: "thanhtra", form: { intent: "evidence-add", codes: judged } }), { caseId: String(other) });
    expect(statusOf(add)).toBe(409);
    expect(payloadOf(add).error.codes[0]).toMatch(/^Không đánh giá lại: /);
    expect(await evidenceCodes(other)).not.toContain(judged);
  });
});
