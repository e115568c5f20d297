// Work lists: a unit head's explanations (their scope only, deadline soonest first), an inspector's own
// cases, filters by state, inspection and deadline status counted in working days of the province
// calendar, counts per state, pagination, and the home page that shows each role its work.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { hashPassword } from "../../app/auth.server.js";
import { todayInVietnam } from "../../app/domain/format.js";
import { dateOfDayNumber, dayNumberOfDate } from "../../app/domain/instants.js";
import { importCalendar, importEvidence } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import { listCases, openCase } from "../../app/models/cases.server.js";
import { insertUser } from "../../app/models/users.server.js";
import * as caseList from "../../app/routes/cases._index.js";
import * as casePage from "../../app/routes/cases.$caseId.js";
import * as home from "../../app/routes/_index.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });

const unitId = new Map<string, number>();
const officerId = new Map<string, number>();
let inspectionId: number;
let otherInspectionId: number;
let setId: number;
const WARD = "000.31.01.H55"; // truongdonvi
const OTHER_WARD = "000.31.02.H55"; // truongdonvi2, created below

type Row = { id: number; code: string; state: string; explanation_deadline: string | null; deadlineStatus: { kind: string }; title: string };

async function newCase(unit: string, title: string, patch: { state?: string; deadline?: string | null; inspection?: number } = {}) {
  const opened = await openCase(getDb(), { inspectionId: patch.inspection ?? inspectionId, subject: { unitId: unitId.get(unit)! }, title, evidenceSetId: setId }, await userIdOf("thanhtra"));
  if (!opened.ok) throw new Error(opened.message);
  await getDb()
    .updateTable("inspection_case")
    .set({ state: patch.state ?? "awaiting_explanation", explanation_deadline: patch.deadline ?? null })
    .where("id", "=", opened.id)
    .execute();
  return opened;
}

async function list(as: string, search = "") {
  const result = await call(caseList.loader, await makeRequest(`/cases${search}`, { as }));
  expect(statusOf(result)).toBe(200);
  return payloadOf<{ rows: Row[]; total: number; counts: { all: number; byState: Record<string, number>; soon: number; overdue: number }; params: { view: string } }>(result);
}

const titles = (rows: Row[]) => rows.map((r) => r.title);

// A test oracle for working days, independent of WorkCalendar: Monday–Friday, minus holidays, plus workdays, as stored.
async function storedCalendar() {
  const rows = await getDb().selectFrom("calendar_exception").select(["date", "kind"]).execute();
  const kindOf = new Map(rows.map((r) => [r.date, r.kind]));
  return (date: string) => {
    const kind = kindOf.get(date);
    if (kind) return kind === "workday";
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday >= 1 && weekday <= 5;
  };
}
function nthWorkingDay(from: string, n: number, working: (d: string) => boolean): string {
  let day = dayNumberOfDate(from);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (working(dateOfDayNumber(day))) left--;
  }
  return dateOfDayNumber(day);
}
function workingDaysBetween(from: string, to: string, working: (d: string) => boolean): number {
  let n = 0;
  for (let day = dayNumberOfDate(from) + 1; day <= dayNumberOfDate(to); day++) if (working(dateOfDayNumber(day))) n++;
  return n;
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
  const thanhtra = await userIdOf("thanhtra");
  const inspection = (n: string) => ({
    title: `Kiểm tra ${n}`,
    decision_number: n,
    decision_date: "2026-01-05",
    decision_signer: "Nguyễn Văn Hùng",
    legal_basis: "Luật Thanh tra năm 2025",
    legal_basis_date: "2025-06-25",
    period_from: "2025-01-01",
    period_to: "2025-12-31",
    created_by: thanhtra,
  });
  inspectionId = (await getDb().insertInto("inspection").values(inspection("15/QĐ-SNV")).returning("id").executeTakeFirstOrThrow()).id;
  otherInspectionId = (await getDb().insertInto("inspection").values(inspection("16/QĐ-SNV")).returning("id").executeTakeFirstOrThrow()).id;
  // thanhtra sits on the first team only; thanhtra2 on the second only.
  await getDb()
    .insertInto("inspection_member")
    .values([
      { inspection_id: inspectionId, officer_id: officerId.get("CB0004")!, role: "lead", added_by: thanhtra },
      { inspection_id: otherInspectionId, officer_id: officerId.get("CB0005")!, role: "lead", added_by: thanhtra },
    ])
    .execute();
  const dossiers = await getDb().selectFrom("dossier").select("id").orderBy("id").limit(2).execute();
  setId = (await getDb().insertInto("evidence_set").values({ name: "Hồ sơ mẫu", created_by: thanhtra }).returning("id").executeTakeFirstOrThrow()).id;
  await getDb()
    .insertInto("evidence_set_dossier")
    .values(dossiers.map((d) => ({ evidence_set_id: setId, dossier_id: d.id })))
    .execute();
  // A second unit head, of the neighbouring ward.
  await getDb().transaction().execute(async (trx) => {
    await insertUser(trx, { username: "truongdonvi2", displayName: "Trần Quang Khánh", passwordHash: await hashPassword("Ktcv@2026"), roles: [{ role: "unit_head", unitId: unitId.get(OTHER_WARD)! }] }, null);
  });
});

describe("the unit head's explanations", () => {
  let wardLate: string;
  let wardSoon: string;
  let wardLater: string;
  let otherCase: { id: number };

  beforeAll(async () => {
    await newCase(WARD, "Phường Cẩm Thành — hạn 20/3", { deadline: "2026-03-20" });
    await newCase(WARD, "Phường Cẩm Thành — hạn 05/3", { deadline: "2026-03-05" });
    await newCase(WARD, "Phường Cẩm Thành — hạn 12/3", { deadline: "2026-03-12" });
    await newCase(WARD, "Phường Cẩm Thành — đang kiểm tra", { state: "open" });
    otherCase = await newCase(OTHER_WARD, "Phường Nghĩa Lộ — hạn 10/3", { deadline: "2026-03-10" });
    [wardLate, wardSoon, wardLater] = ["Phường Cẩm Thành — hạn 05/3", "Phường Cẩm Thành — hạn 12/3", "Phường Cẩm Thành — hạn 20/3"];
  });

  it("are their default list: cases of their scope awaiting an explanation, deadline soonest first", async () => {
    const page = await list("truongdonvi");
    expect(page.params.view).toBe("explanations");
    expect(titles(page.rows)).toEqual([wardLate, wardSoon, wardLater]);
    expect(page.total).toBe(3);
    // The chips count every state of the scope, not only the awaiting ones.
    expect(page.counts.byState).toMatchObject({ awaiting_explanation: 3, open: 1 });
    expect(page.counts.all).toBe(4);
  });

  it("never show another unit's cases, and another unit's case answers 404", async () => {
    const other = await list("truongdonvi2");
    expect(titles(other.rows)).toEqual(["Phường Nghĩa Lộ — hạn 10/3"]);
    expect(other.counts.all).toBe(1);
    const wardCase = (await getDb().selectFrom("inspection_case").select("id").where("title", "=", wardSoon).executeTakeFirstOrThrow()).id;
    expect(statusOf(await call(casePage.loader, await makeRequest(`/cases/${wardCase}`, { as: "truongdonvi2" }), { caseId: String(wardCase) }))).toBe(404);
    expect(statusOf(await call(casePage.loader, await makeRequest(`/cases/${otherCase.id}`, { as: "truongdonvi" }), { caseId: String(otherCase.id) }))).toBe(404);
    expect(titles((await list("truongdonvi2", "?view=all")).rows)).toEqual(["Phường Nghĩa Lộ — hạn 10/3"]);
    expect(titles((await list("truongdonvi", "?view=all")).rows)).not.toContain("Phường Nghĩa Lộ — hạn 10/3");
  });

  it("appear on their home page with the deadlines, soonest first; an inspector's home shows their own", async () => {
    const head = payloadOf(await call(home.loader, await makeRequest("/", { as: "truongdonvi" })));
    expect(titles(head.work.explanations.rows)).toEqual([wardLate, wardSoon, wardLater]);
    expect(head.work.explanations.rows[0].explanation_deadline).toBe("2026-03-05");
    expect(head.work.mine).toBeNull();
    const inspector = payloadOf(await call(home.loader, await makeRequest("/", { as: "thanhtra" })));
    expect(inspector.work.explanations).toBeNull();
    // thanhtra's team is inspection 15: every case so far; thanhtra2's is 16: none.
    expect(titles(inspector.work.mine.rows)).toEqual([wardLate, "Phường Nghĩa Lộ — hạn 10/3", wardSoon, wardLater]);
    const other = payloadOf(await call(home.loader, await makeRequest("/", { as: "thanhtra2" })));
    expect(other.work.mine.total).toBe(0);
    expect(payloadOf(await call(home.loader, await makeRequest("/", { as: "tccb" }))).work).toEqual({ explanations: null, mine: null, approval: null, overdue: null });
  });
});

describe("deadline status in working days", () => {
  it("counts the working days of the province calendar: Tết inside the window makes a far date due soon", async () => {
    // Fixed dates against the fixture's 2026 calendar (Tết 16–20/02/2026).
    const created = await Promise.all([
      newCase(WARD, "Tết — hạn 24/02", { deadline: "2026-02-24" }),
      newCase(WARD, "Tết — hạn 25/02", { deadline: "2026-02-25" }),
      newCase(WARD, "Tết — hạn 11/02", { deadline: "2026-02-11" }),
    ]);
    const ids = created.map((c) => c.id);
    const only = (rows: Awaited<ReturnType<typeof listCases>>["rows"]) => rows.filter((r) => ids.includes(r.id));
    const scope = { all: true as const };
    // Thursday 12/02: Friday 13, Monday 23 and Tuesday 24 are the next three working days — twelve calendar days.
    const soon = only((await listCases(getDb(), { scope, deadline: "soon", page: 1, today: "2026-02-12" })).rows);
    expect(soon.map((r) => [r.title, r.deadlineStatus])).toEqual([["Tết — hạn 24/02", { kind: "due_soon", remaining: 3, dueToday: false }]]);
    const all = only((await listCases(getDb(), { scope, page: 1, today: "2026-02-12" })).rows);
    expect(all.find((r) => r.title === "Tết — hạn 25/02")!.deadlineStatus).toEqual({ kind: "pending", remaining: 4 });
    // Monday 23/02: Wednesday 11/02 passed 3 working days ago (Thursday 12, Friday 13, then Tết, then Monday 23), 12 calendar days.
    const overdue = only((await listCases(getDb(), { scope, deadline: "overdue", page: 1, today: "2026-02-23" })).rows);
    expect(overdue.map((r) => [r.title, r.deadlineStatus])).toEqual([["Tết — hạn 11/02", { kind: "overdue", overdue: 3 }]]);
    await getDb().updateTable("inspection_case").set({ state: "closed" }).where("id", "in", ids).execute();
  });

  it("filters the list by 'due soon' and 'overdue' today, with a holiday inside the window", async () => {
    const today = todayInVietnam();
    let working = await storedCalendar();
    // A holiday on the second working day from today, so the 3-working-day window reaches one day further.
    const holiday = nthWorkingDay(today, 2, working);
    await sql`insert into calendar_year (year, source) values (${Number(holiday.slice(0, 4))}, 'thử nghiệm') on conflict do nothing`.execute(getDb());
    await getDb()
      .insertInto("calendar_exception")
      .values({ date: holiday, kind: "holiday", name: "Ngày nghỉ thử nghiệm", year: Number(holiday.slice(0, 4)) })
      .onConflict((oc) => oc.column("date").doUpdateSet({ kind: "holiday" }))
      .execute();
    working = await storedCalendar();
    const third = nthWorkingDay(today, 3, working);
    const fourth = nthWorkingDay(today, 4, working);
    const passed = nthWorkingDay(today, -2, working);
    expect(holiday < third).toBe(true);
    const soon = await newCase(OTHER_WARD, "Hôm nay — còn 3 ngày", { deadline: third });
    await newCase(OTHER_WARD, "Hôm nay — còn 4 ngày", { deadline: fourth });
    await newCase(OTHER_WARD, "Hôm nay — quá hạn", { deadline: passed });
    await newCase(OTHER_WARD, "Hôm nay — đã giải trình, hạn đã qua", { state: "under_review", deadline: passed });

    const dueSoon = await list("truongdonvi2", "?deadline=soon");
    expect(titles(dueSoon.rows)).toEqual(["Hôm nay — còn 3 ngày"]);
    expect(dueSoon.rows[0]!.deadlineStatus).toEqual({ kind: "due_soon", remaining: 3, dueToday: false });
    const overdue = await list("truongdonvi2", "?deadline=overdue");
    // The earlier case of 10/3 is overdue as well; the answered one is not.
    expect(titles(overdue.rows)).toEqual(["Phường Nghĩa Lộ — hạn 10/3", "Hôm nay — quá hạn"]);
    expect(overdue.rows[1]!.deadlineStatus).toEqual({ kind: "overdue", overdue: workingDaysBetween(passed, today, working) });
    const everything = await list("truongdonvi2", "?view=all");
    expect(everything.rows.find((r) => r.title === "Hôm nay — còn 4 ngày")!.deadlineStatus).toEqual({ kind: "pending", remaining: 4 });
    expect(everything.rows.find((r) => r.title.startsWith("Hôm nay — đã giải trình"))!.deadlineStatus).toEqual({ kind: "none" });
    expect(everything.counts).toMatchObject({ soon: 1, overdue: 2 });
    // Inspectors filter the same way; thanhtra2's team (inspection 16) has none of these.
    expect(titles((await list("thanhtra", "?view=mine&deadline=soon")).rows)).toEqual(["Hôm nay — còn 3 ngày"]);
    expect((await list("thanhtra2", "?view=mine&deadline=soon")).total).toBe(0);
    expect(soon.code).toMatch(/^KT-\d{4}-\d{4}$/);
  });
});

describe("the inspectors' lists", () => {
  it("filter by state and by inspection, and 'mine' holds the cases of the user's teams", async () => {
    await newCase(WARD, "Đợt 16 — dự thảo", { state: "draft", inspection: otherInspectionId });
    const drafts = await list("thanhtra", "?state=draft");
    expect(titles(drafts.rows)).toEqual(["Đợt 16 — dự thảo"]);
    expect(titles((await list("thanhtra", `?inspection=${otherInspectionId}`)).rows)).toEqual(["Đợt 16 — dự thảo"]);
    expect(titles((await list("thanhtra2", "?view=mine")).rows)).toEqual(["Đợt 16 — dự thảo"]);
    expect((await list("thanhtra", "?view=mine")).rows.map((r) => r.title)).not.toContain("Đợt 16 — dự thảo");
    // The old link still works.
    expect((await list("thanhtra2", "?mine=1")).params.view).toBe("mine");
    // An approver lands on every case; 'mine' is empty for someone on no team.
    expect((await list("giamdoc")).params.view).toBe("all");
    expect((await list("giamdoc", "?view=mine")).total).toBe(0);
    const inspections = payloadOf(await call(caseList.loader, await makeRequest("/cases", { as: "truongdonvi" }))).inspections;
    expect(inspections.map((i: { label: string }) => i.label)).toEqual([expect.stringContaining("16/QĐ-SNV"), expect.stringContaining("15/QĐ-SNV")]);
  });

  it("page 25 at a time on the server, keeping the deadline order across pages", async () => {
    const start = dayNumberOfDate("2027-01-04");
    for (let i = 0; i < 26; i++) await newCase(WARD, `Trang — ${String(i + 1).padStart(2, "0")}`, { deadline: dateOfDayNumber(start + i) });
    const first = await list("truongdonvi");
    const second = await list("truongdonvi", "?page=2");
    expect(first.total).toBe(29);
    expect(first.rows).toHaveLength(25);
    const all = [...first.rows, ...second.rows];
    expect(all).toHaveLength(29);
    const deadlines = all.map((r) => r.explanation_deadline!);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(new Set(all.map((r) => r.id)).size).toBe(29);
  });

  it("show an approver the cases awaiting approval on the home page", async () => {
    const before = payloadOf(await call(home.loader, await makeRequest("/", { as: "giamdoc" }))).work;
    expect(before.approval.total).toBe(0);
    expect([before.explanations, before.mine]).toEqual([null, null]);
    await newCase(WARD, "Chờ lãnh đạo phê duyệt", { state: "pending_approval" });
    const after = payloadOf(await call(home.loader, await makeRequest("/", { as: "giamdoc" }))).work;
    expect(titles(after.approval.rows)).toEqual(["Chờ lãnh đạo phê duyệt"]);
  });

  it("are not for HR or the administrator", async () => {
    for (const as of ["tccb", "quantri"]) expect(statusOf(await call(caseList.loader, await makeRequest("/cases", { as })))).toBe(403);
  });
});
