import { describe, expect, it } from "vitest";
import {
  changedFields,
  dayAfter,
  findOverlap,
  foldVietnamese,
  formatPeriod,
  idParam,
  isActiveOn,
  periodWithin,
  periodsOverlap,
  readOfficerListParams,
  readUnitListParams,
  unitKindLabel,
  unitStatusOn,
  VIETNAMESE_MARKED,
  VIETNAMESE_PLAIN,
} from "../../app/domain/units.js";

const p = (validFrom: string | null, validTo: string | null) => ({ validFrom, validTo });

describe("a unit kind", () => {
  it("is shown with its Vietnamese label", () => {
    expect(unitKindLabel("district")).toBe("Cấp huyện (cũ)");
    expect(unitKindLabel("division")).toBe("Phòng, ban, đơn vị trực thuộc");
    expect(unitKindLabel("unknown")).toBe("unknown");
  });
});

describe("a dated period", () => {
  it("is in force from its first day to its last day, both included", () => {
    expect(isActiveOn(p("2025-07-01", null), "2025-07-01")).toBe(true);
    expect(isActiveOn(p("2025-07-01", null), "2025-06-30")).toBe(false);
    expect(isActiveOn(p("2008-01-01", "2025-06-30"), "2025-06-30")).toBe(true);
    expect(isActiveOn(p("2008-01-01", "2025-06-30"), "2025-07-01")).toBe(false);
    expect(isActiveOn(p(null, null), "1990-01-01")).toBe(true);
  });

  it("overlaps another when they share a day, as the database's exclusion constraint decides", () => {
    expect(periodsOverlap(p("2015-01-01", "2025-06-30"), p("2025-07-01", null))).toBe(false);
    expect(periodsOverlap(p("2015-01-01", "2025-07-01"), p("2025-07-01", null))).toBe(true);
    expect(periodsOverlap(p("2020-01-01", null), p("2010-01-01", "2012-12-31"))).toBe(false);
    expect(periodsOverlap(p(null, "2020-01-01"), p(null, "2010-01-01"))).toBe(true);
    expect(periodsOverlap(p("2021-01-01", "2021-12-31"), p("2020-01-01", null))).toBe(true);
  });

  it("names the first conflicting period", () => {
    const others = [{ id: 1, ...p("2010-01-01", "2014-12-31") }, { id: 2, ...p("2015-01-01", null) }];
    expect(findOverlap(p("2016-03-01", null), others)?.id).toBe(2);
    expect(findOverlap(p("2009-01-01", "2009-12-31"), others)).toBeUndefined();
  });

  it("lies within a unit's validity only when both ends do (an open end needs an open end)", () => {
    expect(periodWithin(p("2020-01-01", "2025-06-30"), p("2008-01-01", "2025-06-30"))).toBe(true);
    expect(periodWithin(p("2020-01-01", null), p("2008-01-01", "2025-06-30"))).toBe(false);
    expect(periodWithin(p("2025-06-01", null), p("2025-07-01", null))).toBe(false);
    expect(periodWithin(p(null, "2020-01-01"), p("2008-01-01", null))).toBe(false);
    expect(periodWithin(p("2020-01-01", null), p(null, null))).toBe(true);
  });

  it("reads as dd/MM/yyyy – dd/MM/yyyy, open ends as 'nay'", () => {
    expect(formatPeriod(p("2008-01-01", "2025-06-30"))).toBe("01/01/2008 – 30/06/2025");
    expect(formatPeriod(p("2025-07-01", null))).toBe("01/07/2025 – nay");
    expect(formatPeriod(p(null, null))).toBe("không rõ – nay");
  });
});

describe("a unit's status", () => {
  it("is abolished or merged from the day after its last valid day", () => {
    expect(unitStatusOn(p("2008-01-01", "2025-06-30"), "2026-01-01")).toEqual({ state: "abolished", since: "2025-07-01" });
    expect(unitStatusOn(p("2008-01-01", "2024-12-31"), "2025-01-01")).toEqual({ state: "abolished", since: "2025-01-01" });
    expect(unitStatusOn(p("2008-01-01", "2025-06-30"), "2025-06-30")).toEqual({ state: "active" });
    expect(unitStatusOn(p("2027-01-01", null), "2026-11-23")).toEqual({ state: "not_yet", from: "2027-01-01" });
    expect(dayAfter("2024-02-28")).toBe("2024-02-29");
  });
});

describe("searching without diacritics", () => {
  it("folds Vietnamese letters, upper and lower case, to plain lower-case letters", () => {
    expect(foldVietnamese("Nguyễn Văn Hùng")).toBe("nguyen van hung");
    expect(foldVietnamese("ĐẶNG THU TRANG")).toBe("dang thu trang");
    expect(foldVietnamese("Ủy ban nhân dân phường Cẩm Thành")).toBe("uy ban nhan dan phuong cam thanh");
  });

  it("folds text typed with combining marks like precomposed text", () => {
    expect(foldVietnamese("Cẩm Thành".normalize("NFD"))).toBe("cam thanh");
  });

  it("gives SQL translate() arguments of equal length", () => {
    expect([...VIETNAMESE_MARKED]).toHaveLength([...VIETNAMESE_PLAIN].length);
    expect(VIETNAMESE_PLAIN).toMatch(/^[a-z]+$/);
  });
});

describe("the list filters", () => {
  it("default to units in force today, and ignore what they cannot read", () => {
    const today = "2026-11-23";
    expect(readUnitListParams(new URLSearchParams(""), today)).toEqual({ q: "", kind: null, status: "active", on: today, page: 1 });
    expect(readUnitListParams(new URLSearchParams("q=+Sở+&kind=commune&status=all&on=30/06/2025&page=3"), today)).toEqual({
      q: "Sở",
      kind: "commune",
      status: "all",
      on: "2025-06-30",
      page: 3,
    });
    expect(readUnitListParams(new URLSearchParams("kind=planet&on=hôm+qua&page=-1"), today)).toMatchObject({ kind: null, on: today, page: 1 });
    expect(readOfficerListParams(new URLSearchParams("unit=12&status=all"))).toEqual({ q: "", unitId: 12, status: "all", page: 1 });
    expect(readOfficerListParams(new URLSearchParams("unit=abc"))).toMatchObject({ unitId: null, status: "current" });
  });

  it("accept only positive integer ids", () => {
    expect(idParam("42")).toBe(42);
    for (const bad of [undefined, "", "0", "-1", "1.5", "abc", "99999999999", "042"]) expect(idParam(bad)).toBeNull();
  });
});

describe("an audit diff", () => {
  it("records only the fields that changed, before and after", () => {
    expect(changedFields({ code: "A", name: "Cũ", parentId: 1 }, { code: "A", name: "Mới", parentId: null })).toEqual({
      before: { name: "Cũ", parentId: 1 },
      after: { name: "Mới", parentId: null },
      fields: ["name", "parentId"],
    });
    expect(changedFields({ code: "A" }, { code: "A" })).toBeNull();
  });
});
