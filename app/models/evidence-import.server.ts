// Writing the evidence files (spec/evidence-import.md › Validation): all or nothing in one transaction;
// a re-imported dossier code updates that dossier and, when the import has a steps (events) file,
// replaces its steps (events); an identical re-import changes nothing. The rows go through temporary
// staging tables so that the comparison with what is stored, and the writes, are a few set-based
// statements however large the file.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import {
  CALENDAR_COLUMNS,
  checkCalendarFile,
  checkEvidenceFiles,
  unresolvedReferenceIssue,
  DOSSIER_COLUMNS,
  EVENT_COLUMNS,
  STEP_COLUMNS,
  type DossierRecord,
  type EvidenceIssue,
  type EventRecord,
  type StepRecord,
} from "../domain/evidence-import.js";
import { PAGE_SIZE } from "../domain/paging.js";
import { appendAudit } from "./audit.server.js";
import { recomputeOutcomes, recomputeOutcomesForYears } from "./outcomes.server.js";

export type UploadedFile = { fileName: string; bytes: Uint8Array };
export type Progress = (step: { phase: "check" | "write" | "done"; done: number; total: number }) => void;

export type EvidenceImportCounts = {
  dossiers: { created: number; updated: number; unchanged: number };
  steps: number;
  events: number;
  procedures: number;
};

export type EvidenceImportResult =
  | { ok: false; errors: EvidenceIssue[]; rowCounts: { dossiers: number; steps: number; events: number } }
  | { ok: true; batchId: number; counts: EvidenceImportCounts; rowCounts: { dossiers: number; steps: number; events: number } };

const CHUNK = 5_000;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

async function lookupCodes(db: Database, table: "unit" | "officer"): Promise<Map<string, number>> {
  const rows = await db.selectFrom(table).select(["id", "code"]).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

async function storedDossierCodes(db: Database, codes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(codes)], 20_000)) {
    const rows = await db.selectFrom("dossier").select("code").where("code", "=", sql<string>`any(${part}::text[])`).execute();
    for (const r of rows) found.add(r.code);
  }
  return found;
}

export async function importEvidence(
  db: Database,
  input: { dossiers?: UploadedFile; steps?: UploadedFile; events?: UploadedFile; userId: string | null; onProgress?: Progress },
): Promise<EvidenceImportResult> {
  const progress = input.onProgress ?? (() => {});
  progress({ phase: "check", done: 0, total: 1 });
  const [units, officers] = await Promise.all([lookupCodes(db, "unit"), lookupCodes(db, "officer")]);
  const files = { dossiers: input.dossiers?.bytes, steps: input.steps?.bytes, events: input.events?.bytes };
  // One reading of the files; the dossiers that steps and events name outside the dossiers file are
  // then looked up in one query.
  const checked = checkEvidenceFiles(files, { unitCodes: new Set(units.keys()), officerCodes: new Set(officers.keys()) });
  if (checked.unresolved.length > 0) {
    const stored = await storedDossierCodes(db, checked.unresolved.map((r) => r.code));
    const missing = checked.unresolved.filter((r) => !stored.has(r.code)).map(unresolvedReferenceIssue);
    if (missing.length > 0) {
      const order = ["dossiers", "steps", "events"];
      checked.errors.push(...missing);
      checked.errors.sort((x, y) => order.indexOf(x.file) - order.indexOf(y.file) || x.line - y.line);
    }
  }
  if (checked.errors.length > 0) return { ok: false, errors: checked.errors, rowCounts: checked.rowCounts };

  const total = checked.dossiers.length + checked.steps.length + checked.events.length;
  let done = 0;
  const advance = (n: number) => {
    done += n;
    progress({ phase: "write", done, total });
  };

  const result = await db.transaction().execute(async (trx) => {
    // One import at a time: two interleaved imports of the same dossiers would each compare against
    // a state the other is changing.
    await sql`select pg_advisory_xact_lock(hashtext('ktcv.evidence_import'))`.execute(trx);
    const procedures = await upsertProcedures(trx, checked.dossiers);
    await stage(trx, checked, { units, officers, procedures: procedures.ids }, advance);
    const counts = await applyStaged(trx, { stepsGiven: !!input.steps, eventsGiven: !!input.events });
    const files = (["dossiers", "steps", "events"] as const)
      .filter((k) => input[k])
      .map((k) => ({ role: k, name: input[k]!.fileName, sha256: sha256(input[k]!.bytes), rows: checked.rowCounts[k] }));
    const fullCounts: EvidenceImportCounts = { ...counts, procedures: procedures.created };
    const batch = await trx
      .insertInto("import_batch")
      .values({ kind: "dossiers", files: JSON.stringify(files), counts: JSON.stringify(fullCounts), user_id: input.userId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await sql`update dossier set batch_id = ${batch.id} where id in (select id from stage_changed)`.execute(trx);
    const changed = await sql<{ id: number }>`select id from stage_changed order by id`.execute(trx);
    await recomputeOutcomes(trx, changed.rows.map((r) => r.id));
    await appendAudit(trx, {
      actorUserId: input.userId,
      action: "evidence.import",
      entityType: "import_batch",
      entityId: batch.id,
      summary: `Nhập hồ sơ (lô ${batch.id}): ${summariseEvidenceImport(fullCounts)}`,
      data: { files, counts: fullCounts },
    });
    return { batchId: batch.id, counts: fullCounts };
  });
  progress({ phase: "done", done: total, total });
  return { ok: true, ...result, rowCounts: checked.rowCounts };
}

export function summariseEvidenceImport(c: EvidenceImportCounts): string {
  return (
    `${c.dossiers.created} hồ sơ mới, ${c.dossiers.updated} hồ sơ cập nhật, ${c.dossiers.unchanged} hồ sơ không đổi; ` +
    `${c.steps} bước xử lý và ${c.events} sự kiện bổ sung được ghi; ${c.procedures} thủ tục mới`
  );
}

async function upsertProcedures(trx: Tx, dossiers: DossierRecord[]) {
  const names = new Map<string, string | null>();
  for (const d of dossiers) if (!names.has(d.procedureCode) || names.get(d.procedureCode) === null) names.set(d.procedureCode, d.procedureName);
  const codes = [...names.keys()];
  let created = 0;
  for (const part of chunks(codes)) {
    // The name is stored on first sight of the code (the contract); later files do not rename it.
    const inserted = await sql<{ id: number }>`
      insert into procedure (code, name)
      select * from unnest(${part}::text[], ${part.map((c) => names.get(c) ?? null)}::text[])
      on conflict (code) do nothing returning id`.execute(trx);
    created += inserted.rows.length;
  }
  const ids = new Map<string, number>();
  for (const part of chunks(codes, 20_000)) {
    const rows = await trx.selectFrom("procedure").select(["id", "code"]).where("code", "=", sql<string>`any(${part}::text[])`).execute();
    for (const r of rows) ids.set(r.code, r.id);
  }
  return { ids, created };
}

async function stage(
  trx: Tx,
  checked: { dossiers: DossierRecord[]; steps: StepRecord[]; events: EventRecord[] },
  ids: { units: Map<string, number>; officers: Map<string, number>; procedures: Map<string, number> },
  advance: (n: number) => void,
) {
  await sql`
    create temporary table stage_dossier (
      code text primary key, procedure_id int, unit_id int, received_at timestamptz, due_at timestamptz,
      finished_at timestamptz, status text, channel text, apology_at timestamptz, rescheduled_due_at timestamptz
    ) on commit drop`.execute(trx);
  await sql`
    create temporary table stage_step (
      dossier_code text, step_no int, step_name text, unit_id int, officer_id int,
      started_at timestamptz, due_at timestamptz, finished_at timestamptz
    ) on commit drop`.execute(trx);
  await sql`create temporary table stage_event (dossier_code text, seq int, kind text, at timestamptz) on commit drop`.execute(trx);

  for (const part of chunks(checked.dossiers)) {
    await sql`
      insert into stage_dossier
      select * from unnest(
        ${part.map((d) => d.code)}::text[], ${part.map((d) => ids.procedures.get(d.procedureCode)!)}::int[],
        ${part.map((d) => ids.units.get(d.unitCode)!)}::int[], ${part.map((d) => iso(d.receivedAt))}::timestamptz[],
        ${part.map((d) => iso(d.dueAt))}::timestamptz[], ${part.map((d) => iso(d.finishedAt))}::timestamptz[],
        ${part.map((d) => d.status)}::text[], ${part.map((d) => d.channel)}::text[],
        ${part.map((d) => iso(d.apologyAt))}::timestamptz[], ${part.map((d) => iso(d.rescheduledDueAt))}::timestamptz[])`.execute(trx);
    advance(part.length);
  }
  for (const part of chunks(checked.steps)) {
    await sql`
      insert into stage_step
      select * from unnest(
        ${part.map((s) => s.dossierCode)}::text[], ${part.map((s) => s.stepNo)}::int[], ${part.map((s) => s.stepName)}::text[],
        ${part.map((s) => ids.units.get(s.unitCode)!)}::int[],
        ${part.map((s) => (s.officerCode === null ? null : ids.officers.get(s.officerCode)!))}::int[],
        ${part.map((s) => iso(s.startedAt))}::timestamptz[], ${part.map((s) => iso(s.dueAt))}::timestamptz[],
        ${part.map((s) => iso(s.finishedAt))}::timestamptz[])`.execute(trx);
    advance(part.length);
  }
  // Events are numbered per dossier in time order (ties keep the file's order), as they pair.
  const sorted = [...checked.events].sort((a, b) => (a.dossierCode < b.dossierCode ? -1 : a.dossierCode > b.dossierCode ? 1 : a.at - b.at || a.line - b.line));
  const seqs: number[] = [];
  sorted.forEach((e, i) => seqs.push(i > 0 && sorted[i - 1]!.dossierCode === e.dossierCode ? seqs[i - 1]! + 1 : 1));
  const numbered = sorted.map((e, i) => ({ ...e, seq: seqs[i]! }));
  for (const part of chunks(numbered)) {
    await sql`
      insert into stage_event
      select * from unnest(${part.map((e) => e.dossierCode)}::text[], ${part.map((e) => e.seq)}::int[],
        ${part.map((e) => e.kind)}::text[], ${part.map((e) => iso(e.at))}::timestamptz[])`.execute(trx);
    advance(part.length);
  }
  await sql`create index on stage_step (dossier_code, step_no)`.execute(trx);
  await sql`create index on stage_event (dossier_code, seq)`.execute(trx);
  await sql`analyze stage_dossier`.execute(trx);
  await sql`analyze stage_step`.execute(trx);
  await sql`analyze stage_event`.execute(trx);
}

/**
 * The canonical content of a dossier as it will stand after this import — its row, its steps and its
 * events, with codes rather than ids — as jsonb text (jsonb orders keys itself), hashed with SHA-256.
 * An unchanged hash means there is nothing to write.
 */
async function applyStaged(trx: Tx, given: { stepsGiven: boolean; eventsGiven: boolean }) {
  const stepsGiven = sql.lit(given.stepsGiven);
  const eventsGiven = sql.lit(given.eventsGiven);
  await sql`
    create temporary table stage_final on commit drop as
    with affected as (
      select code from stage_dossier
      union select dossier_code from stage_step
      union select dossier_code from stage_event
    ),
    base as (
      select a.code, d.id,
        coalesce(s.procedure_id, d.procedure_id) as procedure_id, coalesce(s.unit_id, d.unit_id) as unit_id,
        case when s.code is null then d.received_at else s.received_at end as received_at,
        case when s.code is null then d.due_at else s.due_at end as due_at,
        case when s.code is null then d.finished_at else s.finished_at end as finished_at,
        case when s.code is null then d.status else s.status end as status,
        case when s.code is null then d.channel else s.channel end as channel,
        case when s.code is null then d.apology_at else s.apology_at end as apology_at,
        case when s.code is null then d.rescheduled_due_at else s.rescheduled_due_at end as rescheduled_due_at,
        d.content_sha256 as old_sha256,
        -- A steps (events) file replaces the steps (events) of the dossiers in this import.
        ${stepsGiven} as replace_steps, ${eventsGiven} as replace_events
      from affected a
      left join stage_dossier s on s.code = a.code
      left join dossier d on d.code = a.code
    )
    select b.*,
      encode(sha256(convert_to(jsonb_build_object(
        'code', b.code,
        'procedure', (select code from procedure where id = b.procedure_id),
        'unit', (select code from unit where id = b.unit_id),
        'received_at', b.received_at, 'due_at', b.due_at, 'finished_at', b.finished_at, 'status', b.status,
        'channel', b.channel, 'apology_at', b.apology_at, 'rescheduled_due_at', b.rescheduled_due_at,
        'steps', case when b.replace_steps then
            (select coalesce(jsonb_agg(jsonb_build_object('no', st.step_no, 'name', st.step_name,
               'unit', (select code from unit where id = st.unit_id), 'officer', (select code from officer where id = st.officer_id),
               'started_at', st.started_at, 'due_at', st.due_at, 'finished_at', st.finished_at) order by st.step_no), '[]')
             from stage_step st where st.dossier_code = b.code)
          else
            (select coalesce(jsonb_agg(jsonb_build_object('no', st.step_no, 'name', st.step_name,
               'unit', (select code from unit where id = st.unit_id), 'officer', (select code from officer where id = st.officer_id),
               'started_at', st.started_at, 'due_at', st.due_at, 'finished_at', st.finished_at) order by st.step_no), '[]')
             from dossier_step st where st.dossier_id = b.id) end,
        'events', case when b.replace_events then
            (select coalesce(jsonb_agg(jsonb_build_object('kind', ev.kind, 'at', ev.at) order by ev.seq), '[]')
             from stage_event ev where ev.dossier_code = b.code)
          else
            (select coalesce(jsonb_agg(jsonb_build_object('kind', ev.kind, 'at', ev.at) order by ev.seq), '[]')
             from dossier_event ev where ev.dossier_id = b.id) end
      )::text, 'UTF8')), 'hex') as new_sha256
    from base b`.execute(trx);

  const inserted = await sql<{ id: number }>`
    insert into dossier (code, procedure_id, unit_id, received_at, due_at, finished_at, status, channel, apology_at, rescheduled_due_at, content_sha256)
    select code, procedure_id, unit_id, received_at, due_at, finished_at, status, channel, apology_at, rescheduled_due_at, new_sha256
    from stage_final where id is null
    returning id`.execute(trx);
  const updated = await sql<{ id: number }>`
    update dossier d set procedure_id = f.procedure_id, unit_id = f.unit_id, received_at = f.received_at, due_at = f.due_at,
      finished_at = f.finished_at, status = f.status, channel = f.channel, apology_at = f.apology_at,
      rescheduled_due_at = f.rescheduled_due_at, content_sha256 = f.new_sha256
    from stage_final f
    where f.id = d.id and f.old_sha256 is distinct from f.new_sha256
    returning d.id`.execute(trx);
  await sql`
    create temporary table stage_changed on commit drop as
    select d.id, d.code from dossier d
    where d.id = any(${[...inserted.rows, ...updated.rows].map((r) => r.id)}::int[])`.execute(trx);
  await sql`create index on stage_changed (code)`.execute(trx);
  await sql`analyze stage_changed`.execute(trx);

  let steps = 0;
  let events = 0;
  if (given.stepsGiven) {
    await sql`delete from dossier_step where dossier_id in (select id from stage_changed)`.execute(trx);
    const r = await sql`
      insert into dossier_step (dossier_id, step_no, step_name, unit_id, officer_id, started_at, due_at, finished_at)
      select c.id, s.step_no, s.step_name, s.unit_id, s.officer_id, s.started_at, s.due_at, s.finished_at
      from stage_step s join stage_changed c on c.code = s.dossier_code`.execute(trx);
    steps = Number(r.numAffectedRows ?? 0);
  }
  if (given.eventsGiven) {
    await sql`delete from dossier_event where dossier_id in (select id from stage_changed)`.execute(trx);
    const r = await sql`
      insert into dossier_event (dossier_id, seq, kind, at)
      select c.id, e.seq, e.kind, e.at from stage_event e join stage_changed c on c.code = e.dossier_code`.execute(trx);
    events = Number(r.numAffectedRows ?? 0);
  }
  // Every new dossier is in the dossiers file (steps and events may only name stored ones otherwise).
  const figures = await sql<{ in_file: number; changed_in_file: number }>`
    select (select count(*)::int from stage_dossier) as in_file,
      (select count(*)::int from stage_changed c join stage_dossier s on s.code = c.code) as changed_in_file`.execute(trx);
  const { in_file: inFile, changed_in_file: changedInFile } = figures.rows[0]!;
  const created = inserted.rows.length;
  return {
    dossiers: { created, updated: changedInFile - created, unchanged: inFile - changedInFile },
    steps,
    events,
  };
}

export type CalendarImportResult =
  | { ok: false; errors: EvidenceIssue[] }
  | { ok: true; batchId: number; years: number[]; holidays: number; workdays: number };

/** Replaces the exceptions of every year that has at least one date in the file (the contract). */
export async function importCalendar(db: Database, input: { file: UploadedFile; userId: string | null }): Promise<CalendarImportResult> {
  const checked = checkCalendarFile(input.file.bytes);
  if (checked.errors.length > 0) return { ok: false, errors: checked.errors };
  return db.transaction().execute(async (trx) => {
    const source = `Nhập từ tệp ${input.file.fileName}`;
    for (const year of checked.years) {
      await trx
        .insertInto("calendar_year")
        .values({ year, source, provisional: false })
        .onConflict((oc) => oc.column("year").doUpdateSet({ source, provisional: false, updated_at: sql`now()` }))
        .execute();
    }
    await trx.deleteFrom("calendar_exception").where("year", "in", checked.years.length ? checked.years : [-1]).execute();
    if (checked.exceptions.length > 0) {
      await trx
        .insertInto("calendar_exception")
        .values(checked.exceptions.map((e) => ({ date: e.date, kind: e.kind, name: e.name || null, year: Number(e.date.slice(0, 4)) })))
        .execute();
    }
    await recomputeOutcomesForYears(trx, checked.years);
    const holidays = checked.exceptions.filter((e) => e.kind === "holiday").length;
    const workdays = checked.exceptions.length - holidays;
    const files = [{ role: "calendar", name: input.file.fileName, sha256: sha256(input.file.bytes), rows: checked.rowCount }];
    const batch = await trx
      .insertInto("import_batch")
      .values({ kind: "calendar", files: JSON.stringify(files), counts: JSON.stringify({ years: checked.years, holidays, workdays }), user_id: input.userId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorUserId: input.userId,
      action: "calendar.import",
      entityType: "calendar",
      entityId: checked.years.join(","),
      summary: `Nhập lịch làm việc năm ${checked.years.join(", ")}: ${holidays} ngày nghỉ, ${workdays} ngày làm bù (thay toàn bộ các năm này)`,
      data: { files, years: checked.years },
    });
    return { ok: true as const, batchId: batch.id, years: checked.years, holidays, workdays };
  });
}

// Handed to the import pages through this .server module: imported by a route directly, the checker
// (and csv-parse, which needs Node's Buffer) would end up in the browser bundle.
export const EVIDENCE_FILE_FORMAT = {
  columns: { dossiers: DOSSIER_COLUMNS, steps: STEP_COLUMNS, events: EVENT_COLUMNS, calendar: CALENDAR_COLUMNS },
};

export type EvidenceBatchFile = { role: "dossiers" | "steps" | "events" | "calendar"; name: string; sha256: string; rows: number };
export type CalendarImportCounts = { years: number[]; holidays: number; workdays: number };

/** A past evidence or calendar import, as its batch recorded it. */
export type EvidenceImportBatch = {
  id: number;
  createdAt: Date;
  userName: string | null;
  files: EvidenceBatchFile[];
} & ({ kind: "dossiers"; counts: EvidenceImportCounts } | { kind: "calendar"; counts: CalendarImportCounts });

const EVIDENCE_BATCH_KINDS = ["dossiers", "calendar"];

function evidenceBatchQuery(db: Database) {
  return db
    .selectFrom("import_batch as b")
    .leftJoin("app_user as u", "u.id", "b.user_id")
    .select(["b.id", "b.kind", "b.created_at", "b.files", "b.counts", "u.display_name", "u.username"])
    .where("b.kind", "in", EVIDENCE_BATCH_KINDS);
}

function toEvidenceBatch(r: Awaited<ReturnType<ReturnType<typeof evidenceBatchQuery>["executeTakeFirstOrThrow"]>>): EvidenceImportBatch {
  return {
    id: r.id,
    kind: r.kind,
    createdAt: r.created_at,
    userName: r.display_name ? `${r.display_name} (${r.username})` : null,
    files: r.files as unknown as EvidenceBatchFile[],
    counts: r.counts,
  } as EvidenceImportBatch;
}

/** Past dossier and calendar imports, newest first, one page at a time. */
export async function listEvidenceImports(db: Database, page: number): Promise<{ rows: EvidenceImportBatch[]; total: number; pageSize: number }> {
  const [rows, total] = await Promise.all([
    evidenceBatchQuery(db).orderBy("b.id", "desc").limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).execute(),
    db
      .selectFrom("import_batch")
      .where("kind", "in", EVIDENCE_BATCH_KINDS)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toEvidenceBatch), total: total.n, pageSize: PAGE_SIZE };
}

/** One dossier or calendar import; null for another kind of batch or none. */
export async function getEvidenceImport(db: Database, id: number): Promise<EvidenceImportBatch | null> {
  const row = await evidenceBatchQuery(db).where("b.id", "=", id).executeTakeFirst();
  return row ? toEvidenceBatch(row) : null;
}
