import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { importOrganisation, type UploadedFile } from "../../app/models/org-import.server.js";
import { insertUser } from "../../app/models/users.server.js";
import * as page from "../../app/routes/admin.import-org.js";
import { runCli } from "../cli.js";
import { call, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixture = (name: string) => path.join(root, "tests/fixtures/org", name);
const file = (name: string): UploadedFile => ({ fileName: name, bytes: readFileSync(fixture(name)) });
const text = (fileName: string, content: string): UploadedFile => ({ fileName, bytes: new TextEncoder().encode(content) });

const UNITS_HEADER = "unit_code,name,parent_code,kind,valid_from,valid_to\n";
const OFFICERS_HEADER = "officer_code,full_name,unit_code,position,valid_from,valid_to\n";

// Users only: the organisation must start empty so that the sample's counts are the whole story.
beforeAll(async () => {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await insertUser(trx, { username: "quantri", displayName: "Quản trị hệ thống", passwordHash: "x", roles: [{ role: "admin", unitId: null }] }, null);
      await insertUser(trx, { username: "thanhtra", displayName: "Phạm Thị Ngọc Ánh", passwordHash: "x", roles: [{ role: "inspector", unitId: null }] }, null);
    });
});

async function snapshot() {
  const db = getDb();
  const [units, officers, memberships, batches, audit] = await Promise.all([
    db.selectFrom("unit").select(["id", "code", "name", "kind", "parent_id", "valid_from", "valid_to", "updated_at"]).orderBy("id").execute(),
    db.selectFrom("officer").select(["id", "code", "full_name", "updated_at"]).orderBy("id").execute(),
    db.selectFrom("officer_membership").selectAll().orderBy("id").execute(),
    db.selectFrom("import_batch").selectAll().orderBy("id").execute(),
    db.selectFrom("audit_event").select(["id", "action", "summary", "data", "entity_id"]).orderBy("id").execute(),
  ]);
  return { units, officers, memberships, batches, audit };
}

async function parentOf(code: string): Promise<string | null> {
  const row = await getDb()
    .selectFrom("unit as u")
    .leftJoin("unit as p", "p.id", "u.parent_id")
    .select("p.code")
    .where("u.code", "=", code)
    .executeTakeFirstOrThrow();
  return row.code;
}

async function membershipsOf(code: string) {
  return getDb()
    .selectFrom("officer_membership as m")
    .innerJoin("officer as o", "o.id", "m.officer_id")
    .innerJoin("unit as u", "u.id", "m.unit_id")
    .select(["u.code as unit", "m.position", "m.valid_from", "m.valid_to"])
    .where("o.code", "=", code)
    .orderBy("m.valid_from")
    .execute();
}

describe("importing the sample units.csv and officers.csv into an empty system", () => {
  it("creates the 26 units, 88 officers and 89 memberships the files define", async () => {
    const admin = await userIdOf("quantri");
    const result = await importOrganisation(getDb(), { units: file("units.csv"), officers: file("officers.csv"), userId: admin });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.counts).toEqual({
      units: { created: 26, updated: 0, unchanged: 0 },
      officers: { created: 88, updated: 0, unchanged: 0 },
      memberships: { created: 89, deleted: 0, unchanged: 0 },
    });
    const after = await snapshot();
    expect(after.units).toHaveLength(26);
    expect(after.officers).toHaveLength(88);
    expect(after.memberships).toHaveLength(89);
  });

  it("builds the tree, whatever the order of the rows", async () => {
    expect(await parentOf("000.00.00.H55")).toBeNull();
    expect(await parentOf("000.00.01.H55")).toBe("000.00.00.H55");
    expect(await parentOf("000.01.01.H55")).toBe("000.00.01.H55");
    expect(await parentOf("000.20.02.H55")).toBe("000.20.00.H55");
    const district = await getDb().selectFrom("unit").selectAll().where("code", "=", "000.20.00.H55").executeTakeFirstOrThrow();
    expect(district).toMatchObject({ name: "Ủy ban nhân dân huyện Sơn Tịnh", kind: "district", valid_from: "2008-01-01", valid_to: "2025-06-30" });
    const division = await getDb().selectFrom("unit").selectAll().where("code", "=", "000.01.01.H55").executeTakeFirstOrThrow();
    expect(division).toMatchObject({ name: "Phòng Công chức, viên chức", valid_from: null, valid_to: null });
  });

  it("gives an officer listed twice both periods, and keeps codes as written", async () => {
    expect(await membershipsOf("CB0042")).toEqual([
      { unit: "000.20.01.H55", position: "Công chức Tư pháp - Hộ tịch", valid_from: "2016-05-01", valid_to: "2025-06-30" },
      { unit: "000.31.06.H55", position: "Công chức Tư pháp - Hộ tịch", valid_from: "2025-07-01", valid_to: null },
    ]);
    expect(await membershipsOf("002257")).toEqual([
      { unit: "000.20.02.H55", position: "Công chức Tư pháp - Hộ tịch", valid_from: "2021-09-01", valid_to: "2025-06-30" },
    ]);
    expect(await membershipsOf("CB0006")).toEqual([{ unit: "000.00.90.H55", position: null, valid_from: "2019-10-01", valid_to: null }]);
  });

  it("records the batch: files with SHA-256 and row counts, the counts and the user, and one audit event", async () => {
    const { batches, audit } = await snapshot();
    expect(batches).toHaveLength(1);
    const units = readFileSync(fixture("units.csv"));
    const { createHash } = await import("node:crypto");
    expect(batches[0]).toMatchObject({
      kind: "org",
      user_id: await userIdOf("quantri"),
      files: [
        { role: "units", name: "units.csv", sha256: createHash("sha256").update(units).digest("hex"), rows: 26 },
        { role: "officers", name: "officers.csv", sha256: expect.stringMatching(/^[0-9a-f]{64}$/), rows: 89 },
      ],
    });
    const events = audit.filter((e) => e.action === "org.import");
    expect(events).toHaveLength(1);
    expect(events[0]!.entity_id).toBe(String(batches[0]!.id));
    expect(events[0]!.summary).toContain("Đơn vị: 26 mới");
  });
});

describe("importing the same files a second time", () => {
  it("changes nothing: all counts unchanged, no updated_at moved, no membership replaced", async () => {
    const before = await snapshot();
    const result = await importOrganisation(getDb(), { units: file("units.csv"), officers: file("officers.csv"), userId: null });
    expect(result.ok && result.counts).toEqual({
      units: { created: 0, updated: 0, unchanged: 26 },
      officers: { created: 0, updated: 0, unchanged: 88 },
      memberships: { created: 0, deleted: 0, unchanged: 89 },
    });
    const after = await snapshot();
    expect(after.units).toEqual(before.units);
    expect(after.officers).toEqual(before.officers);
    expect(after.memberships).toEqual(before.memberships);
  });

  it("still records its batch and exactly one audit event", async () => {
    const { batches, audit } = await snapshot();
    expect(batches).toHaveLength(2);
    expect(audit.filter((e) => e.action === "org.import")).toHaveLength(2);
    expect(audit).toHaveLength(4); // two users created, two imports
  });
});

describe("importing changed files", () => {
  it("updates only what changed and leaves units and officers not in the files alone", async () => {
    const before = await snapshot();
    const result = await importOrganisation(getDb(), {
      units: text("units.csv", UNITS_HEADER + "000.00.08.H55,Sở Công Thương tỉnh Quảng Ngãi,000.00.00.H55,department,2008-01-01,\n000.99.01.H55,Phòng mới,000.00.08.H55,division,2026-01-01,\n"),
      officers: text(
        "officers.csv",
        OFFICERS_HEADER +
          "CB0036,Trần Quốc Thắng,000.00.08.H55,Chuyên viên chính,2008-01-01,2025-12-31\n" +
          "CB0036,Trần Quốc Thắng,000.99.01.H55,Trưởng phòng,2026-01-01,\n" +
          "CB0037,Hồ Ngọc Hạnh,000.00.08.H55,Chuyên viên chính,2008-01-01,\n" +
          "CB0038,Hồ Văn Lân,000.00.08.H55,Phó Giám đốc,2008-01-01,\n",
      ),
      userId: null,
    });
    expect(result.ok && result.counts).toEqual({
      units: { created: 1, updated: 1, unchanged: 0 },
      officers: { created: 0, updated: 2, unchanged: 1 },
      memberships: { created: 2, deleted: 1, unchanged: 2 },
    });
    const after = await snapshot();
    const moved = (rows: { code: string; updated_at: Date }[], old: { code: string; updated_at: Date }[]) =>
      rows.filter((r) => old.find((o) => o.code === r.code)?.updated_at.getTime() !== r.updated_at.getTime()).map((r) => r.code);
    expect(moved(after.units, before.units)).toEqual(["000.00.08.H55", "000.99.01.H55"]);
    expect(moved(after.officers, before.officers)).toEqual(["CB0036", "CB0038"]);
    expect(after.units).toHaveLength(27);
    expect(after.officers).toHaveLength(88);
    expect(await membershipsOf("CB0036")).toEqual([
      { unit: "000.00.08.H55", position: "Chuyên viên chính", valid_from: "2008-01-01", valid_to: "2025-12-31" },
      { unit: "000.99.01.H55", position: "Trưởng phòng", valid_from: "2026-01-01", valid_to: null },
    ]);
    // CB0037's membership row is the very same one: nothing was replaced that had not changed.
    const kept = (s: typeof before) => s.memberships.filter((m) => m.officer_id === s.officers.find((o) => o.code === "CB0037")!.id);
    expect(kept(after)).toEqual(kept(before));
  });

  it("moves units around in one import without tripping over the tree as it stood", async () => {
    // Stored: 000.20.00 (district) above 000.20.01 (commune). The file turns them round.
    const result = await importOrganisation(getDb(), {
      units: text(
        "units.csv",
        UNITS_HEADER +
          "000.20.00.H55,Ủy ban nhân dân huyện Sơn Tịnh,000.20.01.H55,district,2008-01-01,2025-06-30\n" +
          "000.20.01.H55,UBND xã Tịnh Hà,000.00.00.H55,commune,,2025-06-30\n",
      ),
      userId: null,
    });
    expect(result.ok).toBe(true);
    expect(await parentOf("000.20.00.H55")).toBe("000.20.01.H55");
    expect(await parentOf("000.20.01.H55")).toBe("000.00.00.H55");
    expect(await parentOf("000.20.02.H55")).toBe("000.20.00.H55");
  });

  it("refuses a file that would close a cycle through units already stored", async () => {
    // Stored: 000.20.02 under 000.20.00. The file puts 000.20.00 under 000.20.02.
    const result = await importOrganisation(getDb(), {
      units: text("units.csv", UNITS_HEADER + "000.20.00.H55,Huyện,000.20.02.H55,district,,\n"),
      userId: null,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      {
        file: "units.csv",
        line: 2,
        column: "parent_code",
        message: "quan hệ cấp trên tạo thành vòng lặp: 000.20.00.H55 → 000.20.02.H55 → 000.20.00.H55 (dòng 2).",
      },
    ]);
  });

  it("accepts Vietnamese headers in any case, a byte order mark and Windows line endings", async () => {
    const units = "\uFEFFMÃ ĐƠN VỊ,Tên Đơn Vị,Mã đơn vị cấp trên,LOẠI,Từ ngày,Đến ngày,Ghi chú\r\n000.99.02.H55,Phòng thử,000.00.00.H55,Division,2026-01-01,,bỏ qua\r\n";
    const officers = "\uFEFFMã cán bộ,HỌ VÀ TÊN,Mã Đơn Vị,Chức vụ,Từ ngày,Đến ngày\r\nCB9001,Nguyễn Thị Ánh,000.99.02.H55,Chuyên viên,2026-01-01,\r\n";
    const result = await importOrganisation(getDb(), { units: text("don-vi.csv", units), officers: text("can-bo.csv", officers), userId: null });
    expect(result.ok && result.counts.units.created).toBe(1);
    expect(result.ok && result.counts.officers.created).toBe(1);
    expect(await parentOf("000.99.02.H55")).toBe("000.00.00.H55");
    expect(await membershipsOf("CB9001")).toEqual([{ unit: "000.99.02.H55", position: "Chuyên viên", valid_from: "2026-01-01", valid_to: null }]);
  });
});

describe("a rejected import", () => {
  it("writes nothing, not even a batch, and reports every bad line of both files", async () => {
    const before = await snapshot();
    const result = await importOrganisation(getDb(), { units: file("units-bad.csv"), officers: file("officers-bad.csv"), userId: null });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.file, e.line, e.column])).toEqual([
      ["units-bad.csv", 4, "unit_code"],
      ["units-bad.csv", 5, "kind"],
      ["units-bad.csv", 6, "valid_from"],
      ["units-bad.csv", 7, "parent_code"],
      ["units-bad.csv", 8, "valid_to"],
      ["units-bad.csv", 9, "unit_code"],
      ["officers-bad.csv", 3, "full_name"],
      ["officers-bad.csv", 4, "unit_code"],
      ["officers-bad.csv", 6, "valid_from"],
    ]);
    expect(result.errors[3]!.message).toBe('không tìm thấy đơn vị cấp trên "000.99.00.H55" trong tệp hoặc trong hệ thống.');
    expect(result.errors[8]!.message).toContain("ở dòng 5");
    expect(await snapshot()).toEqual(before);
  });
});

describe("5,000 officers", () => {
  it("import in a few seconds, and again with nothing to do", async () => {
    let units = UNITS_HEADER + "P5,Tỉnh thử,,province,,\n";
    for (let u = 0; u < 100; u++) units += `P5.${u},Đơn vị ${u},P5,department,,\n`;
    let officers = OFFICERS_HEADER;
    for (let i = 0; i < 5000; i++) {
      officers += `T${i},Cán bộ ${i},P5.${i % 100},Chuyên viên,2015-01-01,2024-12-31\n`;
      officers += `T${i},Cán bộ ${i},P5.${(i + 1) % 100},Chuyên viên chính,2025-01-01,\n`;
    }
    const input = { units: text("u.csv", units), officers: text("o.csv", officers), userId: null };
    let started = Date.now();
    const first = await importOrganisation(getDb(), input);
    expect(first.ok && first.counts.memberships.created).toBe(10_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    started = Date.now();
    const second = await importOrganisation(getDb(), input);
    expect(second.ok && second.counts.officers).toEqual({ created: 0, updated: 0, unchanged: 5000 });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe("the import-org command", () => {
  const run = (...args: string[]) => runCli(["import-org", ...args], { DATABASE_URL: process.env.DATABASE_URL! });

  it("exits 0 on good files, with a Vietnamese summary", async () => {
    const { code, stderr } = await run("--units", fixture("units.csv"), "--officers", fixture("officers.csv"));
    expect(code).toBe(0);
    expect(stderr).toMatch(/Đã nhập dữ liệu tổ chức \(lần nhập số \d+\)\. Đơn vị: \d+ mới, \d+ cập nhật, \d+ không đổi\./);
  }, 120_000);

  it("exits 1 with the whole report on stderr for bad files, and writes nothing", async () => {
    const batches = (await snapshot()).batches.length;
    const { code, stderr } = await run("--units", fixture("units-bad.csv"), "--officers", fixture("officers-bad.csv"));
    expect(code).toBe(1);
    expect(stderr).toContain("Tệp units-bad.csv:\n");
    expect(stderr).toContain('Dòng 7, cột parent_code: không tìm thấy đơn vị cấp trên "000.99.00.H55" trong tệp hoặc trong hệ thống.');
    expect(stderr).toContain("Tệp officers-bad.csv:\nDòng 3, cột full_name: thiếu họ và tên.");
    expect(stderr).toContain("Từ chối nhập: 9 lỗi ở 9 dòng. Không có dữ liệu nào được ghi");
    expect((await snapshot()).batches).toHaveLength(batches);
  }, 120_000);

  it("exits 1 when given no file, or a file that does not exist", async () => {
    const none = await run();
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("Cần ít nhất một tệp: --units hoặc --officers.");
    const missing = await run("--units", fixture("khong-co.csv"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("khong-co.csv\" (--units) không tồn tại.");
  }, 120_000);
});

describe("the import page", () => {
  const upload = (as: string, files: Record<string, File>) => makeRequest("/admin/import-org", { as, form: files });
  const csv = (name: string, content: string | Uint8Array) =>
    new File([typeof content === "string" ? content : new Uint8Array(content)], name, { type: "text/csv" });

  it("is refused to non-admins, for viewing and for uploading (403)", async () => {
    expect(statusOf(await call(page.loader, await makeRequest("/admin/import-org", { as: "thanhtra" })))).toBe(403);
    const before = (await snapshot()).batches.length;
    const result = await call(page.action, await upload("thanhtra", { units: csv("units.csv", readFileSync(fixture("units.csv"))) }));
    expect(statusOf(result)).toBe(403);
    expect((await snapshot()).batches).toHaveLength(before);
  });

  it("accepts an admin's upload and comes back with a toast", async () => {
    const response = (await call(
      page.action,
      await upload("quantri", {
        units: csv("units.csv", readFileSync(fixture("units.csv"))),
        officers: csv("officers.csv", readFileSync(fixture("officers.csv"))),
      }),
    )) as Response;
    expect(response.status).toBe(302);
    const batch = await getDb().selectFrom("import_batch").select(["id", "user_id"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(batch.user_id).toBe(await userIdOf("quantri"));
    expect(response.headers.get("Location")).toBe(`/admin/import-org?batch=${batch.id}`);
    expect(response.headers.get("Set-Cookie")).toMatch(/^ktcv_toast=/);
  });

  it("accepts one file alone (an empty second file input is ignored)", async () => {
    const response = (await call(
      page.action,
      await makeRequest("/admin/import-org", {
        as: "quantri",
        form: { note: "một trường khác bị bỏ qua", units: csv("units.csv", readFileSync(fixture("units.csv"))), officers: new File([], "") },
      }),
    )) as Response;
    expect(response.status).toBe(302);
    const batch = await getDb().selectFrom("import_batch").select("files").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect((batch.files as { role: string }[]).map((f) => f.role)).toEqual(["units"]);
  });

  it("shows a rejected file's report, line by line", async () => {
    const result = await call(page.action, await upload("quantri", { units: csv("units-bad.csv", readFileSync(fixture("units-bad.csv"))) }));
    expect(statusOf(result)).toBe(422);
    const { errors } = payloadOf<{ errors: { line: number; column: string }[] }>(result);
    expect(errors.map((e) => e.line)).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it("asks for a file when none was chosen, and refuses a file over 20 MB", async () => {
    const empty = await call(page.action, await upload("quantri", { units: new File([], "") }));
    expect(statusOf(empty)).toBe(400);
    expect(payloadOf(empty).error).toBe("Hãy chọn ít nhất một tệp: tệp đơn vị hoặc tệp cán bộ.");
    const big = await call(page.action, await upload("quantri", { units: csv("units.csv", new Uint8Array(21 * 1024 * 1024)) }));
    expect(statusOf(big)).toBe(413);
    expect(payloadOf(big).error).toContain("tối đa 20 MB");
  });

  it("lists past imports newest first, with the user and the files", async () => {
    const result = payloadOf(await call(page.loader, await makeRequest("/admin/import-org", { as: "quantri" })));
    const total = (await snapshot()).batches.length;
    expect(result.batches.total).toBe(total);
    expect(result.batches.rows[0].userName).toBe("Quản trị hệ thống (quantri)");
    expect(result.batches.rows[0].files[0]).toMatchObject({ role: "units", name: "units.csv", rows: 26 });
    expect(result.batches.rows[1].counts.officers).toEqual({ created: 0, updated: 0, unchanged: 88 });
  });
});
