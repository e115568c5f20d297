import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { formatIsoDate, formatNumber } from "../domain/format.js";

type Row = {
  id: number;
  title: string;
  decision_number: string;
  decision_date: string;
  period_from: string;
  period_to: string;
  units: { code: string; name: string }[];
  lead_name: string | null;
  case_count: number;
};

// A long scope would swamp the row: name the first few units and count the rest.
const UNITS_SHOWN = 3;

export function InspectionTable({ rows }: { rows: Row[] }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Danh sách đợt kiểm tra">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Số quyết định</Table.Th>
            <Table.Th scope="col">Tên đợt kiểm tra</Table.Th>
            <Table.Th scope="col">Ngày quyết định</Table.Th>
            <Table.Th scope="col">Thời kỳ kiểm tra</Table.Th>
            <Table.Th scope="col">Đơn vị được kiểm tra</Table.Th>
            <Table.Th scope="col">Trưởng đoàn</Table.Th>
            <Table.Th scope="col" ta="right">
              Số vụ việc
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text c="dimmed" ta="center" py="md">
                  Chưa có đợt kiểm tra nào.
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            rows.map((r) => (
              <Table.Tr key={r.id} data-testid="inspection-row">
                <Table.Td style={{ whiteSpace: "nowrap" }}>{r.decision_number}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/inspections/${r.id}`}>
                    {r.title}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatIsoDate(r.decision_date)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {formatIsoDate(r.period_from)} – {formatIsoDate(r.period_to)}
                </Table.Td>
                <Table.Td>
                  {r.units
                    .slice(0, UNITS_SHOWN)
                    .map((u) => u.name)
                    .join("; ")}
                  {r.units.length > UNITS_SHOWN ? ` và ${formatNumber(r.units.length - UNITS_SHOWN)} đơn vị khác` : ""}
                </Table.Td>
                <Table.Td>{r.lead_name ?? <Text span c="dimmed">Chưa có</Text>}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.case_count)}</Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
