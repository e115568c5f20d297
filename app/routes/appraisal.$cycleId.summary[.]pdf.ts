// The cycle's summary per unit as the official PDF (landscape), signed by the HR officer who draws it up.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { getDb } from "../db.server.js";
import { attachmentHeader } from "../domain/csv-export.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { cycleSummaryPdf } from "../models/appraisal-reports.server.js";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "run:appraisal");
  const cycleId = invariantFound(idParam(params.cycleId));
  const pdf = invariantFound(await cycleSummaryPdf(getDb(), { cycleId, scope }, user), "Không tìm thấy kỳ đánh giá, hoặc kỳ đánh giá nằm ngoài phạm vi của bạn.");
  return new Response(new Uint8Array(pdf.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachmentHeader(pdf.fileName),
      "Content-Length": String(pdf.bytes.length),
      "X-Content-Type-Options": "nosniff",
      // An open cycle's figures change, and the summary names units' results: never kept by a cache.
      "Cache-Control": "no-store",
    },
  });
}
