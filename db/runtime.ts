// Which PostgreSQL to use: DATABASE_URL when set, otherwise the embedded cluster under .data/.
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded.js";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DATABASE_NAME = "ktcv";

export type DatabaseTarget = { url: string; embedded: boolean; stop: () => Promise<void> };

export async function ensureDatabaseExists(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}" encoding 'UTF8' template template0`);
  } finally {
    await client.end();
  }
}

/** Sets process.env.DATABASE_URL (starting the embedded cluster if needed) and returns how to stop it. */
export async function openDatabase(options: { share?: boolean; log?: (m: string) => void } = {}): Promise<DatabaseTarget> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres({ dir: path.join(projectRoot, ".data"), log: options.log, share: options.share });
  await ensureDatabaseExists(server.url("postgres"), DATABASE_NAME);
  const url = server.url(DATABASE_NAME);
  process.env.DATABASE_URL = url;
  return { url, embedded: true, stop: server.stop };
}
