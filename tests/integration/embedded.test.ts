// The embedded PostgreSQL recovers on its own after a hard kill of the process that ran it.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../db/embedded.js";
import { projectRoot } from "../../db/runtime.js";

const dir = await mkdtemp(path.join(os.tmpdir(), "ktcv-embedded-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the embedded PostgreSQL", () => {
  it("starts after its owner was killed with SIGKILL, stopping the orphaned postmaster, and keeps the data", async () => {
    // A separate process starts the cluster, writes a row, and is then killed without any chance to stop it.
    // One node process (not the tsx wrapper, which would relay signals to a child of its own).
    const child = spawn(process.execPath, ["--import", "tsx", "tests/setup/embedded-owner.ts", dir], {
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (d) => String(d).includes("READY") && resolve());
      child.on("exit", (code) => reject(new Error(`child exited ${code}`)));
    });
    const pidFile = path.join(dir, "pg", "postmaster.pid");
    const orphan = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(isAlive(orphan)).toBe(true); // the postmaster outlives its owner

    const server = await startEmbeddedPostgres({ dir });
    try {
      expect(isAlive(orphan)).toBe(false);
      expect(await query(server.url(), "select note from kept")).toEqual([{ note: "còn nguyên" }]);
    } finally {
      await server.stop();
    }
  });

  it("starts over a stale postmaster.pid left by a crash of the whole machine", async () => {
    const pidFile = path.join(dir, "pg", "postmaster.pid");
    expect(existsSync(pidFile)).toBe(false);
    // A PID that is certainly not a postgres serving this directory: our own.
    await writeFile(pidFile, `${process.pid}\n${path.join(dir, "pg")}\n1700000000\n5999\n\n127.0.0.1\n 0 0\nready\n`);
    const server = await startEmbeddedPostgres({ dir });
    try {
      expect(await query(server.url(), "select count(*)::int as n from kept")).toEqual([{ n: 1 }]);
    } finally {
      await server.stop();
    }
  });
});
