// overdue.csv (spec/evidence-import.md › Export): every counted dossier due in the period, evaluated
// as of an instant by the contract's rules — the rows the dashboards count too.
import type { Database } from "../../db/index.js";
import type { DossierDelay } from "../domain/delay.js";
import type { Instant } from "../domain/instants.js";
import { overdueCsv, overdueRows, type ExportPeriod } from "../domain/overdue-export.js";
import { evaluatePeriod } from "./outcomes.server.js";

export async function overdueExport(db: Database, period: ExportPeriod, asOf: Instant): Promise<string> {
  const delays: DossierDelay[] = [];
  for await (const delay of evaluatePeriod(db, period, asOf)) delays.push(delay);
  return overdueCsv(overdueRows(delays, period));
}
