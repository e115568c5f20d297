import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { EvidenceSetTable } from "../components/EvidenceSetViews.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { pageFrom } from "../domain/paging.js";
import { listEvidenceSets } from "../models/evidence-sets.server.js";

export const meta: MetaFunction = () => [{ title: "Bộ chứng cứ — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:evidence");
  return listEvidenceSets(getDb(), { page: pageFrom(new URL(request.url).searchParams) });
}

export default function EvidenceSets() {
  const { rows, total } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Bộ chứng cứ" description="Các nhóm hồ sơ thanh tra viên đã chọn làm căn cứ kiểm tra; không sửa được sau khi lưu." />
      <EvidenceSetTable rows={rows} />
      <Pager total={total} label="bộ chứng cứ" />
    </>
  );
}
