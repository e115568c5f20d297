// The evidence dashboard's figures, read from the period's outcomes (withPeriodOutcomes). Every
// figure is a GROUP BY in PostgreSQL: a year of a province is up to a million dossiers, and none of
// them comes to JavaScript. The filtered dossier set is copied once into a temporary table, so the
// five aggregations do not each re-run the period view.
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import {
  DASHBOARD_PAGE_ROWS,
  type DashboardFilter,
  type DashboardTable,
  type DashboardTableRows,
  type MonthRow,
  type OfficerRow,
  type ProcedureRow,
  type ScoreRow,
  type TablePage,
  type UnitRow,
} from "../domain/evidence-dashboard.js";
import { todayInVietnam } from "../domain/format.js";
import type { Instant } from "../domain/instants.js";
import type { ExportPeriod } from "../domain/overdue-export.js";
import { withPeriodOutcomes } from "./outcomes.server.js";
import { getProgressThreshold } from "./settings.server.js";
import { unitOptions } from "./units.server.js";

export type DashboardInput = { period: ExportPeriod; asOf: Instant; filter: DashboardFilter };

type Limit = number | null;
const limitTo = (limit: Limit) => (limit === null ? sql`` : sql`limit ${limit}`);

/**
 * Two temporary tables for the rest of the transaction:
 * - dash_group(unit_id, group_id, own): the table row each unit's dossiers count in — the chosen unit
 *   (or each root) itself with own = true, and each of its children with all their descendants;
 * - dash_outcome: the period's counted dossiers resolved inside that tree (and of the procedure, if
 *   chosen), with the row they count in and the month of their due date in Vietnam.
 */
async function prepare(trx: Tx, filter: DashboardFilter): Promise<void> {
  // A year of a province is a million dossiers and several million steps: the default 4 MB makes
  // every hash join and sort below spill to disk. For this transaction only.
  await sql`set local work_mem = '64MB'`.execute(trx);
  const focus = filter.unitId === null ? sql`parent_id is null` : sql`id = ${filter.unitId}`;
  await sql`
    create temporary table dash_group on commit drop as
    with recursive grp(unit_id, group_id, own) as (
      select id, id, true from unit where ${focus}
      union all
      select c.id, case when g.own then c.id else g.group_id end, false
      from unit c join grp g on c.parent_id = g.unit_id
    ) select unit_id, group_id, own from grp`.execute(trx);
  const procedure = filter.procedureId === null ? sql`true` : sql`p.procedure_id = ${filter.procedureId}`;
  // Vietnam is UTC+7 all year; an interval zone avoids depending on the server's tz database.
  await sql`
    create temporary table dash_outcome on commit drop as
    select p.dossier_id, g.group_id, p.procedure_id, p.late, p.apology, p.attributed_unit_id,
      to_char(p.due_at at time zone interval '+07:00', 'YYYY-MM') as month
    from period_outcome p join dash_group g on g.unit_id = p.unit_id
    where ${procedure}`.execute(trx);
  // Temporary tables are never auto-analysed: without statistics a million-row join is planned blind.
  await sql`analyze dash_group`.execute(trx);
  await sql`analyze dash_outcome`.execute(trx);
}

const COUNTS = sql`
  count(*)::int as counted,
  (count(*) filter (where not o.late))::int as on_time,
  (count(*) filter (where o.late))::int as late,
  (count(*) filter (where o.late and o.apology = 'missing'))::int as late_no_apology`;

type CountsSql = { counted: number; on_time: number; late: number; late_no_apology: number };
const counts = (r: CountsSql) => ({ counted: r.counted, onTime: r.on_time, late: r.late, lateNoApology: r.late_no_apology });

async function headline(trx: Tx) {
  const row = (
    await sql<CountsSql & { attributed_outside: number }>`
      select ${COUNTS},
        (count(*) filter (where o.late and o.attributed_unit_id is not null
          and not exists (select 1 from dash_group g where g.unit_id = o.attributed_unit_id)))::int as attributed_outside
      from dash_outcome o`.execute(trx)
  ).rows[0]!;
  return { ...counts(row), attributedOutside: row.attributed_outside };
}

type UnitSql = CountsSql & { unit_id: number; code: string; name: string; own: boolean; has_sub_units: boolean; attributed_late: number; total: number };

async function unitRows(trx: Tx, limit: Limit): Promise<TablePage<UnitRow>> {
  const rows = (
    await sql<UnitSql>`
      with resolved as (
        select o.group_id, ${COUNTS} from dash_outcome o group by o.group_id
      ), attributed as (
        select g.group_id, count(*)::int as n
        from dash_outcome o join dash_group g on g.unit_id = o.attributed_unit_id
        where o.late group by g.group_id
      )
      select u.id as unit_id, u.code, u.name, gr.own,
        exists (select 1 from unit c where c.parent_id = u.id) as has_sub_units,
        coalesce(r.counted, 0) as counted, coalesce(r.on_time, 0) as on_time, coalesce(r.late, 0) as late,
        coalesce(r.late_no_apology, 0) as late_no_apology, coalesce(a.n, 0) as attributed_late,
        (count(*) over ())::int as total
      from resolved r full join attributed a on a.group_id = r.group_id
      join unit u on u.id = coalesce(r.group_id, a.group_id)
      join dash_group gr on gr.unit_id = u.id
      order by coalesce(r.late, 0) desc, coalesce(a.n, 0) desc, coalesce(r.counted, 0) desc, u.code
      ${limitTo(limit)}`.execute(trx)
  ).rows;
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({ unitId: r.unit_id, code: r.code, name: r.name, own: r.own, hasSubUnits: r.has_sub_units, attributedLate: r.attributed_late, ...counts(r) })),
  };
}

/** Units with counted dossiers, lowest on-time rate (so lowest score) first. */
async function scoreRows(trx: Tx, limit: Limit): Promise<TablePage<ScoreRow>> {
  const rows = (
    await sql<{ unit_id: number; code: string; name: string; own: boolean; has_sub_units: boolean; counted: number; on_time: number; total: number }>`
      with resolved as (
        select o.group_id, count(*)::int as counted, (count(*) filter (where not o.late))::int as on_time
        from dash_outcome o group by o.group_id
      )
      select u.id as unit_id, u.code, u.name, gr.own, exists (select 1 from unit c where c.parent_id = u.id) as has_sub_units,
        r.counted, r.on_time, (count(*) over ())::int as total
      from resolved r join unit u on u.id = r.group_id join dash_group gr on gr.unit_id = u.id
      order by r.on_time::numeric / r.counted, r.counted desc, u.code
      ${limitTo(limit)}`.execute(trx)
  ).rows;
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({ unitId: r.unit_id, code: r.code, name: r.name, own: r.own, hasSubUnits: r.has_sub_units, counted: r.counted, onTime: r.on_time })),
  };
}

async function procedureRows(trx: Tx, limit: Limit): Promise<TablePage<ProcedureRow>> {
  const rows = (
    await sql<CountsSql & { procedure_id: number; code: string; name: string | null; total: number }>`
      select p.id as procedure_id, p.code, p.name, ${COUNTS}, (count(*) over ())::int as total
      from dash_outcome o join procedure p on p.id = o.procedure_id
      group by p.id
      order by late desc, counted desc, p.code
      ${limitTo(limit)}`.execute(trx)
  ).rows;
  return { total: rows[0]?.total ?? 0, rows: rows.map((r) => ({ procedureId: r.procedure_id, code: r.code, name: r.name, ...counts(r) })) };
}

/**
 * Officers who held a step of the filtered dossiers, most attributed delays first. Steps, not
 * distinct dossiers: counting those too doubles the cost of the heaviest query of the page.
 */
async function officerRows(trx: Tx, limit: Limit): Promise<TablePage<OfficerRow>> {
  const rows = (
    await sql<{
      officer_id: number;
      code: string;
      full_name: string;
      steps: number;
      late_steps: number;
      attributed_late_steps: number;
      attributed_lwd: number;
      total: number;
    }>`
      select f.id as officer_id, f.code, f.full_name,
        count(*)::int as steps,
        (count(*) filter (where s.late))::int as late_steps,
        (count(*) filter (where s.late and s.dossier_late))::int as attributed_late_steps,
        coalesce(sum(s.late_working_days) filter (where s.late and s.dossier_late), 0)::int as attributed_lwd,
        (count(*) over ())::int as total
      from period_step s
      join dash_outcome o on o.dossier_id = s.dossier_id
      join officer f on f.id = s.officer_id
      group by f.id
      order by attributed_late_steps desc, late_steps desc, attributed_lwd desc, f.code
      ${limitTo(limit)}`.execute(trx)
  ).rows;
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({
      officerId: r.officer_id,
      code: r.code,
      fullName: r.full_name,
      steps: r.steps,
      lateSteps: r.late_steps,
      attributedLateSteps: r.attributed_late_steps,
      attributedLateWorkingDays: r.attributed_lwd,
    })),
  };
}

/** Every month of the period, empty ones included, so a chart over months has no silent gaps. */
async function monthRows(trx: Tx, period: ExportPeriod): Promise<MonthRow[]> {
  const rows = (
    await sql<CountsSql & { month: string }>`
      with per_month as (select o.month, ${COUNTS} from dash_outcome o group by o.month)
      select to_char(m, 'YYYY-MM') as month, coalesce(a.counted, 0) as counted, coalesce(a.on_time, 0) as on_time,
        coalesce(a.late, 0) as late, coalesce(a.late_no_apology, 0) as late_no_apology
      from generate_series(date_trunc('month', ${period.from}::timestamp), ${period.to}::timestamp, interval '1 month') m
      left join per_month a on a.month = to_char(m, 'YYYY-MM')
      order by m`.execute(trx)
  ).rows;
  return rows.map((r) => ({ month: r.month, ...counts(r) }));
}

/** The filter with ids that exist, and what it names; unknown ids are dropped and reported. */
async function resolveFilter(db: Database, filter: DashboardFilter) {
  const [unit, procedure] = await Promise.all([
    filter.unitId === null ? undefined : db.selectFrom("unit").select(["id", "code", "name"]).where("id", "=", filter.unitId).executeTakeFirst(),
    filter.procedureId === null ? undefined : db.selectFrom("procedure").select(["id", "code", "name"]).where("id", "=", filter.procedureId).executeTakeFirst(),
  ]);
  return {
    filter: { unitId: unit?.id ?? null, procedureId: procedure?.id ?? null },
    unit: unit ?? null,
    procedure: procedure ?? null,
    unknown: { unit: filter.unitId !== null && !unit, procedure: filter.procedureId !== null && !procedure },
  };
}

// A province has a few thousand procedures at most: the picker loads them all and searches in the browser.
const PROCEDURE_OPTION_LIMIT = 5000;

async function procedureOptions(db: Database) {
  const rows = await db.selectFrom("procedure").select(["id", "code", "name"]).orderBy("code").limit(PROCEDURE_OPTION_LIMIT).execute();
  return rows.map((r) => ({ value: String(r.id), label: r.name ? `${r.code} — ${r.name}` : r.code }));
}

/** Everything the dashboard page shows: figures, the first rows of each table, the threshold and the pickers. */
export async function loadEvidenceDashboard(db: Database, input: DashboardInput) {
  const resolved = await resolveFilter(db, input.filter);
  const [units, procedures, threshold, figures] = await Promise.all([
    unitOptions(db, { all: true }, todayInVietnam()),
    procedureOptions(db),
    getProgressThreshold(db),
    withPeriodOutcomes(db, input.period, input.asOf, async (trx) => {
      await prepare(trx, resolved.filter);
      return {
        headline: await headline(trx),
        byUnit: await unitRows(trx, DASHBOARD_PAGE_ROWS),
        byProcedure: await procedureRows(trx, DASHBOARD_PAGE_ROWS),
        byOfficer: await officerRows(trx, DASHBOARD_PAGE_ROWS),
        byMonth: await monthRows(trx, input.period),
        scores: await scoreRows(trx, DASHBOARD_PAGE_ROWS),
      };
    }),
  ]);
  return {
    ...figures,
    threshold,
    filter: resolved.filter,
    selected: { unit: resolved.unit, procedure: resolved.procedure },
    unknown: resolved.unknown,
    options: { units, procedures },
  };
}

/** Every row of one table, for its CSV file; null when the filter names a unit or procedure that does not exist. */
export async function dashboardTableRows(db: Database, input: DashboardInput & { table: DashboardTable }): Promise<DashboardTableRows | null> {
  const { filter, unknown } = await resolveFilter(db, input.filter);
  if (unknown.unit || unknown.procedure) return null;
  const threshold = input.table === "score" ? await getProgressThreshold(db) : 0;
  return withPeriodOutcomes(db, input.period, input.asOf, async (trx): Promise<DashboardTableRows> => {
    await prepare(trx, filter);
    switch (input.table) {
      case "unit":
        return { table: "unit", rows: (await unitRows(trx, null)).rows };
      case "procedure":
        return { table: "procedure", rows: (await procedureRows(trx, null)).rows };
      case "officer":
        return { table: "officer", rows: (await officerRows(trx, null)).rows };
      case "month":
        return { table: "month", rows: await monthRows(trx, input.period) };
      case "score":
        return { table: "score", rows: (await scoreRows(trx, null)).rows, threshold };
    }
  });
}

export type EvidenceDashboard = Awaited<ReturnType<typeof loadEvidenceDashboard>>;
