// What `npm start` and the command line share: open the database, migrate, load the demo on first run.
import { verifyPassword } from "./auth.server.js";
import { closeDb, getDb } from "../db/index.js";
import { migrateToLatest } from "../db/migrate.js";
import { openDatabase, type DatabaseTarget } from "../db/runtime.js";
import { DEMO_PASSWORD, DEMO_USERS, hasData, seedDemo } from "../db/seed.js";
import { seedDemoEvidence } from "../db/seed-evidence.js";
import { seedDemoCases } from "../db/seed-cases.js";
import { seedDemoConclusion } from "../db/seed-conclusion.js";
import { ROLE_LABELS } from "./permissions.js";

export async function prepareDatabase(options: { share?: boolean; seed?: boolean; log: (m: string) => void }): Promise<DatabaseTarget> {
  const target = await openDatabase({ share: options.share, log: options.log });
  try {
    const applied = await migrateToLatest(getDb());
    if (applied.length) options.log(`Đã nâng cấp cơ sở dữ liệu: ${applied.join(", ")}`);
    if (options.seed && !(await hasData(getDb()))) {
      options.log("Cơ sở dữ liệu trống: nạp dữ liệu mẫu (Tỉnh Quảng Ngãi)...");
      await seedDemo(getDb());
      const started = performance.now();
      const what = await seedDemoEvidence(getDb(), { dossiers: Number(process.env.KTCV_DEMO_DOSSIERS ?? 8000) });
      options.log(`Đã nạp ${what} (${((performance.now() - started) / 1000).toFixed(1)} giây).`);
      options.log(`Đã tạo ${await seedDemoCases(getDb())}.`);
      const concluded = await seedDemoConclusion(getDb());
      if (concluded) options.log(`Đã tạo ${concluded}.`);
    }
  } catch (error) {
    await closeDb();
    await target.stop();
    throw error;
  }
  return target;
}

/** The demo accounts whose password is still the demo password (an admin may have changed them). */
export async function demoLogins(): Promise<string[]> {
  const rows = await getDb()
    .selectFrom("app_user")
    .select(["username", "password_hash", "display_name"])
    .where("username", "in", DEMO_USERS.map((u) => u.username))
    .execute();
  const lines: string[] = [];
  for (const demo of DEMO_USERS) {
    const row = rows.find((r) => r.username === demo.username);
    if (row && (await verifyPassword(row.password_hash, DEMO_PASSWORD))) {
      const roles = demo.roles.map((r) => ROLE_LABELS[r.role]).join(", ");
      lines.push(`  ${demo.username.padEnd(12)} ${DEMO_PASSWORD.padEnd(11)} ${roles} — ${row.display_name}`);
    }
  }
  return lines;
}
