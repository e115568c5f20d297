// GET /api/v1/appraisal-items?status=pending|consumed&unit=<mã đơn vị>&cursor=…&limit=… — the token's
// published conclusion items, one page at a time (README › API cho phần mềm nhân sự).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiError, apiJson, methodNotAllowed, requireApiToken } from "../api.server.js";
import { getDb } from "../db.server.js";
import { decodeCursor, listApiItems, type ApiItemStatus } from "../models/appraisal-api.server.js";

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

export async function loader({ request }: LoaderFunctionArgs) {
  const token = await requireApiToken(request);
  const params = new URL(request.url).searchParams;
  const status = params.get("status") ?? "pending";
  if (status !== "pending" && status !== "consumed") return apiError(400, "Tham số status chỉ nhận pending (chưa ghi nhận) hoặc consumed (đã ghi nhận).");
  const limitText = params.get("limit");
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!/^\d{1,4}$/.test(limitText ?? "1") || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return apiError(400, `Tham số limit phải là số nguyên từ 1 đến ${MAX_LIMIT} (mặc định ${DEFAULT_LIMIT}).`);
  }
  const cursor = params.get("cursor");
  const afterId = cursor ? decodeCursor(status as ApiItemStatus, cursor) : null;
  if (cursor && afterId === null) return apiError(400, "Tham số cursor không hợp lệ: hãy dùng đúng giá trị nextCursor của trang trước, cùng tham số status.");
  const unitCode = params.get("unit")?.trim() || null;
  const result = await listApiItems(getDb(), token, { status, unitCode, afterId, limit });
  if (!result.ok) return apiError(404, result.message);
  return apiJson({ items: result.items, nextCursor: result.nextCursor });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireApiToken(request);
  return methodNotAllowed("GET");
}
