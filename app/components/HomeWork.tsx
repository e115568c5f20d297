// The home page's work for each role: the explanations asked of a unit head, an inspector's cases with
// their explanation deadlines, an approver's cases awaiting approval. Each links to the full work list.
import { Anchor, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { DUE_SOON_WORKING_DAYS } from "../domain/explanation-deadline.js";
import { formatNumber } from "../domain/format.js";
import type { CaseCounts } from "../models/cases.server.js";
import { caseListHref, type CaseView } from "./CaseListParams.js";
import { CaseTable, type CaseListItem } from "./CaseViews.js";

export type WorkList = { rows: CaseListItem[]; total: number; counts: CaseCounts };

function DeadlineLinks({ view, counts }: { view: CaseView; counts: CaseCounts }) {
  return (
    <Group gap="lg">
      <Anchor component={Link} to={caseListHref({ view, deadline: "soon" })} size="sm">
        {`${formatNumber(counts.soon)} sắp đến hạn (≤ ${DUE_SOON_WORKING_DAYS} ngày làm việc)`}
      </Anchor>
      <Anchor component={Link} to={caseListHref({ view, deadline: "overdue" })} size="sm" c={counts.overdue > 0 ? "red.9" : undefined}>
        {`${formatNumber(counts.overdue)} quá hạn giải trình`}
      </Anchor>
    </Group>
  );
}

function WorkCard({ id, title, summary, children, more }: { id: string; title: string; summary: ReactNode; children: ReactNode; more: { to: string; label: string } }) {
  return (
    <Card withBorder component="section" aria-labelledby={id} data-testid={id}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          <Anchor component={Link} to={more.to} size="sm">
            {more.label}
          </Anchor>
        </Group>
        {summary}
        {children}
      </Stack>
    </Card>
  );
}

export function ExplanationsWork({ work }: { work: WorkList }) {
  return (
    <WorkCard
      id="work-explanations"
      title="Yêu cầu giải trình"
      more={{ to: caseListHref({ view: "explanations" }), label: "Xem tất cả" }}
      summary={
        <>
          <Text>
            {work.total === 0 ? "Không có vụ việc nào đang chờ đơn vị giải trình." : `${formatNumber(work.total)} vụ việc đang chờ đơn vị giải trình, hạn gần nhất trước.`}
          </Text>
          {work.total > 0 ? <DeadlineLinks view="explanations" counts={work.counts} /> : null}
        </>
      }
    >
      {work.total > 0 ? <CaseTable rows={work.rows} showDeadline compact /> : null}
    </WorkCard>
  );
}

export function InspectorWork({ work }: { work: WorkList }) {
  const active = work.counts.all - work.counts.byState.published - work.counts.byState.closed - work.counts.byState.withdrawn;
  return (
    <WorkCard
      id="work-mine"
      title="Vụ việc của tôi"
      more={{ to: caseListHref({ view: "mine" }), label: "Xem tất cả vụ việc của tôi" }}
      summary={
        <>
          <Text>
            {`${formatNumber(active)} vụ việc đang xử lý trong các đoàn kiểm tra của bạn; ${formatNumber(work.counts.byState.awaiting_explanation)} đang chờ đơn vị giải trình.`}
          </Text>
          <DeadlineLinks view="mine" counts={work.counts} />
        </>
      }
    >
      {work.total > 0 ? <CaseTable rows={work.rows} showDeadline compact /> : <Text c="dimmed">Không có vụ việc nào của bạn đang chờ giải trình.</Text>}
    </WorkCard>
  );
}

export function ApproverWork({ work }: { work: WorkList }) {
  return (
    <WorkCard
      id="work-approval"
      title="Chờ phê duyệt"
      more={{ to: caseListHref({ view: "all", state: "pending_approval" }), label: "Xem tất cả" }}
      summary={<Text>{work.total === 0 ? "Không có kết luận nào đang chờ phê duyệt." : `${formatNumber(work.total)} vụ việc đang chờ phê duyệt kết luận.`}</Text>}
    >
      {work.total > 0 ? <CaseTable rows={work.rows} compact /> : null}
    </WorkCard>
  );
}

export type AppraisalWorkSummary = { openCycles: { id: number; reference: string; title: string }[]; openTotal: number; pending: number; corrections: number };

/** HR: the published items waiting for an appraisal and the open cycles to record them in. */
export function AppraisalWork({ work }: { work: AppraisalWorkSummary }) {
  return (
    <WorkCard
      id="work-appraisal"
      title="Đánh giá, xếp loại"
      more={{ to: "/appraisal", label: "Các kỳ đánh giá" }}
      summary={
        <Text>
          {`${formatNumber(work.pending)} nội dung kết luận đã công bố chờ ghi nhận vào đánh giá`}
          {work.corrections > 0 ? `, ${formatNumber(work.corrections)} đính chính cần xác nhận` : ""}
          {`; ${work.openTotal === 0 ? "chưa có kỳ đánh giá nào đang mở" : `${formatNumber(work.openTotal)} kỳ đánh giá đang mở`}.`}
        </Text>
      }
    >
      {work.openCycles.length > 0 ? (
        <Stack gap={4}>
          {work.openCycles.map((c) => (
            <Anchor key={c.id} component={Link} to={`/appraisal/${c.id}`} size="sm">
              {c.reference} — {c.title}
            </Anchor>
          ))}
        </Stack>
      ) : null}
    </WorkCard>
  );
}
