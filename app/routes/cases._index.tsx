import { Button, Checkbox, Group, NativeSelect } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { CaseTable } from "../components/CaseViews.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { CASE_STATES, CASE_STATE_LABELS } from "../domain/case-states.js";
import { pageFrom } from "../domain/paging.js";
import { idParam } from "../domain/units.js";
import { CASE_PAGE_SIZE, isCaseState, listCases } from "../models/cases.server.js";
import { can } from "../permissions.js";

export const meta: MetaFunction = () => [{ title: "Vụ việc kiểm tra — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:case");
  const params = new URL(request.url).searchParams;
  const state = params.get("state");
  const mine = params.get("mine") === "1";
  const result = await listCases(getDb(), {
    scope,
    state: isCaseState(state) ? state : null,
    inspectionId: idParam(params.get("inspection") ?? undefined),
    mine: mine ? user : null,
    page: pageFrom(params),
  });
  return { ...result, filter: { state: isCaseState(state) ? state : "", mine }, canOpen: can(user, "manage:case") };
}

const STATE_OPTIONS = [{ value: "", label: "Tất cả trạng thái" }, ...CASE_STATES.map((s) => ({ value: s, label: CASE_STATE_LABELS[s] }))];

export default function Cases() {
  const { rows, total, filter, canOpen } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  return (
    <>
      <PageHeader
        title="Vụ việc kiểm tra"
        description="Các vụ việc trong phạm vi của bạn, mới nhất trước."
        actions={
          canOpen ? (
            <Button component={Link} to="/cases/new">
              Mở vụ việc
            </Button>
          ) : null
        }
      />
      <Form method="get" onChange={(e) => submit(e.currentTarget)}>
        <Group align="flex-end" mb="md">
          <NativeSelect label="Trạng thái" name="state" defaultValue={filter.state} data={STATE_OPTIONS} />
          <Checkbox label="Vụ việc của tôi" name="mine" value="1" defaultChecked={filter.mine} mb={8} />
          <Button type="submit" variant="default">
            Lọc
          </Button>
        </Group>
      </Form>
      <CaseTable rows={rows} />
      <Pager total={total} pageSize={CASE_PAGE_SIZE} label="vụ việc" />
    </>
  );
}
