// The case list's work lists (tabs), its counts per state and deadline (chips that filter), and a small
// bar of how the cases in view are spread over the states.
import { Box, Button, Group, Progress, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { CASE_STATE_LABELS, CASE_STATES, type CaseState } from "../domain/case-states.js";
import { DUE_SOON_WORKING_DAYS } from "../domain/explanation-deadline.js";
import { formatNumber } from "../domain/format.js";
import type { CaseCounts } from "../models/cases.server.js";
import { caseListHref, DEADLINE_FILTER_LABELS, type CaseListParams, type CaseView, type DeadlineFilterValue } from "./CaseListParams.js";
import { STATE_COLORS } from "./CaseViews.js";

function LinkButton({ to, active, children, dot }: { to: string; active: boolean; children: string; dot?: string }) {
  return (
    <Button
      // The dot is the state's colour in the bar below: the chips are its legend.
      leftSection={dot ? <Box w={10} h={10} bg={dot} style={{ borderRadius: "50%" }} aria-hidden /> : undefined}
      component={Link}
      to={to}
      size="compact-sm"
      variant={active ? "filled" : "default"}
      aria-current={active ? "page" : undefined}
      styles={{ label: { fontVariantNumeric: "tabular-nums" } }}
    >
      {children}
    </Button>
  );
}

export function CaseViewTabs({ views, params }: { views: { view: CaseView; label: string }[]; params: CaseListParams }) {
  if (views.length < 2) return null;
  return (
    <Group gap="xs" mb="md" role="navigation" aria-label="Danh sách công việc">
      {views.map((v) => (
        <Button
          key={v.view}
          component={Link}
          to={caseListHref({ view: v.view, inspectionId: params.inspectionId })}
          variant={params.view === v.view ? "filled" : "light"}
          aria-current={params.view === v.view ? "page" : undefined}
        >
          {v.label}
        </Button>
      ))}
    </Group>
  );
}

/**
 * One chip per state with its count (the explanations list keeps its own view; a state chip leads to the
 * full list of that state), and the deadline chips.
 */
export function CaseCountChips({ counts, params }: { counts: CaseCounts; params: CaseListParams }) {
  const base = { view: params.view === "explanations" ? ("all" as const) : params.view, inspectionId: params.inspectionId };
  const deadline = (d: DeadlineFilterValue) => caseListHref({ view: params.view, inspectionId: params.inspectionId, state: params.state, deadline: params.deadline === d ? null : d });
  return (
    <Box mb="md">
      <Group gap={6} mb="xs" aria-label="Số vụ việc theo trạng thái" role="group">
        <LinkButton to={caseListHref(base)} active={params.view !== "explanations" && params.state === null}>
          {`Tất cả: ${formatNumber(counts.all)}`}
        </LinkButton>
        {CASE_STATES.filter((s) => counts.byState[s] > 0 || s === params.state).map((s) => (
          <LinkButton key={s} to={caseListHref({ ...base, state: s })} active={params.state === s} dot={STATE_COLORS[s]}>
            {`${CASE_STATE_LABELS[s]}: ${formatNumber(counts.byState[s])}`}
          </LinkButton>
        ))}
      </Group>
      <Group gap={6} role="group" aria-label="Hạn giải trình">
        <LinkButton to={deadline("soon")} active={params.deadline === "soon"}>
          {`${DEADLINE_FILTER_LABELS.soon} (≤ ${DUE_SOON_WORKING_DAYS} ngày làm việc): ${formatNumber(counts.soon)}`}
        </LinkButton>
        <LinkButton to={deadline("overdue")} active={params.deadline === "overdue"}>
          {`${DEADLINE_FILTER_LABELS.overdue}: ${formatNumber(counts.overdue)}`}
        </LinkButton>
      </Group>
    </Box>
  );
}

/** How the cases in view are spread over the states: one stacked bar, described in words for screen readers. */
export function CaseStateBar({ counts }: { counts: CaseCounts }) {
  if (counts.all === 0) return null;
  const shown = CASE_STATES.filter((s) => counts.byState[s] > 0);
  const summary = shown.map((s) => `${CASE_STATE_LABELS[s]} ${formatNumber(counts.byState[s])}`).join(", ");
  return (
    <Box mb="md" maw={760}>
      <Text size="xs" c="dimmed" mb={4}>
        Phân bố {formatNumber(counts.all)} vụ việc theo trạng thái
      </Text>
      <div role="img" aria-label={`Phân bố vụ việc theo trạng thái: ${summary}`}>
        <Progress.Root size={14} aria-hidden>
          {shown.map((s: CaseState) => (
            <Progress.Section key={s} value={(counts.byState[s] / counts.all) * 100} color={STATE_COLORS[s]} title={`${CASE_STATE_LABELS[s]}: ${formatNumber(counts.byState[s])}`} />
          ))}
        </Progress.Root>
      </div>
    </Box>
  );
}
