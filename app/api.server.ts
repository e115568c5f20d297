// Responses of the JSON API for external HR software (/api/v1). Bodies are canonical JSON (keys sorted),
// so a stored idempotent reply and the first reply are the same bytes. The API knows no session: a
// Bearer token is the only credential, and cookies a client happens to send are ignored.
import { getDb } from "../db/index.js";
import { canonicalJson } from "./domain/canonical-json.js";
import { authenticateApiToken, type ApiToken } from "./models/api-tokens.server.js";

export function apiJson(body: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("Content-Type", "application/json; charset=utf-8");
  h.set("Cache-Control", "no-store");
  return new Response(canonicalJson(body), { status, headers: h });
}

export function apiError(status: number, message: string, headers?: HeadersInit): Response {
  return apiJson({ error: message }, status, headers);
}

/** The request's token; otherwise throws 401 (unknown, revoked, or no `Authorization: Bearer …`). */
export async function requireApiToken(request: Request): Promise<ApiToken> {
  const token = await authenticateApiToken(getDb(), request);
  if (!token) {
    throw apiError(401, "Thiếu khoá API hoặc khoá không hợp lệ, đã bị thu hồi. Gửi tiêu đề Authorization: Bearer <khoá> với khoá do quản trị hệ thống cấp.", {
      "WWW-Authenticate": 'Bearer realm="KTCV"',
    });
  }
  return token;
}

export function methodNotAllowed(allow: string): Response {
  return apiError(405, `Phương thức không được hỗ trợ ở địa chỉ này; hãy dùng ${allow}.`, { Allow: allow });
}
