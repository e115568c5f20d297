import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import * as list from "../../app/routes/officers._index.js";
import * as page from "../../app/routes/officers.$officerId._index.js";
import * as create from "../../app/routes/officers.new.js";
import * as edit from "../../app/routes/officers.$officerId.edit.js";
import * as addMembership from "../../app/routes/officers.$officerId.memberships.new.js";
import * as editMembership from "../../app/routes/officers.$officerId.memberships.$membershipId.edit.js";
import * as endMembership from "../../app/routes/officers.$officerId.memberships.$membershipId.end.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf } from "../helpers.js";

beforeAll(loadDemo);

async function officerId(code: string): Promise<number> {
  return (await getDb().selectFrom("officer").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

async function unitId(code: string): Promise<number> {
  return (await getDb().selectFrom("unit").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

async function membershipsOf(code: string) {
  return getDb()
    .selectFrom("officer_membership as m")
    .innerJoin("unit as u", "u.id", "m.unit_id")
    .select(["m.id", "u.code as unit_code", "m.position", "m.valid_from", "m.valid_to"])
    .where("m.officer_id", "=", await officerId(code))
    .orderBy("m.valid_from")
    .execute();
}

async function auditEvents(action: string) {
  return getDb().selectFrom("audit_event").selectAll().where("action", "=", action).orderBy("id").execute();
}

async function listAs(as: string, search = "") {
  return payloadOf(await call(list.loader, await makeRequest(`/officers${search}`, { as })));
}

const codes = (rows: { code: string }[]) => rows.map((r) => r.code);

describe("the officer list", () => {
  it("shows an admin every officer working today, a page at a time, with linked accounts", async () => {
    const first = await listAs("quantri");
    expect(first.total).toBe(41);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]).toMatchObject({ code: "CB0001", full_name: "Nguyễn Văn Hùng", unit_name: "Sở Nội vụ", position: "Giám đốc Sở" });
    expect(first.rows.find((r: { code: string }) => r.code === "CB0004").username).toBe("thanhtra");
    expect(first.withUser).toBe(true);
    expect((await listAs("quantri", "?page=2")).rows).toHaveLength(16);
  });

  it("shows the current unit and position of an officer who moved", async () => {
    const { rows } = await listAs("quantri", "?q=CB0024");
    expect(rows).toEqual([expect.objectContaining({ unit_name: "Ủy ban nhân dân phường Cẩm Thành", position: "Công chức Tư pháp - Hộ tịch" })]);
  });

  it("finds officers by code or name, with or without diacritics", async () => {
    expect(codes((await listAs("quantri", "?q=nguyen%20thi")).rows)).toEqual(["CB0013", "CB0025", "CB0040"]);
    expect(codes((await listAs("quantri", "?q=V%C4%83n%20H%C3%B9ng")).rows)).toEqual(["CB0001"]);
    expect(codes((await listAs("quantri", "?q=hung")).rows)).toEqual(["CB0001", "CB0017"]); // Hùng, Nhung
    expect(codes((await listAs("quantri", "?q=DANG%20THU")).rows)).toEqual(["CB0006"]);
    expect((await listAs("quantri", "?q=cb003")).total).toBe(10);
  });

  it("filters by a unit together with its sub-units, today or in any period", async () => {
    const noiVu = await unitId("000.00.01.H55");
    expect((await listAs("quantri", `?unit=${noiVu}`)).total).toBe(12);
    const city = await unitId("000.00.20.H55");
    expect((await listAs("quantri", `?unit=${city}`)).total).toBe(0);
    expect(codes((await listAs("quantri", `?unit=${city}&status=all`)).rows)).toEqual(["CB0024", "CB0025"]);
  });

  it("shows a unit head only the officers of their unit, without accounts", async () => {
    for (const search of ["", "?status=all", "?q=nguyen"]) {
      const result = await listAs("truongdonvi", search);
      expect(codes(result.rows).every((c) => ["CB0024", "CB0026", "CB0027", "CB0028"].includes(c))).toBe(true);
    }
    const result = await listAs("truongdonvi", "?status=all");
    expect(result.total).toBe(4);
    expect(result.withUser).toBe(false);
    expect(result.rows.every((r: { username: string | null }) => r.username === null)).toBe(true);
    expect(result.unitOptions).toHaveLength(1);
    const elsewhere = await unitId("000.00.01.H55");
    expect((await listAs("truongdonvi", `?unit=${elsewhere}&status=all`)).total).toBe(0);
  });

  it("shows hr of the province, inspectors and approvers every officer, accounts to none of them", async () => {
    for (const as of ["tccb", "thanhtra", "giamdoc"]) {
      const result = await listAs(as, "?status=all");
      expect(result.total).toBe(41);
      expect(result.withUser).toBe(false);
    }
  });
});

describe("an officer's page", () => {
  it("shows the membership timeline, newest first", async () => {
    const id = await officerId("CB0024");
    const result = payloadOf(await call(page.loader, await makeRequest(`/officers/${id}`, { as: "quantri" }), { officerId: String(id) }));
    expect(result.officer.full_name).toBe("Phạm Văn Sơn");
    expect(result.memberships.map((m: { unit_code: string; valid_from: string; valid_to: string | null }) => [m.unit_code, m.valid_from, m.valid_to])).toEqual([
      ["000.31.01.H55", "2025-07-01", null],
      ["000.00.20.H55", "2015-01-01", "2025-06-30"],
    ]);
    expect(result.canManage).toBe(true);
  });

  it("shows a unit head an officer of their unit, with earlier units named but not linked", async () => {
    const id = await officerId("CB0024");
    const result = payloadOf(await call(page.loader, await makeRequest(`/officers/${id}`, { as: "truongdonvi" }), { officerId: String(id) }));
    expect(result.memberships.map((m: { unit_visible: boolean }) => m.unit_visible)).toEqual([true, false]);
    expect(result.user).toBeNull();
    expect(result.canManage).toBe(false);
  });

  it("shows an admin the linked user account", async () => {
    const id = await officerId("CB0026");
    const result = payloadOf(await call(page.loader, await makeRequest(`/officers/${id}`, { as: "quantri" }), { officerId: String(id) }));
    expect(result.user).toMatchObject({ username: "truongdonvi" });
  });

  it("is not found for a unit head asking for an officer of another unit, and tells nothing about them", async () => {
    for (const code of ["CB0001", "CB0025", "CB0029"]) {
      const id = await officerId(code);
      const result = await call(page.loader, await makeRequest(`/officers/${id}`, { as: "truongdonvi" }), { officerId: String(id) });
      expect(statusOf(result)).toBe(404);
      expect(await (result as Response).text()).not.toContain(code);
    }
    expect(statusOf(await call(page.loader, await makeRequest("/officers/x", { as: "quantri" }), { officerId: "x" }))).toBe(404);
  });
});

describe("creating an officer", () => {
  it("saves the officer with a first membership and appends both audit events", async () => {
    const unit = await unitId("000.00.02.H55");
    const form = { code: "CB0099", fullName: "Trần Thị Mới", unitId: String(unit), position: "Chuyên viên", validFrom: "01/11/2026", validTo: "" };
    const response = (await call(create.action, await makeRequest("/officers/new", { as: "quantri", form }))) as Response;
    expect(response.status).toBe(302);
    const id = await officerId("CB0099");
    expect(response.headers.get("Location")).toBe(`/officers/${id}`);
    expect(await membershipsOf("CB0099")).toEqual([expect.objectContaining({ unit_code: "000.00.02.H55", position: "Chuyên viên", valid_from: "2026-11-01", valid_to: null })]);
    const [created] = await auditEvents("officer.create");
    expect(created).toMatchObject({ entity_type: "officer", entity_id: String(id), summary: "Tạo cán bộ CB0099 — Trần Thị Mới" });
    const [added] = await auditEvents("membership.add");
    expect(added).toMatchObject({ entity_type: "officer", entity_id: String(id) });
    expect(added!.summary).toContain("Sở Tư pháp (Chuyên viên) từ 01/11/2026 đến nay");
  });

  it("saves an officer without a membership", async () => {
    const response = (await call(create.action, await makeRequest("/officers/new", { as: "quantri", form: { code: "CB0042", fullName: "Lê Văn Chờ" } }))) as Response;
    expect(response.status).toBe(302);
    expect(await membershipsOf("CB0042")).toEqual([]);
  });

  it("refuses a code already used, missing fields and a half-filled membership", async () => {
    const taken = await call(create.action, await makeRequest("/officers/new", { as: "quantri", form: { code: "CB0001", fullName: "Ai Đó" } }));
    expect(statusOf(taken)).toBe(400);
    expect(payloadOf(taken).error.code).toEqual(["Mã cán bộ CB0001 đã có."]);
    const empty = payloadOf(await call(create.action, await makeRequest("/officers/new", { as: "quantri", form: { code: "", fullName: " " } })));
    expect(empty.error).toMatchObject({ code: ["Vui lòng nhập mã cán bộ."], fullName: ["Vui lòng nhập họ và tên."] });
    const noUnit = payloadOf(await call(create.action, await makeRequest("/officers/new", { as: "quantri", form: { code: "CB0043", fullName: "Ai Đó", position: "Chuyên viên" } })));
    expect(noUnit.error.unitId[0]).toMatch(/^Vui lòng chọn đơn vị công tác/);
    const unit = await unitId("000.00.02.H55");
    const noStart = payloadOf(await call(create.action, await makeRequest("/officers/new", { as: "quantri", form: { code: "CB0043", fullName: "Ai Đó", unitId: String(unit) } })));
    expect(noStart.error.validFrom).toEqual(["Vui lòng nhập ngày bắt đầu công tác."]);
  });

  it("leaves nothing behind when the first membership is refused", async () => {
    const abolished = await unitId("000.00.21.H55");
    const form = { code: "CB0044", fullName: "Không Lưu", unitId: String(abolished), validFrom: "01/01/2026" };
    const result = await call(create.action, await makeRequest("/officers/new", { as: "quantri", form }));
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result).error.unitId[0]).toContain("Ủy ban nhân dân huyện Bình Sơn chỉ hoạt động trong thời gian 01/01/2008 – 30/06/2025");
    expect(await getDb().selectFrom("officer").select("id").where("code", "=", "CB0044").execute()).toEqual([]);
    expect((await auditEvents("officer.create")).map((e) => e.summary)).not.toContain("Tạo cán bộ CB0044 — Không Lưu");
  });
});

describe("editing an officer", () => {
  it("saves a new name and records it before and after", async () => {
    const id = await officerId("CB0033");
    const loaded = payloadOf(await call(edit.loader, await makeRequest(`/officers/${id}/edit`, { as: "quantri" }), { officerId: String(id) }));
    expect(loaded.memberships).toHaveLength(1);
    const form = { code: "CB0033", fullName: "Lý Văn Hậu (đổi tên)" };
    const response = (await call(edit.action, await makeRequest(`/officers/${id}/edit`, { as: "quantri", form }), { officerId: String(id) })) as Response;
    expect(response.status).toBe(302);
    const [event] = await auditEvents("officer.update");
    expect(event).toMatchObject({ entity_type: "officer", entity_id: String(id) });
    expect(event!.data).toEqual({ before: { fullName: "Lý Văn Hậu" }, after: { fullName: "Lý Văn Hậu (đổi tên)" } });
  });

  it("refuses another officer's code", async () => {
    const id = await officerId("CB0033");
    const result = await call(edit.action, await makeRequest(`/officers/${id}/edit`, { as: "quantri", form: { code: "CB0001", fullName: "X" } }), { officerId: String(id) });
    expect(payloadOf(result).error.code).toEqual(["Mã cán bộ CB0001 đã có."]);
  });
});

describe("memberships", () => {
  it("refuses an overlapping period, naming the membership it overlaps", async () => {
    const id = await officerId("CB0024");
    const form = { unitId: String(await unitId("000.00.02.H55")), position: "Chuyên viên", validFrom: "01/01/2026", validTo: "" };
    const result = await call(addMembership.action, await makeRequest(`/officers/${id}/memberships/new`, { as: "quantri", form }), { officerId: String(id) });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result).error.validFrom).toEqual([
      "Khoảng thời gian này trùng với quá trình công tác tại Ủy ban nhân dân phường Cẩm Thành (Công chức Tư pháp - Hộ tịch) từ 01/07/2025 đến nay. Hãy kết thúc hoặc sửa quá trình đó trước.",
    ]);
    expect(await membershipsOf("CB0024")).toHaveLength(2);
  });

  it("are also refused by the database when they overlap (exclusion constraint)", async () => {
    const id = await officerId("CB0024");
    const error = await getDb()
      .insertInto("officer_membership")
      .values({ officer_id: id, unit_id: await unitId("000.00.02.H55"), valid_from: "2025-06-01", valid_to: "2025-07-31" })
      .execute()
      .catch((e) => e);
    expect(error.code).toBe("23P01");
  });

  it("can be ended, once, on a day not before their start", async () => {
    const id = await officerId("CB0028");
    const [m] = await membershipsOf("CB0028");
    const url = `/officers/${id}/memberships/${m!.id}/end`;
    const params = { officerId: String(id), membershipId: String(m!.id) };
    const early = await call(endMembership.action, await makeRequest(url, { as: "quantri", form: { validTo: "30/06/2025" } }), params);
    expect(payloadOf(early).error.validTo).toEqual(["Ngày kết thúc phải từ ngày bắt đầu (01/07/2025) trở về sau."]);
    const response = (await call(endMembership.action, await makeRequest(url, { as: "quantri", form: { validTo: "15/11/2026" } }), params)) as Response;
    expect(response.status).toBe(302);
    expect((await membershipsOf("CB0028"))[0]!.valid_to).toBe("2026-11-15");
    const [event] = await auditEvents("membership.end");
    expect(event).toMatchObject({ entity_type: "officer", entity_id: String(id) });
    expect(event!.summary).toBe("Kết thúc quá trình công tác của CB0028 tại Ủy ban nhân dân phường Cẩm Thành (Công chức Địa chính - Xây dựng) ngày 15/11/2026");
    const again = await call(endMembership.action, await makeRequest(url, { as: "quantri", form: { validTo: "16/11/2026" } }), params);
    expect(payloadOf(again).error[""][0]).toMatch(/^Quá trình công tác này đã kết thúc ngày 15\/11\/2026/);
  });

  it("can be added after the last one ended, and then the officer works in the new unit", async () => {
    const id = await officerId("CB0028");
    const unit = await unitId("000.31.02.H55");
    const form = { unitId: String(unit), position: "Công chức Địa chính", validFrom: "16/11/2026" };
    const response = (await call(addMembership.action, await makeRequest(`/officers/${id}/memberships/new`, { as: "quantri", form }), { officerId: String(id) })) as Response;
    expect(response.status).toBe(302);
    const { rows } = await listAs("quantri", "?q=CB0028");
    expect(rows[0]).toMatchObject({ unit_id: unit, position: "Công chức Địa chính" });
    expect((await auditEvents("membership.add")).at(-1)!.summary).toContain("CB0028");
  });

  it("can be edited, with the change recorded before and after", async () => {
    const id = await officerId("CB0027");
    const [m] = await membershipsOf("CB0027");
    const params = { officerId: String(id), membershipId: String(m!.id) };
    const loaded = payloadOf(await call(editMembership.loader, await makeRequest(`/officers/${id}/memberships/${m!.id}/edit`, { as: "quantri" }), params));
    expect(loaded.membership.position).toBe("Công chức Văn phòng - Thống kê");
    const form = { unitId: String(await unitId("000.31.01.H55")), position: "Phó Chủ tịch Ủy ban nhân dân phường", validFrom: "01/07/2025", validTo: "" };
    const response = (await call(editMembership.action, await makeRequest(`/officers/${id}/memberships/${m!.id}/edit`, { as: "quantri", form }), params)) as Response;
    expect(response.status).toBe(302);
    const [event] = await auditEvents("membership.update");
    expect(event!.data).toEqual({
      membershipId: m!.id,
      before: { position: "Công chức Văn phòng - Thống kê" },
      after: { position: "Phó Chủ tịch Ủy ban nhân dân phường" },
    });
  });

  it("refuses an edit that would overlap another membership of the officer, or reverse the dates", async () => {
    const id = await officerId("CB0024");
    const [older] = await membershipsOf("CB0024");
    const params = { officerId: String(id), membershipId: String(older!.id) };
    const url = `/officers/${id}/memberships/${older!.id}/edit`;
    const form = { unitId: String(await unitId("000.00.02.H55")), position: "Chuyên viên", validFrom: "01/01/2015", validTo: "31/07/2025" };
    const overlap = await call(editMembership.action, await makeRequest(url, { as: "quantri", form }), params);
    expect(payloadOf(overlap).error.validFrom[0]).toContain("Ủy ban nhân dân phường Cẩm Thành");
    const reversed = await call(editMembership.action, await makeRequest(url, { as: "quantri", form: { ...form, validFrom: "01/01/2020", validTo: "01/01/2019" } }), params);
    expect(payloadOf(reversed).error.validTo).toEqual(["Ngày kết thúc phải từ ngày bắt đầu trở về sau."]);
    const badDate = await call(editMembership.action, await makeRequest(url, { as: "quantri", form: { ...form, validFrom: "" } }), params);
    expect(payloadOf(badDate).error.validFrom).toEqual(["Vui lòng nhập ngày bắt đầu."]);
  });

  it("is not found under another officer", async () => {
    const [m] = await membershipsOf("CB0024");
    const other = await officerId("CB0001");
    const params = { officerId: String(other), membershipId: String(m!.id) };
    expect(statusOf(await call(editMembership.loader, await makeRequest(`/officers/${other}/memberships/${m!.id}/edit`, { as: "quantri" }), params))).toBe(404);
    const form = { validTo: "01/12/2026" };
    expect(statusOf(await call(endMembership.action, await makeRequest(`/officers/${other}/memberships/${m!.id}/end`, { as: "quantri", form }), params))).toBe(404);
  });
});

describe("only admins", () => {
  it("may open the forms or change officers and memberships: every other role gets 403 and nothing changes", async () => {
    const id = await officerId("CB0026");
    const [m] = await membershipsOf("CB0026");
    const before = (await getDb().selectFrom("audit_event").select("id").execute()).length;
    const o = { officerId: String(id) };
    const om = { ...o, membershipId: String(m!.id) };
    const membershipForm = { unitId: String(await unitId("000.31.01.H55")), position: "X", validFrom: "01/07/2025" };
    for (const as of ["thanhtra", "giamdoc", "truongdonvi", "tccb"]) {
      const attempts: [unknown, Request, Record<string, string>][] = [
        [create.loader, await makeRequest("/officers/new", { as }), {}],
        [create.action, await makeRequest("/officers/new", { as, form: { code: `X-${as}`, fullName: "X" } }), {}],
        [edit.loader, await makeRequest(`/officers/${id}/edit`, { as }), o],
        [edit.action, await makeRequest(`/officers/${id}/edit`, { as, form: { code: "CB0026", fullName: "X" } }), o],
        [addMembership.loader, await makeRequest(`/officers/${id}/memberships/new`, { as }), o],
        [addMembership.action, await makeRequest(`/officers/${id}/memberships/new`, { as, form: membershipForm }), o],
        [editMembership.loader, await makeRequest(`/officers/${id}/memberships/${m!.id}/edit`, { as }), om],
        [editMembership.action, await makeRequest(`/officers/${id}/memberships/${m!.id}/edit`, { as, form: membershipForm }), om],
        [endMembership.loader, await makeRequest(`/officers/${id}/memberships/${m!.id}/end`, { as }), om],
        [endMembership.action, await makeRequest(`/officers/${id}/memberships/${m!.id}/end`, { as, form: { validTo: "01/12/2026" } }), om],
      ];
      for (const [fn, request, params] of attempts) {
        expect(statusOf(await call(fn as typeof create.loader, request, params)), `${as} ${request.method} ${request.url}`).toBe(403);
      }
    }
    expect((await getDb().selectFrom("audit_event").select("id").execute()).length).toBe(before);
    expect(await membershipsOf("CB0026")).toEqual([m]);
  });
});
