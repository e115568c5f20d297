// Backup and restore (issue 7): `npm run ktcv -- backup <file>` of a populated database — a published
// notice, a consumption, the audit log — and `restore <file>` into an empty database give back every row
// of every table; the restored database still refuses changes to published notices, and its identities
// continue after the restored ids. A tampered file or a non-empty target restores nothing.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "../../db/index.js";
import { consumeFromWeb, openCycle } from "../../app/models/appraisal.server.js";
import { loadSessionUser } from "../../app/models/users.server.js";
import { publishedCase, setUpCaseWorld } from "../case-world.js";
import { runCli } from "../cli.js";
import { userIdOf } from "../helpers.js";

let dir: string;
let file: string;
const extra: string[] = [];
const serverUrl = inject("serverUrl");
const templateDb = inject("templateDb");

function urlOf(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = "/" + name;
  return url.toString();
}

async function emptyDatabase(): Promise<string> {
  const name = `ktcv_restore_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${templateDb}`);
  await admin.end();
  extra.push(name);
  return urlOf(name);
}

/** Every table's rows as one fingerprint per table (md5 of the sorted row texts). */
async function fingerprints(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'schema_migration%' order by 1",
    );
    const out: Record<string, string> = {};
    for (const { table_name } of tables.rows) {
      const r = await client.query<{ n: string; h: string | null }>(`select count(*) as n, md5(string_agg(t::text, '|' order by t::text)) as h from "${table_name}" t`);
      out[table_name] = `${r.rows[0]!.n}:${r.rows[0]!.h ?? ""}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "ktcv-backup-"));
  file = path.join(dir, "ktcv.ktcv.gz");
  const world = await setUpCaseWorld();
  const published = await publishedCase(world, [[...world.dossierId.keys()][2]!], [{ ownerUnit: "000.31.01.H55", deadline: "2027-03-31" }]);
  const hr = (await loadSessionUser(getDb(), await userIdOf("tccb")))!;
  const province = await getDb().selectFrom("unit").select("id").where("parent_id", "is", null).orderBy("id").executeTakeFirstOrThrow();
  const cycle = await openCycle(getDb(), { year: 2026, quarter: null, scopeUnitId: province.id, ruleSetCode: "nd335-2025", title: null }, hr, { all: true });
  if (!cycle.ok) throw new Error(cycle.message);
  const item = await getDb().selectFrom("conclusion_item").select("id").where("conclusion_id", "=", published.conclusionId).executeTakeFirstOrThrow();
  const consumed = await consumeFromWeb(getDb(), { itemId: item.id, cycle: { id: cycle.id }, scope: { all: true } }, hr);
  if (!consumed.ok) throw new Error(consumed.message);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  for (const name of extra) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe("backup and restore from the command line", () => {
  it("round-trips every row of every table into an empty database", async () => {
    const backup = await runCli(["backup", file]);
    expect(backup.stderr).toMatch(/Đã sao lưu \d+ bảng, [\d.]+ dòng vào .+ \(SHA-256 [0-9a-f]{64}\)\./);
    expect(backup.code).toBe(0);

    const target = await emptyDatabase();
    const restore = await runCli(["restore", file], { DATABASE_URL: target });
    expect(restore.stderr).toMatch(/Đã khôi phục \d+ bảng, [\d.]+ dòng từ /);
    expect(restore.code).toBe(0);

    const [before, after] = [await fingerprints(process.env.DATABASE_URL!), await fingerprints(target)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after).toEqual(before);
    expect(Number(after["appraisal_consumption"]!.split(":")[0])).toBe(1);
    expect(Number(after["audit_event"]!.split(":")[0])).toBeGreaterThan(5);

    // The guards are back on, and new rows take new ids.
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      await expect(client.query("update conclusion set title = 'x' where status = 'published'")).rejects.toThrow(/đã công bố/);
      await expect(client.query("delete from appraisal_consumption")).rejects.toThrow(/chỉ được ghi thêm/);
      const maxId = (await client.query<{ m: number }>("select max(id) as m from unit")).rows[0]!.m;
      const inserted = await client.query<{ id: number }>("insert into unit (code, name) values ('KHOI-PHUC', 'Đơn vị thử sau khôi phục') returning id");
      expect(inserted.rows[0]!.id).toBeGreaterThan(maxId);
    } finally {
      await client.end();
    }
  }, 120_000);

  it("restores nothing into a database that already has data", async () => {
    const result = await runCli(["restore", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Không khôi phục: Cơ sở dữ liệu đích đã có dữ liệu");
  });

  it("restores nothing from a tampered or truncated file, and the target stays empty", async () => {
    const text = gunzipSync(await readFile(file)).toString("utf8");
    const tampered = path.join(dir, "tampered.gz");
    await writeFile(tampered, gzipSync(text.replace("Để hồ sơ giải quyết quá hạn.", "Không có vi phạm nào.")));
    const target = await emptyDatabase();
    const before = await fingerprints(target);
    const result = await runCli(["restore", tampered], { DATABASE_URL: target });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("mã kiểm tra SHA-256 không khớp");
    const truncated = path.join(dir, "truncated.gz");
    await writeFile(truncated, gzipSync(text.slice(0, Math.floor(text.length / 2))));
    const cut = await runCli(["restore", truncated], { DATABASE_URL: target });
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain("Không khôi phục: Bản sao lưu bị cắt cụt");
    expect(await fingerprints(target)).toEqual(before);
  }, 120_000);
});
