import { sql } from "kysely";
import { randomBytes } from "node:crypto";
import type { Database, Tx } from "../../db/index.js";
import { FOLD_FROM, FOLD_TO, foldVietnamese } from "../components/UserTextSearch.js";
import { todayInVietnam } from "../domain/format.js";
import { likePattern, PAGE_SIZE } from "../domain/paging.js";
import { ROLE_LABELS, SCOPED_ROLES, type Role, type RoleGrant, type SessionUser } from "../permissions.js";
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
    if (SCOPED_ROLES.includes(r.role) && r.unitId === null) problems.push(`Vai trò ${ROLE_LABELS[r.role]} cần gắn với một đơn vị.`);
    if (!SCOPED_ROLES.includes(r.role) && r.unitId !== null) problems.push(`Vai trò ${ROLE_LABELS[r.role]} không gắn với đơn vị.`);
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

// ---------------------------------------------------------------------------------------------
// User administration (/admin/users) and password changes.

/** What a write returns when the input breaks a rule the form cannot know (uniqueness, self-lock-out). */
export type UserWriteResult =
  | { ok: true; id: string; changed: boolean }
  | { ok: false; fieldErrors?: Record<string, string[]>; formErrors?: string[] };

/** `column LIKE %q%`, ignoring case and Vietnamese diacritics on both sides. */
function foldedMatch(column: string, q: string) {
  return sql<boolean>`lower(translate(${sql.ref(column)}, ${FOLD_FROM}, ${FOLD_TO})) like ${likePattern(foldVietnamese(q))}`;
}

export type UserListFilter = { q?: string; role?: Role; status?: "active" | "inactive"; page: number };

export const USER_PAGE_SIZE = PAGE_SIZE;

export async function listUsers(db: Database, filter: UserListFilter) {
  let query = db.selectFrom("app_user as u").leftJoin("officer as o", "o.id", "u.officer_id");
  if (filter.q?.trim()) {
    const q = filter.q;
    query = query.where((eb) => eb.or([eb("u.username", "ilike", likePattern(q)), foldedMatch("u.display_name", q)]));
  }
  if (filter.role) {
    const role = filter.role;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("user_role as r").select("r.id").whereRef("r.user_id", "=", "u.id").where("r.role", "=", role)),
    );
  }
  if (filter.status) query = query.where("u.active", "=", filter.status === "active");
  const [users, total] = await Promise.all([
    query
      .select(["u.id", "u.username", "u.display_name", "u.active", "o.code as officer_code", "o.full_name as officer_name"])
      .orderBy("u.username")
      .limit(USER_PAGE_SIZE)
      .offset((filter.page - 1) * USER_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const grants = users.length
    ? await db
        .selectFrom("user_role as r")
        .leftJoin("unit as un", "un.id", "r.unit_id")
        .select(["r.user_id", "r.role", "r.unit_id", "un.name as unit_name"])
        .where("r.user_id", "in", users.map((u) => u.id))
        .orderBy("r.id")
        .execute()
    : [];
  const rows = users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    active: u.active,
    officer: u.officer_code ? { code: u.officer_code, name: u.officer_name! } : null,
    roles: grants
      .filter((g) => g.user_id === u.id)
      .map((g): RoleGrant => ({ role: g.role as Role, unitId: g.unit_id, unitName: g.unit_name })),
  }));
  return { rows, total: total.n, pageSize: USER_PAGE_SIZE };
}

/** One user as the edit page shows it (never the password hash). */
export async function getUserDetail(db: Database, userId: string) {
  const user = await db
    .selectFrom("app_user as u")
    .leftJoin("officer as o", "o.id", "u.officer_id")
    .select(["u.id", "u.username", "u.display_name", "u.active", "u.created_at", "u.officer_id", "o.code as officer_code", "o.full_name as officer_name"])
    .where("u.id", "=", userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const [roles, sessions] = await Promise.all([
    loadRoles(db, userId),
    db
      .selectFrom("user_session")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("expires_at", ">", new Date())
      .executeTakeFirstOrThrow(),
  ]);
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    active: user.active,
    createdAt: user.created_at,
    officer: user.officer_id === null ? null : { id: user.officer_id, code: user.officer_code!, name: user.officer_name! },
    roles,
    openSessions: sessions.n,
  };
}

/**
 * Units a scoped role can be granted on: those in force today, plus any the given grants already name
 * (a grant on a unit that has since ended must still show on the form). A province has hundreds of
 * units, not thousands, so the whole list goes to the searchable select.
 */
export async function unitOptions(db: Database, alsoIds: number[] = []) {
  const today = todayInVietnam();
  return db
    .selectFrom("unit")
    .select(["id", "code", "name", "valid_to"])
    .where((eb) => {
      const inForce = eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", today)]);
      return alsoIds.length ? eb.or([inForce, eb("id", "in", alsoIds)]) : inForce;
    })
    .orderBy("code")
    .execute();
}

export const OFFICER_SEARCH_LIMIT = 20;

/** Officers matching a code or name fragment, with the account each is already linked to, if any. */
export async function searchOfficers(db: Database, q: string) {
  let query = db.selectFrom("officer as o").leftJoin("app_user as u", "u.officer_id", "o.id");
  if (q.trim()) {
    query = query.where((eb) => eb.or([eb("o.code", "ilike", likePattern(q)), foldedMatch("o.full_name", q)]));
  }
  return query
    .select(["o.id", "o.code", "o.full_name", "u.id as user_id", "u.username"])
    .orderBy("o.code")
    .limit(OFFICER_SEARCH_LIMIT)
    .execute();
}

type GrantInput = { role: Role; unitId: number | null };

function dedupeGrants(roles: GrantInput[]): GrantInput[] {
  const seen = new Set<string>();
  return roles.filter((r) => {
    const key = `${r.role}|${r.unitId ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const USERNAME_TAKEN = (username: string) => `Tên đăng nhập "${username}" đã có. Hãy chọn tên khác.`;

async function officerProblem(db: Database | Tx, officerId: number | null | undefined, userId: string | null): Promise<string | null> {
  if (officerId === null || officerId === undefined) return null;
  const officer = await db
    .selectFrom("officer as o")
    .leftJoin("app_user as u", "u.officer_id", "o.id")
    .select(["o.code", "o.full_name", "u.id as user_id", "u.username"])
    .where("o.id", "=", officerId)
    .executeTakeFirst();
  if (!officer) return "Không tìm thấy cán bộ này.";
  if (officer.user_id && officer.user_id !== userId) {
    return `Cán bộ ${officer.code} – ${officer.full_name} đã được liên kết với tài khoản "${officer.username}". Mỗi cán bộ chỉ liên kết với một tài khoản.`;
  }
  return null;
}

async function unitProblem(db: Database | Tx, roles: GrantInput[]): Promise<string | null> {
  const ids = [...new Set(roles.flatMap((r) => (r.unitId === null ? [] : [r.unitId])))];
  if (ids.length === 0) return null;
  const found = await db.selectFrom("unit").select("id").where("id", "in", ids).execute();
  return found.length === ids.length ? null : "Không tìm thấy đơn vị đã chọn.";
}

/** A unique violation raced past the checks above: report it on the field it belongs to. */
function uniqueViolation(error: unknown, username: string): UserWriteResult | null {
  const e = error as { code?: string; constraint?: string };
  if (e?.code !== "23505") return null;
  if (e.constraint === "app_user_username_key") return { ok: false, fieldErrors: { username: [USERNAME_TAKEN(username)] } };
  if (e.constraint === "app_user_officer_id_key") {
    return { ok: false, fieldErrors: { officerId: ["Cán bộ này vừa được liên kết với một tài khoản khác."] } };
  }
  return null;
}

// Role and active-flag changes take this lock, so two admins cannot remove each other's admin role at
// the same moment and leave nobody able to administer the system.
async function lockUserAdministration(trx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('ktcv.user_administration'))`.execute(trx);
}

async function isActiveAdmin(trx: Tx, userId: string): Promise<boolean> {
  const row = await trx
    .selectFrom("app_user as u")
    .innerJoin("user_role as r", "r.user_id", "u.id")
    .select("u.id")
    .where("u.id", "=", userId)
    .where("u.active", "=", true)
    .where("r.role", "=", "admin")
    .executeTakeFirst();
  return !!row;
}

const NO_LONGER_ADMIN: UserWriteResult = { ok: false, formErrors: ["Bạn không còn quyền quản trị người dùng."] };

export type CreateUserInput = NewUser & { officerId: number | null };

export async function createUser(db: Database, input: CreateUserInput, actorUserId: string): Promise<UserWriteResult> {
  const username = input.username.trim().toLowerCase();
  const roles = dedupeGrants(input.roles);
  const problems = roleProblems(roles);
  if (problems.length) return { ok: false, formErrors: problems };
  try {
    return await db.transaction().execute(async (trx): Promise<UserWriteResult> => {
      const fieldErrors: Record<string, string[]> = {};
      const taken = await trx.selectFrom("app_user").select("id").where("username", "=", username).executeTakeFirst();
      if (taken) fieldErrors.username = [USERNAME_TAKEN(username)];
      const officer = await officerProblem(trx, input.officerId, null);
      if (officer) fieldErrors.officerId = [officer];
      const unit = await unitProblem(trx, roles);
      if (unit) fieldErrors.scoped = [unit];
      if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
      const id = await insertUser(trx, { ...input, username, roles }, actorUserId);
      return { ok: true, id, changed: true };
    });
  } catch (error) {
    const known = uniqueViolation(error, username);
    if (known) return known;
    throw error;
  }
}

export type UpdateUserInput = { userId: string; displayName: string; officerId: number | null; roles: GrantInput[] };

type AuditedGrant = { role: Role; unitId: number | null; unitName: string | null };

function sameGrants(a: GrantInput[], b: GrantInput[]): boolean {
  const key = (list: GrantInput[]) => list.map((r) => `${r.role}|${r.unitId ?? ""}`).sort().join(",");
  return key(a) === key(b);
}

/** Edits the display name, officer link and role grants; audits before/after of what changed. */
export async function updateUser(db: Database, input: UpdateUserInput, actorUserId: string): Promise<UserWriteResult | null> {
  const roles = dedupeGrants(input.roles);
  const problems = roleProblems(roles);
  if (problems.length) return { ok: false, formErrors: problems };
  try {
    return await db.transaction().execute(async (trx): Promise<UserWriteResult | null> => {
      await lockUserAdministration(trx);
      if (!(await isActiveAdmin(trx, actorUserId))) return NO_LONGER_ADMIN;
      const before = await trx
        .selectFrom("app_user as u")
        .leftJoin("officer as o", "o.id", "u.officer_id")
        .select(["u.id", "u.username", "u.display_name", "u.officer_id", "o.code as officer_code"])
        .where("u.id", "=", input.userId)
        .forUpdate("u")
        .executeTakeFirst();
      if (!before) return null;
      const beforeRoles = await loadRoles(trx, input.userId);

      const fieldErrors: Record<string, string[]> = {};
      if (actorUserId === input.userId && beforeRoles.some((r) => r.role === "admin") && !roles.some((r) => r.role === "admin")) {
        fieldErrors.roles = ["Không thể tự gỡ quyền quản trị của chính mình."];
      }
      const officer = await officerProblem(trx, input.officerId, input.userId);
      if (officer) fieldErrors.officerId = [officer];
      const unit = await unitProblem(trx, roles);
      if (unit) fieldErrors.scoped = [unit];
      if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };

      const displayName = input.displayName.trim();
      const changes: { before: Record<string, unknown>; after: Record<string, unknown> } = { before: {}, after: {} };
      if (displayName !== before.display_name) {
        changes.before.displayName = before.display_name;
        changes.after.displayName = displayName;
      }
      if (input.officerId !== before.officer_id) {
        const next = input.officerId === null ? null : await trx.selectFrom("officer").select("code").where("id", "=", input.officerId).executeTakeFirstOrThrow();
        changes.before.officer = before.officer_code;
        changes.after.officer = next?.code ?? null;
      }
      const rolesChanged = !sameGrants(beforeRoles, roles);
      if (rolesChanged) {
        const names = await unitNames(trx, roles);
        changes.before.roles = beforeRoles.map((r): AuditedGrant => ({ role: r.role, unitId: r.unitId, unitName: r.unitName }));
        changes.after.roles = roles.map((r): AuditedGrant => ({ ...r, unitName: r.unitId === null ? null : (names.get(r.unitId) ?? null) }));
      }
      if (Object.keys(changes.after).length === 0) return { ok: true, id: input.userId, changed: false };

      if ("displayName" in changes.after || "officer" in changes.after) {
        await trx
          .updateTable("app_user")
          .set({ display_name: displayName, officer_id: input.officerId })
          .where("id", "=", input.userId)
          .execute();
      }
      if (rolesChanged) {
        await trx.deleteFrom("user_role").where("user_id", "=", input.userId).execute();
        if (roles.length) {
          await trx
            .insertInto("user_role")
            .values(roles.map((r) => ({ user_id: input.userId, role: r.role, unit_id: r.unitId })))
            .execute();
        }
      }
      await appendAudit(trx, {
        actorUserId,
        action: "user.update",
        entityType: "user",
        entityId: input.userId,
        summary: `Sửa người dùng ${before.username}: ${changedFieldNames(changes.after).join(", ")}`,
        data: changes,
      });
      return { ok: true, id: input.userId, changed: true };
    });
  } catch (error) {
    const known = uniqueViolation(error, "");
    if (known) return known;
    throw error;
  }
}

function changedFieldNames(after: Record<string, unknown>): string[] {
  const labels: Record<string, string> = { displayName: "tên hiển thị", officer: "cán bộ liên kết", roles: "vai trò" };
  return Object.keys(after).map((k) => labels[k] ?? k);
}

async function unitNames(trx: Tx, roles: GrantInput[]): Promise<Map<number, string>> {
  const ids = roles.flatMap((r) => (r.unitId === null ? [] : [r.unitId]));
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom("unit").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// Sessions are deleted in the same transaction as the change that ends them: a password reset that
// commits can never leave an old session alive (this is what Lucia's invalidateUserSessions does).
async function endSessions(trx: Tx, userId: string): Promise<number> {
  const result = await trx.deleteFrom("user_session").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deactivates (ending every session) or reactivates an account. An admin cannot deactivate themselves. */
export async function setUserActive(
  db: Database,
  input: { userId: string; active: boolean },
  actorUserId: string,
): Promise<UserWriteResult | null> {
  return db.transaction().execute(async (trx): Promise<UserWriteResult | null> => {
    await lockUserAdministration(trx);
    if (!(await isActiveAdmin(trx, actorUserId))) return NO_LONGER_ADMIN;
    const user = await trx
      .selectFrom("app_user")
      .select(["id", "username", "display_name", "active"])
      .where("id", "=", input.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!user) return null;
    if (!input.active && input.userId === actorUserId) {
      return { ok: false, formErrors: ["Không thể tự ngừng kích hoạt tài khoản của chính mình."] };
    }
    if (user.active === input.active) return { ok: true, id: user.id, changed: false };
    await trx.updateTable("app_user").set({ active: input.active }).where("id", "=", user.id).execute();
    const sessionsEnded = input.active ? 0 : await endSessions(trx, user.id);
    await appendAudit(trx, {
      actorUserId,
      action: input.active ? "user.activate" : "user.deactivate",
      entityType: "user",
      entityId: user.id,
      summary: input.active
        ? `Kích hoạt lại tài khoản ${user.username} (${user.display_name})`
        : `Ngừng kích hoạt tài khoản ${user.username} (${user.display_name}), kết thúc ${sessionsEnded} phiên đăng nhập`,
      data: input.active ? {} : { sessionsEnded },
    });
    return { ok: true, id: user.id, changed: true };
  });
}

/** An admin sets a new password for someone else; every session of that user ends. */
export async function resetUserPassword(
  db: Database,
  input: { userId: string; passwordHash: string },
  actorUserId: string,
): Promise<UserWriteResult | null> {
  return db.transaction().execute(async (trx): Promise<UserWriteResult | null> => {
    const user = await trx.selectFrom("app_user").select(["id", "username"]).where("id", "=", input.userId).forUpdate().executeTakeFirst();
    if (!user) return null;
    // Resetting one's own password here would end the admin's own session too; the account page
    // asks for the current password and keeps the admin signed in.
    if (user.id === actorUserId) {
      return { ok: false, formErrors: ["Không đặt lại mật khẩu của chính mình ở đây. Hãy dùng trang Đổi mật khẩu."] };
    }
    await trx.updateTable("app_user").set({ password_hash: input.passwordHash }).where("id", "=", user.id).execute();
    const sessionsEnded = await endSessions(trx, user.id);
    await appendAudit(trx, {
      actorUserId,
      action: "user.password_reset",
      entityType: "user",
      entityId: user.id,
      summary: `Đặt lại mật khẩu cho ${user.username}, kết thúc ${sessionsEnded} phiên đăng nhập`,
      data: { sessionsEnded },
    });
    return { ok: true, id: user.id, changed: true };
  });
}

/** The user's own new password; every session ends (the caller starts a fresh one for the current browser). */
export async function changeOwnPassword(db: Database, input: { userId: string; passwordHash: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("app_user").select(["id", "username"]).where("id", "=", input.userId).forUpdate().executeTakeFirstOrThrow();
    await trx.updateTable("app_user").set({ password_hash: input.passwordHash }).where("id", "=", user.id).execute();
    const sessionsEnded = await endSessions(trx, user.id);
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "user.password_change",
      entityType: "user",
      entityId: user.id,
      summary: `${user.username} đổi mật khẩu, kết thúc ${sessionsEnded} phiên đăng nhập`,
      data: { sessionsEnded },
    });
  });
}
