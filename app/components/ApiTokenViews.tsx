import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Badge, Button, Code, CopyButton, Fieldset, Group, MultiSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { formatDateTime } from "../domain/format.js";
import { issueTokenSchema } from "./ApiTokenSchemas.js";
import { foldVietnamese } from "./UserTextSearch.js";
import { EmptyRow } from "./DashboardSection.js";

export type ApiTokenRow = {
  id: number;
  name: string;
  prefix: string;
  units: { code: string; name: string }[];
  created_at: string;
  created_by_name: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by_name: string | null;
};

type UnitOption = { id: number; code: string; name: string };

/** The new token, shown once: KTCV keeps only its hash. */
export function IssuedToken({ issued }: { issued: { name: string; token: string } }) {
  return (
    <Alert color="orange.9" variant="light" role="alert" title={`Khoá API mới cho “${issued.name}” — hãy sao chép ngay`} data-testid="issued-token">
      <Stack gap="sm">
        <Text size="sm">
          Khoá chỉ hiện <strong>một lần duy nhất</strong>: KTCV chỉ lưu mã băm của khoá, nên khi rời hoặc tải lại trang này sẽ không xem lại được. Hãy dán khoá
          vào cấu hình của phần mềm nhân sự ngay bây giờ và không gửi qua thư điện tử hay tin nhắn. Nếu làm mất khoá, hãy thu hồi và cấp khoá mới.
        </Text>
        <Code block data-testid="issued-token-value">
          {issued.token}
        </Code>
        <Group>
          <CopyButton value={issued.token}>
            {({ copied, copy }) => (
              <Button onClick={copy} color={copied ? "green.9" : undefined} variant={copied ? "light" : "filled"}>
                {copied ? "Đã sao chép khoá" : "Sao chép khoá"}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}

export function IssueTokenForm({ units, lastResult }: { units: UnitOption[]; lastResult: SubmissionResult<string[]> | undefined }) {
  const busy = useNavigation().formData?.get("intent") === "issue";
  const [form, fields] = useForm({
    id: "api-token-issue",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: issueTokenSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const { key: _key, "aria-describedby": _d, ...nameProps } = getInputProps(fields.name, { type: "text" });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="issue" />
      <Fieldset legend="Cấp khoá mới">
        <Stack>
          {form.errors?.length ? (
            <Alert color="red.9" variant="light" role="alert" title="Chưa cấp được khoá" id={form.errorId}>
              {form.errors.join(" ")}
            </Alert>
          ) : null}
          <TextInput
            label="Phần mềm sử dụng khoá"
            description="Tên hiện trong thông báo khi nội dung kết luận đã được phần mềm này ghi nhận, ví dụ “Phần mềm quản lý cán bộ của Sở Y tế”."
            withAsterisk
            autoComplete="off"
            {...nameProps}
            error={fields.name.errors?.[0]}
          />
          <MultiSelect
            label="Đơn vị trong phạm vi"
            description="Phần mềm chỉ đọc và ghi nhận được nội dung kết luận về các đơn vị này, các đơn vị trực thuộc và cán bộ của họ."
            withAsterisk
            placeholder="Gõ tên hoặc mã đơn vị"
            id={fields.unitIds.id}
            name={fields.unitIds.name}
            key={fields.unitIds.key}
            data={units.map((u) => ({ value: String(u.id), label: `${u.name} (${u.code})` }))}
            searchable
            clearable
            filter={({ options, search }) => {
              const needle = foldVietnamese(search.trim());
              return options.filter((o) => "label" in o && foldVietnamese(o.label).includes(needle));
            }}
            limit={100}
            nothingFoundMessage="Không tìm thấy đơn vị"
            error={fields.unitIds.errors?.[0]}
          />
          <Group>
            <Button type="submit" loading={busy}>
              Cấp khoá
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </Form>
  );
}

function RevokeButton({ token }: { token: ApiTokenRow }) {
  const navigation = useNavigation();
  const busy = navigation.formData?.get("intent") === "revoke" && navigation.formData?.get("tokenId") === String(token.id);
  return (
    <Form
      method="post"
      onSubmit={(e) => {
        if (!window.confirm(`Thu hồi khoá ${token.prefix}… của “${token.name}”? Phần mềm dùng khoá này sẽ không gọi API được nữa; không thể hoàn tác.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="revoke" />
      <input type="hidden" name="tokenId" value={token.id} />
      <Button type="submit" size="compact-sm" variant="outline" color="red.9" loading={busy} aria-label={`Thu hồi khoá ${token.prefix}… của ${token.name}`}>
        Thu hồi
      </Button>
    </Form>
  );
}

export function ApiTokenTable({ rows }: { rows: ApiTokenRow[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label="Danh sách khoá API">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Phần mềm</Table.Th>
            <Table.Th scope="col">Khoá</Table.Th>
            <Table.Th scope="col">Đơn vị trong phạm vi</Table.Th>
            <Table.Th scope="col">Cấp lúc</Table.Th>
            <Table.Th scope="col">Dùng lần cuối</Table.Th>
            <Table.Th scope="col">Trạng thái</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <EmptyRow colSpan={6} text="Chưa cấp khoá API nào." />
          ) : (
            rows.map((t) => (
              <Table.Tr key={t.id} data-testid="api-token-row">
                <Table.Td fw={600}>{t.name}</Table.Td>
                <Table.Td>
                  <Code>{t.prefix}…</Code>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {t.units.map((u) => (
                      <Text key={u.code} size="sm">
                        {u.name} ({u.code})
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(t.created_at)}</Text>
                  <Text size="xs" c="dimmed">
                    {t.created_by_name}
                  </Text>
                </Table.Td>
                <Table.Td>{t.last_used_at ? formatDateTime(t.last_used_at) : <Text c="dimmed" span size="sm">Chưa dùng</Text>}</Table.Td>
                <Table.Td>
                  {t.revoked_at ? (
                    <Stack gap={2}>
                      <Badge color="gray.8" variant="light">
                        Đã thu hồi
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(t.revoked_at)} · {t.revoked_by_name}
                      </Text>
                    </Stack>
                  ) : (
                    <Group gap="xs" wrap="nowrap">
                      <Badge color="green.9" variant="light">
                        Đang dùng
                      </Badge>
                      <RevokeButton token={t} />
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
