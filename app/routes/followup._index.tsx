// Follow-up of recommendations: each recommendation in force with its owner unit, deadline and status;
// overdue ones highlighted — the approvers' list of escalations. Unit heads see their own units' only.
import { Anchor, Badge, Button, Group, Table, Text } from "@mantine/core";
import { BarChart } from "@mantine/charts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { formatIsoDate } from "../domain/format.js";
import { pageFrom } from "../domain/paging.js";
import { FOLLOWUP_FILTERS, listRecommendations, type FollowupFilter } from "../models/followup.server.js";

export const meta: MetaFunction = () => [{ title: "Theo dõi thực hiện kiến nghị — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:case");
  const params = new URL(request.url).searchParams;
  const asked = params.get("filter");
  // Approvers open on the overdue list: overdue recommendations are escalated to them.
  const fallback: FollowupFilter = user.roles.some((g) => g.role === "approver") ? "overdue" : "pending";
  const filter = (FOLLOWUP_FILTERS as readonly string[]).includes(asked ?? "") ? (asked as FollowupFilter) : fallback;
  return { ...(await listRecommendations(getDb(), { scope, filter, page: pageFrom(params) })), filter };
}

const FILTER_LABELS: Record<FollowupFilter, string> = { pending: "Đang theo dõi", overdue: "Quá hạn", settled: "Đã xong hoặc được miễn", all: "Tất cả" };

export default function Followup() {
  const { rows, total, counts, filter } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Theo dõi thực hiện kiến nghị" description="Kiến nghị của các thông báo kết luận đang có hiệu lực; kiến nghị quá hạn được chuyển lãnh đạo Sở xem xét." />
      <Group mb="md" gap="xs">
        {(["pending", "overdue", "settled", "all"] as const).map((f) => (
          <Button key={f} component={Link} to={`?filter=${f}`} variant={f === filter ? "filled" : "default"} color={f === "overdue" ? "red.9" : undefined} size="sm">
            {FILTER_LABELS[f]} ({counts[f]})
          </Button>
        ))}
      </Group>
      {counts.all > 0 ? (
        <BarChart
          h={120}
          mb="md"
          data={[{ label: "Kiến nghị", "Đang theo dõi, còn hạn": counts.pending - counts.overdue, "Quá hạn": counts.overdue, "Đã xong/miễn": counts.settled }]}
          dataKey="label"
          orientation="vertical"
          type="stacked"
          yAxisProps={{ width: 80 }}
          series={[
            { name: "Đang theo dõi, còn hạn", color: "ktcv.6" },
            { name: "Quá hạn", color: "red.8" },
            { name: "Đã xong/miễn", color: "green.8" },
          ]}
          withLegend
          aria-label={`Kiến nghị: ${counts.pending - counts.overdue} còn hạn, ${counts.overdue} quá hạn, ${counts.settled} đã xong hoặc được miễn`}
        />
      ) : null}
      {rows.length === 0 ? (
        <Text c="dimmed">Không có kiến nghị nào ở mục này.</Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kiến nghị</Table.Th>
                <Table.Th>Thông báo</Table.Th>
                <Table.Th>Đơn vị chủ trì</Table.Th>
                <Table.Th>Thời hạn</Table.Th>
                <Table.Th>Tình trạng</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} bg={r.overdue ? "red.0" : undefined}>
                  <Table.Td>
                    <Anchor component={Link} to={`/followup/${r.id}`}>
                      {r.kindLabel}: {r.content.length > 120 ? `${r.content.slice(0, 120)}…` : r.content}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {r.notice.number} · {r.caseCode}
                  </Table.Td>
                  <Table.Td>{r.ownerUnitName}</Table.Td>
                  <Table.Td>{formatIsoDate(r.deadline)}</Table.Td>
                  <Table.Td>
                    {r.overdue ? (
                      <Badge color="red.9" variant="filled">
                        Quá hạn
                      </Badge>
                    ) : null}{" "}
                    <Text span size="sm">
                      {r.statusLabel}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager total={total} label="kiến nghị" />
    </>
  );
}
