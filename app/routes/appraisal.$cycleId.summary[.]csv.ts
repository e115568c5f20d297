// The cycle's summary per unit as CSV (UTF-8 with BOM, formula-neutralised), the PDF's rows without the totals.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { getDb } from "../db.server.js";
import { csvResponse } from "../domain/csv-export.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { cycleSummaryCsv } from "../models/appraisal-reports.server.js";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "run:appraisal");
  const cycleId = invariantFound(idParam(params.cycleId));
  const csv = invariantFound(await cycleSummaryCsv(getDb(), { cycleId, scope }), "Không tìm thấy kỳ đánh giá, hoặc kỳ đánh giá nằm ngoài phạm vi của bạn.");
  const response = csvResponse(csv.text, csv.fileName);
  response.headers.set("X-Content-Type-Options", "nosniff");
  return response;
}
