// Evidence imports as background jobs, so that the import page can show how far a large file has got:
// the upload answers at once with a job id, the job runs importEvidence, and the page polls the job.
//
// SINGLE-PROCESS ASSUMPTION: KTCV runs as one Node process (app/server.ts). A job runs in that process
// and its progress lives in this module's Map, so a poll must reach the process that started the job.
// Several processes (a cluster, replicas behind a load balancer) would each see only their own jobs and
// would need a shared store (a table) instead. A restart loses running jobs; nothing is half written,
// because importEvidence writes in one transaction, and the user simply uploads again.
//
// Checking a file is synchronous work in this process: while a large file is checked, polls (and other
// requests) wait until the check is over. The page shows "checking" meanwhile.
import { randomUUID } from "node:crypto";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import type { Database } from "../../db/index.js";
import { markTooLong } from "../forms.js";
import { readTextPart } from "../upload.server.js";
import { importEvidence, type EvidenceImportCounts, type UploadedFile } from "./evidence-import.server.js";

export const EVIDENCE_ROLES = ["dossiers", "steps", "events"] as const;
export type EvidenceRole = (typeof EVIDENCE_ROLES)[number];

/** One problem of a rejected file, named by the uploaded file's name. */
export type ImportIssue = { file: string; line: number; column: string | null; message: string };
export type RowCounts = { dossiers: number; steps: number; events: number };

export type ImportJobResult =
  | { ok: false; errors: ImportIssue[]; rowCounts: RowCounts }
  | { ok: true; batchId: number; counts: EvidenceImportCounts; rowCounts: RowCounts };

export type ImportJobPhase = "queued" | "check" | "write" | "done" | "failed";

/** What the page is told about a job (JSON). */
export type ImportJobView = {
  id: string;
  phase: ImportJobPhase;
  /** Rows written so far and rows to write, during "write". */
  done: number;
  total: number;
  files: { role: EvidenceRole; name: string; size: number }[];
  startedAt: string;
  result: ImportJobResult | null;
  /** A failure that is not the file's fault (the database went away, …), in Vietnamese. */
  error: string | null;
};

type Job = { view: ImportJobView; userId: string; finishedAt: number | null; settled: Promise<void> };

const jobs = new Map<string, Job>();
// A finished job is kept for the page to read its result (and for a reload); then it is forgotten:
// the batch itself is in the database for good.
const KEEP_FINISHED_MS = 60 * 60 * 1000;

function prune(now = Date.now()) {
  for (const [id, job] of jobs) if (job.finishedAt !== null && now - job.finishedAt > KEEP_FINISHED_MS) jobs.delete(id);
}

export type EvidenceUpload = { userId: string } & Partial<Record<EvidenceRole, UploadedFile>>;

/** Starts an evidence import in the background and returns its id at once. */
export function startEvidenceImport(db: Database, upload: EvidenceUpload): string {
  prune();
  const id = randomUUID();
  const files = EVIDENCE_ROLES.flatMap((role) => {
    const file = upload[role];
    return file ? [{ role, name: file.fileName, size: file.bytes.length }] : [];
  });
  const view: ImportJobView = { id, phase: "queued", done: 0, total: 0, files, startedAt: new Date().toISOString(), result: null, error: null };
  const job: Job = { view, userId: upload.userId, finishedAt: null, settled: Promise.resolve() };
  const nameOf = (role: string) => files.find((f) => f.role === role)?.name ?? role;
  job.settled = new Promise<void>((resolve) => {
    // Started on a later turn of the event loop: the check that follows holds the process, and the
    // response carrying the job id should be on its way first.
    setTimeout(() => {
      importEvidence(db, {
        dossiers: upload.dossiers,
        steps: upload.steps,
        events: upload.events,
        userId: upload.userId,
        onProgress: ({ phase, done, total }) => {
          if (phase === "done") return; // "done" is set with the result below
          view.phase = phase;
          view.done = phase === "write" ? done : 0;
          view.total = phase === "write" ? total : 0;
        },
      })
        .then((result) => {
          view.result = result.ok
            ? { ok: true, batchId: result.batchId, counts: result.counts, rowCounts: result.rowCounts }
            : { ok: false, errors: result.errors.map(({ file, ...issue }) => ({ file: nameOf(file), ...issue })), rowCounts: result.rowCounts };
          view.phase = "done";
          view.done = view.total;
        })
        .catch((error: unknown) => {
          console.error("Nhập hồ sơ thất bại:", error);
          view.phase = "failed";
          view.error = "Hệ thống gặp lỗi ngoài dự kiến khi nhập; không có dữ liệu nào được ghi. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống.";
        })
        .finally(() => {
          job.finishedAt = Date.now();
          resolve();
        });
    }, 10);
  });
  jobs.set(id, job);
  return id;
}

/** The job, if it exists and was started by this user (another user's job is as good as missing). */
export function importJobFor(id: string, userId: string): ImportJobView | null {
  const job = jobs.get(id);
  return job && job.userId === userId ? structuredClone(job.view) : null;
}

/** Waits for the job to finish (the page without JavaScript waits for its result in the POST). */
export async function waitForImportJob(id: string, userId: string): Promise<ImportJobView | null> {
  const job = jobs.get(id);
  if (!job || job.userId !== userId) return null;
  await job.settled;
  return importJobFor(id, userId);
}

export type UploadRead<R extends string> =
  | { ok: true; files: Partial<Record<R, UploadedFile>>; fields: FormData }
  | { ok: false; status: 400 | 413; error: string };

/**
 * Reads a multipart upload of CSV files (and the listed text fields) into memory, each part at most
 * `maxMb` MB. The HTTP side of an import,
 * shared by the pages that take files; the files are then handed to a model.
 */
export async function readCsvUploads<R extends string>(
  request: Request,
  names: readonly R[],
  maxMb: number,
  textFields: readonly string[] = [],
): Promise<UploadRead<R>> {
  let form: FormData;
  // Only the expected parts are read into memory: files by their input's name, and text fields, each
  // with its own ceiling (a text field too long is named by parseWithZod, not taken for a file too large).
  const fileHandler = unstable_createMemoryUploadHandler({ maxPartSize: maxMb * 1024 * 1024, filter: ({ name }) => (names as readonly string[]).includes(name) });
  const tooLong: string[] = [];
  try {
    form = await unstable_parseMultipartFormData(request, (part) =>
      part.filename === undefined ? (textFields.includes(part.name) ? readTextPart(part, tooLong) : Promise.resolve(undefined)) : fileHandler(part),
    );
    markTooLong(form, tooLong);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return { ok: false, status: 413, error: `Mỗi tệp tối đa ${maxMb} MB; tệp đã chọn lớn hơn. Hãy tách tệp hoặc dùng lệnh nhập trên máy chủ.` };
    }
    return { ok: false, status: 400, error: "Không đọc được dữ liệu gửi lên: hãy chọn tệp và gửi lại biểu mẫu." };
  }
  const files: Partial<Record<R, UploadedFile>> = {};
  for (const name of names) {
    const file = form.get(name);
    // A file input left empty still sends a part, with no name and no bytes.
    if (file instanceof File && !(file.name === "" && file.size === 0)) {
      files[name] = { fileName: file.name || `${name}.csv`, bytes: new Uint8Array(await file.arrayBuffer()) };
    }
  }
  return { ok: true, files, fields: form };
}

export const MAX_EVIDENCE_FILE_MB = 200;

/** Reads the evidence upload and checks that it holds something to import. */
export async function readEvidenceUpload(request: Request): Promise<UploadRead<EvidenceRole>> {
  const read = await readCsvUploads(request, EVIDENCE_ROLES, MAX_EVIDENCE_FILE_MB);
  if (!read.ok) return read;
  const { dossiers, steps, events } = read.files;
  if (!dossiers && !steps && !events) {
    return {
      ok: false,
      status: 400,
      error: "Hãy chọn tệp hồ sơ (dossiers.csv). Chỉ được bỏ trống tệp này khi gửi tệp bước xử lý hoặc tệp sự kiện bổ sung cho các hồ sơ đã có.",
    };
  }
  return read;
}
