// Before each test file: a database of its own, copied from the migrated template, as DATABASE_URL.
import pg from "pg";
import { afterAll, inject } from "vitest";
import { closeDb } from "../../db/index.js";

const serverUrl = inject("serverUrl");
const templateDb = inject("templateDb");
const runId = inject("runId");

const name = `ktcv_t_${runId}_${process.env.VITEST_POOL_ID ?? "0"}_${Math.random().toString(36).slice(2, 8)}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${name} template ${templateDb}`);
await admin.end();

const url = new URL(serverUrl);
url.pathname = "/" + name;
process.env.DATABASE_URL = url.toString();
process.env.NODE_ENV = "test";

afterAll(async () => {
  await closeDb();
});
