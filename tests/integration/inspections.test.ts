import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import * as list from "../../app/routes/inspections._index.js";
import * as create from "../../app/routes/inspections.new.js";
import * as edit from "../../app/routes/inspections.$inspectionId.edit.js";
import * as page from "../../app/routes/inspections.$inspectionId._index.js";
import * as search from "../../app/routes/inspections.officer-search.js";
import { call, loadDemo, makeRequest, payloadOf, statusOf } from "../helpers.js";

beforeAll(loadDemo);

const CAM_THANH = "000.31.01.H55";
const TP_QUANG_NGAI = "000.00.20.H55";
const NOI_VU = "000.00.01.H55";

async function unitId(code: string): Promise<number> {
  return (await getDb().selectFrom("unit").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}
async function officerId(code: string): Promise<number> {
  return (await getDb().selectFrom("officer").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}
async function auditEvents(action: string) {
  return getDb().selectFrom("audit_event").selectAll().where("action", "=", action).orderBy("id").execute();
}

async function form(overrides: Record<string, string | string[]> = {}) {
  return {
    title: "Kiểm tra trách nhiệm công vụ về giải quyết thủ tục hành chính",
    decisionNumber: "12/QĐ-SNV",
    decisionDate: "05/03/2026",
    decisionSigner: "Trần Thị Thanh Hương",
    legalBasis: "Luật Thanh tra số 11/2025/QH15",
    legalBasisDate: "25/06/2025",
    periodFrom: "01/07/2025",
    periodTo: "31/12/2025",
    unitIds: String(await unitId(CAM_THANH)),
    ...overrides,
  };
}

async function createAs(as: string, fields: Record<string, string | string[]>) {
  return call(create.action, await makeRequest("/inspections/new", { as, form: fields }));
}

/** Creates an inspection as thanhtra and returns its id. */
async function newInspection(overrides: Record<string, string | string[]>): Promise<number> {
  const result = await createAs("thanhtra", await form(overrides));
  expect(statusOf(result)).toBe(302);
  const location = (result as Response).headers.get("Location")!;
  return Number(location.split("/").pop());
}

async function team(id: number, as: string, fields: Record<string, string>) {
  return call(page.action, await makeRequest(`/inspections/${id}`, { as, form: fields }), { inspectionId: String(id) });
}

async function activeTeam(id: number) {
  return getDb()
    .selectFrom("inspection_member as m")
    .innerJoin("officer as o", "o.id", "m.officer_id")
    .select(["o.code", "m.role"])
    .where("m.inspection_id", "=", id)
    .where("m.removed_at", "is", null)
    .orderBy("o.code")
    .execute();
}

describe("creating and editing an inspection", () => {
  it("refuses an empty form and wrong dates with Vietnamese messages", async () => {
    const empty = await createAs("thanhtra", { title: "", decisionNumber: "", unitIds: "" });
    expect(statusOf(empty)).toBe(400);
    const errors = payloadOf(empty).error;
    expect(errors.title).toEqual(["Vui lòng nhập tên đợt kiểm tra."]);
    expect(errors.decisionNumber).toEqual(["Vui lòng nhập số quyết định."]);
    expect(errors.decisionDate).toEqual(["Vui lòng nhập ngày quyết định."]);
    expect(errors.unitIds).toEqual(["Vui lòng chọn ít nhất một đơn vị được kiểm tra."]);

    const dates = await createAs("thanhtra", await form({ decisionDate: "31/02/2026", periodFrom: "01/12/2025", periodTo: "01/07/2025" }));
    expect(statusOf(dates)).toBe(400);
    expect(payloadOf(dates).error.decisionDate[0]).toContain("Ngày quyết định không hợp lệ");
    expect(payloadOf(dates).error.periodTo).toEqual(["Thời kỳ kiểm tra phải kết thúc từ ngày bắt đầu trở về sau."]);
  });

  it("creates an inspection with its scope, audits it, and refuses a second decision with the same number", async () => {
    const id = await newInspection({ decisionNumber: "01/QĐ-SNV", unitIds: [String(await unitId(CAM_THANH)), String(await unitId(NOI_VU))].join(",") });
    const details = payloadOf(await call(page.loader, await makeRequest(`/inspections/${id}`, { as: "thanhtra" }), { inspectionId: String(id) }));
    expect(details.inspection).toMatchObject({ decision_number: "01/QĐ-SNV", decision_date: "2026-03-05", legal_basis: "Luật Thanh tra số 11/2025/QH15" });
    expect(details.units.map((u: { code: string }) => u.code)).toEqual([NOI_VU, CAM_THANH]);
    expect(details.members).toEqual([]);
    const [event] = (await auditEvents("inspection.create")).filter((e) => e.entity_id === String(id));
    expect(event?.summary).toContain("01/QĐ-SNV");

    const again = await createAs("thanhtra", await form({ decisionNumber: "01/QĐ-SNV" }));
    expect(statusOf(again)).toBe(400);
    expect(payloadOf(again).error.decisionNumber).toEqual(["Số quyết định 01/QĐ-SNV đã có. Mỗi quyết định kiểm tra có một số riêng."]);
  });

  it("edits an inspection, audits the change, and keeps the number unique", async () => {
    const id = await newInspection({ decisionNumber: "02/QĐ-SNV" });
    await newInspection({ decisionNumber: "03/QĐ-SNV" });
    const loaded = payloadOf(await call(edit.loader, await makeRequest(`/inspections/${id}/edit`, { as: "thanhtra2" }), { inspectionId: String(id) }));
    expect(loaded.inspection.unitIds).toEqual([await unitId(CAM_THANH)]);

    const taken = await call(edit.action, await makeRequest(`/inspections/${id}/edit`, { as: "thanhtra2", form: await form({ decisionNumber: "03/QĐ-SNV" }) }), {
      inspectionId: String(id),
    });
    expect(payloadOf(taken).error.decisionNumber).toEqual(["Số quyết định 03/QĐ-SNV đã có. Mỗi quyết định kiểm tra có một số riêng."]);

    const saved = await call(
      edit.action,
      await makeRequest(`/inspections/${id}/edit`, { as: "thanhtra2", form: await form({ decisionNumber: "02/QĐ-SNV", title: "Tên mới", unitIds: String(await unitId(NOI_VU)) }) }),
      { inspectionId: String(id) },
    );
    expect(statusOf(saved)).toBe(302);
    const row = await getDb().selectFrom("inspection").select("title").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.title).toBe("Tên mới");
    const events = (await auditEvents("inspection.update")).filter((e) => e.entity_id === String(id));
    expect(events).toHaveLength(1);
    expect((events[0]!.data as { after: Record<string, unknown> }).after).toMatchObject({ title: "Tên mới", units: String(await unitId(NOI_VU)) });

    const missing = await call(edit.loader, await makeRequest(`/inspections/999999/edit`, { as: "thanhtra" }), { inspectionId: "999999" });
    expect(statusOf(missing)).toBe(404);
  });
});

describe("the inspection list", () => {
  it("shows inspectors and approvers every inspection, unit heads only those covering their unit, and refuses hr", async () => {
    const covering = await newInspection({ decisionNumber: "10/QĐ-SNV", title: "Kiểm tra phường Cẩm Thành" });
    const elsewhere = await newInspection({ decisionNumber: "11/QĐ-SNV", title: "Kiểm tra Sở Nội vụ", unitIds: String(await unitId(NOI_VU)) });
    for (const as of ["thanhtra", "giamdoc"]) {
      const ids = payloadOf(await call(list.loader, await makeRequest("/inspections", { as }))).rows.map((r: { id: number }) => r.id);
      expect(ids).toEqual(expect.arrayContaining([covering, elsewhere]));
    }
    const head = payloadOf(await call(list.loader, await makeRequest("/inspections", { as: "truongdonvi" })));
    const ids = head.rows.map((r: { id: number }) => r.id);
    expect(ids).toContain(covering);
    expect(ids).not.toContain(elsewhere);
    expect(head.rows.every((r: { units: { code: string }[] }) => r.units.some((u) => u.code === CAM_THANH))).toBe(true);
    expect(head.total).toBe(head.rows.length);
    expect(head.canManage).toBe(false);
    const row = head.rows.find((r: { id: number }) => r.id === covering);
    expect(row).toMatchObject({ decision_number: "10/QĐ-SNV", decision_date: "2026-03-05", period_from: "2025-07-01", lead_name: null, case_count: 0 });

    const outside = await call(page.loader, await makeRequest(`/inspections/${elsewhere}`, { as: "truongdonvi" }), { inspectionId: String(elsewhere) });
    expect(statusOf(outside)).toBe(404);
    expect(statusOf(await call(page.loader, await makeRequest(`/inspections/${covering}`, { as: "truongdonvi" }), { inspectionId: String(covering) }))).toBe(200);

    for (const as of ["tccb", "quantri"]) expect(statusOf(await call(list.loader, await makeRequest("/inspections", { as })))).toBe(403);
  });
});

describe("the inspection team", () => {
  it("adds a lead, a member and a secretary, each audited", async () => {
    const id = await newInspection({ decisionNumber: "20/QĐ-SNV" });
    expect(statusOf(await team(id, "thanhtra", { intent: "add", officerId: String(await officerId("CB0004")), role: "lead" }))).toBe(302);
    expect(statusOf(await team(id, "thanhtra", { intent: "add", officerId: String(await officerId("CB0005")), role: "member" }))).toBe(302);
    expect(statusOf(await team(id, "thanhtra", { intent: "add", officerId: String(await officerId("CB0003")), role: "secretary" }))).toBe(302);
    expect(await activeTeam(id)).toEqual([
      { code: "CB0003", role: "secretary" },
      { code: "CB0004", role: "lead" },
      { code: "CB0005", role: "member" },
    ]);
    expect((await auditEvents("inspection.member_add")).filter((e) => e.entity_id === String(id))).toHaveLength(3);

    const twice = await team(id, "thanhtra", { intent: "add", officerId: String(await officerId("CB0005")), role: "member" });
    expect(statusOf(twice)).toBe(400);
    expect(payloadOf(twice).reply.error.officerId).toEqual(["CB0005 – Võ Quốc Bảo đã có trong đoàn kiểm tra."]);

    const listed = payloadOf(await call(list.loader, await makeRequest("/inspections", { as: "thanhtra" }))).rows.find((r: { id: number }) => r.id === id);
    expect(listed.lead_name).toBe("Phạm Thị Ngọc Ánh");
  });

  it("keeps exactly one lead: a second lead is refused unless it replaces the first, who stays as a member", async () => {
    const id = await newInspection({ decisionNumber: "21/QĐ-SNV" });
    await team(id, "thanhtra", { intent: "add", officerId: String(await officerId("CB0004")), role: "lead" });
    const second = await team(id, "thanhtra", { intent: "add", officerId: String(await officerId("CB0005")), role: "lead" });
    expect(statusOf(second)).toBe(400);
    expect(payloadOf(second).reply.error.role).toEqual([
      "Đoàn đã có trưởng đoàn (CB0004 – Phạm Thị Ngọc Ánh). Chọn “Thay trưởng đoàn hiện tại” nếu muốn thay.",
    ]);
    expect(await activeTeam(id)).toEqual([{ code: "CB0004", role: "lead" }]);

    const replaced = await team(id, "thanhtra", { intent: "add", officerId: String(await officerId("CB0005")), role: "lead", replaceLead: "on" });
    expect(statusOf(replaced)).toBe(302);
    expect(await activeTeam(id)).toEqual([
      { code: "CB0004", role: "member" },
      { code: "CB0005", role: "lead" },
    ]);
    expect((await auditEvents("inspection.lead_change")).filter((e) => e.entity_id === String(id))).toHaveLength(1);
  });

  it("changes the lead and removes members with a reason; the lead cannot leave while others remain", async () => {
    const id = await newInspection({ decisionNumber: "22/QĐ-SNV" });
    await team(id, "thanhtra", { intent: "add", officerId: String(await officerId("CB0004")), role: "lead" });
    await team(id, "thanhtra", { intent: "add", officerId: String(await officerId("CB0005")), role: "member" });
    const seats = await getDb().selectFrom("inspection_member").select(["id", "officer_id"]).where("inspection_id", "=", id).execute();
    const seatOf = async (code: string) => {
      const officer = await officerId(code);
      return String(seats.find((s) => s.officer_id === officer)!.id);
    };
    const cb0004 = await seatOf("CB0004");
    const cb0005 = await seatOf("CB0005");

    const leadLeaves = await team(id, "thanhtra", { intent: "remove", memberId: cb0004, reason: "Bận công tác khác" });
    expect(statusOf(leadLeaves)).toBe(400);
    expect(payloadOf(leadLeaves).reply.error[""]).toEqual(["Hãy chỉ định trưởng đoàn khác trước khi rút trưởng đoàn khỏi đoàn."]);

    expect(statusOf(await team(id, "thanhtra", { intent: "lead", memberId: cb0005 }))).toBe(302);
    expect(await activeTeam(id)).toEqual([
      { code: "CB0004", role: "member" },
      { code: "CB0005", role: "lead" },
    ]);

    const noReason = await team(id, "thanhtra", { intent: "remove", memberId: cb0004, reason: "" });
    expect(payloadOf(noReason).reply.error.reason).toEqual(["Vui lòng nhập lý do rút khỏi đoàn."]);
    expect(statusOf(await team(id, "thanhtra", { intent: "remove", memberId: cb0004, reason: "Bận công tác khác" }))).toBe(302);
    expect(await activeTeam(id)).toEqual([{ code: "CB0005", role: "lead" }]);
    const removed = await getDb().selectFrom("inspection_member").select(["removed_reason"]).where("id", "=", Number(cb0004)).executeTakeFirstOrThrow();
    expect(removed.removed_reason).toBe("Bận công tác khác");
    expect((await auditEvents("inspection.member_remove")).filter((e) => e.entity_id === String(id))).toHaveLength(1);
    expect((await auditEvents("inspection.lead_change")).filter((e) => e.entity_id === String(id))).toHaveLength(1);
  });
});

describe("conflict of interest", () => {
  async function recusalsOf(id: number) {
    return getDb().selectFrom("recusal").select(["officer_id", "reasons"]).where("inspection_id", "=", id).execute();
  }

  it("refuses an officer working in an inspected unit, shows why, and records and audits the recusal", async () => {
    const id = await newInspection({ decisionNumber: "30/QĐ-SNV" });
    const result = await team(id, "thanhtra", { intent: "add", officerId: String(await officerId("CB0026")), role: "member" });
    expect(statusOf(result)).toBe(400);
    const reasons = ["Đang công tác tại Ủy ban nhân dân phường Cẩm Thành (từ 01/07/2025), là đơn vị được kiểm tra."];
    expect(payloadOf(result).reply.error.officerId).toEqual(reasons);
    expect(payloadOf(result).recused).toBe(true);
    expect(await activeTeam(id)).toEqual([]);
    expect(await recusalsOf(id)).toEqual([{ officer_id: await officerId("CB0026"), reasons }]);
    const events = (await auditEvents("inspection.recusal")).filter((e) => e.entity_id === String(id));
    expect(events).toHaveLength(1);
    expect((events[0]!.data as { reasons: string[] }).reasons).toEqual(reasons);

    const shown = payloadOf(await call(page.loader, await makeRequest(`/inspections/${id}`, { as: "giamdoc" }), { inspectionId: String(id) }));
    expect(shown.recusals.map((r: { code: string; reasons: string[] }) => [r.code, r.reasons])).toEqual([["CB0026", reasons]]);
    const head = payloadOf(await call(page.loader, await makeRequest(`/inspections/${id}`, { as: "truongdonvi" }), { inspectionId: String(id) }));
    expect(head.showRecusals).toBe(false);
    expect(head.recusals).toEqual([]);
  });

  it("refuses an officer who left an inspected unit less than 12 months before the decision, and accepts them a year on", async () => {
    const tp = String(await unitId(TP_QUANG_NGAI));
    const recent = await newInspection({ decisionNumber: "31/QĐ-SNV", unitIds: tp, periodFrom: "01/01/2025", periodTo: "30/06/2025" });
    const refused = await team(recent, "thanhtra", { intent: "add", officerId: String(await officerId("CB0024")), role: "member" });
    expect(statusOf(refused)).toBe(400);
    const reasons = [
      "Đã công tác tại Ủy ban nhân dân thành phố Quảng Ngãi đến 30/06/2025, chưa đủ 12 tháng tính đến ngày quyết định 05/03/2026.",
    ];
    expect(payloadOf(refused).reply.error.officerId).toEqual(reasons);
    expect(await recusalsOf(recent)).toEqual([{ officer_id: await officerId("CB0024"), reasons }]);
    expect((await auditEvents("inspection.recusal")).filter((e) => e.entity_id === String(recent))).toHaveLength(1);

    const later = await newInspection({ decisionNumber: "32/QĐ-SNV", unitIds: tp, decisionDate: "01/07/2026", periodFrom: "01/01/2025", periodTo: "30/06/2025" });
    expect(statusOf(await team(later, "thanhtra", { intent: "add", officerId: String(await officerId("CB0024")), role: "member" }))).toBe(302);
    expect(await activeTeam(later)).toEqual([{ code: "CB0024", role: "member" }]);
    expect(await recusalsOf(later)).toEqual([]);
  });
});

describe("conflict of interest through the inspection's cases", () => {
  it("refuses the subject of a case, and a member of the case's unit outside the scope", async () => {
    const id = await newInspection({ decisionNumber: "34/QĐ-SNV" });
    const subject = await officerId("CB0005");
    const thanhTra = await unitId("000.02.01.H55");
    // A case row as the case feature will open it; only its subject matters here.
    await getDb()
      .insertInto("inspection_case")
      .values({
        code: "KT-2099-0001",
        year: 2099,
        sequence: 1,
        inspection_id: id,
        subject_unit_id: thanhTra,
        subject_officer_id: subject,
        title: "Chậm xử lý hồ sơ",
        created_by: (await getDb().selectFrom("app_user").select("id").where("username", "=", "thanhtra").executeTakeFirstOrThrow()).id,
      })
      .execute();
    const refused = await team(id, "thanhtra", { intent: "add", officerId: String(subject), role: "member" });
    expect(payloadOf(refused).reply.error.officerId).toEqual([
      "Đang công tác tại Thanh tra Sở Nội vụ (từ 01/02/2021), là đối tượng của vụ việc KT-2099-0001.",
      "Là đối tượng của vụ việc KT-2099-0001.",
    ]);
    const listed = payloadOf(await call(list.loader, await makeRequest("/inspections", { as: "thanhtra" }))).rows.find((r: { id: number }) => r.id === id);
    expect(listed.case_count).toBe(1);
  });
});

describe("editing the scope or decision date of a staffed inspection", () => {
  it("refuses a change that would put a seated member in conflict, and allows it once the member has left", async () => {
    const id = await newInspection({ decisionNumber: "33/QĐ-SNV", unitIds: String(await unitId(NOI_VU)) });
    await team(id, "thanhtra", { intent: "add", officerId: String(await officerId("CB0024")), role: "member" });
    const params = { inspectionId: String(id) };
    const editTo = async (fields: Record<string, string>) =>
      call(edit.action, await makeRequest(`/inspections/${id}/edit`, { as: "thanhtra", form: await form({ decisionNumber: "33/QĐ-SNV", ...fields }) }), params);

    const refused = await editTo({ unitIds: String(await unitId(CAM_THANH)) });
    expect(statusOf(refused)).toBe(400);
    expect(payloadOf(refused).error[""]).toEqual([
      "Thành viên đoàn CB0024 – Phạm Văn Sơn sẽ có xung đột lợi ích: Đang công tác tại Ủy ban nhân dân phường Cẩm Thành (từ 01/07/2025), là đơn vị được kiểm tra. Hãy rút thành viên này khỏi đoàn trước.",
    ]);
    const units = await getDb().selectFrom("inspection_unit").select("unit_id").where("inspection_id", "=", id).execute();
    expect(units.map((u) => u.unit_id)).toEqual([await unitId(NOI_VU)]);

    const seat = await getDb().selectFrom("inspection_member").select("id").where("inspection_id", "=", id).executeTakeFirstOrThrow();
    await team(id, "thanhtra", { intent: "remove", memberId: String(seat.id), reason: "Công tác tại đơn vị sắp được kiểm tra" });
    expect(statusOf(await editTo({ unitIds: String(await unitId(CAM_THANH)) }))).toBe(302);
  });
});

describe("who may change inspections", () => {
  it("refuses every action and the forms to anyone but inspectors", async () => {
    const id = await newInspection({ decisionNumber: "40/QĐ-SNV" });
    const params = { inspectionId: String(id) };
    for (const as of ["giamdoc", "truongdonvi", "tccb", "quantri"]) {
      expect(statusOf(await createAs(as, await form({ decisionNumber: `40/${as}` })))).toBe(403);
      expect(statusOf(await call(create.loader, await makeRequest("/inspections/new", { as })))).toBe(403);
      expect(statusOf(await call(edit.loader, await makeRequest(`/inspections/${id}/edit`, { as }), params))).toBe(403);
      expect(statusOf(await call(edit.action, await makeRequest(`/inspections/${id}/edit`, { as, form: await form({ decisionNumber: "40/QĐ-SNV" }) }), params))).toBe(403);
      const attempts: Record<string, string>[] = [
        { intent: "add", officerId: String(await officerId("CB0005")), role: "member" },
        { intent: "remove", memberId: "1", reason: "x" },
        { intent: "lead", memberId: "1" },
      ];
      for (const fields of attempts) {
        expect(statusOf(await team(id, as, fields))).toBe(403);
      }
      expect(statusOf(await call(search.loader, await makeRequest("/inspections/officer-search?q=CB", { as })))).toBe(403);
    }
    expect(await activeTeam(id)).toEqual([]);
  });

  it("lets inspectors search officers for the team, ignoring diacritics", async () => {
    const found = payloadOf(await call(search.loader, await makeRequest("/inspections/officer-search?q=pham%20van%20son", { as: "thanhtra" })));
    expect(found.officers).toEqual([{ id: await officerId("CB0024"), code: "CB0024", name: "Phạm Văn Sơn", unitName: expect.any(String) }]);
  });
});
