// The monthly list as one CSV, in the PDF's order: the units (part I), then the officers (part II), a
// "Phần" column telling them apart. One file because the list is one document; a spreadsheet filters
// the column to get either table. No total rows: a sum row would be summed again by a filter or a pivot.
import { csvDocument } from "../domain/csv-export.js";
import type { MonthlyListData } from "../models/monthly-list.server.js";

export const MONTHLY_LIST_CSV_HEADER = ["Phần", "STT", "Mã", "Tên", "Đơn vị của cán bộ", "Số hồ sơ quá hạn"] as const;

export function monthlyListCsv(data: Pick<MonthlyListData, "units" | "officers">): string {
  return csvDocument(MONTHLY_LIST_CSV_HEADER, [
    ...data.units.map((u, i) => ["Cơ quan, đơn vị", i + 1, u.code, u.name, null, u.lateDossiers]),
    ...data.officers.map((o, i) => ["Cán bộ, công chức", i + 1, o.code, o.name, o.unitName, o.lateDossiers]),
  ]);
}
