import { sql } from "kysely";
import { randomBytes } from "node:crypto";
import type { Database, Tx } from "../../db/index.js";
import { SCOPED_ROLES, type Role, type RoleGrant, type SessionUser } from "../permissions.js";
import { appendAudit } from "./audit.server.js";

export function newUserId(): string {
  return randomBytes(15).toString("base64url");
}

export async function findCredentials(db: Database, username: string) {
  return db
    .selectFrom("app_user")
    .select(["id", "password_hash", "active"])
    .where("username", "=", username.trim().toLowerCase())
    .executeTakeFirst();
}

export async function loadRoles(db: Database | Tx, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom("user_role as r")
    .leftJoin("unit as u", "u.id", "r.unit_id")
    .select(["r.role", "r.unit_id", "u.name as unit_name"])
    .where("r.user_id", "=", userId)
    .orderBy("r.id")
    .execute();
  return rows.map((r) => ({ role: r.role as Role, unitId: r.unit_id, unitName: r.unit_name }));
}

export async function loadSessionUser(db: Database, userId: string): Promise<SessionUser | null> {
  const user = await db
    .selectFrom("app_user")
    .select(["id", "username", "display_name", "officer_id", "active"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user || !user.active) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    officerId: user.officer_id,
    roles: await loadRoles(db, userId),
  };
}

/** The given units and all their sub-units, whatever their validity dates (history stays in scope). */
export async function unitsWithDescendants(db: Database | Tx, unitIds: number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await sql<{ id: number }>`
    with recursive tree(id) as (
      select id from unit where id = any(${unitIds}::int[])
      union
      select u.id from unit u join tree t on u.parent_id = t.id
    ) select id from tree order by id`.execute(db);
  return rows.rows.map((r) => r.id);
}

export type NewUser = {
  username: string;
  displayName: string;
  passwordHash: string;
  officerId?: number | null;
  roles: { role: Role; unitId: number | null }[];
};

export function roleProblems(roles: NewUser["roles"]): string[] {
  const problems: string[] = [];
  for (const r of roles) {
    if (SCOPED_ROLES.includes(r.role) && r.unitId === null) problems.push(`Vai trò ${r.role} cần gắn với một đơn vị.`);
    if (!SCOPED_ROLES.includes(r.role) && r.unitId !== null) problems.push(`Vai trò ${r.role} không gắn với đơn vị.`);
  }
  return problems;
}

export async function insertUser(trx: Tx, input: NewUser, actorUserId: string | null): Promise<string> {
  const id = newUserId();
  await trx
    .insertInto("app_user")
    .values({
      id,
      username: input.username.trim().toLowerCase(),
      display_name: input.displayName.trim(),
      password_hash: input.passwordHash,
      officer_id: input.officerId ?? null,
    })
    .execute();
  if (input.roles.length > 0) {
    await trx
      .insertInto("user_role")
      .values(input.roles.map((r) => ({ user_id: id, role: r.role, unit_id: r.unitId })))
      .execute();
  }
  await appendAudit(trx, {
    actorUserId,
    action: "user.create",
    entityType: "user",
    entityId: id,
    summary: `Tạo người dùng ${input.username} (${input.displayName})`,
    data: { username: input.username, roles: input.roles },
  });
  return id;
}
