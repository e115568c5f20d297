// The world and the request runner of the authorization matrix (authorization-matrix.test.ts): one of
// each record a route's params can name, about the commune truongdonvi heads (000.31.01.H55), and two
// extra users — a unit head of another commune and an HR officer of a department — to test scope.
import { createHash } from "node:crypto";
import { getDb } from "../../db/index.js";
import { issueToken } from "../../app/models/api-tokens.server.js";
import { consumeFromWeb, openCycle } from "../../app/models/appraisal.server.js";
import { createUser, loadSessionUser } from "../../app/models/users.server.js";
import { publishedCase, setUpCaseWorld } from "../case-world.js";
import { call, makeRequest, userIdOf } from "../helpers.js";

export const PERSONAS = ["admin", "inspector", "approver", "unit_head", "other_unit_head", "hr", "hr_outside", "anonymous"] as const;
export type Persona = (typeof PERSONAS)[number];

export const USERNAME: Record<Persona, string | undefined> = {
  admin: "quantri",
  inspector: "thanhtra",
  approver: "giamdoc",
  unit_head: "truongdonvi",
  other_unit_head: "truongdonvi_khac",
  hr: "tccb",
  hr_outside: "tccb_ngoai",
  anonymous: undefined,
};

export const OUTCOMES = ["ok", "login", "unauthorized", "forbidden", "notfound", "method"] as const;
export type Outcome = (typeof OUTCOMES)[number];

const sessionUser = async (username: string) => (await loadSessionUser(getDb(), await userIdOf(username)))!;

/** Builds the world and returns a real id for every route param. */
export async function buildAuthorizationWorld(): Promise<Record<string, string>> {
  const world = await setUpCaseWorld();
  const admin = await userIdOf("quantri");
  for (const [username, displayName, role, unit] of [
    ["truongdonvi_khac", "Đinh Thị Phường Khác", "unit_head", "000.31.02.H55"],
    ["tccb_ngoai", "Phạm Văn Sở Khác", "hr", "000.00.02.H55"],
  ] as const) {
    const created = await createUser(getDb(), { username, displayName, passwordHash: "không dùng", officerId: null, roles: [{ role, unitId: world.unitId.get(unit)! }] }, admin);
    if (!created.ok) throw new Error(`không tạo được ${username}`);
  }
  const commune = world.unitId.get("000.31.01.H55")!;
  const dossier = await getDb().selectFrom("dossier").select("id").where("unit_id", "=", commune).orderBy("id").executeTakeFirstOrThrow();
  const code = [...world.dossierId].find(([, id]) => id === dossier.id)![0];
  const published = await publishedCase(world, [code], [{ ownerUnit: "000.31.01.H55", deadline: "2027-03-31" }]);
  const recommendation = await getDb().selectFrom("recommendation").select("id").where("conclusion_id", "=", published.conclusionId).executeTakeFirstOrThrow();
  const item = await getDb().selectFrom("conclusion_item").select("id").where("conclusion_id", "=", published.conclusionId).executeTakeFirstOrThrow();

  const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");
  const attachment = await getDb()
    .insertInto("attachment")
    .values({ case_id: published.caseId, file_name: "Biên bản.pdf", media_type: "application/pdf", size_bytes: pdf.length, sha256: createHash("sha256").update(pdf).digest("hex"), content: pdf, uploaded_by: await userIdOf("thanhtra") })
    .returning("id")
    .executeTakeFirstOrThrow();

  // The cycle is opened on the province by tccb: outside tccb_ngoai's department.
  const hr = await sessionUser("tccb");
  const province = world.unitId.get("000.00.00.H55")!;
  const cycle = await openCycle(getDb(), { year: 2026, quarter: null, scopeUnitId: province, ruleSetCode: "nd335-2025", title: null }, hr, { all: true });
  if (!cycle.ok) throw new Error(cycle.message);
  const consumed = await consumeFromWeb(getDb(), { itemId: item.id, cycle: { id: cycle.id }, scope: { all: true } }, hr);
  if (!consumed.ok) throw new Error(consumed.message);

  const set = await getDb().insertInto("evidence_set").values({ name: "Hồ sơ trễ hạn xã Tịnh Khê", created_by: admin }).returning("id").executeTakeFirstOrThrow();
  await getDb().insertInto("evidence_set_dossier").values({ evidence_set_id: set.id, dossier_id: dossier.id }).execute();
  const batch = await getDb().selectFrom("import_batch").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
  const officer = world.officerId.get("CB0062")!;
  const membership = await getDb().selectFrom("officer_membership").select("id").where("officer_id", "=", officer).executeTakeFirstOrThrow();
  const token = await issueToken(getDb(), { name: "Phần mềm đánh giá", unitIds: [province] }, await sessionUser("quantri"));
  if (!token.ok) throw new Error("không cấp được khoá");

  return {
    caseId: String(published.caseId),
    attachmentId: String(attachment.id),
    recommendationId: String(recommendation.id),
    noticeId: String(published.conclusionId),
    cycleId: String(cycle.id),
    officerId: String(officer),
    unitId: String(commune),
    membershipId: String(membership.id),
    setId: String(set.id),
    batchId: String(batch.id),
    jobId: "khong-co-lan-nhap-nay",
    userId: await userIdOf("truongdonvi"),
    inspectionId: String(world.inspectionId),
    dossierId: String(dossier.id),
    itemId: String(item.id),
  };
}

/** The URL path of a flat-route file name, with its params filled from the world. */
export function pathOf(route: string, params: Record<string, string>): { path: string; used: Record<string, string> } {
  const used: Record<string, string> = {};
  const segments = route
    .replace(/\.(tsx|ts)$/, "")
    .replaceAll("[.]", "\u0000")
    .split(".")
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => s.replace(/_$/, ""))
    .map((s) => {
      if (!s.startsWith("$")) return s;
      const name = s.slice(1);
      const value = params[name];
      if (value === undefined) throw new Error(`Ma trận phân quyền: không biết giá trị cho tham số $${name} của ${route} — thêm nó vào buildAuthorizationWorld().`);
      used[name] = value;
      return value;
    });
  return { path: "/" + segments.join("/").replaceAll("\u0000", "."), used };
}

type Handler = Parameters<typeof call>[0];

/** What a persona gets from a loader (GET) or an action (POST with a form no route accepts). */
export async function outcomeOf(fn: Handler, kind: "loader" | "action", path: string, params: Record<string, string>, persona: Persona): Promise<Outcome | `status ${number}`> {
  return classify(await statusAndLocation(fn, kind, path, params, persona));
}

/** The bare status, to compare a real record with one that does not exist. */
export async function rawStatusOf(fn: Handler, kind: "loader" | "action", path: string, params: Record<string, string>, persona: Persona): Promise<number> {
  return (await statusAndLocation(fn, kind, path, params, persona)).status;
}

async function statusAndLocation(fn: Handler, kind: "loader" | "action", path: string, params: Record<string, string>, persona: Persona) {
  const username = USERNAME[persona];
  const request = await makeRequest(path, { as: username, ...(kind === "action" ? { form: { intent: "kiem-tra-phan-quyen" } } : {}) });
  const result = await call(fn, request, params);
  let status = 200;
  let location: string | null = null;
  if (result instanceof Response) {
    status = result.status;
    location = result.headers.get("Location");
  } else {
    const maybe = result as { type?: string; init?: { status?: number; headers?: HeadersInit } | null } | null;
    if (maybe && maybe.type === "DataWithResponseInit") {
      status = maybe.init?.status ?? 200;
      location = new Headers(maybe.init?.headers).get("Location");
    }
  }
  return { status, location };
}

function classify({ status, location }: { status: number; location: string | null }): Outcome | `status ${number}` {
  if (status >= 300 && status < 400) return location && new URL(location, "http://localhost").pathname === "/login" ? "login" : "ok";
  if (status >= 200 && status < 300) return "ok";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "notfound";
  if (status === 405) return "method";
  // A form or a query that fails validation (the CSV exports want a period) is past authorization.
  if (status === 400 || status === 409 || status === 422) return "ok";
  return `status ${status}`;
}
