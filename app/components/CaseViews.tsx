// Read-only pieces of the case pages: the state badge, the case list, the evidence table and the timeline.
import { Anchor, Badge, Stack, Table, Text, Timeline } from "@mantine/core";
import { Link } from "@remix-run/react";
import { CASE_STATE_LABELS, type CaseState } from "../domain/case-states.js";
import { deadlineStatusLabel, type DeadlineStatus } from "../domain/explanation-deadline.js";
import { formatDateTime, formatIsoDate, formatNumber } from "../domain/format.js";

export const STATE_COLORS: Record<CaseState, string> = {
  draft: "gray",
  open: "blue",
  awaiting_explanation: "yellow",
  under_review: "indigo",
  pending_approval: "orange",
  published: "green",
  closed: "teal",
  withdrawn: "red",
};

// Mantine clips a badge's label to its cell; a state or a deadline must be read whole, so the badge keeps its width.
const NO_ELLIPSIS = { label: { overflow: "visible" } } as const;

export function CaseStateBadge({ state }: { state: CaseState }) {
  return (
    <Badge color={STATE_COLORS[state]} variant="light" tt="none" style={{ flexShrink: 0, overflow: "visible" }} styles={NO_ELLIPSIS}>
      {CASE_STATE_LABELS[state]}
    </Badge>
  );
}

export type CaseListItem = {
  id: number;
  code: string;
  title: string;
  state: CaseState;
  decision_number: string;
  unit_code: string;
  unit_name: string;
  officer_code: string | null;
  officer_name: string | null;
  evidence_count: number;
  created_at: string | Date;
  explanation_deadline?: string | null;
  deadlineStatus?: DeadlineStatus;
};

const DEADLINE_COLORS: Record<DeadlineStatus["kind"], string> = { none: "gray", pending: "gray", due_soon: "orange", overdue: "red" };

/** The explanation deadline, with how far it is in working days while the case awaits the explanation. */
export function DeadlineCell({ deadline, status }: { deadline: string | null | undefined; status: DeadlineStatus | undefined }) {
  if (!deadline) return <Text c="dimmed" size="sm">—</Text>;
  const label = status ? deadlineStatusLabel(status) : null;
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm">{formatIsoDate(deadline)}</Text>
      {label ? (
        <Badge color={DEADLINE_COLORS[status!.kind]} variant="light" tt="none" style={{ overflow: "visible" }} styles={NO_ELLIPSIS} data-testid="deadline-badge">
          {label}
        </Badge>
      ) : null}
    </Stack>
  );
}

export function subjectLabel(c: { unit_code: string; unit_name: string; officer_code: string | null; officer_name: string | null }): string {
  const unit = `${c.unit_code} — ${c.unit_name}`;
  return c.officer_code ? `${c.officer_code} — ${c.officer_name} (${unit})` : unit;
}

/** `compact` (the home page's cards) leaves out the inspection, the evidence count and the opening date. */
export function CaseTable({ rows, showDeadline = false, compact = false }: { rows: CaseListItem[]; showDeadline?: boolean; compact?: boolean }) {
  if (rows.length === 0) return <Text c="dimmed">Không có vụ việc nào khớp bộ lọc.</Text>;
  return (
    <Table.ScrollContainer minWidth={compact ? 640 : 800}>
      <Table striped highlightOnHover aria-label="Danh sách vụ việc">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Mã vụ việc</Table.Th>
            <Table.Th>Tên vụ việc</Table.Th>
            <Table.Th>Trạng thái</Table.Th>
            {showDeadline ? <Table.Th>Hạn giải trình</Table.Th> : null}
            <Table.Th>Đối tượng</Table.Th>
            {compact ? null : (
              <>
                <Table.Th>Đợt kiểm tra</Table.Th>
                <Table.Th ta="right">Số hồ sơ</Table.Th>
                <Table.Th>Ngày mở</Table.Th>
              </>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor component={Link} to={`/cases/${c.id}`}>
                  {c.code}
                </Anchor>
              </Table.Td>
              <Table.Td>{c.title}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <CaseStateBadge state={c.state} />
              </Table.Td>
              {showDeadline ? (
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <DeadlineCell deadline={c.explanation_deadline} status={c.deadlineStatus} />
                </Table.Td>
              ) : null}
              <Table.Td>{subjectLabel(c)}</Table.Td>
              {compact ? null : (
                <>
                  <Table.Td>{c.decision_number}</Table.Td>
                  <Table.Td ta="right">{formatNumber(c.evidence_count)}</Table.Td>
                  <Table.Td>{formatDateTime(c.created_at)}</Table.Td>
                </>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export type CaseTimelineItem = { id: number; at: string | Date; summary: string; actor_name: string | null };

export function CaseTimeline({ events }: { events: CaseTimelineItem[] }) {
  if (events.length === 0) return <Text c="dimmed">Chưa có diễn biến nào.</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={events.length}>
      {events.map((e) => (
        <Timeline.Item key={e.id} title={e.summary}>
          <Text size="sm" c="dimmed">
            {formatDateTime(e.at)} · {e.actor_name ?? "Hệ thống"}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
