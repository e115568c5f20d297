// The one pg Pool and Kysely instance of the process. Models receive `db` as their first argument
// so that `db.transaction().execute((trx) => …)` composes them.
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import type { DB } from "./types.js";

export type { DB } from "./types.js";
export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;

// DATE columns stay 'yyyy-MM-dd' strings: a calendar date has no time zone, and a JS Date would shift it.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// int8 (count(*), bigint ids) as numbers: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

type Handle = { pool: pg.Pool; db: Database; url: string };

function logConnectionError(error: Error & { code?: string }) {
  // 57P01: the server is shutting down (our own stop on SIGINT/SIGTERM, or a crash, which the failing
  // queries report themselves): not worth a line of its own.
  if (error.code !== "57P01") console.error("Lỗi kết nối PostgreSQL:", error.message);
}
let handle: Handle | undefined;

export function createDatabase(url: string, max = 10): Handle {
  const pool = new pg.Pool({ connectionString: url, max, application_name: "ktcv" });
  // A connection may break while a request holds it (PostgreSQL killed or restarted, the network gone):
  // pg then emits 'error' on that client, and an 'error' nobody listens to ends the whole process. So
  // every client listens from the moment it connects; the query it was running fails on its own, and
  // the pool drops the broken client. An idle client's error is also re-emitted by the pool, which must
  // listen too (it has been logged already).
  pool.on("connect", (client) => client.on("error", logConnectionError));
  pool.on("error", () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { pool, db, url };
}

function current(): Handle {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Chưa cấu hình DATABASE_URL: không biết kết nối tới cơ sở dữ liệu nào.");
  if (!handle || handle.url !== url) handle = createDatabase(url);
  return handle;
}

/** The process-wide Kysely instance (created on first use from DATABASE_URL). */
export function getDb(): Database {
  return current().db;
}

/** The process-wide pg Pool, shared with the session store. */
export function getPool(): pg.Pool {
  return current().pool;
}

export async function closeDb(): Promise<void> {
  if (handle) {
    const h = handle;
    handle = undefined;
    await h.db.destroy();
  }
}
