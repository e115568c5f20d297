// The repeat-offender tables as CSV, with the columns the page shows.
import { csvDocument } from "../domain/csv-export.js";
import { formatNumber } from "../domain/format.js";
import type { OfficerOffenderRow, UnitOffenderRow } from "./OffenderTables.js";

export function offenderCsv(result: { kind: "officers"; rows: OfficerOffenderRow[] } | { kind: "units"; rows: UnitOffenderRow[] }): string {
  if (result.kind === "officers") {
    return csvDocument(
      ["Mã cán bộ", "Họ và tên", "Mã đơn vị hiện tại", "Đơn vị hiện tại", "Số bước trễ hạn", "Số hồ sơ trễ hạn", "Tổng số ngày làm việc trễ"],
      result.rows.map((o) => [o.code, o.name, o.unitCode, o.unitName, o.lateSteps, o.lateDossiers, o.lateWorkingDays]),
    );
  }
  return csvDocument(
    ["Mã đơn vị", "Tên đơn vị", "Số hồ sơ được tính", "Số hồ sơ trễ hạn", "Tỷ lệ đúng hạn (%)"],
    // The rate as the page writes it (decimal comma), which a Vietnamese spreadsheet reads as a number.
    result.rows.map((u) => [u.code, u.name, u.counted, u.late, formatNumber(Math.round(u.onTimeRate * 10) / 10)]),
  );
}
