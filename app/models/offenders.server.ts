// Repeat offenders (vi phạm lặp lại) over a rolling window: officers holding at least N late steps of
// late dossiers (the contract's attribution), and resolving units whose on-time rate is below T%.
// The thresholds are settings (app_setting), so a province changes them without a release.
import { sql, type RawBuilder } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import { OFFENDER_DEFAULTS, type OffenderThresholds } from "../components/OffenderParams.js";
import { PAGE_SIZE } from "../domain/paging.js";
import type { ReportPeriod } from "../domain/period.js";
import { withPeriodOutcomes } from "./outcomes.server.js";
import { inScope } from "./units.server.js";

export const OFFENDER_SETTING_KEYS: Record<keyof OffenderThresholds, string> = {
  minLateSteps: "offenders.min_late_steps",
  maxOnTimeRate: "offenders.max_on_time_rate",
  windowDays: "offenders.window_days",
};

/** The thresholds an admin set, each falling back to its default when unset or not a number. */
export async function offenderSettings(db: Database): Promise<OffenderThresholds> {
  const rows = await db.selectFrom("app_setting").select(["key", "value"]).where("key", "in", Object.values(OFFENDER_SETTING_KEYS)).execute();
  const value = (key: keyof OffenderThresholds) => {
    const raw = rows.find((r) => r.key === OFFENDER_SETTING_KEYS[key])?.value;
    const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw) : NaN;
    return Number.isFinite(n) && n >= 0 ? n : OFFENDER_DEFAULTS[key];
  };
  return { minLateSteps: value("minLateSteps"), maxOnTimeRate: value("maxOnTimeRate"), windowDays: value("windowDays") };
}

export type OfficerOffender = {
  officerId: number;
  code: string;
  name: string;
  unitId: number | null;
  unitCode: string | null;
  unitName: string | null;
  lateSteps: number;
  lateDossiers: number;
  lateWorkingDays: number;
};

export type UnitOffender = { unitId: number; code: string; name: string; counted: number; late: number; onTimeRate: number };

export type OffenderInput = { period: ReportPeriod; minLateSteps: number; maxOnTimeRate: number; today: string };

/** Fills the temporary tables `offender_officer` and `offender_unit` for the window, inside withPeriodOutcomes. */
async function collect(trx: Tx, scope: Scope, input: OffenderInput): Promise<void> {
  const inScopeDossier: RawBuilder<boolean> = scope.all
    ? sql<boolean>`true`
    : sql<boolean>`s.dossier_id in (select p.dossier_id from period_outcome p where ${inScope("p.unit_id", scope)})`;
  await sql`create temporary table offender_officer (officer_id int primary key, late_steps int, late_dossiers int, late_days int) on commit drop`.execute(trx);
  await sql`
    insert into offender_officer
    select s.officer_id, count(*)::int, count(distinct s.dossier_id)::int, coalesce(sum(s.late_working_days), 0)::int
    from period_step s
    where s.late and s.dossier_late and s.officer_id is not null and ${inScopeDossier}
    group by s.officer_id
    having count(*) >= ${input.minLateSteps}`.execute(trx);
  await sql`create temporary table offender_unit (unit_id int primary key, counted int, late int) on commit drop`.execute(trx);
  // Strictly below T%: (counted − late) / counted < T / 100, compared without rounding.
  await sql`
    insert into offender_unit
    select p.unit_id, count(*)::int, count(*) filter (where p.late)::int
    from period_outcome p
    where ${inScope("p.unit_id", scope)}
    group by p.unit_id
    having (count(*) - count(*) filter (where p.late)) * 100.0 < ${input.maxOnTimeRate}::numeric * count(*)`.execute(trx);
}

function officerRows(trx: Tx, today: string, page: { limit: number; offset: number } | null) {
  return sql<OfficerOffender>`
    select a.officer_id as "officerId", o.code, o.full_name as name, cu.id as "unitId", cu.code as "unitCode", cu.name as "unitName",
      a.late_steps as "lateSteps", a.late_dossiers as "lateDossiers", a.late_days as "lateWorkingDays"
    from offender_officer a
    join officer o on o.id = a.officer_id
    left join lateral (
      select u.id, u.code, u.name from officer_membership m join unit u on u.id = m.unit_id
      where m.officer_id = o.id and (m.valid_from is null or m.valid_from <= ${today}::date) and (m.valid_to is null or m.valid_to >= ${today}::date)
      order by m.valid_from desc nulls last limit 1
    ) cu on true
    order by a.late_steps desc, a.late_days desc, o.code
    ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`.execute(trx);
}

function unitRows(trx: Tx, page: { limit: number; offset: number } | null) {
  return sql<UnitOffender>`
    select a.unit_id as "unitId", u.code, u.name, a.counted, a.late, (a.counted - a.late) * 100.0 / a.counted as "onTimeRate"
    from offender_unit a join unit u on u.id = a.unit_id
    order by "onTimeRate", a.late desc, u.code
    ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`.execute(trx);
}

const count = async (trx: Tx, table: "offender_officer" | "offender_unit") =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx)).rows[0]!.n;

/** One page of each table. */
export async function listOffenders(db: Database, scope: Scope, input: OffenderInput & { officerPage: number; unitPage: number }) {
  return withPeriodOutcomes(db, input.period, input.period.asOf, async (trx) => {
    await collect(trx, scope, input);
    const [officers, officerTotal, units, unitTotal] = await Promise.all([
      officerRows(trx, input.today, { limit: PAGE_SIZE, offset: (input.officerPage - 1) * PAGE_SIZE }),
      count(trx, "offender_officer"),
      unitRows(trx, { limit: PAGE_SIZE, offset: (input.unitPage - 1) * PAGE_SIZE }),
      count(trx, "offender_unit"),
    ]);
    return { officers: officers.rows, officerTotal, units: units.rows.map((u) => ({ ...u, onTimeRate: Number(u.onTimeRate) })), unitTotal };
  });
}

/** Every row of one table, for its CSV (offenders are a few hundred at most, not a period of dossiers). */
export async function allOffenders(db: Database, scope: Scope, input: OffenderInput & { kind: "officers" | "units" }) {
  return withPeriodOutcomes(db, input.period, input.period.asOf, async (trx) => {
    await collect(trx, scope, input);
    if (input.kind === "officers") return { kind: "officers" as const, rows: (await officerRows(trx, input.today, null)).rows };
    return { kind: "units" as const, rows: (await unitRows(trx, null)).rows.map((u) => ({ ...u, onTimeRate: Number(u.onTimeRate) })) };
  });
}
