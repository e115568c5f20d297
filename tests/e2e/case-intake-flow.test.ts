// Issue 4 end to end in Chromium, as the people do it: an inspector filters the overdue dossiers of a
// ward, ticks some, opens a case from them, opens it for work, records a finding and asks the ward to
// explain within 5 working days; the ward's head finds that case alone in their list, answers with a PDF
// and sends; the inspector reads the answer on the case page. Every page visited passes axe. With
// KTCV_SHOTS=<dir> the pages are saved as screenshots for a person to look at.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { formatIsoDate, todayInVietnam } from "../../app/domain/format.js";
import { DAY_MS, vnDate } from "../../app/domain/instants.js";
import { importEvidence } from "../../app/models/evidence-import.server.js";
import { expectAccessible, hasChromium, launchBrowser, login, newPage, startApp, type App } from "./harness.js";

const SHOTS = process.env.KTCV_SHOTS;
const WARD = "000.31.01.H55";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n", "latin1");
const ANSWER = "Phường đã kiểm điểm công chức một cửa; hồ sơ trễ do chậm luân chuyển sang bộ phận chuyên môn.";

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `intake-${name}.png`), fullPage: true });
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

/**
 * The browser tests' small demo year gives the ward no late dossier (its generated units are quick), so
 * the one-stop export brings four: received 40 days ago with a two-day deadline, resolved 20 days ago.
 * They arrive as any export does, through the evidence import, which judges them late itself.
 */
async function importLateDossiersOfTheWard(): Promise<void> {
  const day = (daysAgo: number, time: string) => `${vnDate(Date.now() - daysAgo * DAY_MS)}T${time}:00+07:00`;
  const dossiers = ["dossier_code,procedure_code,procedure_name,unit_code,received_at,due_at,finished_at,status,channel,apology_at,rescheduled_due_at"];
  const steps = ["dossier_code,step_no,step_name,unit_code,officer_code,started_at,due_at,finished_at"];
  for (let n = 1; n <= 4; n++) {
    const code = `${WARD}-${vnDate(Date.now() - 40 * DAY_MS).slice(2).replaceAll("-", "")}-990${n}`;
    dossiers.push(`${code},1.004227.000.00.00.H55,Đăng ký khai tử,${WARD},${day(40, "08:3" + n)},${day(38, "16:30")},${day(20, "09:1" + n)},Đã trả kết quả,1,,`);
    steps.push(`${code},1,Thẩm định hồ sơ,${WARD},,${day(40, "08:3" + n)},${day(38, "16:30")},${day(20, "09:1" + n)}`);
  }
  const file = (fileName: string, lines: string[]) => ({ fileName, bytes: new TextEncoder().encode(lines.join("\n") + "\n") });
  const result = await importEvidence(getDb(), { dossiers: file("dossiers.csv", dossiers), steps: file("steps.csv", steps), userId: null });
  if (!result.ok) throw new Error("the ward's late dossiers no longer import: " + JSON.stringify(result.errors.slice(0, 3)));
}

describe.skipIf(!hasChromium)("a case from the dossier list to the unit's explanation, in Chromium", () => {
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    // The server has migrated and seeded the demo; the export arrives after it.
    await importLateDossiersOfTheWard();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("the inspector opens a case from ticked overdue dossiers, the unit head answers it, the inspector reads the answer", async () => {
    // The demo year of dossiers ends today and began a year ago: the filter covers it from 1 January of last year.
    const today = todayInVietnam();
    const from = `${Number(today.slice(0, 4)) - 1}-01-01`;
    const title = "Chậm trả kết quả hồ sơ tại phường Cẩm Thành (kiểm thử luồng tiếp nhận)";

    // ——— The inspector: filter, tick, open a case ———
    const inspector = await newPage(browser, app.baseUrl);
    const page = inspector.page;
    await login(page, "thanhtra");
    await page.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Hồ sơ trễ hạn", exact: true }).click();
    await expect.poll(() => pathOf(page)).toBe("/evidence/dossiers");
    const filters = page.getByRole("search", { name: "Lọc danh sách hồ sơ" });
    await filters.getByLabel("Hẹn trả từ ngày").fill(formatIsoDate(from));
    await filters.getByLabel("Đến ngày").fill(formatIsoDate(today));
    await filters.getByLabel("Tình trạng").selectOption({ label: "Chỉ hồ sơ trễ hạn" });
    await filters.getByRole("textbox", { name: "Đơn vị giải quyết" }).fill("Cẩm Thành");
    await page.getByRole("option", { name: new RegExp(`^${WARD.replaceAll(".", "\\.")} — `) }).click();
    await filters.getByRole("button", { name: "Lọc" }).click();
    const ward = await getDb().selectFrom("unit").select("id").where("code", "=", WARD).executeTakeFirstOrThrow();
    await expect.poll(() => new URL(page.url()).searchParams.get("unit")).toBe(String(ward.id));
    await page.waitForLoadState("networkidle");
    expect(new URL(page.url()).searchParams.get("late")).toBe("1");

    const rows = page.getByTestId("dossier-row");
    // The filter form submits on change too: wait until the last of those navigations has rendered the ward's rows.
    await expect.poll(async () => (await rows.first().getByRole("link").first().textContent())?.trim().startsWith(`${WARD}-`), { timeout: 15000 }).toBe(true);
    const listed = await rows.count();
    expect(listed, "the demo gives the ward overdue dossiers").toBeGreaterThanOrEqual(2);
    // Every row listed is the ward's and late.
    expect(await page.getByTestId("dossier-counts").textContent()).toMatch(/^[\d.]+ hồ sơ trễ hạn khớp bộ lọc$/);
    const ticked: string[] = [];
    for (let i = 0; i < Math.min(3, listed); i++) {
      const code = (await rows.nth(i).getByRole("link").first().textContent())!.trim();
      await page.getByRole("checkbox", { name: `Chọn hồ sơ ${code}` }).check();
      ticked.push(code);
    }
    await expect.poll(() => page.getByText(`Đã chọn ${ticked.length} hồ sơ.`).count()).toBe(1);
    await shot(page, "1-dossier-list-ticked");
    await expectAccessible(page);
    await page.getByRole("link", { name: `Mở vụ việc từ ${ticked.length} hồ sơ đã chọn` }).click();

    // ——— The new-case form: the selection it carries, the ward already chosen as the subject ———
    await expect.poll(() => pathOf(page)).toBe("/cases/new");
    const carried = page.getByTestId("carried-selection");
    await expect.poll(() => carried.textContent()).toContain(`Sẽ đóng băng ${ticked.length} hồ sơ (${ticked.length} trễ hạn) làm chứng cứ`);
    expect(await carried.textContent()).toContain(`Chọn: ${ticked.length} hồ sơ đã đánh dấu`);
    expect(await page.getByRole("radio", { name: `Các hồ sơ chọn từ danh sách hồ sơ (${ticked.length} hồ sơ)` }).isChecked()).toBe(true);
    expect(await page.getByRole("textbox", { name: "Đơn vị được kiểm tra" }).inputValue()).toMatch(new RegExp(`^${WARD.replaceAll(".", "\\.")} — `));
    await page.getByRole("textbox", { name: "Đợt kiểm tra" }).click();
    await page.getByRole("option", { name: /^01\/QĐ-SNV — / }).click();
    await page.getByLabel("Tên vụ việc").fill(title);
    await expectAccessible(page);
    await shot(page, "2-new-case-form");
    await page.getByRole("button", { name: "Mở vụ việc", exact: true }).click();
    await expect.poll(() => pathOf(page)).toMatch(/^\/cases\/\d+$/);
    const caseId = Number(pathOf(page).split("/").pop());
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(new RegExp(`^KT-\\d{4}-\\d{4} — ${title.replace(/[()]/g, "\\$&")}$`));
    const heading = (await page.getByRole("heading", { level: 1 }).textContent())!;
    const code = heading.split(" — ")[0]!;
    expect(await page.getByText("Dự thảo", { exact: true }).count()).toBeGreaterThan(0);
    // The ticked dossiers, and only they, are the case's frozen evidence.
    const evidence = page.getByRole("table", { name: "Chứng cứ của vụ việc" });
    for (const c of ticked) expect(await evidence.getByText(c, { exact: true }).count()).toBe(1);
    const frozen = await getDb().selectFrom("case_evidence as e").innerJoin("dossier as d", "d.id", "e.dossier_id").select("d.code").where("e.case_id", "=", caseId).execute();
    expect(frozen.map((r) => r.code).sort()).toEqual([...ticked].sort());
    await expectAccessible(page);

    // ——— Open for work: a team member's move (thanhtra leads the demo inspection's team) ———
    await page.getByRole("button", { name: "Mở vụ việc", exact: true }).click();
    await expect.poll(() => page.getByText("Đang kiểm tra", { exact: true }).count()).toBeGreaterThan(0);

    // ——— A finding through the case page's form ———
    await page.getByRole("button", { name: "Thêm nội dung kiểm tra" }).click();
    await page.getByRole("textbox", { name: "Tiêu chí" }).click();
    await page.getByRole("option", { name: /^TC1\./ }).click();
    await page.getByLabel("Nội dung kiểm tra (sự việc phát hiện, căn cứ)").fill(`Các hồ sơ ${ticked.join(", ")} được trả kết quả sau ngày hẹn.`);
    await page.getByLabel("Điểm trừ đề xuất").fill("7,5");
    await page.getByRole("textbox", { name: "Hồ sơ chứng cứ làm căn cứ" }).click();
    for (const c of ticked) await page.getByRole("option", { name: c, exact: true }).click();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Ghi nội dung kiểm tra" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Nội dung 1" }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("case-score").textContent()).toBe("92,5");

    // ——— The explanation asked within 5 working days ———
    await page.getByLabel("Thời hạn giải trình (ngày làm việc)").fill("5");
    await page.getByRole("button", { name: "Yêu cầu giải trình" }).click();
    await expect.poll(() => page.getByTestId("explanation-deadline").textContent()).toMatch(/^Hạn giải trình: \d{2}\/\d{2}\/\d{4} \(còn 5 ngày làm việc\)$/);
    expect(await page.getByText("Chờ giải trình", { exact: true }).count()).toBeGreaterThan(0);
    await shot(page, "3-case-awaiting-explanation");
    await expectAccessible(page);

    // ——— The unit head: their default list holds this case alone ———
    const head = await newPage(browser, app.baseUrl);
    await login(head.page, "truongdonvi");
    await head.page.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Vụ việc", exact: true }).click();
    await expect.poll(() => pathOf(head.page)).toBe("/cases");
    await expect.poll(() => head.page.getByRole("heading", { level: 1 }).textContent()).toBe("Yêu cầu giải trình");
    const list = head.page.getByRole("table", { name: "Danh sách vụ việc" });
    await expect.poll(() => list.locator("tbody tr").count()).toBe(1);
    expect(await list.getByRole("link").allTextContents()).toEqual([code]);
    expect(await list.getByTestId("deadline-badge").textContent()).toBe("Còn 5 ngày làm việc");
    await shot(head.page, "4-unit-head-list");
    await expectAccessible(head.page);
    await list.getByRole("link", { name: code }).click();
    await expect.poll(() => pathOf(head.page)).toBe(`/cases/${caseId}`);

    await head.page.getByLabel("Giải trình nội dung kiểm tra số 1 (phiên bản 1)").fill(ANSWER);
    await head.page.locator('form:has(textarea[name="body"]) input[type="file"]').setInputFiles({ name: "Báo cáo giải trình.pdf", mimeType: "application/pdf", buffer: PDF });
    await head.page.getByRole("button", { name: "Lưu giải trình", exact: true }).click();
    await expect.poll(() => head.page.getByText("Đơn vị đã giải trình 1/1 nội dung kiểm tra.").count()).toBe(1);
    expect(await head.page.getByRole("link", { name: "Báo cáo giải trình.pdf" }).count()).toBe(1);
    await shot(head.page, "5-unit-head-answered");
    await expectAccessible(head.page);
    await head.page.getByRole("button", { name: "Gửi giải trình" }).click();
    await expect.poll(() => head.page.getByText("Đang xem xét", { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => head.page.getByText(/^Đơn vị đã gửi giải trình lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\.$/).count()).toBe(1);

    // ——— The inspector reads the answer ———
    await page.goto(`/cases/${caseId}`);
    expect(await page.getByText("Đang xem xét", { exact: true }).count()).toBeGreaterThan(0);
    const finding = page.getByRole("article", { name: "Nội dung 1" });
    expect(await finding.getByText(ANSWER).count()).toBe(1);
    expect(await finding.getByText("Giải trình cho phiên bản 1", { exact: true }).count()).toBe(1);
    const download = page.waitForEvent("download");
    await finding.getByRole("link", { name: "Báo cáo giải trình.pdf" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("Báo cáo giải trình.pdf");
    await shot(page, "6-inspector-reads-answer");
    await expectAccessible(page);

    await inspector.context.close();
    await head.context.close();
  }, 180_000);
});
