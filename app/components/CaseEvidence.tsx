// The frozen evidence of a case, with ways to add dossiers (by code or from an evidence set) and to take
// one out (with a reason) while the case is not yet published.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Badge, Button, Card, Group, Popover, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { MAX_CASE_DOSSIERS } from "../domain/dossier-codes.js";
import { formatDateTime, formatNumber } from "../domain/format.js";
import { addEvidenceSchema } from "./CaseSchemas.js";

export const detachSchema = z.object({
  intent: z.literal("detach"),
  evidenceId: z.number({ required_error: "Thiếu hồ sơ cần gỡ.", invalid_type_error: "Hồ sơ cần gỡ không hợp lệ." }).int().positive(),
  reason: z.string({ required_error: "Vui lòng nêu lý do gỡ hồ sơ khỏi chứng cứ." }).trim().min(1, "Vui lòng nêu lý do gỡ hồ sơ khỏi chứng cứ.").max(1000, "Lý do dài tối đa 1.000 ký tự."),
});

export type CaseEvidenceRow = {
  id: number;
  dossier_id: number;
  dossier_code: string;
  snapshot_sha256: string;
  added_at: string | Date;
  added_by_name: string;
  detached_at: string | Date | null;
  detached_reason: string | null;
  detached_by_name: string | null;
  changedSince: boolean;
};

function DetachForm({ row, lastResult }: { row: CaseEvidenceRow; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: `detach-${row.id}`,
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: detachSchema }),
  });
  return (
    <Popover width={320} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button size="xs" variant="subtle" color="red.9" c="red.9">
          Gỡ
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="detach" />
          <input type="hidden" name="evidenceId" value={row.id} />
          <Stack gap="xs">
            <TextInput
              label={`Lý do gỡ hồ sơ ${row.dossier_code}`}
              withAsterisk
              {...getInputProps(fields.reason, { type: "text" })}
              key={fields.reason.key}
              error={fields.reason.errors?.[0] ?? form.errors?.[0]}
            />
            <Button type="submit" color="red" size="xs">
              Gỡ khỏi chứng cứ
            </Button>
          </Stack>
        </Form>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Adds dossiers by code and/or every dossier of a saved set; the result comes back as a toast or an error here. */
function AddEvidenceForm({ evidenceSets, lastResult }: { evidenceSets: { value: string; label: string }[]; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "evidence-add",
    // The page's other forms post to the same action: only this form's own reply belongs here.
    lastResult: lastResult?.initialValue?.intent === "evidence-add" ? lastResult : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addEvidenceSchema }),
  });
  const busy = useNavigation().formData?.get("intent") === "evidence-add";
  return (
    <Card withBorder mb="sm" component="section" aria-labelledby="evidence-add-title">
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="evidence-add" />
        <Stack gap="sm">
          <Title order={3} size="h5" id="evidence-add-title">
            Thêm hồ sơ vào chứng cứ
          </Title>
          {form.errors?.length ? (
            <Alert color="red.9" variant="light" role="alert" id={form.errorId}>
              {form.errors.join(" ")}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea
              label="Mã hồ sơ"
              description={`Mỗi dòng một mã, hoặc cách nhau bằng dấu phẩy; tối đa ${formatNumber(MAX_CASE_DOSSIERS)} mã`}
              autosize
              minRows={3}
              maxRows={10}
              name={fields.codes.name}
              id={fields.codes.id}
              key={fields.codes.key}
              defaultValue={typeof fields.codes.initialValue === "string" ? fields.codes.initialValue : undefined}
              error={fields.codes.errors?.[0]}
              styles={{ input: { fontFamily: "monospace" } }}
            />
            <Select
              label="Hoặc mọi hồ sơ của một bộ chứng cứ"
              description="Không bắt buộc"
              name={fields.evidenceSetId.name}
              id={fields.evidenceSetId.id}
              key={fields.evidenceSetId.key}
              data={evidenceSets}
              searchable
              clearable
              limit={100}
              nothingFoundMessage="Không tìm thấy"
              error={fields.evidenceSetId.errors?.[0]}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" variant="light" loading={busy}>
              Thêm vào chứng cứ
            </Button>
            <Text size="sm" c="dimmed">
              Hồ sơ đã có trong chứng cứ được bỏ qua và được liệt kê lại.
            </Text>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

export function CaseEvidenceTable({
  rows,
  canDetach,
  lastResult,
  canAdd = false,
  evidenceSets = [],
}: {
  rows: CaseEvidenceRow[];
  canDetach: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
  canAdd?: boolean;
  evidenceSets?: { value: string; label: string }[];
}) {
  return (
    <>
      {/* Keyed by the number of rows: after an addition the form starts empty again. */}
      {canAdd ? <AddEvidenceForm key={rows.length} evidenceSets={evidenceSets} lastResult={lastResult} /> : null}
      {rows.length === 0 ? <Text c="dimmed">Vụ việc chưa có hồ sơ chứng cứ.</Text> : <EvidenceRows rows={rows} canDetach={canDetach} lastResult={lastResult} />}
    </>
  );
}

function EvidenceRows({ rows, canDetach, lastResult }: { rows: CaseEvidenceRow[]; canDetach: boolean; lastResult: SubmissionResult<string[]> | undefined }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-label="Chứng cứ của vụ việc">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Mã hồ sơ</Table.Th>
            <Table.Th>Đóng băng lúc</Table.Th>
            <Table.Th>Người đưa vào</Table.Th>
            <Table.Th>Mã băm SHA-256</Table.Th>
            <Table.Th>Tình trạng</Table.Th>
            {canDetach ? <Table.Th aria-label="Thao tác" /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} style={r.detached_at ? { opacity: 0.6 } : undefined}>
              <Table.Td>
                <Anchor component={Link} to={`/evidence/dossiers/${r.dossier_id}`}>
                  {r.dossier_code}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDateTime(r.added_at)}</Table.Td>
              <Table.Td>{r.added_by_name}</Table.Td>
              <Table.Td>
                <Text ff="monospace" size="xs" title={r.snapshot_sha256}>
                  {r.snapshot_sha256.slice(0, 16)}…
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {r.detached_at ? (
                    <Badge color="gray" variant="light" title={r.detached_reason ?? undefined}>
                      Đã gỡ {formatDateTime(r.detached_at)}
                    </Badge>
                  ) : null}
                  {r.changedSince ? (
                    <Badge color="orange" variant="light">
                      Dữ liệu gốc đã thay đổi sau khi đóng băng
                    </Badge>
                  ) : null}
                  {r.detached_reason ? <Text size="xs">Lý do gỡ: {r.detached_reason}</Text> : null}
                </Group>
              </Table.Td>
              {canDetach ? <Table.Td>{r.detached_at ? null : <DetachForm row={r} lastResult={lastResult} />}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
