import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export default defineConfig({
  root,
  test: {
    include: ["tests/**/*.test.ts"],
    reporters: ["default", "./tests/setup/summary-reporter.ts"],
    globalSetup: ["tests/setup/global.ts"],
    setupFiles: ["tests/setup/database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    // Browser tests poll the page; under a loaded CI machine a second is too short for a navigation.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
    // Browser tests start a server and Chromium each: two files at a time fit two cores.
    maxWorkers: 2,
  },
});
