import { Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server.js";
import { requirePermission } from "../auth.server.js";
import { formatNumber } from "../domain/format.js";
import { organisationSummary } from "../models/dashboard.server.js";
import { ROLE_LABELS, roleLabel, type Role } from "../permissions.js";

export const meta: MetaFunction = () => [{ title: "Tổng quan — KTCV" }];

const DUTIES: Record<Role, string> = {
  admin: "Quản lý đơn vị, cán bộ, người dùng, lịch làm việc và các lần nhập dữ liệu.",
  inspector: "Lập kế hoạch kiểm tra, tham gia đoàn kiểm tra, mở vụ việc, ghi nhận phát hiện và dự thảo kết luận.",
  approver: "Phê duyệt và ký thông báo kết luận kiểm tra (không phê duyệt kết luận do chính mình dự thảo).",
  unit_head: "Xem các vụ việc về đơn vị mình và cán bộ thuộc đơn vị; giải trình và báo cáo khắc phục.",
  hr: "Thực hiện kỳ đánh giá, xếp loại; ghi nhận kết luận đã công bố vào đánh giá cán bộ trong phạm vi phụ trách.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:organisation");
  return { user, summary: await organisationSummary(getDb(), scope), scoped: !scope.all };
}

export default function Home() {
  const { user, summary, scoped } = useLoaderData<typeof loader>();
  const roles = [...new Set(user.roles.map((r) => r.role))];
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Xin chào, {user.displayName}
        </Title>
        <Text c="dimmed">{user.roles.map(roleLabel).join(" · ")}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {scoped ? "Đơn vị trong phạm vi của bạn (đang hoạt động)" : "Đơn vị đang hoạt động"}
          </Text>
          <Text size="xl" fw={700} data-testid="unit-count">
            {formatNumber(summary.units)}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {scoped ? "Cán bộ, công chức trong phạm vi" : "Cán bộ, công chức đang công tác"}
          </Text>
          <Text size="xl" fw={700} data-testid="officer-count">
            {formatNumber(summary.officers)}
          </Text>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Nhiệm vụ của bạn trong hệ thống
        </Title>
        <List spacing="xs">
          {roles.map((role) => (
            <List.Item key={role}>
              <Group gap={6} wrap="nowrap" align="baseline">
                <Text fw={600} span>
                  {ROLE_LABELS[role]}:
                </Text>
                <Text span>{DUTIES[role]}</Text>
              </Group>
            </List.Item>
          ))}
        </List>
      </Card>
    </Stack>
  );
}
