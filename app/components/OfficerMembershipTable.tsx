import { Anchor, Badge, Button, Group, Table, Text, VisuallyHidden } from "@mantine/core";
import { Link } from "@remix-run/react";
import { formatIsoDate } from "../domain/format.js";
import { isActiveOn } from "../domain/units.js";

type Membership = {
  id: number;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  position: string | null;
  valid_from: string | null;
  valid_to: string | null;
  unit_visible: boolean | null;
};

/** The membership timeline, newest first; with `manageFor` (the officer id) each row gets its admin actions. */
export function OfficerMembershipTable({ rows, today, manageFor }: { rows: Membership[]; today: string; manageFor?: number }) {
  if (rows.length === 0) return <Text c="dimmed">Chưa có quá trình công tác nào.</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="xs" aria-label="Quá trình công tác">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Đơn vị</Table.Th>
            <Table.Th scope="col">Chức vụ, vị trí</Table.Th>
            <Table.Th scope="col">Từ ngày</Table.Th>
            <Table.Th scope="col">Đến ngày</Table.Th>
            {manageFor !== undefined ? (
              <Table.Th scope="col">
                <VisuallyHidden>Thao tác</VisuallyHidden>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.id} data-testid="membership-row">
              <Table.Td>
                <Group gap={6}>
                  {m.unit_visible ? (
                    <Anchor component={Link} to={`/units/${m.unit_id}`}>
                      {m.unit_name}
                    </Anchor>
                  ) : (
                    <Text span>{m.unit_name}</Text>
                  )}
                  {isActiveOn({ validFrom: m.valid_from, validTo: m.valid_to }, today) ? (
                    <Badge size="xs" color="green.9" variant="light">
                      Đang công tác
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>{m.position ?? "—"}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{m.valid_from ? formatIsoDate(m.valid_from) : "không rõ"}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{m.valid_to ? formatIsoDate(m.valid_to) : "nay"}</Table.Td>
              {manageFor !== undefined ? (
                <Table.Td>
                  <Group gap="xs" wrap="nowrap" justify="flex-end">
                    <Button
                      component={Link}
                      to={`/officers/${manageFor}/memberships/${m.id}/edit`}
                      size="compact-sm"
                      variant="default"
                      aria-label={`Sửa quá trình công tác tại ${m.unit_name}`}
                    >
                      Sửa
                    </Button>
                    {m.valid_to === null ? (
                      <Button
                        component={Link}
                        to={`/officers/${manageFor}/memberships/${m.id}/end`}
                        size="compact-sm"
                        variant="default"
                        aria-label={`Kết thúc quá trình công tác tại ${m.unit_name}`}
                      >
                        Kết thúc
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
