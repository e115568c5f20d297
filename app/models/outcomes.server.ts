// Outcomes: the contract's computation (app/domain/delay.ts) applied to stored dossiers. One loader
// of facts serves the export, the stored outcomes and the live ones, so they cannot disagree.
//
// A dossier's outcome is stored when it is imported and when the calendar changes. It is `final` when
// it cannot change with the instant it is judged at: the dossier is finished and so is every step.
// Dashboards read final outcomes from dossier_outcome and judge the rest live, as of the report's
// instant, inside one transaction (withPeriodOutcomes).
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import { WorkCalendar } from "../domain/calendar.js";
import { evaluateDossier, type DossierDelay, type DossierStatus, type SupplementEventKind } from "../domain/delay.js";
import type { Instant } from "../domain/instants.js";
import { dueAtRangeOfPeriod, type ExportPeriod } from "../domain/overdue-export.js";

type Db = Database | Tx;

export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  const rows = await db.selectFrom("calendar_exception").select(["date", "kind", "name"]).orderBy("date").execute();
  return WorkCalendar.fromExceptions(rows.map((r) => ({ date: r.date, kind: r.kind as "holiday" | "workday", name: r.name ?? "" })));
}

function groupBy<T, K>(list: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of list) {
    const k = key(item);
    const group = map.get(k);
    if (group) group.push(item);
    else map.set(k, [item]);
  }
  return map;
}

const ms = (value: Date | string | null) => (value === null ? null : new Date(value).getTime());
const iso = (value: number | null) => (value === null ? null : new Date(value).toISOString());

/** A stored dossier with its steps and events, ready for evaluateDossier, and the ids behind its codes. */
export type DossierFactsRow = {
  id: number;
  unitId: number;
  final: boolean;
  input: Parameters<typeof evaluateDossier>[1];
  stepIds: Map<number, { unitId: number; officerId: number | null }>;
};

/** The facts of the given dossiers, in the order of the ids given. */
export async function loadFacts(db: Db, ids: readonly number[]): Promise<DossierFactsRow[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const [dossiers, steps, events] = await Promise.all([
    db
      .selectFrom("dossier as d")
      .innerJoin("unit as u", "u.id", "d.unit_id")
      .innerJoin("procedure as p", "p.id", "d.procedure_id")
      .select(["d.id", "d.code", "d.unit_id", "u.code as unit_code", "p.code as procedure_code", "d.status", "d.due_at", "d.finished_at", "d.apology_at"])
      .where("d.id", "=", sql<number>`any(${list}::int[])`)
      .execute(),
    db
      .selectFrom("dossier_step as s")
      .innerJoin("unit as u", "u.id", "s.unit_id")
      .leftJoin("officer as o", "o.id", "s.officer_id")
      .select(["s.dossier_id", "s.step_no", "s.unit_id", "s.officer_id", "u.code as unit_code", "o.code as officer_code", "s.due_at", "s.finished_at"])
      .where("s.dossier_id", "=", sql<number>`any(${list}::int[])`)
      .execute(),
    db
      .selectFrom("dossier_event")
      .select(["dossier_id", "kind", "at", "seq"])
      .where("dossier_id", "=", sql<number>`any(${list}::int[])`)
      .orderBy("dossier_id")
      .orderBy("seq")
      .execute(),
  ]);
  const stepsOf = groupBy(steps, (s) => s.dossier_id);
  const eventsOf = groupBy(events, (e) => e.dossier_id);
  const byId = new Map(dossiers.map((d) => [d.id, d]));
  const rows: DossierFactsRow[] = [];
  for (const id of list) {
    const d = byId.get(id);
    if (!d) continue;
    const dSteps = stepsOf.get(id) ?? [];
    rows.push({
      id,
      unitId: d.unit_id,
      final: d.finished_at !== null && dSteps.every((s) => s.finished_at !== null),
      input: {
        dossier: {
          dossierCode: d.code,
          unitCode: d.unit_code,
          procedureCode: d.procedure_code,
          status: d.status as DossierStatus,
          dueAt: ms(d.due_at)!,
          finishedAt: ms(d.finished_at),
          apologyAt: ms(d.apology_at),
        },
        steps: dSteps.map((s) => ({ stepNo: s.step_no, unitCode: s.unit_code, officerCode: s.officer_code, dueAt: ms(s.due_at)!, finishedAt: ms(s.finished_at) })),
        events: (eventsOf.get(id) ?? []).map((e) => ({ kind: e.kind as SupplementEventKind, at: ms(e.at)! })),
      },
      stepIds: new Map(dSteps.map((s) => [s.step_no, { unitId: s.unit_id, officerId: s.officer_id }])),
    });
  }
  return rows;
}

const PAGE = 5_000;

/** Ids of the counted dossiers due in the period, in id order, page by page. */
async function* dueIdsInPeriod(db: Db, period: ExportPeriod, onlyOpen: boolean): AsyncGenerator<number[]> {
  const range = dueAtRangeOfPeriod(period);
  let lastId = 0;
  for (;;) {
    let query = db
      .selectFrom("dossier as d")
      .select("d.id")
      .where("d.due_at", ">=", new Date(range.fromInclusive))
      .where("d.due_at", "<", new Date(range.toExclusive))
      .where("d.status", "not in", ["refused", "withdrawn"])
      .where("d.id", ">", lastId);
    if (onlyOpen) {
      query = query.where((eb) =>
        eb.not(eb.exists(eb.selectFrom("dossier_outcome as o").select("o.dossier_id").whereRef("o.dossier_id", "=", "d.id").where("o.final", "=", true))),
      );
    }
    const rows = await query.orderBy("d.id").limit(PAGE).execute();
    if (rows.length === 0) return;
    lastId = rows[rows.length - 1]!.id;
    yield rows.map((r) => r.id);
  }
}

/** Every counted dossier due in the period, evaluated as of `asOf` (the rows of overdue.csv). */
export async function* evaluatePeriod(db: Db, period: ExportPeriod, asOf: Instant): AsyncGenerator<DossierDelay> {
  const calendar = await loadCalendar(db);
  for await (const ids of dueIdsInPeriod(db, period, false)) {
    for (const facts of await loadFacts(db, ids)) {
      const delay = evaluateDossier(calendar, facts.input, asOf);
      if (delay) yield delay;
    }
  }
}

type OutcomeRow = {
  dossierId: number;
  final: boolean;
  delay: DossierDelay;
  primaryOfficerId: number | null;
  attributedUnitId: number | null;
  steps: { stepNo: number; late: boolean | null; lateWorkingDays: number | null }[];
};

function outcomeOf(facts: DossierFactsRow, delay: DossierDelay): OutcomeRow {
  const attribution = delay.attribution;
  const primary = attribution?.kind === "steps" ? facts.stepIds.get(attribution.primary.stepNo) : undefined;
  const unfinished = new Set(facts.input.steps.filter((s) => s.finishedAt === null).map((s) => s.stepNo));
  return {
    dossierId: facts.id,
    final: facts.final,
    delay,
    primaryOfficerId: primary?.officerId ?? null,
    attributedUnitId: attribution ? (primary?.unitId ?? facts.unitId) : null,
    // A step still open has no lateness to store: it depends on when it is judged.
    steps: delay.steps.map((s) => (unfinished.has(s.stepNo) ? { stepNo: s.stepNo, late: null, lateWorkingDays: null } : { stepNo: s.stepNo, late: s.late, lateWorkingDays: s.lateWorkingDays })),
  };
}

/** Recomputes and stores the outcomes of the given dossiers (refused and withdrawn ones have none). */
export async function recomputeOutcomes(trx: Tx, ids: readonly number[], asOf: Instant = Date.now(), calendar?: WorkCalendar): Promise<number> {
  const cal = calendar ?? (await loadCalendar(trx));
  let written = 0;
  for (let i = 0; i < ids.length; i += PAGE) {
    const page = ids.slice(i, i + PAGE);
    const rows: OutcomeRow[] = [];
    for (const facts of await loadFacts(trx, page)) {
      const delay = evaluateDossier(cal, facts.input, asOf);
      if (delay) rows.push(outcomeOf(facts, delay));
    }
    await sql`delete from dossier_outcome where dossier_id = any(${page}::int[])`.execute(trx);
    if (rows.length > 0) {
      await sql`
        insert into dossier_outcome (dossier_id, final, end_at, supplement_requests, adjusted_end, late, late_working_days,
          apology, primary_step_no, primary_officer_id, attributed_unit_id)
        select * from unnest(${rows.map((r) => r.dossierId)}::int[], ${rows.map((r) => r.final)}::bool[],
          ${rows.map((r) => iso(r.delay.endAt))}::timestamptz[], ${rows.map((r) => r.delay.supplementRequests)}::int[],
          ${rows.map((r) => iso(r.delay.adjustedEnd))}::timestamptz[], ${rows.map((r) => r.delay.late)}::bool[],
          ${rows.map((r) => r.delay.lateWorkingDays)}::int[], ${rows.map((r) => r.delay.apology)}::text[],
          ${rows.map((r) => (r.delay.attribution?.kind === "steps" ? r.delay.attribution.primary.stepNo : null))}::int[],
          ${rows.map((r) => r.primaryOfficerId)}::int[], ${rows.map((r) => r.attributedUnitId)}::int[])`.execute(trx);
      const steps = rows.flatMap((r) => r.steps.map((s) => ({ dossierId: r.dossierId, ...s })));
      if (steps.length > 0) {
        await sql`
          update dossier_step s set late = v.late, late_working_days = v.lwd
          from unnest(${steps.map((s) => s.dossierId)}::int[], ${steps.map((s) => s.stepNo)}::int[],
            ${steps.map((s) => s.late)}::bool[], ${steps.map((s) => s.lateWorkingDays)}::int[]) as v(dossier_id, step_no, late, lwd)
          where s.dossier_id = v.dossier_id and s.step_no = v.step_no`.execute(trx);
      }
    }
    written += rows.length;
  }
  return written;
}

/**
 * After a change to the calendar of the given years: the dossiers whose outcome may depend on a date
 * in those years — the span from a month before the due date (the apology's last working day) to the
 * end of processing touches them.
 */
export async function recomputeOutcomesForYears(trx: Tx, years: readonly number[]): Promise<number> {
  if (years.length === 0) return 0;
  const from = `${Math.min(...years)}-01-01`;
  const to = `${Math.max(...years) + 1}-01-01`;
  const rows = await sql<{ id: number }>`
    select d.id from dossier d
    where d.status not in ('refused','withdrawn')
      and d.due_at - interval '31 days' < ${to}::date
      and coalesce(d.finished_at, now()) >= ${from}::date
    order by d.id`.execute(trx);
  return recomputeOutcomes(trx, rows.rows.map((r) => r.id));
}

/** A period dossier's columns: the dossier's own and its outcome's (`d` and `o`), the same in both halves. */
const OUTCOME_COLUMNS = sql`d.id as dossier_id, d.code, d.unit_id, d.procedure_id, d.received_at, d.due_at, d.finished_at, d.status, d.channel,
  o.end_at, o.supplement_requests, o.adjusted_end, o.late, o.late_working_days, o.apology, o.primary_step_no,
  o.primary_officer_id, o.attributed_unit_id`;

/**
 * Runs `fn` in a transaction in which two temporary views describe the period as of `asOf`:
 * `period_outcome` (one row per counted dossier due in the period: dossier columns and its outcome)
 * and `period_step` (its steps with their lateness). Final outcomes come from storage; the others are
 * judged now, as of `asOf`.
 */
export async function withPeriodOutcomes<T>(db: Database, period: ExportPeriod, asOf: Instant, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`
      create temporary table live_outcome (
        dossier_id int primary key, end_at timestamptz, supplement_requests int, adjusted_end timestamptz, late bool,
        late_working_days int, apology text, primary_step_no int, primary_officer_id int, attributed_unit_id int
      ) on commit drop`.execute(trx);
    await sql`create temporary table live_step (dossier_id int, step_no int, late bool, late_working_days int) on commit drop`.execute(trx);
    const calendar = await loadCalendar(trx);
    for await (const ids of dueIdsInPeriod(trx, period, true)) {
      const rows: OutcomeRow[] = [];
      for (const facts of await loadFacts(trx, ids)) {
        const delay = evaluateDossier(calendar, facts.input, asOf);
        if (delay) rows.push(outcomeOf(facts, delay));
      }
      if (rows.length === 0) continue;
      await sql`
        insert into live_outcome
        select * from unnest(${rows.map((r) => r.dossierId)}::int[], ${rows.map((r) => iso(r.delay.endAt))}::timestamptz[],
          ${rows.map((r) => r.delay.supplementRequests)}::int[], ${rows.map((r) => iso(r.delay.adjustedEnd))}::timestamptz[],
          ${rows.map((r) => r.delay.late)}::bool[], ${rows.map((r) => r.delay.lateWorkingDays)}::int[], ${rows.map((r) => r.delay.apology)}::text[],
          ${rows.map((r) => (r.delay.attribution?.kind === "steps" ? r.delay.attribution.primary.stepNo : null))}::int[],
          ${rows.map((r) => r.primaryOfficerId)}::int[], ${rows.map((r) => r.attributedUnitId)}::int[])`.execute(trx);
      const steps = rows.flatMap((r) => r.delay.steps.map((s) => ({ dossierId: r.dossierId, stepNo: s.stepNo, late: s.late, lwd: s.lateWorkingDays })));
      await sql`
        insert into live_step select * from unnest(${steps.map((s) => s.dossierId)}::int[], ${steps.map((s) => s.stepNo)}::int[],
          ${steps.map((s) => s.late)}::bool[], ${steps.map((s) => s.lwd)}::int[])`.execute(trx);
    }
    const range = dueAtRangeOfPeriod(period);
    const from = sql.lit(new Date(range.fromInclusive).toISOString());
    const to = sql.lit(new Date(range.toExclusive).toISOString());
    // The two halves apart as well: a list that wants one page orders and limits each half on its own,
    // where the stored half walks the due_at index instead of sorting the whole period.
    await sql`
      create temporary view period_outcome_final as
      select ${OUTCOME_COLUMNS}
      from dossier d join dossier_outcome o on o.dossier_id = d.id and o.final
      where d.due_at >= ${from}::timestamptz and d.due_at < ${to}::timestamptz and d.status not in ('refused','withdrawn')`.execute(trx);
    await sql`
      create temporary view period_outcome_live as
      select ${OUTCOME_COLUMNS}
      from dossier d join live_outcome o on o.dossier_id = d.id`.execute(trx);
    await sql`create temporary view period_outcome as select * from period_outcome_final union all select * from period_outcome_live`.execute(trx);
    await sql`
      create temporary view period_step as
      select s.dossier_id, s.step_no, s.step_name, s.unit_id, s.officer_id, s.started_at, s.due_at, s.finished_at,
        coalesce(l.late, s.late) as late, coalesce(l.late_working_days, s.late_working_days) as late_working_days,
        p.late as dossier_late
      from period_outcome p
      join dossier_step s on s.dossier_id = p.dossier_id
      left join live_step l on l.dossier_id = s.dossier_id and l.step_no = s.step_no`.execute(trx);
    // The views go with the transaction (temporary DDL is transactional); nothing to clean up.
    const result = await fn(trx);
    await sql`drop view period_step`.execute(trx);
    await sql`drop view period_outcome`.execute(trx);
    await sql`drop view period_outcome_live`.execute(trx);
    await sql`drop view period_outcome_final`.execute(trx);
    return result;
  });
}
