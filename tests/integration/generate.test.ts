import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../db/runtime.js";
import { CliError } from "../../app/cli/command.js";
import { COMMANDS, generateFiles, PROGRESS_FROM, readGenerateOptions } from "../../app/cli/generate.server.js";
import { GENERATED_FILES } from "../../app/domain/generator.js";
import { checkOrganisationFiles } from "../../app/domain/org-import.js";
import { runCli } from "../cli.js";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "ktcv-generate-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const generate = COMMANDS.generate!;
const run = (values: Record<string, string>) => generate.run({ values, positionals: [] });

function refusal(values: Record<string, unknown>, currentYear = 2026): string {
  try {
    readGenerateOptions(values, currentYear);
  } catch (error) {
    if (error instanceof CliError) return error.message;
    throw error;
  }
  throw new Error("accepted");
}

describe("the generate command's options", () => {
  it("default to seed 1 and the whole year before the current one", () => {
    expect(readGenerateOptions({ dossiers: "10", out: "x" }, 2026)).toEqual({ out: "x", dossiers: 10, seed: 1, from: "2025-01-01", to: "2025-12-31" });
    expect(readGenerateOptions({ dossiers: "10", out: "x", from: "2024-03-01" }, 2026)).toMatchObject({ from: "2024-03-01", to: "2024-12-31" });
    expect(readGenerateOptions({ dossiers: "10", out: "x", to: "2024-06-30", seed: "0" }, 2026)).toMatchObject({ from: "2024-01-01", to: "2024-06-30", seed: 0 });
  });

  it("are refused with a Vietnamese message saying what is wrong", () => {
    expect(refusal({ dossiers: "10" })).toContain("Thiếu thư mục đầu ra (--out).");
    expect(refusal({ out: "x" })).toContain("Thiếu số hồ sơ cần sinh (--dossiers).");
    expect(refusal({ out: "x", dossiers: "abc" })).toBe('Số hồ sơ (--dossiers) phải là một số nguyên từ 1 đến 20.000.000, không phải "abc".');
    expect(refusal({ out: "x", dossiers: "0" })).toContain("phải là một số nguyên từ 1");
    expect(refusal({ out: "x", dossiers: "1e5" })).toContain('không phải "1e5"');
    expect(refusal({ out: "x", dossiers: "10", seed: "-3" })).toBe('Hạt giống (--seed) phải là một số nguyên từ 0 đến 4.294.967.295, không phải "-3".');
    expect(refusal({ out: "x", dossiers: "10", from: "2025-02-30" })).toContain('Ngày bắt đầu (--from) không hợp lệ: "2025-02-30"');
    expect(refusal({ out: "x", dossiers: "10", to: "31/12/2025" })).toContain('Ngày kết thúc (--to) không hợp lệ: "31/12/2025"');
    expect(refusal({ out: "x", dossiers: "10", from: "2025-06-01", to: "2025-05-01" })).toBe("Ngày kết thúc (--to) 01/05/2025 trước ngày bắt đầu (--from) 01/06/2025.");
    expect(refusal({ out: "x", dossiers: "10", from: "2018-01-01", to: "2018-12-31" })).toContain("Lịch ngày làm việc có sẵn chỉ gồm các năm 2019–2027");
    // 30–31/08/2025 was a weekend, 01–02/09/2025 the National Day holiday.
    expect(refusal({ out: "x", dossiers: "10", from: "2025-08-30", to: "2025-08-31" })).toContain("không có ngày làm việc nào");
    expect(refusal({ out: "x", dossiers: "10", from: "2025-09-01", to: "2025-09-02" })).toContain("không có ngày làm việc nào");
  });
});

describe("generating into a directory", () => {
  it("writes the six files and reports their counts and the late share in Vietnamese", async () => {
    const out = path.join(tmp, "a");
    const summary = await run({ dossiers: "1500", seed: "21", out, from: "2025-01-01", to: "2025-12-31" });
    expect(summary).toContain(`Đã sinh dữ liệu mô phỏng vào thư mục ${out} (hạt giống 21, hồ sơ tiếp nhận từ 01/01/2025 đến 31/12/2025):`);
    expect(summary).toContain("1.500 hồ sơ:");
    expect(summary).toMatch(/Hồ sơ trễ hạn tính đến 23:59:59 ngày 31\/12\/2025: [\d.]+ trên [\d.]+ hồ sơ được tính \(\d,\d\d%\)\./);
    for (const f of GENERATED_FILES) expect(existsSync(path.join(out, `${f}.csv`)), f).toBe(true);
    const dossiers = await readFile(path.join(out, "dossiers.csv"), "utf8");
    expect(dossiers.startsWith("dossier_code,procedure_code,procedure_name,unit_code,received_at,due_at,finished_at,status,channel,apology_at,rescheduled_due_at\n")).toBe(true);
    expect(dossiers.trimEnd().split("\n")).toHaveLength(1501);
    expect(dossiers.endsWith("\n")).toBe(true);
    const units = await readFile(path.join(out, "units.csv"));
    const officers = await readFile(path.join(out, "officers.csv"));
    expect(checkOrganisationFiles({ units, officers, existingUnits: new Map() }).errors).toEqual([]);
    const steps = (await readFile(path.join(out, "steps.csv"), "utf8")).trimEnd().split("\n").length - 1;
    expect(summary).toContain(`${new Intl.NumberFormat("vi-VN").format(steps)} bước xử lý`);
  });

  it("gives the same bytes for the same seed, and replaces what a directory held", async () => {
    const a = path.join(tmp, "same-1");
    const b = path.join(tmp, "same-2");
    await run({ dossiers: "800", seed: "4", out: a, from: "2024-01-01", to: "2024-12-31" });
    await mkdir(b);
    await writeFile(path.join(b, "dossiers.csv"), "tệp cũ, sẽ bị ghi đè\n".repeat(10_000));
    await run({ dossiers: "800", seed: "4", out: b, from: "2024-01-01", to: "2024-12-31" });
    for (const f of GENERATED_FILES) {
      expect((await readFile(path.join(a, `${f}.csv`))).equals(await readFile(path.join(b, `${f}.csv`))), f).toBe(true);
    }
  });

  it("reports progress every tenth of a large run", async () => {
    const messages: string[] = [];
    const { stats } = await generateFiles(
      { out: path.join(tmp, "large"), dossiers: PROGRESS_FROM, seed: 2, from: "2025-01-01", to: "2025-12-31" },
      { progress: (m) => messages.push(m) },
    );
    expect(stats.dossiers).toBe(PROGRESS_FROM);
    expect(messages).toHaveLength(10);
    expect(messages[0]).toMatch(/^Đã sinh [\d.]+\/50\.000 hồ sơ \(10%, đến ngày \d\d\/\d\d\/2025\)…$/);
    expect(messages.at(-1)).toMatch(/^Đã sinh 50\.000\/50\.000 hồ sơ \(100%, đến ngày 31\/12\/2025\)…$/);
  });

  it("says so when the output directory cannot be created", async () => {
    const file = path.join(tmp, "a-file");
    await writeFile(file, "");
    await expect(run({ dossiers: "10", out: path.join(file, "sub") })).rejects.toThrow(/^Không tạo được thư mục đầu ra/);
  });
});

// The command runs through app/cli.ts once it is registered there (one line, outside this module).
const registered = readFileSync(path.join(projectRoot, "app/cli.ts"), "utf8").includes("cli/generate.server.js");

describe.runIf(registered)("npm run ktcv -- generate", () => {
  it("writes the files and exits 0, or refuses bad options with exit 1", async () => {
    const out = path.join(tmp, "cli");
    const ok = await runCli(["generate", "--dossiers", "300", "--seed", "8", "--out", out, "--from", "2025-06-01", "--to", "2025-06-30"]);
    expect(ok.stderr).toContain("Đã sinh dữ liệu mô phỏng");
    expect(ok.code).toBe(0);
    for (const f of GENERATED_FILES) expect(existsSync(path.join(out, `${f}.csv`)), f).toBe(true);
    const bad = await runCli(["generate", "--dossiers", "nhiều", "--out", out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Số hồ sơ (--dossiers) phải là một số nguyên từ 1 đến 20.000.000, không phải "nhiều".');
  });
});
