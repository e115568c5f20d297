// The dossier list's selection as it travels to the new-case form: the list's own filter parameters
// (DossierFilterParams) plus `dossiers`, either "all" (every dossier matching the filter) or the ticked
// ids "12,15,19". The form posts to its own URL, so the action reads the same selection it showed.
import { z } from "zod";
import type { ReportPeriod } from "../domain/period.js";
import { periodFromSearch } from "../domain/period.js";
import type { DossierSelection } from "../models/evidence-sets.server.js";
import { dossierSearch, readDossierFilter, type DossierFilter } from "./DossierFilterParams.js";

const ids = z
  .string()
  .regex(/^\d{1,10}(,\d{1,10}){0,999}$/)
  .transform((text) => [...new Set(text.split(",").map(Number))])
  .refine((list) => list.every((n) => n > 0 && n <= 2_147_483_647));

/** The new-case form's URL for a selection of the dossier list. */
export function caseIntakeHref(period: Pick<ReportPeriod, "from" | "to">, filter: DossierFilter, selection: "all" | number[]): string {
  return `/cases/new?${dossierSearch(period, filter, { dossiers: selection === "all" ? "all" : selection.join(",") })}`;
}

/** The selection carried in a URL; null when the URL carries none, with a Vietnamese message for each part not understood. */
export function readCarriedSelection(params: URLSearchParams, now = Date.now()): { selection: DossierSelection | null; problems: string[] } {
  const carried = params.get("dossiers");
  if (carried === null) return { selection: null, problems: [] };
  const period = periodFromSearch(params, now);
  const filter = readDossierFilter(params);
  const problems = [...period.problems, ...filter.problems];
  if (carried === "all") return { selection: { period: period.period, filter: filter.filter, selection: "all" }, problems };
  const parsed = ids.safeParse(carried);
  if (!parsed.success) return { selection: null, problems: [...problems, "Danh sách hồ sơ đã chọn không hợp lệ; hãy chọn lại từ danh sách hồ sơ."] };
  return { selection: { period: period.period, filter: filter.filter, selection: parsed.data }, problems };
}
