import { Anchor, Breadcrumbs, Group, SegmentedControl, Table, Text } from "@mantine/core";
import { Link, useNavigate } from "@remix-run/react";
import { formatIsoDate } from "../domain/format.js";
import { formatPeriod, unitKindLabel } from "../domain/units.js";
import { UnitStatusBadge } from "./UnitStatusBadge.js";

type Ancestor = { id: number; code: string; name: string; visible: boolean | null };

/** The unit's place in the tree; ancestors outside the user's scope are named but not linked. */
export function UnitBreadcrumbs({ ancestors, current }: { ancestors: Ancestor[]; current: string }) {
  if (ancestors.length === 0) return null;
  return (
    <nav aria-label="Đơn vị cấp trên">
      <Breadcrumbs separator="›" mb="sm" style={{ flexWrap: "wrap" }}>
        {ancestors.map((a) =>
          a.visible ? (
            <Anchor key={a.id} component={Link} to={`/units/${a.id}`} size="sm">
              {a.name}
            </Anchor>
          ) : (
            <Text key={a.id} size="sm" c="dimmed">
              {a.name}
            </Text>
          ),
        )}
        <Text size="sm" aria-current="page">
          {current}
        </Text>
      </Breadcrumbs>
    </nav>
  );
}

type SubUnit = { id: number; code: string; name: string; kind: string; valid_from: string | null; valid_to: string | null };

export function UnitSubUnitsTable({ rows, total, limit, today }: { rows: SubUnit[]; total: number; limit: number; today: string }) {
  if (rows.length === 0) return <Text c="dimmed">Không có đơn vị trực thuộc.</Text>;
  return (
    <>
      <Table.ScrollContainer minWidth={700}>
        <Table striped verticalSpacing="xs" aria-label="Đơn vị trực thuộc">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Mã</Table.Th>
              <Table.Th scope="col">Tên đơn vị</Table.Th>
              <Table.Th scope="col">Loại</Table.Th>
              <Table.Th scope="col">Hiệu lực</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((u) => (
              <Table.Tr key={u.id} data-testid="sub-unit-row">
                <Table.Td style={{ whiteSpace: "nowrap" }}>{u.code}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/units/${u.id}`}>
                    {u.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{unitKindLabel(u.kind)}</Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm">{formatPeriod({ validFrom: u.valid_from, validTo: u.valid_to })}</Text>
                    <UnitStatusBadge period={{ validFrom: u.valid_from, validTo: u.valid_to }} today={today} size="xs" />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {total > limit ? (
        <Text size="sm" c="dimmed" mt="xs">
          Hiển thị {limit} trong {total} đơn vị trực thuộc; dùng ô tìm kiếm ở trang Đơn vị để tìm đơn vị cụ thể.
        </Text>
      ) : null}
    </>
  );
}

type Member = {
  id: number;
  officer_id: number;
  code: string;
  full_name: string;
  position: string | null;
  valid_from: string | null;
  valid_to: string | null;
};

/** Switches between the officers in the unit today and those who have left it (a URL parameter). */
export function UnitMembersSwitch({ value }: { value: "current" | "former" }) {
  const navigate = useNavigate();
  return (
    <SegmentedControl
      aria-label="Cán bộ hiển thị"
      value={value}
      onChange={(v) => navigate({ search: v === "former" ? "?members=former" : "" }, { preventScrollReset: true })}
      data={[
        { value: "current", label: "Đang công tác" },
        { value: "former", label: "Đã từng công tác" },
      ]}
    />
  );
}

export function UnitMembersTable({ rows, which }: { rows: Member[]; which: "current" | "former" }) {
  if (rows.length === 0) {
    return <Text c="dimmed">{which === "current" ? "Hiện không có cán bộ nào công tác tại đơn vị này." : "Chưa có cán bộ nào đã rời đơn vị này."}</Text>;
  }
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped verticalSpacing="xs" aria-label={which === "current" ? "Cán bộ đang công tác tại đơn vị" : "Cán bộ đã từng công tác tại đơn vị"}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Mã cán bộ</Table.Th>
            <Table.Th scope="col">Họ và tên</Table.Th>
            <Table.Th scope="col">Chức vụ, vị trí</Table.Th>
            <Table.Th scope="col">Từ ngày</Table.Th>
            <Table.Th scope="col">Đến ngày</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.id} data-testid="member-row">
              <Table.Td>{m.code}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/officers/${m.officer_id}`}>
                  {m.full_name}
                </Anchor>
              </Table.Td>
              <Table.Td>{m.position ?? "—"}</Table.Td>
              <Table.Td>{m.valid_from ? formatIsoDate(m.valid_from) : "—"}</Table.Td>
              <Table.Td>{m.valid_to ? formatIsoDate(m.valid_to) : "nay"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
