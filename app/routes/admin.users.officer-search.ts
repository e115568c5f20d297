// The officer picker of the user forms asks here as the admin types: a province has thousands of
// officers, too many to send to the browser with the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { getDb } from "../db.server.js";
import { searchOfficers } from "../models/users.server.js";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:users");
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const rows = await searchOfficers(getDb(), q);
  return {
    officers: rows.map((r) => ({ id: r.id, code: r.code, name: r.full_name, userId: r.user_id, username: r.username })),
  };
}
