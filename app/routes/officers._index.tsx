import { Button, Card } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { OfficerFilters } from "../components/OfficerFilters.js";
import { OfficerTable } from "../components/OfficerTable.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { todayInVietnam } from "../domain/format.js";
import { readOfficerListParams } from "../domain/units.js";
import { listOfficers } from "../models/officers.server.js";
import { unitOptions } from "../models/units.server.js";
import { can } from "../permissions.js";

export const meta: MetaFunction = () => [{ title: "Cán bộ, công chức — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:organisation");
  const today = todayInVietnam();
  const filter = readOfficerListParams(new URL(request.url).searchParams);
  const withUser = can(user, "manage:users");
  const [{ rows, total }, units] = await Promise.all([
    listOfficers(getDb(), scope, { ...filter, today, withUser }),
    unitOptions(getDb(), scope, today),
  ]);
  return { rows, total, filter, unitOptions: units, withUser, scoped: !scope.all, canManage: can(user, "manage:organisation") };
}

export default function Officers() {
  const { rows, total, filter, unitOptions, withUser, scoped, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Cán bộ, công chức"
        description={scoped ? "Cán bộ đang hoặc đã từng công tác tại các đơn vị trong phạm vi của bạn" : "Cán bộ, công chức, viên chức và quá trình công tác"}
        actions={
          canManage ? (
            <Button component={Link} to="/officers/new">
              Thêm cán bộ
            </Button>
          ) : null
        }
      />
      <Card withBorder mb="md">
        <OfficerFilters filter={filter} unitOptions={unitOptions} />
      </Card>
      <OfficerTable rows={rows} withUser={withUser} />
      <Pager total={total} label="cán bộ" />
    </>
  );
}
