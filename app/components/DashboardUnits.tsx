import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatPoints, formatRate, progressScore } from "../domain/decision766.js";
import { dashboardSearch, dossierListHref, unitLabel, DASHBOARD_CHART_ROWS, type DashboardFilter, type DossierListQuery, type ScoreRow, type TablePage, type UnitRow } from "../domain/evidence-dashboard.js";
import { formatNumber } from "../domain/format.js";
import { CountBarChart, ScoreBarChart } from "./DashboardCharts.js";
import { CountCells, CountHeaders, DashboardSection, EmptyRow, FigureLink, NumberCell, NumberHeader } from "./DashboardSection.js";

export type DashboardScope = { period: { from: string; to: string }; filter: DashboardFilter; chosenUnitName: string | null };

const csvHref = (scope: DashboardScope, table: string) => `/evidence/dashboard.csv?${dashboardSearch(scope.period, scope.filter, { table })}`;

function levelText(scope: DashboardScope): string {
  return scope.chosenUnitName
    ? `Mỗi dòng là một đơn vị trực thuộc ${scope.chosenUnitName}, gồm cả các đơn vị cấp dưới của nó; hồ sơ do chính ${scope.chosenUnitName} giải quyết ở một dòng riêng.`
    : "Mỗi dòng là một cơ quan, đơn vị trực thuộc tỉnh, gồm cả các đơn vị cấp dưới của nó (phòng, ban; xã thuộc huyện cũ). Chọn một đơn vị ở bộ lọc để xem chi tiết từng đơn vị cấp dưới.";
}

export function DashboardUnitSection({ scope, page }: { scope: DashboardScope; page: TablePage<UnitRow> }) {
  const chartRows = page.rows.filter((r) => r.counted > 0).slice(0, DASHBOARD_CHART_ROWS);
  const worst = chartRows[0];
  return (
    <DashboardSection
      id="by-unit"
      title="Theo đơn vị giải quyết"
      description={`${levelText(scope)} "Trễ hạn được quy cho đơn vị" đếm hồ sơ trễ hạn mà bước xử lý trễ đầu tiên thuộc đơn vị (hoặc đơn vị giải quyết, khi không bước nào trễ).`}
      csvHref={csvHref(scope, "unit")}
      shown={page.rows.length}
      total={page.total}
      noun="đơn vị"
      chart={
        <CountBarChart
          caption={`Hồ sơ đúng hạn và trễ hạn của ${formatNumber(chartRows.length)} đơn vị có nhiều hồ sơ trễ nhất`}
          summary={
            worst
              ? `Biểu đồ cột ngang. Nhiều hồ sơ trễ nhất: ${worst.name}, ${formatNumber(worst.late)} trễ hạn trên ${formatNumber(worst.counted)} hồ sơ. Số liệu đầy đủ ở bảng dưới.`
              : "Biểu đồ trống."
          }
          rows={chartRows.map((r) => ({ label: unitLabel(r), onTime: r.onTime, late: r.late }))}
        />
      }
    >
      <Table.ScrollContainer minWidth={820}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-labelledby="by-unit-title" data-testid="by-unit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Đơn vị</Table.Th>
              <CountHeaders />
              <NumberHeader>Trễ hạn được quy cho đơn vị</NumberHeader>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.rows.length === 0 ? <EmptyRow colSpan={7} text="Không có hồ sơ nào trong kỳ và phạm vi đã chọn." /> : null}
            {page.rows.map((r) => (
              <Table.Tr key={r.unitId}>
                <Table.Th scope="row" fw={400}>
                  {!r.own && r.hasSubUnits ? (
                    // A unit with sub-units opens its own breakdown here, one level down.
                    <Anchor component={Link} to={`?${dashboardSearch(scope.period, { ...scope.filter, unitId: r.unitId })}`} size="sm">
                      {unitLabel(r)}
                    </Anchor>
                  ) : (
                    <Text size="sm">{unitLabel(r)}</Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {r.code}
                  </Text>
                </Table.Th>
                <CountCells counts={r} href={(q: DossierListQuery) => dossierListHref(scope.period, scope.filter, { unit: r.unitId, ...q })} />
                <NumberCell>{formatNumber(r.attributedLate)}</NumberCell>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </DashboardSection>
  );
}

export function DashboardScoreSection({ scope, page, threshold, formula, form }: { scope: DashboardScope; page: TablePage<ScoreRow>; threshold: number; formula: string; form: ReactNode }) {
  const rows = page.rows.map((r) => ({ ...r, score: progressScore(r.onTime, r.counted, threshold)! }));
  const chartRows = rows.slice(0, DASHBOARD_CHART_ROWS);
  const lowest = chartRows[0];
  return (
    <DashboardSection
      id="score"
      title="Điểm tiến độ, kết quả giải quyết (Quyết định 766/QĐ-TTg)"
      description={formula}
      csvHref={csvHref(scope, "score")}
      shown={page.rows.length}
      total={page.total}
      noun="đơn vị"
      chart={
        <>
          {form}
          <ScoreBarChart
            caption={`Điểm của ${formatNumber(chartRows.length)} đơn vị có điểm thấp nhất (tối đa 20 điểm)`}
            summary={
              lowest
                ? `Biểu đồ cột ngang. Điểm thấp nhất: ${lowest.name}, ${formatPoints(lowest.score)} điểm. Số liệu đầy đủ ở bảng dưới.`
                : "Biểu đồ trống."
            }
            rows={chartRows.map((r) => ({ label: unitLabel(r), score: r.score }))}
          />
        </>
      }
    >
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-labelledby="score-title" data-testid="score-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Đơn vị</Table.Th>
              <NumberHeader>Hồ sơ được tính</NumberHeader>
              <NumberHeader>Đúng hạn</NumberHeader>
              <NumberHeader>Tỷ lệ đúng hạn</NumberHeader>
              <NumberHeader>Điểm (tối đa 20)</NumberHeader>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? <EmptyRow colSpan={5} text="Không có đơn vị nào có hồ sơ trong kỳ." /> : null}
            {rows.map((r) => {
              const href = (q: DossierListQuery = {}) => dossierListHref(scope.period, scope.filter, { unit: r.unitId, ...q });
              return (
                <Table.Tr key={r.unitId}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm">{unitLabel(r)}</Text>
                    <Text size="xs" c="dimmed">
                      {r.code}
                    </Text>
                  </Table.Th>
                  <NumberCell>
                    <FigureLink to={href()} value={formatNumber(r.counted)} />
                  </NumberCell>
                  <NumberCell>
                    <FigureLink to={href({ onTime: true })} value={formatNumber(r.onTime)} />
                  </NumberCell>
                  <NumberCell>
                    <FigureLink to={href()} value={formatRate(r.onTime, r.counted)} />
                  </NumberCell>
                  <NumberCell>
                    <FigureLink to={href({ late: true })} value={formatPoints(r.score)} />
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
