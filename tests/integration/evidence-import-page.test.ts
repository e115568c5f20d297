// The evidence import page: who may use it, the plain POST that waits for its result, the job that
// the page's script starts and polls, the rejection report, and the list and detail of past batches.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { importCalendar } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import type { ImportJobView } from "../../app/models/import-jobs.server.js";
import * as page from "../../app/routes/evidence.import._index.js";
import * as batchPage from "../../app/routes/evidence.import.batches.$batchId.js";
import * as jobRoute from "../../app/routes/evidence.import.jobs.$jobId.js";
import * as startRoute from "../../app/routes/evidence.import.start.js";
import { readToast } from "../../app/toast.server.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const bytes = (name: string) => readFile(fixture(name));
const csv = (name: string, content: string | Uint8Array) => new File([typeof content === "string" ? content : new Uint8Array(content)], name, { type: "text/csv" });

async function sampleFiles() {
  return {
    dossiers: csv("dossiers.csv", await bytes("evidence/dossiers.csv")),
    steps: csv("steps.csv", await bytes("evidence/steps.csv")),
    events: csv("events.csv", await bytes("evidence/events.csv")),
  };
}

async function counts() {
  const db = getDb();
  const n = async (table: "dossier" | "dossier_step" | "dossier_event" | "import_batch") =>
    (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
  return { dossiers: await n("dossier"), steps: await n("dossier_step"), events: await n("dossier_event"), batches: await n("import_batch") };
}

const post = async (route: typeof page | typeof startRoute, as: string, files: Record<string, File>) =>
  call(route.action, await makeRequest(route === page ? "/evidence/import?index" : "/evidence/import/start", { as, form: files }));

async function poll(jobId: string, as: string) {
  const result = await call(jobRoute.loader, await makeRequest(`/evidence/import/jobs/${jobId}`, { as }), { jobId });
  return result as Response;
}

/** Polls the job until it is over, keeping every state seen on the way. */
async function follow(jobId: string, as: string): Promise<ImportJobView[]> {
  const seen: ImportJobView[] = [];
  for (let i = 0; i < 2000; i++) {
    const response = await poll(jobId, as);
    expect(response.status).toBe(200);
    const job = (await response.json()) as ImportJobView;
    seen.push(job);
    if (job.phase === "done" || job.phase === "failed") return seen;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the job did not finish");
}

const toastOf = async (response: Response) => {
  const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
  return (await readToast(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toast?.message;
};

beforeAll(async () => {
  await loadDemo();
  const org = await importOrganisation(getDb(), {
    units: { fileName: "units.csv", bytes: await bytes("org/units.csv") },
    officers: { fileName: "officers.csv", bytes: await bytes("org/officers.csv") },
    userId: null,
  });
  expect(org.ok).toBe(true);
});

describe("who may import evidence", () => {
  it.each(["giamdoc", "truongdonvi", "tccb"])("%s is refused the page, the upload, the job start and the polling (403)", async (as) => {
    const before = await counts();
    expect(statusOf(await call(page.loader, await makeRequest("/evidence/import", { as })))).toBe(403);
    expect(statusOf(await post(page, as, await sampleFiles()))).toBe(403);
    expect(statusOf(await post(startRoute, as, await sampleFiles()))).toBe(403);
    expect(statusOf(await poll("any-job", as))).toBe(403);
    expect(statusOf(await call(batchPage.loader, await makeRequest("/evidence/import/batches/1", { as }), { batchId: "1" }))).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("sends a signed-out visitor to the login page", async () => {
    const response = (await call(page.loader, await makeRequest("/evidence/import"))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fevidence%2Fimport");
  });
});

describe("the form without JavaScript (a plain POST that waits)", () => {
  it("imports the sample for an admin and comes back to the page with the batch and a toast", async () => {
    const response = (await post(page, "quantri", await sampleFiles())) as Response;
    expect(response.status).toBe(302);
    const batch = await getDb().selectFrom("import_batch").select(["id", "user_id", "kind", "counts"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ kind: "dossiers", user_id: await userIdOf("quantri") });
    expect(batch.counts).toEqual({ dossiers: { created: 80, updated: 0, unchanged: 0 }, steps: 289, events: 16, procedures: 25 });
    expect(response.headers.get("Location")).toBe(`/evidence/import?batch=${batch.id}`);
    expect(await toastOf(response)).toBe(
      `Đã nhập hồ sơ (lần nhập số ${batch.id}): 80 hồ sơ mới, 0 hồ sơ cập nhật, 0 hồ sơ không đổi; 289 bước xử lý và 16 sự kiện bổ sung được ghi; 25 thủ tục mới.`,
    );
    const loaded = payloadOf(await call(page.loader, await makeRequest(`/evidence/import?batch=${batch.id}`, { as: "quantri" })));
    expect(loaded.done).toMatchObject({ id: batch.id, kind: "dossiers", counts: { dossiers: { created: 80 } } });
  });

  it("accepts an inspector's upload too; the same files again change nothing", async () => {
    const before = await counts();
    const response = (await post(page, "thanhtra", await sampleFiles())) as Response;
    expect(response.status).toBe(302);
    const batch = await getDb().selectFrom("import_batch").select(["user_id", "counts"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(batch.user_id).toBe(await userIdOf("thanhtra"));
    expect(batch.counts).toEqual({ dossiers: { created: 0, updated: 0, unchanged: 80 }, steps: 0, events: 0, procedures: 0 });
    expect(await counts()).toEqual({ ...before, batches: before.batches + 1 });
  });

  it("asks for a file when none was chosen", async () => {
    const result = await post(page, "quantri", { dossiers: new File([], ""), steps: new File([], "") });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result).error).toContain("Hãy chọn tệp hồ sơ (dossiers.csv)");
  });

  it("accepts a steps file alone for dossiers already stored", async () => {
    const steps = (await bytes("evidence/steps.csv")).toString("utf8").split("\n");
    const code = "000.00.07.H55-251121-0001";
    const mine = [steps[0]!, ...steps.filter((l) => l.startsWith(code + ","))].join("\n") + "\n";
    const response = (await post(page, "quantri", { dossiers: new File([], ""), steps: csv("buoc.csv", mine) })) as Response;
    expect(response.status).toBe(302);
    const batch = await getDb().selectFrom("import_batch").select(["files", "counts"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect((batch.files as { role: string }[]).map((f) => f.role)).toEqual(["steps"]);
  });

  it("shows a rejected upload's whole report, and writes nothing", async () => {
    const before = await counts();
    const result = await post(page, "thanhtra", {
      dossiers: csv(
        "ho-so-loi.csv",
        "dossier_code,procedure_code,unit_code,received_at,due_at,status\n" +
          "HS-1,TTHC-1,000.31.02.H55,2025-03-03T08:00:00+07:00,05/03/2025,processing\n" +
          "HS-2,TTHC-1,KHONG-CO,2025-03-03T08:00:00+07:00,05/03/2025,processing\n" +
          "HS-3,TTHC-1,000.31.02.H55,31/02/2025 08:00,05/03/2025,xong\n",
      ),
    });
    expect(statusOf(result)).toBe(422);
    expect(payloadOf(result).errors.map((e: { file: string; line: number; column: string }) => [e.file, e.line, e.column])).toEqual([
      ["ho-so-loi.csv", 3, "unit_code"],
      ["ho-so-loi.csv", 4, "received_at"],
      ["ho-so-loi.csv", 4, "status"],
    ]);
    expect(await counts()).toEqual(before);
  });
});

describe("the job the page's script starts and polls", () => {
  it("answers the upload with a job id at once, then shows the check, the writing and the result", async () => {
    let dossiers = "dossier_code,procedure_code,procedure_name,unit_code,received_at,due_at,finished_at,status\n";
    for (let i = 0; i < 12_000; i++) {
      dossiers += `HS-LON-${i},TTHC-LON-${i % 7},Thủ tục thử ${i % 7},000.31.02.H55,2025-03-03T08:00:00+07:00,05/03/2025,2025-03-0${4 + (i % 3)}T10:00:00+07:00,finished\n`;
    }
    const started = Date.now();
    const response = (await post(startRoute, "thanhtra", { dossiers: csv("lon.csv", dossiers) })) as Response;
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    // The answer did not wait for the import, which takes longer than this.
    expect(Date.now() - started).toBeLessThan(1_000);
    const seen = await follow(jobId, "thanhtra");
    expect(seen[0]!.phase).not.toBe("done");
    // The phases come in their order, each seen any number of times (polls may miss a short one).
    const order = ["queued", "check", "write", "done"];
    const phases = seen.map((j) => order.indexOf(j.phase));
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ phase: "done", done: 12_000, total: 12_000, files: [{ role: "dossiers", name: "lon.csv" }], error: null });
    expect(last.result).toMatchObject({ ok: true, counts: { dossiers: { created: 12_000, updated: 0, unchanged: 0 }, procedures: 7 } });
    // The rows written only ever go up, and never past the total.
    const written = seen.filter((j) => j.phase === "write").map((j) => j.done);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(seen.every((j) => j.done <= Math.max(j.total, 0))).toBe(true);
    const batch = await getDb().selectFrom("import_batch").select(["id", "user_id"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(last.result!.ok && last.result!.batchId).toBe(batch.id);
    expect(batch.user_id).toBe(await userIdOf("thanhtra"));
  });

  it("shows a job to the user who started it only: another user's job id, or an unknown one, is 404", async () => {
    const response = (await post(startRoute, "thanhtra", await sampleFiles())) as Response;
    const { jobId } = (await response.json()) as { jobId: string };
    expect((await poll(jobId, "thanhtra2")).status).toBe(404);
    expect((await poll(jobId, "quantri")).status).toBe(404);
    expect((await poll("00000000-0000-0000-0000-000000000000", "thanhtra")).status).toBe(404);
    const seen = await follow(jobId, "thanhtra");
    expect(seen.at(-1)!.result).toMatchObject({ ok: true, counts: { dossiers: { unchanged: 80 } } });
    expect((await poll(jobId, "thanhtra2")).status).toBe(404);
  });

  it("reports every bad row of every file of a rejected upload, and writes nothing", async () => {
    const before = await counts();
    const response = (await post(startRoute, "quantri", {
      dossiers: csv(
        "dossiers.csv",
        "Mã hồ sơ,Mã TTHC,Mã đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Trạng thái\n" +
          "HS-MOI-1,TTHC-1,000.31.02.H55,2025-03-03T08:00:00+07:00,05/03/2025,Đang xử lý\n" +
          "HS-MOI-2,TTHC-1,KHONG-CO,2025-03-03T08:00:00+07:00,05/03/2025,Đang xử lý\n" +
          "HS-MOI-3,TTHC-1,000.31.02.H55,2025-03-06T08:00:00+07:00,05/03/2025,finished\n" +
          "HS-MOI-1,TTHC-1,000.31.02.H55,2025-03-03T08:00:00+07:00,05/03/2025,Đang xử lý\n",
      ),
      steps: csv("steps.csv", "dossier_code,step_no,unit_code,officer_code,started_at,due_at\nHS-MOI-1,0,000.31.02.H55,KHONG-CO,03/03/2025 08:00,04/03/2025\n"),
      events: csv("su-kien.csv", "dossier_code,kind,at\nHS-MOI-1,supplement_completed,2025-03-04T08:00:00+07:00\nHS-KHAC,supplement_requested,2025-03-04T08:00:00+07:00\n"),
    })) as Response;
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    const last = (await follow(jobId, "quantri")).at(-1)!;
    expect(last.phase).toBe("done");
    expect(last.result?.ok).toBe(false);
    if (last.result?.ok !== false) return;
    expect(last.result.errors.map((e) => [e.file, e.line, e.column])).toEqual([
      ["dossiers.csv", 3, "unit_code"],
      ["dossiers.csv", 4, "due_at"],
      ["dossiers.csv", 5, "dossier_code"],
      ["steps.csv", 2, "step_no"],
      ["steps.csv", 2, "officer_code"],
      ["su-kien.csv", 2, "kind"],
      ["su-kien.csv", 3, "dossier_code"],
    ]);
    expect(last.result.errors[0]!.message).toBe('không có đơn vị mã "KHONG-CO" trong hệ thống (hãy nhập dữ liệu tổ chức trước).');
    expect(await counts()).toEqual(before);
  });

  it("refuses a file over the size limit before importing anything", async () => {
    const before = await counts();
    const big = await post(startRoute, "quantri", { dossiers: csv("to.csv", new Uint8Array(201 * 1024 * 1024)) });
    expect(statusOf(big)).toBe(413);
    expect(((await (big as Response).json()) as { error: string }).error).toContain("tối đa 200 MB");
    expect(await counts()).toEqual(before);
  }, 60_000);
});

describe("past evidence imports", () => {
  it("are listed newest first, dossier and calendar imports together, without organisation imports", async () => {
    const calendar = await importCalendar(getDb(), { file: { fileName: "calendar.csv", bytes: await bytes("evidence/calendar.csv") }, userId: await userIdOf("quantri") });
    expect(calendar.ok).toBe(true);
    const result = payloadOf(await call(page.loader, await makeRequest("/evidence/import", { as: "thanhtra" })));
    const stored = await getDb().selectFrom("import_batch").select(["id", "kind"]).where("kind", "in", ["dossiers", "calendar"]).orderBy("id", "desc").execute();
    expect(result.batches.total).toBe(stored.length);
    expect(result.batches.rows.map((b: { id: number }) => b.id)).toEqual(stored.map((b) => b.id).slice(0, 25));
    expect(result.batches.rows.every((b: { kind: string }) => b.kind === "dossiers" || b.kind === "calendar")).toBe(true);
    expect(result.batches.rows[0]).toMatchObject({
      kind: "calendar",
      userName: "Quản trị hệ thống (quantri)",
      files: [{ role: "calendar", name: "calendar.csv", rows: 40 }],
      counts: { years: [2024, 2025, 2026], holidays: 36, workdays: 4 },
    });
  });

  it("each have a page with the files, their SHA-256 and rows, the counts, who and when", async () => {
    const first = await getDb().selectFrom("import_batch").select("id").where("kind", "=", "dossiers").orderBy("id").executeTakeFirstOrThrow();
    const result = payloadOf(await call(batchPage.loader, await makeRequest(`/evidence/import/batches/${first.id}`, { as: "thanhtra" }), { batchId: String(first.id) }));
    const sha = createHash("sha256").update(await bytes("evidence/dossiers.csv")).digest("hex");
    expect(result.batch).toMatchObject({
      id: first.id,
      kind: "dossiers",
      userName: "Quản trị hệ thống (quantri)",
      files: [
        { role: "dossiers", name: "dossiers.csv", sha256: sha, rows: 80 },
        { role: "steps", name: "steps.csv", rows: 289 },
        { role: "events", name: "events.csv", rows: 16 },
      ],
      counts: { dossiers: { created: 80, updated: 0, unchanged: 0 }, steps: 289, events: 16, procedures: 25 },
    });
    expect(result.batch.createdAt).toBeInstanceOf(Date);
  });

  it("answer 404 for an organisation import or a batch that does not exist", async () => {
    const org = await getDb().selectFrom("import_batch").select("id").where("kind", "=", "org").executeTakeFirstOrThrow();
    for (const id of [String(org.id), "999999", "abc"]) {
      expect(statusOf(await call(batchPage.loader, await makeRequest(`/evidence/import/batches/${id}`, { as: "quantri" }), { batchId: id }))).toBe(404);
    }
  });
});
