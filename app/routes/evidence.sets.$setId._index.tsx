import { Button, Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { can } from "../permissions.js";
import { Field } from "../components/DossierDetailSections.js";
import { DossierTable } from "../components/DossierTable.js";
import { EvidenceSetCriteriaList } from "../components/EvidenceSetViews.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { formatDateTime, formatNumber } from "../domain/format.js";
import { pageFrom } from "../domain/paging.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { evidenceSetDetail } from "../models/evidence-sets.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.set.name ?? "Bộ chứng cứ"} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "read:evidence");
  const id = invariantFound(idParam(params.setId));
  const detail = invariantFound(await evidenceSetDetail(getDb(), { id, page: pageFrom(new URL(request.url).searchParams) }));
  return { ...detail, canOpenCase: can(user, "manage:case") };
}

export default function EvidenceSet() {
  const { set, rows, total, canOpenCase } = useLoaderData<typeof loader>();
  const period = set.criteria?.period;
  const detailSearch = period ? new URLSearchParams({ from: period.from, to: period.to }).toString() : "";
  return (
    <>
      <PageHeader
        title={set.name}
        description="Bộ chứng cứ"
        actions={
          <>
            {canOpenCase ? (
              <Button component={Link} to={`/cases/new?evidenceSet=${set.id}`}>
                Mở vụ việc từ bộ chứng cứ này
              </Button>
            ) : null}
            <Button component="a" href={`/evidence/sets/${set.id}/csv`} variant="default" download>
              Tải CSV ({formatNumber(total)} hồ sơ)
            </Button>
          </>
        }
      />
      <Stack gap="lg">
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
            <Field label="Người tạo">{set.created_by_name}</Field>
            <Field label="Thời điểm tạo">{formatDateTime(set.created_at)}</Field>
            <Field label="Số hồ sơ">{formatNumber(total)}</Field>
          </SimpleGrid>
          {set.description ? (
            <Field label="Mô tả">
              <Text style={{ whiteSpace: "pre-wrap" }}>{set.description}</Text>
            </Field>
          ) : null}
          <Title order={2} size="h4" mt="md" mb="xs">
            Cách chọn hồ sơ
          </Title>
          <EvidenceSetCriteriaList criteria={set.criteria} />
        </Card>
        <div>
          <Title order={2} size="h4" mb="xs">
            Hồ sơ trong bộ chứng cứ
          </Title>
          <DossierTable rows={rows} detailSearch={detailSearch} label="Hồ sơ trong bộ chứng cứ" showLateBadge />
          <Pager total={total} label="hồ sơ" />
        </div>
      </Stack>
    </>
  );
}
