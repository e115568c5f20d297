// Factories and request helpers for integration tests: real Requests, real session cookies, real database.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db/index.js";
import { seedDemo } from "../db/seed.js";
import { createSessionCookie } from "../app/auth.server.js";

export const BASE = "http://localhost";

export async function loadDemo(): Promise<void> {
  await seedDemo(getDb());
}

export async function userIdOf(username: string): Promise<string> {
  const row = await getDb().selectFrom("app_user").select("id").where("username", "=", username).executeTakeFirstOrThrow();
  return row.id;
}

/** A Cookie header value holding a fresh session of the given user. */
export async function cookieFor(username: string): Promise<string> {
  const setCookie = await createSessionCookie(await userIdOf(username));
  return setCookie.split(";")[0]!;
}

export async function makeRequest(
  path: string,
  options: { as?: string; method?: string; form?: Record<string, string | string[] | Blob>; headers?: Record<string, string>; /** As a browser posts a form without files. */ urlencoded?: boolean } = {},
): Promise<Request> {
  const headers = new Headers(options.headers);
  if (options.as) headers.set("Cookie", await cookieFor(options.as));
  let body: FormData | URLSearchParams | undefined;
  if (options.form) {
    body = options.urlencoded ? new URLSearchParams() : new FormData();
    for (const [key, value] of Object.entries(options.form)) {
      for (const v of Array.isArray(value) ? value : [value]) {
        if (body instanceof FormData) body.append(key, v);
        else if (typeof v === "string") body.append(key, v);
        else throw new Error(`a file (${key}) cannot be sent urlencoded`);
      }
    }
  }
  return new Request(BASE + path, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}

type Loader = (args: LoaderFunctionArgs) => unknown;
type Action = (args: ActionFunctionArgs) => unknown;

/** Calls a loader or action; a thrown Response (redirect, 403, 404) is returned, not rethrown. */
export async function call(fn: Loader | Action, request: Request, params: Record<string, string> = {}): Promise<unknown> {
  try {
    return await fn({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The status a loader/action result stands for: thrown Responses carry theirs; single-fetch `data()` carries init. */
export function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  const maybe = result as { type?: string; init?: { status?: number } | null } | null;
  if (maybe && maybe.type === "DataWithResponseInit") return maybe.init?.status ?? 200;
  return 200;
}

/** The payload of a loader/action result (unwrapping `data()`). */
export function payloadOf<T = any>(result: unknown): T {
  const maybe = result as { type?: string; data?: unknown } | null;
  if (maybe && maybe.type === "DataWithResponseInit") return maybe.data as T;
  return result as T;
}
