// Cases: opened from an evidence set with gap-free yearly codes, evidence frozen against re-imports,
// moved only along the state machine by the people it names, and hidden outside a unit head's scope.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { canonicalJson } from "../../app/domain/canonical-json.js";
import { SELF_CASE_REFUSED, WITHDRAW_REFUSED } from "../../app/domain/case-states.js";
import { todayInVietnam } from "../../app/domain/format.js";
import { importCalendar, importEvidence } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import { getCase, openCase } from "../../app/models/cases.server.js";
import * as caseList from "../../app/routes/cases._index.js";
import * as casePage from "../../app/routes/cases.$caseId.js";
import * as newCase from "../../app/routes/cases.new.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";
import { createHash } from "node:crypto";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });
const YEAR = todayInVietnam().slice(0, 4);

let inspectionId: number;
let setId: number;
let changingDossier: { id: number; code: string; line: string; header: string };
const unitId = new Map<string, number>();
const officerId = new Map<string, number>();

async function caseRow(id: number) {
  return getDb().selectFrom("inspection_case").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function act(as: string, caseId: number, form: Record<string, string>) {
  return call(casePage.action, await makeRequest(`/cases/${caseId}`, { as, form }), { caseId: String(caseId) });
}

async function openViaPage(form: Record<string, string>, as = "thanhtra"): Promise<{ id: number; code: string }> {
  const response = await call(newCase.action, await makeRequest("/cases/new", { as, form }));
  expect(statusOf(response)).toBe(302);
  const id = Number((response as Response).headers.get("Location")!.split("/").pop());
  return { id, code: (await caseRow(id)).code };
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
  const inspection = await getDb()
    .insertInto("inspection")
    .values({
      title: "Kiểm tra trách nhiệm công vụ trong giải quyết TTHC năm 2025",
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
    .executeTakeFirstOrThrow();
  inspectionId = inspection.id;
  await getDb()
    .insertInto("inspection_member")
    .values([
      { inspection_id: inspectionId, officer_id: officerId.get("CB0004")!, role: "lead", added_by: thanhtra },
      { inspection_id: inspectionId, officer_id: officerId.get("CB0005")!, role: "member", added_by: thanhtra },
    ])
    .execute();

  const text = (await readFile(fixture("evidence/dossiers.csv"), "utf8")).replace(/^\uFEFF/, "");
  const [header, ...lines] = text.split(/\r?\n/).filter(Boolean);
  // A line without quoted commas, with a result time that differs from the promised one (so it can be moved).
  const line = lines.find((l) => !l.includes('"') && l.split(",")[6] !== "" && l.split(",")[6] !== l.split(",")[5])!;
  const code = line.split(",")[0]!;
  const dossiers = await getDb().selectFrom("dossier").select(["id", "code"]).orderBy("id").execute();
  changingDossier = { id: dossiers.find((d) => d.code === code)!.id, code, line, header: header! };
  const chosen = [changingDossier.id, ...dossiers.filter((d) => d.code !== code).slice(0, 2).map((d) => d.id)];
  const set = await getDb().insertInto("evidence_set").values({ name: "Hồ sơ trễ hạn mẫu", created_by: thanhtra }).returning("id").executeTakeFirstOrThrow();
  setId = set.id;
  await getDb()
    .insertInto("evidence_set_dossier")
    .values(chosen.map((dossier_id) => ({ evidence_set_id: setId, dossier_id })))
    .execute();
});

const commune = () => String(unitId.get("000.31.01.H55")); // truongdonvi heads this unit
const otherUnit = () => String(unitId.get("000.00.07.H55"));

describe("opening a case", () => {
  it("numbers cases of the year from KT-<year>-0001 and freezes every dossier of the evidence set", async () => {
    const first = await openViaPage({ inspectionId: String(inspectionId), title: "Chậm trả kết quả tại phường Cẩm Thành", subjectKind: "unit", unitId: commune(), evidenceSetId: String(setId) });
    const second = await openViaPage({ inspectionId: String(inspectionId), title: "Chậm trả kết quả tại Sở Giáo dục", subjectKind: "unit", unitId: otherUnit(), evidenceSetId: String(setId) });
    expect(first.code).toBe(`KT-${YEAR}-0001`);
    expect(second.code).toBe(`KT-${YEAR}-0002`);
    const row = await caseRow(first.id);
    expect(row).toMatchObject({ state: "draft", subject_unit_id: unitId.get("000.31.01.H55"), subject_officer_id: null, evidence_set_id: setId, created_by: await userIdOf("thanhtra") });
    const evidence = await getDb().selectFrom("case_evidence").selectAll().where("case_id", "=", first.id).execute();
    expect(evidence).toHaveLength(3);
    for (const e of evidence) {
      const text = canonicalJson(e.snapshot);
      expect(e.snapshot_sha256).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
      const dossier = await getDb().selectFrom("dossier").select("content_sha256").where("id", "=", e.dossier_id).executeTakeFirstOrThrow();
      expect(e.dossier_content_sha256).toBe(dossier.content_sha256);
    }
    const frozen = evidence.find((e) => e.dossier_id === changingDossier.id)!.snapshot as { dossier: { code: string; dueAt: string }; steps: unknown[] };
    expect(frozen.dossier.code).toBe(changingDossier.code);
    expect(frozen.dossier.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const audit = await getDb().selectFrom("audit_event").select(["action", "entity_type"]).where("entity_id", "=", String(first.id)).where("entity_type", "=", "case").orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["case.open", "case.evidence_add"]);
  });

  it("for an officer, takes the unit the officer belongs to today, or else their latest unit", async () => {
    const thanhtra = await userIdOf("thanhtra");
    const [moved, retired] = await getDb()
      .insertInto("officer")
      .values([
        { code: "CB9001", full_name: "Trần Văn Chuyển" },
        { code: "CB9002", full_name: "Lê Thị Nghỉ" },
      ])
      .returning("id")
      .execute();
    await getDb()
      .insertInto("officer_membership")
      .values([
        { officer_id: moved!.id, unit_id: unitId.get("000.00.20.H55")!, valid_from: "2015-01-01", valid_to: "2025-06-30" },
        { officer_id: moved!.id, unit_id: unitId.get("000.31.01.H55")!, valid_from: "2025-07-01", valid_to: null },
        { officer_id: retired!.id, unit_id: unitId.get("000.00.06.H55")!, valid_from: "2010-01-01", valid_to: "2020-12-31" },
        { officer_id: retired!.id, unit_id: unitId.get("000.00.07.H55")!, valid_from: "2021-01-01", valid_to: "2025-09-30" },
      ])
      .execute();
    for (const [officer, unit] of [
      [moved!.id, "000.31.01.H55"],
      [retired!.id, "000.00.07.H55"],
    ] as const) {
      const result = await openCase(getDb(), { inspectionId, subject: { officerId: officer }, title: "Cán bộ chậm xử lý", evidenceSetId: setId }, thanhtra);
      if (!result.ok) throw new Error(result.message);
      expect(await caseRow(result.id)).toMatchObject({ subject_officer_id: officer, subject_unit_id: unitId.get(unit) });
    }
  });

  it("asks in Vietnamese for the inspection, title, subject and evidence", async () => {
    const response = await call(newCase.action, await makeRequest("/cases/new", { as: "thanhtra", form: { subjectKind: "unit", title: " " } }));
    expect(statusOf(response)).toBe(400);
    const errors = payloadOf(response).error;
    expect(errors.inspectionId).toEqual(["Vui lòng chọn đợt kiểm tra."]);
    expect(errors.title).toEqual(["Vui lòng nhập tên vụ việc."]);
    expect(errors.evidenceSetId).toEqual(["Vui lòng chọn bộ chứng cứ."]);
    const noOfficer = await call(newCase.action, await makeRequest("/cases/new", { as: "thanhtra", form: { inspectionId: String(inspectionId), subjectKind: "officer", title: "Cán bộ", evidenceSetId: String(setId) } }));
    expect(payloadOf(noOfficer).error.officerId).toEqual(["Vui lòng chọn cán bộ được kiểm tra."]);
  });

  it("gives 20 concurrent openings 20 distinct consecutive codes", async () => {
    const before = (await getDb().selectFrom("case_code_counter").select("last_sequence").where("year", "=", Number(YEAR)).executeTakeFirstOrThrow()).last_sequence;
    const thanhtra = await userIdOf("thanhtra");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => openCase(getDb(), { inspectionId, subject: { unitId: unitId.get("000.00.07.H55")! }, title: `Vụ việc song song ${i + 1}`, evidenceSetId: setId }, thanhtra)),
    );
    const codes = results.map((r) => (r.ok ? r.code : r.message)).sort();
    expect(codes).toEqual(Array.from({ length: 20 }, (_, i) => `KT-${YEAR}-${String(before + i + 1).padStart(4, "0")}`));
  });

  it("is for inspectors only; the form offers the ?evidenceSet prefill", async () => {
    for (const as of ["giamdoc", "truongdonvi", "tccb", "quantri"]) {
      expect(statusOf(await call(newCase.loader, await makeRequest("/cases/new", { as })))).toBe(403);
      expect(statusOf(await call(newCase.action, await makeRequest("/cases/new", { as, form: { title: "x" } })))).toBe(403);
    }
    const page = payloadOf(await call(newCase.loader, await makeRequest(`/cases/new?evidenceSet=${setId}`, { as: "thanhtra" })));
    expect(page.evidenceSetId).toBe(String(setId));
    expect(page.inspections[0]).toEqual({ value: String(inspectionId), label: expect.stringContaining("15/QĐ-SNV") });
  });
});

describe("frozen evidence", () => {
  it("survives a re-import that rewrites the dossier, and the case shows the live data changed", async () => {
    const caseId = (await getDb().selectFrom("inspection_case").select("id").where("sequence", "=", 1).executeTakeFirstOrThrow()).id;
    const before = await getDb().selectFrom("case_evidence").selectAll().where("case_id", "=", caseId).orderBy("id").execute();
    const cells = changingDossier.line.split(",");
    cells[6] = cells[5]!; // the result now arrives exactly at the promised time
    const bytes = Buffer.from(`${changingDossier.header}\n${cells.join(",")}\n`, "utf8");
    const reimport = await importEvidence(getDb(), { dossiers: { fileName: "dossiers.csv", bytes }, userId: null });
    expect(reimport).toMatchObject({ ok: true });
    const after = await getDb().selectFrom("case_evidence").selectAll().where("case_id", "=", caseId).orderBy("id").execute();
    expect(after).toEqual(before);
    const page = payloadOf(await call(casePage.loader, await makeRequest(`/cases/${caseId}`, { as: "thanhtra" }), { caseId: String(caseId) }));
    const changed = page.evidence.filter((e: { changedSince: boolean }) => e.changedSince).map((e: { dossier_code: string }) => e.dossier_code);
    expect(changed).toEqual([changingDossier.code]);
  });

  it("cannot be rewritten in SQL: the trigger refuses", async () => {
    const e = await getDb().selectFrom("case_evidence").select("id").orderBy("id").executeTakeFirstOrThrow();
    await expect(sql`update case_evidence set snapshot = '{}'::jsonb where id = ${e.id}`.execute(getDb())).rejects.toThrow(/đóng băng/);
    await expect(sql`update case_evidence set snapshot_sha256 = 'x' where id = ${e.id}`.execute(getDb())).rejects.toThrow(/đóng băng/);
  });

  it("is detached with a reason only, and the row stays", async () => {
    const caseId = (await getDb().selectFrom("inspection_case").select("id").where("sequence", "=", 2).executeTakeFirstOrThrow()).id;
    const e = await getDb().selectFrom("case_evidence").select("id").where("case_id", "=", caseId).orderBy("id").executeTakeFirstOrThrow();
    const noReason = await act("thanhtra", caseId, { intent: "detach", evidenceId: String(e.id), reason: " " });
    expect(statusOf(noReason)).toBe(400);
    expect(payloadOf(noReason).error.reason).toEqual(["Vui lòng nêu lý do gỡ hồ sơ khỏi chứng cứ."]);
    expect(statusOf(await act("giamdoc", caseId, { intent: "detach", evidenceId: String(e.id), reason: "Không liên quan" }))).toBe(403);
    expect(statusOf(await act("thanhtra", caseId, { intent: "detach", evidenceId: String(e.id), reason: "Hồ sơ không thuộc đơn vị" }))).toBe(302);
    const row = await getDb().selectFrom("case_evidence").selectAll().where("id", "=", e.id).executeTakeFirstOrThrow();
    expect(row.detached_reason).toBe("Hồ sơ không thuộc đơn vị");
    expect(row.detached_by).toBe(await userIdOf("thanhtra"));
  });
});

describe("moving a case", () => {
  const caseIdOf = async (sequence: number) => (await getDb().selectFrom("inspection_case").select("id").where("sequence", "=", sequence).executeTakeFirstOrThrow()).id;

  it("follows the state machine: member opens, only the lead requests explanation, the subject's head answers, the lead submits", async () => {
    const id = await caseIdOf(1);
    expect(statusOf(await act("thanhtra2", id, { intent: "transition", action: "open" }))).toBe(302);
    // Asking for and sending the explanation have their own forms (working days; an answer per finding).
    const cited = await getDb().selectFrom("case_evidence").select("dossier_id").where("case_id", "=", id).where("detached_at", "is", null).orderBy("id").executeTakeFirstOrThrow();
    expect(statusOf(await act("thanhtra2", id, { intent: "finding-add", criterionCode: "TC1", facts: "Hồ sơ trễ hạn.", proposedDeduction: "5", dossierIds: String(cited.dossier_id) }))).toBe(302);
    const refused = await act("thanhtra2", id, { intent: "explanation-request", workingDays: "5" });
    expect(statusOf(refused)).toBe(409);
    expect(payloadOf(refused).error[""][0]).toBe("Chỉ Trưởng đoàn kiểm tra được thực hiện thao tác «Yêu cầu giải trình».");
    expect((await caseRow(id)).state).toBe("open");
    expect(statusOf(await act("thanhtra", id, { intent: "explanation-request", workingDays: "5" }))).toBe(302);
    // The unit head sees the actions the machine allows them, and only those.
    const seen = payloadOf(await call(casePage.loader, await makeRequest(`/cases/${id}`, { as: "truongdonvi" }), { caseId: String(id) }));
    expect(seen.actions.map((a: { action: string }) => a.action)).toEqual(["submit_explanation"]);
    const finding = await getDb().selectFrom("finding").select("id").where("case_id", "=", id).executeTakeFirstOrThrow();
    expect(statusOf(await act("truongdonvi", id, { intent: "explanation-answer", findingId: String(finding.id), body: "Đơn vị đã khắc phục." }))).toBe(302);
    expect(statusOf(await act("truongdonvi", id, { intent: "explanation-submit" }))).toBe(302);
    expect((await caseRow(id)).state).toBe("under_review");
    // Submitting, returning and approving move the notice with the case: they go through the conclusion
    // page (tests/integration/conclusions.test.ts), never the generic transition.
    const elsewhere = await act("thanhtra", id, { intent: "transition", action: "submit_for_approval" });
    expect(statusOf(elsewhere)).toBe(409);
    expect(payloadOf(elsewhere).error[""][0]).toBe("Trình, trả lại và phê duyệt kết luận được thực hiện ở trang dự thảo kết luận của vụ việc.");
    expect((await caseRow(id)).state).toBe("under_review");
    const timeline = payloadOf(await call(casePage.loader, await makeRequest(`/cases/${id}`, { as: "giamdoc" }), { caseId: String(id) })).timeline;
    expect(timeline[0].summary).toContain("Đang xem xét");
    expect(timeline.at(-1).summary).toContain(`KT-${YEAR}-0001`);
    const audit = await getDb().selectFrom("audit_event").select("data").where("action", "=", "case.transition").where("entity_id", "=", String(id)).orderBy("id").execute();
    expect(audit.map((a) => [(a.data as { from: string }).from, (a.data as { to: string }).to])).toEqual([
      ["draft", "open"],
      ["open", "awaiting_explanation"],
      ["awaiting_explanation", "under_review"],
    ]);
  });

  it("withdraws only with a reason, and keeps the reason", async () => {
    const id = await caseIdOf(2);
    const noReason = await act("thanhtra", id, { intent: "transition", action: "withdraw" });
    expect(statusOf(noReason)).toBe(409);
    expect(payloadOf(noReason).error[""][0]).toBe(WITHDRAW_REFUSED);
    expect(statusOf(await act("thanhtra2", id, { intent: "transition", action: "withdraw", reason: "Trùng vụ việc khác" }))).toBe(409);
    expect(statusOf(await act("thanhtra", id, { intent: "transition", action: "withdraw", reason: "Trùng vụ việc khác" }))).toBe(302);
    expect(await caseRow(id)).toMatchObject({ state: "withdrawn", withdrawn_reason: "Trùng vụ việc khác" });
  });

  it("refuses the inspector who is the case's subject", async () => {
    const thanhtra = await userIdOf("thanhtra");
    const opened = await openCase(getDb(), { inspectionId, subject: { officerId: officerId.get("CB0005")! }, title: "Vụ việc về thành viên đoàn", evidenceSetId: setId }, thanhtra);
    if (!opened.ok) throw new Error(opened.message);
    const refused = await act("thanhtra2", opened.id, { intent: "transition", action: "open" });
    expect(payloadOf(refused).error[""][0]).toBe(SELF_CASE_REFUSED);
  });
});

describe("who sees cases", () => {
  it("a unit head sees only cases about their units: others are absent from the list and 404", async () => {
    const list = payloadOf(await call(caseList.loader, await makeRequest("/cases?view=all", { as: "truongdonvi" })));
    const commune = unitId.get("000.31.01.H55");
    expect(list.total).toBeGreaterThan(0);
    for (const row of list.rows) expect((await caseRow(row.id)).subject_unit_id).toBe(commune);
    const other = (await getDb().selectFrom("inspection_case").select("id").where("subject_unit_id", "=", unitId.get("000.00.07.H55")!).executeTakeFirstOrThrow()).id;
    expect(statusOf(await call(casePage.loader, await makeRequest(`/cases/${other}`, { as: "truongdonvi" }), { caseId: String(other) }))).toBe(404);
    expect(statusOf(await act("truongdonvi", other, { intent: "transition", action: "submit_explanation" }))).toBe(404);
    expect(await getCase(getDb(), { id: other, scope: { all: false, unitIds: [commune!] } })).toBeUndefined();
  });

  it("inspectors see every case, filter by state and by their own inspections, a page at a time", async () => {
    const total = (await getDb().selectFrom("inspection_case").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
    const all = payloadOf(await call(caseList.loader, await makeRequest("/cases", { as: "giamdoc" })));
    expect(all.total).toBe(Number(total));
    expect(all.rows).toHaveLength(Math.min(25, Number(total)));
    const page2 = payloadOf(await call(caseList.loader, await makeRequest("/cases?page=2", { as: "giamdoc" })));
    expect(page2.rows.length).toBe(Number(total) - 25);
    const reviewed = payloadOf(await call(caseList.loader, await makeRequest("/cases?state=under_review", { as: "thanhtra" })));
    expect(reviewed.rows.map((r: { code: string }) => r.code)).toEqual([`KT-${YEAR}-0001`]);
    expect(payloadOf(await call(caseList.loader, await makeRequest("/cases?mine=1", { as: "thanhtra2" }))).total).toBe(Number(total));
    expect(payloadOf(await call(caseList.loader, await makeRequest("/cases?mine=1", { as: "giamdoc" }))).total).toBe(0);
  });

  it("HR and the administrator get 403", async () => {
    for (const as of ["tccb", "quantri"]) {
      expect(statusOf(await call(caseList.loader, await makeRequest("/cases", { as })))).toBe(403);
      expect(statusOf(await call(casePage.loader, await makeRequest("/cases/1", { as }), { caseId: "1" }))).toBe(403);
      expect(statusOf(await act(as, 1, { intent: "transition", action: "open" }))).toBe(403);
    }
  });
});
