// The new-case form: inspection, title, subject (a unit or an officer) and where the evidence comes from —
// the dossier list's selection carried in the URL, a saved evidence set, or dossier codes typed or pasted.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Button, Card, Group, List, Radio, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { MAX_CASE_DOSSIERS } from "../domain/dossier-codes.js";
import { formatNumber } from "../domain/format.js";
import { caseSchema } from "./CaseSchemas.js";
import { APOLOGY_LABELS, formatMonth, formatPeriodRange, type DossierFilter } from "./DossierFilterParams.js";
import { OfficerSearchSelect, type OfficerChoice } from "./OfficerSearchSelect.js";

type Option = { value: string; label: string };

/** The carried selection as the form shows it: what it is and how many dossiers it freezes. */
export type CarriedSelection = {
  period: { from: string; to: string };
  filter: DossierFilter;
  selection: "all" | number[];
  labels: { unit?: string; procedure?: string; officer?: string };
  dossiers: number;
  late: number;
  problem: string | null;
  listHref: string;
};

function filterLines(c: CarriedSelection): string[] {
  const lines = [`Hồ sơ có ngày hẹn trả từ ${formatPeriodRange(c.period)}${c.filter.lateOnly ? ", chỉ hồ sơ trễ hạn" : ""}`];
  if (c.labels.unit) lines.push(`Đơn vị: ${c.labels.unit}${c.filter.ownUnitOnly ? "" : " (gồm đơn vị cấp dưới)"}`);
  if (c.labels.procedure) lines.push(`Thủ tục: ${c.labels.procedure}`);
  if (c.labels.officer) lines.push(`Cán bộ xử lý: ${c.labels.officer}`);
  if (c.filter.month) lines.push(`Tháng: ${formatMonth(c.filter.month)}`);
  if (c.filter.apology) lines.push(`Văn bản xin lỗi: ${APOLOGY_LABELS[c.filter.apology]}`);
  if (c.filter.q) lines.push(`Mã hồ sơ chứa “${c.filter.q}”`);
  lines.push(c.selection === "all" ? "Chọn: tất cả hồ sơ khớp bộ lọc" : `Chọn: ${formatNumber(c.selection.length)} hồ sơ đã đánh dấu`);
  return lines;
}

function CarriedPreview({ carried }: { carried: CarriedSelection }) {
  return (
    <Card withBorder bg="gray.0" data-testid="carried-selection">
      <Stack gap={6}>
        <Text fw={600}>
          {carried.problem
            ? `Bộ lọc khớp ${formatNumber(carried.dossiers)} hồ sơ`
            : `Sẽ đóng băng ${formatNumber(carried.dossiers)} hồ sơ (${formatNumber(carried.late)} trễ hạn) làm chứng cứ`}
        </Text>
        <List size="sm" spacing={2}>
          {filterLines(carried).map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
        {carried.problem ? (
          <Alert color="red.9" variant="light" role="alert">
            {carried.problem}
          </Alert>
        ) : null}
        <Anchor component={Link} to={carried.listHref} size="sm">
          Xem lại danh sách hồ sơ
        </Anchor>
      </Stack>
    </Card>
  );
}

export function CaseOpenForm({
  inspections,
  evidenceSets,
  units,
  defaults,
  carried,
  lastResult,
}: {
  inspections: Option[];
  evidenceSets: Option[];
  units: Option[];
  defaults: { evidenceSetId?: string; unitId?: string; officer: OfficerChoice | null };
  carried: CarriedSelection | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const busy = useNavigation().state === "submitting";
  const initialSource = carried ? "selection" : "set";
  const [form, fields] = useForm({
    id: "case-form",
    lastResult,
    defaultValue: { subjectKind: defaults.officer ? "officer" : "unit", unitId: defaults.unitId, evidenceSetId: defaults.evidenceSetId, source: initialSource },
    constraint: getZodConstraint(caseSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: caseSchema }),
  });
  const [kind, setKind] = useState<string>(defaults.officer ? "officer" : "unit");
  const [source, setSource] = useState<string>(initialSource);
  const select = (field: typeof fields.inspectionId, label: string, options: Option[], extra: { description?: string } = {}) => (
    <Select
      label={label}
      withAsterisk
      id={field.id}
      name={field.name}
      key={field.key}
      defaultValue={typeof field.initialValue === "string" ? field.initialValue : null}
      data={options}
      searchable
      limit={100}
      nothingFoundMessage="Không tìm thấy"
      error={field.errors?.[0]}
      {...extra}
    />
  );
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack gap="md" maw={760}>
        {form.errors?.length ? (
          <Alert color="red.9" variant="light" role="alert" title="Chưa mở được vụ việc">
            {form.errors.join(" ")}
          </Alert>
        ) : null}
        {select(fields.inspectionId, "Đợt kiểm tra", inspections)}
        <TextInput
          label="Tên vụ việc"
          withAsterisk
          name={fields.title.name}
          id={fields.title.id}
          key={fields.title.key}
          error={fields.title.errors?.[0]}
          placeholder="Ví dụ: Chậm giải quyết hồ sơ TTHC tại UBND phường Cẩm Thành năm 2025"
        />
        <Radio.Group label="Đối tượng kiểm tra" withAsterisk name={fields.subjectKind.name} value={kind} onChange={setKind}>
          <Group mt="xs">
            <Radio value="unit" label="Một đơn vị" />
            <Radio value="officer" label="Một cán bộ" />
          </Group>
        </Radio.Group>
        {kind === "unit" ? (
          select(fields.unitId, "Đơn vị được kiểm tra", units)
        ) : (
          <OfficerSearchSelect
            searchUrl="/evidence/dossiers/officer-search"
            initial={defaults.officer}
            label="Cán bộ được kiểm tra"
            withAsterisk
            name={fields.officerId.name}
            id={fields.officerId.id}
            error={fields.officerId.errors?.[0]}
          />
        )}
        <Radio.Group
          label="Chứng cứ"
          description="Mọi hồ sơ được chọn được đóng băng làm chứng cứ ngay khi mở vụ việc"
          withAsterisk
          name={fields.source.name}
          value={source}
          onChange={setSource}
          error={fields.source.errors?.[0]}
        >
          <Stack mt="xs" gap="xs">
            {carried ? <Radio value="selection" label={`Các hồ sơ chọn từ danh sách hồ sơ (${formatNumber(carried.dossiers)} hồ sơ)`} /> : null}
            <Radio value="set" label="Một bộ chứng cứ đã lưu" />
            <Radio value="codes" label="Nhập hoặc dán mã hồ sơ" />
          </Stack>
        </Radio.Group>
        {source === "selection" && carried ? <CarriedPreview carried={carried} /> : null}
        {source === "set" ? select(fields.evidenceSetId, "Bộ chứng cứ", evidenceSets) : null}
        {source === "codes" ? (
          <Textarea
            label="Mã hồ sơ"
            description={`Mỗi dòng một mã, hoặc cách nhau bằng dấu phẩy; tối đa ${formatNumber(MAX_CASE_DOSSIERS)} mã. Mã không có trong hệ thống sẽ bị từ chối.`}
            withAsterisk
            autosize
            minRows={4}
            maxRows={14}
            name={fields.codes.name}
            id={fields.codes.id}
            key={fields.codes.key}
            defaultValue={typeof fields.codes.initialValue === "string" ? fields.codes.initialValue : undefined}
            error={fields.codes.errors?.[0]}
            styles={{ input: { fontFamily: "monospace" } }}
          />
        ) : null}
        <Group>
          <Button type="submit" loading={busy}>
            Mở vụ việc
          </Button>
          <Button component={Link} to={carried ? carried.listHref : "/cases"} variant="default">
            Hủy
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
