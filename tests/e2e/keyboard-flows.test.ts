// Issue 7 point 5b: the main flows done with the keyboard alone, in Chromium. Nobody touches a mouse:
// each person opens the sign-in page, and from there every step is Tab (or Shift+Tab) to a control,
// then Enter, Space, arrow keys or typing. The inspector filters the ward's overdue dossiers, ticks
// them with Space, opens a case, records a finding and asks for an explanation; the ward's head answers
// with a PDF and sends; the team lead drafts the conclusion and submits it; the director publishes it;
// HR opens an appraisal cycle, records the published item and closes the cycle through its dialog.
// Every control reached shows where the focus is, and every page visited passes axe (checked once per
// person, in its fullest state).
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { formatIsoDate, todayInVietnam } from "../../app/domain/format.js";
import { DAY_MS, vnDate } from "../../app/domain/instants.js";
import { importEvidence } from "../../app/models/evidence-import.server.js";
import { DEMO_PASSWORD, expectAccessible, hasChromium, launchBrowser, newPage, startApp, type App } from "./harness.js";

const WARD = "000.31.01.H55";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n", "latin1");
const TITLE = "Chậm trả kết quả hồ sơ tại phường Cẩm Thành (thao tác bằng bàn phím)";
const FACTS = "Các hồ sơ khai tử được trả kết quả sau ngày hẹn, không có văn bản xin lỗi.";
const ANSWER = "Phường đã kiểm điểm công chức một cửa; hồ sơ trễ do chậm luân chuyển sang bộ phận chuyên môn.";
const ITEM = "Để 3 hồ sơ khai tử quá hạn giải quyết do chậm chuyển bước thẩm định (lập bằng bàn phím).";
const RECOMMENDATION = "Kiểm điểm công chức một cửa và trả kết quả đúng hẹn.";

const pathOf = (page: Page) => new URL(page.url()).pathname;
/** What follows a key press that goes to the server: on a busy machine it can take seconds. */
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 20_000 });
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What has the focus, as a person would name it: for a failure message. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "(trang)";
    const name = el.getAttribute("aria-label") || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent?.trim().slice(0, 50) || "";
    return `${el.tagName.toLowerCase()} «${name}»`;
  });
}

/**
 * How the focused control looks different from the same control at rest: an outline or shadow, or its
 * (or its frame's) border colour. Null when the focus would be invisible. A shallow copy of the control,
 * never focused, gives the look at rest.
 */
async function focusIndicator(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    // Mantine draws a field's focus on its frame (the password field) or on the field itself.
    const boxes = [el, el.parentElement, el.parentElement?.parentElement].filter((b): b is HTMLElement => !!b?.parentElement);
    // The border colour eases in: read it once the transition is over.
    const settled = Promise.all(boxes.flatMap((b) => b.getAnimations().map((a) => a.finished.catch(() => undefined))));
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 1000))]);
    for (const box of boxes) {
      const twin = box.cloneNode(false) as HTMLElement;
      twin.removeAttribute("id");
      twin.style.transition = "none";
      box.parentElement!.insertBefore(twin, box);
      const looks = [getComputedStyle(twin), getComputedStyle(box)].map((s) => [
        s.outlineStyle === "none" || parseFloat(s.outlineWidth) === 0 ? "no outline" : `outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
        `box-shadow ${s.boxShadow}`,
        `border ${s.borderTopColor}`,
      ]);
      twin.remove();
      for (let k = 0; k < 3; k++) if (looks[0]![k] !== looks[1]![k]) return `${looks[0]![k]} → ${looks[1]![k]}`;
    }
    return null;
  });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, and checks that the focus shows on it. Fails
 * naming every stop when it is not reached within `max` presses. A target already focused (a field the
 * page focuses on opening) takes no press.
 */
async function tabTo(page: Page, target: Locator, options: { max?: number; shift?: boolean } = {}): Promise<void> {
  const max = options.max ?? 60;
  const key = options.shift ? "Shift+Tab" : "Tab";
  // The target is found once (waiting until it shows); then each press costs one round trip: whether
  // it has the focus, and what has it instead. A target the page has since re-rendered is found again.
  let element = await target.elementHandle();
  const where = async (): Promise<string | null> => {
    const stop = await element.evaluate((wanted) => {
      if (!wanted.isConnected) return false;
      const el = document.activeElement as HTMLElement | null;
      if (el === wanted) return null;
      if (!el || el === document.body) return "(trang)";
      const name = el.getAttribute("aria-label") || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent?.trim().slice(0, 50) || "";
      return `${el.tagName.toLowerCase()} «${name}»`;
    });
    if (stop !== false) return stop;
    await element.dispose();
    element = await target.elementHandle();
    return where();
  };
  const stops: string[] = [];
  let stop = await where();
  for (let presses = 0; stop !== null; presses++) {
    if (presses === max) throw new Error(`${target} không nhận được tiêu điểm sau ${max} lần nhấn ${key}; đã qua: ${stops.join(" → ")}`);
    await page.keyboard.press(key);
    stop = await where();
    if (stop !== null) stops.push(stop);
  }
  await element.dispose();
  expect(await focusIndicator(page), `tiêu điểm không hiện rõ trên ${await focusedName(page)}`).not.toBeNull();
}

/** Selects all the text of the focused field and types over it. */
async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

/** A client-side navigation is over once the new page's heading shows; until then the old page may still be on screen. */
async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

// axe takes a second or more a page on a busy machine: the sign-in page is checked once, and every
// other page once per person, in the state that shows the most of it, rather than after every key press.
const homesChecked = new Set<string>();

/** The sign-in page, the one page opened by address; then the name, the password and Enter. */
async function signIn(browser: Browser, baseUrl: string, username: string) {
  const person = await newPage(browser, baseUrl);
  const page = person.page;
  await page.goto("/login");
  if (homesChecked.size === 0) await expectAccessible(page);
  await tabTo(page, page.getByLabel("Tên đăng nhập"), { max: 10 });
  await page.keyboard.type(username);
  await tabTo(page, page.getByLabel("Mật khẩu"), { max: 10 });
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await page.getByTestId("current-user").waitFor();
  if (!homesChecked.has(username)) await expectAccessible(page);
  homesChecked.add(username);
  return person;
}

/** Follows a link of the left-hand menu. */
async function menu(page: Page, label: string): Promise<void> {
  await tabTo(page, page.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: label, exact: true }));
  await page.keyboard.press("Enter");
}

/**
 * The browser tests' small demo year gives the ward few late dossiers or none, depending on the date, so
 * the one-stop export brings four (as case-intake-flow.test.ts does): received 40 days ago with a two-day
 * deadline, resolved 20 days ago. Their codes are returned: they are the ones ticked.
 */
async function importLateDossiersOfTheWard(): Promise<string[]> {
  const day = (daysAgo: number, time: string) => `${vnDate(Date.now() - daysAgo * DAY_MS)}T${time}:00+07:00`;
  const dossiers = ["dossier_code,procedure_code,procedure_name,unit_code,received_at,due_at,finished_at,status,channel,apology_at,rescheduled_due_at"];
  const steps = ["dossier_code,step_no,step_name,unit_code,officer_code,started_at,due_at,finished_at"];
  const codes: string[] = [];
  for (let n = 1; n <= 4; n++) {
    const code = `${WARD}-${vnDate(Date.now() - 40 * DAY_MS).slice(2).replaceAll("-", "")}-990${n}`;
    codes.push(code);
    dossiers.push(`${code},1.004227.000.00.00.H55,Đăng ký khai tử,${WARD},${day(40, "08:3" + n)},${day(38, "16:30")},${day(20, "09:1" + n)},Đã trả kết quả,1,,`);
    steps.push(`${code},1,Thẩm định hồ sơ,${WARD},,${day(40, "08:3" + n)},${day(38, "16:30")},${day(20, "09:1" + n)}`);
  }
  const file = (fileName: string, lines: string[]) => ({ fileName, bytes: new TextEncoder().encode(lines.join("\n") + "\n") });
  const result = await importEvidence(getDb(), { dossiers: file("dossiers.csv", dossiers), steps: file("steps.csv", steps), userId: null });
  if (!result.ok) throw new Error("the ward's late dossiers no longer import: " + JSON.stringify(result.errors.slice(0, 3)));
  return codes;
}

describe.skipIf(!hasChromium)("the main flows with the keyboard alone, in Chromium", () => {
  let app: App;
  let browser: Browser;
  let caseId: number;
  let caseCode: string;
  let imported: string[];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    imported = await importLateDossiersOfTheWard();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("the inspector filters the ward's overdue dossiers, ticks three with Space, opens a case, records a finding and asks for an explanation", async () => {
    const { context, page } = await signIn(browser, app.baseUrl, "thanhtra");

    // ——— The overdue dossiers of the ward, from the menu ———
    await menu(page, "Hồ sơ trễ hạn");
    await heading(page, "Hồ sơ trễ hạn");
    const filters = page.getByRole("search", { name: "Lọc danh sách hồ sơ" });
    // The demo year ends today: from 1 January of last year covers it whatever today is.
    const from = `${Number(todayInVietnam().slice(0, 4)) - 1}-01-01`;
    await tabTo(page, filters.getByLabel("Hẹn trả từ ngày"));
    await typeOver(page, formatIsoDate(from));
    // A closed native list chooses by typing the start of an option.
    await tabTo(page, filters.getByLabel("Tình trạng"));
    await page.keyboard.type("Chỉ");
    expect(await filters.getByLabel("Tình trạng").inputValue()).toBe("1");
    // The unit list searches as one types; ArrowDown and Enter choose the match.
    const unit = filters.getByRole("textbox", { name: "Đơn vị giải quyết" });
    await tabTo(page, unit);
    await page.keyboard.type(WARD);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    expect(await unit.inputValue()).toMatch(new RegExp(`^${escapeRegExp(WARD)} — `));
    await tabTo(page, filters.getByRole("button", { name: "Lọc" }));
    await page.keyboard.press("Enter");
    const ward = await getDb().selectFrom("unit").select("id").where("code", "=", WARD).executeTakeFirstOrThrow();
    await eventually(() => new URL(page.url()).searchParams.get("unit")).toBe(String(ward.id));
    const rows = page.getByTestId("dossier-row");
    await eventually(async () => (await rows.first().getByRole("link").first().textContent())?.startsWith(`${WARD}-`)).toBe(true);
    expect(new URL(page.url()).searchParams.get("late")).toBe("1");
    // The export's dossiers are listed (the demo year may give the ward late ones of its own, by date).
    expect(await page.getByTestId("dossier-counts").textContent()).toMatch(/^\d+ hồ sơ trễ hạn khớp bộ lọc$/);
    for (const code of imported) expect(await page.getByRole("link", { name: code, exact: true }).count()).toBe(1);

    // ——— Three of them ticked with Space, then the case opened from them ———
    const ticked = imported.slice(0, 3);
    for (const code of ticked) {
      const box = page.getByRole("checkbox", { name: `Chọn hồ sơ ${code}` });
      await tabTo(page, box);
      await page.keyboard.press("Space");
      expect(await box.isChecked()).toBe(true);
    }
    await eventually(() => page.getByText("Đã chọn 3 hồ sơ.").count()).toBe(1);
    await expectAccessible(page);
    await tabTo(page, page.getByRole("link", { name: "Mở vụ việc từ 3 hồ sơ đã chọn" }));
    await page.keyboard.press("Enter");

    await heading(page, "Mở vụ việc");
    expect(pathOf(page)).toBe("/cases/new");
    await eventually(() => page.getByTestId("carried-selection").textContent()).toContain("Sẽ đóng băng 3 hồ sơ (3 trễ hạn) làm chứng cứ");
    expect(await page.getByRole("radio", { name: "Các hồ sơ chọn từ danh sách hồ sơ (3 hồ sơ)" }).isChecked()).toBe(true);
    expect(await page.getByRole("textbox", { name: "Đơn vị được kiểm tra" }).inputValue()).toMatch(new RegExp(`^${escapeRegExp(WARD)} — `));
    const inspection = page.getByRole("textbox", { name: "Đợt kiểm tra" });
    await tabTo(page, inspection);
    await page.keyboard.type("01/QĐ");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    expect(await inspection.inputValue()).toMatch(/^01\/QĐ-SNV — /);
    await tabTo(page, page.getByLabel("Tên vụ việc"));
    await page.keyboard.type(TITLE);
    await expectAccessible(page);
    await tabTo(page, page.getByRole("button", { name: "Mở vụ việc", exact: true }));
    await page.keyboard.press("Enter");

    await heading(page, new RegExp(`^KT-\\d{4}-\\d{4} — ${escapeRegExp(TITLE)}$`));
    caseId = Number(pathOf(page).split("/").pop());
    caseCode = (await page.getByRole("heading", { level: 1 }).textContent())!.split(" — ")[0]!;
    const evidence = page.getByRole("table", { name: "Chứng cứ của vụ việc" });
    for (const c of ticked) expect(await evidence.getByText(c, { exact: true }).count()).toBe(1);

    // ——— Open for work, then a finding ———
    await tabTo(page, page.getByRole("button", { name: "Mở vụ việc", exact: true }));
    await page.keyboard.press("Enter");
    await eventually(() => page.getByText("Đang kiểm tra", { exact: true }).count()).toBeGreaterThan(0);
    await tabTo(page, page.getByRole("button", { name: "Thêm nội dung kiểm tra" }));
    await page.keyboard.press("Enter");
    const criterion = page.getByRole("textbox", { name: "Tiêu chí" });
    await tabTo(page, criterion, { max: 10 });
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    expect(await criterion.inputValue()).toMatch(/^TC1\. /);
    await tabTo(page, page.getByLabel("Nội dung kiểm tra (sự việc phát hiện, căn cứ)"), { max: 5 });
    await page.keyboard.type(FACTS);
    await tabTo(page, page.getByLabel("Điểm trừ đề xuất"), { max: 5 });
    await page.keyboard.type("7,5");
    // The evidence list searches as one types; each Enter adds a dossier and leaves the list open.
    await tabTo(page, page.getByRole("textbox", { name: "Hồ sơ chứng cứ làm căn cứ" }), { max: 5 });
    for (const c of ticked) {
      await page.keyboard.type(c);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
    }
    await page.keyboard.press("Escape");
    await tabTo(page, page.getByRole("button", { name: "Ghi nội dung kiểm tra" }), { max: 10 });
    await page.keyboard.press("Enter");
    await eventually(() => page.getByRole("heading", { name: "Nội dung 1" }).count()).toBe(1);
    await eventually(() => page.getByTestId("case-score").textContent()).toBe("92,5");
    const finding = page.getByRole("article", { name: "Nội dung 1" });
    expect(await finding.getByText(FACTS).count()).toBe(1);
    for (const c of ticked) expect(await finding.getByRole("link", { name: c }).count()).toBe(1);

    // ——— The explanation asked within 5 working days ———
    await tabTo(page, page.getByLabel("Thời hạn giải trình (ngày làm việc)"), { shift: true });
    await typeOver(page, "5");
    await tabTo(page, page.getByRole("button", { name: "Yêu cầu giải trình" }), { max: 5 });
    await page.keyboard.press("Enter");
    await eventually(() => page.getByTestId("explanation-deadline").textContent()).toMatch(/^Hạn giải trình: \d{2}\/\d{2}\/\d{4} \(còn 5 ngày làm việc\)$/);
    expect(await page.getByText("Chờ giải trình", { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await context.close();
  }, 180_000);

  it("the ward's head opens the case from the home page, answers with a PDF chosen from the keyboard and sends", async () => {
    const { context, page } = await signIn(browser, app.baseUrl, "truongdonvi");
    const work = page.getByTestId("work-explanations");
    await eventually(() => work.getByRole("link", { name: caseCode }).count()).toBe(1);
    await tabTo(page, work.getByRole("link", { name: caseCode }));
    await page.keyboard.press("Enter");
    await heading(page, `${caseCode} — ${TITLE}`);
    expect(pathOf(page)).toBe(`/cases/${caseId}`);

    await tabTo(page, page.getByLabel("Giải trình nội dung kiểm tra số 1 (phiên bản 1)"));
    await page.keyboard.type(ANSWER);
    // Enter on the file field opens the system's file chooser; the person picks the file there (the
    // test hands it to the chooser, which is the one thing not done by keys on the page). Playwright
    // starts catching choosers a moment after it is asked to: ask before moving to the field.
    const chooser = page.waitForEvent("filechooser");
    await tabTo(page, page.getByRole("button", { name: /^Tệp đính kèm/ }), { max: 5 });
    await page.keyboard.press("Enter");
    await (await chooser).setFiles({ name: "Báo cáo giải trình.pdf", mimeType: "application/pdf", buffer: PDF });
    await eventually(() => page.getByRole("button", { name: /^Tệp đính kèm/ }).textContent()).toContain("Báo cáo giải trình.pdf");
    await tabTo(page, page.getByRole("button", { name: "Lưu giải trình", exact: true }), { max: 5 });
    await page.keyboard.press("Enter");
    await eventually(() => page.getByText("Đơn vị đã giải trình 1/1 nội dung kiểm tra.").count()).toBe(1);
    expect(await page.getByRole("link", { name: "Báo cáo giải trình.pdf" }).count()).toBe(1);
    await expectAccessible(page);

    await tabTo(page, page.getByRole("button", { name: "Gửi giải trình" }), { shift: true });
    await page.keyboard.press("Enter");
    await eventually(() => page.getByText("Đang xem xét", { exact: true }).count()).toBeGreaterThan(0);
    await eventually(() => page.getByText(/^Đơn vị đã gửi giải trình lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\.$/).count()).toBe(1);
    await context.close();
  }, 120_000);

  it("the team lead drafts an item and a recommendation and submits; the director publishes the notice", async () => {
    const lead = await signIn(browser, app.baseUrl, "thanhtra");
    let page = lead.page;
    await menu(page, "Vụ việc");
    const list = page.getByRole("table", { name: "Danh sách vụ việc" });
    await eventually(() => list.getByRole("link", { name: caseCode }).count()).toBe(1);
    await expectAccessible(page);
    await tabTo(page, list.getByRole("link", { name: caseCode }));
    await page.keyboard.press("Enter");
    await heading(page, `${caseCode} — ${TITLE}`);
    await tabTo(page, page.getByRole("link", { name: "Kết luận kiểm tra" }));
    await page.keyboard.press("Enter");
    await heading(page, `Kết luận kiểm tra — ${caseCode}`);
    await tabTo(page, page.getByRole("button", { name: "Lập dự thảo kết luận" }));
    await page.keyboard.press("Enter");
    await eventually(() => page.getByRole("heading", { name: "Nội dung kết luận (0)" }).count()).toBe(1);

    // An item about the ward, drawn from the finding (its box ticked with Space).
    await tabTo(page, page.getByRole("textbox", { name: "Nội dung kết luận" }));
    await page.keyboard.type(ITEM);
    await tabTo(page, page.getByLabel("Điểm trừ", { exact: true }), { max: 5 });
    await typeOver(page, "12");
    await tabTo(page, page.getByLabel("Số hồ sơ chậm do đối tượng"), { max: 5 });
    await typeOver(page, "3");
    const basis = page.getByRole("checkbox", { name: /^Nội dung 1 \(TC1, trừ 7,5 điểm, 3 hồ sơ\)/ });
    await tabTo(page, basis, { max: 10 });
    await page.keyboard.press("Space");
    expect(await basis.isChecked()).toBe(true);
    await tabTo(page, page.getByRole("button", { name: "Thêm nội dung kết luận" }), { max: 5 });
    await page.keyboard.press("Enter");
    await eventually(() => page.getByRole("heading", { name: "Nội dung kết luận (1)" }).count()).toBe(1);
    const item = page.getByRole("article", { name: "Nội dung kết luận 1" });
    expect(await item.getByText(ITEM, { exact: true }).count()).toBe(1);
    expect(await item.getByText(/^Ảnh hưởng đánh giá: trừ 12 điểm; 3 hồ sơ chậm do đối tượng.* · căn cứ nội dung kiểm tra 1$/).count()).toBe(1);

    // A recommendation to the ward, due on the 15th of next month.
    const [y, m] = todayInVietnam().split("-").map(Number) as [number, number];
    const deadline = m === 12 ? `${y + 1}-01-15` : `${y}-${String(m + 1).padStart(2, "0")}-15`;
    const owner = page.getByLabel("Đơn vị chủ trì thực hiện");
    await tabTo(page, owner);
    await page.keyboard.type(WARD);
    expect(await owner.locator("option:checked").textContent()).toBe(`${WARD} — Ủy ban nhân dân phường Cẩm Thành`);
    await tabTo(page, page.getByLabel("Thời hạn thực hiện"), { max: 5 });
    await page.keyboard.type(formatIsoDate(deadline));
    await tabTo(page, page.getByRole("textbox", { name: "Nội dung kiến nghị" }), { max: 5 });
    await page.keyboard.type(RECOMMENDATION);
    await tabTo(page, page.getByRole("button", { name: "Thêm kiến nghị" }), { max: 5 });
    await page.keyboard.press("Enter");
    await eventually(() => page.getByRole("heading", { name: "Kiến nghị (1)" }).count()).toBe(1);
    expect(await page.getByText(`hạn ${formatIsoDate(deadline)}`, { exact: false }).count()).toBe(1);
    await expectAccessible(page);

    await tabTo(page, page.getByRole("button", { name: "Trình phê duyệt" }));
    await page.keyboard.press("Enter");
    await heading(page, `${caseCode} — ${TITLE}`);
    await eventually(() => page.getByText("Chờ phê duyệt", { exact: true }).count()).toBeGreaterThan(0);
    await lead.context.close();

    // ——— The director: from the home page's "Chờ phê duyệt" to the published notice ———
    const director = await signIn(browser, app.baseUrl, "giamdoc");
    page = director.page;
    const waiting = page.getByTestId("work-approval");
    await eventually(() => waiting.getByRole("link", { name: caseCode }).count()).toBe(1);
    await tabTo(page, waiting.getByRole("link", { name: caseCode }));
    await page.keyboard.press("Enter");
    await heading(page, `${caseCode} — ${TITLE}`);
    await expectAccessible(page);
    await tabTo(page, page.getByRole("link", { name: "Kết luận kiểm tra" }));
    await page.keyboard.press("Enter");
    await heading(page, `Kết luận kiểm tra — ${caseCode}`);
    expect(await page.getByText(ITEM, { exact: true }).count()).toBe(1);
    await expectAccessible(page);
    // Tab lands on the chosen signing capacity; the arrow keys move the choice within the group.
    const deputy = page.getByRole("radio", { name: "Phó Giám đốc ký thay (KT. Giám đốc)" });
    const director_ = page.getByRole("radio", { name: "Giám đốc ký", exact: true });
    await tabTo(page, deputy);
    await page.keyboard.press("ArrowUp");
    expect(await director_.isChecked()).toBe(true);
    await page.keyboard.press("ArrowDown");
    expect(await deputy.isChecked()).toBe(true);
    await tabTo(page, page.getByRole("button", { name: "Phê duyệt và công bố" }), { max: 10 });
    await page.keyboard.press("Enter");
    await heading(page, `${caseCode} — ${TITLE}`);
    await eventually(() => page.getByText("Đã công bố", { exact: true }).count()).toBeGreaterThan(0);

    // The notice is on the conclusion page, with its number.
    await tabTo(page, page.getByRole("link", { name: "Kết luận kiểm tra" }));
    await page.keyboard.press("Enter");
    await heading(page, `Kết luận kiểm tra — ${caseCode}`);
    const notices = page.getByRole("table", { name: "Thông báo kết luận đã công bố" });
    await eventually(() => notices.getByRole("link", { name: /^\d{2,}\/TB-SNV$/ }).count()).toBe(1);
    await expectAccessible(page);
    await director.context.close();
  }, 180_000);

  it("HR opens an appraisal cycle, records the published item, and closes the cycle through its dialog", async () => {
    const { context, page } = await signIn(browser, app.baseUrl, "tccb");
    await tabTo(page, page.getByTestId("work-appraisal").getByRole("link", { name: "Các kỳ đánh giá" }));
    await page.keyboard.press("Enter");
    await heading(page, "Đánh giá, xếp loại");
    await expectAccessible(page);
    // The form proposes this year, her scope and the rule set the law gives for it.
    await tabTo(page, page.getByRole("button", { name: "Mở kỳ đánh giá" }));
    await page.keyboard.press("Enter");
    await heading(page, /^DG-\d{4}-\d{3} — /);
    expect(pathOf(page)).toMatch(/^\/appraisal\/\d+$/);
    const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.split(" — ")[0]!;
    const pending = page.getByRole("table", { name: "Nội dung kết luận chờ ghi nhận" }).getByRole("row").filter({ hasText: ITEM });
    await eventually(() => pending.count()).toBe(1);

    await tabTo(page, pending.getByRole("button", { name: /^Ghi nhận / }));
    await page.keyboard.press("Enter");
    const consumed = page.getByRole("table", { name: "Nội dung đã ghi nhận trong kỳ" }).getByRole("row").filter({ hasText: ITEM });
    await eventually(() => consumed.count()).toBe(1);
    expect(await consumed.textContent()).toContain("Nguyễn Thị Thanh Tâm");
    expect(await pending.count()).toBe(0);
    await expectAccessible(page);

    // The dialog takes the focus on its confirm button; Escape closes it and gives the focus back.
    const closeCycle = page.getByRole("button", { name: "Khoá kỳ đánh giá" });
    const dialog = page.getByRole("dialog", { name: `Khoá kỳ đánh giá ${reference}?` });
    await tabTo(page, closeCycle);
    await page.keyboard.press("Enter");
    await eventually(() => dialog.count()).toBe(1);
    await eventually(() => focusedName(page)).toBe("button «Xác nhận khoá kỳ»");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    await eventually(() => dialog.count()).toBe(0);
    await eventually(() => closeCycle.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await eventually(() => focusedName(page)).toBe("button «Xác nhận khoá kỳ»");
    await page.keyboard.press("Enter");
    await eventually(() => page.getByTestId("cycle-status").textContent()).toBe("Đã khoá");
    await context.close();
  }, 120_000);
});
