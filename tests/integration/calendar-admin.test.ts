// The calendar page: an admin adds, edits and deletes exceptions and edits a year's source; each change
// is audited and recomputes stored outcomes in the same transaction; a calendar file can be imported.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { exceptionWarning, weekdayName } from "../../app/components/CalendarLabels.js";
import { importCalendar, importEvidence } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import * as page from "../../app/routes/admin.calendar.js";
import { readToast } from "../../app/toast.server.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });

// Due Tue 22/04/2025 16:36, ended Fri 25/04 14:05: late by 3 working days (23, 24, 25/04).
const DOSSIER = "000.00.04.H55-250324-0001";

async function lateDays(code = DOSSIER): Promise<number> {
  const row = await sql<{ n: number }>`
    select o.late_working_days as n from dossier_outcome o join dossier d on d.id = o.dossier_id where d.code = ${code}`.execute(getDb());
  return row.rows[0]!.n;
}

async function exceptionsOf(year: number) {
  return getDb().selectFrom("calendar_exception").select(["date", "kind", "name"]).where("year", "=", year).orderBy("date").execute();
}

async function calendarAudit() {
  return getDb()
    .selectFrom("audit_event")
    .select(["action", "entity_type", "entity_id", "summary", "data", "actor_user_id"])
    .where("action", "=", "calendar.update")
    .orderBy("id")
    .execute();
}

const submit = async (form: Record<string, string | Blob>, as = "quantri") => call(page.action, await makeRequest("/admin/calendar", { as, form }));
const save = (fields: Record<string, string>, as?: string) => submit({ intent: "save", year: "2025", ...fields }, as);

const toastOf = async (response: unknown) => {
  const cookie = (response as Response).headers.get("Set-Cookie")!.split(";")[0]!;
  return (await readToast(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toast?.message;
};
const fieldErrors = (result: unknown) => payloadOf(result).result.error as Record<string, string[]>;

beforeAll(async () => {
  await loadDemo();
  await importOrganisation(getDb(), { units: await file("org/units.csv"), officers: await file("org/officers.csv"), userId: null });
  await importCalendar(getDb(), { file: await file("evidence/calendar.csv"), userId: null });
  const result = await importEvidence(getDb(), {
    dossiers: await file("evidence/dossiers.csv"),
    steps: await file("evidence/steps.csv"),
    events: await file("evidence/events.csv"),
    userId: null,
  });
  expect(result.ok).toBe(true);
});

describe("the calendar page", () => {
  it.each(["thanhtra", "giamdoc", "truongdonvi", "tccb"])("is refused to %s, for viewing and for every change (403)", async (as) => {
    const before = { exceptions: await exceptionsOf(2025), audit: (await calendarAudit()).length };
    expect(statusOf(await call(page.loader, await makeRequest("/admin/calendar?year=2025", { as })))).toBe(403);
    expect(statusOf(await save({ date: "24/04/2025", kind: "holiday", name: "Thử" }, as))).toBe(403);
    expect(statusOf(await submit({ intent: "delete", date: "2025-04-30" }, as))).toBe(403);
    expect(statusOf(await submit({ intent: "source", year: "2025", source: "Khác" }, as))).toBe(403);
    const calendar = new File([await readFile(fixture("evidence/calendar.csv"))], "calendar.csv", { type: "text/csv" });
    expect(statusOf(await submit({ intent: "import", calendar }, as))).toBe(403);
    expect({ exceptions: await exceptionsOf(2025), audit: (await calendarAudit()).length }).toEqual(before);
  });

  it("shows a year's source, flag, exceptions and working days, month by month", async () => {
    const { calendar, years } = payloadOf(await call(page.loader, await makeRequest("/admin/calendar?year=2025", { as: "quantri" })));
    expect(calendar).toMatchObject({ year: 2025, stored: true, provisional: false, source: "Nhập từ tệp calendar.csv" });
    expect(calendar.exceptions).toHaveLength(14);
    expect(calendar.exceptions[0]).toEqual({ date: "2025-01-01", kind: "holiday", name: "Tết Dương lịch" });
    // 261 weekdays, 12 of them holidays, and 2 Saturdays worked.
    expect(calendar.workingDays).toBe(251);
    expect(calendar.workingDaysByMonth).toEqual([17, 21, 21, 21, 20, 21, 23, 21, 20, 23, 20, 23]);
    expect(years).toEqual(expect.arrayContaining([2018, 2019, 2025, 2030]));
    expect(years).toEqual([...years].sort((a: number, b: number) => a - b));
  });

  it("shows a year without a calendar as plain Monday–Friday", async () => {
    const { calendar } = payloadOf(await call(page.loader, await makeRequest("/admin/calendar?year=2030", { as: "quantri" })));
    expect(calendar).toMatchObject({ year: 2030, stored: false, source: null, exceptions: [], workingDays: 261 });
  });

  it("names weekdays in Vietnamese and warns about days that change nothing", () => {
    expect(["2025-04-28", "2025-04-29", "2025-04-30", "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04"].map(weekdayName)).toEqual([
      "Thứ Hai",
      "Thứ Ba",
      "Thứ Tư",
      "Thứ Năm",
      "Thứ Sáu",
      "Thứ Bảy",
      "Chủ nhật",
    ]);
    expect(exceptionWarning("2025-05-03", "holiday")).toContain("là Thứ Bảy, vốn đã là ngày nghỉ");
    expect(exceptionWarning("2025-05-05", "workday")).toContain("là Thứ Hai, vốn đã là ngày làm việc");
    expect(exceptionWarning("2025-05-05", "holiday")).toBeNull();
    expect(exceptionWarning("2025-05-03", "workday")).toBeNull();
  });
});

describe("adding a day", () => {
  it("stores it, audits it, and shortens a stored delay that the new holiday falls inside", async () => {
    expect(await lateDays()).toBe(3);
    const response = await save({ date: "24/04/2025", kind: "holiday", name: "Nghỉ thử" });
    expect(statusOf(response)).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/admin/calendar?year=2025");
    expect(await toastOf(response)).toMatch(/^Đã thêm ngày nghỉ 24\/04\/2025 vào lịch năm 2025\. Đã tính lại kết quả của \d+ hồ sơ\.$/);
    expect((await exceptionsOf(2025)).find((e) => e.date === "2025-04-24")).toEqual({ date: "2025-04-24", kind: "holiday", name: "Nghỉ thử" });
    expect(await lateDays()).toBe(2);
    const audit = (await calendarAudit()).at(-1)!;
    expect(audit).toMatchObject({
      entity_type: "calendar",
      entity_id: "2025",
      actor_user_id: await userIdOf("quantri"),
      summary: "Thêm ngày nghỉ 24/04/2025 (Nghỉ thử) vào lịch làm việc năm 2025",
      data: { change: "create", before: null, after: { date: "2025-04-24", kind: "holiday", name: "Nghỉ thử" } },
    });
    const { calendar } = payloadOf(await call(page.loader, await makeRequest("/admin/calendar?year=2025", { as: "quantri" })));
    expect(calendar.workingDays).toBe(250);
  });

  it("refuses a second row for the same date, a date that does not exist, and a date of another year", async () => {
    const before = { exceptions: await exceptionsOf(2025), audit: (await calendarAudit()).length };
    const twice = await save({ date: "2025-04-30", kind: "holiday" });
    expect(statusOf(twice)).toBe(400);
    expect(fieldErrors(twice).date).toEqual(["Ngày 30/04/2025 đã có trong lịch (ngày nghỉ 30/04/2025 (Ngày Chiến thắng 30/4)). Mỗi ngày chỉ có một dòng: hãy sửa dòng đó."]);
    const impossible = await save({ date: "29/02/2025", kind: "holiday" });
    expect(statusOf(impossible)).toBe(400);
    expect(fieldErrors(impossible).date).toEqual(["Ngày không hợp lệ: cần một ngày có thật, dạng dd/mm/yyyy."]);
    const elsewhere = await save({ date: "02/01/2026", kind: "holiday" });
    expect(fieldErrors(elsewhere).date).toEqual(["Ngày phải thuộc năm 2025."]);
    const noKind = await save({ date: "05/05/2025", kind: "" });
    expect(fieldErrors(noKind).kind).toEqual(["Vui lòng chọn loại ngày."]);
    const noDate = await save({ date: "", kind: "holiday" });
    expect(fieldErrors(noDate).date).toEqual(["Vui lòng nhập ngày."]);
    expect({ exceptions: await exceptionsOf(2025), audit: (await calendarAudit()).length }).toEqual(before);
  });

  it("allows a holiday on a weekend, with a warning", async () => {
    const response = await save({ date: "03/05/2025", kind: "holiday", name: "Thứ Bảy" });
    expect(statusOf(response)).toBe(302);
    expect(await toastOf(response)).toContain("Lưu ý: Ngày 03/05/2025 là Thứ Bảy, vốn đã là ngày nghỉ");
    expect((await exceptionsOf(2025)).some((e) => e.date === "2025-05-03")).toBe(true);
  });

  it("creates the year when it had no calendar", async () => {
    const response = await submit({ intent: "save", year: "2030", date: "01/01/2030", kind: "holiday", name: "Tết Dương lịch" });
    expect(statusOf(response)).toBe(302);
    const year = await getDb().selectFrom("calendar_year").selectAll().where("year", "=", 2030).executeTakeFirstOrThrow();
    expect(year.source).toContain("Chưa ghi căn cứ");
    expect(await exceptionsOf(2030)).toEqual([{ date: "2030-01-01", kind: "holiday", name: "Tết Dương lịch" }]);
  });
});

describe("editing a day", () => {
  it("opens the day in the form", async () => {
    const { editing } = payloadOf(await call(page.loader, await makeRequest("/admin/calendar?year=2025&edit=2025-04-24", { as: "quantri" })));
    expect(editing).toEqual({ date: "2025-04-24", kind: "holiday", name: "Nghỉ thử" });
  });

  it("moves it to another date and kind, audits the before and after, and recomputes", async () => {
    // Moved out of the delay (to Mon 28/04), the holiday no longer shortens it.
    const response = await save({ originalDate: "2025-04-24", date: "28/04/2025", kind: "holiday", name: "Nghỉ thử (dời)" });
    expect(statusOf(response)).toBe(302);
    expect(await toastOf(response)).toMatch(/^Đã lưu ngày nghỉ 28\/04\/2025\./);
    const dates = (await exceptionsOf(2025)).map((e) => e.date);
    expect(dates).toContain("2025-04-28");
    expect(dates).not.toContain("2025-04-24");
    expect(await lateDays()).toBe(3);
    expect((await calendarAudit()).at(-1)).toMatchObject({
      entity_id: "2025",
      summary: "Sửa lịch làm việc năm 2025: ngày nghỉ 24/04/2025 (Nghỉ thử) thành ngày nghỉ 28/04/2025 (Nghỉ thử (dời))",
      data: { change: "update", before: { date: "2025-04-24" }, after: { date: "2025-04-28", name: "Nghỉ thử (dời)" } },
    });
  });

  it("refuses to move it onto a date already in the calendar", async () => {
    const result = await save({ originalDate: "2025-04-28", date: "30/04/2025", kind: "holiday" });
    expect(statusOf(result)).toBe(400);
    expect(fieldErrors(result).date![0]).toContain("đã có trong lịch");
  });

  it("says so when nothing changed, and audits nothing", async () => {
    const audits = (await calendarAudit()).length;
    const response = await save({ originalDate: "2025-04-28", date: "28/04/2025", kind: "holiday", name: "Nghỉ thử (dời)" });
    expect(await toastOf(response)).toBe("Không có thay đổi nào để lưu.");
    expect(await calendarAudit()).toHaveLength(audits);
  });

  it("tells the admin when the day was deleted meanwhile", async () => {
    const result = await save({ originalDate: "2025-06-02", date: "02/06/2025", kind: "holiday" });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result).result.error[""]).toEqual(["Ngày 02/06/2025 không còn trong lịch (có thể vừa bị xoá). Hãy tải lại trang."]);
  });
});

describe("deleting a day", () => {
  it("removes it, audits it, and recomputes the outcomes", async () => {
    // Put the holiday back inside the delay, then delete it: the delay is 3 days again.
    await save({ originalDate: "2025-04-28", date: "24/04/2025", kind: "holiday", name: "Nghỉ thử" });
    expect(await lateDays()).toBe(2);
    const response = await submit({ intent: "delete", date: "2025-04-24" });
    expect(statusOf(response)).toBe(302);
    expect(await toastOf(response)).toMatch(/^Đã xoá ngày 24\/04\/2025 khỏi lịch\./);
    expect((await exceptionsOf(2025)).some((e) => e.date === "2025-04-24")).toBe(false);
    expect(await lateDays()).toBe(3);
    expect((await calendarAudit()).at(-1)).toMatchObject({
      entity_id: "2025",
      summary: "Xoá ngày nghỉ 24/04/2025 (Nghỉ thử) khỏi lịch làm việc năm 2025",
      data: { change: "delete", after: null },
    });
  });

  it("answers 404 for a day that is not in the calendar", async () => {
    expect(statusOf(await submit({ intent: "delete", date: "2025-06-02" }))).toBe(404);
    expect(statusOf(await submit({ intent: "delete", date: "2041-06-02" }))).toBe(404);
  });
});

describe("the year's source", () => {
  it("is edited with its provisional flag, and audited", async () => {
    const response = await submit({ intent: "source", year: "2025", source: "Thông báo số 1/TB-BNV", provisional: "on" });
    expect(statusOf(response)).toBe(302);
    expect(await getDb().selectFrom("calendar_year").select(["source", "provisional"]).where("year", "=", 2025).executeTakeFirstOrThrow()).toEqual({
      source: "Thông báo số 1/TB-BNV",
      provisional: true,
    });
    expect((await calendarAudit()).at(-1)).toMatchObject({
      entity_id: "2025",
      data: { change: "source", before: { source: "Nhập từ tệp calendar.csv", provisional: false }, after: { source: "Thông báo số 1/TB-BNV", provisional: true } },
    });
    await submit({ intent: "source", year: "2025", source: "Thông báo số 1/TB-BNV" });
    expect((await getDb().selectFrom("calendar_year").select("provisional").where("year", "=", 2025).executeTakeFirstOrThrow()).provisional).toBe(false);
  });

  it("may not be empty", async () => {
    const result = await submit({ intent: "source", year: "2025", source: "   " });
    expect(statusOf(result)).toBe(400);
    expect(fieldErrors(result).source).toEqual(["Vui lòng ghi căn cứ của lịch năm này."]);
  });
});

describe("importing a calendar file on the page", () => {
  const upload = (name: string, content: string) => submit({ intent: "import", calendar: new File([content], name, { type: "text/csv" }) });

  it("reports every bad row and changes nothing", async () => {
    const before = { exceptions: await exceptionsOf(2025), audit: (await calendarAudit()).length };
    const result = await upload("lich-loi.csv", "date,kind,name\n2025-02-30,holiday,Sai\n2025-03-03,nghi,Sai loại\n2025-03-04,holiday,Đúng\n2025-03-04,workday,Trùng\n");
    expect(statusOf(result)).toBe(422);
    expect(payloadOf(result).errors.map((e: { file: string; line: number; column: string }) => [e.file, e.line, e.column])).toEqual([
      ["lich-loi.csv", 2, "date"],
      ["lich-loi.csv", 3, "kind"],
      ["lich-loi.csv", 5, "date"],
    ]);
    expect({ exceptions: await exceptionsOf(2025), audit: (await calendarAudit()).length }).toEqual(before);
  });

  it("replaces the years in the file and recomputes their outcomes", async () => {
    const calendar = (await readFile(fixture("evidence/calendar.csv"), "utf8")) + "2025-04-23,holiday,Nghỉ thử\n";
    const response = await upload("lich.csv", calendar);
    expect(statusOf(response)).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/admin/calendar?year=2024");
    expect(await toastOf(response)).toBe("Đã nhập lịch làm việc năm 2024, 2025, 2026: 37 ngày nghỉ, 4 ngày làm bù.");
    expect(await lateDays()).toBe(2);
    expect((await exceptionsOf(2025)).some((e) => e.date === "2025-05-03")).toBe(false);
  });

  it("asks for a file when none was chosen", async () => {
    const result = await submit({ intent: "import", calendar: new File([], "") });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result).error).toBe("Hãy chọn tệp lịch (calendar.csv).");
  });
});
