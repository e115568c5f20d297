import { describe, expect, it } from "vitest";
import { dashboardCsvTable, dashboardSearch, dossierListHref, formatMonth, readDashboardParams } from "../../app/domain/evidence-dashboard.js";

const NOW = Date.parse("2026-11-23T10:00:00+07:00");
const YEAR = { from: "2025-01-01", to: "2025-12-31" };
const NO_FILTER = { unitId: null, procedureId: null };

describe("the dashboard's URL", () => {
  it("defaults to this year until today, judged now", () => {
    const params = readDashboardParams(new URLSearchParams(""), NOW);
    expect(params).toEqual({ period: { from: "2026-01-01", to: "2026-11-23", asOf: NOW }, filter: NO_FILTER, table: null, problems: [] });
  });

  it("reads a unit, a procedure and a table, and reports ids it cannot use", () => {
    expect(readDashboardParams(new URLSearchParams("from=01/01/2025&to=31/12/2025&unit=37&procedure=2&table=officer"), NOW)).toMatchObject({
      period: { from: "2025-01-01", to: "2025-12-31" },
      filter: { unitId: 37, procedureId: 2 },
      table: "officer",
      problems: [],
    });
    const bad = readDashboardParams(new URLSearchParams("unit=-1&procedure=x&table=dossiers"), NOW);
    expect(bad.filter).toEqual(NO_FILTER);
    expect(bad.table).toBeNull();
    expect(bad.problems).toEqual(['Mã đơn vị "-1" không hợp lệ; đã bỏ qua.', 'Mã thủ tục "x" không hợp lệ; đã bỏ qua.']);
  });

  it("keeps the period and filter in the CSV link", () => {
    expect(dashboardSearch(YEAR, { unitId: 3, procedureId: null }, { table: "unit" })).toBe("from=2025-01-01&to=2025-12-31&unit=3&table=unit");
  });
});

describe("a figure's link to the dossier list", () => {
  it("carries the period, the dashboard's filter and the row", () => {
    expect(dossierListHref(YEAR, NO_FILTER)).toBe("/evidence/dossiers?from=2025-01-01&to=2025-12-31");
    expect(dossierListHref(YEAR, { unitId: 3, procedureId: 9 }, { month: "2025-03" })).toBe(
      "/evidence/dossiers?from=2025-01-01&to=2025-12-31&unit=3&procedure=9&month=2025-03",
    );
    // A row's unit replaces the chosen one (the row is inside it).
    expect(dossierListHref(YEAR, { unitId: 3, procedureId: null }, { unit: 4 })).toBe("/evidence/dossiers?from=2025-01-01&to=2025-12-31&unit=4");
    expect(dossierListHref(YEAR, NO_FILTER, { officer: 12 })).toBe("/evidence/dossiers?from=2025-01-01&to=2025-12-31&officer=12");
  });

  it("asks for late dossiers with late=1, on-time ones with late=0, and an apology status with late=1 too", () => {
    expect(dossierListHref(YEAR, NO_FILTER, { late: true })).toBe("/evidence/dossiers?from=2025-01-01&to=2025-12-31&late=1");
    expect(dossierListHref(YEAR, NO_FILTER, { onTime: true })).toBe("/evidence/dossiers?from=2025-01-01&to=2025-12-31&late=0");
    expect(dossierListHref(YEAR, NO_FILTER, { apology: "missing" })).toBe("/evidence/dossiers?from=2025-01-01&to=2025-12-31&late=1&apology=missing");
  });
});

describe("a table's CSV rows", () => {
  it("say what a unit row covers only when the unit has sub-units", () => {
    const row = { unitId: 1, code: "U", name: "Đơn vị", counted: 3, onTime: 2, late: 1, lateNoApology: 1, attributedLate: 0 };
    const { rows } = dashboardCsvTable({
      table: "unit",
      rows: [
        { ...row, own: false, hasSubUnits: true },
        { ...row, own: true, hasSubUnits: true },
        { ...row, own: false, hasSubUnits: false },
      ],
    });
    expect(rows.map((r) => r[2])).toEqual(["Gồm đơn vị trực thuộc", "Chỉ hồ sơ do đơn vị trực tiếp giải quyết", ""]);
    expect(rows[0]).toEqual(["U", "Đơn vị", "Gồm đơn vị trực thuộc", 3, 2, 1, 66.67, 1, 0]);
  });

  it("score a unit against the threshold, to two decimals", () => {
    const { header, rows } = dashboardCsvTable({
      table: "score",
      threshold: 80,
      rows: [{ unitId: 1, code: "U", name: "Đơn vị", own: false, hasSubUnits: false, counted: 3, onTime: 2 }],
    });
    expect(header.at(-1)).toBe("Điểm tiến độ, kết quả (tối đa 20)");
    expect(rows[0]).toEqual(["U", "Đơn vị", "", 3, 2, 66.67, 80, 16.67]);
  });

  it("name months MM/yyyy", () => {
    expect(formatMonth("2025-03")).toBe("03/2025");
  });
});
