// The filtered dossier list as CSV: every matching dossier, not just a page, streamed from the database.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { readDossierFilter } from "../components/DossierFilterParams.js";
import { DOSSIER_CSV_HEADER, dossierCsvRow } from "../components/DossierCsv.server.js";
import { getDb } from "../db.server.js";
import { csvLine, csvResponse, textStream, UTF8_BOM } from "../domain/csv-export.js";
import { periodFromSearch } from "../domain/period.js";
import { exportPeriodDossiers } from "../models/evidence-dossiers.server.js";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "read:evidence");
  const search = new URL(request.url).searchParams;
  const { period } = periodFromSearch(search);
  const { filter } = readDossierFilter(search);
  const body = textStream(async (write) => {
    await write(UTF8_BOM + csvLine(DOSSIER_CSV_HEADER));
    await exportPeriodDossiers(getDb(), scope, { period, filter }, (rows) => write(rows.map((r) => csvLine(dossierCsvRow(r))).join("")));
  });
  const name = `${filter.lateOnly ? "ho-so-tre-han" : "ho-so"}_${period.from}_${period.to}.csv`;
  return csvResponse(body, name);
}
