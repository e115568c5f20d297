// Backup and restore of the whole database without PostgreSQL's client tools (which `npm install` does
// not bring): every table's rows in COPY text format, gzip-compressed, behind a header naming the
// migrations the data was written under. Restore goes into an empty database (migrated, no users),
// in ONE transaction: any error leaves it as empty as it was. Triggers are suspended during the load
// (session_replication_role = replica, which needs a superuser — the embedded database's role is one):
// the append-only guards would otherwise refuse the truncation of the migration-seeded rows.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

const MAGIC = "KTCV-BACKUP 1";
const MIGRATION_TABLES = ["schema_migration", "schema_migration_lock"];

export type BackupSummary = { tables: number; rows: number; bytes: number; sha256: string };

async function userTables(client: pg.PoolClient): Promise<{ name: string; columns: string[] }[]> {
  const { rows } = await client.query<{ table_name: string; columns: string[] }>(
    `select c.table_name, array_agg(c.column_name::text order by c.ordinal_position) as columns
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and c.is_generated = 'NEVER' and c.table_name <> all($1::text[])
      group by c.table_name order by c.table_name`,
    [MIGRATION_TABLES],
  );
  return rows.map((r) => ({ name: r.table_name, columns: r.columns }));
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Writes a consistent snapshot (one REPEATABLE READ transaction) of every table to `file`. */
export async function backupDatabase(pool: pg.Pool, file: string): Promise<BackupSummary> {
  const client = await pool.connect();
  const partial = `${file}.partial`;
  const hash = createHash("sha256");
  let bytes = 0;
  let rowsTotal = 0;
  try {
    await client.query("begin isolation level repeatable read read only");
    const migrations = (await client.query<{ name: string }>("select name from schema_migration order by name")).rows.map((r) => r.name);
    const tables = await userTables(client);
    const gzip = createGzip();
    const out = createWriteStream(partial, { mode: 0o600 });
    const done = pipeline(gzip, out);
    const write = (text: string | Buffer) =>
      new Promise<void>((resolve) => {
        hash.update(text);
        bytes += Buffer.byteLength(text);
        if (gzip.write(text)) resolve();
        else gzip.once("drain", resolve);
      });
    await write(`${MAGIC}\n${JSON.stringify({ migrations, createdAt: new Date().toISOString() })}\n`);
    for (const table of tables) {
      await write(`@@TABLE ${JSON.stringify(table)}\n`);
      let rows = 0;
      let pendingNewline = false;
      const stream = client.query(copyTo(`copy ${ident(table.name)} (${table.columns.map(ident).join(", ")}) to stdout`));
      await pipeline(
        stream,
        new Writable({
          write(chunk: Buffer, _enc, callback) {
            for (const byte of chunk) if (byte === 10) rows++;
            pendingNewline = chunk.length > 0 && chunk[chunk.length - 1] !== 10;
            write(chunk).then(() => callback(), callback);
          },
        }),
      );
      if (pendingNewline) await write("\n");
      rowsTotal += rows;
      await write(`\\.\n@@ROWS ${rows}\n`);
    }
    await client.query("commit");
    const digest = hash.digest("hex");
    gzip.end(`@@END ${digest}\n`);
    await done;
    await rename(partial, file);
    return { tables: tables.length, rows: rowsTotal, bytes, sha256: digest };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  } finally {
    client.release();
  }
}

export class RestoreError extends Error {}

/**
 * Restores `file` into the database behind `pool`, which must be migrated and hold no users. All or
 * nothing: one transaction, row counts and the file's checksum verified before commit.
 */
export async function restoreDatabase(pool: pg.Pool, file: string): Promise<{ tables: number; rows: number }> {
  const client = await pool.connect();
  const hash = createHash("sha256");
  try {
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
    // Every line but the final @@END one is covered by the checksum it carries.
    const raw = async (): Promise<string | null> => {
      const r = await lines.next();
      return r.done ? null : r.value;
    };
    const next = async (): Promise<string | null> => {
      const line = await raw();
      if (line !== null) hash.update(line + "\n");
      return line;
    };
    if ((await next()) !== MAGIC) throw new RestoreError("Tệp không phải bản sao lưu KTCV (thiếu dòng đầu KTCV-BACKUP 1).");
    const header = JSON.parse((await next()) ?? "{}") as { migrations?: string[] };
    const known = (await client.query<{ name: string }>("select name from schema_migration order by name")).rows.map((r) => r.name);
    const unknown = (header.migrations ?? []).filter((m) => !known.includes(m));
    if (unknown.length > 0) throw new RestoreError(`Bản sao lưu được tạo bởi phiên bản KTCV mới hơn (lược đồ ${unknown.join(", ")}): hãy cập nhật KTCV trước khi khôi phục.`);
    const users = await client.query<{ n: string }>("select count(*) as n from app_user");
    if (Number(users.rows[0]!.n) > 0) throw new RestoreError("Cơ sở dữ liệu đích đã có dữ liệu: chỉ khôi phục vào cơ sở dữ liệu trống (đã nâng cấp lược đồ, chưa có người dùng).");

    await client.query("begin");
    await client.query("set local session_replication_role = replica");
    const tables = await userTables(client);
    await client.query(`truncate ${tables.map((t) => ident(t.name)).join(", ")} restart identity cascade`);
    let restoredTables = 0;
    let restoredRows = 0;
    for (;;) {
      const line = await raw();
      if (line === null) throw new RestoreError("Bản sao lưu bị cắt cụt (không có dòng kết thúc @@END).");
      if (line.startsWith("@@END ")) {
        if (line.slice(6) !== hash.digest("hex")) throw new RestoreError("Bản sao lưu đã bị thay đổi hoặc hỏng (mã kiểm tra SHA-256 không khớp): không khôi phục gì.");
        break;
      }
      hash.update(line + "\n");
      if (!line.startsWith("@@TABLE ")) throw new RestoreError(`Bản sao lưu hỏng: dòng không mong đợi «${line.slice(0, 60)}».`);
      const table = JSON.parse(line.slice(8)) as { name: string; columns: string[] };
      const target = tables.find((t) => t.name === table.name);
      if (!target) throw new RestoreError(`Bảng ${table.name} của bản sao lưu không có trong lược đồ hiện tại.`);
      const missing = table.columns.filter((c) => !target.columns.includes(c));
      if (missing.length > 0) throw new RestoreError(`Bảng ${table.name}: cột ${missing.join(", ")} không có trong lược đồ hiện tại.`);
      let rows = 0;
      // Rows are pushed as COPY takes them: a large table is never held in memory.
      let wanted: (() => void) | null = null;
      const data = new Readable({
        read() {
          wanted?.();
          wanted = null;
        },
      });
      const copy = client.query(copyFrom(`copy ${ident(table.name)} (${table.columns.map(ident).join(", ")}) from stdin`));
      const loading = pipeline(data, copy);
      loading.catch(() => wanted?.());
      for (;;) {
        const row = await next();
        if (row === null) throw new RestoreError(`Bản sao lưu bị cắt cụt trong bảng ${table.name}.`);
        if (row === "\\.") break;
        rows++;
        if (!data.push(row + "\n")) await new Promise<void>((resolve) => (wanted = resolve));
      }
      data.push(null);
      await loading;
      const counted = await next();
      if (counted !== `@@ROWS ${rows}`) throw new RestoreError(`Bảng ${table.name}: số dòng không khớp (${counted ?? "thiếu"} so với ${rows}).`);
      restoredTables++;
      restoredRows += rows;
    }
    // Identity columns continue after the restored ids.
    const identities = await client.query<{ table_name: string; column_name: string }>(
      "select table_name, column_name from information_schema.columns where table_schema = 'public' and is_identity = 'YES'",
    );
    for (const { table_name, column_name } of identities.rows) {
      await client.query(
        `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${ident(column_name)}) from ${ident(table_name)}), 0) + 1, false)`,
        [ident(table_name), column_name],
      );
    }
    await client.query("commit");
    return { tables: restoredTables, rows: restoredRows };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    if (error instanceof SyntaxError) throw new RestoreError("Bản sao lưu hỏng: phần đầu không đọc được.");
    throw error;
  } finally {
    client.release();
  }
}
