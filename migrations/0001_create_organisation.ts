import { sql, type Kysely } from "kysely";

// Units, officers and their memberships over time, users with roles, sessions, import batches and the
// append-only audit log. Frozen once merged: later changes go into new numbered files.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists btree_gist`.execute(db);

  await sql`
    create function refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'Bảng % chỉ được ghi thêm, không được sửa hoặc xoá (%).', tg_table_name, tg_op
        using errcode = 'P0001';
    end $$`.execute(db);

  await sql`
    create function touch_updated_at() returns trigger language plpgsql as $$
    begin new.updated_at := now(); return new; end $$`.execute(db);

  await sql`
    create table unit (
      id integer generated always as identity primary key,
      code text not null unique check (code <> ''),
      name text not null check (name <> ''),
      parent_id integer references unit(id),
      kind text not null default 'other'
        check (kind in ('province','department','district','commune','division','other')),
      valid_from date,
      valid_to date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (valid_to is null or valid_from is null or valid_to >= valid_from),
      check (parent_id is null or parent_id <> id)
    )`.execute(db);
  await sql`create index unit_parent_idx on unit(parent_id)`.execute(db);
  await sql`create trigger unit_touch before update on unit for each row execute function touch_updated_at()`.execute(db);
  // A unit may not become its own ancestor: the tree stays a tree whatever the client does.
  await sql`
    create function unit_refuse_cycle() returns trigger language plpgsql as $$
    begin
      if new.parent_id is not null and exists (
        with recursive up(id, parent_id) as (
          select id, parent_id from unit where id = new.parent_id
          union all
          select u.id, u.parent_id from unit u join up on u.id = up.parent_id
        ) select 1 from up where id = new.id
      ) then
        raise exception 'Đơn vị % không thể trực thuộc chính đơn vị cấp dưới của nó.', new.code using errcode = '23514';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger unit_no_cycle before insert or update of parent_id on unit for each row execute function unit_refuse_cycle()`.execute(db);

  await sql`
    create table officer (
      id integer generated always as identity primary key,
      code text not null unique check (code <> ''),
      full_name text not null check (full_name <> ''),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create trigger officer_touch before update on officer for each row execute function touch_updated_at()`.execute(db);

  await sql`
    create table officer_membership (
      id integer generated always as identity primary key,
      officer_id integer not null references officer(id) on delete cascade,
      unit_id integer not null references unit(id),
      position text,
      valid_from date,
      valid_to date,
      check (valid_to is null or valid_from is null or valid_to >= valid_from),
      constraint officer_membership_no_overlap
        exclude using gist (officer_id with =, daterange(valid_from, valid_to, '[]') with &&)
    )`.execute(db);
  await sql`create index officer_membership_unit_idx on officer_membership(unit_id)`.execute(db);

  await sql`
    create table app_user (
      id text primary key,
      username text not null unique check (username = lower(username) and username ~ '^[a-z0-9._-]{3,40}$'),
      display_name text not null check (display_name <> ''),
      password_hash text not null,
      officer_id integer unique references officer(id),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create trigger app_user_touch before update on app_user for each row execute function touch_updated_at()`.execute(db);

  await sql`
    create table user_session (
      id text primary key,
      user_id text not null references app_user(id) on delete cascade,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index user_session_user_idx on user_session(user_id)`.execute(db);

  await sql`
    create table user_role (
      id integer generated always as identity primary key,
      user_id text not null references app_user(id) on delete cascade,
      role text not null check (role in ('admin','inspector','approver','unit_head','hr')),
      unit_id integer references unit(id),
      check ((role in ('unit_head','hr')) = (unit_id is not null)),
      unique nulls not distinct (user_id, role, unit_id)
    )`.execute(db);

  await sql`
    create table import_batch (
      id integer generated always as identity primary key,
      kind text not null check (kind in ('org','dossiers','calendar')),
      files jsonb not null,
      counts jsonb not null,
      user_id text references app_user(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create trigger import_batch_append_only before update or delete on import_batch for each row execute function refuse_change()`.execute(db);

  await sql`
    create table audit_event (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_user_id text references app_user(id),
      action text not null,
      entity_type text not null,
      entity_id text,
      summary text not null,
      data jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index audit_event_entity_idx on audit_event(entity_type, entity_id, id)`.execute(db);
  await sql`create index audit_event_at_idx on audit_event(at desc, id desc)`.execute(db);
  await sql`create index audit_event_actor_idx on audit_event(actor_user_id, id)`.execute(db);
  await sql`create trigger audit_event_append_only before update or delete on audit_event for each row execute function refuse_change()`.execute(db);
  await sql`create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function refuse_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["audit_event", "import_batch", "user_role", "user_session", "app_user", "officer_membership", "officer", "unit"]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`drop function if exists unit_refuse_cycle, touch_updated_at, refuse_change`.execute(db);
}
