// One of the two repeat-offender tables as CSV (?kind=officers or ?kind=units), every row of it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { readOffenderParams } from "../components/OffenderParams.js";
import { offenderCsv } from "../components/OffenderCsv.js";
import { getDb } from "../db.server.js";
import { csvResponse } from "../domain/csv-export.js";
import { todayInVietnam } from "../domain/format.js";
import { allOffenders, offenderSettings } from "../models/offenders.server.js";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "read:evidence");
  const search = new URL(request.url).searchParams;
  const kind = search.get("kind") === "units" ? "units" : "officers";
  const { params } = readOffenderParams(search, await offenderSettings(getDb()));
  const result = await allOffenders(getDb(), scope, { ...params, kind, today: todayInVietnam() });
  const name = `${kind === "units" ? "don-vi" : "can-bo"}-vi-pham-lap-lai_${params.period.from}_${params.period.to}.csv`;
  return csvResponse(offenderCsv(result), name);
}
