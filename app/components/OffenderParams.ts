// The parameters of /evidence/offenders: a rolling window of `days` days ending on `to` (today by
// default), and the thresholds `minLate` (late steps per officer) and `maxRate` (on-time rate, %).
// Their defaults come from the settings (app_setting).
import { z } from "zod";
import { parseDateInput } from "../domain/format.js";
import { DAY_MS, vnDate, vnStartOfDay } from "../domain/instants.js";
import { pageFrom } from "../domain/paging.js";
import { asOfFor, type ReportPeriod } from "../domain/period.js";

export type OffenderThresholds = { minLateSteps: number; maxOnTimeRate: number; windowDays: number };

export const OFFENDER_DEFAULTS: OffenderThresholds = { minLateSteps: 3, maxOnTimeRate: 90, windowDays: 90 };

export type OffenderParams = OffenderThresholds & { period: ReportPeriod; officerPage: number; unitPage: number };

const schemas = {
  minLate: z.coerce.number().int().min(1).max(10_000),
  maxRate: z.coerce.number().min(0).max(100),
  days: z.coerce.number().int().min(1).max(3_660),
};

/** The window's first day: `days` days ending on `to`, both counted. */
export function windowStart(to: string, days: number): string {
  return vnDate(vnStartOfDay(to) - (days - 1) * DAY_MS);
}

export function readOffenderParams(
  params: URLSearchParams,
  defaults: OffenderThresholds,
  now: number = Date.now(),
): { params: OffenderParams; problems: string[] } {
  const problems: string[] = [];
  const read = (name: keyof typeof schemas, label: string, fallback: number): number => {
    const text = params.get(name)?.trim();
    if (!text) return fallback;
    const parsed = schemas[name].safeParse(text.replace(",", "."));
    if (parsed.success) return parsed.data;
    problems.push(`${label} "${text.slice(0, 20)}" không hợp lệ; dùng giá trị mặc định ${String(fallback).replace(".", ",")}.`);
    return fallback;
  };
  const minLateSteps = read("minLate", "Số bước trễ tối thiểu", defaults.minLateSteps);
  const maxOnTimeRate = read("maxRate", "Tỷ lệ đúng hạn dưới", defaults.maxOnTimeRate);
  const windowDays = read("days", "Số ngày của khoảng thời gian", defaults.windowDays);
  const today = vnDate(now);
  const toText = params.get("to")?.trim();
  let to = toText ? parseDateInput(toText) : today;
  if (to === null) {
    problems.push(`Đến ngày "${toText!.slice(0, 20)}" không hợp lệ; dùng hôm nay.`);
    to = today;
  }
  const from = windowStart(to, windowDays);
  return {
    params: {
      minLateSteps,
      maxOnTimeRate,
      windowDays,
      period: { from, to, asOf: asOfFor(to, now) },
      officerPage: pageFrom(new URLSearchParams({ page: params.get("opage") ?? "1" })),
      unitPage: pageFrom(new URLSearchParams({ page: params.get("upage") ?? "1" })),
    },
    problems,
  };
}

/** The URL parameters of a window (for links, the CSV and the action). */
export function offenderSearch(p: Pick<OffenderParams, "minLateSteps" | "maxOnTimeRate" | "windowDays" | "period">, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    to: p.period.to,
    days: String(p.windowDays),
    minLate: String(p.minLateSteps),
    maxRate: String(p.maxOnTimeRate),
    ...extra,
  });
  return params.toString();
}
