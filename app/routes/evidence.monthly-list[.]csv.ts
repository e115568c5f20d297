// The monthly list of ?year=&month= as one CSV (units, then officers), every row of it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { monthlyListCsv } from "../components/MonthlyListCsv.js";
import { badMonthMessage, readMonthlyListParams } from "../components/MonthlyListParams.js";
import { getDb } from "../db.server.js";
import { csvResponse } from "../domain/csv-export.js";
import { badRequest } from "../http.server.js";
import { monthlyList, monthlyListFileName } from "../models/monthly-list.server.js";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "read:evidence");
  const { params, problems } = readMonthlyListParams(new URL(request.url).searchParams);
  if (problems.length > 0) throw badRequest(badMonthMessage(problems));
  const data = await monthlyList(getDb(), scope, { year: params.year, month: params.month });
  return csvResponse(monthlyListCsv(data), monthlyListFileName(params.year, params.month, "csv"));
}
