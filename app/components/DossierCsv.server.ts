// The columns of a dossier list downloaded as CSV (the list, an evidence set): what the table shows,
// with codes and names in separate columns so a spreadsheet can sort and count them.
import type { CsvCell } from "../domain/csv-export.js";
import { formatDateTime } from "../domain/format.js";
import { STATUS_LABELS } from "../domain/evidence-import.js";
import type { DossierStatus } from "../domain/delay.js";
import { APOLOGY_LABELS } from "./DossierFilterParams.js";
import type { DossierTableRow } from "./DossierTable.js";

export const DOSSIER_CSV_HEADER = [
  "Mã hồ sơ",
  "Mã TTHC",
  "Tên thủ tục hành chính",
  "Mã đơn vị giải quyết",
  "Đơn vị giải quyết",
  "Trạng thái",
  "Ngày hẹn trả",
  "Ngày kết thúc",
  "Trễ hạn",
  "Số ngày làm việc trễ",
  "Số lần yêu cầu bổ sung",
  "Văn bản xin lỗi",
  "Mã cán bộ chịu trách nhiệm chính",
  "Cán bộ chịu trách nhiệm chính",
] as const;

export function dossierCsvRow(r: DossierTableRow): CsvCell[] {
  return [
    r.code,
    r.procedureCode,
    r.procedureName,
    r.unitCode,
    r.unitName,
    STATUS_LABELS[r.status as DossierStatus] ?? r.status,
    formatDateTime(r.dueAt),
    r.endAt ? (r.finished ? formatDateTime(r.endAt) : `Chưa có kết quả (tính đến ${formatDateTime(r.endAt)})`) : null,
    r.late === null ? "Không tính" : r.late ? "Có" : "Không",
    r.lateWorkingDays,
    r.supplementRequests,
    r.apology ? APOLOGY_LABELS[r.apology] : null,
    r.officerCode,
    r.officerName,
  ];
}
