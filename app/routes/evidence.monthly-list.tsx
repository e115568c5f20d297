import { Alert, Button, Card, List, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { currentMonth, monthLabel, monthlyListSearch, previousMonth, readMonthlyListParams } from "../components/MonthlyListParams.js";
import { MonthlyHeadline, MonthlyOfficerSection, MonthlyUnitSection, MonthPicker } from "../components/MonthlyListViews.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { formatDateTime } from "../domain/format.js";
import { monthlyListPage } from "../models/monthly-list.server.js";

export const meta: MetaFunction = () => [{ title: "Danh sách tháng — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "read:evidence");
  const now = Date.now();
  const { params, problems } = readMonthlyListParams(new URL(request.url).searchParams, now);
  const list = await monthlyListPage(getDb(), scope, { ...params, now });
  return { list, problems, fallback: previousMonth(now), current: currentMonth(now), running: list.period.asOf === now };
}

export default function MonthlyList() {
  const { list, problems, fallback, current, running } = useLoaderData<typeof loader>();
  const month = { year: list.year, month: list.month };
  const search = monthlyListSearch(month);
  return (
    <Stack gap="lg">
      <PageHeader
        title="Danh sách tháng"
        description={`Cơ quan, đơn vị và cán bộ, công chức để hồ sơ thủ tục hành chính quá hạn tháng ${monthLabel(month)} (theo Quyết định 766/QĐ-TTg)`}
        actions={
          <>
            {/* Plain links: the files are resource routes, which client-side navigation cannot open. */}
            <Button component="a" href={`/evidence/monthly-list.pdf?${search}`} download>
              Tải PDF
            </Button>
            <Button component="a" href={`/evidence/monthly-list.csv?${search}`} variant="default" download>
              Tải CSV
            </Button>
          </>
        }
      />
      {problems.length > 0 ? (
        <Alert color="yellow.9" variant="light" title={`Tháng đã chọn không dùng được; đang hiển thị tháng ${monthLabel(fallback)}`} role="status">
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <Card withBorder>
        <MonthPicker chosen={month} current={current} />
        <Text size="sm" mt="sm" data-testid="as-of">
          Hồ sơ có ngày hẹn trả trong tháng, đánh giá tại thời điểm {formatDateTime(new Date(list.period.asOf))}
          {running ? " (tháng chưa kết thúc: số liệu còn thay đổi)" : ""}.
        </Text>
      </Card>
      <MonthlyHeadline list={list} />
      <MonthlyUnitSection list={list} />
      <MonthlyOfficerSection list={list} />
    </Stack>
  );
}
