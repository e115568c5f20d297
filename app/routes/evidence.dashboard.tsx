import { parseWithZod } from "../forms.js";
import { Alert, Card, List, Stack, Text } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, requirePermission } from "../auth.server.js";
import { DashboardMonthSection, DashboardOfficerSection, DashboardProcedureSection } from "../components/DashboardBreakdowns.js";
import { DashboardFilters } from "../components/DashboardFilters.js";
import { DashboardHeadline } from "../components/DashboardHeadline.js";
import { DashboardThresholdForm, thresholdSchema } from "../components/DashboardThresholdForm.js";
import { DashboardScoreSection, DashboardUnitSection, type DashboardScope } from "../components/DashboardUnits.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { formatPercentNumber, progressFormulaText } from "../domain/decision766.js";
import { readDashboardParams } from "../domain/evidence-dashboard.js";
import { formatDateTime, formatIsoDate, formatNumber } from "../domain/format.js";
import { loadEvidenceDashboard } from "../models/dashboard-evidence.server.js";
import { setProgressThreshold } from "../models/settings.server.js";
import { can } from "../permissions.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Bảng theo dõi hồ sơ — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "read:evidence");
  const { period, filter, problems } = readDashboardParams(new URL(request.url).searchParams);
  const dashboard = await loadEvidenceDashboard(getDb(), { period, asOf: period.asOf, filter });
  if (dashboard.unknown.unit) problems.push("Không tìm thấy đơn vị đã chọn; đang hiển thị toàn tỉnh.");
  if (dashboard.unknown.procedure) problems.push("Không tìm thấy thủ tục đã chọn; đang hiển thị mọi thủ tục.");
  return { period, problems, dashboard, canSetThreshold: can(user, "manage:organisation") };
}

// Changing the Decision 766 threshold: an admin's decision (the organisation's rules), audited.
export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "read:evidence");
  if (!can(user, "manage:organisation")) throw forbidden("Chỉ quản trị hệ thống được đổi ngưỡng tính điểm.");
  const submission = parseWithZod(await request.formData(), { schema: thresholdSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value.threshold;
  const { changed } = await setProgressThreshold(getDb(), { value, actorUserId: user.id });
  const url = new URL(request.url);
  return redirectWithToast(
    url.pathname + url.search,
    changed ? `Đã đổi ngưỡng tính điểm tiến độ thành ${formatPercentNumber(value)}.` : `Ngưỡng vẫn là ${formatPercentNumber(value)}; không có gì thay đổi.`,
  );
}

export default function EvidenceDashboard() {
  const { period, problems, dashboard, canSetThreshold } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { filter, selected } = dashboard;
  const scope: DashboardScope = { period, filter, chosenUnitName: selected.unit?.name ?? null };
  return (
    <Stack gap="lg">
      <PageHeader
        title="Bảng theo dõi giải quyết hồ sơ"
        description={
          <>
            Hồ sơ có ngày hẹn trả từ {formatIsoDate(period.from)} đến {formatIsoDate(period.to)}
            {selected.unit ? ` — ${selected.unit.name} và các đơn vị trực thuộc` : " — toàn tỉnh"}
            {selected.procedure ? ` — thủ tục ${selected.procedure.name ?? selected.procedure.code}` : ""}. Không tính hồ sơ bị từ chối hoặc
            rút.
          </>
        }
      />
      <Card withBorder>
        <DashboardFilters period={period} filter={filter} unitOptions={dashboard.options.units} procedureOptions={dashboard.options.procedures} />
        <Text size="sm" mt="sm" data-testid="as-of">
          Hồ sơ chưa xong được đánh giá tại thời điểm {formatDateTime(new Date(period.asOf))}.
        </Text>
      </Card>
      {problems.length > 0 ? (
        <Alert color="yellow" variant="light" title="Một số lựa chọn chưa dùng được" role="status">
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <DashboardHeadline counts={dashboard.headline} period={period} filter={filter} />
      {dashboard.headline.attributedOutside > 0 ? (
        <Text size="sm" c="dimmed">
          {formatNumber(dashboard.headline.attributedOutside)} hồ sơ trễ hạn được quy cho đơn vị ngoài phạm vi đã chọn (ví dụ Trung tâm Phục vụ hành chính công).
        </Text>
      ) : null}
      <DashboardUnitSection scope={scope} page={dashboard.byUnit} />
      <DashboardScoreSection
        scope={scope}
        page={dashboard.scores}
        threshold={dashboard.threshold}
        formula={progressFormulaText(dashboard.threshold)}
        form={<DashboardThresholdForm threshold={dashboard.threshold} canChange={canSetThreshold} lastResult={lastResult} />}
      />
      <DashboardProcedureSection scope={scope} page={dashboard.byProcedure} />
      <DashboardOfficerSection scope={scope} page={dashboard.byOfficer} />
      <DashboardMonthSection scope={scope} rows={dashboard.byMonth} />
    </Stack>
  );
}
