// Issue 6 in Chromium: two HR officers work the same appraisal cycle at once. Nguyễn Thị Thanh Tâm (tccb)
// opens the cycle and records a published item; Lê Hoàng Phúc (tccb2), whose page was loaded before she
// did, clicks "Ghi nhận" on the same item and is told, in an alert, that she recorded it and when — the
// list then shows it as hers. Then the officer's sheet (inputs, proposal), the unit's PAR sheet, and
// closing the cycle from the keyboard. Every page visited passes axe. With KTCV_SHOTS=<dir> the pages
// are saved as screenshots for a person to look at.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { atText } from "../../app/domain/appraisal/consumption.js";
import { formatDateTime } from "../../app/domain/format.js";
import { openCase } from "../../app/models/cases.server.js";
import { publishConclusion, saveItem, startConclusion, submitConclusion } from "../../app/models/conclusions.server.js";
import { loadSessionUser } from "../../app/models/users.server.js";
import { userIdOf } from "../helpers.js";
import { expectAccessible, hasChromium, launchBrowser, login, newPage, startApp, type App } from "./harness.js";

const SHOTS = process.env.KTCV_SHOTS;
const WARD = "000.31.01.H55";
/** Officers of the ward other than its head; the demo publishes a notice about the first with late steps. */
const WARD_OFFICERS = ["CB0024", "CB0027", "CB0028"];
const UNIT_ITEM = "Để 3 hồ sơ đăng ký hộ tịch quá hạn giải quyết do chậm chuyển bước thẩm định.";
const OFFICER_ITEM = "Chậm thẩm định 2 hồ sơ chứng thực, không báo cáo lý do.";

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `appraisal-${name}.png`), fullPage: true });
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

/** Published items in force not consumed yet: the demo's own and this file's. */
async function db_pendingCount(): Promise<number> {
  const row = await getDb()
    .selectFrom("conclusion_item as i")
    .innerJoin("conclusion as n", "n.id", "i.conclusion_id")
    .leftJoin("conclusion as s", (j) => j.onRef("s.supersedes_id", "=", "n.id").on("s.status", "=", "published"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("n.status", "=", "published")
    .where("s.id", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A case of the demo inspection about the ward or one of its officers, published with one item. */
async function publish(subject: { unitId: number } | { officerId: number }, dossierIds: number[], content: string) {
  const db = getDb();
  const thanhtra = await userIdOf("thanhtra");
  const inspection = await db.selectFrom("inspection").select("id").where("decision_number", "=", "01/QĐ-SNV").executeTakeFirstOrThrow();
  const opened = await openCase(db, { inspectionId: inspection.id, subject, title: "Chậm giải quyết hồ sơ tại phường Cẩm Thành", dossierIds }, thanhtra);
  if (!opened.ok) throw new Error(opened.message);
  const finding = await db.insertInto("finding").values({ case_id: opened.id, number: 1, created_by: thanhtra }).returning("id").executeTakeFirstOrThrow();
  const version = await db
    .insertInto("finding_version")
    .values({ finding_id: finding.id, version: 1, criterion_code: "TC1", facts: "Hồ sơ quá hạn do chậm ở bước thẩm định.", proposed_deduction: 12, created_by: thanhtra })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("finding_version_dossier").values(dossierIds.map((id) => ({ finding_version_id: version.id, dossier_id: id }))).execute();
  await db.updateTable("inspection_case").set({ state: "under_review" }).where("id", "=", opened.id).execute();
  const lead = (await loadSessionUser(db, thanhtra))!;
  const approver = (await loadSessionUser(db, await userIdOf("giamdoc")))!;
  const target = { caseId: opened.id, scope: { all: true } as const };
  const must = <T extends { ok: boolean; message?: string } | undefined>(r: T) => {
    if (!r || !r.ok) throw new Error(r?.message ?? "không tìm thấy vụ việc");
  };
  must(await startConclusion(db, target, lead));
  must(await saveItem(db, { ...target, subject: "case", kind: "violation", content, points: 12, attributedDelays: dossierIds.length, disciplineLevel: null, parDeduction: 0, findingIds: [finding.id] }, lead));
  must(await submitConclusion(db, target, lead));
  must(await publishConclusion(db, { ...target, capacity: "deputy" }, approver));
}

describe.skipIf(!hasChromium)("two HR officers on one appraisal cycle, in Chromium", () => {
  let app: App;
  let browser: Browser;
  let cycleId: number;
  let officerName: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    // The server has migrated and seeded the demo: two notices of the ward are published here, one
    // about the ward, one about one of its officers.
    const db = getDb();
    const ward = await db.selectFrom("unit").select("id").where("code", "=", WARD).executeTakeFirstOrThrow();
    // An officer of the ward no notice is about yet (the demo's own notice is about one of them).
    const officer = await db
      .selectFrom("officer as o")
      .select(["o.id", "o.full_name"])
      .where("o.code", "in", WARD_OFFICERS)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom("conclusion_item as i").select("i.id").whereRef("i.subject_officer_id", "=", "o.id"))))
      .orderBy("o.code")
      .executeTakeFirstOrThrow();
    officerName = officer.full_name;
    const dossiers = await db.selectFrom("dossier").select("id").where("unit_id", "=", ward.id).orderBy("code", "desc").limit(5).execute();
    await publish({ unitId: ward.id }, dossiers.slice(0, 3).map((d) => d.id), UNIT_ITEM);
    await publish({ officerId: officer.id }, dossiers.slice(3, 5).map((d) => d.id), OFFICER_ITEM);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("tccb opens the cycle and records the item; tccb2, on a page loaded before, is told she did and when", async () => {
    const tam = await newPage(browser, app.baseUrl);
    await login(tam.page, "tccb");
    // Her home page says what waits for her.
    const waiting = await db_pendingCount();
    expect(waiting).toBeGreaterThanOrEqual(2);
    await expect.poll(() => tam.page.getByTestId("work-appraisal").textContent()).toContain(
      `${waiting} nội dung kết luận đã công bố chờ ghi nhận vào đánh giá; chưa có kỳ đánh giá nào đang mở.`,
    );
    await shot(tam.page, "0-home");
    await expectAccessible(tam.page);
    await tam.page.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Đánh giá, xếp loại" }).click();
    await expect.poll(() => pathOf(tam.page)).toBe("/appraisal");
    await expect.poll(() => tam.page.getByText("Chưa có kỳ đánh giá nào trong phạm vi của bạn.").count()).toBe(1);
    await expectAccessible(tam.page);
    // The form proposes this year and the rule set the law gives civil servants for it.
    expect(await tam.page.getByLabel("Bộ quy tắc đánh giá").inputValue()).toBe("nd335-2025");
    await shot(tam.page, "1-cycles");
    await tam.page.getByRole("button", { name: "Mở kỳ đánh giá" }).click();
    await expect.poll(() => pathOf(tam.page)).toMatch(/^\/appraisal\/\d+$/);
    cycleId = Number(pathOf(tam.page).split("/").pop());
    await expect.poll(() => tam.page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^DG-2026-001 — /);
    const unitButton = (p: Page) => p.getByRole("button", { name: /^Ghi nhận nội dung 1 của Thông báo số \d+\/TB-SNV$/ }).first();
    expect(await tam.page.getByRole("table", { name: "Nội dung kết luận chờ ghi nhận" }).getByText(UNIT_ITEM).count()).toBe(1);
    await expectAccessible(tam.page);

    const phuc = await newPage(browser, app.baseUrl);
    await login(phuc.page, "tccb2");
    await phuc.page.goto(`/appraisal/${cycleId}`);
    expect(await phuc.page.getByText(UNIT_ITEM).count()).toBe(1);
    await expectAccessible(phuc.page);

    // She records the item about the ward.
    const pendingRow = (p: Page) => p.getByRole("table", { name: "Nội dung kết luận chờ ghi nhận" }).getByRole("row").filter({ hasText: UNIT_ITEM });
    await pendingRow(tam.page).getByRole("button", { name: /^Ghi nhận / }).click();
    const consumedRow = (p: Page) => p.getByRole("table", { name: "Nội dung đã ghi nhận trong kỳ" }).getByRole("row").filter({ hasText: UNIT_ITEM });
    await expect.poll(() => consumedRow(tam.page).count()).toBe(1);
    const row = await getDb()
      .selectFrom("appraisal_consumption as ac")
      .innerJoin("conclusion_item as i", "i.id", "ac.conclusion_item_id")
      .select(["ac.consumed_at", "ac.mode"])
      .where("i.content", "=", UNIT_ITEM)
      .executeTakeFirstOrThrow();
    const consumedAt = new Date(row.consumed_at).toISOString();
    const when = formatDateTime(consumedAt);
    expect(await consumedRow(tam.page).textContent()).toContain(`Nguyễn Thị Thanh Tâm, ${when}`);
    expect(await pendingRow(tam.page).count()).toBe(0);
    await shot(tam.page, "2-consumed-by-tam");
    await expectAccessible(tam.page);

    // His page still offers the button; the server refuses and names her.
    expect(await unitButton(phuc.page).count()).toBe(1);
    await pendingRow(phuc.page).getByRole("button", { name: /^Ghi nhận / }).click();
    const alert = phuc.page.getByRole("alert").filter({ hasText: "Nguyễn Thị Thanh Tâm" });
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toContain(`đã được ghi nhận vào đánh giá ở kỳ DG-2026-001 bởi Nguyễn Thị Thanh Tâm lúc ${atText(consumedAt)}`);
    await expect.poll(() => consumedRow(phuc.page).count()).toBe(1);
    expect(await consumedRow(phuc.page).textContent()).toContain(`Nguyễn Thị Thanh Tâm, ${when}`);
    expect(await pendingRow(phuc.page).count()).toBe(0);
    const consumptions = await getDb()
      .selectFrom("appraisal_consumption as ac")
      .innerJoin("conclusion_item as i", "i.id", "ac.conclusion_item_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("i.content", "=", UNIT_ITEM)
      .executeTakeFirstOrThrow();
    expect(Number(consumptions.n)).toBe(1);
    await shot(phuc.page, "3-refused-for-phuc");
    await expectAccessible(phuc.page);
    await tam.context.close();
    await phuc.context.close();
  }, 180_000);

  it("tccb records the officer's item on his sheet, enters points and tasks, and reads the proposal", async () => {
    const { context, page } = await newPage(browser, app.baseUrl);
    await login(page, "tccb");
    await page.goto(`/appraisal/${cycleId}`);
    await page.getByRole("table", { name: "Cán bộ, công chức trong kỳ đánh giá" }).getByRole("link", { name: officerName }).click();
    await expect.poll(() => pathOf(page)).toMatch(/\/officers\/\d+$/);
    expect(await page.getByTestId("proposal-problems").textContent()).toContain("Chưa nhập điểm tiêu chí chung");
    await expectAccessible(page);
    const row = page.getByRole("table", { name: "Nội dung kết luận chờ ghi nhận" }).getByRole("row").filter({ hasText: OFFICER_ITEM });
    await row.getByRole("textbox", { name: /^Nhiệm vụ bị chậm của nội dung 1/ }).fill("Chứng thực bản sao");
    await row.getByRole("button", { name: /^Ghi nhận nội dung 1/ }).click();
    await expect.poll(() => page.getByRole("table", { name: "Nội dung đã ghi nhận trong kỳ" }).getByText(OFFICER_ITEM).count()).toBe(1);
    expect(await page.getByText("Nhiệm vụ: Chứng thực bản sao").count()).toBe(1);

    await page.getByLabel("Điểm tiêu chí chung (0–30)").fill("27");
    await page.getByLabel("Kết quả thực hiện nhiệm vụ (tối đa 70 điểm)").fill("Chứng thực bản sao; 40; 8\nTiếp nhận hồ sơ hộ tịch; 28; 6");
    await page.getByRole("button", { name: "Lưu và tính đề xuất" }).click();
    // Two delays take 2 × 25% of 8 progress points: 27 + 36 + 28 = 91.
    await expect.poll(() => page.getByTestId("proposal-label").textContent()).toBe("Hoàn thành xuất sắc nhiệm vụ");
    expect(await page.getByTestId("proposal-reasons").textContent()).toContain("2 lần chậm tiến độ, mỗi lần trừ 25% điểm tiến độ (8), bị trừ 4 điểm");
    await page.getByLabel("Mức xếp loại").selectOption("good");
    await page.getByRole("button", { name: "Ghi kết quả xếp loại" }).click();
    await expect.poll(() => page.getByText(/^Kết quả ghi nhận khác đề xuất \(mức «Hoàn thành tốt nhiệm vụ» khác đề xuất «Hoàn thành xuất sắc nhiệm vụ»\): vui lòng nêu lý do\.$/).count()).toBe(1);
    await page.getByLabel("Lý do (bắt buộc khi khác đề xuất)").fill("Chưa hoàn thành sáng kiến đăng ký đầu năm.");
    await page.getByRole("button", { name: "Ghi kết quả xếp loại" }).click();
    await expect.poll(() => page.getByTestId("final-result").textContent()).toContain("Kết quả đã ghi: Hoàn thành tốt nhiệm vụ (91 điểm)");
    await shot(page, "4-officer-sheet");
    await expectAccessible(page);

    await page.goto(`/appraisal/${cycleId}`);
    await page.getByRole("table", { name: "Đơn vị có nội dung kết luận trong kỳ" }).getByRole("link", { name: "Ủy ban nhân dân phường Cẩm Thành" }).click();
    await expect.poll(() => pathOf(page)).toMatch(/\/units\/\d+$/);
    // The notice gives no PAR deduction: the provincial table's 0,5 for a violation + 3 × 0,1 per delay.
    expect(await page.getByTestId("unit-deduction").textContent()).toBe("Trừ 0,8 điểm");
    expect(await page.getByText("0,8 điểm — theo bảng của tỉnh, phiên bản 1").count()).toBe(1);
    await shot(page, "5-unit-sheet");
    await expectAccessible(page);
    await context.close();
  }, 180_000);

  it("closes the cycle from the keyboard after a confirmation", async () => {
    const { context, page } = await newPage(browser, app.baseUrl);
    await login(page, "tccb");
    await page.goto(`/appraisal/${cycleId}`);
    await page.getByRole("button", { name: "Khoá kỳ đánh giá" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Khoá kỳ đánh giá DG-2026-001?" });
    await expect.poll(() => dialog.count()).toBe(1);
    await shot(page, "6-close-dialog");
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByRole("button", { name: "Khoá kỳ đánh giá" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => dialog.count()).toBe(1);
    // The confirm button takes the focus when the dialog opens.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Xác nhận khoá kỳ");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("cycle-status").textContent()).toBe("Đã khoá");
    expect(await page.getByRole("button", { name: /^Ghi nhận / }).count()).toBe(0);
    await shot(page, "7-closed");
    await expectAccessible(page);
    await context.close();
  }, 120_000);
});
