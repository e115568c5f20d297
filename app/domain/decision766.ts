// Decision 766/QĐ-TTg (2022), group "Tiến độ, kết quả giải quyết" (progress and results): 20 of the
// index's 100 points. A unit's share is its on-time rate measured against a threshold the province
// sets, and it earns all 20 points at or above the threshold:
//   score = 20 × min(on-time rate ÷ threshold, 1).
// A unit with no counted dossier in the period has no rate and no score (not zero: nothing was late).
// The 20 points are the law's; the threshold is data (app_setting 'decision766.progress_threshold').

export const PROGRESS_MAX_POINTS = 20;

/** The threshold when none is set: 100%, i.e. the score is the on-time rate scaled to 20 points. */
export const DEFAULT_PROGRESS_THRESHOLD = 100;

/** The formula as the dashboard states it, in words. */
export function progressFormulaText(threshold: number): string {
  return (
    `Điểm "Tiến độ, kết quả giải quyết" (Quyết định 766/QĐ-TTg) = ${PROGRESS_MAX_POINTS} × min(tỷ lệ hồ sơ đúng hạn ÷ ngưỡng ${formatPercentNumber(threshold)}; 1). ` +
    `Đơn vị đạt tỷ lệ đúng hạn từ ${formatPercentNumber(threshold)} trở lên được đủ ${PROGRESS_MAX_POINTS} điểm; thấp hơn thì được điểm theo tỷ lệ. ` +
    `Tỷ lệ đúng hạn = số hồ sơ đúng hạn ÷ số hồ sơ được tính (không tính hồ sơ bị từ chối, rút).`
  );
}

/** A threshold is a percentage in (0, 100]. */
export function isValidThreshold(value: number): boolean {
  return Number.isFinite(value) && value > 0 && value <= 100;
}

/**
 * Reads a threshold typed by a person: "80", "80,5" (Vietnamese decimal comma), "80.5" or "80%",
 * at most two decimals. Null when it is not a percentage in (0, 100].
 */
export function parseThreshold(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!match) return null;
  const value = Number(`${match[1]}.${match[2] ?? "0"}`);
  return isValidThreshold(value) ? value : null;
}

/** The on-time rate as a fraction in [0, 1], or null when nothing was counted. */
export function onTimeRate(onTime: number, counted: number): number | null {
  return counted > 0 ? onTime / counted : null;
}

/**
 * The progress score, 0–20, unrounded. Computed as one division of integers-times-constants so that
 * round cases stay exact (7 of 10 on time against 80% is 17.5, not 17.499…).
 */
export function progressScore(onTime: number, counted: number, threshold: number): number | null {
  if (counted <= 0) return null;
  if (!isValidThreshold(threshold)) throw new RangeError(`Ngưỡng ${threshold} nằm ngoài khoảng (0, 100].`);
  return Math.min(PROGRESS_MAX_POINTS, (PROGRESS_MAX_POINTS * 100 * onTime) / (threshold * counted));
}

/** Rounds half away from zero to two decimals (points and percentages as published). */
export function round2(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value) * 100 + Number.EPSILON * 100) / 100;
}

/**
 * The on-time rate in percent with two decimals, for tables and CSV. Rounding never reaches 100 while
 * one dossier is late, nor 0 while one is on time: a report must not read "100%" over a late dossier.
 */
export function ratePercent(onTime: number, counted: number): number | null {
  if (counted <= 0) return null;
  const value = round2((100 * onTime) / counted);
  if (onTime < counted && value >= 100) return 99.99;
  if (onTime > 0 && value <= 0) return 0.01;
  return value;
}

const percentNumber = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

/** A percentage already in percent (85.71) as Vietnamese text: "85,71%". */
export function formatPercentNumber(value: number): string {
  return `${percentNumber.format(value)}%`;
}

/** The on-time rate as Vietnamese text ("85,71%"), or "—" when nothing was counted. */
export function formatRate(onTime: number, counted: number): string {
  const value = ratePercent(onTime, counted);
  return value === null ? "—" : formatPercentNumber(value);
}

/** Points with at most two decimals, Vietnamese decimal comma ("17,5"), or "—" when there is no score. */
export function formatPoints(points: number | null): string {
  return points === null ? "—" : percentNumber.format(round2(points));
}
