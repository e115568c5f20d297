// The monthly list of ?year=&month= as the official PDF (a working copy: no number, no signer).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { badMonthMessage, readMonthlyListParams } from "../components/MonthlyListParams.js";
import { getDb } from "../db.server.js";
import { badRequest } from "../http.server.js";
import { monthlyListFileName, monthlyListPdf } from "../models/monthly-list.server.js";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "read:evidence");
  const { params, problems } = readMonthlyListParams(new URL(request.url).searchParams);
  if (problems.length > 0) throw badRequest(badMonthMessage(problems));
  const pdf = await monthlyListPdf(getDb(), scope, { year: params.year, month: params.month });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${monthlyListFileName(params.year, params.month, "pdf")}"`,
      "Content-Length": String(pdf.length),
      "X-Content-Type-Options": "nosniff",
      // The figures of a running month change, and the list names officers: never kept by a cache.
      "Cache-Control": "no-store",
    },
  });
}
