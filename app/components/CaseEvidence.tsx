// The frozen evidence of a case, with a way to take a dossier out (with a reason) while the case is not yet published.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Badge, Button, Group, Popover, Stack, Table, Text, TextInput } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { z } from "zod";
import { formatDateTime } from "../domain/format.js";

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
        <Button size="xs" variant="subtle" color="red">
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

export function CaseEvidenceTable({ rows, canDetach, lastResult }: { rows: CaseEvidenceRow[]; canDetach: boolean; lastResult: SubmissionResult<string[]> | undefined }) {
  if (rows.length === 0) return <Text c="dimmed">Vụ việc chưa có hồ sơ chứng cứ.</Text>;
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
