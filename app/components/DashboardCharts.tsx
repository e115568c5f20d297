import { BarChart, CompositeChart } from "@mantine/charts";
import { Text, useMatches } from "@mantine/core";
import { formatNumber } from "../domain/format.js";
import { barsHeight, ChartFigure, shortLabel } from "./DashboardSection.js";

// Colours from the theme, each over 3:1 against the white card (WCAG 1.4.11 for graphics) and apart
// in lightness too, for readers who cannot tell red from blue: navy "on time", dark red "late", grey
// for late steps that did not make their dossier late.
const ON_TIME = "ktcv.7";
const LATE = "red.9";
const OTHER_LATE = "gray.6";

// recharts 3 makes each chart a keyboard-focusable "application"; here the drawing is a picture of
// the table under it (role="img" with a summary), so it must not take focus.
const STATIC = { accessibilityLayer: false } as const;

/** The category axis: wide enough for a unit's name on a desktop, narrower on a phone. */
function useCategoryAxis() {
  const narrow = useMatches({ base: true, sm: false });
  return {
    yAxisProps: { width: narrow ? 110 : 230, tick: { fontSize: 12 } },
    xAxisProps: { allowDecimals: false },
    label: (text: string) => shortLabel(text, narrow ? 18 : 34),
  };
}

/** Horizontal stacked bars, one row per label, one segment per series. */
function StackedBars<R extends { label: string }>({
  caption,
  summary,
  rows,
  series,
}: {
  caption: string;
  summary: string;
  rows: R[];
  series: { name: Extract<keyof R, string>; label: string; color: string }[];
}) {
  const axis = useCategoryAxis();
  return (
    <ChartFigure caption={caption} summary={summary} height={barsHeight(rows.length)}>
      <BarChart
        h={barsHeight(rows.length)}
        data={rows.map((r) => ({ ...r, label: axis.label(r.label) }))}
        dataKey="label"
        orientation="vertical"
        type="stacked"
        series={series}
        withLegend
        legendProps={{ verticalAlign: "top", height: 36 }}
        valueFormatter={formatNumber}
        gridAxis="x"
        yAxisProps={axis.yAxisProps}
        xAxisProps={axis.xAxisProps}
        barChartProps={STATIC}
      />
    </ChartFigure>
  );
}

export type CountBar = { label: string; onTime: number; late: number };

/** Horizontal stacked bars: on-time and late dossiers per row (unit, procedure). */
export function CountBarChart({ caption, summary, rows }: { caption: string; summary: string; rows: CountBar[] }) {
  if (rows.length === 0) return null;
  return (
    <StackedBars
      caption={caption}
      summary={summary}
      rows={rows}
      series={[
        { name: "onTime", label: "Đúng hạn", color: ON_TIME },
        { name: "late", label: "Trễ hạn", color: LATE },
      ]}
    />
  );
}

export type OfficerBar = { label: string; attributed: number; otherLate: number };

/** Horizontal stacked bars: each officer's late steps, those in late dossiers first. */
export function OfficerBarChart({ caption, summary, rows }: { caption: string; summary: string; rows: OfficerBar[] }) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Không có bước xử lý nào trễ hạn trong kỳ.
      </Text>
    );
  }
  return (
    <StackedBars
      caption={caption}
      summary={summary}
      rows={rows}
      series={[
        { name: "attributed", label: "Bước trễ trong hồ sơ trễ hạn", color: LATE },
        { name: "otherLate", label: "Bước trễ trong hồ sơ đúng hạn", color: OTHER_LATE },
      ]}
    />
  );
}

export type ScoreBar = { label: string; score: number };

/** Horizontal bars of the Decision 766 progress score, on the fixed 0–20 scale. */
export function ScoreBarChart({ caption, summary, rows }: { caption: string; summary: string; rows: ScoreBar[] }) {
  const axis = useCategoryAxis();
  if (rows.length === 0) return null;
  return (
    <ChartFigure caption={caption} summary={summary} height={barsHeight(rows.length)}>
      <BarChart
        h={barsHeight(rows.length)}
        data={rows.map((r) => ({ ...r, label: axis.label(r.label) }))}
        dataKey="label"
        orientation="vertical"
        series={[{ name: "score", label: "Điểm", color: ON_TIME }]}
        valueFormatter={(v) => formatNumber(Math.round(v * 100) / 100)}
        withBarValueLabel
        valueLabelProps={{ position: "right", fill: "var(--mantine-color-text)" }}
        gridAxis="x"
        yAxisProps={axis.yAxisProps}
        xAxisProps={{ domain: [0, 20], ticks: [0, 5, 10, 15, 20] }}
        // Room on the right for the label of a full 20.
        barChartProps={{ ...STATIC, margin: { right: 48 } }}
      />
    </ChartFigure>
  );
}

export type MonthPoint = { label: string; onTime: number; late: number; rate: number | null };

/** Months: stacked bars of on-time and late dossiers, and the on-time rate as a line on the right axis. */
export function MonthChart({ caption, summary, rows }: { caption: string; summary: string; rows: MonthPoint[] }) {
  if (rows.length === 0) return null;
  return (
    <ChartFigure caption={caption} summary={summary} height={300}>
      <CompositeChart
        h={300}
        data={rows}
        dataKey="label"
        series={[
          { name: "onTime", label: "Đúng hạn", color: ON_TIME, type: "bar" },
          { name: "late", label: "Trễ hạn", color: LATE, type: "bar" },
          { name: "rate", label: "Tỷ lệ đúng hạn (%)", color: "teal.9", type: "line", yAxisId: "right" },
        ]}
        barProps={{ stackId: "dossiers" }}
        withLegend
        legendProps={{ verticalAlign: "top", height: 36 }}
        valueFormatter={formatNumber}
        withRightYAxis
        rightYAxisProps={{ domain: [0, 100], tickFormatter: (v: number) => `${v}%` }}
        yAxisProps={{ allowDecimals: false }}
        yAxisLabel="Số hồ sơ"
        rightYAxisLabel="Tỷ lệ đúng hạn"
        connectNulls={false}
        curveType="linear"
        composedChartProps={STATIC}
      />
    </ChartFigure>
  );
}

export type LateCountBar = { label: string; late: number };

/** Horizontal bars of one count (late dossiers per unit), each with its figure at its end. */
export function LateCountChart({ caption, summary, rows }: { caption: string; summary: string; rows: LateCountBar[] }) {
  const axis = useCategoryAxis();
  if (rows.length === 0) return null;
  return (
    <ChartFigure caption={caption} summary={summary} height={barsHeight(rows.length)}>
      <BarChart
        h={barsHeight(rows.length)}
        data={rows.map((r) => ({ ...r, label: axis.label(r.label) }))}
        dataKey="label"
        orientation="vertical"
        series={[{ name: "late", label: "Hồ sơ quá hạn", color: LATE }]}
        valueFormatter={formatNumber}
        withBarValueLabel
        valueLabelProps={{ position: "right", fill: "var(--mantine-color-text)" }}
        gridAxis="x"
        yAxisProps={axis.yAxisProps}
        xAxisProps={axis.xAxisProps}
        barChartProps={{ ...STATIC, margin: { right: 48 } }}
      />
    </ChartFigure>
  );
}
