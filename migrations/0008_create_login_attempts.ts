import { sql, type Kysely } from "kysely";

// Sign-in attempts, for rate limiting and lockout (issue 7): kept in the database so that every server
// process and a restart see the same count. Frozen once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table login_attempt (
      id bigint generated always as identity primary key,
      -- As typed, lower-cased: unknown names are throttled like known ones (no user enumeration).
      username text not null,
      ip text not null,
      succeeded boolean not null,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index login_attempt_username_idx on login_attempt(username, at desc)`.execute(db);
  await sql`create index login_attempt_ip_idx on login_attempt(ip, at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists login_attempt`.execute(db);
}
