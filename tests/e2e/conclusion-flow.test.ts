// Issue 5 end to end in Chromium: the team lead drafts the conclusion of a case under review (an item
// from its finding, a recommendation), submits it; the director's office returns it with a comment, the
// lead reads the comment and submits again; the approver publishes it as notice 01/TB-SNV. The PDF
// downloads from the conclusion page, and anyone, signed out, checks its number, signer and SHA-256 on
// the verification page and finds it in the public register. Every page visited passes axe. With
// KTCV_SHOTS=<dir> the pages are saved as screenshots for a person to look at.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { openCase } from "../../app/models/cases.server.js";
import { formatIsoDate, todayInVietnam } from "../../app/domain/format.js";
import { userIdOf } from "../helpers.js";
import { HAVE_POPPLER, flat, pdfPages } from "../pdf-text.js";
import { expectAccessible, hasChromium, launchBrowser, login, newPage, startApp, type App } from "./harness.js";

const SHOTS = process.env.KTCV_SHOTS;
const WARD = "000.31.01.H55";
const ITEM = "Để 3 hồ sơ đăng ký hộ tịch quá hạn giải quyết do chậm chuyển bước thẩm định.";
const RECOMMENDATION = "Kiểm điểm công chức một cửa, trả kết quả đúng hẹn và có văn bản xin lỗi khi trễ hạn.";
const RETURN_COMMENT = "Ghi rõ số hồ sơ trễ hạn trong nội dung kết luận và thời hạn kiểm điểm.";

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `conclusion-${name}.png`), fullPage: true });
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

/** The 15th of next month, as yyyy-MM-dd. */
function nextMonth(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-15` : `${y}-${String(m + 1).padStart(2, "0")}-15`;
}

describe.skipIf(!hasChromium)("a conclusion from draft to the public register, in Chromium", () => {
  let app: App;
  let browser: Browser;
  let caseId: number;
  let caseCode: string;
  let noticeId: number;
  const deadline = nextMonth(todayInVietnam());

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    // The server has migrated and seeded the demo. A case of the demo inspection under review, with one
    // finding written as rows: the findings and the explanation have their own browser tests.
    const db = getDb();
    const thanhtra = await userIdOf("thanhtra");
    const inspection = await db.selectFrom("inspection").select("id").where("decision_number", "=", "01/QĐ-SNV").executeTakeFirstOrThrow();
    const ward = await db.selectFrom("unit").select("id").where("code", "=", WARD).executeTakeFirstOrThrow();
    const dossiers = await db.selectFrom("dossier").select("id").where("unit_id", "=", ward.id).orderBy("code").limit(3).execute();
    const opened = await openCase(db, { inspectionId: inspection.id, subject: { unitId: ward.id }, title: "Chậm trả kết quả hộ tịch tại phường Cẩm Thành", dossierIds: dossiers.map((d) => d.id) }, thanhtra);
    if (!opened.ok) throw new Error(opened.message);
    caseId = opened.id;
    caseCode = opened.code;
    const finding = await db.insertInto("finding").values({ case_id: caseId, number: 1, created_by: thanhtra }).returning("id").executeTakeFirstOrThrow();
    const version = await db
      .insertInto("finding_version")
      .values({ finding_id: finding.id, version: 1, criterion_code: "TC1", facts: "Ba hồ sơ quá hạn do chậm ở bước thẩm định.", proposed_deduction: 12, created_by: thanhtra })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("finding_version_dossier").values(dossiers.map((d) => ({ finding_version_id: version.id, dossier_id: d.id }))).execute();
    await db.updateTable("inspection_case").set({ state: "under_review" }).where("id", "=", caseId).execute();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("the lead drafts an item from the finding and a recommendation and submits; the approver returns it with a comment", async () => {
    const lead = await newPage(browser, app.baseUrl);
    const page = lead.page;
    await login(page, "thanhtra");
    await page.goto(`/cases/${caseId}/conclusion`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`Kết luận kiểm tra — ${caseCode}`);
    expect(await page.getByText("Vụ việc chưa có dự thảo kết luận.").count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Lập dự thảo kết luận" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Nội dung kết luận (0)" }).count()).toBe(1);
    expect(await page.getByTestId("conclusion-status").textContent()).toBe("Kết luận: dự thảo");

    // An item drawn from the finding.
    await page.getByRole("textbox", { name: "Nội dung kết luận" }).fill(ITEM);
    await page.getByLabel("Điểm trừ", { exact: true }).fill("12");
    await page.getByRole("checkbox", { name: /^Nội dung 1 \(TC1, trừ 12 điểm, 3 hồ sơ\)/ }).check();
    await page.getByRole("button", { name: "Thêm nội dung kết luận" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Nội dung kết luận (1)" }).count()).toBe(1);
    expect(await page.getByText(ITEM, { exact: true }).count()).toBe(1);
    expect(await page.getByText(/căn cứ nội dung kiểm tra 1$/).count()).toBe(1);
    // The form is empty again, ready for the next item.
    expect(await page.getByRole("textbox", { name: "Nội dung kết luận" }).inputValue()).toBe("");
    expect(await page.getByRole("checkbox", { name: /^Nội dung 1 / }).isChecked()).toBe(false);

    // Editing the item: the form closes once the change is saved.
    await page.getByRole("article", { name: "Nội dung kết luận 1" }).getByRole("button", { name: "Sửa" }).click();
    await page.getByLabel("Số hồ sơ chậm do đối tượng").fill("3");
    await page.getByRole("button", { name: "Lưu nội dung kết luận 1" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Lưu nội dung kết luận 1" }).count()).toBe(0);
    expect(await page.getByRole("article", { name: "Nội dung kết luận 1" }).getByText(/^Ảnh hưởng đánh giá: trừ 12 điểm; 3 hồ sơ chậm do đối tượng/).count()).toBe(1);

    // A recommendation to the ward, due next month.
    await page.getByLabel("Đơn vị chủ trì thực hiện").selectOption({ label: `${WARD} — Ủy ban nhân dân phường Cẩm Thành` });
    await page.getByLabel("Thời hạn thực hiện").fill(formatIsoDate(deadline));
    await page.getByRole("textbox", { name: "Nội dung kiến nghị" }).fill(RECOMMENDATION);
    await page.getByRole("button", { name: "Thêm kiến nghị" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Kiến nghị (1)" }).count()).toBe(1);
    expect(await page.getByText(`hạn ${formatIsoDate(deadline)}`, { exact: false }).count()).toBe(1);
    expect(await page.getByRole("textbox", { name: "Nội dung kiến nghị" }).inputValue()).toBe("");
    await shot(page, "1-drafter-with-items");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Trình phê duyệt" }).click();
    await expect.poll(() => pathOf(page)).toBe(`/cases/${caseId}`);
    await expect.poll(() => page.getByText("Chờ phê duyệt", { exact: true }).count()).toBeGreaterThan(0);

    // The inspected unit does not read the draft: only what is published.
    const unit = await newPage(browser, app.baseUrl);
    await login(unit.page, "truongdonvi");
    await unit.page.goto(`/cases/${caseId}/conclusion`);
    expect(await unit.page.getByText("Kết luận kiểm tra của vụ việc chưa được công bố.").count()).toBe(1);
    expect(await unit.page.getByText(ITEM).count()).toBe(0);
    await expectAccessible(unit.page);
    await unit.context.close();

    // The approver returns it, saying what to change.
    const approver = await newPage(browser, app.baseUrl);
    await login(approver.page, "giamdoc");
    await approver.page.goto(`/cases/${caseId}/conclusion`);
    expect(await approver.page.getByText(ITEM, { exact: true }).count()).toBe(1);
    expect(await approver.page.getByRole("button", { name: "Thêm nội dung kết luận" }).count()).toBe(0);
    expect(await approver.page.getByTestId("conclusion-status").textContent()).toBe("Kết luận: chờ phê duyệt");
    await shot(approver.page, "2-approver-pending-approval");
    await expectAccessible(approver.page);
    // A return without a comment is refused, naming what is missing.
    await approver.page.getByRole("button", { name: "Trả lại để xem xét" }).click();
    await expect.poll(() => approver.page.getByText("Vui lòng nhập ý kiến khi trả lại.").count()).toBe(1);
    await approver.page.getByLabel("Ý kiến khi trả lại").fill(RETURN_COMMENT);
    await approver.page.getByRole("button", { name: "Trả lại để xem xét" }).click();
    await expect.poll(() => pathOf(approver.page)).toBe(`/cases/${caseId}`);
    await expect.poll(() => approver.page.getByText("Đang xem xét", { exact: true }).count()).toBeGreaterThan(0);
    await lead.context.close();
    await approver.context.close();
  }, 180_000);

  it("the lead reads the comment and submits again; the approver publishes it as 01/TB-SNV, whose PDF downloads", async () => {
    const lead = await newPage(browser, app.baseUrl);
    await login(lead.page, "thanhtra");
    await lead.page.goto(`/cases/${caseId}/conclusion`);
    const returned = lead.page.getByRole("alert").filter({ hasText: RETURN_COMMENT });
    expect(await returned.count()).toBe(1);
    expect(await returned.textContent()).toContain("Trần Thị Thanh Hương");
    await shot(lead.page, "3-drafter-returned");
    await expectAccessible(lead.page);
    await lead.page.getByRole("button", { name: "Trình phê duyệt" }).click();
    await expect.poll(() => pathOf(lead.page)).toBe(`/cases/${caseId}`);
    await expect.poll(() => lead.page.getByText("Chờ phê duyệt", { exact: true }).count()).toBeGreaterThan(0);

    const { context, page } = await newPage(browser, app.baseUrl);
    await login(page, "giamdoc");
    await page.goto(`/cases/${caseId}/conclusion`);
    await page.getByRole("radio", { name: "Phó Giám đốc ký thay (KT. Giám đốc)" }).check();
    await page.getByRole("button", { name: "Phê duyệt và công bố" }).click();
    await expect.poll(() => pathOf(page)).toBe(`/cases/${caseId}`);
    await expect.poll(() => page.getByText("Đã công bố", { exact: true }).count()).toBeGreaterThan(0);

    await page.goto(`/cases/${caseId}/conclusion`);
    const notices = page.getByRole("table", { name: "Thông báo kết luận đã công bố" });
    expect(await notices.getByRole("link", { name: "01/TB-SNV", exact: true }).count()).toBe(1);
    const row = await getDb().selectFrom("conclusion").select(["id", "content_sha256"]).where("case_id", "=", caseId).where("status", "=", "published").executeTakeFirstOrThrow();
    noticeId = row.id;
    expect(await notices.getByText(row.content_sha256!.slice(0, 16), { exact: false }).count()).toBe(1);
    // The comment of the return belongs to the history now, not to an alert over the published notice.
    expect(await page.getByRole("alert").filter({ hasText: RETURN_COMMENT }).count()).toBe(0);
    expect(await page.getByText(`Ý kiến: ${RETURN_COMMENT}`).count()).toBe(1);
    await shot(page, "4-published");
    await expectAccessible(page);

    // The PDF through its link: a download of a real PDF, whose text carries the number.
    const link = notices.getByRole("link", { name: "Tải PDF Thông báo số 01/TB-SNV" });
    const response = await page.request.get((await link.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const downloading = page.waitForEvent("download");
    await link.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(pdf.equals(Buffer.from(await response.body())), "the same bytes every time").toBe(true);
    if (HAVE_POPPLER) expect(flat(pdfPages(pdf).join("\n"))).toContain("Số: 01/TB-SNV");
    await lead.context.close();
    await context.close();
  }, 180_000);

  it("anyone, signed out, verifies the notice against its record and finds it in the public register", async () => {
    const row = await getDb()
      .selectFrom("conclusion")
      .select(["content_sha256", "signer_name", "signer_authority", "signer_title", "title"])
      .where("id", "=", noticeId)
      .executeTakeFirstOrThrow();
    expect(row.signer_name).toBe("Trần Thị Thanh Hương");
    const { context, page } = await newPage(browser, app.baseUrl);
    await page.goto(`/public/notices/${noticeId}`);
    expect(pathOf(page)).toBe(`/public/notices/${noticeId}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Thông báo kết luận số 01/TB-SNV");
    expect(await page.getByTestId("notice-sha256").textContent()).toBe(row.content_sha256);
    expect(await page.getByTestId("notice-signer").textContent()).toBe(`${row.signer_authority} / ${row.signer_title} — ${row.signer_name}`);
    await shot(page, "5-verification");
    await expectAccessible(page);

    await page.getByRole("link", { name: "Sổ công khai" }).click();
    await expect.poll(() => pathOf(page)).toBe("/public/notices");
    const register = page.getByRole("table", { name: "Thông báo kết luận đã công bố" });
    await expect.poll(() => register.getByRole("link", { name: "01/TB-SNV", exact: true }).count()).toBe(1);
    expect(await register.getByText(row.title).count()).toBe(1);
    expect(await register.getByText("Đang có hiệu lực").count()).toBe(1);
    await shot(page, "6-public-register");
    await expectAccessible(page);
    await context.close();
  }, 120_000);
});
