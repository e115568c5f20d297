import { Anchor, Badge, Button, Card, Group, NativeSelect, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import { formatDateTime, formatIsoDate, formatNumber } from "../domain/format.js";
import { exceptionKindLabel, exceptionWarning, MONTH_LABELS, weekdayName } from "./CalendarLabels.js";

type ExceptionRow = { date: string; kind: string; name: string | null };

/** Picks the year to show. A plain GET form, so it works without JavaScript; with it, a change submits. */
export function CalendarYearPicker({ year, years }: { year: number; years: number[] }) {
  const submit = useSubmit();
  return (
    <Form method="get">
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label="Năm"
          name="year"
          defaultValue={String(year)}
          data={years.map((y) => String(y))}
          onChange={(e) => submit(e.currentTarget.form)}
          w={140}
          key={year}
        />
        <Button type="submit" variant="default">
          Xem
        </Button>
      </Group>
    </Form>
  );
}

export function CalendarSummary(props: {
  year: number;
  stored: boolean;
  source: string | null;
  provisional: boolean;
  updatedAt: Date | string | null;
  workingDays: number;
  holidays: number;
  workdays: number;
}) {
  return (
    <Card withBorder data-testid="calendar-summary">
      <Group justify="space-between" align="flex-start" mb="xs">
        <Title order={2} size="h4">
          Lịch làm việc năm {props.year}
        </Title>
        {props.stored ? (
          props.provisional ? (
            <Badge color="orange.9" variant="outline">
              Dự kiến
            </Badge>
          ) : (
            <Badge color="green.9" variant="outline">
              Chính thức
            </Badge>
          )
        ) : (
          <Badge color="gray.8" variant="outline">
            Chưa có lịch
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 3 }} mb="sm">
        <Stat label="Ngày làm việc" value={props.workingDays} testId="calendar-working-days" />
        <Stat label="Ngày nghỉ (ngày thường)" value={props.holidays} />
        <Stat label="Ngày làm bù (cuối tuần)" value={props.workdays} />
      </SimpleGrid>
      {props.stored ? (
        <>
          <Text size="sm" fw={500}>
            Căn cứ
          </Text>
          <Text size="sm" data-testid="calendar-source" style={{ whiteSpace: "pre-line" }}>
            {props.source}
          </Text>
          {props.updatedAt ? (
            <Text size="xs" c="dimmed" mt="xs">
              Cập nhật lần cuối {formatDateTime(props.updatedAt)}
            </Text>
          ) : null}
        </>
      ) : (
        <Text size="sm">
          Năm {props.year} chưa có lịch: mọi ngày từ thứ Hai đến thứ Sáu đều được tính là ngày làm việc. Hãy thêm các ngày nghỉ, ngày làm bù
          hoặc nhập tệp lịch khi có thông báo.
        </Text>
      )}
    </Card>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {formatNumber(value)}
      </Text>
    </div>
  );
}

export function CalendarExceptionTable({ year, rows, editing }: { year: number; rows: ExceptionRow[]; editing: string | null }) {
  const navigation = useNavigation();
  const busyDate = navigation.formData?.get("intent") === "delete" ? navigation.formData.get("date") : null;
  if (rows.length === 0) return <Text c="dimmed">Năm {year} chưa có ngày nghỉ hay ngày làm bù nào.</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped withTableBorder fz="sm" data-testid="calendar-exceptions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Ngày</Table.Th>
            <Table.Th>Thứ</Table.Th>
            <Table.Th>Loại</Table.Th>
            <Table.Th>Tên ngày</Table.Th>
            <Table.Th>Thao tác</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const warning = exceptionWarning(row.date, row.kind);
            const label = formatIsoDate(row.date);
            return (
              <Table.Tr key={row.date} bg={editing === row.date ? "var(--mantine-primary-color-light)" : undefined}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{label}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{weekdayName(row.date)}</Table.Td>
                <Table.Td>
                  <Badge color={row.kind === "holiday" ? "red.9" : "blue.9"} variant="light" styles={{ label: { color: "var(--mantine-color-text)" } }}>
                    {exceptionKindLabel(row.kind)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {row.name}
                  {warning ? (
                    <Text size="xs" c="orange.9" title={warning}>
                      {row.kind === "holiday" ? "Trùng ngày nghỉ cuối tuần: không đổi số ngày làm việc" : "Vốn là ngày làm việc: không đổi số ngày làm việc"}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Anchor component={Link} to={`/admin/calendar?year=${year}&edit=${row.date}`} size="sm" aria-label={`Sửa ngày ${label}`}>
                      Sửa
                    </Anchor>
                    <Form
                      method="post"
                      onSubmit={(e) => {
                        if (!window.confirm(`Xoá ${exceptionKindLabel(row.kind).toLocaleLowerCase("vi")} ${label} khỏi lịch? Kết quả xét trễ hạn sẽ được tính lại.`)) e.preventDefault();
                      }}
                    >
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="date" value={row.date} />
                      <Button type="submit" size="compact-sm" variant="subtle" color="red.9" aria-label={`Xoá ngày ${label}`} loading={busyDate === row.date}>
                        Xoá
                      </Button>
                    </Form>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CalendarMonthTable({ year, byMonth, total }: { year: number; byMonth: number[]; total: number }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder fz="sm" data-testid="calendar-months" captionSide="top">
        <Table.Caption>Số ngày làm việc theo tháng, năm {year}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {MONTH_LABELS.map((m) => (
              <Table.Th key={m} ta="center">
                {m}
              </Table.Th>
            ))}
            <Table.Th ta="center">Cả năm</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            {byMonth.map((n, i) => (
              <Table.Td key={i} ta="center">
                {formatNumber(n)}
              </Table.Td>
            ))}
            <Table.Td ta="center" fw={700}>
              {formatNumber(total)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
