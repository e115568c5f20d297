import { Anchor, Badge, Button, Card, Group, NativeSelect, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import { formatDateTime, formatIsoDate, formatNumber } from "../domain/format.js";
import { focusableScroll } from "./EvidenceImportReport.js";
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
            <Badge color="orange" variant="light">
              Dự kiến
            </Badge>
          ) : (
            <Badge color="green" variant="light">
              Chính thức
            </Badge>
          )
        ) : (
          <Badge color="gray" variant="light">
            Chưa có lịch
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 3 }} mb="sm">
        <Stat label="Ngày làm việc" value={props.workingDays} testId="calendar-working-days" />
        <Stat label="Ngày nghỉ" value={props.holidays} />
        <Stat label="Ngày làm bù" value={props.workdays} />
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
    <Table.ScrollContainer minWidth={640} scrollAreaProps={focusableScroll("Ngày nghỉ và ngày làm bù")}>
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
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Badge color={row.kind === "holiday" ? "red" : "blue"} variant="light" tt="none" styles={{ label: { overflow: "visible" } }}>
                    {exceptionKindLabel(row.kind)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {row.name}
                  {warning ? (
                    <Text size="xs" c="dimmed" title={warning}>
                      Lưu ý: {row.kind === "holiday" ? "trùng ngày nghỉ cuối tuần" : "vốn là ngày làm việc"}, không làm thay đổi số ngày làm việc.
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
                      <Button type="submit" size="compact-sm" variant="light" color="red" aria-label={`Xoá ngày ${label}`} loading={busyDate === row.date}>
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

export function CalendarMonthTable({ year, byMonth }: { year: number; byMonth: number[] }) {
  return (
    <div data-testid="calendar-months">
      <Title order={3} size="h5" mb="xs">
        Số ngày làm việc theo tháng, năm {year}
      </Title>
      <SimpleGrid cols={{ base: 3, sm: 4, md: 6 }} spacing="xs">
        {byMonth.map((n, i) => (
          <Card key={i} withBorder padding="xs">
            <Text size="xs" c="dimmed">
              {MONTH_LABELS[i]}
            </Text>
            <Text fw={700}>{formatNumber(n)} ngày</Text>
          </Card>
        ))}
      </SimpleGrid>
    </div>
  );
}
