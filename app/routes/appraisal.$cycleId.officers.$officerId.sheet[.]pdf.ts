// One officer's appraisal input sheet for the cycle: exactly the items consumed for them, and their result.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { getDb } from "../db.server.js";
import { attachmentHeader } from "../domain/csv-export.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { officerSheetPdf } from "../models/appraisal-reports.server.js";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "run:appraisal");
  const cycleId = invariantFound(idParam(params.cycleId));
  const officerId = invariantFound(idParam(params.officerId));
  const pdf = invariantFound(
    await officerSheetPdf(getDb(), { cycleId, officerId, scope }, user),
    "Không tìm thấy kỳ đánh giá hoặc cán bộ, hoặc cán bộ không thuộc phạm vi của kỳ đánh giá.",
  );
  return new Response(new Uint8Array(pdf.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachmentHeader(pdf.fileName),
      "Content-Length": String(pdf.bytes.length),
      "X-Content-Type-Options": "nosniff",
      // The sheet names an officer and their rating: never kept by a cache.
      "Cache-Control": "no-store",
    },
  });
}
