// An evidence set's dossiers as CSV, each judged as of the set's instant.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { DOSSIER_CSV_HEADER, dossierCsvRow } from "../components/DossierCsv.server.js";
import { getDb } from "../db.server.js";
import { csvLine, csvResponse, textStream, UTF8_BOM } from "../domain/csv-export.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { openEvidenceSetExport } from "../models/evidence-sets.server.js";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:evidence");
  const id = invariantFound(idParam(params.setId));
  const exported = invariantFound(await openEvidenceSetExport(getDb(), id));
  const body = textStream(async (write) => {
    await write(UTF8_BOM + csvLine(DOSSIER_CSV_HEADER));
    await exported.run((rows) => write(rows.map((r) => csvLine(dossierCsvRow(r))).join("")));
  });
  return csvResponse(body, `bo-chung-cu-${id}.csv`);
}
