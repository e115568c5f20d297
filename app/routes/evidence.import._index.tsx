import { Alert, Stack, Text, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { EvidenceBatchTable, EvidenceImportSummary } from "../components/EvidenceImportBatches.js";
import { EvidenceFileFormat } from "../components/EvidenceFileFormat.js";
import { EvidenceImportForm } from "../components/EvidenceImportForm.js";
import { EvidenceImportReport, READABLE_TITLE } from "../components/EvidenceImportReport.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { pageFrom } from "../domain/paging.js";
import { EVIDENCE_FILE_FORMAT, getEvidenceImport, listEvidenceImports, summariseEvidenceImport } from "../models/evidence-import.server.js";
import { MAX_EVIDENCE_FILE_MB, readEvidenceUpload, startEvidenceImport, waitForImportJob } from "../models/import-jobs.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Nhập hồ sơ — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "import:evidence");
  const params = new URL(request.url).searchParams;
  const batchId = Number(params.get("batch"));
  const [batches, done] = await Promise.all([
    listEvidenceImports(getDb(), pageFrom(params)),
    Number.isInteger(batchId) && batchId > 0 ? getEvidenceImport(getDb(), batchId) : null,
  ]);
  const { dossiers, steps, events } = EVIDENCE_FILE_FORMAT.columns;
  return { batches, done: done?.kind === "dossiers" ? done : null, columns: { dossiers, steps, events }, maxFileMb: MAX_EVIDENCE_FILE_MB };
}

// Without JavaScript the form posts here and the answer waits for the import's result. With
// JavaScript the form goes to /evidence/import/start instead and the page follows the job.
export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "import:evidence");
  const upload = await readEvidenceUpload(request);
  if (!upload.ok) return data({ error: upload.error }, { status: upload.status });
  const jobId = startEvidenceImport(getDb(), { ...upload.files, userId: user.id });
  const job = (await waitForImportJob(jobId, user.id))!;
  if (!job.result) return data({ error: job.error ?? "Chưa nhập được." }, { status: 500 });
  if (!job.result.ok) return data({ errors: job.result.errors }, { status: 422 });
  return redirectWithToast(`/evidence/import?batch=${job.result.batchId}`, `Đã nhập hồ sơ (lần nhập số ${job.result.batchId}): ${summariseEvidenceImport(job.result.counts)}.`);
}

export default function ImportEvidence() {
  const { batches, done, columns, maxFileMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Nhập hồ sơ thủ tục hành chính"
        description="Nhập hồ sơ (dossiers.csv), bước xử lý (steps.csv) và yêu cầu bổ sung (events.csv) xuất từ hệ thống một cửa điện tử."
      />
      <EvidenceImportForm maxFileMb={maxFileMb} />

      {result && "error" in result ? (
        <Alert color="red.9" variant="light" role="alert" title="Chưa nhập được" styles={READABLE_TITLE}>
          {result.error}
        </Alert>
      ) : null}
      {result && "errors" in result ? <EvidenceImportReport errors={result.errors} /> : null}
      {done && !result ? <EvidenceImportSummary batchId={done.id} counts={done.counts} files={done.files} /> : null}

      <EvidenceFileFormat columns={columns} />

      <Stack gap="xs">
        <Title order={2} size="h4">
          Các lần nhập hồ sơ và lịch làm việc
        </Title>
        {batches.total === 0 ? (
          <Text c="dimmed">Chưa có lần nhập hồ sơ hay lịch làm việc nào.</Text>
        ) : (
          <>
            <EvidenceBatchTable rows={batches.rows} />
            <Pager total={batches.total} pageSize={batches.pageSize} label="lần nhập" />
          </>
        )}
      </Stack>
    </Stack>
  );
}
