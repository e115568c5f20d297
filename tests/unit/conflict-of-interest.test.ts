import { describe, expect, it } from "vitest";
import {
  addMonths,
  conflictsOfInterest,
  endedWithinLookback,
  freeFrom,
  type CaseSubject,
  type ConflictCheck,
  type MembershipForConflict,
} from "../../app/domain/conflict-of-interest.js";

const PROVINCE = 1;
const CAM_THANH = { id: 10, name: "Ủy ban nhân dân phường Cẩm Thành" };
const NGHIA_LO = { id: 11, name: "Ủy ban nhân dân phường Nghĩa Lộ" };
const SNV = { id: 20, name: "Sở Nội vụ" };

function membership(unit: { id: number; name: string }, validFrom: string | null, validTo: string | null, ancestors: number[] = [PROVINCE]): MembershipForConflict {
  return { unitId: unit.id, unitName: unit.name, unitAncestorIds: ancestors, validFrom, validTo };
}

function check(memberships: MembershipForConflict[], options: Partial<ConflictCheck> = {}): string[] {
  return conflictsOfInterest({
    candidate: { officerId: 7, memberships },
    scopeUnits: [CAM_THANH],
    cases: [],
    referenceDate: "2026-03-05",
    ...options,
  });
}

describe("a team member with no tie to the inspected units", () => {
  it("has no conflict", () => {
    expect(check([membership(SNV, "2020-01-01", null)])).toEqual([]);
    expect(check([])).toEqual([]);
  });

  it("has no conflict for belonging to a parent of the inspected unit", () => {
    const province = { id: PROVINCE, name: "Ủy ban nhân dân tỉnh Quảng Ngãi" };
    expect(check([membership(province, "2020-01-01", null, [])])).toEqual([]);
  });
});

describe("a member who works in an inspected unit", () => {
  it("is in conflict, naming the unit and since when", () => {
    expect(check([membership(CAM_THANH, "2025-07-01", null)])).toEqual([
      "Đang công tác tại Ủy ban nhân dân phường Cẩm Thành (từ 01/07/2025), là đơn vị được kiểm tra.",
    ]);
  });

  it("is in conflict when the start of the membership is not known", () => {
    expect(check([membership(CAM_THANH, null, null)])).toEqual([
      "Đang công tác tại Ủy ban nhân dân phường Cẩm Thành, là đơn vị được kiểm tra.",
    ]);
  });

  it("is in conflict on the membership's first and last day", () => {
    expect(check([membership(CAM_THANH, "2026-03-05", null)])).toHaveLength(1);
    expect(check([membership(CAM_THANH, "2025-01-01", "2026-03-05")])[0]).toMatch(/^Đang công tác/);
  });

  it("is not in conflict for a membership that only starts after the decision", () => {
    expect(check([membership(CAM_THANH, "2026-03-06", null)])).toEqual([]);
  });
});

describe("a member of a sub-unit of an inspected unit", () => {
  const division = { id: 100, name: "Phòng Kinh tế, Hạ tầng và Đô thị" };

  it("is in conflict, because the inspected unit directs the sub-unit", () => {
    expect(check([membership(division, "2025-07-01", null, [CAM_THANH.id, PROVINCE])])).toEqual([
      "Đang công tác tại Phòng Kinh tế, Hạ tầng và Đô thị (từ 01/07/2025), thuộc Ủy ban nhân dân phường Cẩm Thành, là đơn vị được kiểm tra.",
    ]);
  });

  it("is in conflict however deep the sub-unit sits", () => {
    const team = { id: 101, name: "Tổ một cửa" };
    expect(check([membership(team, "2025-07-01", null, [division.id, CAM_THANH.id, PROVINCE])])).toHaveLength(1);
  });

  it("who left recently is named with the inspected unit it belongs to", () => {
    expect(check([membership(division, "2025-07-01", "2025-12-31", [CAM_THANH.id, PROVINCE])])).toEqual([
      "Đã công tác tại Phòng Kinh tế, Hạ tầng và Đô thị (thuộc Ủy ban nhân dân phường Cẩm Thành, là đơn vị được kiểm tra) đến 31/12/2025, chưa đủ 12 tháng tính đến ngày quyết định 05/03/2026.",
    ]);
  });
});

describe("a member who left an inspected unit", () => {
  it("is in conflict within 12 months, naming the unit and the dates", () => {
    expect(check([membership(CAM_THANH, "2021-01-01", "2025-06-30")])).toEqual([
      "Đã công tác tại Ủy ban nhân dân phường Cẩm Thành đến 30/06/2025, chưa đủ 12 tháng tính đến ngày quyết định 05/03/2026.",
    ]);
  });

  it("is still in conflict when the last day is the same calendar day 12 months before the decision", () => {
    expect(check([membership(CAM_THANH, "2021-01-01", "2025-03-05")])).toHaveLength(1);
  });

  it("is free when the last day is one day earlier than that", () => {
    expect(check([membership(CAM_THANH, "2021-01-01", "2025-03-04")])).toEqual([]);
  });

  it("is free for a decision one day later", () => {
    expect(check([membership(CAM_THANH, "2021-01-01", "2025-03-05")], { referenceDate: "2026-03-06" })).toEqual([]);
    expect(freeFrom("2025-03-05")).toBe("2026-03-06");
  });
});

describe("the 12-month boundary around 29 February", () => {
  it("counts back from 29/02 to the last day of February of a common year", () => {
    expect(addMonths("2028-02-29", -12)).toBe("2027-02-28");
    expect(endedWithinLookback("2027-02-28", "2028-02-29")).toBe(true);
    expect(endedWithinLookback("2027-02-27", "2028-02-29")).toBe(false);
  });

  it("keeps a membership that ended on 29/02 in conflict until 28/02 of the next year, and frees it on 01/03", () => {
    expect(endedWithinLookback("2024-02-29", "2025-02-28")).toBe(true);
    expect(endedWithinLookback("2024-02-29", "2025-03-01")).toBe(false);
    expect(freeFrom("2024-02-29")).toBe("2025-03-01");
  });

  it("keeps a membership that ended on 28/02 before a leap year in conflict on 29/02", () => {
    // 12 months before 29/02/2028 is 28/02/2027, the very day the membership ended.
    expect(endedWithinLookback("2027-02-28", "2028-02-29")).toBe(true);
    expect(endedWithinLookback("2027-02-28", "2028-03-01")).toBe(false);
    expect(freeFrom("2027-02-28")).toBe("2028-03-01");
  });

  it("names the dates in the reason", () => {
    expect(check([membership(CAM_THANH, "2020-01-01", "2027-02-28")], { referenceDate: "2028-02-29" })).toEqual([
      "Đã công tác tại Ủy ban nhân dân phường Cẩm Thành đến 28/02/2027, chưa đủ 12 tháng tính đến ngày quyết định 29/02/2028.",
    ]);
  });

  it("frees every last day of a year exactly when the lookback no longer reaches it", () => {
    for (let day = new Date(Date.UTC(2027, 0, 1)); day.getUTCFullYear() < 2029; day = new Date(day.getTime() + 86_400_000)) {
      const lastDay = day.toISOString().slice(0, 10);
      const free = freeFrom(lastDay);
      expect(endedWithinLookback(lastDay, free), lastDay).toBe(false);
      const dayBefore = new Date(Date.parse(free) - 86_400_000).toISOString().slice(0, 10);
      expect(endedWithinLookback(lastDay, dayBefore), lastDay).toBe(true);
    }
  });
});

describe("a member who is the subject of a case", () => {
  const cases: CaseSubject[] = [
    { code: "KT-2026-0003", officerId: 7 },
    { code: "KT-2026-0004", officerId: 8 },
  ];

  it("is in conflict, naming the case", () => {
    expect(check([], { cases })).toEqual(["Là đối tượng của vụ việc KT-2026-0003."]);
  });

  it("is not in conflict for a case about a unit, when not a member of it", () => {
    expect(check([membership(SNV, "2020-01-01", null)], { cases: [{ code: "KT-2026-0005", unit: CAM_THANH }] })).toEqual([]);
  });
});

describe("a case about a unit outside the inspection's scope", () => {
  it("makes that unit inspected too, through the case", () => {
    expect(check([membership(NGHIA_LO, "2024-01-01", null)], { cases: [{ code: "KT-2026-0006", unit: NGHIA_LO }] })).toEqual([
      "Đang công tác tại Ủy ban nhân dân phường Nghĩa Lộ (từ 01/01/2024), là đối tượng của vụ việc KT-2026-0006.",
    ]);
    expect(check([membership(NGHIA_LO, "2020-01-01", "2025-12-31")], { cases: [{ code: "KT-2026-0006", unit: NGHIA_LO }] })).toEqual([
      "Đã công tác tại Ủy ban nhân dân phường Nghĩa Lộ (là đối tượng của vụ việc KT-2026-0006) đến 31/12/2025, chưa đủ 12 tháng tính đến ngày quyết định 05/03/2026.",
    ]);
  });
});

describe("a member with several ties", () => {
  it("gets every reason, in membership order and then cases", () => {
    const reasons = check(
      [membership(NGHIA_LO, "2019-01-01", "2025-06-30"), membership(CAM_THANH, "2025-07-01", null), membership(SNV, "2010-01-01", "2018-12-31")],
      { scopeUnits: [CAM_THANH, NGHIA_LO], cases: [{ code: "KT-2026-0003", officerId: 7 }] },
    );
    expect(reasons).toEqual([
      "Đã công tác tại Ủy ban nhân dân phường Nghĩa Lộ đến 30/06/2025, chưa đủ 12 tháng tính đến ngày quyết định 05/03/2026.",
      "Đang công tác tại Ủy ban nhân dân phường Cẩm Thành (từ 01/07/2025), là đơn vị được kiểm tra.",
      "Là đối tượng của vụ việc KT-2026-0003.",
    ]);
  });
});

describe("adding months to a date", () => {
  it("keeps the day, or clamps to the month's last day", () => {
    expect(addMonths("2026-03-05", -12)).toBe("2025-03-05");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-12-15", 1)).toBe("2026-01-15");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
  });
});
