// `npm run bench`: KTCV's speed at scale, each figure against a baseline measured in the same run on the
// same machine (README › Speed). Progress goes to stderr; the table (Markdown) to stdout, and to
// `--out FILE` when given. Speed is measured here only, never by timed tests.
//
//   npm run bench                          1,000,000 dossiers (BENCH_DOSSIERS to change)
//   npm run bench -- --quick               100,000 dossiers, shorter load runs: to try it out
//   npm run bench -- --out bench.md        also writes the table to bench.md
//
// BENCH_IMPORT_DOSSIERS (default 200,000) sizes the import measurement, BENCH_SECONDS (default 10) each
// autocannon run. With DATABASE_URL set, the run creates a fresh database on that server and drops it.
import { writeFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { createEvidenceGenerator } from "../../app/domain/generator.js";
import { closeDb, getDb } from "../../db/index.js";
import { migrateToLatest } from "../../db/migrate.js";
import { openBenchDatabase, type BenchDatabase } from "./database.js";
import { measureImport } from "./import.js";
import { evidenceBatches, importGeneratedOrganisation, importRest } from "./load.js";
import { count, duration, markdownTable, timed, type Row } from "./measure.js";
import { measurePages, prepareCases } from "./pages.js";
import { measurePdf } from "./pdf.js";
import { measureQueries } from "./queries.js";

const BATCH = 100_000;

const log = (m: string) => process.stderr.write(m + "\n");

function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const n = Number(text.replaceAll(/[_.,]/g, ""));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} phải là một số nguyên dương, không phải "${text}".`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: "boolean" }, out: { type: "string" } } });
  const quick = values.quick === true;
  const dossiers = positiveInteger("BENCH_DOSSIERS", quick ? 100_000 : 1_000_000);
  const importDossiers = Math.min(dossiers, positiveInteger("BENCH_IMPORT_DOSSIERS", quick ? 20_000 : 200_000));
  const seconds = positiveInteger("BENCH_SECONDS", quick ? 5 : 10);
  // Last year in Vietnam, as `generate` does by default: a closed period, judged at its end.
  const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear() - 1;
  const started = performance.now();
  // Other work on the machine slows every figure; the ratios less so. Printed with the table.
  const loadAtStart = os.loadavg();

  let database: BenchDatabase | undefined;
  try {
    database = await openBenchDatabase(log);
    process.env.DATABASE_URL = database.url;
    const db = getDb();
    await migrateToLatest(db);

    const generator = createEvidenceGenerator({ dossiers, seed: 2026, from: `${year}-01-01`, to: `${year}-12-31` });
    log(`Nạp tổ chức mô phỏng: ${await importGeneratedOrganisation(db, generator)}.`);
    const rows: Row[] = [];
    const batches = evidenceBatches(generator, importDossiers, BATCH);
    const loadStarted = performance.now();
    const first = batches.next();
    if (first.done) throw new Error("Bộ sinh dữ liệu không sinh hồ sơ nào.");
    log(`Đo nhập hồ sơ: ${count(first.value.dossiers)} hồ sơ, ${count(first.value.steps)} bước, ${count(first.value.events)} sự kiện ...`);
    const measured = await measureImport(db, database.url, first.value, log);
    rows.push(measured.row);
    const state = { loaded: first.value.dossiers, total: dossiers, started: loadStarted + measured.copyTotalMs };
    log(`Nạp phần còn lại bằng importEvidence, mỗi lô khoảng ${count(BATCH)} hồ sơ ...`);
    await importRest(db, batches, state, log);
    const { ms: vacuumMs } = await timed(() => sql`vacuum analyze`.execute(db));
    const loadMs = performance.now() - state.started;
    log(`Đã nạp ${count(state.loaded)} hồ sơ trong ${duration(loadMs)} (gồm VACUUM ANALYZE ${duration(vacuumMs)}).`);

    log(`Đo các truy vấn của bảng theo dõi và danh sách, năm ${year} ...`);
    rows.push(...(await measureQueries(db, year, log)));
    log("Mở các vụ việc cho trang vụ việc ...");
    const cases = await prepareCases(db, year, log);
    log(`Đo độ trễ trang dưới tải (autocannon, ${seconds} s mỗi trang) ...`);
    rows.push(...(await measurePages(database.url, cases, year, seconds, log)));
    log("Đo dựng PDF ...");
    rows.push(await measurePdf(log));

    const stats = generator.stats;
    const cpus = os.cpus();
    const load = (l: number[]) => l.map((x) => x.toFixed(1).replace(".", ",")).join(" / ");
    const report = [
      `Máy: ${cpus.length} CPU (${cpus[0]?.model.trim() ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${database.description}; tải trung bình của máy (1/5/15 phút) lúc bắt đầu ${load(loadAtStart)}, lúc kết thúc ${load(os.loadavg())}.`,
      `Dữ liệu: ${count(state.loaded)} hồ sơ mô phỏng tiếp nhận năm ${year} (\`generate\`, hạt giống 2026): ${count(stats.steps)} bước xử lý, ` +
        `${count(stats.events)} sự kiện bổ sung, ${count(stats.late)} hồ sơ trễ hạn; ${count(stats.units)} đơn vị, ${count(stats.officers)} cán bộ; ` +
        `nạp bằng importEvidence theo lô trong ${duration(loadMs)}.`,
      "",
      markdownTable(rows),
      "",
      `Thời gian chạy cả phép đo: ${duration(performance.now() - started)}.`,
    ].join("\n");
    process.stdout.write(report + "\n");
    if (values.out) await writeFile(values.out, report + "\n");
    const failed = rows.filter((r) => r.failed).length;
    if (failed > 0) log(`${failed} phép đo không thực hiện được (xem các dòng LỖI).`);
    return failed > 0 ? 1 : 0;
  } finally {
    await closeDb();
    await database?.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("Phép đo thất bại:", error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
