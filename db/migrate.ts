import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FileMigrationProvider, Migrator, type Kysely } from "kysely";

const migrationFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../migrations");

/** Brings the database to the newest schema; throws with a Vietnamese message naming the failed migration. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
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
