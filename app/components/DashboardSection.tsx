import { Anchor, Box, Button, Table, Text } from "@mantine/core";
import { useMounted } from "@mantine/hooks";
import { Link } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { formatRate } from "../domain/decision766.js";
import type { Counts, DossierListQuery } from "../domain/evidence-dashboard.js";
import { formatNumber } from "../domain/format.js";
import { Section } from "./SectionCard.js";

/** One table of the dashboard: heading, CSV download, a chart above the table that holds its numbers. */
export function DashboardSection({
  id,
  title,
  description,
  csvHref,
  chart,
  shown,
  total,
  noun,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  csvHref: string;
  chart?: ReactNode;
  shown: number;
  total: number;
  noun: string;
  children: ReactNode;
}) {
  return (
    <Section
      id={id}
      title={title}
      description={description}
      titleSize="h3"
      actions={
        // A plain link: the CSV is a resource route, which client-side navigation cannot open.
        <Button component="a" href={csvHref} variant="default" size="xs" download>
          Tải CSV ({formatNumber(total)} dòng)
        </Button>
      }
    >
      {chart ? <Box mb="md">{chart}</Box> : null}
      {children}
      {total > shown ? (
        <Text size="sm" c="dimmed" mt="xs" data-testid={`${id}-more`}>
          Bảng hiển thị {formatNumber(shown)} trong {formatNumber(total)} {noun} ({noun} có nhiều hồ sơ trễ nhất trước). Tải CSV để có đủ{" "}
          {formatNumber(total)} dòng.
        </Text>
      ) : null}
    </Section>
  );
}

/**
 * A chart with a visible caption and, for screen readers, a one-sentence summary in place of the
 * drawing (the table under it holds every number, so nothing is lost).
 *
 * Drawn in the browser only: recharts cannot measure a container on the server, renders nothing there
 * and logs a warning per chart per request. The server keeps the chart's height so nothing jumps.
 */
export function ChartFigure({ caption, summary, height, children }: { caption: string; summary: string; height: number; children: ReactNode }) {
  const captionId = useId();
  const mounted = useMounted();
  return (
    <Box component="figure" m={0} aria-labelledby={captionId}>
      <Text component="figcaption" id={captionId} size="sm" fw={600} mb={4}>
        {caption}
      </Text>
      <div role="img" aria-label={summary} style={{ minHeight: height }}>
        {mounted ? children : null}
      </div>
    </Box>
  );
}

/** A figure in a table that opens the dossiers behind it. */
export function FigureLink({ to, value }: { to: string; value: string }) {
  return (
    <Anchor component={Link} to={to} inherit style={{ fontVariantNumeric: "tabular-nums" }}>
      {value}
    </Anchor>
  );
}

/** A right-aligned number cell. */
export function NumberCell({ children }: { children: ReactNode }) {
  return (
    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
      {children}
    </Table.Td>
  );
}

export function NumberHeader({ children }: { children: ReactNode }) {
  return (
    <Table.Th scope="col" ta="right">
      {children}
    </Table.Th>
  );
}

export function EmptyRow({ colSpan, text }: { colSpan: number; text: string }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text c="dimmed" ta="center" py="md">
          {text}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** Keeps long names readable on a chart axis; the table shows them whole. */
export function shortLabel(text: string, max = 34): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** Chart height for horizontal bars: enough room per bar, whatever the number of rows. */
export function barsHeight(count: number): number {
  return Math.max(140, 60 + count * 30);
}

/** The five count columns every dossier table shares. */
export function CountHeaders() {
  return (
    <>
      <NumberHeader>Hồ sơ được tính</NumberHeader>
      <NumberHeader>Đúng hạn</NumberHeader>
      <NumberHeader>Trễ hạn</NumberHeader>
      <NumberHeader>Tỷ lệ đúng hạn</NumberHeader>
      <NumberHeader>Trễ hạn chưa xin lỗi</NumberHeader>
    </>
  );
}

/** The five count cells, each a link to its dossiers (`href` adds the row's own narrowing). */
export function CountCells({ counts, href }: { counts: Counts; href: (query: DossierListQuery) => string }) {
  return (
    <>
      <NumberCell>
        <FigureLink to={href({})} value={formatNumber(counts.counted)} />
      </NumberCell>
      <NumberCell>
        <FigureLink to={href({ onTime: true })} value={formatNumber(counts.onTime)} />
      </NumberCell>
      <NumberCell>
        <FigureLink to={href({ late: true })} value={formatNumber(counts.late)} />
      </NumberCell>
      <NumberCell>
        <FigureLink to={href({})} value={formatRate(counts.onTime, counts.counted)} />
      </NumberCell>
      <NumberCell>
        <FigureLink to={href({ apology: "missing" })} value={formatNumber(counts.lateNoApology)} />
      </NumberCell>
    </>
  );
}
