// Timing and the printed table. Every row of the table is a figure and, measured in the same run on the
// same machine, the baseline it is read against; the ratio is what stays comparable between machines.

/** `failed`: the figure could not be measured (the value says why); the run then ends with exit code 1. */
export type Row = { what: string; value: string; baseline: string; ratio: number; failed?: boolean };

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await fn();
  return { ms: performance.now() - started, result };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of `times` runs, in milliseconds. */
export async function medianMs(times: number, fn: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) runs.push((await timed(fn)).ms);
  return median(runs);
}

const integer = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const count = (n: number) => integer.format(n);

/** "0,8 ms", "412 ms", "3,2 s", "2 phút 05 s". */
export function duration(ms: number): string {
  if (ms < 10) return `${oneDecimal.format(ms)} ms`;
  if (ms < 1000) return `${integer.format(ms)} ms`;
  if (ms < 120_000) return `${oneDecimal.format(ms / 1000)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} phút ${String(s % 60).padStart(2, "0")} s`;
}

export function ratio(r: number): string {
  if (!Number.isFinite(r)) return "—";
  return r < 10 ? `${new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(r)}×` : `${oneDecimal.format(r)}×`;
}

export function markdownTable(rows: Row[]): string {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  return [
    "| Đo lường | Giá trị | Mốc so sánh | Tỉ lệ |",
    "|---|---:|---|---:|",
    ...rows.map((r) => `| ${cell(r.what)} | ${cell(r.value)} | ${cell(r.baseline)} | ${ratio(r.ratio)} |`),
  ].join("\n");
}
