import { Button } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { InspectionTable } from "../components/InspectionTable.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { pageFrom } from "../domain/paging.js";
import { listInspections } from "../models/inspections.server.js";
import { can } from "../permissions.js";

export const meta: MetaFunction = () => [{ title: "Đợt kiểm tra — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:case");
  const page = pageFrom(new URL(request.url).searchParams);
  const { rows, total } = await listInspections(getDb(), scope, { page });
  return { rows, total, scoped: !scope.all, canManage: can(user, "manage:case") };
}

export default function Inspections() {
  const { rows, total, scoped, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Đợt kiểm tra"
        description={scoped ? "Các đợt kiểm tra có đơn vị thuộc phạm vi của bạn" : "Các đợt kiểm tra trách nhiệm công vụ theo quyết định"}
        actions={
          canManage ? (
            <Button component={Link} to="/inspections/new">
              Thêm đợt kiểm tra
            </Button>
          ) : null
        }
      />
      <InspectionTable rows={rows} />
      <Pager total={total} label="đợt kiểm tra" />
    </>
  );
}
