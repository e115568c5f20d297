import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { roleLabel, type RoleGrant } from "../permissions.js";

export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  officer: { code: string; name: string } | null;
  roles: RoleGrant[];
};

export function UserActiveBadge({ active }: { active: boolean }) {
  return active ? (
    <Badge color="green.9" variant="light">
      Đang hoạt động
    </Badge>
  ) : (
    <Badge color="gray.8" variant="light">
      Ngừng hoạt động
    </Badge>
  );
}

export function UserTable({ rows }: { rows: UserRow[] }) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover aria-label="Danh sách người dùng">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Tên đăng nhập</Table.Th>
            <Table.Th scope="col">Tên hiển thị</Table.Th>
            <Table.Th scope="col">Cán bộ liên kết</Table.Th>
            <Table.Th scope="col">Vai trò</Table.Th>
            <Table.Th scope="col">Trạng thái</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed" ta="center" py="md">
                  Không có người dùng nào khớp bộ lọc.
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            rows.map((u) => (
              <Table.Tr key={u.id} data-testid="user-row">
                <Table.Td>
                  <Anchor component={Link} to={`/admin/users/${u.id}`} fw={600}>
                    {u.username}
                  </Anchor>
                </Table.Td>
                <Table.Td>{u.displayName}</Table.Td>
                <Table.Td>{u.officer ? `${u.officer.code} – ${u.officer.name}` : <Text c="dimmed" span>—</Text>}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {u.roles.length === 0 ? (
                      <Text c="dimmed" span>
                        Chưa có vai trò
                      </Text>
                    ) : (
                      u.roles.map((g, i) => (
                        <Badge key={i} variant="outline" color="ktcv.8" tt="none" fw={500}>
                          {roleLabel(g)}
                        </Badge>
                      ))
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <UserActiveBadge active={u.active} />
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
