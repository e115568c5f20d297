// The working-day calendar as an admin edits it, one year at a time: the year's source (the legal basis
// and announcements) and its exceptions (a weekday off, a weekend day worked). Every change is one
// transaction that appends its audit event and recomputes the stored outcomes of the dossiers whose
// delay may cross that year, so that dashboards never count with an old calendar.
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import { exceptionKindLabel, exceptionWarning, type ExceptionKind } from "../components/CalendarLabels.js";
import { WorkCalendar } from "../domain/calendar.js";
import { formatIsoDate } from "../domain/format.js";
import { appendAudit } from "./audit.server.js";
import { recomputeOutcomesForYears } from "./outcomes.server.js";

/** The years the year picker always offers; stored years outside it are offered too. */
export const CALENDAR_PICKER_YEARS = { from: 2019, to: 2030 } as const;
/** What the database accepts (calendar_year's check). */
export const CALENDAR_YEAR_LIMITS = { from: 1990, to: 2100 } as const;

export type CalendarExceptionRow = { date: string; kind: ExceptionKind; name: string | null };

export type CalendarYearView = {
  year: number;
  /** False when the year has no calendar_year row: every Monday–Friday is then a working day. */
  stored: boolean;
  source: string | null;
  provisional: boolean;
  updatedAt: Date | null;
  exceptions: CalendarExceptionRow[];
  workingDays: number;
  /** Working days of January … December. */
  workingDaysByMonth: number[];
};

export async function calendarYearOptions(db: Database): Promise<number[]> {
  const stored = await db.selectFrom("calendar_year").select("year").execute();
  const years = new Set(stored.map((r) => r.year));
  for (let y = CALENDAR_PICKER_YEARS.from; y <= CALENDAR_PICKER_YEARS.to; y++) years.add(y);
  return [...years].sort((a, b) => a - b);
}

const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

export async function getCalendarYear(db: Database, year: number): Promise<CalendarYearView> {
  const [row, exceptions] = await Promise.all([
    db.selectFrom("calendar_year").select(["source", "provisional", "updated_at"]).where("year", "=", year).executeTakeFirst(),
    db.selectFrom("calendar_exception").select(["date", "kind", "name"]).where("year", "=", year).orderBy("date").execute(),
  ]);
  const rows = exceptions.map((e) => ({ date: e.date, kind: e.kind as ExceptionKind, name: e.name }));
  // Exceptions are stored under the year of their date, so this year's rows decide its working days.
  const calendar = WorkCalendar.fromExceptions(rows.map((e) => ({ ...e, name: e.name ?? "" })));
  const workingDaysByMonth = Array.from({ length: 12 }, (_, m) => calendar.workingDaysBetween(lastDayOf(year, m), lastDayOf(year, m + 1)));
  return {
    year,
    stored: row !== undefined,
    source: row?.source ?? null,
    provisional: row?.provisional ?? false,
    updatedAt: row?.updated_at ?? null,
    exceptions: rows,
    workingDays: workingDaysByMonth.reduce((a, b) => a + b, 0),
    workingDaysByMonth,
  };
}

export async function getCalendarException(db: Database | Tx, date: string): Promise<CalendarExceptionRow | null> {
  const row = await db.selectFrom("calendar_exception").select(["date", "kind", "name"]).where("date", "=", date).executeTakeFirst();
  return row ? { date: row.date, kind: row.kind as ExceptionKind, name: row.name } : null;
}

export type CalendarWriteResult =
  | { ok: true; changed: boolean; warning: string | null; recomputed: number }
  | { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] };

const NEW_YEAR_SOURCE = "Chưa ghi căn cứ: năm được tạo khi thêm ngày trên trang Lịch làm việc.";

/**
 * The year's row, created if missing, locked for the rest of the transaction: two admins editing the
 * same year take turns, and each sees the other's change before deciding "one row per date".
 */
async function lockYear(trx: Tx, year: number) {
  await trx.insertInto("calendar_year").values({ year, source: NEW_YEAR_SOURCE, provisional: false }).onConflict((oc) => oc.column("year").doNothing()).execute();
  await sql`select year from calendar_year where year = ${year} for update`.execute(trx);
}

async function touchYear(trx: Tx, year: number) {
  await trx.updateTable("calendar_year").set({ updated_at: sql`now()` }).where("year", "=", year).execute();
}

const describe = (e: { date: string; kind: string; name: string | null }) =>
  `${exceptionKindLabel(e.kind).toLocaleLowerCase("vi")} ${formatIsoDate(e.date)}${e.name ? ` (${e.name})` : ""}`;

/**
 * Adds an exception (originalDate null) or edits the one at originalDate. One row per date; the date
 * must lie in the year being edited (a row belongs to the year of its date).
 */
export async function saveCalendarException(
  db: Database,
  input: { year: number; originalDate: string | null; date: string; kind: ExceptionKind; name: string | null; userId: string },
): Promise<CalendarWriteResult> {
  const { year, originalDate, date, kind, userId } = input;
  const name = input.name?.trim().normalize("NFC") || null;
  if (Number(date.slice(0, 4)) !== year) return { ok: false, fieldErrors: { date: [`Ngày phải thuộc năm ${year}.`] }, formErrors: [] };
  return db.transaction().execute(async (trx): Promise<CalendarWriteResult> => {
    await lockYear(trx, year);
    const before = originalDate === null ? null : await getCalendarException(trx, originalDate);
    if (originalDate !== null && !before) {
      return { ok: false, fieldErrors: {}, formErrors: [`Ngày ${formatIsoDate(originalDate)} không còn trong lịch (có thể vừa bị xoá). Hãy tải lại trang.`] };
    }
    if (date !== originalDate) {
      const taken = await getCalendarException(trx, date);
      if (taken) {
        return {
          ok: false,
          fieldErrors: { date: [`Ngày ${formatIsoDate(date)} đã có trong lịch (${describe(taken)}). Mỗi ngày chỉ có một dòng: hãy sửa dòng đó.`] },
          formErrors: [],
        };
      }
    }
    const after = { date, kind, name };
    if (before && before.date === after.date && before.kind === after.kind && before.name === after.name) {
      return { ok: true, changed: false, warning: exceptionWarning(date, kind), recomputed: 0 };
    }
    if (before) {
      await trx.updateTable("calendar_exception").set({ date, kind, name, year }).where("date", "=", before.date).execute();
    } else {
      await trx.insertInto("calendar_exception").values({ date, kind, name, year }).execute();
    }
    await touchYear(trx, year);
    const recomputed = await recomputeOutcomesForYears(trx, [year]);
    await appendAudit(trx, {
      actorUserId: userId,
      action: "calendar.update",
      entityType: "calendar",
      entityId: year,
      summary: before
        ? `Sửa lịch làm việc năm ${year}: ${describe(before)} thành ${describe(after)}`
        : `Thêm ${describe(after)} vào lịch làm việc năm ${year}`,
      data: { change: before ? "update" : "create", before, after, recomputedOutcomes: recomputed },
    });
    return { ok: true, changed: true, warning: exceptionWarning(date, kind), recomputed };
  });
}

/** Deletes the exception at a date; null when there is none. */
export async function deleteCalendarException(db: Database, input: { date: string; userId: string }): Promise<{ year: number; recomputed: number } | null> {
  return db.transaction().execute(async (trx) => {
    const year = Number(input.date.slice(0, 4));
    const exists = await trx.selectFrom("calendar_year").select("year").where("year", "=", year).executeTakeFirst();
    if (!exists) return null;
    await lockYear(trx, year);
    const before = await getCalendarException(trx, input.date);
    if (!before) return null;
    await trx.deleteFrom("calendar_exception").where("date", "=", input.date).execute();
    await touchYear(trx, year);
    const recomputed = await recomputeOutcomesForYears(trx, [year]);
    await appendAudit(trx, {
      actorUserId: input.userId,
      action: "calendar.update",
      entityType: "calendar",
      entityId: year,
      summary: `Xoá ${describe(before)} khỏi lịch làm việc năm ${year}`,
      data: { change: "delete", before, after: null, recomputedOutcomes: recomputed },
    });
    return { year, recomputed };
  });
}

/** Edits the year's source text and provisional flag (creating the year if it has no row yet). */
export async function updateCalendarYear(
  db: Database,
  input: { year: number; source: string; provisional: boolean; userId: string },
): Promise<{ changed: boolean; recomputed: number }> {
  const source = input.source.trim().normalize("NFC");
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("calendar_year").select(["source", "provisional"]).where("year", "=", input.year).forUpdate().executeTakeFirst();
    if (before && before.source === source && before.provisional === input.provisional) return { changed: false, recomputed: 0 };
    await trx
      .insertInto("calendar_year")
      .values({ year: input.year, source, provisional: input.provisional })
      .onConflict((oc) => oc.column("year").doUpdateSet({ source, provisional: input.provisional, updated_at: sql`now()` }))
      .execute();
    // The source changes no date, so no outcome can change; recomputing anyway keeps "every calendar
    // change recomputes" free of exceptions, and costs one year's dossiers.
    const recomputed = await recomputeOutcomesForYears(trx, [input.year]);
    await appendAudit(trx, {
      actorUserId: input.userId,
      action: "calendar.update",
      entityType: "calendar",
      entityId: input.year,
      summary: `Sửa căn cứ của lịch làm việc năm ${input.year}${before && before.provisional !== input.provisional ? (input.provisional ? " (đánh dấu dự kiến)" : " (bỏ đánh dấu dự kiến)") : ""}`,
      data: { change: "source", before: before ?? null, after: { source, provisional: input.provisional }, recomputedOutcomes: recomputed },
    });
    return { changed: true, recomputed };
  });
}
