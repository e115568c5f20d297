// The official PDF of a published notice (public, like the register): rendered from the frozen content,
// the same bytes every time.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db.server.js";
import { env } from "../env.server.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { getPublishedNotice } from "../models/conclusions.server.js";
import { noticeFileName, renderNoticePdf } from "../models/notice-pdf.server.js";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = invariantFound(idParam(params.noticeId));
  const notice = invariantFound(await getPublishedNotice(getDb(), id));
  const etag = `"${notice.sha256}"`;
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
  const pdf = await renderNoticePdf(notice, env().PUBLIC_URL);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${noticeFileName(notice)}"`,
      "Content-Length": String(pdf.length),
      "X-Content-Type-Options": "nosniff",
      ETag: etag,
      "Cache-Control": "public, max-age=300",
    },
  });
}
