// The API for external HR software (issue 6 point 4): tokens issued by an admin, scoped to units; the
// pending and consumed items page by page; consumption through the single path, idempotent per key,
// refusing a second consumption by naming who made the first and when — whichever channel it came from.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { atText } from "../../app/domain/appraisal/consumption.js";
import { issueToken, revokeToken } from "../../app/models/api-tokens.server.js";
import { consumeFromWeb, openCycle } from "../../app/models/appraisal.server.js";
import { loadSessionUser } from "../../app/models/users.server.js";
import type { SessionUser } from "../../app/permissions.js";
import * as tokensPage from "../../app/routes/admin.api-tokens.js";
import * as list from "../../app/routes/api.v1.appraisal-items.js";
import * as consume from "../../app/routes/api.v1.appraisal-items.$itemId.consume.js";
import { publishedCase, setUpCaseWorld, type CaseWorld } from "../case-world.js";
import { BASE, call, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

const SOFTWARE = "Phần mềm quản lý cán bộ tỉnh";
const ELSEWHERE = "Phần mềm nhân sự Sở Giáo dục";

let world: CaseWorld;
let admin: SessionUser;
let hr: SessionUser;
let items: number[]; // three published unit items about 000.31.01.H55, by id
let cycle: { id: number; reference: string };
let token: string; // scoped to the province: every item
let otherToken: string; // scoped to 000.00.07.H55: none of the items

const sessionUser = async (username: string) => (await loadSessionUser(getDb(), await userIdOf(username)))!;

beforeAll(async () => {
  world = await setUpCaseWorld();
  const dossiers = [...world.dossierId.keys()];
  const conclusions: number[] = [];
  for (const code of dossiers.slice(0, 3)) conclusions.push((await publishedCase(world, [code], [])).conclusionId);
  items = (await getDb().selectFrom("conclusion_item").select("id").where("conclusion_id", "in", conclusions).orderBy("id").execute()).map((r) => r.id);
  [admin, hr] = await Promise.all([sessionUser("quantri"), sessionUser("tccb")]);
  const opened = await openCycle(getDb(), { year: 2026, quarter: null, scopeUnitId: world.unitId.get("000.00.00.H55")!, ruleSetCode: "nd335-2025", title: null }, hr, { all: true });
  if (!opened.ok) throw new Error(opened.message);
  cycle = { id: opened.id, reference: opened.reference };
  const issued = await issueToken(getDb(), { name: SOFTWARE, unitIds: [world.unitId.get("000.00.00.H55")!] }, admin);
  const other = await issueToken(getDb(), { name: ELSEWHERE, unitIds: [world.unitId.get("000.00.07.H55")!] }, admin);
  if (!issued.ok || !other.ok) throw new Error("không cấp được khoá");
  [token, otherToken] = [issued.token, other.token];
});

const bearer = (t: string | null): Record<string, string> => (t ? { Authorization: `Bearer ${t}` } : {});

async function listed(query: string, t: string | null = token): Promise<Response> {
  return (await call(list.loader, new Request(`${BASE}/api/v1/appraisal-items${query}`, { headers: bearer(t) }))) as Response;
}

async function consumed(itemId: number | string, body: unknown, key: string | null, t: string | null = token): Promise<Response> {
  const headers: Record<string, string> = { ...bearer(t), "Content-Type": "application/json" };
  if (key !== null) headers["Idempotency-Key"] = key;
  const request = new Request(`${BASE}/api/v1/appraisal-items/${itemId}/consume`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  return (await call(consume.action, request, { itemId: String(itemId) })) as Response;
}

const consumptionRows = async (itemId: number) =>
  Number((await getDb().selectFrom("appraisal_consumption").select((eb) => eb.fn.countAll<number>().as("n")).where("conclusion_item_id", "=", itemId).executeTakeFirstOrThrow()).n);

describe("a call without a valid token", () => {
  it("is refused with 401 and a Vietnamese message, on both endpoints", async () => {
    const revoked = await issueToken(getDb(), { name: "Khoá sẽ thu hồi", unitIds: [world.unitId.get("000.00.00.H55")!] }, admin);
    if (!revoked.ok) throw new Error(revoked.message);
    expect(statusOf(await listed("", revoked.token))).toBe(200);
    await revokeToken(getDb(), { tokenId: revoked.id }, admin);
    for (const t of [null, "ktcv_khong-phai-khoa-that", token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), revoked.token]) {
      const response = await listed("", t);
      expect(response.status).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toContain("Bearer");
      expect((await response.json()).error).toContain("khoá không hợp lệ");
      expect((await consumed(items[0]!, { cycle: cycle.reference, unit: "000.31.01.H55" }, "k-401", t)).status).toBe(401);
    }
    // Basic credentials or a session cookie are not a token.
    const basic = (await call(list.loader, new Request(`${BASE}/api/v1/appraisal-items`, { headers: { Authorization: `Basic ${btoa("quantri:Ktcv@2026")}` } }))) as Response;
    expect(basic.status).toBe(401);
    expect(statusOf(await call(list.loader, await makeRequest("/api/v1/appraisal-items", { as: "quantri" })))).toBe(401);
    expect(await consumptionRows(items[0]!)).toBe(0);
  });

  it("marks a token used when it authenticates", async () => {
    await listed("");
    const row = await getDb().selectFrom("api_token").select("last_used_at").where("name", "=", SOFTWARE).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
  });
});

describe("listing items", () => {
  it("pages the pending items with an opaque cursor", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const response = await listed(`?status=pending&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.items).toHaveLength(1);
      seen.push(body.items[0].id);
      cursor = body.nextCursor;
      if (!cursor) break;
      expect(cursor).not.toContain(String(body.items[0].id));
    }
    expect(seen).toEqual(items);
    const all = await (await listed("")).json();
    expect(all.items.map((i: { id: number }) => i.id)).toEqual(items);
    expect(all.nextCursor).toBeNull();
    expect(all.items[0]).toEqual({
      id: items[0],
      notice: { number: expect.stringMatching(/^\d{2}\/TB-SNV$/), publicationDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      caseCode: expect.stringMatching(/^KT-\d{4}-\d{4}$/),
      subject: { type: "unit", code: "000.31.01.H55", name: "UBND xã Tịnh Khê", unitCode: "000.31.01.H55" },
      effect: { kind: "violation", points: 12, attributedDelays: 1, disciplineLevel: null, parDeduction: 0 },
      content: "Để hồ sơ giải quyết quá hạn.",
      needsAcknowledgement: false,
      consumption: null,
    });
  });

  it("refuses a bad status, limit or cursor with 400", async () => {
    for (const query of ["?status=all", "?limit=0", "?limit=501", "?limit=abc", "?cursor=xyz", `?status=consumed&cursor=${Buffer.from(`p:${items[0]}`).toString("base64url")}`]) {
      const response = await listed(query);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error).toMatch(/status|limit|cursor/);
    }
  });

  it("filters by a unit within the token's scope, and answers 404 for a unit outside it", async () => {
    const inScope = await (await listed("?unit=000.31.01.H55")).json();
    expect(inScope.items).toHaveLength(3);
    expect((await (await listed("?unit=000.00.07.H55")).json()).items).toEqual([]);
    const outside = await listed("?unit=000.31.01.H55", otherToken);
    expect(outside.status).toBe(404);
    expect((await outside.json()).error).toContain("000.31.01.H55");
    expect((await listed("?unit=KHONG-CO")).status).toBe(404);
    // The other token sees none of these items at all.
    expect((await (await listed("", otherToken)).json()).items).toEqual([]);
  });
});

describe("consuming an item", () => {
  const body = () => ({ cycle: cycle.reference, unit: "000.31.01.H55", note: "Đồng bộ từ phần mềm nhân sự" });

  it("records it once (201) and replays the same reply to a repeat of the same key", async () => {
    const first = await consumed(items[0]!, body(), "dong-bo-0001");
    expect(first.status).toBe(201);
    const text = await first.text();
    const reply = JSON.parse(text);
    expect(reply).toEqual({ consumption: { mode: "counted", cycle: cycle.reference, channel: "api", consumedBy: SOFTWARE, consumedAt: expect.any(String) }, item: { id: items[0] } });
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();

    // The same request again, its keys in another order: the same status and the same bytes.
    const again = await consumed(items[0]!, JSON.stringify({ note: "Đồng bộ từ phần mềm nhân sự", unit: "000.31.01.H55", cycle: cycle.reference }, null, 2), "dong-bo-0001");
    expect(again.status).toBe(201);
    expect(await again.text()).toBe(text);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await consumptionRows(items[0]!)).toBe(1);
    const stored = await getDb().selectFrom("appraisal_consumption").select(["channel", "idempotency_key", "note"]).where("conclusion_item_id", "=", items[0]!).executeTakeFirstOrThrow();
    expect(stored).toEqual({ channel: "api", idempotency_key: "dong-bo-0001", note: "Đồng bộ từ phần mềm nhân sự" });
  });

  it("refuses the same key with another request (422)", async () => {
    for (const [itemId, other] of [
      [items[0]!, { ...body(), note: "Ghi chú khác" }],
      [items[1]!, body()],
    ] as const) {
      const response = await consumed(itemId, other, "dong-bo-0001");
      expect(response.status).toBe(422);
      expect((await response.json()).error).toContain("Idempotency-Key “dong-bo-0001” đã dùng cho một yêu cầu khác");
    }
    expect(await consumptionRows(items[1]!)).toBe(0);
  });

  it("refuses a second consumption under another key (409), naming the software and when", async () => {
    const response = await consumed(items[0]!, body(), "dong-bo-0002");
    expect(response.status).toBe(409);
    const reply = await response.json();
    expect(reply).toMatchObject({ consumedBy: SOFTWARE, channel: "api", cycle: cycle.reference });
    expect(reply.error).toContain(`bởi phần mềm ${SOFTWARE} (qua API) lúc ${atText(reply.consumedAt)}`);
    expect(reply.error).toContain("không đánh giá lại");
    // The 409 is stored too: its repeat is the same reply.
    const again = await consumed(items[0]!, body(), "dong-bo-0002");
    expect([again.status, again.headers.get("Idempotent-Replayed"), await again.json()]).toEqual([409, "true", reply]);
    expect(await consumptionRows(items[0]!)).toBe(1);
  });

  it("answers 404 for an item outside the token's scope, and consumes nothing", async () => {
    const response = await consumed(items[1]!, body(), "ngoai-pham-vi", otherToken);
    expect(response.status).toBe(404);
    expect((await response.json()).error).toContain("ngoài phạm vi");
    expect((await consumed(999_999, body(), "khong-co")).status).toBe(404);
    expect((await consumed("abc", body(), "khong-co-2")).status).toBe(404);
    expect(await consumptionRows(items[1]!)).toBe(0);
  });

  it("lists the consumed item with who consumed it, and no longer as pending", async () => {
    const done = await (await listed("?status=consumed")).json();
    expect(done.items.map((i: { id: number }) => i.id)).toEqual([items[0]]);
    expect(done.items[0].consumption).toEqual({ mode: "counted", cycle: cycle.reference, channel: "api", consumedBy: SOFTWARE, consumedAt: expect.any(String) });
    expect(done.items[0].subject.code).toBe("000.31.01.H55");
    expect(done.nextCursor).toBeNull();
    expect((await (await listed("?status=consumed", otherToken)).json()).items).toEqual([]);
    const pending = await (await listed("")).json();
    expect(pending.items.map((i: { id: number }) => i.id)).toEqual(items.slice(1));
  });

  it("refuses through the API an item HR consumed on the web page, naming the HR officer", async () => {
    const web = await consumeFromWeb(getDb(), { itemId: items[2]!, cycle: { id: cycle.id }, scope: { all: true } }, hr);
    expect(web.ok).toBe(true);
    const response = await consumed(items[2]!, body(), "dong-bo-0003");
    expect(response.status).toBe(409);
    const reply = await response.json();
    expect(reply).toMatchObject({ consumedBy: "Nguyễn Thị Thanh Tâm", channel: "web", cycle: cycle.reference });
    expect(reply.error).toContain("bởi Nguyễn Thị Thanh Tâm lúc");
    expect(await consumptionRows(items[2]!)).toBe(1);
  });

  it("lets concurrent repeats of one key wait for the first, and concurrent keys race for one consumption", async () => {
    const same = await Promise.all([1, 2, 3].map(() => consumed(items[1]!, { cycle: cycle.reference, unit: "000.31.01.H55" }, "dong-thoi")));
    const texts = await Promise.all(same.map((r) => r.text()));
    expect(same.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(texts).size).toBe(1);
    expect(same.filter((r) => r.headers.get("Idempotent-Replayed") === "true")).toHaveLength(2);
    expect(await consumptionRows(items[1]!)).toBe(1);
  });

  it("says what is wrong with a request (400) or with what it names (422)", async () => {
    const cases: [unknown, string | null, number, string][] = [
      [body(), null, 400, "Idempotency-Key"],
      [body(), "x".repeat(201), 400, "tối đa 200"],
      ["{cycle:", "sai-json", 400, "không phải JSON"],
      [[1, 2], "mang", 400, "đối tượng JSON"],
      [{ unit: "000.31.01.H55" }, "thieu-ky", 400, 'Thiếu trường "cycle"'],
      [{ cycle: cycle.reference }, "thieu-doi-tuong", 400, '"officer"'],
      [{ cycle: cycle.reference, unit: "000.31.01.H55", officer: "CB0012" }, "ca-hai", 400, "đúng một"],
      [{ cycle: 2026, unit: "000.31.01.H55" }, "ky-so", 400, '"cycle"'],
      [{ cycle: cycle.reference, unit: "000.31.01.H55", reason: "x" }, "la", 400, '"reason"'],
      [{ cycle: "DG-2099-001", unit: "000.31.01.H55" }, "ky-khong-co", 422, "Không tìm thấy kỳ đánh giá"],
      [{ cycle: cycle.reference, officer: "CB0012" }, "sai-doi-tuong", 422, "không phải CB0012"],
    ];
    for (const [payload, key, status, words] of cases) {
      const response = await consumed(items[1]!, payload, key);
      expect(response.status, JSON.stringify(payload)).toBe(status);
      expect((await response.json()).error).toContain(words);
    }
  });

  it("answers 405 to GET on the consume address", async () => {
    const response = (await call(consume.loader, new Request(`${BASE}/api/v1/appraisal-items/${items[0]}/consume`, { headers: bearer(token) }), { itemId: String(items[0]) })) as Response;
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
  });
});

describe("the API tokens page", () => {
  const page = async (as: string, query = "") => call(tokensPage.loader, await makeRequest(`/admin/api-tokens${query}`, { as }));
  const post = async (as: string, form: Record<string, string>) => call(tokensPage.action, await makeRequest("/admin/api-tokens", { as, form }));

  it("is for admins only", async () => {
    for (const as of ["tccb", "thanhtra", "giamdoc", "truongdonvi"]) {
      expect(statusOf(await page(as)), as).toBe(403);
      expect(statusOf(await post(as, { intent: "issue", name: "X", unitIds: String(world.unitId.get("000.00.00.H55")) })), as).toBe(403);
    }
  });

  it("issues a token shown once, which works against the API until it is revoked", async () => {
    const unit = world.unitId.get("000.31.01.H55")!;
    const result = await post("quantri", { intent: "issue", name: "Phần mềm HRM xã Tịnh Khê", unitIds: String(unit) });
    expect(statusOf(result)).toBe(200);
    const issued = payloadOf(result).issued;
    expect(issued.token).toMatch(/^ktcv_[A-Za-z0-9_-]{43}$/);

    // Only its prefix is kept and listed; the token itself is nowhere: not in the list, not in the log.
    const listing = payloadOf(await page("quantri"));
    const row = listing.rows.find((r: { name: string }) => r.name === "Phần mềm HRM xã Tịnh Khê");
    expect(row).toMatchObject({ prefix: issued.token.slice(0, 12), units: [{ code: "000.31.01.H55", name: "UBND xã Tịnh Khê" }], revoked_at: null, created_by_name: admin.displayName });
    expect(JSON.stringify(listing)).not.toContain(issued.token);
    const stored = await getDb().selectFrom("api_token").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(issued.token);
    const audit = await getDb().selectFrom("audit_event").select(["action", "summary", "data"]).where("entity_type", "=", "api_token").where("entity_id", "=", String(row.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(["api_token.issue"]);
    expect(JSON.stringify(audit)).not.toContain(issued.token);

    const works = await listed("?unit=000.31.01.H55", issued.token);
    expect(works.status).toBe(200);

    const revoked = (await post("quantri", { intent: "revoke", tokenId: String(row.id) })) as Response;
    expect(revoked.status).toBe(302);
    expect((await listed("", issued.token)).status).toBe(401);
    expect(payloadOf(await page("quantri")).rows.find((r: { id: number }) => r.id === row.id)).toMatchObject({ revoked_by_name: admin.displayName, revoked_at: expect.any(String) });
    // A second revocation changes nothing and says so.
    expect(statusOf(await post("quantri", { intent: "revoke", tokenId: String(row.id) }))).toBe(302);
    expect(statusOf(await post("quantri", { intent: "revoke", tokenId: "999999" }))).toBe(404);
  });

  it("refuses a token without a name or units", async () => {
    const result = await post("quantri", { intent: "issue", name: " " });
    expect(statusOf(result)).toBe(400);
    const payload = payloadOf(result);
    expect(payload.issued).toBeNull();
    expect(payload.result.error.name).toEqual(["Nhập tên phần mềm sử dụng khoá."]);
    expect(payload.result.error.unitIds?.[0]).toContain("Chọn ít nhất một đơn vị");
  });
});
