import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { getUser, requirePermission } from "../../app/auth.server.js";
import * as login from "../../app/routes/login.js";
import * as logout from "../../app/routes/logout.js";
import * as home from "../../app/routes/_index.js";
import { DEMO_PASSWORD } from "../../db/seed.js";
import { call, cookieFor, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

beforeAll(loadDemo);

function sessionCookieOf(response: Response): string {
  const header = response.headers.get("Set-Cookie") ?? "";
  return header.split(";")[0]!;
}

describe("signing in", () => {
  it("with the right password starts a session and goes where the user was headed", async () => {
    const request = await makeRequest("/login", { form: { username: "ThanhTra", password: DEMO_PASSWORD, redirectTo: "/officers?page=2" } });
    const response = (await call(login.action, request)) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/officers?page=2");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^ktcv_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const user = await getUser(new Request("http://localhost/", { headers: { Cookie: sessionCookieOf(response) } }));
    expect(user?.username).toBe("thanhtra");
    expect(user?.roles.map((r) => r.role)).toEqual(["inspector"]);
  });

  it("gets a new session id: a session the browser carried, or an id planted in it, is worthless afterwards", async () => {
    const before = await cookieFor("giamdoc");
    const request = await makeRequest("/login", { form: { username: "thanhtra", password: DEMO_PASSWORD }, headers: { Cookie: before } });
    const response = (await call(login.action, request)) as Response;
    const after = sessionCookieOf(response);
    expect(after).toMatch(/^ktcv_session=.+/);
    expect(after).not.toBe(before);
    expect(await getUser(new Request("http://localhost/", { headers: { Cookie: before } }))).toBeNull();
    expect((await getUser(new Request("http://localhost/", { headers: { Cookie: after } })))?.username).toBe("thanhtra");

    const planted = "ktcv_session=chosenbyanattacker0000000000000000000000";
    const second = await makeRequest("/login", { form: { username: "thanhtra", password: DEMO_PASSWORD }, headers: { Cookie: planted } });
    const issued = sessionCookieOf((await call(login.action, second)) as Response);
    expect(issued).not.toBe(planted);
    expect(await getUser(new Request("http://localhost/", { headers: { Cookie: planted } }))).toBeNull();
  });

  it("sets the cookie Secure when the site is served over https, and not on plain http", async () => {
    const signIn = async () => {
      const request = await makeRequest("/login", { form: { username: "thanhtra", password: DEMO_PASSWORD } });
      return ((await call(login.action, request)) as Response).headers.get("Set-Cookie")!;
    };
    expect(await signIn()).not.toMatch(/;\s*Secure/i);
    const previous = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = "https://ktcv.snv.example.gov.vn";
    try {
      const cookie = await signIn();
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
    } finally {
      if (previous === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = previous;
    }
    expect(await signIn()).not.toMatch(/;\s*Secure/i);
  });

  it("with a wrong password is refused with a Vietnamese message and no session", async () => {
    const sessions = () => getDb().selectFrom("user_session").select("id").execute();
    const before = (await sessions()).length;
    const request = await makeRequest("/login", { form: { username: "thanhtra", password: "sai-mat-khau" } });
    const result = await call(login.action, request);
    expect(statusOf(result)).toBe(401);
    expect(payloadOf(result).error).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
    expect(await sessions()).toHaveLength(before);
  });

  it("never redirects off the site", async () => {
    const request = await makeRequest("/login", { form: { username: "thanhtra", password: DEMO_PASSWORD, redirectTo: "//evil.example/x" } });
    const response = (await call(login.action, request)) as Response;
    expect(response.headers.get("Location")).toBe("/");
  });

  it("is refused for a deactivated user", async () => {
    await getDb().updateTable("app_user").set({ active: false }).where("username", "=", "thanhtra2").execute();
    const request = await makeRequest("/login", { form: { username: "thanhtra2", password: DEMO_PASSWORD } });
    expect(statusOf(await call(login.action, request))).toBe(401);
  });
});

describe("a session", () => {
  it("ends at logout: the cookie no longer signs anyone in", async () => {
    const cookie = await cookieFor("giamdoc");
    const out = (await call(logout.action, new Request("http://localhost/logout", { method: "POST", headers: { Cookie: cookie } }))) as Response;
    expect(out.headers.get("Location")).toBe("/login");
    expect(await getUser(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toBeNull();
  });

  it("expires, and then sends the user to the login page that returns to the page asked for", async () => {
    const cookie = await cookieFor("tccb");
    await sql`update user_session set expires_at = now() - interval '1 minute'`.execute(getDb());
    const response = (await call(home.loader, new Request("http://localhost/officers?q=An", { headers: { Cookie: cookie } }))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fofficers%3Fq%3DAn");
  });

  it("is renewed while in use: a session near its end is extended", async () => {
    const cookie = await cookieFor("quantri");
    const id = cookie.split("=")[1]!;
    await sql`update user_session set expires_at = now() + interval '10 minutes' where id = ${id}`.execute(getDb());
    expect((await getUser(new Request("http://localhost/", { headers: { Cookie: cookie } })))?.username).toBe("quantri");
    const row = await getDb().selectFrom("user_session").select("expires_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(new Date(row.expires_at).getTime() - Date.now()).toBeGreaterThan(11 * 3600 * 1000);
  });
});

describe("requirePermission", () => {
  it("refuses a role without the permission with 403", async () => {
    const request = await makeRequest("/admin/users", { as: "thanhtra" });
    const thrown = await requirePermission(request, "manage:users").catch((e) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect(thrown.status).toBe(403);
    expect(await thrown.text()).toBe("Bạn không có quyền truy cập chức năng này.");
  });

  it("returns the whole province for unscoped roles and the unit with its sub-units for scoped ones", async () => {
    const admin = await requirePermission(await makeRequest("/", { as: "quantri" }), "read:organisation");
    expect(admin.scope).toEqual({ all: true });
    const head = await requirePermission(await makeRequest("/", { as: "truongdonvi" }), "read:organisation");
    const unit = await getDb().selectFrom("unit").select("id").where("code", "=", "000.31.01.H55").executeTakeFirstOrThrow();
    expect(head.scope).toEqual({ all: false, unitIds: [unit.id] });
  });

  it("gives a unit head the home page counts of their own unit only", async () => {
    const result = payloadOf(await call(home.loader, await makeRequest("/", { as: "truongdonvi" })));
    expect(result.summary).toEqual({ units: 1, officers: 4 });
    expect(result.scoped).toBe(true);
    expect(await userIdOf("truongdonvi")).toBe(result.user.id);
  });
});
