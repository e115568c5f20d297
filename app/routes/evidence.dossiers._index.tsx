import { parseWithZod } from "../forms.js";
import { Alert, Button, Card, Group, Text } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { caseIntakeHref } from "../components/CaseIntakeParams.js";
import { dossierSearch, formatPeriodRange, readDossierFilter } from "../components/DossierFilterParams.js";
import { DossierFilters } from "../components/DossierFilters.js";
import { DossierTable } from "../components/DossierTable.js";
import { EvidenceSetSelectionForm } from "../components/EvidenceSetSelectionForm.js";
import { saveSelectionSchema } from "../components/EvidenceSetSchemas.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { formatDateTime, formatNumber, todayInVietnam } from "../domain/format.js";
import { pageFrom } from "../domain/paging.js";
import { periodFromSearch } from "../domain/period.js";
import { dossierListPage } from "../models/evidence-dossiers.server.js";
import { createEvidenceSet } from "../models/evidence-sets.server.js";
import { can } from "../permissions.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.filter.lateOnly === false ? "Hồ sơ được tính" : "Hồ sơ trễ hạn"} — KTCV` }];

function readSearch(request: Request) {
  const search = new URL(request.url).searchParams;
  const period = periodFromSearch(search);
  const filter = readDossierFilter(search);
  return { period: period.period, filter: filter.filter, problems: [...period.problems, ...filter.problems], page: pageFrom(search) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:evidence");
  const { period, filter, problems, page } = readSearch(request);
  const result = await dossierListPage(getDb(), scope, { period, filter, page, today: todayInVietnam() });
  return { ...result, period, filter, problems, canCreateSet: can(user, "manage:case") };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await requirePermission(request, "manage:case");
  // The form posts to the list's own URL, so the filter it saves is the one on screen.
  const { period, filter } = readSearch(request);
  const submission = parseWithZod(await request.formData(), { schema: saveSelectionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { name, description, all, dossierIds } = submission.value;
  const result = await createEvidenceSet(getDb(), scope, {
    name: name.normalize("NFC"),
    description: description ? description.normalize("NFC") : null,
    userId: user.id,
    period,
    source: { kind: "dossiers", filter, selection: all ? "all" : [...new Set(dossierIds)] },
  });
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: 409 });
  return redirectWithToast(`/evidence/sets/${result.id}`, `Đã lưu bộ chứng cứ “${name}” gồm ${formatNumber(result.dossiers)} hồ sơ.`);
}

export default function EvidenceDossiers() {
  const { rows, total, lateTotal, period, filter, problems, unitOptions, procedureOptions, officer, canCreateSet } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const search = dossierSearch(period, filter);
  const detailSearch = new URLSearchParams({ from: period.from, to: period.to }).toString();
  const pager = <Pager total={total} label="hồ sơ" />;
  return (
    <>
      <PageHeader
        title={filter.lateOnly ? "Hồ sơ trễ hạn" : "Hồ sơ được tính"}
        description={`Hồ sơ có ngày hẹn trả từ ${formatPeriodRange(period)}, hồ sơ chưa có kết quả tính đến ${formatDateTime(new Date(period.asOf))}`}
        actions={
          <Button component="a" href={`/evidence/dossiers.csv?${search}`} variant="default" download>
            Tải CSV ({formatNumber(total)} hồ sơ)
          </Button>
        }
      />
      {problems.length > 0 ? (
        <Alert color="yellow.9" variant="light" mb="md" title="Một số điều kiện lọc không hợp lệ">
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </Alert>
      ) : null}
      <Card withBorder mb="md">
        <DossierFilters period={period} filter={filter} unitOptions={unitOptions} procedureOptions={procedureOptions} officer={officer} />
      </Card>
      <Group mb="xs" gap="lg">
        <Text data-testid="dossier-counts">
          {filter.lateOnly
            ? `${formatNumber(total)} hồ sơ trễ hạn khớp bộ lọc`
            : `${formatNumber(total)} hồ sơ được tính khớp bộ lọc, trong đó ${formatNumber(lateTotal)} hồ sơ trễ hạn`}
        </Text>
      </Group>
      {canCreateSet ? (
        // Keyed by the filter and page: a new list starts with nothing ticked.
        <EvidenceSetSelectionForm
          key={search + rows.map((r) => r.id).join(",")}
          rows={rows}
          total={total}
          detailSearch={detailSearch}
          showLateBadge={!filter.lateOnly}
          lastResult={lastResult}
          pager={pager}
          openCaseHref={(selection) => caseIntakeHref(period, filter, selection)}
        />
      ) : (
        <>
          <DossierTable rows={rows} detailSearch={detailSearch} showLateBadge={!filter.lateOnly} />
          {pager}
        </>
      )}
    </>
  );
}
