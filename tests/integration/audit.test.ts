import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { appendAudit } from "../../app/models/audit.server.js";
import * as audit from "../../app/routes/admin.audit.js";
import * as create from "../../app/routes/admin.users.new.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

async function count(): Promise<number> {
  const row = await getDb().selectFrom("audit_event").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return row.n;
}

async function page(query: string) {
  return payloadOf(await call(audit.loader, await makeRequest(`/admin/audit${query}`, { as: "quantri" })));
}

beforeAll(async () => {
  await loadDemo();
  const admin = await userIdOf("quantri");
  const inspector = await userIdOf("thanhtra");
  // Known instants around a Vietnamese midnight: 04/03/2026 17:30 UTC is 05/03/2026 00:30 in Vietnam.
  const events = [
    { at: "2026-03-04T16:30:00Z", actor: admin, action: "unit.update", type: "unit", id: "7", summary: "Sửa đơn vị Sở Tư pháp" },
    { at: "2026-03-04T17:30:00Z", actor: inspector, action: "case.open", type: "case", id: "12", summary: "Mở vụ việc về phường Cẩm Thành" },
    { at: "2026-03-31T16:59:00Z", actor: inspector, action: "case.open", type: "case", id: "13", summary: "Mở vụ việc về xã Bình Sơn" },
    { at: "2026-03-31T17:00:00Z", actor: admin, action: "unit.update", type: "unit", id: "7", summary: "Đổi tên viết tắt 100% đơn vị" },
  ];
  for (const e of events) {
    await getDb()
      .insertInto("audit_event")
      .values({ at: e.at, actor_user_id: e.actor, action: e.action, entity_type: e.type, entity_id: e.id, summary: e.summary, data: JSON.stringify({ n: e.id }) })
      .execute();
  }
});

describe("the audit log page", () => {
  it("is refused to every role but admin, and sends signed-out visitors to log in", async () => {
    for (const as of ["thanhtra", "giamdoc", "truongdonvi", "tccb"]) {
      expect(statusOf(await call(audit.loader, await makeRequest("/admin/audit", { as }))), as).toBe(403);
    }
    const response = (await call(audit.loader, await makeRequest("/admin/audit"))) as Response;
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Faudit");
  });

  it("lists events newest first with the actor's name, or none for the system, and the data", async () => {
    const result = await page("");
    expect(result.total).toBe(await count());
    const seed = result.rows.find((r: any) => r.action === "seed.demo");
    expect(seed).toMatchObject({ username: null, display_name: null, entity_type: "system" });
    const ids = result.rows.map((r: any) => Number(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const unit = result.rows.find((r: any) => r.summary === "Sửa đơn vị Sở Tư pháp");
    expect(unit).toMatchObject({ username: "quantri", display_name: "Quản trị hệ thống", data: { n: "7" } });
  });

  it("offers the actors, entity types and actions that occur as filter choices", async () => {
    const { facets } = await page("");
    expect(facets.actions).toEqual(expect.arrayContaining(["case.open", "seed.demo", "unit.update", "user.create"]));
    expect(facets.entityTypes).toEqual(["case", "system", "unit", "user"]);
    expect(facets.actors).toEqual([
      { username: "quantri", displayName: "Quản trị hệ thống" },
      { username: "thanhtra", displayName: "Phạm Thị Ngọc Ánh" },
    ]);
  });

  it("filters by actor, system actor, entity type, action and summary text", async () => {
    expect((await page("?actor=thanhtra")).rows.map((r: any) => r.entity_id)).toEqual(["13", "12"]);
    expect((await page("?actor=~system")).rows.every((r: any) => r.username === null)).toBe(true);
    expect((await page("?actor=~system")).total).toBe(8); // seven demo users and the seed itself
    expect((await page("?entityType=unit")).total).toBe(2);
    expect((await page("?action=case.open&q=c%E1%BA%A9m")).rows.map((r: any) => r.entity_id)).toEqual(["12"]);
    expect((await page("?q=100%25")).rows.map((r: any) => r.summary)).toEqual(["Đổi tên viết tắt 100% đơn vị"]);
  });

  it("shows the history of one record from entity type and id in the URL", async () => {
    const result = await page("?entityType=unit&entityId=7");
    expect(result.rows.map((r: any) => r.summary)).toEqual(["Đổi tên viết tắt 100% đơn vị", "Sửa đơn vị Sở Tư pháp"]);
    expect(result.form).toMatchObject({ entityType: "unit", entityId: "7" });
  });

  it("filters by dates in Vietnam time, written dd/MM/yyyy or yyyy-MM-dd", async () => {
    const day = await page("?from=05/03/2026&to=05/03/2026");
    expect(day.rows.map((r: any) => r.entity_id)).toEqual(["12"]);
    const iso = await page("?from=2026-03-05&to=2026-03-31");
    expect(iso.rows.map((r: any) => r.entity_id)).toEqual(["13", "12"]);
    const before = await page("?to=4/3/2026");
    expect(before.rows.some((r: any) => r.entity_id === "7")).toBe(true);
    expect(before.rows.some((r: any) => r.entity_id === "12")).toBe(false);
  });

  it("explains a date it cannot read and ignores it rather than failing", async () => {
    const result = await page("?from=31/02/2026&to=2026-03-40");
    expect(result.errors.from).toMatch(/^Ngày không hợp lệ/);
    expect(result.errors.to).toMatch(/^Ngày không hợp lệ/);
    expect(result.total).toBe(await count());
    expect((await page("?from=01/04/2026&to=01/03/2026")).errors.to).toBe("Ngày kết thúc phải từ ngày bắt đầu trở đi.");
  });

  it("is paginated 50 events a page", async () => {
    for (let i = 0; i < 60; i++) {
      await appendAudit(getDb(), { actorUserId: null, action: "test.bulk", entityType: "test", entityId: i, summary: `Sự kiện hàng loạt ${i}` });
    }
    const first = await page("?action=test.bulk");
    const second = await page("?action=test.bulk&page=2");
    expect(first.total).toBe(60);
    expect(first.pageSize).toBe(50);
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0].entity_id).toBe("59");
    expect(second.rows.map((r: any) => r.entity_id)).toEqual(["9", "8", "7", "6", "5", "4", "3", "2", "1", "0"]);
  });
});

describe("the audit log itself", () => {
  it("refuses UPDATE, DELETE and TRUNCATE at the SQL level", async () => {
    const db = getDb();
    const before = await count();
    await expect(sql`update audit_event set summary = 'sửa lén'`.execute(db)).rejects.toThrow(
      "Bảng audit_event chỉ được ghi thêm, không được sửa hoặc xoá (UPDATE).",
    );
    await expect(sql`delete from audit_event`.execute(db)).rejects.toThrow("Bảng audit_event chỉ được ghi thêm, không được sửa hoặc xoá (DELETE).");
    await expect(sql`truncate audit_event`.execute(db)).rejects.toThrow("Bảng audit_event chỉ được ghi thêm, không được sửa hoặc xoá (TRUNCATE).");
    expect(await count()).toBe(before);
    expect(await db.selectFrom("audit_event").select("id").where("summary", "=", "sửa lén").execute()).toEqual([]);
  });

  it("keeps no event of a write that failed: the event and the change commit or roll back together", async () => {
    const before = await count();
    await expect(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await appendAudit(trx, { actorUserId: null, action: "user.create", entityType: "user", entityId: "x", summary: "Sẽ bị huỷ" });
          await trx.insertInto("app_user").values({ id: "x", username: "KHONG HOP LE", display_name: "X", password_hash: "x" }).execute();
        }),
    ).rejects.toThrow();
    const refused = await call(create.action, await makeRequest("/admin/users/new", { as: "quantri", form: { username: "quantri", displayName: "X", password: "mat-khau-du-dai", roles: "admin" } }));
    expect(statusOf(refused)).toBe(400);
    expect(await count()).toBe(before);
  });
});
