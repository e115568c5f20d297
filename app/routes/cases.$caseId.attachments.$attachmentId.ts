// Downloads a file attached to a case (an explanation's evidence). The case must be in the reader's
// scope and the file must belong to it, both in the WHERE; otherwise 404 with nothing about the file.
// Always served as a download with the type its bytes were checked to be and nosniff, so a file can
// never be rendered as a page of this site; the ETag is its SHA-256, which never changes.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { getDb } from "../db.server.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { getAttachment } from "../models/explanations.server.js";

/** RFC 6266: an ASCII fallback name, and the real (Vietnamese) name percent-encoded as UTF-8. */
function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "read:case");
  const caseId = invariantFound(idParam(params.caseId));
  const attachmentId = invariantFound(idParam(params.attachmentId));
  const file = invariantFound(await getAttachment(getDb(), { caseId, attachmentId, scope }));
  const etag = `"${file.sha256}"`;
  const headers = new Headers({
    "Content-Type": file.media_type,
    "Content-Disposition": contentDisposition(file.file_name),
    "X-Content-Type-Options": "nosniff",
    ETag: etag,
    // Private: the file is only for those whose scope reaches the case.
    "Cache-Control": "private, no-cache",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  headers.set("Content-Length", String(file.size_bytes));
  return new Response(new Uint8Array(file.content), { status: 200, headers });
}
