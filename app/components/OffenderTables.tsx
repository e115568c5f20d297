import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { formatIsoDate, formatNumber } from "../domain/format.js";
import { formatPeriodRange } from "./DossierFilterParams.js";
import { TablePager } from "./Pager.js";
import { saveOffenderSchema } from "./EvidenceSetSchemas.js";

export type OfficerOffenderRow = {
  officerId: number;
  code: string;
  name: string;
  unitId: number | null;
  unitCode: string | null;
  unitName: string | null;
  lateSteps: number;
  lateDossiers: number;
  lateWorkingDays: number;
};

export type UnitOffenderRow = { unitId: number; code: string; name: string; counted: number; late: number; onTimeRate: number };

type Period = { from: string; to: string };

/** An on-time rate with one decimal, Vietnamese style: "85,7%". */
export function formatRate(rate: number): string {
  return `${formatNumber(Math.round(rate * 10) / 10)}%`;
}

export type OffenderSubject = { kind: "officer" | "unit"; subjectId: number; label: string };

export function OfficerOffenderTable({
  rows,
  total,
  period,
  onSave,
}: {
  rows: OfficerOffenderRow[];
  total: number;
  period: Period;
  onSave: ((subject: OffenderSubject) => void) | null;
}) {
  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label="Cán bộ vi phạm lặp lại">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Mã cán bộ</Table.Th>
              <Table.Th scope="col">Họ và tên</Table.Th>
              <Table.Th scope="col">Đơn vị hiện tại</Table.Th>
              <Table.Th scope="col" ta="right">
                Số bước trễ hạn
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Số hồ sơ trễ hạn
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Tổng số ngày làm việc trễ
              </Table.Th>
              <Table.Th scope="col">Hồ sơ</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text c="dimmed" ta="center" py="md">
                    Không có cán bộ nào vượt ngưỡng trong khoảng thời gian này.
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              rows.map((o) => (
                <Table.Tr key={o.officerId} data-testid="officer-offender-row">
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{o.code}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/officers/${o.officerId}`} size="sm">
                      {o.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {o.unitName ?? (
                      <Text c="dimmed" span>
                        Không còn công tác
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" fw={700}>
                    {formatNumber(o.lateSteps)}
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(o.lateDossiers)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(o.lateWorkingDays)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor
                        component={Link}
                        to={`/evidence/dossiers?${new URLSearchParams({ from: period.from, to: period.to, officer: String(o.officerId), late: "1" })}`}
                        size="sm"
                        style={{ whiteSpace: "nowrap" }}
                        aria-label={`Xem ${o.lateDossiers} hồ sơ trễ hạn của ${o.name}`}
                      >
                        Xem hồ sơ
                      </Anchor>
                      {onSave ? (
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={`Lưu hồ sơ trễ hạn của ${o.name} thành bộ chứng cứ`}
                          onClick={() => onSave({ kind: "officer", subjectId: o.officerId, label: `cán bộ ${o.code} – ${o.name}` })}
                        >
                          Lưu thành bộ chứng cứ
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TablePager total={total} param="opage" label="cán bộ" />
    </>
  );
}

export function UnitOffenderTable({
  rows,
  total,
  period,
  onSave,
}: {
  rows: UnitOffenderRow[];
  total: number;
  period: Period;
  onSave: ((subject: OffenderSubject) => void) | null;
}) {
  return (
    <>
      <Table.ScrollContainer minWidth={800}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label="Đơn vị có tỷ lệ đúng hạn thấp">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Mã đơn vị</Table.Th>
              <Table.Th scope="col">Tên đơn vị</Table.Th>
              <Table.Th scope="col" ta="right">
                Số hồ sơ được tính
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Số hồ sơ trễ hạn
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Tỷ lệ đúng hạn
              </Table.Th>
              <Table.Th scope="col">Hồ sơ</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text c="dimmed" ta="center" py="md">
                    Không có đơn vị nào dưới ngưỡng trong khoảng thời gian này.
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              rows.map((u) => (
                <Table.Tr key={u.unitId} data-testid="unit-offender-row">
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{u.code}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/units/${u.unitId}`} size="sm">
                      {u.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(u.counted)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(u.late)}</Table.Td>
                  <Table.Td ta="right" fw={700}>
                    {formatRate(u.onTimeRate)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor
                        component={Link}
                        to={`/evidence/dossiers?${new URLSearchParams({ from: period.from, to: period.to, unit: String(u.unitId), subunits: "0", late: "1" })}`}
                        size="sm"
                        style={{ whiteSpace: "nowrap" }}
                        aria-label={`Xem ${u.late} hồ sơ trễ hạn của ${u.name}`}
                      >
                        Xem hồ sơ
                      </Anchor>
                      {onSave ? (
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={`Lưu hồ sơ trễ hạn của ${u.name} thành bộ chứng cứ`}
                          onClick={() => onSave({ kind: "unit", subjectId: u.unitId, label: `${u.name} (${u.code})` })}
                        >
                          Lưu thành bộ chứng cứ
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TablePager total={total} param="upage" label="đơn vị" />
    </>
  );
}

/** The dialog that names the evidence set of one offender's late dossiers in the window. */
export function OffenderSaveDialog({
  subject,
  period,
  lastResult,
  onClose,
}: {
  subject: OffenderSubject | null;
  period: Period;
  lastResult: SubmissionResult<string[]> | undefined;
  onClose: () => void;
}) {
  return (
    <Modal opened={subject !== null} onClose={onClose} title="Lưu thành bộ chứng cứ" size="lg" closeButtonProps={{ "aria-label": "Đóng hộp thoại" }}>
      {subject ? (
        <OffenderSaveForm
          key={`${subject.kind}-${subject.subjectId}`}
          subject={subject}
          period={period}
          // The answer to an earlier submission belongs to the offender it was about, not to the next one opened.
          lastResult={
            lastResult?.initialValue?.kind === subject.kind && lastResult.initialValue.subjectId === String(subject.subjectId) ? lastResult : undefined
          }
          onClose={onClose}
        />
      ) : null}
    </Modal>
  );
}

function OffenderSaveForm({
  subject,
  period,
  lastResult,
  onClose,
}: {
  subject: OffenderSubject;
  period: Period;
  lastResult: SubmissionResult<string[]> | undefined;
  onClose: () => void;
}) {
  const [form, fields] = useForm({
    id: "offender-set-form",
    lastResult,
    defaultValue: { name: `Hồ sơ trễ hạn của ${subject.label}, ${formatPeriodRange(period)}` },
    constraint: getZodConstraint(saveOffenderSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: saveOffenderSchema }),
  });
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack gap="sm">
        {form.errors?.length ? (
          <Alert color="red.9" variant="light" role="alert" id={form.errorId}>
            {form.errors.map((e) => (
              <div key={e}>{e}</div>
            ))}
          </Alert>
        ) : null}
        <Text size="sm">
          Các hồ sơ trễ hạn của {subject.label} có ngày hẹn trả từ {formatPeriodRange(period)} sẽ được lưu thành một bộ chứng cứ.
        </Text>
        <input type="hidden" name={fields.kind.name} value={subject.kind} />
        <input type="hidden" name={fields.subjectId.name} value={subject.subjectId} />
        <TextInput
          label="Tên bộ chứng cứ"
          withAsterisk
          {...getInputProps(fields.name, { type: "text" })}
          key={fields.name.key}
          error={fields.name.errors?.[0]}
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Hủy
          </Button>
          <Button type="submit" loading={busy}>
            Lưu bộ chứng cứ
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

/** The GET form of the window and thresholds. */
export function OffenderFilters({
  to,
  windowDays,
  minLateSteps,
  maxOnTimeRate,
}: {
  to: string;
  windowDays: number;
  minLateSteps: number;
  maxOnTimeRate: number;
}) {
  const [params] = useSearchParams();
  return (
    <Form method="get" role="search" aria-label="Khoảng thời gian và ngưỡng" key={params.toString()}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput label="Đến ngày" name="to" defaultValue={formatIsoDate(to)} placeholder="dd/mm/yyyy" w={{ base: "100%", sm: 140 }} />
        <TextInput label="Số ngày" name="days" defaultValue={String(windowDays)} inputMode="numeric" w={{ base: "100%", sm: 110 }} />
        <TextInput label="Cán bộ: từ số bước trễ hạn" name="minLate" defaultValue={String(minLateSteps)} inputMode="numeric" w={{ base: "100%", sm: 200 }} />
        <TextInput
          label="Đơn vị: tỷ lệ đúng hạn dưới (%)"
          name="maxRate"
          defaultValue={String(maxOnTimeRate).replace(".", ",")}
          inputMode="decimal"
          w={{ base: "100%", sm: 220 }}
        />
        <Button type="submit">Xem</Button>
        <Button component={Link} to="/evidence/offenders" variant="default">
          Về mặc định
        </Button>
      </Group>
    </Form>
  );
}
