import { describe, expect, it } from "vitest";
import { checkCalendarFile, checkEvidenceFiles, type EvidenceContext } from "../../app/domain/evidence-import.js";

const context: EvidenceContext = {
  unitCodes: new Set(["U1", "U2"]),
  officerCodes: new Set(["CB1"]),
  storedDossierCodes: new Set(["CU-1"]),
};

const issues = (result: { errors: { file: string; line: number; column: string | null; message: string }[] }) =>
  result.errors.map((e) => `${e.file}:${e.line}:${e.column ?? ""}`);

describe("a dossiers file", () => {
  it("accepts Vietnamese and odd-cased headers, a BOM, both instant forms and the statuses' Vietnamese names", () => {
    const file =
      "\uFEFFMÃ HỒ SƠ, mã tthc ,Mã đơn vị,Ngày tiếp nhận,ngày hẹn trả,Ngày có kết quả,trạng thái,Kênh,Ghi chú\n" +
      "HS-1,TT-1,U1,2025-01-24T09:30:00Z,27/01/2025,27/01/2025 16:00,Đã trả kết quả,2,bỏ qua\n";
    const result = checkEvidenceFiles({ dossiers: file }, context);
    expect(result.errors).toEqual([]);
    expect(result.dossiers).toEqual([
      {
        line: 2,
        code: "HS-1",
        procedureCode: "TT-1",
        procedureName: null,
        unitCode: "U1",
        receivedAt: Date.parse("2025-01-24T09:30:00Z"),
        dueAt: Date.parse("2025-01-27T23:59:59+07:00"), // a date-only due_at runs to the end of its day
        finishedAt: Date.parse("2025-01-27T16:00:00+07:00"),
        status: "returned",
        channel: "online",
        apologyAt: null,
        rescheduledDueAt: null,
      },
    ]);
  });

  it("reports every bad row, with line and column, and keeps none of them", () => {
    const file =
      "dossier_code,procedure_code,unit_code,received_at,due_at,status,channel\n" +
      ",TT,U1,02/01/2025,03/01/2025,finished,\n" +
      "HS-2,TT,U9,02/01/2025,03/01/2025,finished,\n" +
      "HS-3,TT,U1,2025-01-05T08:00:00,03/01/2025,finished,\n" +
      "HS-4,TT,U1,02/01/2025,03/01/2025,đã xong,fax\n";
    const result = checkEvidenceFiles({ dossiers: file }, context);
    expect(issues(result)).toEqual([
      "dossiers:2:dossier_code",
      "dossiers:3:unit_code",
      "dossiers:4:received_at",
      "dossiers:5:status",
      "dossiers:5:channel",
    ]);
    expect(result.errors[2]!.message).toContain("thiếu múi giờ");
    expect(result.dossiers).toEqual([]);
  });
});

describe("a steps file", () => {
  it("may refer to dossiers of the same import or already stored, and to known officers only", () => {
    const dossiers = "dossier_code,procedure_code,unit_code,received_at,due_at,status\nHS-1,TT,U1,02/01/2025,03/01/2025,finished\n";
    const steps =
      "dossier_code,step_no,unit_code,officer_code,started_at,due_at,finished_at\n" +
      "HS-1,1,U1,CB1,2025-01-02T08:00:00+07:00,2025-01-02T17:00:00+07:00,\n" +
      "CU-1,1,U2,,2025-01-02T08:00:00+07:00,02/01/2025,\n" +
      "HS-9,1,U1,,2025-01-02T08:00:00+07:00,02/01/2025,\n" +
      "HS-1,1,U1,CB7,2025-01-02T08:00:00+07:00,02/01/2025,\n" +
      "HS-1,0,U1,,2025-01-02T08:00:00+07:00,02/01/2025,\n";
    const result = checkEvidenceFiles({ dossiers, steps }, context);
    expect(issues(result)).toEqual(["steps:4:dossier_code", "steps:5:step_no", "steps:5:officer_code", "steps:6:step_no"]);
    expect(result.errors[1]!.message).toBe('bước 1 của hồ sơ "HS-1" trùng với dòng 2.');
  });
});

describe("an events file", () => {
  it("pairs each request with the next completion in time order, whatever the file order", () => {
    const events =
      "dossier_code,kind,at\n" +
      "CU-1,supplement_completed,2025-01-05T08:00:00+07:00\n" +
      "CU-1,supplement_requested,2025-01-03T08:00:00+07:00\n";
    expect(checkEvidenceFiles({ events }, context).errors).toEqual([]);
  });

  it("refuses a completion with no open request and a second request while one is open", () => {
    const events =
      "dossier_code,kind,at\n" +
      "CU-1,supplement_completed,2025-01-02T08:00:00+07:00\n" +
      "CU-1,supplement_requested,2025-01-03T08:00:00+07:00\n" +
      "CU-1,supplement_requested,2025-01-04T08:00:00+07:00\n";
    expect(issues(checkEvidenceFiles({ events }, context))).toEqual(["events:2:kind", "events:4:kind"]);
  });
});

describe("a calendar file", () => {
  it("lists the years it replaces and refuses bad dates, kinds and repeated dates", () => {
    const ok = checkCalendarFile("date,kind,name\n2027-02-08,Holiday,Tết\n2026-12-31,holiday,\n");
    expect(ok.errors).toEqual([]);
    expect(ok.years).toEqual([2026, 2027]);
    const bad = checkCalendarFile("date,kind,name\n2027-02-30,holiday,x\n2027-02-08,nghỉ,x\n2027-02-09,holiday,x\n2027-02-09,workday,x\n");
    expect(issues(bad)).toEqual(["calendar:2:date", "calendar:3:kind", "calendar:5:date"]);
  });
});
