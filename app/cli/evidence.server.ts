// Evidence commands of the command line: import, import-calendar, overdue (spec/evidence-import.md).
import { getDb } from "../../db/index.js";
import { parseCalendarDate, parseInstant } from "../domain/instants.js";
import { importCalendar, importEvidence, summariseEvidenceImport } from "../models/evidence-import.server.js";
import { overdueExport } from "../models/overdue.server.js";
import { CliError, type Command } from "./command.js";
import { formatReport, readInput } from "./org.server.js";

function progressPrinter() {
  let shown = -1;
  return ({ phase, done, total }: { phase: string; done: number; total: number }) => {
    if (phase !== "write" || total < 20_000) return;
    const tenth = Math.floor((done / total) * 10);
    if (tenth > shown) {
      shown = tenth;
      process.stderr.write(`Đang ghi: ${Math.round((done / total) * 100)}% (${done}/${total} dòng)\n`);
    }
  };
}

export const COMMANDS: Record<string, Command> = {
  import: {
    summary: "Nhập hồ sơ (dossiers.csv) cùng các bước xử lý (steps.csv) và sự kiện bổ sung (events.csv)",
    usage: "import --dossiers <dossiers.csv> [--steps <steps.csv>] [--events <events.csv>]",
    options: { dossiers: { type: "string" }, steps: { type: "string" }, events: { type: "string" } },
    run: async ({ values }) => {
      if (values.dossiers === undefined && values.steps === undefined && values.events === undefined) {
        throw new CliError("Cần ít nhất một tệp: --dossiers, --steps hoặc --events.");
      }
      const [dossiers, steps, events] = await Promise.all([
        readInput("dossiers", values.dossiers),
        readInput("steps", values.steps),
        readInput("events", values.events),
      ]);
      const result = await importEvidence(getDb(), { dossiers, steps, events, userId: null, onProgress: progressPrinter() });
      if (!result.ok) throw new CliError(formatReport(result.errors));
      return `Đã nhập (lô ${result.batchId}): ${summariseEvidenceImport(result.counts)}.`;
    },
  },
  "import-calendar": {
    summary: "Nhập lịch ngày nghỉ, ngày làm bù (calendar.csv); thay các năm có trong tệp",
    usage: "import-calendar <calendar.csv>",
    allowPositionals: true,
    run: async ({ positionals }) => {
      if (positionals.length !== 1) throw new CliError("Cần đúng một tệp lịch: npm run ktcv -- import-calendar calendar.csv");
      const file = (await readInput("calendar", positionals[0]))!;
      const result = await importCalendar(getDb(), { file, userId: null });
      if (!result.ok) throw new CliError(formatReport(result.errors));
      return `Đã nhập lịch năm ${result.years.join(", ")}: ${result.holidays} ngày nghỉ, ${result.workdays} ngày làm bù (lô ${result.batchId}).`;
    },
  },
  overdue: {
    summary: "Xuất overdue.csv: hồ sơ có hạn trả trong kỳ, trễ hay không, ra stdout",
    usage: "overdue --from yyyy-MM-dd --to yyyy-MM-dd [--as-of <thời điểm>]",
    options: { from: { type: "string" }, to: { type: "string" }, "as-of": { type: "string" } },
    run: async ({ values }) => {
      const date = (name: "from" | "to") => {
        const text = values[name];
        if (typeof text !== "string") throw new CliError(`Thiếu --${name} (dạng yyyy-MM-dd).`);
        const parsed = parseCalendarDate(text);
        if (!parsed.ok) throw new CliError(`--${name}: ${parsed.message}`);
        return parsed.value;
      };
      const period = { from: date("from"), to: date("to") };
      if (period.to < period.from) throw new CliError("--to phải không trước --from.");
      let asOf = Date.now();
      if (typeof values["as-of"] === "string") {
        const parsed = parseInstant(values["as-of"]);
        if (!parsed.ok) throw new CliError(`--as-of: ${parsed.message}`);
        asOf = parsed.value;
      }
      process.stdout.write(await overdueExport(getDb(), period, asOf));
    },
  },
};
