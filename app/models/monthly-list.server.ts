// The monthly list of Decision 766 practice: for one month, the units and officers to whom late dossiers
// are attributed, with the number of late dossiers each. Attribution is the contract's
// (spec/evidence-import.md): a late dossier goes to each of its late steps — that step's officer and
// unit — or, with no late step, to its resolving unit alone. Dossiers count in the month of their due
// date, judged as of the end of the month (or now, while the month runs), from the stored outcomes.
// Officers come from the repeat-offenders query (at least one late step of a late dossier), so the two
// pages cannot count an officer differently.
import { sql } from "kysely";
import type { Database } from "../../db/index.js";
import type { MonthlyListOfficer, MonthlyListUnit } from "../../reports/monthly-list.js";
import type { Scope } from "../auth.server.js";
import type { Instant } from "../domain/instants.js";
import { asOfFor, type ReportPeriod } from "../domain/period.js";
import { allOffenders } from "./offenders.server.js";
import { withPeriodOutcomes } from "./outcomes.server.js";
import { inScope } from "./units.server.js";

export type MonthlyListData = {
  year: number;
  month: number;
  period: ReportPeriod;
  /** Most late dossiers first, then by code. */
  units: (MonthlyListUnit & { unitId: number })[];
  officers: (MonthlyListOfficer & { officerId: number })[];
};

/** The first and last day of a month, and the instant its open dossiers are judged at. */
export function monthPeriod(year: number, month: number, now: Instant = Date.now()): ReportPeriod {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) throw new Error(`Tháng không hợp lệ: ${month}/${year}`);
  const mm = String(month).padStart(2, "0");
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const to = `${year}-${mm}-${String(last).padStart(2, "0")}`;
  return { from: `${year}-${mm}-01`, to, asOf: asOfFor(to, now) };
}

/**
 * The units and officers of the month. Dossiers are those resolved by a unit in `scope` (as on the
 * dashboards); a unit outside the scope that held a late step of such a dossier is listed all the same.
 */
export async function monthlyList(db: Database, scope: Scope, input: { year: number; month: number; now?: Instant }): Promise<MonthlyListData> {
  const period = monthPeriod(input.year, input.month, input.now);
  const units = await withPeriodOutcomes(db, period, period.asOf, async (trx) => {
    const inScopeDossier = inScope("p.unit_id", scope);
    return (
      await sql<{ unit_id: number; code: string; name: string; late_dossiers: number }>`
        with attributed as (
          select s.dossier_id, s.unit_id
          from period_step s join period_outcome p on p.dossier_id = s.dossier_id
          where s.late and s.dossier_late and ${inScopeDossier}
          union
          select p.dossier_id, p.unit_id
          from period_outcome p
          where p.late and ${inScopeDossier}
            and not exists (select 1 from period_step s where s.dossier_id = p.dossier_id and s.late)
        )
        select u.id as unit_id, u.code, u.name, count(distinct a.dossier_id)::int as late_dossiers
        from attributed a join unit u on u.id = a.unit_id
        group by u.id
        order by late_dossiers desc, u.code`.execute(trx)
    ).rows;
  });
  // The officer's unit is the one they belonged to at the end of the month.
  const offenders = await allOffenders(db, scope, { period, minLateSteps: 1, maxOnTimeRate: 0, today: period.to, kind: "officers" });
  const officers = offenders.kind === "officers" ? offenders.rows : [];
  return {
    year: input.year,
    month: input.month,
    period,
    units: units.map((u) => ({ unitId: u.unit_id, code: u.code, name: u.name, lateDossiers: u.late_dossiers })),
    officers: officers
      .map((o) => ({ officerId: o.officerId, code: o.code, name: o.name, unitName: o.unitName ?? "", lateDossiers: o.lateDossiers }))
      .sort((a, b) => b.lateDossiers - a.lateDossiers || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
  };
}
