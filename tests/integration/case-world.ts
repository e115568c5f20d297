// The world the findings and explanation tests share: the province's organisation, calendar and sample
// dossiers, an inspection whose team is thanhtra (CB0004, lead) and thanhtra2 (CB0005, member), an
// inspector outside the team, a unit head of another commune, and a way to open a case on the commune
// truongdonvi heads (000.31.01.H55) from chosen dossiers.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { importCalendar, importEvidence } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import { openCase, transitionCase } from "../../app/models/cases.server.js";
import { createUser } from "../../app/models/users.server.js";
import { getUser } from "../../app/auth.server.js";
import * as casePage from "../../app/routes/cases.$caseId.js";
import { call, cookieFor, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });

export type World = {
  inspectionId: number;
  unitId: Map<string, number>;
  /** Dossiers of the sample, by code. */
  dossiers: { id: number; code: string }[];
};

export async function buildWorld(): Promise<World> {
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
  const unitId = new Map((await getDb().selectFrom("unit").select(["id", "code"]).execute()).map((u) => [u.code, u.id]));
  const officerId = new Map((await getDb().selectFrom("officer").select(["id", "code"]).execute()).map((o) => [o.code, o.id]));
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
  await getDb()
    .insertInto("inspection_member")
    .values([
      { inspection_id: inspection.id, officer_id: officerId.get("CB0004")!, role: "lead", added_by: thanhtra },
      { inspection_id: inspection.id, officer_id: officerId.get("CB0005")!, role: "member", added_by: thanhtra },
    ])
    .execute();
  const admin = await userIdOf("quantri");
  for (const [username, displayName, roles] of [
    ["thanhtra3", "Lê Văn Ngoài Đoàn", [{ role: "inspector" as const, unitId: null }]],
    ["truongdonvi2", "Đinh Thị Phường Khác", [{ role: "unit_head" as const, unitId: unitId.get("000.31.02.H55")! }]],
  ] as const) {
    const created = await createUser(getDb(), { username, displayName, passwordHash: "không dùng", officerId: null, roles: [...roles] }, admin);
    expect(created.ok).toBe(true);
  }
  const dossiers = await getDb().selectFrom("dossier").select(["id", "code"]).orderBy("code").execute();
  return { inspectionId: inspection.id, unitId, dossiers };
}

export async function sessionUser(username: string) {
  const request = new Request("http://localhost/", { headers: { Cookie: await cookieFor(username) } });
  const user = await getUser(request);
  if (!user) throw new Error(`no session for ${username}`);
  return user;
}

/** A case on truongdonvi's commune with the given dossiers as evidence, moved to "open" by a member. */
export async function openCommuneCase(world: World, dossierIds: number[], title = "Chậm trả kết quả tại phường Cẩm Thành"): Promise<number> {
  const opened = await openCase(getDb(), { inspectionId: world.inspectionId, subject: { unitId: world.unitId.get("000.31.01.H55")! }, title, dossierIds }, await userIdOf("thanhtra"));
  if (!opened.ok) throw new Error(opened.message);
  const moved = await transitionCase(getDb(), { id: opened.id, scope: { all: true }, action: "open" }, await sessionUser("thanhtra2"));
  expect(moved).toMatchObject({ ok: true, to: "open" });
  return opened.id;
}

/** Posts the case page's action as a user. */
export async function post(as: string, caseId: number, form: Record<string, string | Blob | string[]>) {
  return call(casePage.action, await makeRequest(`/cases/${caseId}`, { as, form }), { caseId: String(caseId) });
}

/** The case page's loader data as a user (fails the test unless 200). */
export async function page(as: string, caseId: number) {
  const result = await call(casePage.loader, await makeRequest(`/cases/${caseId}`, { as }), { caseId: String(caseId) });
  expect(statusOf(result)).toBe(200);
  return payloadOf(result);
}

export async function caseRow(id: number) {
  return getDb().selectFrom("inspection_case").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
