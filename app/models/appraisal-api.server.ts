// The appraisal API for external HR software: the same published items, the same single consumption path
// (consumeItem) and the same Vietnamese refusals as the HR page, through a scoped token. A consumption is
// idempotent per (token, Idempotency-Key): the first response is stored in the transaction that made it
// and every repeat of the same request gets it back byte for byte.
import { sql } from "kysely";
import type { Database } from "../../db/index.js";
import { canonicalJson } from "../domain/canonical-json.js";
import type { ConsumptionRecord, ItemEffect } from "../domain/appraisal/consumption.js";
import type { ApiToken } from "./api-tokens.server.js";
import { consumedItems, consumeItem, pendingItems, requestHash, type ConsumeResult } from "./appraisal.server.js";
import { unitsWithDescendants } from "./users.server.js";

export type ApiItemStatus = "pending" | "consumed";

export type ApiConsumption = { mode: ConsumptionRecord["mode"]; cycle: string; channel: ConsumptionRecord["channel"]; consumedBy: string; consumedAt: string };

export type ApiItem = {
  id: number;
  notice: { number: string; publicationDate: string };
  caseCode: string;
  subject: { type: "officer" | "unit"; code: string; name: string; unitCode: string };
  effect: Pick<ItemEffect, "kind" | "points" | "attributedDelays" | "disciplineLevel" | "parDeduction">;
  content: string;
  needsAcknowledgement: boolean;
  consumption: ApiConsumption | null;
};

function consumptionOf(c: ConsumptionRecord): ApiConsumption {
  return { mode: c.mode, cycle: c.cycleReference, channel: c.channel, consumedBy: c.consumerName, consumedAt: c.consumedAt };
}

function apiItemOf(row: {
  id: number;
  caseCode: string;
  unit: { code: string; name: string };
  officer: { code: string; name: string } | null;
  effect: ItemEffect;
  needsAcknowledgement: boolean;
  consumption: ConsumptionRecord | null;
}): ApiItem {
  const e = row.effect;
  return {
    id: row.id,
    notice: { number: e.notice, publicationDate: e.publicationDate },
    caseCode: row.caseCode,
    subject: row.officer
      ? { type: "officer", code: row.officer.code, name: row.officer.name, unitCode: row.unit.code }
      : { type: "unit", code: row.unit.code, name: row.unit.name, unitCode: row.unit.code },
    effect: { kind: e.kind, points: Number(e.points), attributedDelays: e.attributedDelays, disciplineLevel: e.disciplineLevel, parDeduction: Number(e.parDeduction) },
    content: e.content,
    needsAcknowledgement: row.needsAcknowledgement,
    consumption: row.consumption ? consumptionOf(row.consumption) : null,
  };
}

// The cursor is opaque to clients: it names the listing it belongs to, so a pending cursor cannot page
// the consumed listing. Pending items are paged by item id; consumed ones by consumption, in the order
// they were consumed, so a client that keeps its cursor also sees items consumed after its last call.
export function encodeCursor(status: ApiItemStatus, lastId: number): string {
  return Buffer.from(`${status === "pending" ? "p" : "c"}:${lastId}`).toString("base64url");
}

export function decodeCursor(status: ApiItemStatus, cursor: string): number | null {
  const match = /^([pc]):([1-9]\d{0,9})$/.exec(Buffer.from(cursor, "base64url").toString("latin1"));
  if (!match || match[1] !== (status === "pending" ? "p" : "c")) return null;
  const id = Number(match[2]);
  return id <= 2 ** 31 - 1 ? id : null;
}

export type ListQuery = { status: ApiItemStatus; unitCode: string | null; afterId: number | null; limit: number };

/** One page of the token's items; 404 when the unit named is unknown or outside the token's scope. */
export async function listApiItems(db: Database, token: ApiToken, query: ListQuery): Promise<{ ok: true; items: ApiItem[]; nextCursor: string | null } | { ok: false; message: string }> {
  let unitIds = token.unitIds;
  if (query.unitCode !== null) {
    const unit = await db.selectFrom("unit").select("id").where("code", "=", query.unitCode).where("id", "=", sql<number>`any(${token.unitIds}::int[])`).executeTakeFirst();
    if (!unit) return { ok: false, message: `Không tìm thấy đơn vị ${query.unitCode} trong phạm vi của khoá API.` };
    // The token's scope already holds every sub-unit of its units, so the unit's sub-units are in it too.
    unitIds = await unitsWithDescendants(db, [unit.id]);
  }
  const afterId = query.afterId ?? undefined;
  // One row more than asked tells whether there is a next page.
  if (query.status === "pending") {
    const rows = await pendingItems(db, { unitIds, afterId, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return {
      ok: true,
      items: page.map((r) => apiItemOf({ ...r, consumption: null })),
      nextCursor: rows.length > query.limit ? encodeCursor("pending", page[page.length - 1]!.id) : null,
    };
  }
  const rows = await consumedItems(db, { unitIds, afterConsumptionId: afterId, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    ok: true,
    // A consumed item was one to acknowledge when its consumption was the acknowledgement of a correction.
    items: page.map((r) => apiItemOf({ ...r, id: r.itemId, needsAcknowledgement: r.consumption.mode === "acknowledged" })),
    nextCursor: rows.length > query.limit ? encodeCursor("consumed", page[page.length - 1]!.consumption.id) : null,
  };
}

export type ConsumeRequest = { cycle: string; subject: { officer: string } | { unit: string }; task: string | null; note: string | null };

export type ApiReply = { status: number; body: Record<string, unknown>; replayed: boolean };

function replyOf(result: ConsumeResult): Omit<ApiReply, "replayed"> {
  if (result.ok) return { status: 201, body: { consumption: consumptionOf(result.consumption), item: { id: result.itemId } } };
  if (result.status === 409 && result.existing) {
    const c = consumptionOf(result.existing);
    return { status: 409, body: { error: result.message, consumedBy: c.consumedBy, consumedAt: c.consumedAt, cycle: c.cycle, channel: c.channel } };
  }
  return { status: result.status, body: { error: result.message } };
}

/**
 * Consumes one item for the token, once per (token, key). In one transaction: an advisory lock on the
 * key makes concurrent repeats wait for the first; a stored reply is returned when the request is the
 * same, refused (422) when the key carried another request; otherwise consumeItem decides and its reply
 * is stored with the consumption it reports, so a crash leaves neither.
 */
export async function consumeViaApi(db: Database, token: ApiToken, input: { itemId: number; key: string; request: ConsumeRequest }): Promise<ApiReply> {
  const { itemId, key, request } = input;
  const subject = "officer" in request.subject ? { officer: request.subject.officer, unit: null } : { officer: null, unit: request.subject.unit };
  const hash = requestHash({ itemId, cycle: request.cycle, ...subject, task: request.task, note: request.note });
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`api_idempotency:${token.id}:${key}`}, 0))`.execute(trx);
    const stored = await trx.selectFrom("api_idempotency").select(["request_sha256", "status", "body"]).where("api_token_id", "=", token.id).where("key", "=", key).executeTakeFirst();
    if (stored) {
      if (stored.request_sha256 === hash) return { status: stored.status, body: stored.body as Record<string, unknown>, replayed: true };
      return {
        status: 422,
        body: { error: `Idempotency-Key “${key}” đã dùng cho một yêu cầu khác (khác nội dung kết luận hoặc dữ liệu gửi kèm). Mỗi yêu cầu ghi nhận mới cần một Idempotency-Key mới.` },
        replayed: false,
      };
    }
    const result = await consumeItem(
      trx,
      { itemId, cycle: { reference: request.cycle }, scope: { all: false, unitIds: token.unitIds }, subjectCode: request.subject, taskTitle: request.task, note: request.note },
      { channel: "api", token: { id: token.id, name: token.name }, idempotencyKey: key },
    );
    const reply = replyOf(result);
    await trx.insertInto("api_idempotency").values({ api_token_id: token.id, key, request_sha256: hash, status: reply.status, body: canonicalJson(reply.body) }).execute();
    return { ...reply, replayed: false };
  });
}
