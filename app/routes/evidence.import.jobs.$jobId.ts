// The progress and, once over, the result of one evidence import job (polled by the import page).
// Only the user who started the job may see it: anyone else gets 404, as for a job that never was.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { invariantFound } from "../http.server.js";
import { importJobFor } from "../models/import-jobs.server.js";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "import:evidence");
  const job = invariantFound(importJobFor(params.jobId ?? "", user.id), "Không tìm thấy lần nhập này.");
  return Response.json(job, { headers: { "Cache-Control": "no-store" } });
}
