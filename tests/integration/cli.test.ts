import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { verifyPassword } from "../../app/auth.server.js";
import { loadRoles } from "../../app/models/users.server.js";
import { runCli } from "../cli.js";

describe("the operators' command line", () => {
  it("migrates an up-to-date database and says so", async () => {
    const result = await runCli(["migrate"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Cơ sở dữ liệu đã ở lược đồ mới nhất.");
  });

  it("loads the demo into an empty database, once", async () => {
    expect((await runCli(["seed"])).code).toBe(0);
    const count = () => getDb().selectFrom("unit").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const first = (await count()).n;
    expect(first).toBeGreaterThan(20);
    expect((await runCli(["seed"])).code).toBe(0);
    expect((await count()).n).toBe(first);
  }, 120_000);

  it("creates a user with a scoped role whose password works, and records it in the audit log", async () => {
    const result = await runCli([
      "create-user", "--username", "Lan.NT", "--name", "Nguyễn Thị Lan", "--password", "mat-khau-dai-1",
      "--role", "unit_head:000.31.02.H55", "--role", "inspector", "--officer", "CB0030",
    ]);
    expect(result.stderr).toContain('Đã tạo người dùng "lan.nt" (Nguyễn Thị Lan).');
    expect(result.code).toBe(0);
    const user = await getDb().selectFrom("app_user").selectAll().where("username", "=", "lan.nt").executeTakeFirstOrThrow();
    expect(await verifyPassword(user.password_hash, "mat-khau-dai-1")).toBe(true);
    expect((await loadRoles(getDb(), user.id)).map((r) => [r.role, r.unitName])).toEqual([
      ["unit_head", "Ủy ban nhân dân phường Nghĩa Lộ"],
      ["inspector", null],
    ]);
    const audit = await getDb().selectFrom("audit_event").select("summary").where("entity_id", "=", user.id).execute();
    expect(audit).toEqual([{ summary: "Tạo người dùng lan.nt (Nguyễn Thị Lan)" }]);
  });

  it("refuses bad input with a Vietnamese message and a non-zero exit, creating nothing", async () => {
    const cases: [string[], string][] = [
      [["create-user", "--username", "x1", "--name", "A", "--password", "12345678", "--role", "admin"], "Tên đăng nhập phải dài 3–40 ký tự"],
      [["create-user", "--username", "abc", "--name", "A", "--password", "12345678", "--role", "boss"], 'Vai trò không hợp lệ: "boss"'],
      [["create-user", "--username", "abc", "--name", "A", "--password", "12345678", "--role", "hr"], "Vai trò Tổ chức cán bộ cần gắn với một đơn vị."],
      [["create-user", "--username", "abc", "--name", "A", "--password", "12345678", "--role", "hr:KHONG-CO"], 'Không tìm thấy đơn vị có mã "KHONG-CO".'],
      [["create-user", "--username", "quantri", "--name", "A", "--password", "12345678", "--role", "admin"], 'Tên đăng nhập "quantri" đã tồn tại.'],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr).toContain(message);
    }
    expect(await getDb().selectFrom("app_user").select("id").where("username", "=", "abc").execute()).toEqual([]);
  });

  it("names an unknown command and lists the commands, exiting 2", async () => {
    const result = await runCli(["xoa-het"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Không có lệnh "xoa-het".');
    expect(result.stderr).toContain("create-user");
  });
});
