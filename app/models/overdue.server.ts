// The dossiers of a period evaluated by the contract's rules (app/domain/delay.ts) from what is stored:
// the rows of overdue.csv, which the dashboards count too.
import { sql } from "kysely";
import type { Database } from "../../db/index.js";
import { WorkCalendar } from "../domain/calendar.js";
import { evaluateDossier, type DossierDelay, type DossierStatus, type SupplementEventKind } from "../domain/delay.js";
import { dueAtRangeOfPeriod, overdueCsv, overdueRows, type ExportPeriod } from "../domain/overdue-export.js";
import type { Instant } from "../domain/instants.js";

export async function loadCalendar(db: Database): Promise<WorkCalendar> {
  const rows = await db.selectFrom("calendar_exception").select(["date", "kind", "name"]).orderBy("date").execute();
  return WorkCalendar.fromExceptions(rows.map((r) => ({ date: r.date, kind: r.kind as "holiday" | "workday", name: r.name ?? "" })));
}

const PAGE = 10_000;
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

/** Every counted dossier due in the period, evaluated as of `asOf`, page by page in code order. */
export async function* evaluatePeriod(db: Database, period: ExportPeriod, asOf: Instant): AsyncGenerator<DossierDelay> {
  const calendar = await loadCalendar(db);
  const range = dueAtRangeOfPeriod(period);
  let lastId = 0;
  for (;;) {
    const dossiers = await db
      .selectFrom("dossier as d")
      .innerJoin("unit as u", "u.id", "d.unit_id")
      .innerJoin("procedure as p", "p.id", "d.procedure_id")
      .select(["d.id", "d.code", "u.code as unit_code", "p.code as procedure_code", "d.status", "d.due_at", "d.finished_at", "d.apology_at"])
      .where("d.due_at", ">=", new Date(range.fromInclusive))
      .where("d.due_at", "<", new Date(range.toExclusive))
      .where("d.status", "not in", ["refused", "withdrawn"])
      .where("d.id", ">", lastId)
      .orderBy("d.id")
      .limit(PAGE)
      .execute();
    if (dossiers.length === 0) return;
    lastId = dossiers[dossiers.length - 1]!.id;
    const ids = dossiers.map((d) => d.id);
    const [steps, events] = await Promise.all([
      db
        .selectFrom("dossier_step as s")
        .innerJoin("unit as u", "u.id", "s.unit_id")
        .leftJoin("officer as o", "o.id", "s.officer_id")
        .select(["s.dossier_id", "s.step_no", "u.code as unit_code", "o.code as officer_code", "s.due_at", "s.finished_at"])
        .where("s.dossier_id", "=", sql<number>`any(${ids}::int[])`)
        .execute(),
      db
        .selectFrom("dossier_event")
        .select(["dossier_id", "kind", "at", "seq"])
        .where("dossier_id", "=", sql<number>`any(${ids}::int[])`)
        .orderBy("dossier_id")
        .orderBy("seq")
        .execute(),
    ]);
    const stepsOf = groupBy(steps, (s) => s.dossier_id);
    const eventsOf = groupBy(events, (e) => e.dossier_id);
    for (const d of dossiers) {
      const delay = evaluateDossier(
        calendar,
        {
          dossier: {
            dossierCode: d.code,
            unitCode: d.unit_code,
            procedureCode: d.procedure_code,
            status: d.status as DossierStatus,
            dueAt: ms(d.due_at)!,
            finishedAt: ms(d.finished_at),
            apologyAt: ms(d.apology_at),
          },
          steps: (stepsOf.get(d.id) ?? []).map((s) => ({
            stepNo: s.step_no,
            unitCode: s.unit_code,
            officerCode: s.officer_code,
            dueAt: ms(s.due_at)!,
            finishedAt: ms(s.finished_at),
          })),
          events: (eventsOf.get(d.id) ?? []).map((e) => ({ kind: e.kind as SupplementEventKind, at: ms(e.at)! })),
        },
        asOf,
      );
      if (delay) yield delay;
    }
  }
}

/** overdue.csv for a period, as of an instant (spec › Export). */
export async function overdueExport(db: Database, period: ExportPeriod, asOf: Instant): Promise<string> {
  const delays: DossierDelay[] = [];
  for await (const delay of evaluatePeriod(db, period, asOf)) delays.push(delay);
  return overdueCsv(overdueRows(delays, period));
}
