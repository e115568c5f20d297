// The officer picker of the dossier filters asks here as the inspector types: a province has thousands
// of officers, too many to send with the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { getDb } from "../db.server.js";
import { searchOfficerChoices } from "../models/evidence-dossiers.server.js";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:evidence");
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  return { officers: await searchOfficerChoices(getDb(), q) };
}
