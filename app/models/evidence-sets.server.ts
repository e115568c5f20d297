// Evidence sets (bộ chứng cứ): dossiers an inspector chose, kept with how they were chosen. A set is
// read-only once saved; cases (a later issue) will be opened from them.
import { sql, type RawBuilder } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import type { DossierFilter } from "../components/DossierFilterParams.js";
import { readCriteria, type EvidenceSetCriteria } from "../components/EvidenceSetSchemas.js";
import { PAGE_SIZE } from "../domain/paging.js";
import type { ReportPeriod } from "../domain/period.js";
import { appendAudit } from "./audit.server.js";
import { dossierCondition, evaluatedRows, type DossierRow } from "./evidence-dossiers.server.js";
import { withPeriodOutcomes } from "./outcomes.server.js";
import { inScope } from "./units.server.js";

export type EvidenceSetSource =
  | { kind: "dossiers"; filter: DossierFilter; selection: "all" | number[] }
  | { kind: "offender_officer"; officerId: number; thresholds: { minLateSteps: number; windowDays: number } }
  | { kind: "offender_unit"; unitId: number; thresholds: { maxOnTimeRate: number; windowDays: number } };

export type CreateEvidenceSetInput = {
  name: string;
  description: string | null;
  userId: string;
  period: ReportPeriod;
  source: EvidenceSetSource;
};

export type CreateEvidenceSetResult = { ok: true; id: number; dossiers: number; late: number } | { ok: false; message: string };

export const SELECTION_STALE =
  "Một số hồ sơ đã chọn không còn khớp bộ lọc (dữ liệu có thể vừa được nhập lại). Hãy tải lại trang và chọn lại.";

/** The dossier ids a source chooses, as a query over the period's views. */
async function chosenDossiers(trx: Tx, scope: Scope, source: EvidenceSetSource): Promise<RawBuilder<unknown>> {
  switch (source.kind) {
    case "dossiers": {
      const where = await dossierCondition(trx, scope, source.filter);
      const only = source.selection === "all" ? sql`true` : sql`p.dossier_id = any(${source.selection}::int[])`;
      return sql`select p.dossier_id from period_outcome p where ${where} and ${only}`;
    }
    case "offender_officer":
      // The officer's late steps in late dossiers: the attribution the offender list counts.
      return sql`select distinct s.dossier_id from period_step s join period_outcome p on p.dossier_id = s.dossier_id
        where s.officer_id = ${source.officerId} and s.late and s.dossier_late and ${inScope("p.unit_id", scope)}`;
    case "offender_unit":
      return sql`select p.dossier_id from period_outcome p where p.unit_id = ${source.unitId} and p.late and ${inScope("p.unit_id", scope)}`;
  }
}

async function labelsFor(trx: Tx, ids: { unitId?: number | null; procedureId?: number | null; officerId?: number | null }) {
  const [unit, procedure, officer] = await Promise.all([
    ids.unitId ? trx.selectFrom("unit").select(["code", "name"]).where("id", "=", ids.unitId).executeTakeFirst() : undefined,
    ids.procedureId ? trx.selectFrom("procedure").select(["code", "name"]).where("id", "=", ids.procedureId).executeTakeFirst() : undefined,
    ids.officerId ? trx.selectFrom("officer").select(["code", "full_name as name"]).where("id", "=", ids.officerId).executeTakeFirst() : undefined,
  ]);
  const label = (r: { code: string; name: string | null } | undefined) => (r ? (r.name ? `${r.code} — ${r.name}` : r.code) : undefined);
  return { unit: label(unit), procedure: label(procedure), officer: label(officer) };
}

/**
 * Saves the dossiers a source chooses in the period, judged as of the period's instant, with the
 * criteria and an audit event, in one transaction. Explicitly ticked dossiers must all still match the
 * filter: a set must never hold a dossier its criteria do not describe.
 */
export async function createEvidenceSet(db: Database, scope: Scope, input: CreateEvidenceSetInput): Promise<CreateEvidenceSetResult> {
  const { period, source } = input;
  return withPeriodOutcomes(db, period, period.asOf, async (trx) => {
    const chosen = await chosenDossiers(trx, scope, source);
    await sql`create temporary table evidence_chosen (dossier_id int primary key) on commit drop`.execute(trx);
    await sql`insert into evidence_chosen ${chosen}`.execute(trx);
    const counts = (
      await sql<{ dossiers: number; late: number }>`
        select count(*)::int as dossiers, count(*) filter (where p.late)::int as late
        from evidence_chosen c join period_outcome p on p.dossier_id = c.dossier_id`.execute(trx)
    ).rows[0]!;
    if (source.kind === "dossiers" && source.selection !== "all" && counts.dossiers !== new Set(source.selection).size) {
      return { ok: false, message: SELECTION_STALE };
    }
    if (counts.dossiers === 0) return { ok: false, message: "Không có hồ sơ nào để lưu vào bộ chứng cứ." };

    const criteria: EvidenceSetCriteria = {
      source: source.kind,
      period: { from: period.from, to: period.to },
      asOf: new Date(period.asOf).toISOString(),
      labels: {},
      counts,
    };
    if (source.kind === "dossiers") {
      criteria.filter = source.filter;
      criteria.selection = source.selection === "all" ? "all" : "selected";
      criteria.labels = await labelsFor(trx, source.filter);
    } else if (source.kind === "offender_officer") {
      criteria.offender = { officerId: source.officerId, ...source.thresholds };
      criteria.labels = await labelsFor(trx, { officerId: source.officerId });
    } else {
      criteria.offender = { unitId: source.unitId, ...source.thresholds };
      criteria.labels = await labelsFor(trx, { unitId: source.unitId });
    }
    const set = await trx
      .insertInto("evidence_set")
      .values({ name: input.name, description: input.description, criteria: JSON.stringify(criteria), created_by: input.userId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await sql`insert into evidence_set_dossier (evidence_set_id, dossier_id) select ${set.id}, dossier_id from evidence_chosen`.execute(trx);
    await appendAudit(trx, {
      actorUserId: input.userId,
      action: "evidence_set.create",
      entityType: "evidence_set",
      entityId: set.id,
      summary: `Tạo bộ chứng cứ “${input.name}” gồm ${counts.dossiers} hồ sơ (${counts.late} trễ hạn).`,
      data: { name: input.name, criteria },
    });
    return { ok: true, id: set.id, ...counts };
  });
}

/** Ticked dossiers of the list, or every dossier matching its filter, in a period. */
export type DossierSelection = { period: ReportPeriod; filter: DossierFilter; selection: "all" | number[] };

/**
 * What a selection of the dossier list chooses, resolved as an evidence set would be (the same query):
 * how many dossiers and late ones, the labels of the filter, whether ticked dossiers no longer all match
 * (`stale`), and their ids when there are at most `max` of them (otherwise none are read).
 */
export async function resolveDossierSelection(db: Database, scope: Scope, input: DossierSelection, max: number) {
  return withPeriodOutcomes(db, input.period, input.period.asOf, async (trx) => {
    const chosen = await chosenDossiers(trx, scope, { kind: "dossiers", filter: input.filter, selection: input.selection });
    const counts = (
      await sql<{ dossiers: number; late: number }>`
        select count(*)::int as dossiers, count(*) filter (where p.late)::int as late
        from period_outcome p where p.dossier_id in (${chosen})`.execute(trx)
    ).rows[0]!;
    const stale = input.selection !== "all" && counts.dossiers !== new Set(input.selection).size;
    const ids =
      stale || counts.dossiers > max ? [] : (await sql<{ dossier_id: number }>`${chosen} order by 1`.execute(trx)).rows.map((r) => r.dossier_id);
    return { ...counts, stale, ids, labels: await labelsFor(trx, input.filter) };
  });
}

export const SET_PAGE_SIZE = PAGE_SIZE;

/** The sets, newest first, a page at a time. Sets are not unit-scoped: only unscoped roles read evidence. */
export async function listEvidenceSets(db: Database, input: { page: number }) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom("evidence_set as s")
      .innerJoin("app_user as u", "u.id", "s.created_by")
      .select((eb) => [
        "s.id",
        "s.name",
        "s.description",
        "s.created_at",
        "s.criteria",
        "u.display_name as created_by_name",
        eb.selectFrom("evidence_set_dossier as d").whereRef("d.evidence_set_id", "=", "s.id").select((e) => e.fn.countAll<number>().as("n")).as("dossier_count"),
      ])
      .orderBy("s.created_at", "desc")
      .orderBy("s.id", "desc")
      .limit(SET_PAGE_SIZE)
      .offset((input.page - 1) * SET_PAGE_SIZE)
      .execute(),
    db.selectFrom("evidence_set").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map(({ criteria, ...r }) => {
      const c = readCriteria(criteria);
      return { ...r, dossier_count: Number(r.dossier_count ?? 0), late_count: c?.counts.late ?? null, period: c?.period ?? null };
    }),
    total: total.n,
  };
}

async function setHeader(db: Database, id: number) {
  const set = await db
    .selectFrom("evidence_set as s")
    .innerJoin("app_user as u", "u.id", "s.created_by")
    .select(["s.id", "s.name", "s.description", "s.criteria", "s.created_at", "u.display_name as created_by_name", "u.username as created_by_username"])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!set) return null;
  const { criteria, ...rest } = set;
  return { ...rest, criteria: readCriteria(criteria) };
}

/** The instant a set's dossiers are judged at: the set's own, so it shows what was saved. */
function judgedAt(criteria: EvidenceSetCriteria | null): number {
  const at = criteria ? Date.parse(criteria.asOf) : NaN;
  return Number.isFinite(at) ? at : Date.now();
}

function setDossierIds(db: Database, id: number) {
  return db
    .selectFrom("evidence_set_dossier as sd")
    .innerJoin("dossier as d", "d.id", "sd.dossier_id")
    .select("d.id")
    .where("sd.evidence_set_id", "=", id)
    .orderBy("d.due_at", "desc")
    .orderBy("d.id", "desc");
}

/** A set with one page of its dossiers, each judged as of the set's instant. */
export async function evidenceSetDetail(db: Database, input: { id: number; page: number }) {
  const set = await setHeader(db, input.id);
  if (!set) return null;
  const [ids, total] = await Promise.all([
    setDossierIds(db, set.id)
      .limit(SET_PAGE_SIZE)
      .offset((input.page - 1) * SET_PAGE_SIZE)
      .execute(),
    db.selectFrom("evidence_set_dossier").select((eb) => eb.fn.countAll<number>().as("n")).where("evidence_set_id", "=", set.id).executeTakeFirstOrThrow(),
  ]);
  const rows = await evaluatedRows(
    db,
    ids.map((r) => r.id),
    judgedAt(set.criteria),
  );
  return { set, rows, total: total.n };
}

const EXPORT_BATCH = 1_000;

/**
 * The export of a set, or null when there is no such set: its name, and a producer that hands every
 * dossier, in the detail page's order, to `write` a batch at a time.
 */
export async function openEvidenceSetExport(db: Database, id: number) {
  const set = await setHeader(db, id);
  if (!set) return null;
  return {
    name: set.name,
    async run(write: (rows: DossierRow[]) => Promise<void>): Promise<void> {
      // Ids only (a few bytes each) are read at once; the rows are built a batch at a time.
      const ids = (await setDossierIds(db, set.id).execute()).map((r) => r.id);
      const at = judgedAt(set.criteria);
      for (let i = 0; i < ids.length; i += EXPORT_BATCH) await write(await evaluatedRows(db, ids.slice(i, i + EXPORT_BATCH), at));
    },
  };
}
