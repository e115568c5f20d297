// Regenerates db/types.ts from the migrated schema (kysely-codegen), on a throw-away embedded cluster
// or on DATABASE_URL when it is set. Run after adding a migration: `npm run db:types`.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "./index.js";
import { migrateToLatest } from "./migrate.js";
import { startEmbeddedPostgres } from "./embedded.js";

const tmp = await mkdtemp(path.join(os.tmpdir(), "ktcv-codegen-"));
const server = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dir: tmp, log: console.log });
const url = process.env.DATABASE_URL ?? server!.url("postgres");
try {
  const { db } = createDatabase(url);
  await migrateToLatest(db);
  await db.destroy();
  execFileSync(
    "npx",
    ["kysely-codegen", "--dialect", "postgres", "--url", url, "--out-file", "db/types.ts",
     "--exclude-pattern", "schema_migration*", "--date-parser", "string",
     "--numeric-parser", "number", "--type-mapping", JSON.stringify({ int8: "number" })],
    { stdio: "inherit" },
  );
  console.log("Đã sinh lại db/types.ts từ lược đồ.");
} finally {
  await server?.stop();
  await rm(tmp, { recursive: true, force: true });
}
