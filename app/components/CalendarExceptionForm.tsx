import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Button, Card, Group, NativeSelect, Stack, TextInput, Title } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { formatIsoDate, parseDateInput } from "../domain/format.js";
import { EXCEPTION_KIND_LABELS, EXCEPTION_KINDS, exceptionWarning } from "./CalendarLabels.js";
import { exceptionSchema } from "./CalendarSchemas.js";

const KIND_OPTIONS = [{ value: "", label: "— Chọn loại ngày —" }, ...EXCEPTION_KINDS.map((k) => ({ value: k, label: EXCEPTION_KIND_LABELS[k] }))];

/** Adds a day to the year's calendar, or edits one (`editing`). Warns, without refusing, about a day that changes nothing. */
export function CalendarExceptionForm({
  year,
  editing,
  lastResult,
}: {
  year: number;
  editing: { date: string; kind: string; name: string | null } | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "save";
  const [form, fields] = useForm({
    id: editing ? `calendar-edit-${editing.date}` : "calendar-add",
    lastResult,
    defaultValue: editing ? { date: formatIsoDate(editing.date), kind: editing.kind, name: editing.name ?? "" } : { kind: "holiday" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: exceptionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const typedDate = typeof fields.date.value === "string" ? parseDateInput(fields.date.value) : null;
  const kind = typeof fields.kind.value === "string" ? fields.kind.value : "";
  const warning = typedDate && Number(typedDate.slice(0, 4)) === year ? exceptionWarning(typedDate, kind) : null;
  const { key: _dateKey, "aria-describedby": _d, ...dateProps } = getInputProps(fields.date, { type: "text" });
  const { key: _nameKey, "aria-describedby": _n, ...nameProps } = getInputProps(fields.name, { type: "text" });
  const { key: _kindKey, "aria-describedby": _k, ...kindProps } = getSelectProps(fields.kind);
  return (
    <Card withBorder data-testid="calendar-exception-form">
      <Title order={2} size="h4" mb="xs">
        {editing ? `Sửa ngày ${formatIsoDate(editing.date)}` : `Thêm ngày vào lịch năm ${year}`}
      </Title>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="year" value={year} />
        {editing ? <input type="hidden" name="originalDate" value={editing.date} /> : null}
        <Stack gap="sm">
          {form.errors?.length ? (
            <Alert color="red.9" variant="light" role="alert" id={form.errorId}>
              {form.errors.join(" ")}
            </Alert>
          ) : null}
          <TextInput label="Ngày" withAsterisk placeholder="dd/mm/yyyy" {...dateProps} key={fields.date.key} error={fields.date.errors?.[0]} />
          <NativeSelect label="Loại ngày" withAsterisk data={KIND_OPTIONS} {...kindProps} key={fields.kind.key} error={fields.kind.errors?.[0]} />
          <TextInput
            label="Tên ngày"
            placeholder="Ví dụ: Tết Nguyên đán, Làm bù cho ngày 02/5"
            {...nameProps}
            key={fields.name.key}
            error={fields.name.errors?.[0]}
          />
          {warning ? (
            <Alert color="yellow.9" variant="light" title="Lưu ý" data-testid="calendar-warning" styles={{ title: { color: "var(--mantine-color-text)" } }}>
              {warning} Vẫn có thể lưu.
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={busy}>
              {editing ? "Lưu thay đổi" : "Thêm ngày"}
            </Button>
            {editing ? (
              <Button component={Link} to={`/admin/calendar?year=${year}`} variant="default">
                Huỷ
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}
