import { parseWithZod } from "../forms.js";
import { Alert, Grid, Stack } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { CalendarExceptionForm } from "../components/CalendarExceptionForm.js";
import { CalendarImportForm } from "../components/CalendarImportForm.js";
import { exceptionKindLabel } from "../components/CalendarLabels.js";
import { deleteExceptionSchema, exceptionSchema, sourceSchema } from "../components/CalendarSchemas.js";
import { CalendarSourceForm } from "../components/CalendarSourceForm.js";
import { CalendarExceptionTable, CalendarMonthTable, CalendarSummary, CalendarYearPicker } from "../components/CalendarYear.js";
import { EvidenceImportReport, READABLE_TITLE } from "../components/EvidenceImportReport.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { formatIsoDate, formatNumber, todayInVietnam } from "../domain/format.js";
import { badRequest, invariantFound } from "../http.server.js";
import { calendarYearOptions, deleteCalendarException, getCalendarYear, saveCalendarException, updateCalendarYear } from "../models/calendar.server.js";
import { importCalendar } from "../models/evidence-import.server.js";
import { readCsvUploads } from "../models/import-jobs.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Lịch làm việc ${data?.calendar.year ?? ""} — KTCV` }];

const MAX_CALENDAR_MB = 2;

function yearOf(text: string | null): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1990 && n <= 2100 ? n : Number(todayInVietnam().slice(0, 4));
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:calendar");
  const params = new URL(request.url).searchParams;
  const year = yearOf(params.get("year"));
  const [calendar, years] = await Promise.all([getCalendarYear(getDb(), year), calendarYearOptions(getDb())]);
  const edit = params.get("edit");
  return { calendar, years, editing: calendar.exceptions.find((e) => e.date === edit) ?? null, maxCalendarMb: MAX_CALENDAR_MB };
}

const back = (year: number) => `/admin/calendar?year=${year}`;
const recomputedNote = (n: number) => (n > 0 ? ` Đã tính lại kết quả của ${formatNumber(n)} hồ sơ.` : "");

// Four forms post here, told apart by `intent`. The calendar file comes as multipart; the other forms
// are read the same way when they come so (a client may send any form as multipart).
const FIELDS = ["intent", "year", "originalDate", "date", "kind", "name", "source", "provisional"];

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:calendar");
  let formData: FormData;
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const upload = await readCsvUploads(request, ["calendar"], MAX_CALENDAR_MB, FIELDS);
    if (!upload.ok) return data({ intent: "import" as const, error: upload.error }, { status: upload.status });
    if (upload.fields.get("intent") === "import") {
      if (!upload.files.calendar) return data({ intent: "import" as const, error: "Hãy chọn tệp lịch (calendar.csv)." }, { status: 400 });
      const result = await importCalendar(getDb(), { file: upload.files.calendar, userId: user.id });
      if (!result.ok) {
        const name = upload.files.calendar.fileName;
        return data({ intent: "import" as const, errors: result.errors.map((e) => ({ ...e, file: name })) }, { status: 422 });
      }
      return redirectWithToast(
        back(result.years[0] ?? yearOf(null)),
        `Đã nhập lịch làm việc năm ${result.years.join(", ")}: ${formatNumber(result.holidays)} ngày nghỉ, ${formatNumber(result.workdays)} ngày làm bù.`,
      );
    }
    formData = upload.fields;
  } else {
    formData = await request.formData();
  }
  const intent = formData.get("intent");
  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: exceptionSchema });
    if (submission.status !== "success") return data({ intent: "save" as const, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const result = await saveCalendarException(getDb(), {
      year: v.year,
      originalDate: v.originalDate ?? null,
      date: v.date,
      kind: v.kind,
      name: v.name ?? null,
      userId: user.id,
    });
    if (!result.ok) return data({ intent: "save" as const, result: submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }) }, { status: 400 });
    const what = `${exceptionKindLabel(v.kind).toLocaleLowerCase("vi")} ${formatIsoDate(v.date)}`;
    const message = !result.changed
      ? "Không có thay đổi nào để lưu."
      : `${v.originalDate ? `Đã lưu ${what}` : `Đã thêm ${what} vào lịch năm ${v.year}`}.${recomputedNote(result.recomputed)}`;
    return redirectWithToast(back(v.year), result.warning ? `${message} Lưu ý: ${result.warning}` : message);
  }
  if (intent === "delete") {
    const submission = parseWithZod(formData, { schema: deleteExceptionSchema });
    if (submission.status !== "success") throw badRequest("Ngày cần xoá không hợp lệ.");
    const result = invariantFound(await deleteCalendarException(getDb(), { date: submission.value.date, userId: user.id }), "Ngày này không có trong lịch.");
    return redirectWithToast(back(result.year), `Đã xoá ngày ${formatIsoDate(submission.value.date)} khỏi lịch.${recomputedNote(result.recomputed)}`);
  }
  if (intent === "source") {
    const submission = parseWithZod(formData, { schema: sourceSchema });
    if (submission.status !== "success") return data({ intent: "source" as const, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const result = await updateCalendarYear(getDb(), { year: v.year, source: v.source, provisional: v.provisional, userId: user.id });
    return redirectWithToast(back(v.year), result.changed ? `Đã lưu căn cứ của lịch năm ${v.year}.` : "Không có thay đổi nào để lưu.");
  }
  throw badRequest("Thao tác không hợp lệ.");
}

export default function CalendarAdmin() {
  const { calendar, years, editing, maxCalendarMb } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: "save" | "source") => (actionData?.intent === intent && "result" in actionData ? actionData.result : undefined);
  const holidays = calendar.exceptions.filter((e) => e.kind === "holiday").length;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Lịch làm việc"
        description="Ngày nghỉ lễ, Tết và ngày làm bù: căn cứ để đếm ngày làm việc khi xét hồ sơ trễ hạn. Mỗi thay đổi được ghi nhật ký và tính lại kết quả các hồ sơ liên quan."
        actions={<CalendarYearPicker year={calendar.year} years={years} />}
      />
      {actionData?.intent === "import" && "error" in actionData ? (
        <Alert color="red.9" variant="light" role="alert" title="Chưa nhập được lịch" styles={READABLE_TITLE}>
          {actionData.error}
        </Alert>
      ) : null}
      {actionData?.intent === "import" && "errors" in actionData ? <EvidenceImportReport errors={actionData.errors} /> : null}
      {/* Remount the forms after a save: they show what the server now holds. */}
      <Grid gutter="lg" key={JSON.stringify([calendar.year, calendar.updatedAt, editing?.date])}>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <CalendarSummary
              year={calendar.year}
              stored={calendar.stored}
              source={calendar.source}
              provisional={calendar.provisional}
              updatedAt={calendar.updatedAt}
              workingDays={calendar.workingDays}
              holidays={holidays}
              workdays={calendar.exceptions.length - holidays}
            />
            <CalendarExceptionTable year={calendar.year} rows={calendar.exceptions} editing={editing?.date ?? null} />
            <CalendarMonthTable year={calendar.year} byMonth={calendar.workingDaysByMonth} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <CalendarExceptionForm year={calendar.year} editing={editing} lastResult={resultFor("save")} />
            <CalendarSourceForm year={calendar.year} source={calendar.source} provisional={calendar.provisional} lastResult={resultFor("source")} />
            <CalendarImportForm maxFileMb={maxCalendarMb} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
