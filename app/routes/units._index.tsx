import { Button, Card } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { UnitFilters } from "../components/UnitFilters.js";
import { UnitTable } from "../components/UnitTable.js";
import { getDb } from "../db.server.js";
import { todayInVietnam } from "../domain/format.js";
import { readUnitListParams } from "../domain/units.js";
import { listUnits } from "../models/units.server.js";
import { can } from "../permissions.js";

export const meta: MetaFunction = () => [{ title: "Đơn vị — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:organisation");
  const today = todayInVietnam();
  const filter = readUnitListParams(new URL(request.url).searchParams, today);
  const countOn = filter.status === "active" ? filter.on : today;
  const { rows, total } = await listUnits(getDb(), scope, {
    q: filter.q,
    kind: filter.kind,
    activeOn: filter.status === "active" ? filter.on : null,
    countOn,
    page: filter.page,
  });
  return { rows, total, filter, countOn, today, scoped: !scope.all, canManage: can(user, "manage:organisation") };
}

export default function Units() {
  const { rows, total, filter, countOn, today, scoped, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Đơn vị"
        description={scoped ? "Các đơn vị trong phạm vi phụ trách của bạn" : "Cơ quan, đơn vị của tỉnh qua các thời kỳ"}
        actions={
          canManage ? (
            <Button component={Link} to="/units/new">
              Thêm đơn vị
            </Button>
          ) : null
        }
      />
      <Card withBorder mb="md">
        <UnitFilters filter={filter} />
      </Card>
      <UnitTable rows={rows} countOn={countOn} today={today} />
      <Pager total={total} label="đơn vị" />
    </>
  );
}
