// Read-only pieces of the case pages: the state badge, the case list, the evidence table and the timeline.
import { Anchor, Badge, Table, Text, Timeline } from "@mantine/core";
import { Link } from "@remix-run/react";
import { CASE_STATE_LABELS, type CaseState } from "../domain/case-states.js";
import { formatDateTime, formatNumber } from "../domain/format.js";

const STATE_COLORS: Record<CaseState, string> = {
  draft: "gray",
  open: "blue",
  awaiting_explanation: "yellow",
  under_review: "indigo",
  pending_approval: "orange",
  published: "green",
  closed: "teal",
  withdrawn: "red",
};

export function CaseStateBadge({ state }: { state: CaseState }) {
  return (
    <Badge color={STATE_COLORS[state]} variant="light" tt="none" style={{ flexShrink: 0, overflow: "visible" }}>
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
};

export function subjectLabel(c: { unit_code: string; unit_name: string; officer_code: string | null; officer_name: string | null }): string {
  const unit = `${c.unit_code} — ${c.unit_name}`;
  return c.officer_code ? `${c.officer_code} — ${c.officer_name} (${unit})` : unit;
}

export function CaseTable({ rows }: { rows: CaseListItem[] }) {
  if (rows.length === 0) return <Text c="dimmed">Không có vụ việc nào khớp bộ lọc.</Text>;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover aria-label="Danh sách vụ việc">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Mã vụ việc</Table.Th>
            <Table.Th>Tên vụ việc</Table.Th>
            <Table.Th>Trạng thái</Table.Th>
            <Table.Th>Đối tượng</Table.Th>
            <Table.Th>Đợt kiểm tra</Table.Th>
            <Table.Th ta="right">Số hồ sơ</Table.Th>
            <Table.Th>Ngày mở</Table.Th>
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
              <Table.Td>{subjectLabel(c)}</Table.Td>
              <Table.Td>{c.decision_number}</Table.Td>
              <Table.Td ta="right">{formatNumber(c.evidence_count)}</Table.Td>
              <Table.Td>{formatDateTime(c.created_at)}</Table.Td>
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
