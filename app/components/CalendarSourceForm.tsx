import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Button, Card, Checkbox, Stack, Textarea, Title } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { sourceSchema } from "./CalendarSchemas.js";

/** The year's source (legal basis, announcements) and whether its days are only an estimate. */
export function CalendarSourceForm({
  year,
  source,
  provisional,
  lastResult,
}: {
  year: number;
  source: string | null;
  provisional: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "source";
  const [form, fields] = useForm({
    id: `calendar-source-${year}`,
    lastResult,
    defaultValue: { source: source ?? "", provisional: provisional ? "on" : undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sourceSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        Căn cứ của lịch năm {year}
      </Title>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="source" />
        <input type="hidden" name="year" value={year} />
        <Stack gap="sm">
          {form.errors?.length ? (
            <Alert color="red.9" variant="light" role="alert" id={form.errorId}>
              {form.errors.join(" ")}
            </Alert>
          ) : null}
          <Textarea
            label="Căn cứ"
            description="Văn bản pháp luật và thông báo về lịch nghỉ, làm bù của năm"
            withAsterisk
            autosize
            minRows={4}
            maxRows={14}
            id={fields.source.id}
            name={fields.source.name}
            defaultValue={typeof fields.source.initialValue === "string" ? fields.source.initialValue : ""}
            key={fields.source.key}
            error={fields.source.errors?.[0]}
            aria-invalid={fields.source.errors ? true : undefined}
          />
          <Checkbox
            label="Dự kiến (chưa có thông báo chính thức)"
            id={fields.provisional.id}
            name={fields.provisional.name}
            defaultChecked={fields.provisional.initialValue === "on"}
            key={fields.provisional.key}
          />
          <div>
            <Button type="submit" variant="outline" loading={busy}>
              Lưu căn cứ
            </Button>
          </div>
        </Stack>
      </Form>
    </Card>
  );
}
