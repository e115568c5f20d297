import { describe, expect, it } from "vitest";
import {
  DEFAULT_PROGRESS_THRESHOLD,
  formatPoints,
  formatRate,
  parseThreshold,
  progressFormulaText,
  progressScore,
  ratePercent,
} from "../../app/domain/decision766.js";

describe("the Decision 766 progress score", () => {
  it("against a 100% threshold is the on-time rate scaled to 20 points", () => {
    expect(DEFAULT_PROGRESS_THRESHOLD).toBe(100);
    expect(progressScore(10, 10, 100)).toBe(20);
    expect(progressScore(9, 10, 100)).toBe(18);
    expect(progressScore(7, 10, 100)).toBe(14);
    expect(progressScore(0, 4, 100)).toBe(0);
    expect(progressScore(51, 60, 100)).toBe(17);
    expect(progressScore(2, 3, 100)).toBeCloseTo(13.3333333, 6);
  });

  it("against an 80% threshold gives full points from 80% on time and a share below it", () => {
    expect(progressScore(8, 10, 80)).toBe(20);
    expect(progressScore(9, 10, 80)).toBe(20);
    expect(progressScore(10, 10, 80)).toBe(20);
    expect(progressScore(7, 10, 80)).toBe(17.5);
    expect(progressScore(6, 10, 80)).toBe(15);
    expect(progressScore(1, 4, 80)).toBe(6.25);
    expect(progressScore(0, 10, 80)).toBe(0);
  });

  it("is absent, not zero, for a unit with nothing counted", () => {
    expect(progressScore(0, 0, 100)).toBeNull();
    expect(formatPoints(null)).toBe("—");
  });

  it("refuses a threshold outside (0, 100]", () => {
    expect(() => progressScore(1, 2, 0)).toThrow(RangeError);
    expect(() => progressScore(1, 2, 100.5)).toThrow(RangeError);
  });

  it("is shown with a Vietnamese decimal comma and at most two decimals", () => {
    expect(formatPoints(17.5)).toBe("17,5");
    expect(formatPoints(progressScore(2, 3, 100))).toBe("13,33");
    expect(formatPoints(20)).toBe("20");
  });

  it("states its formula in words with the threshold in force", () => {
    expect(progressFormulaText(80)).toContain("20 × min(tỷ lệ hồ sơ đúng hạn ÷ ngưỡng 80%; 1)");
    expect(progressFormulaText(92.5)).toContain("từ 92,5% trở lên được đủ 20 điểm");
  });
});

describe("a threshold typed by an admin", () => {
  it("accepts whole numbers, a decimal comma or point, and a percent sign", () => {
    expect(parseThreshold("80")).toBe(80);
    expect(parseThreshold(" 92,5 ")).toBe(92.5);
    expect(parseThreshold("92.25")).toBe(92.25);
    expect(parseThreshold("100%")).toBe(100);
  });

  it("refuses zero, more than 100, negative numbers, three decimals and words", () => {
    for (const text of ["0", "0,0", "100,01", "101", "-5", "80,125", "tám mươi", ""]) expect(parseThreshold(text)).toBeNull();
  });
});

describe("the on-time rate", () => {
  it("is a Vietnamese percentage with two decimals", () => {
    expect(formatRate(6, 7)).toBe("85,71%");
    expect(formatRate(1, 2)).toBe("50%");
    expect(formatRate(10, 10)).toBe("100%");
    expect(ratePercent(2, 3)).toBe(66.67);
  });

  it("never reads 100% while a dossier is late, nor 0% while one is on time", () => {
    expect(ratePercent(99_999, 100_000)).toBe(99.99);
    expect(formatRate(99_999, 100_000)).toBe("99,99%");
    expect(ratePercent(1, 100_000)).toBe(0.01);
    expect(ratePercent(0, 5)).toBe(0);
  });

  it("is a dash when nothing was counted", () => {
    expect(formatRate(0, 0)).toBe("—");
    expect(ratePercent(0, 0)).toBeNull();
  });
});
