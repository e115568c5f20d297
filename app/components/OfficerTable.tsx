import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";

type Row = {
  id: number;
  code: string;
  full_name: string;
  unit_id: number | null;
  unit_name: string | null;
  position: string | null;
  unit_visible: boolean | null;
  username: string | null;
};

/** The officer list; the linked user account column only for admins. */
export function OfficerTable({ rows, withUser }: { rows: Row[]; withUser: boolean }) {
  const columns = withUser ? 5 : 4;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Danh sách cán bộ, công chức">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Mã</Table.Th>
            <Table.Th scope="col">Họ và tên</Table.Th>
            <Table.Th scope="col">Đơn vị hiện tại</Table.Th>
            <Table.Th scope="col">Chức vụ, vị trí</Table.Th>
            {withUser ? <Table.Th scope="col">Tài khoản</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={columns}>
                <Text c="dimmed" ta="center" py="md">
                  Không có cán bộ nào khớp với bộ lọc.
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            rows.map((o) => (
              <Table.Tr key={o.id} data-testid="officer-row">
                <Table.Td style={{ whiteSpace: "nowrap" }}>{o.code}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/officers/${o.id}`}>
                    {o.full_name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {o.unit_id === null ? (
                    <Text c="dimmed" size="sm" span>
                      Không công tác tại đơn vị nào
                    </Text>
                  ) : o.unit_visible ? (
                    <Anchor component={Link} to={`/units/${o.unit_id}`}>
                      {o.unit_name}
                    </Anchor>
                  ) : (
                    o.unit_name
                  )}
                </Table.Td>
                <Table.Td>{o.position ?? ""}</Table.Td>
                {withUser ? <Table.Td>{o.username ?? <Text c="dimmed" size="sm" span>—</Text>}</Table.Td> : null}
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
