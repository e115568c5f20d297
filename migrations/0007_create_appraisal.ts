import { sql, type Kysely } from "kysely";

// Appraisal (đánh giá, xếp loại): HR's cycles over a scope of units under one rule set, and the single
// record that one published conclusion item was used — `appraisal_consumption`, UNIQUE on the item, so a
// concluded item feeds appraisal once, ever, whichever user, channel or cycle tries again. A correction
// published after use is acknowledged (a consumption that counts nothing), never counted a second time.
// External HR software reaches the same rows through scoped API tokens with idempotency keys.
// Frozen once merged.
export async function up(db: Kysely<any>): Promise<void> {
  // The appraisal decrees tell cán bộ, công chức and viên chức apart; imported officers are công chức
  // until an administrator says otherwise.
  await sql`
    alter table officer add column category text not null default 'civil_servant'
      check (category in ('cadre','civil_servant','public_employee'))`.execute(db);

  // The provincial table of deductions from a unit's PAR-index "public service" component, versioned:
  // a cycle keeps the version it was opened under; a change is a new version, never an edit.
  await sql`
    create table par_deduction_table (
      id integer generated always as identity primary key,
      version integer not null unique check (version > 0),
      title text not null check (title <> ''),
      violation_points numeric(6,2) not null check (violation_points >= 0),
      shortcoming_points numeric(6,2) not null check (shortcoming_points >= 0),
      per_delay_points numeric(6,2) not null check (per_delay_points >= 0),
      -- The component's maximum: deductions in one cycle never take it below zero.
      component_max numeric(6,2) not null check (component_max > 0),
      created_by text references app_user(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create trigger par_deduction_table_frozen before update or delete on par_deduction_table for each row execute function refuse_change()`.execute(db);
  await sql`
    insert into par_deduction_table (version, title, violation_points, shortcoming_points, per_delay_points, component_max)
    values (1, 'Bảng trừ điểm Chỉ số CCHC, nội dung cải cách chế độ công vụ (mặc định)', 0.5, 0.25, 0.1, 6)`.execute(db);

  await sql`
    create table appraisal_cycle (
      id integer generated always as identity primary key,
      -- What HR software names the cycle by, e.g. DG-2026-001.
      reference text not null unique check (reference ~ '^DG-[0-9]{4}-[0-9]{3,}$'),
      title text not null check (title <> ''),
      year integer not null check (year between 2020 and 2100),
      quarter integer check (quarter between 1 and 4),
      scope_unit_id integer not null references unit(id),
      rule_set_code text not null check (rule_set_code in ('nd90-48','nd335-2025')),
      rule_set_version integer not null check (rule_set_version > 0),
      par_table_id integer not null references par_deduction_table(id),
      status text not null default 'open' check (status in ('open','closed')),
      opened_by text not null references app_user(id),
      opened_at timestamptz not null default now(),
      closed_by text references app_user(id),
      closed_at timestamptz,
      check ((status = 'closed') = (closed_at is not null and closed_by is not null)),
      unique nulls not distinct (year, quarter, scope_unit_id, rule_set_code)
    )`.execute(db);
  await sql`
    create function appraisal_cycle_locked() returns trigger language plpgsql as $$
    begin
      if old.status = 'closed' then
        raise exception 'Kỳ đánh giá % đã khoá: không được sửa hoặc xoá.', old.reference using errcode = 'P0001';
      end if;
      if tg_op = 'DELETE' then
        raise exception 'Kỳ đánh giá không được xoá.' using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger appraisal_cycle_locked before update or delete on appraisal_cycle for each row execute function appraisal_cycle_locked()`.execute(db);

  // Tokens for external HR software, issued by administrators and scoped to units (with their sub-units).
  // Only the SHA-256 of a token is kept; its first characters identify it in lists.
  await sql`
    create table api_token (
      id integer generated always as identity primary key,
      name text not null check (name <> ''),
      token_sha256 text not null unique,
      token_prefix text not null,
      unit_ids integer[] not null check (cardinality(unit_ids) > 0),
      created_by text not null references app_user(id),
      created_at timestamptz not null default now(),
      revoked_by text references app_user(id),
      revoked_at timestamptz,
      last_used_at timestamptz,
      check ((revoked_at is null) = (revoked_by is null))
    )`.execute(db);

  await sql`
    create table appraisal_consumption (
      id integer generated always as identity primary key,
      -- Exactly once, ever: whichever cycle, user or channel.
      conclusion_item_id integer not null unique references conclusion_item(id),
      cycle_id integer not null references appraisal_cycle(id),
      -- 'counted': the item's effect went into the appraisal. 'acknowledged': a correction of an item
      -- already counted; HR saw it, the first consumption stands and nothing is counted again.
      mode text not null check (mode in ('counted','acknowledged')),
      acknowledges_consumption_id integer references appraisal_consumption(id),
      subject_unit_id integer not null references unit(id),
      subject_officer_id integer references officer(id),
      -- The item's effect as carried (kind, points, delays, discipline level, PAR deduction).
      effect jsonb not null,
      -- nd335-2025: the officer's task the attributed delays fall on.
      task_title text,
      note text,
      channel text not null check (channel in ('web','api')),
      consumed_by text references app_user(id),
      api_token_id integer references api_token(id),
      idempotency_key text,
      consumed_at timestamptz not null default now(),
      check ((mode = 'acknowledged') = (acknowledges_consumption_id is not null)),
      check ((channel = 'web') = (consumed_by is not null and api_token_id is null)),
      check ((channel = 'api') = (api_token_id is not null and idempotency_key is not null))
    )`.execute(db);
  await sql`create index appraisal_consumption_cycle_idx on appraisal_consumption(cycle_id)`.execute(db);
  await sql`create index appraisal_consumption_officer_idx on appraisal_consumption(subject_officer_id)`.execute(db);
  await sql`create trigger appraisal_consumption_frozen before update or delete on appraisal_consumption for each row execute function refuse_change()`.execute(db);
  await sql`create trigger appraisal_consumption_no_truncate before truncate on appraisal_consumption for each statement execute function refuse_change()`.execute(db);
  // Only a published notice's items, only into an open cycle: the database says so too.
  await sql`
    create function appraisal_consumption_check() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from conclusion_item i join conclusion n on n.id = i.conclusion_id
                      where i.id = new.conclusion_item_id and n.status = 'published') then
        raise exception 'Chỉ ghi nhận được nội dung của thông báo kết luận đã công bố.' using errcode = 'P0001';
      end if;
      if not exists (select 1 from appraisal_cycle c where c.id = new.cycle_id and c.status = 'open') then
        raise exception 'Kỳ đánh giá đã khoá: không ghi nhận thêm được.' using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger appraisal_consumption_check before insert on appraisal_consumption for each row execute function appraisal_consumption_check()`.execute(db);

  // HR's entries and results per officer or unit in a cycle, appended; the latest counts. `proposed` is
  // what the rule set proposed from the consumed items; `final_*` what HR recorded, with `reason` where
  // it differs. Nothing is appended once the cycle is closed.
  await sql`
    create table appraisal_result (
      id integer generated always as identity primary key,
      cycle_id integer not null references appraisal_cycle(id),
      officer_id integer references officer(id),
      unit_id integer references unit(id),
      inputs jsonb not null default '{}'::jsonb,
      proposed jsonb not null,
      final_rating text check (final_rating in ('excellent','good','complete','not_complete')),
      final_points numeric(6,2),
      reason text,
      recorded_by text not null references app_user(id),
      recorded_at timestamptz not null default now(),
      check ((officer_id is null) <> (unit_id is null))
    )`.execute(db);
  await sql`create index appraisal_result_cycle_idx on appraisal_result(cycle_id, officer_id, unit_id, id)`.execute(db);
  await sql`create trigger appraisal_result_frozen before update or delete on appraisal_result for each row execute function refuse_change()`.execute(db);
  await sql`
    create function appraisal_result_open() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from appraisal_cycle c where c.id = new.cycle_id and c.status = 'open') then
        raise exception 'Kỳ đánh giá đã khoá: không ghi thêm kết quả được.' using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger appraisal_result_open before insert on appraisal_result for each row execute function appraisal_result_open()`.execute(db);

  // Discipline decisions HR records (Party or administrative), about the act a conclusion item concerns.
  await sql`
    create table discipline_decision (
      id integer generated always as identity primary key,
      officer_id integer not null references officer(id),
      conclusion_item_id integer references conclusion_item(id),
      decision_number text not null check (decision_number <> ''),
      system text not null check (system in ('party','administrative')),
      level text not null check (level in ('reprimand','warning','salary_downgrade','demotion','removal','dismissal')),
      decided_on date not null,
      recorded_by text not null references app_user(id),
      recorded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index discipline_decision_officer_idx on discipline_decision(officer_id)`.execute(db);
  await sql`create trigger discipline_decision_frozen before update or delete on discipline_decision for each row execute function refuse_change()`.execute(db);

  // Idempotency of API calls: the first response to (token, key) is stored in the same transaction as
  // the consumption it reports, and returned again to any repeat.
  await sql`
    create table api_idempotency (
      api_token_id integer not null references api_token(id),
      key text not null check (length(key) between 1 and 200),
      request_sha256 text not null,
      status integer not null,
      body jsonb not null,
      created_at timestamptz not null default now(),
      primary key (api_token_id, key)
    )`.execute(db);
  await sql`create trigger api_idempotency_frozen before update or delete on api_idempotency for each row execute function refuse_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["api_idempotency", "discipline_decision", "appraisal_result", "appraisal_consumption", "api_token", "appraisal_cycle", "par_deduction_table"]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  for (const fn of ["appraisal_result_open", "appraisal_consumption_check", "appraisal_cycle_locked"]) await sql`drop function if exists ${sql.raw(fn)}`.execute(db);
  await sql`alter table officer drop column if exists category`.execute(db);
}
