// Backup and restore commands: `npm run ktcv -- backup <file>` and `restore <file>` (app/models/backup.server.ts).
import { access } from "node:fs/promises";
import path from "node:path";
import { getPool } from "../../db/index.js";
import { backupDatabase, RestoreError, restoreDatabase } from "../models/backup.server.js";
import { CliError, type Command } from "./command.js";

const fileArgument = (positionals: string[], usage: string): string => {
  if (positionals.length !== 1) throw new CliError(`Cần đúng một tên tệp.\nCách dùng: npm run ktcv -- ${usage}`);
  return path.resolve(positionals[0]!);
};

export const COMMANDS: Record<string, Command> = {
  backup: {
    summary: "Sao lưu toàn bộ cơ sở dữ liệu vào một tệp (nén gzip, có mã kiểm tra SHA-256)",
    usage: "backup <tệp.ktcv.gz>",
    allowPositionals: true,
    run: async ({ positionals }) => {
      const file = fileArgument(positionals, "backup <tệp.ktcv.gz>");
      const s = await backupDatabase(getPool(), file);
      return `Đã sao lưu ${s.tables} bảng, ${s.rows.toLocaleString("vi-VN")} dòng vào ${file} (SHA-256 ${s.sha256}).`;
    },
  },
  restore: {
    summary: "Khôi phục bản sao lưu vào cơ sở dữ liệu trống (tất cả hoặc không gì)",
    usage: "restore <tệp.ktcv.gz>",
    allowPositionals: true,
    run: async ({ positionals }) => {
      const file = fileArgument(positionals, "restore <tệp.ktcv.gz>");
      try {
        await access(file);
      } catch {
        throw new CliError(`Tệp "${file}" không tồn tại hoặc không đọc được.`);
      }
      try {
        const r = await restoreDatabase(getPool(), file);
        return `Đã khôi phục ${r.tables} bảng, ${r.rows.toLocaleString("vi-VN")} dòng từ ${file}.`;
      } catch (error) {
        if (error instanceof RestoreError) throw new CliError(`Không khôi phục: ${error.message}`);
        if ((error as { code?: string }).code === "Z_DATA_ERROR" || (error as { code?: string }).code === "Z_BUF_ERROR") throw new CliError("Không khôi phục: tệp không phải bản sao lưu KTCV (không giải nén được).");
        throw error;
      }
    },
  },
};
