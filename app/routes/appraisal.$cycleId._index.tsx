// One appraisal cycle: what waits to be consumed and what was consumed (by whom, when), the officers and
// units concerned, the reports, and closing. "Ghi nhận" consumes an item once, ever: when another HR
// officer got there first, the page says who and when, and the list shows the item as theirs.
import { Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { consumeAction } from "../components/AppraisalActions.server.js";
import { CapWarnings, CloseCycleButton, cyclePeriodText, NotCoveredList, OfficerTable, OverviewCounts, StatusBadge, UnitChart, UnitTable } from "../components/AppraisalOverview.js";
import { ConsumedTable, Paged, PendingTable, RefusalAlert, type Refusal } from "../components/AppraisalViews.js";
import { Section } from "../components/SectionCard.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { pageFrom } from "../domain/paging.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { closeCycle } from "../models/appraisal.server.js";
import { cycleOverview } from "../models/appraisal-sheets.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cycle.reference ?? "Kỳ đánh giá"} — Đánh giá, xếp loại — KTCV` }];

const pageParam = (params: URLSearchParams, name: string) => pageFrom(new URLSearchParams({ page: params.get(name) ?? "1" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "run:appraisal");
  const cycleId = invariantFound(idParam(params.cycleId));
  const search = new URL(request.url).searchParams;
  return invariantFound(
    await cycleOverview(getDb(), {
      cycleId,
      scope,
      page: pageFrom(search),
      pendingPage: pageParam(search, "pending"),
      consumedPage: pageParam(search, "consumed"),
      correctionsPage: pageParam(search, "corrections"),
      unitsPage: pageParam(search, "units"),
    }),
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope } = await requirePermission(request, "run:appraisal");
  const cycleId = invariantFound(idParam(params.cycleId));
  const formData = await request.formData();
  const url = new URL(request.url);
  if (formData.get("intent") === "close") {
    const closed = invariantFound(await closeCycle(getDb(), { cycleId, scope }, user));
    if (!closed.ok) return data({ closeError: closed.message }, { status: 409 });
    return redirectWithToast(`/appraisal/${cycleId}`, "Đã khoá kỳ đánh giá; nội dung chưa ghi nhận sẽ vào kỳ sau.");
  }
  return consumeAction(formData, { cycleId, scope, user, back: `/appraisal/${cycleId}${url.search}` });
}

// A refused consumption changed nothing here, but someone else's did: reload the lists to show it.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => (actionStatus === 409 ? true : defaultShouldRevalidate);

export default function CyclePage() {
  const o = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as { refusal?: Refusal; closeError?: string } | undefined;
  const { cycle } = o;
  const open = cycle.status === "open";
  return (
    <>
      <PageHeader
        title={`${cycle.reference} — ${cycle.title}`}
        description={`${cyclePeriodText(cycle)} · ${cycle.scope_unit_name} và các đơn vị trực thuộc · bộ quy tắc ${cycle.rule_set_code} (phiên bản ${cycle.rule_set_version}) · bảng trừ điểm CCHC phiên bản ${o.parTable.version}`}
        actions={
          <>
            <StatusBadge status={cycle.status} />
            {/* Plain links: the reports are resource routes, which client-side navigation cannot open. */}
            <Button component="a" href={`/appraisal/${cycle.id}/summary.pdf`} variant="default" size="sm">
              Báo cáo tổng hợp (PDF)
            </Button>
            <Button component="a" href={`/appraisal/${cycle.id}/summary.csv`} variant="default" size="sm" download>
              Tải CSV
            </Button>
            {open ? <CloseCycleButton reference={cycle.reference} pending={o.counts.pending} error={last?.closeError ?? null} /> : null}
          </>
        }
      />
      <RefusalAlert refusal={last?.refusal} />
      <Stack gap="lg">
        <OverviewCounts counts={o.counts} />
        {!open ? (
          <Text c="dimmed">
            Kỳ đã khoá{cycle.closed_by_name ? ` bởi ${cycle.closed_by_name}` : ""}: các nội dung chưa ghi nhận được chuyển sang kỳ đánh giá sau.
          </Text>
        ) : null}
        <CapWarnings warnings={o.capWarnings} />
        <UnitChart chart={o.chart} />
        {o.corrections.total > 0 ? (
          <Section id="corrections" title={`Đính chính cần xác nhận (${o.corrections.total})`} description="Thông báo đính chính công bố sau khi nội dung cũ đã được ghi nhận: xác nhận để biết, nội dung đã ghi nhận vẫn giữ nguyên và không tính lại.">
            <Paged total={o.corrections.total} page={o.corrections.page} param="corrections" label="đính chính" empty="">
              <PendingTable rows={o.corrections.rows} cycleId={cycle.id} open={open} askTasks={false} caption="Đính chính cần xác nhận" />
            </Paged>
          </Section>
        ) : null}
        <Section id="pending" title={`Nội dung kết luận chờ ghi nhận (${o.pending.total})`} description="Nội dung của các thông báo kết luận đã công bố, về cán bộ và đơn vị trong phạm vi kỳ, chưa được ghi nhận ở kỳ nào.">
          <Paged total={o.pending.total} page={o.pending.page} param="pending" label="nội dung chờ ghi nhận" empty="Không có nội dung kết luận nào chờ ghi nhận.">
            <PendingTable rows={o.pending.rows} cycleId={cycle.id} open={open} askTasks={cycle.rule_set_code === "nd335-2025"} caption="Nội dung kết luận chờ ghi nhận" />
          </Paged>
        </Section>
        <Section id="consumed" title={`Đã ghi nhận trong kỳ (${o.consumed.total})`}>
          <Paged total={o.consumed.total} page={o.consumed.page} param="consumed" label="nội dung đã ghi nhận" empty="Chưa ghi nhận nội dung nào trong kỳ này.">
            <ConsumedTable rows={o.consumed.rows} cycleId={cycle.id} caption="Nội dung đã ghi nhận trong kỳ" highlight={last?.refusal?.itemId} />
          </Paged>
        </Section>
        <Section id="officers" title={`Cán bộ, công chức (${o.officers.total})`} description="Người có nội dung kết luận chờ ghi nhận, đã ghi nhận hoặc đã có kết quả trong kỳ; mở phiếu để xem đề xuất xếp loại.">
          <Paged total={o.officers.total} page={o.officers.page} param="page" label="cán bộ" empty="Chưa có cán bộ nào có nội dung kết luận trong kỳ.">
            <OfficerTable rows={o.officers.rows} cycleId={cycle.id} />
          </Paged>
          <NotCoveredList notCovered={o.notCovered} />
        </Section>
        <Section id="units" title={`Đơn vị (${o.units.total})`} description={`Nội dung kết luận về đơn vị trừ điểm nội dung cải cách chế độ công vụ của Chỉ số CCHC, tối đa ${o.parTable.componentMax} điểm.`}>
          <Paged total={o.units.total} page={o.units.page} param="units" label="đơn vị" empty="Chưa có nội dung kết luận nào về đơn vị trong kỳ.">
            <UnitTable rows={o.units.rows} cycleId={cycle.id} componentMax={o.parTable.componentMax} />
          </Paged>
        </Section>
        <Group>
          <Anchor component={Link} to="/appraisal" size="sm">
            ← Các kỳ đánh giá
          </Anchor>
        </Group>
      </Stack>
    </>
  );
}
