// Import against its floor: importEvidence of a batch (checking every line, resolving codes, staging,
// hashing each dossier's content, writing dossiers, steps and events, computing the stored outcomes,
// auditing — one transaction) against a bare COPY of the same three files into plain tables of the same
// columns, all text, with no check, no index and no constraint: what PostgreSQL takes to store the
// bytes at all.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { FILE_HEADERS } from "../../app/domain/generator.js";
import type { Database } from "../../db/index.js";
import { importBatch, type EvidenceBatch } from "./load.js";
import { count, duration, median, timed, type Row } from "./measure.js";

const FILES = ["dossiers", "steps", "events"] as const;
const table = (f: (typeof FILES)[number]) => `bench_copy_${f}`;

async function bareCopy(client: pg.Client, batch: EvidenceBatch): Promise<number> {
  for (const f of FILES) await client.query(`truncate ${table(f)}`);
  const { ms } = await timed(async () => {
    for (const f of FILES) {
      const copy = client.query(copyFrom(`copy ${table(f)} from stdin with (format csv, header true)`));
      await pipeline(Readable.from([batch.files[f].bytes]), copy);
    }
  });
  return ms;
}

/** The row of the table, and how long the COPY runs took altogether (not part of loading the data). */
export async function measureImport(db: Database, url: string, batch: EvidenceBatch, log: (m: string) => void): Promise<{ row: Row; copyTotalMs: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let copyMs: number;
  let copyTotalMs: number;
  try {
    for (const f of FILES) await client.query(`create table ${table(f)} (${FILE_HEADERS[f].map((c) => `${c} text`).join(", ")})`);
    const runs: number[] = [];
    const started = performance.now();
    for (let i = 0; i < 3; i++) runs.push(await bareCopy(client, batch));
    copyMs = median(runs);
    const copied = await client.query<{ n: string }>(`select count(*) as n from ${table("steps")}`);
    if (Number(copied.rows[0]!.n) !== batch.steps) throw new Error(`COPY nạp ${copied.rows[0]!.n} bước, cần ${batch.steps}.`);
    for (const f of FILES) await client.query(`drop table ${table(f)}`);
    copyTotalMs = performance.now() - started;
  } finally {
    await client.end();
  }
  log(`  COPY thô: ${duration(copyMs)} (trung vị 3 lần); importEvidence ...`);
  const importMs = await importBatch(db, batch);
  log(`  importEvidence: ${duration(importMs)}`);
  const rows = `${count(batch.dossiers)} hồ sơ, ${count(batch.steps)} bước, ${count(batch.events)} sự kiện`;
  const row: Row = {
    what: `Nhập hồ sơ (importEvidence, một lần, vào cơ sở dữ liệu chưa có hồ sơ): ${rows}`,
    value: duration(importMs),
    baseline: `COPY thô cùng ba tệp vào bảng cùng cột (text, không chỉ mục), trung vị 3 lần: ${duration(copyMs)}`,
    ratio: importMs / copyMs,
  };
  return { row, copyTotalMs };
}
