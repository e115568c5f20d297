// The generator command of the command line: writes a realistic evidence set (the whole CSV family of
// spec/evidence-import.md) into a directory, streaming, so that a million dossiers fit in little memory.
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import { WorkCalendar } from "../domain/calendar.js";
import {
  CALENDAR_YEARS,
  FILE_HEADERS,
  GENERATED_FILES,
  createEvidenceGenerator,
  csvLine,
  type GenerateOptions,
  type GeneratedFile,
  type GenerationStats,
} from "../domain/generator.js";
import { seededVnCalendarExceptions } from "../domain/holidays-vn.js";
import { dayNumberOfDate, parseCalendarDate, type CalendarDate } from "../domain/instants.js";
import { CliError, type Command } from "./command.js";

const USAGE =
  "generate --dossiers <số hồ sơ> --out <thư mục> [--seed <số nguyên>] [--from yyyy-MM-dd] [--to yyyy-MM-dd]\n" +
  "    mặc định: --seed 1, hồ sơ tiếp nhận trong cả năm trước năm hiện tại";

const MAX_DOSSIERS = 20_000_000;
/** Below this, generation takes a second or two and progress lines would only be noise. */
export const PROGRESS_FROM = 50_000;

const number = (n: number) => new Intl.NumberFormat("vi-VN").format(n);
const percent = (x: number) => new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x * 100) + "%";
const vnDate = (date: CalendarDate) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

export interface GenerateFilesOptions extends GenerateOptions {
  out: string;
}

function readDate(option: "from" | "to", value: unknown): CalendarDate | undefined {
  if (value === undefined) return undefined;
  const parsed = parseCalendarDate(String(value));
  const label = option === "from" ? "Ngày bắt đầu (--from)" : "Ngày kết thúc (--to)";
  if (!parsed.ok) throw new CliError(`${label} không hợp lệ: "${String(value)}" (cần một ngày có thật, dạng yyyy-MM-dd, ví dụ 2025-01-01).`);
  return parsed.value;
}

/**
 * The command's options, checked, with the defaults filled in. The default period is the whole year
 * before `currentYear`, which the caller passes: the generator itself never reads the clock.
 */
export function readGenerateOptions(values: Record<string, unknown>, currentYear: number): GenerateFilesOptions {
  const out = typeof values.out === "string" ? values.out.trim() : "";
  if (!out) throw new CliError(`Thiếu thư mục đầu ra (--out).\nCách dùng: npm run ktcv -- ${USAGE}`);
  if (values.dossiers === undefined) throw new CliError(`Thiếu số hồ sơ cần sinh (--dossiers).\nCách dùng: npm run ktcv -- ${USAGE}`);
  const dossiersText = String(values.dossiers).trim();
  const dossiers = Number(dossiersText);
  if (!/^\d+$/.test(dossiersText) || dossiers < 1 || dossiers > MAX_DOSSIERS) {
    throw new CliError(`Số hồ sơ (--dossiers) phải là một số nguyên từ 1 đến ${number(MAX_DOSSIERS)}, không phải "${dossiersText}".`);
  }
  const seedText = values.seed === undefined ? "1" : String(values.seed).trim();
  const seed = Number(seedText);
  if (!/^\d+$/.test(seedText) || seed > 0xffffffff) {
    throw new CliError(`Hạt giống (--seed) phải là một số nguyên từ 0 đến ${number(0xffffffff)}, không phải "${seedText}".`);
  }
  let from = readDate("from", values.from);
  let to = readDate("to", values.to);
  // One bound alone means the rest of its year.
  if (from === undefined && to === undefined) {
    from = `${currentYear - 1}-01-01`;
    to = `${currentYear - 1}-12-31`;
  }
  from ??= `${to!.slice(0, 4)}-01-01`;
  to ??= `${from.slice(0, 4)}-12-31`;
  if (to < from) throw new CliError(`Ngày kết thúc (--to) ${vnDate(to)} trước ngày bắt đầu (--from) ${vnDate(from)}.`);
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  if (first < CALENDAR_YEARS.first || last > CALENDAR_YEARS.last) {
    throw new CliError(
      `Lịch ngày làm việc có sẵn chỉ gồm các năm ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}; ` +
        `khoảng thời gian ${vnDate(from)}–${vnDate(to)} phải nằm trong các năm đó.`,
    );
  }
  const calendar = WorkCalendar.fromExceptions(seededVnCalendarExceptions());
  if (calendar.workingDaysBetweenDayNumbers(dayNumberOfDate(from) - 1, dayNumberOfDate(to)) === 0) {
    throw new CliError(`Từ ${vnDate(from)} đến ${vnDate(to)} không có ngày làm việc nào để tiếp nhận hồ sơ; hãy chọn khoảng thời gian dài hơn.`);
  }
  return { out, dossiers, seed, from, to };
}

function lines(rows: Iterable<string[]>): string {
  let text = "";
  for (const row of rows) text += csvLine(row);
  return text;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (text.length > 0 && !stream.write(text)) await once(stream, "drain");
}

/**
 * Writes the six files into `out` and returns what was written. Streams have backpressure: a day's
 * dossiers are handed over, and the next day is generated only when the disk has caught up.
 */
export async function generateFiles(
  options: GenerateFilesOptions,
  report: { progress?: (message: string) => void } = {},
): Promise<{ stats: GenerationStats; files: Record<GeneratedFile, string> }> {
  try {
    await mkdir(options.out, { recursive: true });
  } catch (error) {
    throw new CliError(`Không tạo được thư mục đầu ra "${options.out}": ${(error as Error).message}`);
  }
  const files = Object.fromEntries(GENERATED_FILES.map((f) => [f, path.join(options.out, `${f}.csv`)])) as Record<GeneratedFile, string>;
  const streams = Object.fromEntries(
    GENERATED_FILES.map((f) => [f, createWriteStream(files[f], { encoding: "utf8", highWaterMark: 1 << 20 })]),
  ) as Record<GeneratedFile, WriteStream>;
  let failure: Error | null = null;
  for (const stream of Object.values(streams)) stream.on("error", (error) => (failure ??= error));

  try {
    const generator = createEvidenceGenerator(options);
    for (const f of GENERATED_FILES) await write(streams[f], csvLine(FILE_HEADERS[f]));
    await write(streams.units, lines(generator.unitRows()));
    await write(streams.officers, lines(generator.officerRows()));

    const total = options.dossiers;
    const everyTenth = total >= PROGRESS_FROM ? Math.ceil(total / 10) : Number.POSITIVE_INFINITY;
    let done = 0;
    let nextReport = everyTenth;
    for (const chunk of generator.dossierChunks()) {
      if (failure) throw failure;
      await Promise.all([write(streams.dossiers, chunk.dossiers), write(streams.steps, chunk.steps), write(streams.events, chunk.events)]);
      done += chunk.count;
      while (done >= nextReport && nextReport <= total) {
        report.progress?.(`Đã sinh ${number(done)}/${number(total)} hồ sơ (${Math.round((done / total) * 100)}%, đến ngày ${vnDate(chunk.date)})…`);
        nextReport += everyTenth;
      }
    }
    await write(streams.calendar, lines(generator.calendarRows()));
    for (const stream of Object.values(streams)) stream.end();
    await Promise.all(Object.values(streams).map((s) => finished(s)));
    if (failure) throw failure;
    return { stats: generator.stats, files };
  } catch (error) {
    for (const stream of Object.values(streams)) stream.destroy();
    if (error instanceof CliError) throw error;
    throw new CliError(`Không ghi được các tệp vào thư mục "${options.out}": ${(error as Error).message}`);
  }
}

const STATUS_WORDS: [keyof GenerationStats["byStatus"], string][] = [
  ["returned", "đã trả kết quả"],
  ["finished", "đã xử lý xong"],
  ["processing", "đang xử lý"],
  ["supplement", "chờ bổ sung"],
  ["stopped", "dừng xử lý"],
  ["refused", "từ chối"],
  ["withdrawn", "rút hồ sơ"],
];

/** What the operator reads: every file with its count, and the late share the product will compute. */
export function summariseGeneration(options: GenerateFilesOptions, stats: GenerationStats): string {
  const statuses = STATUS_WORDS.filter(([k]) => stats.byStatus[k] > 0).map(([k, word]) => `${number(stats.byStatus[k])} ${word}`);
  const years = stats.calendarYears ? `năm ${stats.calendarYears[0]}–${stats.calendarYears[1]}` : "";
  const share = stats.counted > 0 ? percent(stats.late / stats.counted) : "0,00%";
  return [
    `Đã sinh dữ liệu mô phỏng vào thư mục ${options.out} (hạt giống ${options.seed}, hồ sơ tiếp nhận từ ${vnDate(options.from)} đến ${vnDate(options.to)}):`,
    `  units.csv      ${number(stats.units)} đơn vị`,
    `  officers.csv   ${number(stats.officers)} cán bộ (${number(stats.officerRows)} dòng quá trình công tác)`,
    `  dossiers.csv   ${number(stats.dossiers)} hồ sơ: ${statuses.join(", ")}`,
    `  steps.csv      ${number(stats.steps)} bước xử lý`,
    `  events.csv     ${number(stats.events)} sự kiện yêu cầu, hoàn thành bổ sung hồ sơ`,
    `  calendar.csv   ${number(stats.calendarDays)} ngày nghỉ lễ, ngày làm bù (${years})`,
    `Hồ sơ trễ hạn tính đến 23:59:59 ngày ${vnDate(options.to)}: ${number(stats.late)} trên ${number(stats.counted)} hồ sơ được tính (${share}).`,
  ].join("\n");
}

export const COMMANDS: Record<string, Command> = {
  generate: {
    database: false,
    summary: "Sinh bộ tệp CSV mô phỏng (đơn vị, cán bộ, hồ sơ, bước xử lý, bổ sung, lịch) để thử nghiệm",
    usage: USAGE,
    options: {
      dossiers: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
    },
    run: async ({ values }) => {
      // The only clock reading: which year is "last year" in Vietnam. Everything generated follows from the options.
      const options = readGenerateOptions(values, new Date(Date.now() + 7 * 3600_000).getUTCFullYear());
      const { stats } = await generateFiles(options, { progress: (m) => console.error(m) });
      return summariseGeneration(options, stats);
    },
  },
};
