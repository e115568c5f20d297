import { Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Form, Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatNumber } from "../domain/format.js";
import type { MonthlyListPage } from "../models/monthly-list.server.js";
import { LateCountChart } from "./DashboardCharts.js";
import { EmptyRow, FigureLink, NumberCell, NumberHeader } from "./DashboardSection.js";
import { FIRST_YEAR, monthLabel, monthlyListSearch, type MonthChoice } from "./MonthlyListParams.js";
import { TablePager } from "./Pager.js";

type Period = { from: string; to: string };

const dossiersHref = (period: Period, extra: Record<string, string> = {}) => `/evidence/dossiers?${new URLSearchParams({ from: period.from, to: period.to, ...extra })}`;

function shift({ year, month }: MonthChoice, by: -1 | 1): MonthChoice {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The GET form of the month (year and month), with steps to the month before and after. */
export function MonthPicker({ chosen, current }: { chosen: MonthChoice; current: MonthChoice }) {
  const [params] = useSearchParams();
  const years = Array.from({ length: current.year - FIRST_YEAR + 1 }, (_, i) => String(current.year - i));
  const before = shift(chosen, -1);
  const after = shift(chosen, 1);
  const afterAllowed = after.year * 12 + after.month <= current.year * 12 + current.month;
  return (
    // Keyed by the URL so the uncontrolled selects show the month after back/forward navigation.
    <Form method="get" role="search" aria-label="Chọn tháng" key={params.toString()}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect label="Tháng" name="month" defaultValue={String(chosen.month)} data={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: `Tháng ${i + 1}` }))} w={130} />
        <NativeSelect label="Năm" name="year" defaultValue={String(chosen.year)} data={years} w={110} />
        <Button type="submit">Xem</Button>
        {before.year >= FIRST_YEAR ? (
          <Button component={Link} to={`?${monthlyListSearch(before)}`} variant="default">
            ‹ Tháng {monthLabel(before)}
          </Button>
        ) : null}
        {afterAllowed ? (
          <Button component={Link} to={`?${monthlyListSearch(after)}`} variant="default">
            Tháng {monthLabel(after)} ›
          </Button>
        ) : null}
      </Group>
    </Form>
  );
}

function Figure({ label, value, testId, to }: { label: string; value: number; testId: string; to?: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed" id={`${testId}-label`}>
        {label}
      </Text>
      {to ? (
        <Anchor component={Link} to={to} fz={28} fw={700} c="red.9" data-testid={testId} aria-describedby={`${testId}-label`} style={{ fontVariantNumeric: "tabular-nums" }}>
          {formatNumber(value)}
        </Anchor>
      ) : (
        <Text fz={28} fw={700} data-testid={testId} style={{ fontVariantNumeric: "tabular-nums" }}>
          {formatNumber(value)}
        </Text>
      )}
    </Card>
  );
}

/** The month's three figures: late dossiers (a link to them), units and officers listed. */
export function MonthlyHeadline({ list }: { list: MonthlyListPage }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <Figure label="Hồ sơ quá hạn trong tháng" value={list.lateDossiers} testId="figure-late" to={dossiersHref(list.period)} />
      <Figure label="Cơ quan, đơn vị có hồ sơ quá hạn" value={list.units.total} testId="figure-units" />
      <Figure label="Cán bộ, công chức có hồ sơ quá hạn" value={list.officers.total} testId="figure-officers" />
    </SimpleGrid>
  );
}

function Section({ id, title, description, children }: { id: string; title: string; description: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={`${id}-title`} padding="lg">
      <Stack gap={2} mb="sm" maw={820}>
        <Title order={2} size="h3" id={`${id}-title`}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      </Stack>
      {children}
    </Card>
  );
}

function TotalRow({ colSpan, label, value }: { colSpan: number; label: string; value: number }) {
  return (
    <Table.Tfoot>
      <Table.Tr>
        <Table.Th scope="row" colSpan={colSpan}>
          {label}
        </Table.Th>
        <Table.Td ta="right" fw={700} style={{ fontVariantNumeric: "tabular-nums" }}>
          {formatNumber(value)}
        </Table.Td>
      </Table.Tr>
    </Table.Tfoot>
  );
}

export function MonthlyUnitSection({ list }: { list: MonthlyListPage }) {
  const { units, topUnits } = list;
  const worst = topUnits[0];
  return (
    <Section
      id="units"
      title="I. Cơ quan, đơn vị"
      description="Mỗi đơn vị giữ một bước xử lý quá hạn của hồ sơ quá hạn (hoặc là đơn vị giải quyết, khi không bước nào quá hạn). Một hồ sơ quá hạn ở nhiều đơn vị được tính cho mỗi đơn vị, nên tổng cộng có thể lớn hơn số hồ sơ quá hạn."
    >
      {topUnits.length > 0 ? (
        <div style={{ marginBottom: "var(--mantine-spacing-md)" }}>
          <LateCountChart
            caption={`Số hồ sơ quá hạn của ${formatNumber(topUnits.length)} đơn vị có nhiều hồ sơ quá hạn nhất`}
            summary={worst ? `Biểu đồ cột ngang. Nhiều nhất: ${worst.name}, ${formatNumber(worst.lateDossiers)} hồ sơ quá hạn. Số liệu đầy đủ ở bảng dưới.` : "Biểu đồ trống."}
            rows={topUnits.map((u) => ({ label: u.name, late: u.lateDossiers }))}
          />
        </div>
      ) : null}
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-labelledby="units-title" data-testid="units-table">
          <Table.Thead>
            <Table.Tr>
              <NumberHeader>STT</NumberHeader>
              <Table.Th scope="col">Mã đơn vị</Table.Th>
              <Table.Th scope="col">Tên cơ quan, đơn vị</Table.Th>
              <NumberHeader>Số hồ sơ quá hạn</NumberHeader>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {units.rows.length === 0 ? <EmptyRow colSpan={4} text="Không có cơ quan, đơn vị nào để hồ sơ quá hạn trong tháng." /> : null}
            {units.rows.map((u) => (
              <Table.Tr key={u.unitId}>
                <NumberCell>{formatNumber(u.position)}</NumberCell>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{u.code}</Table.Td>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/units/${u.unitId}`} size="sm">
                    {u.name}
                  </Anchor>
                </Table.Th>
                <NumberCell>{formatNumber(u.lateDossiers)}</NumberCell>
              </Table.Tr>
            ))}
          </Table.Tbody>
          {units.total > 0 ? <TotalRow colSpan={3} label={`Tổng cộng (${formatNumber(units.total)} đơn vị)`} value={units.lateDossiers} /> : null}
        </Table>
      </Table.ScrollContainer>
      <TablePager total={units.total} page={units.page} param="upage" label="đơn vị" />
    </Section>
  );
}

export function MonthlyOfficerSection({ list }: { list: MonthlyListPage }) {
  const { officers, period } = list;
  return (
    <Section
      id="officers"
      title="II. Cán bộ, công chức"
      description="Mỗi người giữ ít nhất một bước xử lý quá hạn của hồ sơ quá hạn, với đơn vị công tác vào ngày cuối tháng. Số hồ sơ mở ra danh sách các hồ sơ đó."
    >
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-labelledby="officers-title" data-testid="officers-table">
          <Table.Thead>
            <Table.Tr>
              <NumberHeader>STT</NumberHeader>
              <Table.Th scope="col">Mã cán bộ</Table.Th>
              <Table.Th scope="col">Họ và tên</Table.Th>
              <Table.Th scope="col">Cơ quan, đơn vị</Table.Th>
              <NumberHeader>Số hồ sơ quá hạn</NumberHeader>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {officers.rows.length === 0 ? <EmptyRow colSpan={5} text="Không có cán bộ, công chức nào để hồ sơ quá hạn trong tháng." /> : null}
            {officers.rows.map((o) => (
              <Table.Tr key={o.officerId}>
                <NumberCell>{formatNumber(o.position)}</NumberCell>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{o.code}</Table.Td>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/officers/${o.officerId}`} size="sm">
                    {o.name}
                  </Anchor>
                </Table.Th>
                <Table.Td>{o.unitName || "—"}</Table.Td>
                <NumberCell>
                  <FigureLink to={dossiersHref(period, { officer: String(o.officerId) })} value={formatNumber(o.lateDossiers)} />
                </NumberCell>
              </Table.Tr>
            ))}
          </Table.Tbody>
          {officers.total > 0 ? <TotalRow colSpan={4} label={`Tổng cộng (${formatNumber(officers.total)} người)`} value={officers.lateDossiers} /> : null}
        </Table>
      </Table.ScrollContainer>
      <TablePager total={officers.total} page={officers.page} param="opage" label="cán bộ" />
    </Section>
  );
}
