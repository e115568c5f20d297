import { Button, Group, NativeSelect } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { DEADLINE_FILTER_LABELS, DEADLINE_FILTER_VALUES, readCaseListParams, viewsFor } from "../components/CaseListParams.js";
import { CaseTable } from "../components/CaseViews.js";
import { CaseCountChips, CaseStateBar, CaseViewTabs } from "../components/CaseWorklist.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { CASE_STATES, CASE_STATE_LABELS } from "../domain/case-states.js";
import { DUE_SOON_WORKING_DAYS } from "../domain/explanation-deadline.js";
import { CASE_PAGE_SIZE, caseListInspections, listCases } from "../models/cases.server.js";
import { can } from "../permissions.js";

export const meta: MetaFunction = () => [{ title: "Vụ việc kiểm tra — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:case");
  const params = readCaseListParams(new URL(request.url).searchParams, user);
  const [result, inspections] = await Promise.all([
    listCases(getDb(), {
      scope,
      state: params.state,
      inspectionId: params.inspectionId,
      mine: params.view === "mine" ? user : null,
      awaitingExplanation: params.view === "explanations",
      deadline: params.deadline,
      page: params.page,
    }),
    caseListInspections(getDb(), scope),
  ]);
  return { ...result, params, views: viewsFor(user), inspections, canOpen: can(user, "manage:case") };
}

const WHAT = {
  all: "Các vụ việc trong phạm vi của bạn",
  mine: "Vụ việc thuộc các đợt kiểm tra mà bạn là thành viên đoàn",
  explanations: "Vụ việc đang chờ đơn vị giải trình",
} as const;

export default function Cases() {
  const { rows, total, counts, params, views, inspections, canOpen } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  return (
    <>
      <PageHeader
        title={views.find((v) => v.view === params.view)?.label ?? "Vụ việc kiểm tra"}
        description={`${WHAT[params.view]}, ${params.view === "explanations" || params.deadline ? "hạn giải trình gần nhất trước" : "mới nhất trước"}. Hạn giải trình tính theo ngày làm việc.`}
        actions={
          canOpen ? (
            <Button component={Link} to="/cases/new">
              Mở vụ việc
            </Button>
          ) : null
        }
      />
      <CaseViewTabs views={views} params={params} />
      <CaseCountChips counts={counts} params={params} />
      <CaseStateBar counts={counts} />
      {/* Keyed by the params: after a chip or tab, the selects show the new filter. */}
      <Form key={JSON.stringify(params)} method="get" onChange={(e) => submit(e.currentTarget)}>
        <input type="hidden" name="view" value={params.view} />
        <Group align="flex-end" mb="md">
          {params.view === "explanations" ? null : (
            <NativeSelect
              label="Trạng thái"
              name="state"
              defaultValue={params.state ?? ""}
              data={[{ value: "", label: "Tất cả trạng thái" }, ...CASE_STATES.map((s) => ({ value: s, label: CASE_STATE_LABELS[s] }))]}
            />
          )}
          <NativeSelect label="Đợt kiểm tra" name="inspection" defaultValue={params.inspectionId ? String(params.inspectionId) : ""} data={[{ value: "", label: "Tất cả đợt kiểm tra" }, ...inspections]} maw={360} />
          <NativeSelect
            label="Hạn giải trình"
            name="deadline"
            defaultValue={params.deadline ?? ""}
            data={[
              { value: "", label: "Không lọc theo hạn" },
              ...DEADLINE_FILTER_VALUES.map((d) => ({ value: d, label: d === "soon" ? `${DEADLINE_FILTER_LABELS.soon} (≤ ${DUE_SOON_WORKING_DAYS} ngày làm việc)` : DEADLINE_FILTER_LABELS[d] })),
            ]}
          />
          <Button type="submit" variant="default">
            Lọc
          </Button>
        </Group>
      </Form>
      <CaseTable rows={rows} showDeadline />
      <Pager total={total} pageSize={CASE_PAGE_SIZE} label="vụ việc" />
    </>
  );
}
