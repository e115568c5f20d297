import { Badge, Card, List, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { CASE_STATE_LABELS, type CaseState } from "../domain/case-states.js";
import { formatDateTime, formatIsoDate } from "../domain/format.js";

type Inspection = {
  decision_number: string;
  decision_date: string;
  decision_signer: string;
  legal_basis: string;
  legal_basis_date: string;
  period_from: string;
  period_to: string;
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text>{children}</Text>
    </Stack>
  );
}

export function InspectionFacts({ inspection: i, units }: { inspection: Inspection; units: { id: number; code: string; name: string }[] }) {
  return (
    <Card withBorder>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label="Quyết định kiểm tra">
            Số {i.decision_number} ngày {formatIsoDate(i.decision_date)}
          </Fact>
          <Fact label="Người ký">{i.decision_signer}</Fact>
          <Fact label="Thời kỳ kiểm tra">
            {formatIsoDate(i.period_from)} – {formatIsoDate(i.period_to)}
          </Fact>
        </SimpleGrid>
        <Fact label="Căn cứ pháp lý">
          {i.legal_basis} (ngày {formatIsoDate(i.legal_basis_date)})
        </Fact>
        <Stack gap={0}>
          <Text size="sm" c="dimmed">
            Đơn vị được kiểm tra
          </Text>
          <List size="sm">
            {units.map((u) => (
              <List.Item key={u.id}>
                {u.code} — {u.name}
              </List.Item>
            ))}
          </List>
        </Stack>
      </Stack>
    </Card>
  );
}

export function RecusalList({ recusals }: { recusals: { id: number; reasons: string[]; recorded_at: string | Date; code: string; full_name: string }[] }) {
  if (recusals.length === 0) return <Text c="dimmed">Chưa có trường hợp nào phải từ chối.</Text>;
  return (
    <Stack gap="sm">
      {recusals.map((r) => (
        <Card key={r.id} withBorder padding="sm" data-testid="recusal">
          <Text fw={600}>
            {r.code} – {r.full_name}{" "}
            <Text span size="sm" c="dimmed">
              ({formatDateTime(r.recorded_at)})
            </Text>
          </Text>
          <List size="sm">
            {r.reasons.map((reason) => (
              <List.Item key={reason}>{reason}</List.Item>
            ))}
          </List>
        </Card>
      ))}
    </Stack>
  );
}

export function InspectionCases({ cases }: { cases: { id: number; code: string; title: string; state: string; unit_name: string; officer_name: string | null }[] }) {
  if (cases.length === 0) return <Text c="dimmed">Chưa có vụ việc nào.</Text>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped verticalSpacing="xs" aria-label="Vụ việc của đợt kiểm tra">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Mã vụ việc</Table.Th>
            <Table.Th scope="col">Nội dung</Table.Th>
            <Table.Th scope="col">Đối tượng</Table.Th>
            <Table.Th scope="col">Trạng thái</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.code}</Table.Td>
              <Table.Td>{c.title}</Table.Td>
              <Table.Td>{c.officer_name ? `${c.officer_name} (${c.unit_name})` : c.unit_name}</Table.Td>
              <Table.Td>
                <Badge variant="light">{CASE_STATE_LABELS[c.state as CaseState] ?? c.state}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section">
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
