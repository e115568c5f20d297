import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Button, Card, Checkbox, Group, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { formatNumber } from "../domain/format.js";
import { DossierTable, type DossierTableRow } from "./DossierTable.js";
import { saveSelectionSchema } from "./EvidenceSetSchemas.js";

/**
 * The dossier list of an inspector: a box on each row, a link that opens a case from the ticked
 * dossiers, or from every dossier matching the filter (the new-case form shows what it will freeze),
 * and the form that saves the same choice as an evidence set. The boxes sit in the table, outside the
 * form (the pager between them navigates), and join it by the `form` attribute. Ticks stay on their
 * page: another page is another list (choose "tất cả" for more than a page).
 */
export function EvidenceSetSelectionForm({
  rows,
  total,
  detailSearch,
  showLateBadge,
  lastResult,
  pager,
  openCaseHref,
}: {
  rows: DossierTableRow[];
  total: number;
  detailSearch: string;
  showLateBadge: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
  pager: ReactNode;
  /** The new-case form's URL for a choice; none for users who may not open cases. */
  openCaseHref?: (selection: "all" | number[]) => string;
}) {
  const [selected, setSelected] = useState<Set<number>>(() => new Set());
  const [all, setAll] = useState(false);
  const [form, fields] = useForm({
    id: "evidence-set-selection",
    lastResult,
    constraint: getZodConstraint(saveSelectionSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: saveSelectionSchema }),
  });
  const busy = useNavigation().state === "submitting";
  const chosen = all ? total : selected.size;
  const errors = [...(form.errors ?? []), ...(fields.dossierIds.errors ?? [])];
  return (
    <>
      <DossierTable
        rows={rows}
        detailSearch={detailSearch}
        showLateBadge={showLateBadge}
        selection={{
          name: fields.dossierIds.name,
          form: form.id,
          selected,
          allChosen: all,
          onToggle: (id, checked) =>
            setSelected((prev) => {
              const next = new Set(prev);
              if (checked) next.add(id);
              else next.delete(id);
              return next;
            }),
          onTogglePage: (checked) => setSelected(checked ? new Set(rows.map((r) => r.id)) : new Set()),
        }}
      />
      {pager}
      <Form method="post" {...getFormProps(form)}>
        <Card withBorder mt="md">
          <Stack gap="sm" maw={760}>
            <Title order={2} size="h4">
              {openCaseHref ? "Mở vụ việc hoặc lưu bộ chứng cứ" : "Lưu thành bộ chứng cứ"}
            </Title>
            {errors.length > 0 ? (
              <Alert color="red.9" variant="light" role="alert" id={form.errorId}>
                {errors.map((e) => (
                  <div key={e}>{e}</div>
                ))}
              </Alert>
            ) : null}
            <Checkbox
              name={fields.all.name}
              value="on"
              checked={all}
              onChange={(e) => setAll(e.currentTarget.checked)}
              disabled={total === 0}
              label={`Chọn tất cả ${formatNumber(total)} hồ sơ khớp bộ lọc (mọi trang)`}
            />
            <Text size="sm" aria-live="polite">
              {chosen === 0 ? "Chưa chọn hồ sơ nào." : `Đã chọn ${formatNumber(chosen)} hồ sơ.`}
            </Text>
            {openCaseHref ? (
              <Group gap="sm">
                {chosen === 0 ? (
                  <Button variant="light" disabled>
                    Mở vụ việc từ các hồ sơ đã chọn
                  </Button>
                ) : (
                  <Button component={Link} variant="light" to={openCaseHref(all ? "all" : [...selected])}>
                    {all ? `Mở vụ việc từ tất cả ${formatNumber(total)} hồ sơ theo bộ lọc` : `Mở vụ việc từ ${formatNumber(chosen)} hồ sơ đã chọn`}
                  </Button>
                )}
                <Text size="sm" c="dimmed">
                  hoặc lưu thành bộ chứng cứ để dùng sau:
                </Text>
              </Group>
            ) : null}
            <TextInput
              label="Tên bộ chứng cứ"
              withAsterisk
              {...getInputProps(fields.name, { type: "text" })}
              key={fields.name.key}
              error={fields.name.errors?.[0]}
              placeholder="Ví dụ: Hồ sơ trễ hạn của Sở Xây dựng quý I/2025"
            />
            <Textarea
              label="Mô tả"
              description="Không bắt buộc"
              autosize
              minRows={2}
              {...getTextareaProps(fields.description)}
              key={fields.description.key}
              error={fields.description.errors?.[0]}
            />
            <Group>
              <Button type="submit" loading={busy} disabled={chosen === 0}>
                Lưu bộ chứng cứ
              </Button>
            </Group>
          </Stack>
        </Card>
      </Form>
    </>
  );
}
