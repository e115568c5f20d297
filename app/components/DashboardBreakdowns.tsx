import { Table, Text } from "@mantine/core";
import { ratePercent } from "../domain/decision766.js";
import {
  dashboardSearch,
  dossierListHref,
  formatMonth,
  DASHBOARD_CHART_ROWS,
  type DossierListQuery,
  type MonthRow,
  type OfficerRow,
  type ProcedureRow,
  type TablePage,
} from "../domain/evidence-dashboard.js";
import { formatNumber } from "../domain/format.js";
import { CountBarChart, MonthChart, OfficerBarChart } from "./DashboardCharts.js";
import { CountCells, CountHeaders, DashboardSection, EmptyRow, FigureLink, NumberCell, NumberHeader } from "./DashboardSection.js";
import type { DashboardScope } from "./DashboardUnits.js";

const csvHref = (scope: DashboardScope, table: string) => `/evidence/dashboard.csv?${dashboardSearch(scope.period, scope.filter, { table })}`;

export function DashboardProcedureSection({ scope, page }: { scope: DashboardScope; page: TablePage<ProcedureRow> }) {
  const chartRows = page.rows.filter((r) => r.counted > 0).slice(0, DASHBOARD_CHART_ROWS);
  const worst = chartRows[0];
  return (
    <DashboardSection
      id="by-procedure"
      title="Theo thủ tục hành chính"
      csvHref={csvHref(scope, "procedure")}
      shown={page.rows.length}
      total={page.total}
      noun="thủ tục"
      chart={
        <CountBarChart
          caption={`Hồ sơ đúng hạn và trễ hạn của ${formatNumber(chartRows.length)} thủ tục có nhiều hồ sơ trễ nhất`}
          summary={
            worst
              ? `Biểu đồ cột ngang. Nhiều hồ sơ trễ nhất: ${worst.name ?? worst.code}, ${formatNumber(worst.late)} trễ hạn trên ${formatNumber(worst.counted)} hồ sơ. Số liệu đầy đủ ở bảng dưới.`
              : "Biểu đồ trống."
          }
          rows={chartRows.map((r) => ({ label: r.name ?? r.code, onTime: r.onTime, late: r.late }))}
        />
      }
    >
      <Table.ScrollContainer minWidth={820}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-labelledby="by-procedure-title" data-testid="by-procedure-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Thủ tục</Table.Th>
              <CountHeaders />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.rows.length === 0 ? <EmptyRow colSpan={6} text="Không có hồ sơ nào trong kỳ và phạm vi đã chọn." /> : null}
            {page.rows.map((r) => (
              <Table.Tr key={r.procedureId}>
                <Table.Th scope="row" fw={400}>
                  <Text size="sm">{r.name ?? "(chưa có tên)"}</Text>
                  <Text size="xs" c="dimmed">
                    {r.code}
                  </Text>
                </Table.Th>
                <CountCells counts={r} href={(q: DossierListQuery) => dossierListHref(scope.period, scope.filter, { procedure: r.procedureId, ...q })} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </DashboardSection>
  );
}

export function DashboardOfficerSection({ scope, page }: { scope: DashboardScope; page: TablePage<OfficerRow> }) {
  const chartRows = page.rows.filter((r) => r.lateSteps > 0).slice(0, DASHBOARD_CHART_ROWS);
  const worst = chartRows[0];
  return (
    <DashboardSection
      id="by-officer"
      title="Theo cán bộ xử lý"
      description="Từ phiếu kiểm soát quá trình: các bước cán bộ giữ hồ sơ. Bước trễ trong hồ sơ trễ hạn là bước được quy trách nhiệm cho sự chậm trễ của hồ sơ; số ngày làm việc trễ cộng trên các bước đó."
      csvHref={csvHref(scope, "officer")}
      shown={page.rows.length}
      total={page.total}
      noun="cán bộ"
      chart={
        <OfficerBarChart
          caption={`Bước xử lý trễ hạn của ${formatNumber(chartRows.length)} cán bộ có nhiều bước trễ nhất`}
          summary={
            worst
              ? `Biểu đồ cột ngang. Nhiều bước trễ nhất: ${worst.fullName}, ${formatNumber(worst.attributedLateSteps)} bước trễ trong hồ sơ trễ hạn, ${formatNumber(worst.lateSteps)} bước trễ tất cả. Số liệu đầy đủ ở bảng dưới.`
              : "Biểu đồ trống."
          }
          rows={chartRows.map((r) => ({ label: `${r.fullName} (${r.code})`, attributed: r.attributedLateSteps, otherLate: r.lateSteps - r.attributedLateSteps }))}
        />
      }
    >
      <Table.ScrollContainer minWidth={820}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-labelledby="by-officer-title" data-testid="by-officer-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Cán bộ</Table.Th>
              <NumberHeader>Bước xử lý</NumberHeader>
              <NumberHeader>Bước trễ hạn</NumberHeader>
              <NumberHeader>Bước trễ trong hồ sơ trễ hạn</NumberHeader>
              <NumberHeader>Ngày làm việc trễ (trong hồ sơ trễ hạn)</NumberHeader>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.rows.length === 0 ? <EmptyRow colSpan={5} text="Không có bước xử lý nào ghi tên cán bộ trong kỳ và phạm vi đã chọn." /> : null}
            {page.rows.map((r) => {
              const all = dossierListHref(scope.period, scope.filter, { officer: r.officerId });
              const late = dossierListHref(scope.period, scope.filter, { officer: r.officerId, late: true });
              return (
                <Table.Tr key={r.officerId}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm">{r.fullName}</Text>
                    <Text size="xs" c="dimmed">
                      {r.code}
                    </Text>
                  </Table.Th>
                  <NumberCell>
                    <FigureLink to={all} value={formatNumber(r.steps)} />
                  </NumberCell>
                  <NumberCell>
                    <FigureLink to={all} value={formatNumber(r.lateSteps)} />
                  </NumberCell>
                  <NumberCell>
                    <FigureLink to={late} value={formatNumber(r.attributedLateSteps)} />
                  </NumberCell>
                  <NumberCell>
                    <FigureLink to={late} value={formatNumber(r.attributedLateWorkingDays)} />
                  </NumberCell>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </DashboardSection>
  );
}

export function DashboardMonthSection({ scope, rows }: { scope: DashboardScope; rows: MonthRow[] }) {
  const busiest = [...rows].sort((a, b) => b.late - a.late)[0];
  return (
    <DashboardSection
      id="by-month"
      title="Theo tháng (tháng của ngày hẹn trả)"
      csvHref={csvHref(scope, "month")}
      shown={rows.length}
      total={rows.length}
      noun="tháng"
      chart={
        <MonthChart
          caption="Hồ sơ đúng hạn, trễ hạn và tỷ lệ đúng hạn theo tháng"
          summary={
            busiest && busiest.late > 0
              ? `Biểu đồ cột chồng theo tháng, kèm đường tỷ lệ đúng hạn. Tháng nhiều hồ sơ trễ nhất: ${formatMonth(busiest.month)}, ${formatNumber(busiest.late)} trễ hạn trên ${formatNumber(busiest.counted)} hồ sơ. Số liệu đầy đủ ở bảng dưới.`
              : "Biểu đồ cột chồng theo tháng, kèm đường tỷ lệ đúng hạn; không có hồ sơ trễ hạn. Số liệu ở bảng dưới."
          }
          rows={rows.map((r) => ({ label: formatMonth(r.month), onTime: r.onTime, late: r.late, rate: ratePercent(r.onTime, r.counted) }))}
        />
      }
    >
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-labelledby="by-month-title" data-testid="by-month-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Tháng</Table.Th>
              <CountHeaders />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.month}>
                <Table.Th scope="row" fw={400}>
                  {formatMonth(r.month)}
                </Table.Th>
                <CountCells counts={r} href={(q: DossierListQuery) => dossierListHref(scope.period, scope.filter, { month: r.month, ...q })} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </DashboardSection>
  );
}
