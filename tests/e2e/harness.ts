// Browser tests: the real server (`app/server.ts`, as `npm start` runs it) on this file's database,
// driven by Debian's Chromium through playwright-core.
import AxeBuilder from "@axe-core/playwright";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { freePort } from "../../db/embedded.js";
import { projectRoot } from "../../db/runtime.js";
import { chromiumPath } from "../setup/chromium.js";

export const DEMO_PASSWORD = "Ktcv@2026";
export const hasChromium = chromiumPath() !== null;

export type App = {
  baseUrl: string;
  stop: () => Promise<void>;
  output: () => string;
  /** The server's own process (not a wrapper): a signal sent to it reaches the server itself. */
  process: ChildProcess;
};

export const hasBuild = () => existsSync(path.join(projectRoot, "build/index.js"));

/**
 * Starts the built server on a free port against process.env.DATABASE_URL (it migrates and seeds the
 * demo), or against what `env` says (DATABASE_URL, KTCV_DEMO_DOSSIERS, …).
 */
export async function startApp(options: { env?: Record<string, string> } = {}): Promise<App> {
  if (!hasBuild()) {
    throw new Error("Chưa có bản build: chạy `npm run build` (npm test tự làm việc này) trước các kiểm thử trình duyệt.");
  }
  const port = await freePort();
  let output = "";
  // One node process with tsx loaded into it (not the tsx wrapper, which runs the server as a child of
  // its own): a SIGKILL meant for the server must not leave it running.
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], {
    cwd: projectRoot,
    // A smaller demo year than `npm start` loads: the pages are the same, the start is quicker.
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", KTCV_DEMO_DOSSIERS: "1500", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("Máy chủ không khởi động trong 60 giây:\n" + output)), 60_000);
    const check = () => {
      if (output.includes("KTCV đang chạy tại")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Máy chủ dừng với mã ${code}:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath()!,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** What the browser refused under the content security policy, per page (it must stay empty). */
const cspViolations = new WeakMap<Page, string[]>();

export async function newPage(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: "vi-VN", viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const refused: string[] = [];
  cspViolations.set(page, refused);
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) refused.push(`${page.url()}: ${m.text()}`);
  });
  return { context, page };
}

/** Signs in through the login form, as a person would. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) trên ${page.url()}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(bad).toEqual([]);
  // Every page visited also ran its scripts: nothing was refused by the content security policy.
  expect(cspViolations.get(page) ?? []).toEqual([]);
}
