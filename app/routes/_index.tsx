import { Alert, Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server.js";
import { requirePermission } from "../auth.server.js";
import { formatNumber } from "../domain/format.js";
import { AppraisalWork, ApproverWork, ExplanationsWork, InspectorWork } from "../components/HomeWork.js";
import { appraisalWork } from "../models/appraisal-sheets.server.js";
import { listCases } from "../models/cases.server.js";
import { listRecommendations } from "../models/followup.server.js";
import { organisationSummary } from "../models/dashboard.server.js";
import { can, hasRole, ROLE_LABELS, roleLabel, type Role, type SessionUser } from "../permissions.js";

export const meta: MetaFunction = () => [{ title: "Tổng quan — KTCV" }];

const DUTIES: Record<Role, string> = {
  admin: "Quản lý đơn vị, cán bộ, người dùng, lịch làm việc và các lần nhập dữ liệu.",
  inspector: "Lập kế hoạch kiểm tra, tham gia đoàn kiểm tra, mở vụ việc, ghi nhận phát hiện và dự thảo kết luận.",
  approver: "Phê duyệt và ký thông báo kết luận kiểm tra (không phê duyệt kết luận do chính mình dự thảo).",
  unit_head: "Xem các vụ việc về đơn vị mình và cán bộ thuộc đơn vị; giải trình và báo cáo khắc phục.",
  hr: "Thực hiện kỳ đánh giá, xếp loại; ghi nhận kết luận đã công bố vào đánh giá cán bộ trong phạm vi phụ trách.",
};

const WORK_ROWS = 10;

/** Each role's work: a unit head's explanations, an inspector's cases, an approver's pending approvals. */
async function caseWork(request: Request, user: SessionUser) {
  if (!can(user, "read:case")) return { explanations: null, mine: null, approval: null, overdue: null };
  const { scope } = await requirePermission(request, "read:case");
  const first = { scope, page: 1, pageSize: WORK_ROWS };
  const [explanations, mine, approval, overdue] = await Promise.all([
    hasRole(user, "unit_head") ? listCases(getDb(), { ...first, awaitingExplanation: true }) : null,
    hasRole(user, "inspector") && user.officerId !== null ? listCases(getDb(), { ...first, mine: user, awaitingExplanation: true }) : null,
    hasRole(user, "approver") ? listCases(getDb(), { ...first, state: "pending_approval" }) : null,
    // Overdue recommendations escalate to the approvers.
    hasRole(user, "approver") ? listRecommendations(getDb(), { scope, filter: "overdue", page: 1 }).then((r) => r.counts.overdue) : null,
  ]);
  return { explanations, mine, approval, overdue };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:organisation");
  const [summary, work, appraisal] = await Promise.all([
    organisationSummary(getDb(), scope),
    caseWork(request, user),
    can(user, "run:appraisal") ? requirePermission(request, "run:appraisal").then(({ scope: hr }) => appraisalWork(getDb(), hr)) : null,
  ]);
  return { user, summary, scoped: !scope.all, work, appraisal };
}

export default function Home() {
  const { user, summary, scoped, work, appraisal } = useLoaderData<typeof loader>();
  const roles = [...new Set(user.roles.map((r) => r.role))];
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Xin chào, {user.displayName}
        </Title>
        <Text c="dimmed">{user.roles.map(roleLabel).join(" · ")}</Text>
      </div>
      {work.explanations ? <ExplanationsWork work={work.explanations} /> : null}
      {work.mine ? <InspectorWork work={work.mine} /> : null}
      {work.approval ? <ApproverWork work={work.approval} /> : null}
      {appraisal ? <AppraisalWork work={appraisal} /> : null}
      {work.overdue ? (
        <Alert color="red.9" variant="light" title="Kiến nghị quá hạn">
          {formatNumber(work.overdue)} kiến nghị đã quá thời hạn thực hiện mà chưa hoàn thành.{" "}
          <Anchor component={Link} to="/followup?filter=overdue" underline="always">
            Xem danh sách
          </Anchor>
        </Alert>
      ) : null}
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
