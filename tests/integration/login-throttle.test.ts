// Sign-in lockout and rate limiting (issue 7): five wrong passwords in a row lock the account for 15
// minutes — even the right password is refused meanwhile, with a Vietnamese message saying until when;
// one address trying many names is slowed too; a success resets the count.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { LOGIN_THROTTLE } from "../../app/domain/login-throttle.js";
import { loginRefusalFor } from "../../app/models/login-attempts.server.js";
import * as login from "../../app/routes/login.js";
import { BASE, loadDemo, payloadOf, statusOf } from "../helpers.js";

beforeAll(async () => {
  await loadDemo();
});

async function signIn(username: string, password: string, ip = "203.0.113.7") {
  const body = new FormData();
  body.set("username", username);
  body.set("password", password);
  const request = new Request(`${BASE}/login`, { method: "POST", body });
  try {
    return await login.action({ request, params: {}, context: { ip } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("signing in with wrong passwords", () => {
  it("locks the account after five in a row, refusing even the right password, and says until when", async () => {
    for (let i = 0; i < LOGIN_THROTTLE.maxFailures; i++) expect(statusOf(await signIn("thanhtra", "sai-mat-khau"))).toBe(401);
    const locked = await signIn("thanhtra", "Ktcv@2026");
    expect(statusOf(locked)).toBe(429);
    expect(payloadOf(locked).error).toMatch(/^Tài khoản tạm khoá do nhập sai mật khẩu 5 lần liên tiếp\. Vui lòng thử lại sau \d\d:\d\d \(15 phút\)/);
    // From another address too: the lock is the account's.
    expect(statusOf(await signIn("thanhtra", "Ktcv@2026", "198.51.100.9"))).toBe(429);
  });

  it("lets the account in again once the 15 minutes have passed", async () => {
    const later = new Date(Date.now() + (LOGIN_THROTTLE.lockMinutes + 1) * 60_000);
    expect(await loginRefusalFor(getDb(), { username: "thanhtra", ip: "203.0.113.7" }, later)).toBeNull();
  });

  it("does not lock an account whose failures a success interrupted", async () => {
    for (let i = 0; i < LOGIN_THROTTLE.maxFailures - 1; i++) await signIn("giamdoc", "sai", "192.0.2.1");
    expect(statusOf(await signIn("giamdoc", "Ktcv@2026", "192.0.2.1"))).toBe(302);
    for (let i = 0; i < LOGIN_THROTTLE.maxFailures - 1; i++) await signIn("giamdoc", "sai", "192.0.2.1");
    expect(statusOf(await signIn("giamdoc", "Ktcv@2026", "192.0.2.1"))).toBe(302);
  });

  it("treats an unknown name like a known one (no hint that it does not exist)", async () => {
    for (let i = 0; i < LOGIN_THROTTLE.maxFailures; i++) expect(statusOf(await signIn("khongtontai", "x", "192.0.2.50"))).toBe(401);
    expect(payloadOf(await signIn("khongtontai", "x", "192.0.2.50")).error).toContain("Tài khoản tạm khoá");
  });

  it("slows one address that tries many names", async () => {
    for (let i = 0; i < LOGIN_THROTTLE.maxIpFailures; i++) await signIn(`ten${i}`, "x", "192.0.2.99");
    const refused = await signIn("tccb", "Ktcv@2026", "192.0.2.99");
    expect(statusOf(refused)).toBe(429);
    expect(payloadOf(refused).error).toContain("quá nhiều lần đăng nhập sai từ địa chỉ này");
    expect(statusOf(await signIn("tccb", "Ktcv@2026", "192.0.2.100"))).toBe(302);
  });
});
