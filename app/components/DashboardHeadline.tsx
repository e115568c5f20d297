import { Anchor, Card, SimpleGrid, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { formatRate } from "../domain/decision766.js";
import { dossierListHref, type Counts, type DashboardFilter, type DossierListQuery } from "../domain/evidence-dashboard.js";
import { formatNumber } from "../domain/format.js";

function Figure({ label, value, to, testId, tone }: { label: string; value: string; to: string; testId: string; tone?: "late" }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed" id={`${testId}-label`}>
        {label}
      </Text>
      <Anchor
        component={Link}
        to={to}
        fz={28}
        fw={700}
        c={tone === "late" ? "red.9" : undefined}
        data-testid={testId}
        aria-describedby={`${testId}-label`}
        style={{ fontVariantNumeric: "tabular-nums" }}
      >
        {value}
      </Anchor>
    </Card>
  );
}

/** The period's five headline figures, each a link to its dossiers. */
export function DashboardHeadline({ counts, period, filter }: { counts: Counts; period: { from: string; to: string }; filter: DashboardFilter }) {
  const href = (q: DossierListQuery = {}) => dossierListHref(period, filter, q);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
      <Figure label="Hồ sơ được tính" value={formatNumber(counts.counted)} to={href()} testId="figure-counted" />
      <Figure label="Đúng hạn" value={formatNumber(counts.onTime)} to={href({ onTime: true })} testId="figure-on-time" />
      <Figure label="Trễ hạn" value={formatNumber(counts.late)} to={href({ late: true })} testId="figure-late" tone="late" />
      <Figure label="Tỷ lệ đúng hạn" value={formatRate(counts.onTime, counts.counted)} to={href()} testId="figure-rate" />
      <Figure label="Trễ hạn chưa có văn bản xin lỗi" value={formatNumber(counts.lateNoApology)} to={href({ apology: "missing" })} testId="figure-no-apology" tone="late" />
    </SimpleGrid>
  );
}
