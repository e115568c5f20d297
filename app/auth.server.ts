// Sessions, login and authorization. The only file that knows the auth library (Lucia v3):
// swapping it means rewriting this file only (see README › Decisions).
import { hash, verify } from "@node-rs/argon2";
import { NodePostgresAdapter } from "@lucia-auth/adapter-postgresql";
import { redirect } from "@remix-run/node";
import { Lucia, TimeSpan } from "lucia";
import { getDb, getPool } from "../db/index.js";
import { env } from "./env.server.js";
import { changeOwnPassword, findCredentials, loadSessionUser, unitsWithDescendants } from "./models/users.server.js";
import { grantsFor, type Permission, type SessionUser } from "./permissions.js";

// argon2id (the library's default algorithm) with OWASP's minimum parameters: 19 MiB, 2 passes.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password, ARGON2);
  } catch {
    return false;
  }
}

let instance: { lucia: Lucia; url: string; secure: boolean } | undefined;

function lucia(): Lucia {
  const url = env().DATABASE_URL;
  // Secure behind https: the browser then never sends the cookie over plain http.
  const secure = env().PUBLIC_URL.startsWith("https://");
  if (!instance || instance.url !== url || instance.secure !== secure) {
    const adapter = new NodePostgresAdapter(getPool(), { user: "app_user", session: "user_session" });
    instance = {
      url,
      secure,
      lucia: new Lucia(adapter, {
        // Sliding expiry: a session unused for SESSION_HOURS ends; Lucia extends it while in use.
        sessionExpiresIn: new TimeSpan(env().SESSION_HOURS, "h"),
        sessionCookie: {
          name: "ktcv_session",
          // A browser-session cookie: closing the browser on a shared office computer signs out.
          expires: false,
          attributes: { sameSite: "lax", secure },
        },
      }),
    };
  }
  return instance.lucia;
}

// A hash of a random password, verified against when the username is unknown, so that the
// response time does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

/** Checks a username and password; returns the user id or null. */
export async function authenticate(username: string, password: string): Promise<string | null> {
  const credentials = await findCredentials(getDb(), username);
  if (!credentials || !credentials.active) {
    dummyHash ??= hashPassword("không-có-người-dùng-này");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(credentials.password_hash, password)) ? credentials.id : null;
}

/** A new session for the user, as the Set-Cookie value (a fresh id: never reuses one the client sent). */
export async function createSessionCookie(userId: string): Promise<string> {
  const session = await lucia().createSession(userId, {});
  return lucia().createSessionCookie(session.id).serialize();
}

/**
 * Starts a session for the user and redirects. A session the browser already carried (another user on a
 * shared computer, or an id planted by someone else) ends first: a sign-in always gets a new id.
 */
export async function createUserSession(userId: string, redirectTo: string, init?: ResponseInit & { request?: Request }): Promise<Response> {
  const carried = init?.request ? lucia().readSessionCookie(init.request.headers.get("Cookie") ?? "") : null;
  if (carried) await lucia().invalidateSession(carried);
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await createSessionCookie(userId));
  return redirect(safeRedirect(redirectTo), { status: init?.status, statusText: init?.statusText, headers });
}

export async function logout(request: Request): Promise<Response> {
  const sessionId = lucia().readSessionCookie(request.headers.get("Cookie") ?? "");
  if (sessionId) await lucia().invalidateSession(sessionId);
  return redirect("/login", { headers: { "Set-Cookie": lucia().createBlankSessionCookie().serialize() } });
}

export async function invalidateUserSessions(userId: string): Promise<void> {
  await lucia().invalidateUserSessions(userId);
}

/**
 * Changes the signed-in user's password after checking the current one. Every session of the user
 * ends — a cookie stolen earlier stops working — and the Set-Cookie of a fresh session for this
 * browser is returned (a new id, so the old one is worthless too). Null when the current password is wrong.
 */
export async function changePassword(user: SessionUser, currentPassword: string, newPassword: string): Promise<string | null> {
  if (!(await authenticate(user.username, currentPassword))) return null;
  await changeOwnPassword(getDb(), { userId: user.id, passwordHash: await hashPassword(newPassword) });
  return createSessionCookie(user.id);
}

/** Only same-site paths: an attacker's `redirectTo=https://…` must not leave the app. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/** The signed-in user, or null. Expired or unknown sessions count as signed out. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const sessionId = lucia().readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return null;
  const { session, user } = await lucia().validateSession(sessionId);
  if (!session || !user) return null;
  return loadSessionUser(getDb(), user.id);
}

/** The signed-in user; otherwise throws a redirect to the login page that comes back here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** Which units a permission reaches: everything, or the listed units (each with its sub-units). */
export type Scope = { all: true } | { all: false; unitIds: number[] };

export function forbidden(message = "Bạn không có quyền truy cập chức năng này."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

/**
 * The user, if a role grants the permission, and the scope that grant reaches — the next query puts
 * the scope in its WHERE. Throws a redirect to login when signed out and a 403 when not allowed.
 */
export async function requirePermission(
  request: Request,
  permission: Permission,
): Promise<{ user: SessionUser; scope: Scope }> {
  const user = await requireUser(request);
  const grants = grantsFor(user, permission);
  if (grants.length === 0) throw forbidden();
  if (grants.some((g) => g.unitId === null)) return { user, scope: { all: true } };
  const unitIds = await unitsWithDescendants(getDb(), grants.map((g) => g.unitId!));
  return { user, scope: { all: false, unitIds } };
}
