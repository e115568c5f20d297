// The team picker asks here as the inspector types (the admin's officer search is for admins only, and
// tells which account an officer has, which an inspector does not need).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { getDb } from "../db.server.js";
import { todayInVietnam } from "../domain/format.js";
import { searchTeamCandidates } from "../models/inspections.server.js";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:case");
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const rows = await searchTeamCandidates(getDb(), q, todayInVietnam());
  return { officers: rows.map((r) => ({ id: r.id, code: r.code, name: r.full_name, unitName: r.unit_name })) };
}
