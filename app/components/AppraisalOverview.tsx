// The parts of a cycle's overview page: counts, the per-unit chart, the cap warnings, the officers and
// units concerned, and the confirmation that closes the cycle.
import { BarChart } from "@mantine/charts";
import { Alert, Anchor, Badge, Button, Card, Group, List, Modal, SimpleGrid, Stack, Table, Text, useMatches } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Form, Link, useNavigation } from "@remix-run/react";
import { formatNumber } from "../domain/format.js";
import { OFFICER_CATEGORY_LABELS } from "../domain/appraisal/types.js";
import type { CycleOverview } from "../models/appraisal-sheets.server.js";
import { barsHeight, ChartFigure, shortLabel } from "./DashboardSection.js";

const ROMAN = ["I", "II", "III", "IV"];

/** "Quý II năm 2026" or "Năm 2026". */
export function cyclePeriodText(c: { year: number; quarter: number | null }): string {
  return c.quarter ? `Quý ${ROMAN[c.quarter - 1]} năm ${c.year}` : `Năm ${c.year}`;
}

type Counts = CycleOverview["counts"];

export function OverviewCounts({ counts }: { counts: Counts }) {
  const cards = [
    { key: "pending", label: "Chờ ghi nhận", value: counts.pending, note: counts.pendingElsewhere > 0 ? `và ${formatNumber(counts.pendingElsewhere)} nội dung thuộc kỳ theo bộ quy tắc khác` : null },
    { key: "corrections", label: "Đính chính cần xác nhận", value: counts.corrections, note: null },
    { key: "counted", label: "Đã ghi nhận vào đánh giá", value: counts.counted, note: null },
    { key: "acknowledged", label: "Đã xác nhận đính chính", value: counts.acknowledged, note: null },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      {cards.map((c) => (
        <Card withBorder key={c.key} padding="md">
          <Text size="sm" c="dimmed">
            {c.label}
          </Text>
          <Text size="xl" fw={700} data-testid={`count-${c.key}`}>
            {formatNumber(c.value)}
          </Text>
          {c.note ? (
            <Text size="xs" c="dimmed">
              {c.note}
            </Text>
          ) : null}
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** Counted and waiting items per unit, the units with most items first. */
export function UnitChart({ chart }: { chart: CycleOverview["chart"] }) {
  const narrow = useMatches({ base: true, sm: false });
  if (chart.rows.length === 0) return null;
  const counted = chart.rows.reduce((s, r) => s + r.counted, 0);
  const pending = chart.rows.reduce((s, r) => s + r.pending, 0);
  const caption = chart.total > chart.rows.length ? `Nội dung kết luận theo đơn vị (${chart.rows.length} trong ${chart.total} đơn vị có nhiều nội dung nhất)` : "Nội dung kết luận theo đơn vị";
  return (
    <ChartFigure
      caption={caption}
      summary={`${chart.rows.length} đơn vị: ${formatNumber(counted)} nội dung đã ghi nhận, ${formatNumber(pending)} nội dung chờ ghi nhận. ${chart.rows
        .map((r) => `${r.label}: ${r.counted} đã ghi nhận, ${r.pending} chờ`)
        .join("; ")}.`}
      height={barsHeight(chart.rows.length)}
    >
      <BarChart
        h={barsHeight(chart.rows.length)}
        data={chart.rows.map((r) => ({ label: shortLabel(r.label, narrow ? 18 : 34), "Đã ghi nhận": r.counted, "Chờ ghi nhận": r.pending }))}
        dataKey="label"
        orientation="vertical"
        type="stacked"
        series={[
          { name: "Đã ghi nhận", color: "ktcv.7" },
          { name: "Chờ ghi nhận", color: "orange.9" },
        ]}
        withLegend
        legendProps={{ verticalAlign: "top", height: 36 }}
        valueFormatter={formatNumber}
        gridAxis="x"
        yAxisProps={{ width: narrow ? 110 : 230, tick: { fontSize: 12 } }}
        xAxisProps={{ allowDecimals: false }}
        barChartProps={{ accessibilityLayer: false }}
      />
    </ChartFigure>
  );
}

export function CapWarnings({ warnings }: { warnings: CycleOverview["capWarnings"] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow.9" variant="light" title="Vượt tỷ lệ «Hoàn thành xuất sắc nhiệm vụ»" data-testid="cap-warnings">
      <List spacing={4} size="sm">
        {warnings.map((w) => (
          <List.Item key={w.unit.id}>
            <Text span fw={600} size="sm">
              {w.unit.name}:
            </Text>{" "}
            {w.cap.reason?.text} Đang đề xuất xuất sắc: {w.excellentNames.join(", ")}.
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function OfficerTable({ rows, cycleId }: { rows: CycleOverview["officers"]["rows"]; cycleId: number }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label="Cán bộ, công chức trong kỳ đánh giá">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Cán bộ</Table.Th>
            <Table.Th>Đơn vị</Table.Th>
            <Table.Th>Loại</Table.Th>
            <Table.Th ta="right">Chờ ghi nhận</Table.Th>
            <Table.Th ta="right">Đã ghi nhận</Table.Th>
            <Table.Th>Kết quả xếp loại</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>
                <Anchor component={Link} to={`/appraisal/${cycleId}/officers/${o.id}`}>
                  {o.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {o.code}
                </Text>
              </Table.Td>
              <Table.Td>{o.unit?.name ?? "—"}</Table.Td>
              <Table.Td>{OFFICER_CATEGORY_LABELS[o.category]}</Table.Td>
              <Table.Td ta="right">
                {formatNumber(o.pending)}
                {o.corrections > 0 ? (
                  <Text size="xs" c="orange.9">
                    +{formatNumber(o.corrections)} đính chính
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right">{formatNumber(o.counted)}</Table.Td>
              <Table.Td>{o.final ?? <Text c="dimmed" size="sm">Chưa ghi kết quả</Text>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Officers the cycle's rule set does not cover this year: their items wait for the right cycle. */
export function NotCoveredList({ notCovered }: { notCovered: CycleOverview["notCovered"] }) {
  if (notCovered.total === 0) return null;
  return (
    <Stack gap={4} mt="md" data-testid="not-covered">
      <Text size="sm" fw={600}>
        Không đánh giá trong kỳ này ({formatNumber(notCovered.total)} người)
      </Text>
      <List size="sm" c="dimmed" spacing={2}>
        {notCovered.rows.map((o) => (
          <List.Item key={o.id}>
            {o.name} ({o.code}, {o.unit?.name ?? "—"}) — {o.notCovered} Chờ ghi nhận: {formatNumber(o.pending)}.
          </List.Item>
        ))}
      </List>
      {notCovered.total > notCovered.rows.length ? (
        <Text size="xs" c="dimmed">
          Hiển thị {formatNumber(notCovered.rows.length)} trong {formatNumber(notCovered.total)} người.
        </Text>
      ) : null}
    </Stack>
  );
}

export function UnitTable({ rows, cycleId, componentMax }: { rows: CycleOverview["units"]["rows"]; cycleId: number; componentMax: number }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label="Đơn vị có nội dung kết luận trong kỳ">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Đơn vị</Table.Th>
            <Table.Th ta="right">Chờ ghi nhận</Table.Th>
            <Table.Th ta="right">Đã ghi nhận</Table.Th>
            <Table.Th ta="right">Điểm trừ Chỉ số CCHC (tính)</Table.Th>
            <Table.Th>Điểm trừ đã ghi</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                <Anchor component={Link} to={`/appraisal/${cycleId}/units/${u.id}`}>
                  {u.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {u.code}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                {formatNumber(u.pending)}
                {u.corrections > 0 ? (
                  <Text size="xs" c="orange.9">
                    +{formatNumber(u.corrections)} đính chính
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right">{formatNumber(u.counted)}</Table.Td>
              <Table.Td ta="right">
                {formatNumber(u.deduction)}
                {u.capped ? (
                  <Text size="xs" c="dimmed">
                    đã ở mức tối đa {formatNumber(componentMax)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{u.final ?? <Text c="dimmed" size="sm">Chưa ghi</Text>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Closing is for ever: a dialog says what it means before the form is sent. */
export function CloseCycleButton({ reference, pending, error }: { reference: string; pending: number; error: string | null }) {
  const [opened, { open, close }] = useDisclosure(error !== null);
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Button color="red.9" variant="outline" onClick={open}>
        Khoá kỳ đánh giá
      </Button>
      <Modal opened={opened} onClose={close} title={`Khoá kỳ đánh giá ${reference}?`} closeButtonProps={{ "aria-label": "Đóng hộp thoại" }}>
        <Stack gap="sm">
          <Text size="sm">
            Sau khi khoá, không ghi nhận thêm nội dung kết luận, không ghi thêm kết quả hay quyết định kỷ luật vào kỳ này; việc khoá không hoàn tác được.
          </Text>
          {pending > 0 ? (
            <Text size="sm" fw={600}>
              {formatNumber(pending)} nội dung kết luận chưa ghi nhận sẽ được chuyển sang kỳ đánh giá sau.
            </Text>
          ) : null}
          {error ? (
            <Alert color="red.9" variant="light" role="alert">
              {error}
            </Alert>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="close" />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Huỷ
              </Button>
              <Button type="submit" color="red.9" loading={busy} data-autofocus>
                Xác nhận khoá kỳ
              </Button>
            </Group>
          </Form>
        </Stack>
      </Modal>
    </>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge size="lg" variant={status === "open" ? "light" : "filled"} color={status === "open" ? "ktcv" : "gray.8"} data-testid="cycle-status">
      {status === "open" ? "Đang mở" : "Đã khoá"}
    </Badge>
  );
}
