// The world the findings and explanation tests share: the shared case world (tests/case-world.ts: the
// sample organisation, calendar and dossiers, inspection 15/QĐ-SNV whose team is thanhtra (lead) and
// thanhtra2 (member)), plus an inspector outside the team, a unit head of another commune, and a way to
// open a case on the commune truongdonvi heads (000.31.01.H55) from chosen dossiers.
import { expect } from "vitest";
import { getDb } from "../../db/index.js";
import { openCase, transitionCase } from "../../app/models/cases.server.js";
import { createUser, loadSessionUser } from "../../app/models/users.server.js";
import * as casePage from "../../app/routes/cases.$caseId.js";
import { setUpCaseWorld } from "../case-world.js";
import { call, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

export type World = {
  inspectionId: number;
  unitId: Map<string, number>;
  /** Dossiers of the sample, by code. */
  dossiers: { id: number; code: string }[];
};

export async function buildWorld(): Promise<World> {
  const base = await setUpCaseWorld();
  const admin = await userIdOf("quantri");
  for (const [username, displayName, roles] of [
    ["thanhtra3", "Lê Văn Ngoài Đoàn", [{ role: "inspector" as const, unitId: null }]],
    ["truongdonvi2", "Đinh Thị Phường Khác", [{ role: "unit_head" as const, unitId: base.unitId.get("000.31.02.H55")! }]],
  ] as const) {
    const created = await createUser(getDb(), { username, displayName, passwordHash: "không dùng", officerId: null, roles: [...roles] }, admin);
    expect(created.ok).toBe(true);
  }
  const dossiers = [...base.dossierId].map(([code, id]) => ({ id, code })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { inspectionId: base.inspectionId, unitId: base.unitId, dossiers };
}

export async function sessionUser(username: string) {
  const user = await loadSessionUser(getDb(), await userIdOf(username));
  if (!user) throw new Error(`no user ${username}`);
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
