import { describe, expect, it } from "vitest";
import { formatCaseCode, isCanonicalCaseCode, parseCaseCode } from "../../app/domain/case-code.js";

describe("a case code", () => {
  it("is KT, the year and a four-digit sequence", () => {
    expect(formatCaseCode(2026, 1)).toBe("KT-2026-0001");
    expect(formatCaseCode(2026, 42)).toBe("KT-2026-0042");
    expect(formatCaseCode(2025, 9999)).toBe("KT-2025-9999");
  });

  it("grows more digits after 9999 instead of wrapping", () => {
    expect(formatCaseCode(2026, 10000)).toBe("KT-2026-10000");
    expect(formatCaseCode(2026, 123456)).toBe("KT-2026-123456");
  });

  it("cannot be made from a sequence below 1, a fraction, or a year that is not four digits", () => {
    expect(() => formatCaseCode(2026, 0)).toThrow(RangeError);
    expect(() => formatCaseCode(2026, -3)).toThrow(RangeError);
    expect(() => formatCaseCode(2026, 1.5)).toThrow(RangeError);
    expect(() => formatCaseCode(2026, Number.NaN)).toThrow(RangeError);
    expect(() => formatCaseCode(999, 1)).toThrow(RangeError);
    expect(() => formatCaseCode(10000, 1)).toThrow(RangeError);
  });

  it("reads back into its year and sequence", () => {
    expect(parseCaseCode("KT-2026-0001")).toEqual({ year: 2026, sequence: 1 });
    expect(parseCaseCode("KT-2026-0042")).toEqual({ year: 2026, sequence: 42 });
    expect(parseCaseCode("KT-2026-10000")).toEqual({ year: 2026, sequence: 10000 });
  });

  it("round-trips for every shape of sequence", () => {
    for (const sequence of [1, 9, 10, 999, 1000, 9999, 10000, 99999, 100000]) {
      const code = formatCaseCode(2026, sequence);
      expect(parseCaseCode(code)).toEqual({ year: 2026, sequence });
      expect(isCanonicalCaseCode(code)).toBe(true);
    }
  });

  it("is found from what a person types: lowercase and surrounding spaces", () => {
    expect(parseCaseCode("  kt-2026-0003 ")).toEqual({ year: 2026, sequence: 3 });
    expect(isCanonicalCaseCode("kt-2026-0003")).toBe(false);
  });

  it("is not anything else", () => {
    for (const text of [
      "",
      "KT",
      "KT-2026",
      "KT-2026-1",
      "KT-2026-001",
      "KT-2026-0000",
      "KT-2026-00001",
      "KT-26-0001",
      "KT-02026-0001",
      "TB-2026-0001",
      "KT 2026 0001",
      "KT-2026-0001a",
      "xKT-2026-0001",
      "KT-2026--001",
    ]) {
      expect(parseCaseCode(text), text).toBeNull();
    }
  });
});
