// /evidence/dashboard.csv?table=unit|procedure|officer|month|score&from=…&to=…[&unit=…][&procedure=…]:
// every row of one dashboard table, for Excel.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { getDb } from "../db.server.js";
import { csvDocument, csvResponse } from "../domain/csv-export.js";
import { dashboardCsvTable, readDashboardParams, TABLE_FILE_NAMES } from "../domain/evidence-dashboard.js";
import { badRequest, invariantFound } from "../http.server.js";
import { dashboardTableRows } from "../models/dashboard-evidence.server.js";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:evidence");
  const { period, filter, table, problems } = readDashboardParams(new URL(request.url).searchParams);
  if (!table) throw badRequest("Thiếu bảng cần tải: dùng table=unit, procedure, officer, month hoặc score.");
  // A file is kept and passed on: it must not quietly cover another period than the one asked for.
  if (problems.length > 0) throw badRequest(problems.join(" "));
  const rows = invariantFound(
    await dashboardTableRows(getDb(), { period, asOf: period.asOf, filter, table }),
    "Không tìm thấy đơn vị hoặc thủ tục đã chọn.",
  );
  const { header, rows: cells } = dashboardCsvTable(rows);
  return csvResponse(csvDocument(header, cells), `bang-theo-doi-${TABLE_FILE_NAMES[table]}_${period.from}_${period.to}.csv`);
}
