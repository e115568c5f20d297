// Organisation commands of the command line: import-org.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getDb } from "../../db/index.js";
import { formatIssue } from "../domain/csv.js";
import { importOrganisation, type OrgImportError, type UploadedFile } from "../models/org-import.server.js";
import { CliError, type Command } from "./command.js";

const USAGE = "import-org [--units <units.csv>] [--officers <officers.csv>]   (cần ít nhất một tệp)";

export async function readInput(option: string, value: unknown): Promise<UploadedFile | undefined> {
  if (value === undefined) return undefined;
  const file = String(value);
  try {
    return { fileName: path.basename(file), bytes: await readFile(file) };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "không tồn tại" : "không đọc được";
    throw new CliError(`Tệp "${file}" (--${option}) ${reason}.`);
  }
}

/** The rejection report: every problem, grouped by file, one `Dòng N, cột X: …` line each. */
export function formatReport(errors: OrgImportError[]): string {
  const lines: string[] = [];
  let current: string | null = null;
  for (const error of errors) {
    if (error.file !== current) {
      current = error.file;
      lines.push(`Tệp ${current}:`);
    }
    lines.push(formatIssue(error));
  }
  const rows = new Set(errors.map((e) => `${e.file}:${e.line}`)).size;
  lines.push(`Từ chối nhập: ${errors.length} lỗi ở ${rows} dòng. Không có dữ liệu nào được ghi; hãy sửa tệp rồi nhập lại.`);
  return lines.join("\n");
}

export const COMMANDS: Record<string, Command> = {
  "import-org": {
    summary: "Nhập danh sách đơn vị (units.csv) và cán bộ (officers.csv)",
    usage: USAGE,
    options: { units: { type: "string" }, officers: { type: "string" } },
    run: async ({ values }) => {
      if (values.units === undefined && values.officers === undefined) {
        throw new CliError(`Cần ít nhất một tệp: --units hoặc --officers.\nCách dùng: npm run ktcv -- ${USAGE}`);
      }
      const units = await readInput("units", values.units);
      const officers = await readInput("officers", values.officers);
      const result = await importOrganisation(getDb(), { units, officers, userId: null });
      if (!result.ok) throw new CliError(formatReport(result.errors));
      return `Đã nhập dữ liệu tổ chức (lần nhập số ${result.batchId}). ${result.summary}`;
    },
  },
};
