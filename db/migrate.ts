import { Migrator, type Kysely } from "kysely";
import { migrations } from "../migrations/index.js";

/** Brings the database to the newest schema; throws with a Vietnamese message naming the failed migration. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "schema_migration",
    migrationLockTableName: "schema_migration_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      failed ? `Lỗi khi chạy migration ${failed.migrationName}: ${detail}` : `Lỗi khi nâng cấp cơ sở dữ liệu: ${detail}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
