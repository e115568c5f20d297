// Exactly once under a race (issue 6): twenty requests to consume the same published item at the same
// moment — ten through the HR page's action as two different HR officers, ten through the API under two
// tokens with ten different Idempotency-Keys — leave exactly one consumption and one audit event; every
// other request is refused with 409 naming whoever won, and when.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { issueToken } from "../../app/models/api-tokens.server.js";
import { openCycle } from "../../app/models/appraisal.server.js";
import { loadSessionUser } from "../../app/models/users.server.js";
import * as cyclePage from "../../app/routes/appraisal.$cycleId._index.js";
import * as consumeApi from "../../app/routes/api.v1.appraisal-items.$itemId.consume.js";
import { publishedCase, setUpCaseWorld } from "../case-world.js";
import { BASE, call, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

let itemId: number;
let cycleId: number;
let reference: string;
const tokens: string[] = [];

beforeAll(async () => {
  const world = await setUpCaseWorld();
  const published = await publishedCase(world, [[...world.dossierId.keys()][1]!], []);
  itemId = (await getDb().selectFrom("conclusion_item").select("id").where("conclusion_id", "=", published.conclusionId).executeTakeFirstOrThrow()).id;
  const hr = (await loadSessionUser(getDb(), await userIdOf("tccb")))!;
  const admin = (await loadSessionUser(getDb(), await userIdOf("quantri")))!;
  const province = await getDb().selectFrom("unit").select("id").where("parent_id", "is", null).orderBy("id").executeTakeFirstOrThrow();
  const cycle = await openCycle(getDb(), { year: 2026, quarter: null, scopeUnitId: province.id, ruleSetCode: "nd335-2025", title: null }, hr, { all: true });
  if (!cycle.ok) throw new Error(cycle.message);
  [cycleId, reference] = [cycle.id, cycle.reference];
  for (const name of ["Phần mềm quản lý cán bộ tỉnh", "Hệ thống đánh giá trực tuyến"]) {
    const issued = await issueToken(getDb(), { name, unitIds: [province.id] }, admin);
    if (!issued.ok) throw new Error(issued.message);
    tokens.push(issued.token);
  }
}, 120_000);

type Outcome = { channel: "web" | "api"; status: number; message: string };

async function viaWeb(as: string): Promise<Outcome> {
  const request = await makeRequest(`/appraisal/${cycleId}`, { as, form: { intent: "consume", itemId: String(itemId) } });
  const result = await call(cyclePage.action, request, { cycleId: String(cycleId) });
  const payload = statusOf(result) === 302 ? null : payloadOf<{ refusal?: { message: string } }>(result);
  return { channel: "web", status: statusOf(result), message: payload?.refusal?.message ?? "" };
}

async function viaApi(token: string, key: string): Promise<Outcome> {
  const request = new Request(`${BASE}/api/v1/appraisal-items/${itemId}/consume`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": key, "Content-Type": "application/json" },
    body: JSON.stringify({ cycle: reference, unit: "000.31.01.H55" }),
  });
  const response = (await call(consumeApi.action, request, { itemId: String(itemId) })) as Response;
  const body = (await response.json()) as { error?: string };
  return { channel: "api", status: response.status, message: body.error ?? "" };
}

describe("twenty consumptions of one item at once, through the page and the API", () => {
  it("leave exactly one consumption; the nineteen others are told who consumed it and when", async () => {
    const attempts: Promise<Outcome>[] = [];
    for (let i = 0; i < 10; i++) {
      attempts.push(viaWeb(i % 2 === 0 ? "tccb" : "tccb2"));
      attempts.push(viaApi(tokens[i % 2]!, `dua-${i}`));
    }
    const outcomes = await Promise.all(attempts);
    const won = outcomes.filter((o) => o.status === (o.channel === "web" ? 302 : 201));
    const refused = outcomes.filter((o) => o.status === 409);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(19);

    const rows = await getDb()
      .selectFrom("appraisal_consumption as c")
      .leftJoin("app_user as u", "u.id", "c.consumed_by")
      .leftJoin("api_token as t", "t.id", "c.api_token_id")
      .select(["c.channel", "u.display_name", "t.name as token_name"])
      .where("c.conclusion_item_id", "=", itemId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.channel).toBe(won[0]!.channel);
    const winner = rows[0]!.display_name ?? `phần mềm ${rows[0]!.token_name}`;
    for (const r of refused) {
      expect(r.message).toContain(winner);
      expect(r.message).toMatch(/lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/);
    }
    const audit = await getDb().selectFrom("audit_event").select("id").where("action", "=", "appraisal.item_consumed").execute();
    expect(audit).toHaveLength(1);
  });
});
