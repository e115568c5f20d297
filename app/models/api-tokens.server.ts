// API tokens for external HR software (issue 6): an administrator issues a token scoped to units (each
// with its sub-units); the plain token is shown once and only its SHA-256 and first characters are kept,
// so a copy of the database does not hand out working tokens. Revoked tokens stop working at once.
import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Database } from "../../db/index.js";
import { PAGE_SIZE } from "../domain/paging.js";
import type { SessionUser } from "../permissions.js";
import { appendAudit } from "./audit.server.js";
import { unitsWithDescendants } from "./users.server.js";

const TOKEN_MARK = "ktcv_";
/** "ktcv_" and 7 characters of the secret: enough to tell tokens apart in a list, useless to an attacker. */
const PREFIX_LENGTH = TOKEN_MARK.length + 7;

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The token a client sends: `ktcv_` and 32 random bytes in base64url (43 characters). */
function newToken(): string {
  return TOKEN_MARK + randomBytes(32).toString("base64url");
}

export type IssueTokenResult = { ok: true; id: number; token: string; prefix: string } | { ok: false; message: string };

export async function issueToken(db: Database, input: { name: string; unitIds: number[] }, admin: SessionUser): Promise<IssueTokenResult> {
  const name = input.name.trim();
  if (!name) return { ok: false, message: "Nhập tên phần mềm sử dụng khoá." };
  const wanted = [...new Set(input.unitIds)];
  if (wanted.length === 0) return { ok: false, message: "Chọn ít nhất một đơn vị cho khoá." };
  return db.transaction().execute(async (trx) => {
    const units = await trx.selectFrom("unit").select(["id", "code", "name"]).where("id", "in", wanted).orderBy("code").execute();
    if (units.length !== wanted.length) return { ok: false as const, message: "Có đơn vị đã chọn không còn tồn tại. Hãy tải lại trang và chọn lại." };
    const token = newToken();
    const prefix = token.slice(0, PREFIX_LENGTH);
    const created = await trx
      .insertInto("api_token")
      .values({ name, token_sha256: sha256(token), token_prefix: prefix, unit_ids: units.map((u) => u.id), created_by: admin.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorUserId: admin.id,
      action: "api_token.issue",
      entityType: "api_token",
      entityId: created.id,
      summary: `Cấp khoá API ${prefix}… cho phần mềm “${name}”, phạm vi: ${units.map((u) => `${u.name} (${u.code})`).join(", ")} và các đơn vị trực thuộc.`,
      data: { name, prefix, unitIds: units.map((u) => u.id) },
    });
    return { ok: true as const, id: created.id, token, prefix };
  });
}

/** Undefined when no such token; a message when it was already revoked. */
export async function revokeToken(db: Database, input: { tokenId: number }, admin: SessionUser): Promise<{ ok: true; name: string; prefix: string } | { ok: false; message: string } | undefined> {
  return db.transaction().execute(async (trx) => {
    const token = await trx.selectFrom("api_token").select(["id", "name", "token_prefix", "revoked_at"]).where("id", "=", input.tokenId).forUpdate().executeTakeFirst();
    if (!token) return undefined;
    if (token.revoked_at) return { ok: false as const, message: `Khoá ${token.token_prefix}… của “${token.name}” đã bị thu hồi trước đó.` };
    await trx.updateTable("api_token").set({ revoked_at: sql<string>`now()`, revoked_by: admin.id }).where("id", "=", token.id).execute();
    await appendAudit(trx, {
      actorUserId: admin.id,
      action: "api_token.revoke",
      entityType: "api_token",
      entityId: token.id,
      summary: `Thu hồi khoá API ${token.token_prefix}… của phần mềm “${token.name}”.`,
    });
    return { ok: true as const, name: token.name, prefix: token.token_prefix };
  });
}

/** Tokens newest first, one page, with their units by name; never the hash. */
export async function listTokens(db: Database, input: { page: number }) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom("api_token as t")
      .innerJoin("app_user as cb", "cb.id", "t.created_by")
      .leftJoin("app_user as rb", "rb.id", "t.revoked_by")
      .select([
        "t.id",
        "t.name",
        "t.token_prefix as prefix",
        "t.created_at",
        "t.last_used_at",
        "t.revoked_at",
        "cb.display_name as created_by_name",
        "rb.display_name as revoked_by_name",
        sql<{ code: string; name: string }[]>`(select coalesce(json_agg(json_build_object('code', u.code, 'name', u.name) order by u.code), '[]'::json) from unit u where u.id = any(t.unit_ids))`.as("units"),
      ])
      .orderBy("t.id", "desc")
      .limit(PAGE_SIZE)
      .offset((input.page - 1) * PAGE_SIZE)
      .execute(),
    db.selectFrom("api_token").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      created_at: new Date(r.created_at).toISOString(),
      last_used_at: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
      revoked_at: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    })),
    total: Number(total.n),
    pageSize: PAGE_SIZE,
  };
}

export type ApiToken = { id: number; name: string; /** The token's units with all their sub-units. */ unitIds: number[] };

/**
 * The token of `Authorization: Bearer ktcv_…`, if it is known and not revoked, with its scope expanded to
 * sub-units (a unit created under a scoped unit later is covered too); null otherwise. Marks it used.
 */
export async function authenticateApiToken(db: Database, request: Request): Promise<ApiToken | null> {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.get("Authorization") ?? "");
  const presented = match?.[1];
  if (!presented || !presented.startsWith(TOKEN_MARK) || presented.length > 100) return null;
  const token = await db
    .updateTable("api_token")
    .set({ last_used_at: sql<string>`now()` })
    .where("token_sha256", "=", sha256(presented))
    .where("revoked_at", "is", null)
    .returning(["id", "name", "unit_ids"])
    .executeTakeFirst();
  if (!token) return null;
  return { id: token.id, name: token.name, unitIds: await unitsWithDescendants(db, token.unit_ids) };
}
