import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import * as list from "../../app/routes/units._index.js";
import * as page from "../../app/routes/units.$unitId._index.js";
import * as create from "../../app/routes/units.new.js";
import * as edit from "../../app/routes/units.$unitId.edit.js";
import { updateUnit } from "../../app/models/units.server.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

beforeAll(loadDemo);

const CAM_THANH = "000.31.01.H55";
const PROVINCE = "000.00.00.H55";
const NOI_VU = "000.00.01.H55";
const TP_QUANG_NGAI = "000.00.20.H55";

async function unitId(code: string): Promise<number> {
  return (await getDb().selectFrom("unit").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

async function auditEvents(action: string) {
  return getDb().selectFrom("audit_event").selectAll().where("action", "=", action).orderBy("id").execute();
}

async function listAs(as: string, search = "") {
  return payloadOf(await call(list.loader, await makeRequest(`/units${search}`, { as })));
}

const validForm = (overrides: Record<string, string> = {}) => ({
  code: "000.31.99.H55",
  name: "Ủy ban nhân dân xã Thử Nghiệm",
  kind: "commune",
  parentId: "",
  validFrom: "01/07/2025",
  validTo: "",
  ...overrides,
});

describe("the unit list", () => {
  it("shows an admin every unit in force today, a page at a time, in code order", async () => {
    const first = await listAs("quantri");
    expect(first.total).toBe(26);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0].code).toBe(PROVINCE);
    expect(first.rows.map((r: { code: string }) => r.code)).not.toContain(TP_QUANG_NGAI);
    expect(first.canManage).toBe(true);
    const second = await listAs("quantri", "?page=2");
    expect(second.rows).toHaveLength(1);
  });

  it("includes abolished and merged units when asked for all of them, and on a past date shows the units of then", async () => {
    expect((await listAs("quantri", "?status=all")).total).toBe(34);
    const before = await listAs("quantri", "?status=active&on=30/06/2025&kind=district");
    expect(before.rows.map((r: { code: string }) => r.code)).toContain(TP_QUANG_NGAI);
    expect(before.countOn).toBe("2025-06-30");
    const after = await listAs("quantri", "?status=active&on=01/07/2025&kind=district");
    expect(after.total).toBe(0);
  });

  it("finds units by code or name, with or without diacritics", async () => {
    const byName = await listAs("quantri", "?q=cam%20thanh");
    expect(byName.rows.map((r: { name: string }) => r.name)).toEqual(["Ủy ban nhân dân phường Cẩm Thành"]);
    const byCode = await listAs("quantri", "?q=000.31.0");
    expect(byCode.total).toBe(9);
    const byKind = await listAs("quantri", "?kind=commune");
    expect(byKind.total).toBe(10);
    const wildcard = await listAs("quantri", "?q=%25");
    expect(wildcard.total).toBe(0);
  });

  it("counts the officers in each unit today, and names the parent", async () => {
    const { rows } = await listAs("quantri", "?q=C%E1%BA%A9m%20Th%C3%A0nh");
    expect(rows[0]).toMatchObject({ code: CAM_THANH, officer_count: 4, parent_name: "Ủy ban nhân dân tỉnh Quảng Ngãi" });
  });

  it("shows a unit head only their own unit, and no add button", async () => {
    for (const search of ["", "?status=all", "?q=S%E1%BB%9F"]) {
      const result = await listAs("truongdonvi", search);
      expect(result.rows.every((r: { code: string }) => r.code === CAM_THANH)).toBe(true);
    }
    const result = await listAs("truongdonvi", "?status=all");
    expect(result.total).toBe(1);
    expect(result.canManage).toBe(false);
    expect(result.scoped).toBe(true);
  });

  it("shows hr of the province every unit, and inspectors and approvers everything", async () => {
    for (const as of ["tccb", "thanhtra", "giamdoc"]) {
      expect((await listAs(as, "?status=all")).total).toBe(34);
    }
  });

  it("sends a signed-out visitor to the login page", async () => {
    const result = await call(list.loader, await makeRequest("/units"));
    expect(statusOf(result)).toBe(302);
  });
});

describe("a unit's page", () => {
  it("shows the unit, its ancestors, sub-units and the officers in it today", async () => {
    const id = await unitId("000.02.01.H55");
    const result = payloadOf(await call(page.loader, await makeRequest(`/units/${id}`, { as: "thanhtra" }), { unitId: String(id) }));
    expect(result.unit.name).toBe("Thanh tra Sở Nội vụ");
    expect(result.ancestors.map((a: { code: string }) => a.code)).toEqual([PROVINCE, NOI_VU]);
    expect(result.members.map((m: { code: string }) => m.code)).toEqual(["CB0003", "CB0004", "CB0005", "CB0006"]);
    expect(result.canManage).toBe(false);
    const noiVu = await unitId(NOI_VU);
    const parent = payloadOf(await call(page.loader, await makeRequest(`/units/${noiVu}`, { as: "thanhtra" }), { unitId: String(noiVu) }));
    expect(parent.children.map((c: { code: string }) => c.code)).toEqual(["000.01.01.H55", "000.02.01.H55", "000.03.01.H55", "000.04.01.H55"]);
  });

  it("lists the officers who have left an abolished unit", async () => {
    const id = await unitId(TP_QUANG_NGAI);
    const current = payloadOf(await call(page.loader, await makeRequest(`/units/${id}`, { as: "quantri" }), { unitId: String(id) }));
    expect(current.unit.valid_to).toBe("2025-06-30");
    expect(current.members).toEqual([]);
    const former = payloadOf(await call(page.loader, await makeRequest(`/units/${id}?members=former`, { as: "quantri" }), { unitId: String(id) }));
    expect(former.which).toBe("former");
    expect(former.members.map((m: { full_name: string }) => m.full_name)).toEqual(["Phạm Văn Sơn"]);
    expect(former.children.map((c: { code: string }) => c.code)).toEqual(["000.20.20.H55"]);
  });

  it("lets a unit head see their unit, with ancestors named but not linked", async () => {
    const id = await unitId(CAM_THANH);
    const result = payloadOf(await call(page.loader, await makeRequest(`/units/${id}`, { as: "truongdonvi" }), { unitId: String(id) }));
    expect(result.unit.code).toBe(CAM_THANH);
    expect(result.ancestors).toEqual([expect.objectContaining({ code: PROVINCE, visible: false })]);
    expect(result.members).toHaveLength(4);
  });

  it("is not found for a unit head asking for another unit, and tells nothing about it", async () => {
    for (const code of [NOI_VU, PROVINCE, "000.31.02.H55"]) {
      const id = await unitId(code);
      const result = await call(page.loader, await makeRequest(`/units/${id}`, { as: "truongdonvi" }), { unitId: String(id) });
      expect(statusOf(result)).toBe(404);
      const body = await (result as Response).text();
      expect(body).not.toContain(code);
      expect(body).not.toMatch(/Sở Nội vụ|Quảng Ngãi|Nghĩa Lộ/);
    }
  });

  it("is not found for an unknown or malformed id", async () => {
    for (const unitIdParam of ["999999", "abc", "0", "99999999999"]) {
      const result = await call(page.loader, await makeRequest(`/units/${unitIdParam}`, { as: "quantri" }), { unitId: unitIdParam });
      expect(statusOf(result)).toBe(404);
    }
  });
});

describe("creating a unit", () => {
  it("saves it, appends its audit event and returns to its page with a toast", async () => {
    const parent = await unitId(PROVINCE);
    const request = await makeRequest("/units/new", { as: "quantri", form: validForm({ parentId: String(parent) }) });
    const response = (await call(create.action, request)) as Response;
    expect(response.status).toBe(302);
    const row = await getDb().selectFrom("unit").selectAll().where("code", "=", "000.31.99.H55").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "Ủy ban nhân dân xã Thử Nghiệm", kind: "commune", parent_id: parent, valid_from: "2025-07-01", valid_to: null });
    expect(response.headers.get("Location")).toBe(`/units/${row.id}`);
    expect(response.headers.get("Set-Cookie")).toMatch(/ktcv_toast=/);
    const [event] = await auditEvents("unit.create");
    expect(event).toMatchObject({ entity_type: "unit", entity_id: String(row.id) });
    expect(event!.summary).toContain("Tạo đơn vị 000.31.99.H55");
    expect(event!.data).toMatchObject({ before: null, after: { code: "000.31.99.H55", parentId: parent } });
  });

  it("refuses a code that is already used, naming it", async () => {
    const result = await call(create.action, await makeRequest("/units/new", { as: "quantri", form: validForm({ code: CAM_THANH }) }));
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result).error.code).toEqual([`Mã đơn vị ${CAM_THANH} đã có.`]);
  });

  it("refuses missing fields, unreadable dates and an end before the start, in Vietnamese", async () => {
    const empty = payloadOf(await call(create.action, await makeRequest("/units/new", { as: "quantri", form: validForm({ code: " ", name: "", kind: "" }) })));
    expect(empty.error).toMatchObject({
      code: ["Vui lòng nhập mã đơn vị."],
      name: ["Vui lòng nhập tên đơn vị."],
      kind: ["Vui lòng chọn loại đơn vị."],
    });
    const badDate = payloadOf(await call(create.action, await makeRequest("/units/new", { as: "quantri", form: validForm({ validFrom: "31/02/2025" }) })));
    expect(badDate.error.validFrom[0]).toMatch(/^Ngày bắt đầu hiệu lực không hợp lệ/);
    const reversed = await call(create.action, await makeRequest("/units/new", { as: "quantri", form: validForm({ validFrom: "01/07/2025", validTo: "30/06/2025" }) }));
    expect(statusOf(reversed)).toBe(400);
    expect(payloadOf(reversed).error.validTo).toEqual(["Ngày kết thúc hiệu lực phải từ ngày bắt đầu hiệu lực trở về sau."]);
    const together = payloadOf(await call(create.action, await makeRequest("/units/new", { as: "quantri", form: validForm({ code: "", validFrom: "02/01/2025", validTo: "01/01/2025" }) })));
    expect(Object.keys(together.error).sort()).toEqual(["code", "validTo"]);
    expect(await auditEvents("unit.create")).toHaveLength(1);
  });

  it("prefills the parent from the unit page's link", async () => {
    const parent = await unitId(NOI_VU);
    const result = payloadOf(await call(create.loader, await makeRequest(`/units/new?parent=${parent}`, { as: "quantri" })));
    expect(result.parentId).toBe(String(parent));
    expect(result.parentOptions.length).toBeGreaterThanOrEqual(34);
  });
});

describe("editing a unit", () => {
  it("saves the changed fields, and records them before and after", async () => {
    const id = await unitId("000.31.10.H55");
    const loaded = payloadOf(await call(edit.loader, await makeRequest(`/units/${id}/edit`, { as: "quantri" }), { unitId: String(id) }));
    expect(loaded.unit.name).toBe("Ủy ban nhân dân phường Kon Tum");
    const form = validForm({ code: "000.31.10.H55", name: "Ủy ban nhân dân phường Kon Tum (mới)", parentId: String(await unitId(PROVINCE)) });
    const response = (await call(edit.action, await makeRequest(`/units/${id}/edit`, { as: "quantri", form }), { unitId: String(id) })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/units/${id}`);
    const [event] = await auditEvents("unit.update");
    expect(event).toMatchObject({ entity_type: "unit", entity_id: String(id) });
    expect(event!.data).toEqual({
      before: { name: "Ủy ban nhân dân phường Kon Tum" },
      after: { name: "Ủy ban nhân dân phường Kon Tum (mới)" },
    });
    expect(event!.summary).toContain("tên");
  });

  it("does not write or audit when nothing changed", async () => {
    const id = await unitId("000.31.10.H55");
    const form = validForm({ code: "000.31.10.H55", name: "Ủy ban nhân dân phường Kon Tum (mới)", parentId: String(await unitId(PROVINCE)) });
    const response = (await call(edit.action, await makeRequest(`/units/${id}/edit`, { as: "quantri", form }), { unitId: String(id) })) as Response;
    expect(response.status).toBe(302);
    expect(await auditEvents("unit.update")).toHaveLength(1);
  });

  it("refuses a parent that is the unit itself or one of its sub-units", async () => {
    const noiVu = await unitId(NOI_VU);
    const province = await unitId(PROVINCE);
    const base = { code: NOI_VU, name: "Sở Nội vụ", kind: "department", validFrom: "01/01/2008" };
    for (const parentId of [noiVu, await unitId("000.02.01.H55")]) {
      const result = await call(edit.action, await makeRequest(`/units/${noiVu}/edit`, { as: "quantri", form: validForm({ ...base, parentId: String(parentId) }) }), { unitId: String(noiVu) });
      expect(statusOf(result)).toBe(400);
      expect(payloadOf(result).error.parentId).toEqual(["Đơn vị cấp trên không được là chính đơn vị này hoặc một đơn vị cấp dưới của nó."]);
    }
    const deep = await call(edit.action, await makeRequest(`/units/${province}/edit`, { as: "quantri", form: validForm({ code: PROVINCE, name: "Ủy ban nhân dân tỉnh Quảng Ngãi", kind: "province", validFrom: "01/01/2008", parentId: String(await unitId("000.02.01.H55")) }) }), { unitId: String(province) });
    expect(payloadOf(deep).error.parentId).toHaveLength(1);
    const row = await getDb().selectFrom("unit").select("parent_id").where("id", "=", province).executeTakeFirstOrThrow();
    expect(row.parent_id).toBeNull();
  });

  it("refuses taking another unit's code", async () => {
    const id = await unitId("000.31.09.H55");
    const result = await call(edit.action, await makeRequest(`/units/${id}/edit`, { as: "quantri", form: validForm({ code: CAM_THANH }) }), { unitId: String(id) });
    expect(payloadOf(result).error.code).toEqual([`Mã đơn vị ${CAM_THANH} đã có.`]);
  });

  it("offers every unit but the unit and its sub-units as parent", async () => {
    const noiVu = await unitId(NOI_VU);
    const result = payloadOf(await call(edit.loader, await makeRequest(`/units/${noiVu}/edit`, { as: "quantri" }), { unitId: String(noiVu) }));
    const labels = result.parentOptions.map((o: { label: string }) => o.label).join("\n");
    expect(labels).not.toContain("Sở Nội vụ\n");
    expect(labels).not.toContain("Thanh tra Sở Nội vụ");
    expect(labels).toContain("Sở Tư pháp");
    expect(labels).toContain("Ủy ban nhân dân huyện Bình Sơn (đã giải thể/sáp nhập)");
  });

  it("refuses the second of two concurrent edits that together would make a loop", async () => {
    const actor = await userIdOf("quantri");
    const [a, b] = [await unitId("000.00.03.H55"), await unitId("000.00.04.H55")];
    const input = (code: string, name: string, parentId: number) =>
      ({ code, name, kind: "department", parentId, validFrom: "2008-01-01", validTo: null }) as const;
    const results = await Promise.all([
      updateUnit(getDb(), a, input("000.00.03.H55", "Sở Tài chính", b), actor),
      updateUnit(getDb(), b, input("000.00.04.H55", "Sở Xây dựng", a), actor),
    ]);
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    expect(results.find((r) => r && !r.ok)).toMatchObject({ fieldErrors: { parentId: [expect.stringContaining("cấp dưới")] } });
  });

  it("is not found for a unit that does not exist", async () => {
    const result = await call(edit.action, await makeRequest("/units/999999/edit", { as: "quantri", form: validForm() }), { unitId: "999999" });
    expect(statusOf(result)).toBe(404);
  });
});

describe("only admins", () => {
  it("may open the forms or save units: every other role gets 403 and nothing changes", async () => {
    const id = await unitId(CAM_THANH);
    const before = await getDb().selectFrom("audit_event").select("id").execute();
    for (const as of ["thanhtra", "giamdoc", "truongdonvi", "tccb"]) {
      expect(statusOf(await call(create.loader, await makeRequest("/units/new", { as })))).toBe(403);
      expect(statusOf(await call(create.action, await makeRequest("/units/new", { as, form: validForm({ code: `X-${as}` }) })))).toBe(403);
      expect(statusOf(await call(edit.loader, await makeRequest(`/units/${id}/edit`, { as }), { unitId: String(id) }))).toBe(403);
      const form = validForm({ code: CAM_THANH, name: "Đổi tên" });
      expect(statusOf(await call(edit.action, await makeRequest(`/units/${id}/edit`, { as, form }), { unitId: String(id) }))).toBe(403);
    }
    expect(await getDb().selectFrom("audit_event").select("id").execute()).toHaveLength(before.length);
    const row = await getDb().selectFrom("unit").select("name").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.name).toBe("Ủy ban nhân dân phường Cẩm Thành");
  });
});
