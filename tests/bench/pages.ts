// Page latency under load: the built server (`app/server.ts`, as `npm start` runs it) on the bench
// database, an inspector's session, and autocannon with 10 connections for a few seconds on each page,
// against /healthz — a route of the same server that reads no session and no database — measured the
// same way in the same run. autocannon runs in this process, on the same cores as the server: the
// baseline pays that too.
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { createSessionCookie, hashPassword } from "../../app/auth.server.js";
import { dueAtRangeOfPeriod } from "../../app/domain/overdue-export.js";
import { openCaseWithEvidence } from "../../app/models/case-intake.server.js";
import { addTeamMember, createInspection } from "../../app/models/inspections.server.js";
import { insertUser } from "../../app/models/users.server.js";
import { freePort } from "../../db/embedded.js";
import type { Database } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { count, duration, timed, type Row } from "./measure.js";

const CONNECTIONS = 10;
const ALL = { all: true } as const;
/** A case holds at most this many dossiers (the intake's own limit). */
const MAX_CASE_DOSSIERS = 5_000;

type OneCase = { caseId: number; caseCode: string; evidence: number };
/** The case with most evidence, and a typical one (the median by evidence). */
type Cases = { userId: string; cases: number; biggest: OneCase; typical: OneCase };

/**
 * An inspector (an officer of Sở Nội vụ, linked to the account), one inspection of every unit that has
 * late dossiers in the year outside Sở Nội vụ and its parents (a conflict of interest otherwise), and one
 * case per such unit opened from the codes of its finished late dossiers of the year (at most a case's
 * 5,000) — the case list a province's year holds. The measured case page is the one with most evidence.
 */
export async function prepareCases(db: Database, year: number, log: (m: string) => void): Promise<Cases> {
  const home = await db.selectFrom("unit").select(["id", "parent_id"]).where("code", "=", "000.00.01.H55").executeTakeFirstOrThrow();
  const homeTree = (
    await sql<{ id: number }>`with recursive t(id) as (select ${home.id}::int union all select u.id from unit u join t on u.parent_id = t.id) select id from t`.execute(db)
  ).rows.map((r) => r.id);
  const ancestors = (
    await sql<{ id: number }>`with recursive a(id, parent_id) as (select id, parent_id from unit where id = ${home.id}
      union all select u.id, u.parent_id from unit u join a on u.id = a.parent_id) select id from a`.execute(db)
  ).rows.map((r) => r.id);
  const officer = await db
    .selectFrom("officer as o")
    .select(["o.id", "o.full_name"])
    .where((eb) => eb.exists(eb.selectFrom("officer_membership as m").select("m.id").whereRef("m.officer_id", "=", "o.id").where("m.unit_id", "in", homeTree)))
    .where((eb) => eb.not(eb.exists(eb.selectFrom("officer_membership as m").select("m.id").whereRef("m.officer_id", "=", "o.id").where("m.unit_id", "not in", homeTree))))
    .orderBy("o.code")
    .executeTakeFirstOrThrow();
  const passwordHash = await hashPassword("Bench@2026");
  const userId = await db
    .transaction()
    .execute((trx) =>
      insertUser(trx, { username: "bench.thanhtra", displayName: officer.full_name, passwordHash, officerId: officer.id, roles: [{ role: "inspector", unitId: null }] }, null),
    );

  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const due = dueAtRangeOfPeriod({ from, to });
  // Finished dossiers judged late (their stored outcomes), each unit's most recent first, as many as a case holds.
  const late = (
    await sql<{ unit_id: number; name: string; codes: string[] }>`
      select d.unit_id, u.name, (array_agg(d.code order by d.due_at desc, d.code))[1:${MAX_CASE_DOSSIERS}] as codes
      from dossier d join dossier_outcome o on o.dossier_id = d.id and o.final join unit u on u.id = d.unit_id
      where o.late and d.due_at >= ${new Date(due.fromInclusive)} and d.due_at < ${new Date(due.toExclusive)}
        and d.status not in ('refused', 'withdrawn') and d.unit_id <> all(${[...homeTree, ...ancestors]}::int[])
      group by d.unit_id, u.name order by count(*) desc, d.unit_id`.execute(db)
  ).rows;
  if (late.length === 0) throw new Error("Không có đơn vị nào có hồ sơ trễ hạn để mở vụ việc.");

  const inspection = await createInspection(
    db,
    {
      title: `Kiểm tra trách nhiệm công vụ trong giải quyết thủ tục hành chính năm ${year}`,
      decisionNumber: "01/QĐ-SNV",
      decisionDate: `${year + 1}-01-15`,
      decisionSigner: "Giám đốc Sở Nội vụ",
      legalBasis: "Luật Thanh tra năm 2025",
      legalBasisDate: "2025-06-25",
      periodFrom: from,
      periodTo: to,
      unitIds: late.map((u) => u.unit_id),
    },
    userId,
  );
  if (!inspection.ok) throw new Error(`Không tạo được đợt kiểm tra: ${JSON.stringify(inspection)}`);
  const seat = await addTeamMember(db, { inspectionId: inspection.id, officerId: officer.id, role: "lead", replaceLead: false }, userId);
  if (!seat?.ok) throw new Error(`Không xếp được trưởng đoàn: ${JSON.stringify(seat)}`);

  const opened: OneCase[] = [];
  for (const unit of late) {
    const result = await openCaseWithEvidence(
      db,
      ALL,
      {
        inspectionId: inspection.id,
        subject: { unitId: unit.unit_id },
        title: `Chậm giải quyết hồ sơ thủ tục hành chính năm ${year} tại ${unit.name}`,
        source: { kind: "codes", codes: unit.codes },
      },
      userId,
    );
    if (!result.ok) throw new Error(`Không mở được vụ việc về ${unit.name}: ${result.message}`);
    opened.push({ caseId: result.id, caseCode: result.code, evidence: unit.codes.length });
  }
  const bySize = [...opened].sort((a, b) => b.evidence - a.evidence);
  const biggest = bySize[0]!;
  const typical = bySize[Math.floor(bySize.length / 2)]!;
  log(`  ${count(late.length)} vụ việc; lớn nhất ${biggest.caseCode} có ${count(biggest.evidence)} hồ sơ chứng cứ, trung vị ${typical.caseCode} có ${count(typical.evidence)}`);
  return { userId, cases: late.length, biggest, typical };
}

type Server = { baseUrl: string; output: () => string; stop: () => Promise<void> };

/** The built server on a free port against `databaseUrl` (migrated and holding users: it loads no demo). */
export async function startServer(databaseUrl: string): Promise<Server> {
  if (!existsSync(path.join(projectRoot, "build/index.js"))) throw new Error("Chưa có bản build: `npm run bench` tự chạy `npm run build` trước.");
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(path.join(projectRoot, "node_modules/.bin/tsx"), ["app/server.ts"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  // The bench may be interrupted while the server runs: never leave it behind.
  const orphan = () => child.kill("SIGTERM");
  process.once("exit", orphan);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("Máy chủ không khởi động trong 120 giây:\n" + output)), 120_000);
    child.stdout!.on("data", () => {
      if (output.includes("KTCV đang chạy tại")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Máy chủ dừng với mã ${code}:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      await stop();
      process.removeListener("exit", orphan);
    },
  };
}

type Load = { p50: number; p99: number; rps: number; requests: number; byCount: boolean };

/** Completed requests per connection below which a run by duration says little: slow pages run by count instead. */
const MIN_ROUNDS = 5;

/**
 * `seconds` of load, or — for a page whose single request (`singleMs`, measured beforehand) is so slow
 * that fewer than MIN_ROUNDS requests per connection would finish in that time — a fixed
 * MIN_ROUNDS × CONNECTIONS requests, however long they take: a run by duration discards the requests
 * still in flight when it ends, and would report nothing for such a page.
 */
async function load(url: string, cookie: string | null, seconds: number, singleMs: number): Promise<Load> {
  const byCount = (seconds * 1000) / singleMs < MIN_ROUNDS * CONNECTIONS;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    ...(byCount ? { amount: MIN_ROUNDS * CONNECTIONS } : { duration: seconds }),
    timeout: 600,
    headers: cookie ? { cookie } : {},
  });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(`${url}: ${result.errors} lỗi kết nối, ${result.timeouts} quá thời gian, ${result.non2xx} trả lời không phải 2xx.`);
  }
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.total / result.duration, requests: result.requests.total, byCount };
}

const describe = (l: Load) => `p50 ${duration(l.p50)}, p99 ${duration(l.p99)}, ${l.rps < 10 ? l.rps.toFixed(1).replace(".", ",") : count(l.rps)} yêu cầu/s (${count(l.requests)} yêu cầu)`;

export async function measurePages(databaseUrl: string, cases: Cases, year: number, seconds: number, log: (m: string) => void): Promise<Row[]> {
  const cookie = (await createSessionCookie(cases.userId)).split(";")[0]!;
  const server = await startServer(databaseUrl);
  try {
    const pages = [
      { what: `Trang danh sách hồ sơ trễ hạn cả năm (/evidence/dossiers)`, path: `/evidence/dossiers?from=${year}-01-01&to=${year}-12-31`, expect: /Hồ sơ/ },
      { what: `Trang danh sách vụ việc (/cases, ${count(cases.cases)} vụ việc)`, path: "/cases", expect: /KT-\d{4}-\d{4}/ },
      { what: `Trang một vụ việc điển hình (/cases/:id, trung vị: ${count(cases.typical.evidence)} hồ sơ chứng cứ)`, path: `/cases/${cases.typical.caseId}`, expect: new RegExp(cases.typical.caseCode) },
      { what: `Trang vụ việc lớn nhất (/cases/:id, ${count(cases.biggest.evidence)} hồ sơ chứng cứ)`, path: `/cases/${cases.biggest.caseId}`, expect: new RegExp(cases.biggest.caseCode) },
    ];
    const health = await fetch(server.baseUrl + "/healthz");
    if (health.status !== 200 || (await health.text()) !== "ok") throw new Error("/healthz không trả lời «ok».");
    const baseline = await load(server.baseUrl + "/healthz", null, seconds, 1);
    log(`  /healthz: ${describe(baseline)}`);
    const baselineText = `/healthz cùng máy chủ: ${describe(baseline)}`;

    const rows: Row[] = [];
    for (const page of pages) {
      // Twice, checked, before any load: a login redirect or an error page must not be measured as the
      // page. The second (warm) request's time decides how the page is loaded. A page that fails is a
      // row of its own, with what the server wrote on stderr, and the run goes on.
      let singleMs = 0;
      let failure: string | null = null;
      for (let i = 0; i < 2 && !failure; i++) {
        const before = server.output().length;
        const { ms, result: { response, body } } = await timed(async () => {
          const response = await fetch(server.baseUrl + page.path, { headers: { cookie }, redirect: "manual" });
          return { response, body: await response.text() };
        });
        singleMs = ms;
        if (response.status !== 200 || !page.expect.test(body)) {
          failure = `HTTP ${response.status}${response.status === 200 ? ", không phải trang mong đợi" : ""}`;
          log(`  ${page.path}: ${failure}. Máy chủ ghi:\n${server.output().slice(before).slice(-3000)}`);
        }
      }
      if (failure) {
        rows.push({ what: page.what, value: `LỖI: ${failure} sau ${duration(singleMs)}`, baseline: baselineText, ratio: Number.NaN, failed: true });
        continue;
      }
      const before = server.output().length;
      let measured: Load;
      try {
        measured = await load(server.baseUrl + page.path, cookie, seconds, singleMs);
      } catch (error) {
        // Under load too: a page that fails is a row, with what the server wrote, and the run goes on.
        const message = error instanceof Error ? error.message : String(error);
        log(`  ${page.path}: ${message} Máy chủ ghi:\n${server.output().slice(before).slice(-3000)}`);
        rows.push({ what: `${page.what}, ${CONNECTIONS} kết nối`, value: `LỖI dưới tải: ${message.replace(`${server.baseUrl}${page.path}: `, "")} (một yêu cầu đơn lẻ ${duration(singleMs)})`, baseline: baselineText, ratio: Number.NaN, failed: true });
        continue;
      }
      log(`  ${page.path}: ${describe(measured)}`);
      const how = measured.byCount ? `${count(measured.requests)} yêu cầu (trang chậm: ${seconds} s không đủ ${MIN_ROUNDS} lượt mỗi kết nối)` : `trong ${seconds} s`;
      rows.push({
        what: `${page.what}, ${CONNECTIONS} kết nối, ${how}`,
        value: `${describe(measured)}; một yêu cầu đơn lẻ ${duration(singleMs)}`,
        baseline: baselineText,
        ratio: measured.p50 / baseline.p50,
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}
