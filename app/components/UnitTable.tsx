import { Anchor, Stack, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { formatIsoDate, formatNumber } from "../domain/format.js";
import { formatPeriod, unitKindLabel } from "../domain/units.js";
import type { UnitListRow } from "../models/units.server.js";
import { UnitStatusBadge } from "./UnitStatusBadge.js";

type Row = Omit<UnitListRow, "parent_visible"> & { parent_visible: boolean | null };

export function UnitTable({ rows, countOn, today }: { rows: Row[]; countOn: string; today: string }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Danh sách đơn vị">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Mã</Table.Th>
            <Table.Th scope="col">Tên đơn vị</Table.Th>
            <Table.Th scope="col">Loại</Table.Th>
            <Table.Th scope="col">Đơn vị cấp trên</Table.Th>
            <Table.Th scope="col">Hiệu lực</Table.Th>
            <Table.Th scope="col" ta="right">
              Số cán bộ ngày {formatIsoDate(countOn)}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed" ta="center" py="md">
                  Không có đơn vị nào khớp với bộ lọc.
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            rows.map((u) => (
              <Table.Tr key={u.id} data-testid="unit-row">
                <Table.Td style={{ whiteSpace: "nowrap" }}>{u.code}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/units/${u.id}`}>
                    {u.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{unitKindLabel(u.kind)}</Table.Td>
                <Table.Td>
                  {u.parent_id === null ? (
                    <Text c="dimmed" span>
                      —
                    </Text>
                  ) : u.parent_visible ? (
                    <Anchor component={Link} to={`/units/${u.parent_id}`}>
                      {u.parent_name}
                    </Anchor>
                  ) : (
                    u.parent_name
                  )}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2} align="flex-start">
                    <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                      {formatPeriod({ validFrom: u.valid_from, validTo: u.valid_to })}
                    </Text>
                    <UnitStatusBadge period={{ validFrom: u.valid_from, validTo: u.valid_to }} today={today} size="xs" />
                  </Stack>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(u.officer_count)}</Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
