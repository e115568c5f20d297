// Each role signs in, sees its own navigation, and every page it can reach passes axe.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, hasChromium, launchBrowser, login, newPage, startApp, type App } from "./harness.js";

const EVIDENCE = ["Bảng theo dõi", "Hồ sơ trễ hạn", "Vi phạm lặp lại", "Danh sách tháng", "Bộ chứng cứ"];
const ORG = ["Đơn vị", "Cán bộ, công chức"];
const INSPECTIONS = ["Đợt kiểm tra", "Vụ việc", "Theo dõi kiến nghị"];
const NAV: Record<string, { name: string; items: string[] }> = {
  quantri: {
    name: "Quản trị hệ thống",
    items: ["Tổng quan", "Thông báo kết luận", ...EVIDENCE, "Nhập hồ sơ", ...ORG, "Người dùng", "Khoá API cho phần mềm nhân sự", "Nhập dữ liệu tổ chức", "Lịch làm việc", "Nhật ký hệ thống"],
  },
  thanhtra: { name: "Phạm Thị Ngọc Ánh", items: ["Tổng quan", "Thông báo kết luận", ...EVIDENCE, "Nhập hồ sơ", ...INSPECTIONS, ...ORG] },
  giamdoc: { name: "Trần Thị Thanh Hương", items: ["Tổng quan", "Thông báo kết luận", ...EVIDENCE, ...INSPECTIONS, ...ORG] },
  truongdonvi: { name: "Võ Thành Nhân", items: ["Tổng quan", "Thông báo kết luận", ...INSPECTIONS, ...ORG] },
  tccb: { name: "Nguyễn Thị Thanh Tâm", items: ["Tổng quan", "Thông báo kết luận", "Đánh giá, xếp loại", ...ORG] },
};

const ROLE_BADGE: Record<string, string> = {
  quantri: "Quản trị hệ thống",
  thanhtra: "Thanh tra viên",
  giamdoc: "Lãnh đạo Sở (phê duyệt)",
  truongdonvi: "Thủ trưởng đơn vị — Ủy ban nhân dân phường Cẩm Thành",
  tccb: "Tổ chức cán bộ — Ủy ban nhân dân tỉnh Quảng Ngãi",
};

describe.skipIf(!hasChromium)("the application shell in Chromium", () => {
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("shows the login page in Vietnamese, accessible, and refuses a wrong password", async () => {
    const { context, page } = await newPage(browser, app.baseUrl);
    await page.goto("/");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Đăng nhập");
    await expectAccessible(page);
    await page.getByLabel("Tên đăng nhập").fill("quantri");
    await page.getByLabel("Mật khẩu").fill("sai");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Tên đăng nhập hoặc mật khẩu không đúng.");
    await context.close();
  });

  for (const [username, expected] of Object.entries(NAV)) {
    it(`gives ${username} the navigation of their roles, and every page in it passes axe`, async () => {
      const { context, page } = await newPage(browser, app.baseUrl);
      await login(page, username);
      await expect.poll(() => page.getByTestId("current-user").textContent()).toBe(expected.name);
      expect(await page.getByTestId("role-badge").allTextContents()).toEqual([ROLE_BADGE[username]!]);
      const nav = page.getByRole("navigation", { name: "Chức năng" });
      const labels = (await nav.getByRole("link").allTextContents()).map((t) => t.trim());
      expect(labels).toEqual(expected.items);
      expect(await page.locator("main").count()).toBe(1);
      await expectAccessible(page);
      for (const label of expected.items.slice(1)) {
        await nav.getByRole("link", { name: label, exact: true }).click();
        await page.waitForLoadState("networkidle");
        expect(await page.getByTestId("error-page").count(), `${label} mở ra trang lỗi`).toBe(0);
        await expectAccessible(page);
      }
      await page.getByRole("button", { name: "Đăng xuất" }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
      await context.close();
    }, 120_000);
  }

  it("offers the keyboard a way past the menu: the first Tab shows «Bỏ qua đến nội dung chính», Enter lands in the page", async () => {
    const { context, page } = await newPage(browser, app.baseUrl);
    await login(page, "thanhtra");
    // A page as it loads (after a client-side navigation the browser goes on from where focus was).
    await page.reload();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Bỏ qua đến nội dung chính" });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 0, "the link is on screen while it has focus").toBe(true);
    if (process.env.KTCV_SHOTS) await page.screenshot({ path: `${process.env.KTCV_SHOTS}/shell-skip-link.png` });
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("noi-dung");
    // The next stop is inside the page, not in the menu.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("main") && !document.activeElement?.closest("nav"))).toBe(true);
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await expect.poll(() => skip.evaluate((el) => el.getBoundingClientRect().bottom <= 0)).toBe(true);
    await context.close();
  });

  it("refuses an inspector the administration pages with a Vietnamese 403 page", async () => {
    const { context, page } = await newPage(browser, app.baseUrl);
    await login(page, "thanhtra");
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Không có quyền truy cập");
    await expectAccessible(page);
    const missing = await page.goto("/khong-co-trang-nay");
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Không tìm thấy trang");
    await context.close();
  });

  it("sends a signed-out visitor to the login page and back to the page they asked for", async () => {
    const { context, page } = await newPage(browser, app.baseUrl);
    await page.goto("/admin/audit?page=1");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("Tên đăng nhập").fill("quantri");
    await page.getByLabel("Mật khẩu").fill("Ktcv@2026");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe("/admin/audit?page=1");
    await context.close();
  });
});
