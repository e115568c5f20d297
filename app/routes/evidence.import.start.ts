// Starts an evidence import from the page's script (XMLHttpRequest, for its upload progress) and
// answers with the job's id at once; the page then polls /evidence/import/jobs/:jobId.
import type { ActionFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { getDb } from "../db.server.js";
import { readEvidenceUpload, startEvidenceImport } from "../models/import-jobs.server.js";

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "import:evidence");
  const upload = await readEvidenceUpload(request);
  if (!upload.ok) return Response.json({ error: upload.error }, { status: upload.status });
  const jobId = startEvidenceImport(getDb(), { ...upload.files, userId: user.id });
  return Response.json({ jobId }, { status: 202 });
}
