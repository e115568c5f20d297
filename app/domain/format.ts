// Display formats of the house style: dates dd/MM/yyyy and times HH:mm in Vietnam time (UTC+7 all
// year: Vietnam has no daylight saving), numbers with Vietnamese separators.
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

function vnParts(value: Date | string) {
  const date = typeof value === "string" ? new Date(value) : value;
  const shifted = new Date(date.getTime() + VN_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    day: pad(shifted.getUTCDate()),
    month: pad(shifted.getUTCMonth() + 1),
    year: String(shifted.getUTCFullYear()),
    hours: pad(shifted.getUTCHours()),
    minutes: pad(shifted.getUTCMinutes()),
  };
}

/** An instant as dd/MM/yyyy in Vietnam time. */
export function formatDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatIsoDate(value);
  const p = vnParts(value);
  return `${p.day}/${p.month}/${p.year}`;
}

/** An instant as dd/MM/yyyy HH:mm in Vietnam time. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const p = vnParts(value);
  return `${p.day}/${p.month}/${p.year} ${p.hours}:${p.minutes}`;
}

/** A calendar date 'yyyy-MM-dd' as dd/MM/yyyy (no time zone involved). */
export function formatIsoDate(value: string | null | undefined): string {
  if (!value) return "";
  const [y, m, d] = value.split("-");
  return `${d}/${m}/${y}`;
}

const numberFormat = new Intl.NumberFormat("vi-VN");
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** Today's date in Vietnam as yyyy-MM-dd. */
export function todayInVietnam(now = new Date()): string {
  const p = vnParts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Parses dd/MM/yyyy or yyyy-MM-dd into yyyy-MM-dd, or null when it is not a real date. */
export function parseDateInput(input: string): string | null {
  const text = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
