// The dossiers of a period as the dashboards count them (withPeriodOutcomes), filtered, paginated and
// exported in SQL; and one dossier with its outcome judged live. Inspectors reach a case's evidence here.
import { sql, type RawBuilder } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import type { DossierFilter } from "../components/DossierFilterParams.js";
import { evaluateDossier, pairSupplementEvents, type ApologyStatus, type DossierStatus } from "../domain/delay.js";
import { CHANNEL_LABELS, STATUS_LABELS, type Channel } from "../domain/evidence-import.js";
import type { Instant } from "../domain/instants.js";
import { vnStartOfDay } from "../domain/instants.js";
import { likePattern, PAGE_SIZE } from "../domain/paging.js";
import type { ReportPeriod } from "../domain/period.js";
import { loadCalendar, loadFacts, withPeriodOutcomes } from "./outcomes.server.js";
import { foldedContains, inScope, unitOptions } from "./units.server.js";
import { unitsWithDescendants } from "./users.server.js";

type Db = Database | Tx;

/** One dossier as the lists show it. `late` is null for a dossier that is not counted (refused, withdrawn). */
export type DossierRow = {
  id: number;
  code: string;
  procedureCode: string;
  procedureName: string | null;
  unitCode: string;
  unitName: string;
  status: string;
  dueAt: Date;
  /** Whether the dossier has a result; otherwise `endAt` is the instant it was judged at. */
  finished: boolean;
  endAt: Date | null;
  late: boolean | null;
  lateWorkingDays: number | null;
  supplementRequests: number | null;
  apology: ApologyStatus | null;
  officerCode: string | null;
  officerName: string | null;
};

const ROW_COLUMNS = sql`p.dossier_id as id, p.code, pr.code as "procedureCode", pr.name as "procedureName",
  u.code as "unitCode", u.name as "unitName", p.status, p.due_at as "dueAt", p.finished_at is not null as finished, p.end_at as "endAt", p.late,
  p.late_working_days as "lateWorkingDays", p.supplement_requests as "supplementRequests", p.apology,
  o.code as "officerCode", o.full_name as "officerName"`;
/** What a row shows besides the outcome: its procedure, unit and the officer the delay is attributed to. */
const ROW_JOINS = sql`join procedure pr on pr.id = p.procedure_id
  join unit u on u.id = p.unit_id
  left join officer o on o.id = p.primary_officer_id`;
const ROW_SOURCE = sql`period_outcome p ${ROW_JOINS}`;
// Newest deadline first: what an inspector looks at first. The id breaks ties so pages never overlap.
const ROW_ORDER = sql`p.due_at desc, p.dossier_id desc`;

/** The month "yyyy-MM" as a due_at range in Vietnam time. */
function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return { from: new Date(vnStartOfDay(`${month}-01`)), to: new Date(vnStartOfDay(next)) };
}

/**
 * The WHERE condition over `period_outcome p` for a filter, inside withPeriodOutcomes. The officer
 * condition reads `period_step`: a step the officer held, or with late-only, a late step of a late
 * dossier (the attribution the offender list counts).
 */
export async function dossierCondition(trx: Tx, scope: Scope, filter: DossierFilter): Promise<RawBuilder<boolean>> {
  const parts: RawBuilder<unknown>[] = [inScope("p.unit_id", scope)];
  if (filter.unitId !== null) {
    const units = filter.ownUnitOnly ? [filter.unitId] : await unitsWithDescendants(trx, [filter.unitId]);
    parts.push(sql`p.unit_id = any(${units}::int[])`);
  }
  if (filter.procedureId !== null) parts.push(sql`p.procedure_id = ${filter.procedureId}`);
  if (filter.officerId !== null) {
    parts.push(
      filter.lateOnly
        ? sql`p.dossier_id in (select s.dossier_id from period_step s where s.officer_id = ${filter.officerId} and s.late and s.dossier_late)`
        : sql`p.dossier_id in (select s.dossier_id from period_step s where s.officer_id = ${filter.officerId})`,
    );
  }
  if (filter.month) {
    const range = monthRange(filter.month);
    parts.push(sql`p.due_at >= ${range.from} and p.due_at < ${range.to}`);
  }
  if (filter.lateOnly) parts.push(sql`p.late`);
  if (filter.apology) parts.push(sql`p.apology = ${filter.apology}`);
  if (filter.q) parts.push(sql`p.code ilike ${likePattern(filter.q)}`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

export type DossierListInput = { period: ReportPeriod; filter: DossierFilter; page: number };

/** One page of the filtered dossiers of the period, their number and how many of them are late. */
export async function listPeriodDossiers(db: Database, scope: Scope, input: DossierListInput) {
  return withPeriodOutcomes(db, input.period, input.period.asOf, async (trx) => {
    const where = await dossierCondition(trx, scope, input.filter);
    // A page is the first `reach` rows of each half (stored outcomes, judged-now ones), merged: the stored
    // half, nearly all of a year, then walks the due_at index rather than sorting the whole period.
    const reach = input.page * PAGE_SIZE;
    const [rows, counts] = await Promise.all([
      sql<DossierRow>`select ${ROW_COLUMNS} from (
          (select p.* from period_outcome_final p where ${where} order by ${ROW_ORDER} limit ${reach})
          union all
          (select p.* from period_outcome_live p where ${where} order by ${ROW_ORDER} limit ${reach})
        ) p ${ROW_JOINS}
        order by ${ROW_ORDER} limit ${PAGE_SIZE} offset ${(input.page - 1) * PAGE_SIZE}`.execute(trx),
      sql<{ total: number; late: number }>`select count(*)::int as total, count(*) filter (where p.late)::int as late
        from period_outcome p where ${where}`.execute(trx),
    ]);
    return { rows: rows.rows, total: counts.rows[0]!.total, lateTotal: counts.rows[0]!.late };
  });
}

/** The list page: one page of dossiers and the options of its filter form. */
export async function dossierListPage(db: Database, scope: Scope, input: DossierListInput & { today: string }) {
  const [list, units, procedures, officer] = await Promise.all([
    listPeriodDossiers(db, scope, input),
    unitOptions(db, scope, input.today),
    procedureOptions(db),
    officerChoice(db, input.filter.officerId),
  ]);
  return { ...list, unitOptions: units, procedureOptions: procedures, officer };
}

const EXPORT_BATCH = 2_000;

/**
 * Every filtered dossier of the period, in the list's order, handed to `write` a batch at a time
 * through a server-side cursor: the whole period never sits in memory.
 */
export async function exportPeriodDossiers(
  db: Database,
  scope: Scope,
  input: { period: ReportPeriod; filter: DossierFilter },
  write: (rows: DossierRow[]) => Promise<void>,
): Promise<void> {
  await withPeriodOutcomes(db, input.period, input.period.asOf, async (trx) => {
    const where = await dossierCondition(trx, scope, input.filter);
    await sql`declare dossier_export no scroll cursor for select ${ROW_COLUMNS} from ${ROW_SOURCE} where ${where} order by ${ROW_ORDER}`.execute(trx);
    for (;;) {
      const batch = await sql<DossierRow>`fetch ${sql.lit(EXPORT_BATCH)} from dossier_export`.execute(trx);
      if (batch.rows.length === 0) break;
      await write(batch.rows);
    }
    // Closed before withPeriodOutcomes drops the views the cursor reads.
    await sql`close dossier_export`.execute(trx);
  });
}

/**
 * Rows for stored dossiers given in order (an evidence set's page), each judged live as of `asOf`
 * with the contract's computation, so a set shows what its period showed.
 */
export async function evaluatedRows(db: Db, ids: readonly number[], asOf: Instant): Promise<DossierRow[]> {
  if (ids.length === 0) return [];
  const [base, facts, calendar] = await Promise.all([
    db
      .selectFrom("dossier as d")
      .innerJoin("procedure as pr", "pr.id", "d.procedure_id")
      .innerJoin("unit as u", "u.id", "d.unit_id")
      .select(["d.id", "d.code", "pr.code as procedureCode", "pr.name as procedureName", "u.code as unitCode", "u.name as unitName", "d.status", "d.due_at as dueAt"])
      .select(sql<boolean>`d.finished_at is not null`.as("finished"))
      .where("d.id", "=", sql<number>`any(${[...ids]}::int[])`)
      .execute(),
    loadFacts(db, ids),
    loadCalendar(db),
  ]);
  const factsOf = new Map(facts.map((f) => [f.id, f]));
  const outcomes = new Map(
    facts.map((f) => {
      const delay = evaluateDossier(calendar, f.input, asOf);
      const primary = delay?.attribution?.kind === "steps" ? f.stepIds.get(delay.attribution.primary.stepNo) : undefined;
      return [f.id, delay ? { delay, officerId: primary?.officerId ?? null } : null] as const;
    }),
  );
  const officerIds = [...new Set([...outcomes.values()].map((o) => o?.officerId).filter((v): v is number => typeof v === "number"))];
  const officers = officerIds.length
    ? await db.selectFrom("officer").select(["id", "code", "full_name"]).where("id", "=", sql<number>`any(${officerIds}::int[])`).execute()
    : [];
  const officerOf = new Map(officers.map((o) => [o.id, o]));
  const baseOf = new Map(base.map((b) => [b.id, b]));
  const rows: DossierRow[] = [];
  for (const id of ids) {
    const b = baseOf.get(id);
    if (!b || !factsOf.has(id)) continue;
    const outcome = outcomes.get(id) ?? null;
    const officer = outcome?.officerId ? officerOf.get(outcome.officerId) : undefined;
    rows.push({
      ...b,
      endAt: outcome ? new Date(outcome.delay.endAt) : null,
      late: outcome ? outcome.delay.late : null,
      lateWorkingDays: outcome ? outcome.delay.lateWorkingDays : null,
      supplementRequests: outcome ? outcome.delay.supplementRequests : null,
      apology: outcome ? outcome.delay.apology : null,
      officerCode: officer?.code ?? null,
      officerName: officer?.full_name ?? null,
    });
  }
  return rows;
}

/** One dossier with its steps, events, import batch and evidence sets, judged live as of `asOf`. */
export async function dossierDetail(db: Database, scope: Scope, input: { id: number; asOf: Instant }) {
  const dossier = await db
    .selectFrom("dossier as d")
    .innerJoin("procedure as pr", "pr.id", "d.procedure_id")
    .innerJoin("unit as u", "u.id", "d.unit_id")
    .select([
      "d.id",
      "d.code",
      "d.status",
      "d.channel",
      "d.received_at",
      "d.due_at",
      "d.finished_at",
      "d.apology_at",
      "d.rescheduled_due_at",
      "d.batch_id",
      "d.updated_at",
      "pr.id as procedure_id",
      "pr.code as procedure_code",
      "pr.name as procedure_name",
      "u.id as unit_id",
      "u.code as unit_code",
      "u.name as unit_name",
    ])
    .where("d.id", "=", input.id)
    .where(inScope("d.unit_id", scope))
    .executeTakeFirst();
  if (!dossier) return null;
  const [facts, calendar, steps, events, batch, sets] = await Promise.all([
    loadFacts(db, [dossier.id]),
    loadCalendar(db),
    db
      .selectFrom("dossier_step as s")
      .innerJoin("unit as u", "u.id", "s.unit_id")
      .leftJoin("officer as o", "o.id", "s.officer_id")
      .select([
        "s.step_no",
        "s.step_name",
        "s.started_at",
        "s.due_at",
        "s.finished_at",
        "u.id as unit_id",
        "u.code as unit_code",
        "u.name as unit_name",
        "o.id as officer_id",
        "o.code as officer_code",
        "o.full_name as officer_name",
      ])
      .where("s.dossier_id", "=", dossier.id)
      .orderBy("s.step_no")
      .execute(),
    db.selectFrom("dossier_event").select(["seq", "kind", "at"]).where("dossier_id", "=", dossier.id).orderBy("seq").execute(),
    dossier.batch_id === null
      ? Promise.resolve(undefined)
      : db
          .selectFrom("import_batch as b")
          .leftJoin("app_user as u", "u.id", "b.user_id")
          .select(["b.id", "b.created_at", "b.files", "u.display_name", "u.username"])
          .where("b.id", "=", dossier.batch_id)
          .executeTakeFirst(),
    db
      .selectFrom("evidence_set_dossier as sd")
      .innerJoin("evidence_set as es", "es.id", "sd.evidence_set_id")
      .innerJoin("app_user as u", "u.id", "es.created_by")
      .select(["es.id", "es.name", "es.created_at", "u.display_name"])
      .where("sd.dossier_id", "=", dossier.id)
      .orderBy("es.created_at", "desc")
      .execute(),
  ]);
  const delay = evaluateDossier(calendar, facts[0]!.input, input.asOf);
  const stepDelay = new Map((delay?.steps ?? []).map((s) => [s.stepNo, s]));
  const lateStepNos = delay?.attribution?.kind === "steps" ? delay.attribution.lateSteps.map((s) => s.stepNo) : [];
  const cycles = pairSupplementEvents(facts[0]!.input.events).cycles;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    // The labels are looked up here: evidence-import.ts carries the CSV reader, which must stay out of the browser.
    dossier: {
      ...dossier,
      status_label: STATUS_LABELS[dossier.status as DossierStatus] ?? dossier.status,
      channel_label: dossier.channel ? (CHANNEL_LABELS[dossier.channel as Channel] ?? dossier.channel) : null,
    },
    asOf: iso(input.asOf),
    outcome: delay
      ? {
          endAt: iso(delay.endAt),
          finished: dossier.finished_at !== null,
          supplementRequests: delay.supplementRequests,
          supplementTimeMs: delay.supplementTime,
          adjustedEnd: iso(delay.adjustedEnd),
          late: delay.late,
          lateWorkingDays: delay.lateWorkingDays,
          apology: delay.apology,
          attribution: delay.attribution?.kind ?? null,
          primaryStepNo: delay.attribution?.kind === "steps" ? delay.attribution.primary.stepNo : null,
        }
      : null,
    steps: steps.map((s) => {
      const d = stepDelay.get(s.step_no);
      return {
        ...s,
        late: d?.late ?? false,
        lateWorkingDays: d?.lateWorkingDays ?? 0,
        attributed: lateStepNos.includes(s.step_no),
      };
    }),
    events,
    cycles: cycles.map((c) => ({ requestedAt: iso(c.requestedAt), completedAt: c.completedAt === null ? null : iso(c.completedAt) })),
    batch: batch
      ? {
          id: batch.id,
          createdAt: batch.created_at,
          by: batch.display_name ?? null,
          files: (Array.isArray(batch.files) ? batch.files : []) as { role?: string; name?: string; rows?: number }[],
        }
      : null,
    sets,
  };
}

export type DossierDetail = NonNullable<Awaited<ReturnType<typeof dossierDetail>>>;

export type Option = { value: string; label: string };

// A province has a few thousand procedures at most: the picker loads them and searches in the browser.
const PROCEDURE_OPTION_LIMIT = 5000;

export async function procedureOptions(db: Database): Promise<Option[]> {
  const rows = await db.selectFrom("procedure").select(["id", "code", "name"]).orderBy("code").limit(PROCEDURE_OPTION_LIMIT).execute();
  return rows.map((r) => ({ value: String(r.id), label: r.name ? `${r.code} — ${r.name}` : r.code }));
}

export type OfficerChoice = { id: number; code: string; name: string };

export const OFFICER_SEARCH_LIMIT = 20;

/** Officers whose code or name contains the text (diacritics ignored), for the officer picker. */
export async function searchOfficerChoices(db: Database, q: string): Promise<OfficerChoice[]> {
  let query = db.selectFrom("officer as o").select(["o.id", "o.code", "o.full_name as name"]);
  if (q.trim()) query = query.where((eb) => eb.or([foldedContains("o.code", q), foldedContains("o.full_name", q)]));
  return query.orderBy("o.code").limit(OFFICER_SEARCH_LIMIT).execute();
}

export async function officerChoice(db: Database, id: number | null): Promise<OfficerChoice | null> {
  if (id === null) return null;
  return (await db.selectFrom("officer as o").select(["o.id", "o.code", "o.full_name as name"]).where("o.id", "=", id).executeTakeFirst()) ?? null;
}
