import { Anchor, Button, Code, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { Link } from "@remix-run/react";
import { Fragment, useState } from "react";
import { formatDateTime } from "../domain/format.js";
import { auditActionLabel, auditEntityLabel } from "./AuditLabels.js";

export type AuditRow = {
  id: number;
  at: Date | string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: string;
  data: unknown;
  username: string | null;
  display_name: string | null;
};

function historyLink(type: string, id: string): string {
  return `/admin/audit?${new URLSearchParams({ entityType: type, entityId: id })}`;
}

/** The audit log, newest first; each row opens to show the event's data as recorded. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label="Nhật ký hệ thống" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={140}>
              Thời điểm
            </Table.Th>
            <Table.Th scope="col">Người thực hiện</Table.Th>
            <Table.Th scope="col">Thao tác</Table.Th>
            <Table.Th scope="col">Đối tượng</Table.Th>
            <Table.Th scope="col">Nội dung</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Dữ liệu chi tiết</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed" ta="center" py="md">
                  Không có sự kiện nào khớp bộ lọc.
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            rows.map((e) => {
              const expanded = open.has(e.id);
              const detailId = `audit-data-${e.id}`;
              return (
                <Fragment key={e.id}>
                  <Table.Tr data-testid="audit-row">
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(e.at)}</Table.Td>
                    <Table.Td>
                      {e.username ? (
                        <Stack gap={0}>
                          <Text size="sm">{e.display_name}</Text>
                          <Text size="xs" c="dimmed">
                            {e.username}
                          </Text>
                        </Stack>
                      ) : (
                        <Text size="sm" fs="italic">
                          Hệ thống
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        <Text size="sm">{auditActionLabel(e.action)}</Text>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {e.action}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{auditEntityLabel(e.entity_type)}</Text>
                      {e.entity_id ? (
                        <Anchor
                          component={Link}
                          to={historyLink(e.entity_type, e.entity_id)}
                          size="xs"
                          ff="monospace"
                          title="Xem lịch sử của bản ghi này"
                          aria-label={`Lịch sử của ${auditEntityLabel(e.entity_type)} ${e.entity_id}`}
                        >
                          {e.entity_id}
                        </Anchor>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.summary}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        size="compact-xs"
                        onClick={() => toggle(e.id)}
                        aria-expanded={expanded}
                        aria-controls={expanded ? detailId : undefined}
                        aria-label={`${expanded ? "Ẩn dữ liệu" : "Xem dữ liệu"} của sự kiện số ${e.id}`}
                      >
                        {expanded ? "Ẩn dữ liệu" : "Xem dữ liệu"}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                  {expanded ? (
                    <Table.Tr id={detailId}>
                      <Table.Td colSpan={6}>
                        <Code block data-testid="audit-data">
                          {JSON.stringify(e.data, null, 2)}
                        </Code>
                      </Table.Td>
                    </Table.Tr>
                  ) : null}
                </Fragment>
              );
            })
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
