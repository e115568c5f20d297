import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { DEMO_PASSWORD } from "../../db/seed.js";
import { authenticate, getUser } from "../../app/auth.server.js";
import { readToast } from "../../app/toast.server.js";
import * as account from "../../app/routes/account.password.js";
import { call, cookieFor, loadDemo, payloadOf, statusOf, userIdOf } from "../helpers.js";

beforeAll(loadDemo);

const NEW_PASSWORD = "cau-mat-khau-moi-2026";

function post(cookie: string | null, form: Record<string, string>): Request {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  return new Request("http://localhost/account/password", { method: "POST", headers, body: new URLSearchParams(form) });
}

async function signedIn(cookie: string): Promise<string | null> {
  return (await getUser(new Request("http://localhost/", { headers: { Cookie: cookie } })))?.username ?? null;
}

async function eventsOf(userId: string) {
  return getDb().selectFrom("audit_event").select(["action", "actor_user_id", "data"]).where("entity_id", "=", userId).where("action", "like", "user.password%").execute();
}

describe("changing one's own password", () => {
  it("needs a signed-in user, and no other permission", async () => {
    const out = (await call(account.loader, new Request("http://localhost/account/password"))) as Response;
    expect(out.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Fpassword");
    const outAction = (await call(account.action, post(null, { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))) as Response;
    expect(outAction.status).toBe(302);
    expect(outAction.headers.get("Location")).toMatch(/^\/login/);
    const headOfUnit = await call(account.loader, new Request("http://localhost/account/password", { headers: { Cookie: await cookieFor("truongdonvi") } }));
    expect(statusOf(headOfUnit)).toBe(200);
  });

  it("keeps the user signed in under a new session id, ends their other sessions, and audits user.password_change", async () => {
    const id = await userIdOf("thanhtra");
    const current = await cookieFor("thanhtra");
    const otherBrowser = await cookieFor("thanhtra");
    const someoneElse = await cookieFor("giamdoc");
    const response = (await call(
      account.action,
      post(current, { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");

    const setCookies = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
    const fresh = setCookies.find((c) => c.startsWith("ktcv_session="))!;
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(current);
    expect(await signedIn(fresh)).toBe("thanhtra");
    expect(await signedIn(current)).toBeNull();
    expect(await signedIn(otherBrowser)).toBeNull();
    expect(await signedIn(someoneElse)).toBe("giamdoc");
    expect(await getDb().selectFrom("user_session").select("id").where("user_id", "=", id).execute()).toHaveLength(1);

    const { toast } = await readToast(new Request("http://localhost/", { headers: { Cookie: setCookies.join("; ") } }));
    expect(toast?.message).toBe("Đã đổi mật khẩu");

    expect(await authenticate("thanhtra", NEW_PASSWORD)).toBe(id);
    expect(await authenticate("thanhtra", DEMO_PASSWORD)).toBeNull();
    const events = await eventsOf(id);
    expect(events).toEqual([{ action: "user.password_change", actor_user_id: id, data: { sessionsEnded: 2 } }]);
  });

  async function refused(form: Record<string, string>) {
    const id = await userIdOf("giamdoc");
    const cookie = await cookieFor("giamdoc");
    const result = await call(account.action, post(cookie, form));
    expect(statusOf(result)).toBe(400);
    expect(await signedIn(cookie)).toBe("giamdoc");
    expect(await authenticate("giamdoc", DEMO_PASSWORD)).toBe(id);
    expect(await eventsOf(id)).toEqual([]);
    const reply = payloadOf(result);
    for (const value of Object.values(form)) expect(JSON.stringify(reply)).not.toContain(value);
    return reply.error as Record<string, string[]>;
  }

  it("refuses a wrong current password", async () => {
    const errors = await refused({ currentPassword: "khong-phai-mat-khau", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(errors.currentPassword).toEqual(["Mật khẩu hiện tại không đúng."]);
  });

  it("refuses a new password shorter than 10 characters", async () => {
    const errors = await refused({ currentPassword: DEMO_PASSWORD, newPassword: "Ngan@123", confirmPassword: "Ngan@123" });
    expect(errors.newPassword).toEqual(["Mật khẩu phải có ít nhất 10 ký tự."]);
  });

  it("refuses a confirmation that does not match", async () => {
    const errors = await refused({ currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: "cau-mat-khau-khac" });
    expect(errors.confirmPassword).toEqual(["Mật khẩu nhập lại không khớp."]);
  });

  it("refuses a new password equal to the current one", async () => {
    const errors = await refused({ currentPassword: "Ktcv@2026-dai-hon", newPassword: "Ktcv@2026-dai-hon", confirmPassword: "Ktcv@2026-dai-hon" });
    expect(errors.newPassword).toEqual(["Mật khẩu mới phải khác mật khẩu hiện tại."]);
  });
});
