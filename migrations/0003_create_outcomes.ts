import { sql, type Kysely } from "kysely";

// The contract's computation, stored: each dossier's outcome and each step's lateness, written by the
// application (app/models/outcomes.server.ts) when a dossier is imported and when the calendar changes.
// A dossier is `final` when nothing in its outcome depends on the instant it is judged at (it is
// finished, every step is finished): dashboards read final outcomes from here and judge the others live.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table dossier_outcome (
      dossier_id integer primary key references dossier(id) on delete cascade,
      final boolean not null,
      end_at timestamptz not null,
      supplement_requests integer not null,
      adjusted_end timestamptz not null,
      late boolean not null,
      late_working_days integer not null,
      apology text not null check (apology in ('not_needed','missing','on_time','late')),
      primary_step_no integer,
      primary_officer_id integer references officer(id),
      -- The unit a late dossier is attributed to: its primary late step's unit, or its resolving unit.
      attributed_unit_id integer references unit(id),
      computed_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index dossier_outcome_late_idx on dossier_outcome(late) where late`.execute(db);
  await sql`create index dossier_outcome_open_idx on dossier_outcome(final) where not final`.execute(db);
  await sql`alter table dossier_step add column late boolean, add column late_working_days integer`.execute(db);
  await sql`create index dossier_step_late_officer_idx on dossier_step(officer_id) where late`.execute(db);
  await sql`
    create table app_setting (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now(),
      updated_by text references app_user(id)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists app_setting`.execute(db);
  await sql`alter table dossier_step drop column late, drop column late_working_days`.execute(db);
  await sql`drop table if exists dossier_outcome`.execute(db);
}
