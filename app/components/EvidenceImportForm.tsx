import { Alert, Button, Card, FileInput, Group, Progress, SimpleGrid, Stack, Text } from "@mantine/core";
import { Form, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { formatNumber } from "../domain/format.js";
import type { ImportJobView } from "../models/import-jobs.server.js";
import { EvidenceImportSummary } from "./EvidenceImportBatches.js";
import { EvidenceImportReport, READABLE_TITLE } from "./EvidenceImportReport.js";

const ROLES = ["dossiers", "steps", "events"] as const;
const CLEAR = { "aria-label": "Bỏ chọn tệp" };
const POLL_MS = 700;

type State =
  | { stage: "idle" }
  | { stage: "uploading"; percent: number }
  | { stage: "job"; jobId: string; job: ImportJobView | null }
  | { stage: "error"; message: string };

type Bar = { label: string; value: number; indeterminate: boolean };

/** What the bar says at each stage: the upload in the browser, then the server's check and writes. */
function barOf(state: State): Bar | null {
  if (state.stage === "uploading") return { label: `Đang tải tệp lên… ${state.percent}%`, value: state.percent, indeterminate: false };
  if (state.stage !== "job") return null;
  const job = state.job;
  if (!job || job.phase === "queued" || job.phase === "check") return { label: "Đang kiểm tra tệp…", value: 100, indeterminate: true };
  if (job.phase === "write" && job.done < job.total) {
    return {
      label: `Đang ghi ${formatNumber(job.done)}/${formatNumber(job.total)} dòng…`,
      value: Math.floor((job.done / Math.max(1, job.total)) * 100),
      indeterminate: false,
    };
  }
  if (job.phase === "write") return { label: "Đang hoàn tất: đối chiếu với dữ liệu đã có và tính lại kết quả…", value: 100, indeterminate: true };
  return null;
}

const chosenFiles = (data: FormData) => ROLES.map((r) => data.get(r)).filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ""));

/**
 * The upload form. With JavaScript the files go up by XMLHttpRequest (whose upload reports its
 * progress), the server answers with a job id at once, and the job is polled until it has a result.
 * Without JavaScript the same form posts to the page, which answers when the import is over.
 */
export function EvidenceImportForm({ maxFileMb }: { maxFileMb: number }) {
  const [state, setState] = useState<State>({ stage: "idle" });
  const [formKey, setFormKey] = useState(0);
  const { revalidate } = useRevalidator();
  const noScriptBusy = useNavigation().state === "submitting";

  const jobId = state.stage === "job" ? state.jobId : null;
  const finished = state.stage === "job" && (state.job?.phase === "done" || state.job?.phase === "failed");
  useEffect(() => {
    if (!jobId || finished) return;
    let stopped = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const response = await fetch(`/evidence/import/jobs/${encodeURIComponent(jobId)}`, { headers: { Accept: "application/json" }, cache: "no-store" });
        if (stopped) return;
        if (!response.ok) {
          setState({
            stage: "error",
            message:
              response.status === 404
                ? "Không còn thông tin về lần nhập này (máy chủ có thể vừa khởi động lại). Hãy xem danh sách các lần nhập bên dưới, hoặc nhập lại."
                : "Không theo dõi được tiến trình nhập. Hãy tải lại trang và xem danh sách các lần nhập.",
          });
          return;
        }
        const job = (await response.json()) as ImportJobView;
        if (stopped) return;
        failures = 0;
        setState({ stage: "job", jobId, job });
        if (job.phase === "done" || job.phase === "failed") {
          if (job.result?.ok) setFormKey((k) => k + 1);
          revalidate();
          return;
        }
      } catch {
        if (stopped) return;
        if (++failures >= 10) {
          setState({ stage: "error", message: "Mất kết nối với máy chủ khi theo dõi tiến trình. Hãy tải lại trang và xem danh sách các lần nhập." });
          return;
        }
      }
      timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, finished, revalidate]);

  // Leaving the page during the upload would abort it; once the server has the files, the import goes on.
  const uploading = state.stage === "uploading";
  useEffect(() => {
    if (!uploading) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [uploading]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const files = chosenFiles(data);
    if (files.length === 0) {
      setState({
        stage: "error",
        message: "Hãy chọn tệp hồ sơ (dossiers.csv). Chỉ được bỏ trống tệp này khi gửi tệp bước xử lý hoặc tệp sự kiện bổ sung cho các hồ sơ đã có.",
      });
      return;
    }
    const tooBig = files.find((f) => f.size > maxFileMb * 1024 * 1024);
    if (tooBig) {
      setState({ stage: "error", message: `Tệp ${tooBig.name} lớn hơn ${maxFileMb} MB. Hãy tách tệp hoặc dùng lệnh nhập trên máy chủ.` });
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/evidence/import/start");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setState({ stage: "uploading", percent: Math.min(100, Math.floor((e.loaded / e.total) * 100)) });
    };
    xhr.onload = () => {
      let body: { jobId?: string; error?: string } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 202 && body?.jobId) setState({ stage: "job", jobId: body.jobId, job: null });
      else if (body?.error) setState({ stage: "error", message: body.error });
      else if (xhr.status === 403) setState({ stage: "error", message: "Bạn không có quyền nhập hồ sơ." });
      else setState({ stage: "error", message: "Máy chủ không nhận tệp (có thể phiên đăng nhập đã hết hạn). Hãy tải lại trang rồi thử lại." });
    };
    xhr.onerror = () => setState({ stage: "error", message: "Mất kết nối khi tải tệp lên. Hãy kiểm tra mạng rồi thử lại." });
    setState({ stage: "uploading", percent: 0 });
    xhr.send(data);
  }

  const bar = barOf(state);
  const running = bar !== null;
  const job = state.stage === "job" ? state.job : null;
  return (
    <Stack gap="lg">
      <Card withBorder>
        <Form method="post" encType="multipart/form-data" onSubmit={submit} key={formKey}>
          <Stack>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <FileInput name="dossiers" label="Tệp hồ sơ (dossiers.csv)" placeholder="Chọn tệp…" accept=".csv,text/csv" clearable clearButtonProps={CLEAR} />
              <FileInput name="steps" label="Tệp bước xử lý (steps.csv)" placeholder="Không bắt buộc" accept=".csv,text/csv" clearable clearButtonProps={CLEAR} />
              <FileInput name="events" label="Tệp sự kiện bổ sung (events.csv)" placeholder="Không bắt buộc" accept=".csv,text/csv" clearable clearButtonProps={CLEAR} />
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              Mỗi tệp tối đa {maxFileMb} MB. Các tệp được kiểm tra toàn bộ trước khi ghi: chỉ cần một dòng sai là không có gì được ghi. Nhập
              lại đúng các tệp cũ không làm thay đổi dữ liệu. Khi đã tải lên xong, có thể rời trang: việc nhập vẫn tiếp tục và kết quả có
              trong danh sách các lần nhập.
            </Text>
            <div>
              <Group>
                <Button type="submit" loading={running || noScriptBusy}>
                  Kiểm tra và nhập
                </Button>
              </Group>
              {/* The status line is announced as it changes; the bar itself is for the eye. */}
              <div aria-live="polite">
                {bar ? (
                  <Stack gap={6} mt="md" data-testid="import-progress">
                    <Text size="sm" fw={500}>
                      {bar.label}
                    </Text>
                    <Progress.Root size="xl">
                      <Progress.Section
                        value={bar.value}
                        striped={bar.indeterminate}
                        animated={bar.indeterminate}
                        withAria={false}
                        role="progressbar"
                        aria-label="Tiến trình nhập hồ sơ"
                        aria-valuemin={0}
                        aria-valuemax={100}
                        aria-valuenow={bar.indeterminate ? undefined : bar.value}
                        aria-valuetext={bar.label}
                      />
                    </Progress.Root>
                  </Stack>
                ) : null}
              </div>
            </div>
          </Stack>
        </Form>
      </Card>

      {state.stage === "error" ? (
        <Alert color="red.9" variant="light" role="alert" title="Chưa nhập được" styles={READABLE_TITLE}>
          {state.message}
        </Alert>
      ) : null}
      {job?.phase === "failed" ? (
        <Alert color="red.9" variant="light" role="alert" title="Chưa nhập được" styles={READABLE_TITLE}>
          {job.error}
        </Alert>
      ) : null}
      {job?.phase === "done" && job.result && !job.result.ok ? <EvidenceImportReport errors={job.result.errors} /> : null}
      {job?.phase === "done" && job.result?.ok ? <EvidenceImportSummary batchId={job.result.batchId} counts={job.result.counts} files={job.files} /> : null}
    </Stack>
  );
}
