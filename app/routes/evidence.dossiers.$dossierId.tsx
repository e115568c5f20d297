import { Anchor, Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { DossierFacts, DossierOutcome, DossierProvenance, DossierSteps, DossierSupplements } from "../components/DossierDetailSections.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { periodFromSearch } from "../domain/period.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { dossierDetail } from "../models/evidence-dossiers.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Hồ sơ ${data?.dossier.code ?? ""} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "read:evidence");
  const search = new URL(request.url).searchParams;
  const id = invariantFound(idParam(params.dossierId));
  // Judged as the list it came from judged it (the period's instant), or now when opened directly.
  const period = search.has("from") || search.has("to") ? periodFromSearch(search).period : null;
  const detail = invariantFound(await dossierDetail(getDb(), scope, { id, asOf: period?.asOf ?? Date.now() }));
  return { ...detail, period: period ? { from: period.from, to: period.to } : null };
}

export default function EvidenceDossier() {
  const { dossier, outcome, asOf, steps, events, batch, sets, period } = useLoaderData<typeof loader>();
  const back = period ? `/evidence/dossiers?${new URLSearchParams({ from: period.from, to: period.to })}` : "/evidence/dossiers";
  return (
    <>
      <Anchor component={Link} to={back} size="sm">
        ← Danh sách hồ sơ
      </Anchor>
      <PageHeader title={`Hồ sơ ${dossier.code}`} description={dossier.procedure_name ?? dossier.procedure_code} />
      <Stack gap="lg">
        <DossierOutcome outcome={outcome} asOf={asOf} />
        <DossierFacts dossier={dossier} />
        <DossierSteps steps={steps} primaryStepNo={outcome?.primaryStepNo ?? null} />
        <DossierSupplements events={events} />
        <DossierProvenance batch={batch} sets={sets} />
      </Stack>
    </>
  );
}
