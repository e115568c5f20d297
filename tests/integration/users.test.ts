import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { DEMO_PASSWORD } from "../../db/seed.js";
import { authenticate, getUser } from "../../app/auth.server.js";
import { readToast } from "../../app/toast.server.js";
import * as list from "../../app/routes/admin.users._index.js";
import * as create from "../../app/routes/admin.users.new.js";
import * as edit from "../../app/routes/admin.users.$userId.js";
import * as officerSearch from "../../app/routes/admin.users.officer-search.js";
import { call, cookieFor, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

beforeAll(loadDemo);

const NEW_PASSWORD = "mot-mat-khau-du-dai";

async function lastAuditId(): Promise<number> {
  const row = await getDb().selectFrom("audit_event").select((eb) => eb.fn.max("id").as("id")).executeTakeFirstOrThrow();
  return Number(row.id ?? 0);
}

/** The audit events appended after `since`, oldest first. */
async function auditSince(since: number) {
  return getDb()
    .selectFrom("audit_event")
    .select(["action", "entity_type", "entity_id", "actor_user_id", "summary", "data"])
    .where("id", ">", since)
    .orderBy("id")
    .execute();
}

async function unitId(code: string): Promise<number> {
  return (await getDb().selectFrom("unit").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

async function officerId(code: string): Promise<number> {
  return (await getDb().selectFrom("officer").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

async function toastOf(response: Response): Promise<string | undefined> {
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { toast } = await readToast(new Request("http://localhost/", { headers: { Cookie: cookies } }));
  return toast?.message;
}

async function signedIn(cookie: string): Promise<string | null> {
  return (await getUser(new Request("http://localhost/", { headers: { Cookie: cookie } })))?.username ?? null;
}

function errorsOf(result: unknown): Record<string, string[] | null> {
  const payload = payloadOf(result);
  return (payload.result ?? payload).error ?? {};
}

describe("user administration is for admins only", () => {
  const nonAdmins = ["thanhtra", "giamdoc", "truongdonvi", "tccb"];

  it("refuses every loader and action to every other role with 403", async () => {
    const target = await userIdOf("thanhtra2");
    for (const as of nonAdmins) {
      const cases: [string, unknown][] = [
        ["list", await call(list.loader, await makeRequest("/admin/users", { as }))],
        ["new loader", await call(create.loader, await makeRequest("/admin/users/new", { as }))],
        [
          "new action",
          await call(create.action, await makeRequest("/admin/users/new", { as, form: { username: "ke-gian", displayName: "X", password: NEW_PASSWORD, roles: "admin" } })),
        ],
        ["edit loader", await call(edit.loader, await makeRequest(`/admin/users/${target}`, { as }), { userId: target })],
        [
          "edit action",
          await call(edit.action, await makeRequest(`/admin/users/${target}`, { as, form: { intent: "deactivate" } }), { userId: target }),
        ],
        ["officer search", await call(officerSearch.loader, await makeRequest("/admin/users/officer-search?q=a", { as }))],
      ];
      for (const [name, result] of cases) expect(statusOf(result), `${as} › ${name}`).toBe(403);
    }
    expect((await getDb().selectFrom("app_user").select("active").where("id", "=", target).executeTakeFirstOrThrow()).active).toBe(true);
    expect(await getDb().selectFrom("app_user").select("id").where("username", "=", "ke-gian").executeTakeFirst()).toBeUndefined();
  });

  it("sends a signed-out visitor to the login page", async () => {
    const response = (await call(list.loader, await makeRequest("/admin/users"))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
  });
});

describe("the user list", () => {
  it("shows username, display name, linked officer, Vietnamese role labels with units, and status", async () => {
    const result = payloadOf(await call(list.loader, await makeRequest("/admin/users", { as: "quantri" })));
    expect(result.total).toBeGreaterThanOrEqual(6);
    const head = result.rows.find((r: any) => r.username === "truongdonvi");
    expect(head.displayName).toBe("Võ Thành Nhân");
    expect(head.officer).toEqual({ code: "CB0026", name: "Võ Thành Nhân" });
    expect(head.roles).toEqual([expect.objectContaining({ role: "unit_head", unitName: "Ủy ban nhân dân phường Cẩm Thành" })]);
    expect(head.active).toBe(true);
  });

  it("filters by text (ignoring diacritics), role and status, on the server", async () => {
    const byText = payloadOf(await call(list.loader, await makeRequest("/admin/users?q=thanh%20tam", { as: "quantri" })));
    expect(byText.rows.map((r: any) => r.username)).toEqual(["tccb"]);
    const byRole = payloadOf(await call(list.loader, await makeRequest("/admin/users?role=inspector", { as: "quantri" })));
    expect(byRole.rows.map((r: any) => r.username)).toEqual(["thanhtra", "thanhtra2"]);
    await getDb().updateTable("app_user").set({ active: false }).where("username", "=", "thanhtra2").execute();
    try {
      const inactive = payloadOf(await call(list.loader, await makeRequest("/admin/users?status=inactive", { as: "quantri" })));
      expect(inactive.rows.map((r: any) => r.username)).toEqual(["thanhtra2"]);
      const activeInspectors = payloadOf(await call(list.loader, await makeRequest("/admin/users?role=inspector&status=active", { as: "quantri" })));
      expect(activeInspectors.rows.map((r: any) => r.username)).toEqual(["thanhtra"]);
    } finally {
      await getDb().updateTable("app_user").set({ active: true }).where("username", "=", "thanhtra2").execute();
    }
  });

  it("is paginated", async () => {
    for (let i = 0; i < 30; i++) {
      await getDb()
        .insertInto("app_user")
        .values({ id: `page-test-${i}`, username: `trang${String(i).padStart(2, "0")}`, display_name: `Người dùng trang ${i}`, password_hash: "x" })
        .execute();
    }
    const page1 = payloadOf(await call(list.loader, await makeRequest("/admin/users?q=trang", { as: "quantri" })));
    const page2 = payloadOf(await call(list.loader, await makeRequest("/admin/users?q=trang&page=2", { as: "quantri" })));
    expect(page1.total).toBe(30);
    expect(page1.rows).toHaveLength(25);
    expect(page2.rows.map((r: any) => r.username)).toEqual(["trang25", "trang26", "trang27", "trang28", "trang29"]);
    await getDb().deleteFrom("app_user").where("id", "like", "page-test-%").execute();
  });
});

describe("creating a user", () => {
  it("stores the username in lowercase with the roles given, audits user.create, and goes to the new user", async () => {
    const since = await lastAuditId();
    const unit = await unitId("000.00.02.H55");
    const officer = await officerId("CB0015");
    const response = (await call(
      create.action,
      await makeRequest("/admin/users/new", {
        as: "quantri",
        form: {
          username: "  Vy.Ho ",
          displayName: "Hồ Thị Thúy Vy",
          password: NEW_PASSWORD,
          officerId: String(officer),
          roles: ["inspector", "approver"],
          "scoped[0].role": "hr",
          "scoped[0].unitId": String(unit),
        },
      }),
    )) as Response;
    expect(response.status).toBe(302);
    const user = await getDb().selectFrom("app_user").selectAll().where("username", "=", "vy.ho").executeTakeFirstOrThrow();
    expect(response.headers.get("Location")).toBe(`/admin/users/${user.id}`);
    expect(await toastOf(response)).toBe("Đã lưu người dùng mới vy.ho.");
    expect(user.officer_id).toBe(officer);
    expect(await authenticate("vy.ho", NEW_PASSWORD)).toBe(user.id);
    const roles = await getDb().selectFrom("user_role").select(["role", "unit_id"]).where("user_id", "=", user.id).orderBy("id").execute();
    expect(roles).toEqual([
      { role: "inspector", unit_id: null },
      { role: "approver", unit_id: null },
      { role: "hr", unit_id: unit },
    ]);
    const events = await auditSince(since);
    expect(events.map((e) => e.action)).toEqual(["user.create"]);
    expect(events[0]).toMatchObject({ entity_type: "user", entity_id: user.id, actor_user_id: await userIdOf("quantri") });
    expect(JSON.stringify(events[0]!.data)).not.toMatch(/argon2|password/i);
  });

  async function refused(form: Record<string, string | string[]>) {
    const since = await lastAuditId();
    const users = await getDb().selectFrom("app_user").select("id").execute();
    const result = await call(create.action, await makeRequest("/admin/users/new", { as: "quantri", form }));
    expect(statusOf(result)).toBe(400);
    expect(await auditSince(since)).toEqual([]);
    expect(await getDb().selectFrom("app_user").select("id").execute()).toHaveLength(users.length);
    return result;
  }

  const valid = { username: "nguoimoi", displayName: "Người Mới", password: NEW_PASSWORD, roles: "inspector" };

  it("refuses a username that is taken, whatever its case", async () => {
    const result = await refused({ ...valid, username: "ThanhTra" });
    expect(errorsOf(result).username).toEqual(['Tên đăng nhập "thanhtra" đã có. Hãy chọn tên khác.']);
  });

  it("refuses a malformed username", async () => {
    const result = await refused({ ...valid, username: "nguyễn văn a" });
    expect(errorsOf(result).username?.[0]).toMatch(/^Tên đăng nhập dài 3–40 ký tự/);
  });

  it("refuses a password shorter than 10 characters, and never sends the password back", async () => {
    const result = await refused({ ...valid, password: "ngan-qua" });
    expect(errorsOf(result).password).toEqual(["Mật khẩu phải có ít nhất 10 ký tự."]);
    expect(JSON.stringify(payloadOf(result))).not.toContain("ngan-qua");
  });

  it("refuses a unit-scoped role without a unit", async () => {
    const result = await refused({ ...valid, roles: [], "scoped[0].role": "unit_head", "scoped[0].unitId": "" });
    expect(errorsOf(result)["scoped[0].unitId"]).toEqual(["Chọn đơn vị cho vai trò này."]);
  });

  it("refuses a user without any role", async () => {
    const result = await refused({ ...valid, roles: [] });
    expect(errorsOf(result).roles).toEqual(["Chọn ít nhất một vai trò."]);
  });

  it("refuses an officer already linked to another account, naming that account", async () => {
    const result = await refused({ ...valid, officerId: String(await officerId("CB0004")) });
    expect(errorsOf(result).officerId).toEqual([
      'Cán bộ CB0004 – Phạm Thị Ngọc Ánh đã được liên kết với tài khoản "thanhtra". Mỗi cán bộ chỉ liên kết với một tài khoản.',
    ]);
  });
});

describe("the officer picker", () => {
  it("finds officers by code or by name typed without diacritics, and says which are taken", async () => {
    const byName = payloadOf(await call(officerSearch.loader, await makeRequest("/admin/users/officer-search?q=ngoc%20anh", { as: "quantri" })));
    expect(byName.officers).toEqual([{ id: await officerId("CB0004"), code: "CB0004", name: "Phạm Thị Ngọc Ánh", userId: await userIdOf("thanhtra"), username: "thanhtra" }]);
    const byCode = payloadOf(await call(officerSearch.loader, await makeRequest("/admin/users/officer-search?q=cb001", { as: "quantri" })));
    expect(byCode.officers.map((o: any) => o.code)).toContain("CB0012");
    expect(byCode.officers.find((o: any) => o.code === "CB0012").userId).toBeNull();
  });
});

describe("editing a user", () => {
  it("shows the user without the password hash, and 404 for an unknown id", async () => {
    const id = await userIdOf("truongdonvi");
    const result = payloadOf(await call(edit.loader, await makeRequest(`/admin/users/${id}`, { as: "quantri" }), { userId: id }));
    expect(result.user).toMatchObject({ username: "truongdonvi", officer: { code: "CB0026" }, active: true });
    expect(JSON.stringify(result)).not.toMatch(/argon2/);
    expect(result.units.some((u: any) => u.code === "000.31.01.H55")).toBe(true);
    const missing = await call(edit.loader, await makeRequest("/admin/users/khong-co", { as: "quantri" }), { userId: "khong-co" });
    expect(statusOf(missing)).toBe(404);
  });

  it("saves name, officer link and roles, auditing before and after of what changed only", async () => {
    const id = await userIdOf("thanhtra2");
    const unit = await unitId("000.31.02.H55");
    const since = await lastAuditId();
    const response = (await call(
      edit.action,
      await makeRequest(`/admin/users/${id}`, {
        as: "quantri",
        form: {
          intent: "update",
          displayName: "Võ Quốc Bảo",
          officerId: String(await officerId("CB0005")),
          roles: ["inspector"],
          "scoped[0].role": "unit_head",
          "scoped[0].unitId": String(unit),
        },
      }),
      { userId: id },
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/admin/users/${id}`);
    expect(await toastOf(response)).toBe("Đã lưu thay đổi của người dùng.");
    const events = await auditSince(since);
    expect(events.map((e) => e.action)).toEqual(["user.update"]);
    expect(events[0]!.data).toEqual({
      before: { roles: [{ role: "inspector", unitId: null, unitName: null }] },
      after: {
        roles: [
          { role: "inspector", unitId: null, unitName: null },
          { role: "unit_head", unitId: unit, unitName: "Ủy ban nhân dân phường Nghĩa Lộ" },
        ],
      },
    });

    const since2 = await lastAuditId();
    await call(
      edit.action,
      await makeRequest(`/admin/users/${id}`, {
        as: "quantri",
        form: { intent: "update", displayName: "Võ Quốc Bảo (Thanh tra)", officerId: "", roles: ["inspector"], "scoped[0].role": "unit_head", "scoped[0].unitId": String(unit) },
      }),
      { userId: id },
    );
    const [renamed] = await auditSince(since2);
    expect(renamed!.data).toEqual({
      before: { displayName: "Võ Quốc Bảo", officer: "CB0005" },
      after: { displayName: "Võ Quốc Bảo (Thanh tra)", officer: null },
    });
    const row = await getDb().selectFrom("app_user").select(["display_name", "officer_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ display_name: "Võ Quốc Bảo (Thanh tra)", officer_id: null });
  });

  it("writes nothing and audits nothing when nothing changed", async () => {
    const id = await userIdOf("giamdoc");
    const since = await lastAuditId();
    const response = (await call(
      edit.action,
      await makeRequest(`/admin/users/${id}`, {
        as: "quantri",
        form: { intent: "update", displayName: "Trần Thị Thanh Hương", officerId: String(await officerId("CB0002")), roles: "approver" },
      }),
      { userId: id },
    )) as Response;
    expect(response.status).toBe(302);
    expect(await toastOf(response)).toBe("Không có thay đổi nào để lưu.");
    expect(await auditSince(since)).toEqual([]);
  });

  it("refuses an officer linked to someone else, and a unit-scoped role without a unit", async () => {
    const id = await userIdOf("giamdoc");
    const since = await lastAuditId();
    const linked = await call(
      edit.action,
      await makeRequest(`/admin/users/${id}`, { as: "quantri", form: { intent: "update", displayName: "X", officerId: String(await officerId("CB0004")), roles: "approver" } }),
      { userId: id },
    );
    expect(statusOf(linked)).toBe(400);
    expect(payloadOf(linked).intent).toBe("update");
    expect(errorsOf(linked).officerId?.[0]).toMatch(/đã được liên kết với tài khoản "thanhtra"/);
    const noUnit = await call(
      edit.action,
      await makeRequest(`/admin/users/${id}`, { as: "quantri", form: { intent: "update", displayName: "X", roles: "approver", "scoped[0].role": "hr" } }),
      { userId: id },
    );
    expect(statusOf(noUnit)).toBe(400);
    expect(errorsOf(noUnit)["scoped[0].unitId"]).toEqual(["Chọn đơn vị cho vai trò này."]);
    expect(await auditSince(since)).toEqual([]);
    expect((await getDb().selectFrom("app_user").select("display_name").where("id", "=", id).executeTakeFirstOrThrow()).display_name).toBe(
      "Trần Thị Thanh Hương",
    );
  });
});

describe("an admin cannot lock themselves out", () => {
  it("refuses removing their own admin role", async () => {
    const me = await userIdOf("quantri");
    const since = await lastAuditId();
    const result = await call(
      edit.action,
      await makeRequest(`/admin/users/${me}`, { as: "quantri", form: { intent: "update", displayName: "Quản trị hệ thống", roles: "inspector" } }),
      { userId: me },
    );
    expect(statusOf(result)).toBe(400);
    expect(errorsOf(result).roles).toEqual(["Không thể tự gỡ quyền quản trị của chính mình."]);
    expect((await getDb().selectFrom("user_role").select("role").where("user_id", "=", me).execute()).map((r) => r.role)).toEqual(["admin"]);
    expect(await auditSince(since)).toEqual([]);
  });

  it("refuses deactivating their own account", async () => {
    const me = await userIdOf("quantri");
    const cookie = await cookieFor("quantri");
    const result = await call(edit.action, new Request(`http://localhost/admin/users/${me}`, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams({ intent: "deactivate" }) }), {
      userId: me,
    });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result).result.error[""]).toEqual(["Không thể tự ngừng kích hoạt tài khoản của chính mình."]);
    expect(await signedIn(cookie)).toBe("quantri");
  });

  it("refuses resetting their own password here (the account page asks for the current one)", async () => {
    const me = await userIdOf("quantri");
    const result = await call(
      edit.action,
      await makeRequest(`/admin/users/${me}`, { as: "quantri", form: { intent: "reset-password", password: NEW_PASSWORD, confirm: NEW_PASSWORD } }),
      { userId: me },
    );
    expect(statusOf(result)).toBe(400);
    expect(await authenticate("quantri", DEMO_PASSWORD)).toBe(me);
  });

  it("can still remove another admin's admin role", async () => {
    await getDb().insertInto("user_role").values({ user_id: await userIdOf("giamdoc"), role: "admin", unit_id: null }).execute();
    const id = await userIdOf("giamdoc");
    const response = await call(
      edit.action,
      await makeRequest(`/admin/users/${id}`, { as: "giamdoc", form: { intent: "update", displayName: "Trần Thị Thanh Hương", officerId: String(await officerId("CB0002")), roles: "approver" } }),
      { userId: id },
    );
    expect(statusOf(response)).toBe(400); // giamdoc is now an admin removing their own admin role
    const byOther = await call(
      edit.action,
      await makeRequest(`/admin/users/${id}`, { as: "quantri", form: { intent: "update", displayName: "Trần Thị Thanh Hương", officerId: String(await officerId("CB0002")), roles: "approver" } }),
      { userId: id },
    );
    expect(statusOf(byOther)).toBe(302);
    expect((await getDb().selectFrom("user_role").select("role").where("user_id", "=", id).execute()).map((r) => r.role)).toEqual(["approver"]);
  });
});

describe("deactivating and reactivating", () => {
  it("ends every session of the user at once (their old cookie stops working), and audits each step", async () => {
    const id = await userIdOf("tccb");
    const [first, second] = [await cookieFor("tccb"), await cookieFor("tccb")];
    expect(await signedIn(first)).toBe("tccb");
    const open = (await getDb().selectFrom("user_session").select("id").where("user_id", "=", id).execute()).length;
    expect(open).toBeGreaterThanOrEqual(2);
    const since = await lastAuditId();
    const response = (await call(edit.action, await makeRequest(`/admin/users/${id}`, { as: "quantri", form: { intent: "deactivate" } }), { userId: id })) as Response;
    expect(response.status).toBe(302);
    expect(await toastOf(response)).toBe("Đã ngừng kích hoạt tài khoản và đăng xuất người dùng khỏi mọi thiết bị.");
    expect(await signedIn(first)).toBeNull();
    expect(await signedIn(second)).toBeNull();
    expect(await getDb().selectFrom("user_session").select("id").where("user_id", "=", id).execute()).toEqual([]);
    expect(await authenticate("tccb", DEMO_PASSWORD)).toBeNull();

    await call(edit.action, await makeRequest(`/admin/users/${id}`, { as: "quantri", form: { intent: "activate" } }), { userId: id });
    expect(await authenticate("tccb", DEMO_PASSWORD)).toBe(id);
    const events = await auditSince(since);
    expect(events.map((e) => e.action)).toEqual(["user.deactivate", "user.activate"]);
    expect(events[0]!.data).toEqual({ sessionsEnded: open });
  });
});

describe("resetting a password", () => {
  it("sets the new password, ends every session of the user, and audits user.password_reset without the hash", async () => {
    const id = await userIdOf("thanhtra");
    const old = await cookieFor("thanhtra");
    const since = await lastAuditId();
    const response = (await call(
      edit.action,
      await makeRequest(`/admin/users/${id}`, { as: "quantri", form: { intent: "reset-password", password: NEW_PASSWORD, confirm: NEW_PASSWORD } }),
      { userId: id },
    )) as Response;
    expect(response.status).toBe(302);
    expect(await signedIn(old)).toBeNull();
    expect(await authenticate("thanhtra", DEMO_PASSWORD)).toBeNull();
    expect(await authenticate("thanhtra", NEW_PASSWORD)).toBe(id);
    const events = await auditSince(since);
    expect(events.map((e) => e.action)).toEqual(["user.password_reset"]);
    expect(JSON.stringify(events)).not.toMatch(/argon2|mot-mat-khau/);
  });

  it("refuses a short or mismatched password, changing and auditing nothing", async () => {
    const id = await userIdOf("giamdoc");
    const cookie = await cookieFor("giamdoc");
    const since = await lastAuditId();
    const short = await call(edit.action, await makeRequest(`/admin/users/${id}`, { as: "quantri", form: { intent: "reset-password", password: "ngan", confirm: "ngan" } }), { userId: id });
    expect(statusOf(short)).toBe(400);
    expect(errorsOf(short).password).toEqual(["Mật khẩu phải có ít nhất 10 ký tự."]);
    const mismatch = await call(
      edit.action,
      await makeRequest(`/admin/users/${id}`, { as: "quantri", form: { intent: "reset-password", password: NEW_PASSWORD, confirm: NEW_PASSWORD + "x" } }),
      { userId: id },
    );
    expect(errorsOf(mismatch).confirm).toEqual(["Mật khẩu nhập lại không khớp."]);
    expect(JSON.stringify(payloadOf(mismatch))).not.toContain(NEW_PASSWORD);
    expect(await auditSince(since)).toEqual([]);
    expect(await signedIn(cookie)).toBe("giamdoc");
  });
});
