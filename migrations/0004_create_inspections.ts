import { sql, type Kysely } from "kysely";

// Inspections (đợt kiểm tra) with their decision, legal basis, scope and team; conflict-of-interest
// recusals; cases (vụ việc) with readable yearly codes; and the frozen evidence of each case. Findings
// and explanations come in a later migration. Frozen once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table inspection (
      id integer generated always as identity primary key,
      title text not null check (title <> ''),
      decision_number text not null unique check (decision_number <> ''),
      decision_date date not null,
      decision_signer text not null check (decision_signer <> ''),
      -- The legal basis and its date: the Law on Inspection changed in 2025 (DOMAIN.md).
      legal_basis text not null check (legal_basis <> ''),
      legal_basis_date date not null,
      period_from date not null,
      period_to date not null,
      created_by text not null references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (period_to >= period_from)
    )`.execute(db);
  await sql`create trigger inspection_touch before update on inspection for each row execute function touch_updated_at()`.execute(db);

  await sql`
    create table inspection_unit (
      inspection_id integer not null references inspection(id) on delete cascade,
      unit_id integer not null references unit(id),
      primary key (inspection_id, unit_id)
    )`.execute(db);

  await sql`
    create table inspection_member (
      id integer generated always as identity primary key,
      inspection_id integer not null references inspection(id) on delete cascade,
      officer_id integer not null references officer(id),
      role text not null check (role in ('lead','member','secretary')),
      added_by text not null references app_user(id),
      added_at timestamptz not null default now(),
      removed_at timestamptz,
      removed_by text references app_user(id),
      removed_reason text,
      check ((removed_at is null) = (removed_by is null))
    )`.execute(db);
  // One active seat per officer, and exactly one active lead (the second is enforced in code).
  await sql`create unique index inspection_member_active_idx on inspection_member(inspection_id, officer_id) where removed_at is null`.execute(db);
  await sql`create unique index inspection_member_lead_idx on inspection_member(inspection_id) where removed_at is null and role = 'lead'`.execute(db);

  await sql`
    create table recusal (
      id integer generated always as identity primary key,
      inspection_id integer not null references inspection(id) on delete cascade,
      officer_id integer not null references officer(id),
      reasons text[] not null check (cardinality(reasons) > 0),
      recorded_by text not null references app_user(id),
      recorded_at timestamptz not null default now()
    )`.execute(db);

  // Gap-free yearly numbering of case codes (KT-2026-0001): the counter row is locked by the update.
  await sql`
    create table case_code_counter (
      year integer primary key,
      last_sequence integer not null check (last_sequence >= 0)
    )`.execute(db);

  await sql`
    create table inspection_case (
      id integer generated always as identity primary key,
      code text not null unique,
      year integer not null,
      sequence integer not null,
      inspection_id integer not null references inspection(id),
      -- The inspected unit; for a case about an officer, the officer's unit when the case was opened.
      -- Unit heads see a case when this unit is in their scope.
      subject_unit_id integer not null references unit(id),
      subject_officer_id integer references officer(id),
      title text not null check (title <> ''),
      state text not null default 'draft'
        check (state in ('draft','open','awaiting_explanation','under_review','pending_approval','published','closed','withdrawn')),
      withdrawn_reason text,
      explanation_deadline date,
      evidence_set_id integer references evidence_set(id),
      created_by text not null references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (year, sequence),
      check ((state = 'withdrawn') = (withdrawn_reason is not null and withdrawn_reason <> ''))
    )`.execute(db);
  await sql`create index inspection_case_inspection_idx on inspection_case(inspection_id)`.execute(db);
  await sql`create index inspection_case_subject_unit_idx on inspection_case(subject_unit_id)`.execute(db);
  await sql`create index inspection_case_state_idx on inspection_case(state)`.execute(db);
  await sql`create trigger inspection_case_touch before update on inspection_case for each row execute function touch_updated_at()`.execute(db);

  // The evidence a case rests on, frozen when it was attached: the dossier with its steps and events as
  // imported (canonical JSON) and its SHA-256. A later re-import changes dossier.content_sha256, never
  // this row; the case compares the two to show that the live data has changed since.
  await sql`
    create table case_evidence (
      id integer generated always as identity primary key,
      case_id integer not null references inspection_case(id) on delete cascade,
      dossier_id integer not null references dossier(id),
      snapshot jsonb not null,
      snapshot_sha256 text not null,
      dossier_content_sha256 text not null,
      added_by text not null references app_user(id),
      added_at timestamptz not null default now(),
      detached_at timestamptz,
      detached_by text references app_user(id),
      detached_reason text,
      check ((detached_at is null) = (detached_by is null))
    )`.execute(db);
  await sql`create unique index case_evidence_active_idx on case_evidence(case_id, dossier_id) where detached_at is null`.execute(db);
  await sql`create index case_evidence_dossier_idx on case_evidence(dossier_id)`.execute(db);
  // A snapshot never changes: only the detachment columns may be set, once.
  await sql`
    create function case_evidence_frozen() returns trigger language plpgsql as $$
    begin
      if new.snapshot is distinct from old.snapshot or new.snapshot_sha256 is distinct from old.snapshot_sha256
         or new.dossier_content_sha256 is distinct from old.dossier_content_sha256 or new.dossier_id is distinct from old.dossier_id
         or new.case_id is distinct from old.case_id then
        raise exception 'Chứng cứ đã đóng băng của vụ việc không được sửa.' using errcode = 'P0001';
      end if;
      if old.detached_at is not null then
        raise exception 'Chứng cứ đã gỡ khỏi vụ việc không được sửa lại.' using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger case_evidence_frozen before update on case_evidence for each row execute function case_evidence_frozen()`.execute(db);
  await sql`create trigger case_evidence_no_delete before delete on case_evidence for each row when (pg_trigger_depth() = 0) execute function refuse_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["case_evidence", "inspection_case", "case_code_counter", "recusal", "inspection_member", "inspection_unit", "inspection"]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`drop function if exists case_evidence_frozen`.execute(db);
}
