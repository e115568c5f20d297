import type { Database } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import { todayInVietnam } from "../domain/format.js";

/** Counts for the home page, within the user's scope. */
export async function organisationSummary(db: Database, scope: Scope) {
  const today = todayInVietnam();
  let units = db
    .selectFrom("unit")
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", today)]));
  let officers = db
    .selectFrom("officer_membership as m")
    .where((eb) => eb.or([eb("m.valid_to", "is", null), eb("m.valid_to", ">=", today)]))
    .where((eb) => eb.or([eb("m.valid_from", "is", null), eb("m.valid_from", "<=", today)]));
  if (!scope.all) {
    units = units.where("id", "in", scope.unitIds.length ? scope.unitIds : [-1]);
    officers = officers.where("m.unit_id", "in", scope.unitIds.length ? scope.unitIds : [-1]);
  }
  const [u, o] = await Promise.all([
    units.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    officers.select((eb) => eb.fn.count<number>("m.officer_id").distinct().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { units: u.n, officers: o.n };
}
