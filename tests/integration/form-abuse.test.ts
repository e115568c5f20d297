// The main write forms tried as an attacker or a confused browser would: every field empty, a megabyte in
// one field, odd Unicode (combining marks, a right-to-left override, a zero-width joiner, a lone
// surrogate, an emoji) with and without a NUL character. Each is refused with a Vietnamese message that
// names the field (a 4xx or the form's errors), and no row of the database changes, the audit log
// included; never a 500. Odd Unicode without a NUL is ordinary text: it may be saved, in NFC.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { openCase, transitionCase } from "../../app/models/cases.server.js";
import { startConclusion } from "../../app/models/conclusions.server.js";
import { loadSessionUser } from "../../app/models/users.server.js";
import { NUL_MESSAGE } from "../../app/forms.js";
import * as login from "../../app/routes/login.js";
import * as newInspection from "../../app/routes/inspections.new.js";
import * as casePage from "../../app/routes/cases.$caseId.js";
import * as conclusionPage from "../../app/routes/cases.$caseId_.conclusion.js";
import * as newUser from "../../app/routes/admin.users.new.js";
import * as newUnit from "../../app/routes/units.new.js";
import { reviewedCase, setUpCaseWorld, type CaseWorld } from "../case-world.js";
import { call, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";

const MEGABYTE = "ệ".repeat(1024 * 1024);
// "Phường" typed with combining marks (NFD), a right-to-left override, a zero-width joiner inside an
// emoji sequence, a lone surrogate (a browser sends U+FFFD for it), a replacement character.
const ODD = "Phường Cẩm Thành".normalize("NFD") + " \u202Egnờưhp\u202C 👩\u200D💻 \uD800 \uFFFD 🇻🇳";
const WITH_NUL = `Hồ sơ\u0000${ODD}`;
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

/** Rows of every table (count and a digest of their text), minus sessions and sign-in attempts. */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
      and table_name not in ('user_session', 'login_attempt', 'kysely_migration', 'kysely_migration_lock')
    order by table_name`.execute(getDb());
  const parts = tables.rows.map(
    ({ table_name }) => sql`select ${table_name}::text as t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as f from ${sql.table(table_name)} x`,
  );
  const rows = await sql<{ t: string; f: string }>`${sql.join(parts, sql` union all `)}`.execute(getDb());
  return Object.fromEntries(rows.rows.map((r) => [r.t, r.f]));
}

type Form = Record<string, string | string[]>;
type Target = {
  name: string;
  as: string | null;
  path: () => string;
  run: (request: Request) => Promise<unknown>;
  /** A form the action would accept. */
  valid: () => Form;
  /** The fields a person types or picks (not the intent). */
  fields: string[];
  /** Those of them that are free text. */
  text: string[];
};

let world: CaseWorld;
let findingCaseId: number;
let conclusionCaseId: number;
let findingId: number;
let dossierOfFindingCase: number;

beforeAll(async () => {
  world = await setUpCaseWorld();
  const thanhtra = await userIdOf("thanhtra");
  const codes = [...world.dossierId.keys()].sort();
  dossierOfFindingCase = world.dossierId.get(codes[0]!)!;
  const opened = await openCase(
    getDb(),
    { inspectionId: world.inspectionId, subject: { unitId: world.unitId.get("000.31.01.H55")! }, title: "Chậm trả kết quả", dossierIds: [dossierOfFindingCase] },
    thanhtra,
  );
  if (!opened.ok) throw new Error(opened.message);
  findingCaseId = opened.id;
  const moved = await transitionCase(getDb(), { id: opened.id, scope: { all: true }, action: "open" }, (await loadSessionUser(getDb(), await userIdOf("thanhtra2")))!);
  expect(moved).toMatchObject({ ok: true });
  const reviewed = await reviewedCase(world, codes.slice(1, 3));
  conclusionCaseId = reviewed.caseId;
  findingId = reviewed.findingId;
  const started = await startConclusion(getDb(), { caseId: conclusionCaseId, scope: { all: true } }, (await loadSessionUser(getDb(), thanhtra))!);
  expect(started).toMatchObject({ ok: true });
});

const targets: Target[] = [
  {
    name: "đăng nhập",
    as: null,
    path: () => "/login",
    run: (request) => call(login.action, request),
    valid: () => ({ username: "thanhtra", password: "sai-mat-khau-123", redirectTo: "/" }),
    fields: ["username", "password"],
    text: ["username", "password"],
  },
  {
    name: "thêm đợt kiểm tra",
    as: "thanhtra",
    path: () => "/inspections/new",
    run: (request) => call(newInspection.action, request),
    valid: () => ({
      title: "Kiểm tra công vụ năm 2026",
      decisionNumber: "99/QĐ-SNV",
      decisionDate: "05/03/2026",
      decisionSigner: "Trần Thị Thanh Hương",
      legalBasis: "Luật Thanh tra số 11/2025/QH15",
      legalBasisDate: "25/06/2025",
      periodFrom: "01/07/2025",
      periodTo: "31/12/2025",
      unitIds: String(world.unitId.get("000.31.01.H55")),
    }),
    fields: ["title", "decisionNumber", "decisionDate", "decisionSigner", "legalBasis", "legalBasisDate", "periodFrom", "periodTo", "unitIds"],
    text: ["title", "decisionNumber", "decisionSigner", "legalBasis"],
  },
  {
    name: "ghi nội dung kiểm tra",
    as: "thanhtra2",
    path: () => `/cases/${findingCaseId}`,
    run: (request) => call(casePage.action, request, { caseId: String(findingCaseId) }),
    valid: () => ({ intent: "finding-add", criterionCode: "TC1", facts: "Hồ sơ trễ hạn 3 ngày làm việc.", proposedDeduction: "2,5", dossierIds: String(dossierOfFindingCase) }),
    fields: ["criterionCode", "facts", "proposedDeduction", "dossierIds"],
    text: ["facts"],
  },
  {
    name: "nội dung kết luận",
    as: "thanhtra",
    path: () => `/cases/${conclusionCaseId}/conclusion`,
    run: (request) => call(conclusionPage.action, request, { caseId: String(conclusionCaseId) }),
    valid: () => ({
      intent: "item",
      subject: "case",
      kind: "violation",
      content: "Để hồ sơ giải quyết quá hạn.",
      points: "2",
      attributedDelays: "1",
      disciplineLevel: "reprimand",
      parDeduction: "0.5",
      findingIds: [String(findingId)],
    }),
    fields: ["subject", "kind", "content", "points", "attributedDelays", "disciplineLevel", "parDeduction", "findingIds"],
    text: ["content"],
  },
  {
    name: "thêm người dùng",
    as: "quantri",
    path: () => "/admin/users/new",
    run: (request) => call(newUser.action, request),
    valid: () => ({ username: "nguoi.moi", displayName: "Nguyễn Văn Mới", password: "mot-mat-khau-du-dai", roles: "inspector" }),
    fields: ["username", "displayName", "password", "roles"],
    text: ["displayName", "password"],
  },
  {
    name: "thêm đơn vị",
    as: "quantri",
    path: () => "/units/new",
    run: (request) => call(newUnit.action, request),
    valid: () => ({ code: "000.31.99.H55", name: "Ủy ban nhân dân xã Thử Nghiệm", kind: "commune", parentId: "", validFrom: "01/07/2025", validTo: "" }),
    fields: ["code", "name", "kind", "parentId", "validFrom", "validTo"],
    text: ["code", "name"],
  },
];

async function submit(target: Target, form: Form) {
  const request = await makeRequest(target.path(), { as: target.as ?? undefined, form });
  return target.run(request);
}

/** The Vietnamese messages a refusal carries: conform's field errors, a login error, or a thrown Response's text. */
async function refusalOf(result: unknown): Promise<{ status: number; byField: Record<string, string[]>; text: string }> {
  const status = statusOf(result);
  if (result instanceof Response) return { status, byField: {}, text: await result.text() };
  const payload = payloadOf(result) as { error?: unknown } | null;
  if (payload && typeof payload.error === "string") return { status, byField: {}, text: payload.error };
  const byField = (payload?.error ?? {}) as Record<string, string[] | null>;
  const clean = Object.fromEntries(Object.entries(byField).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].length > 0));
  return { status, byField: clean, text: Object.values(clean).flat().join(" ") };
}

/** Errors about `field`: conform keys an array element or a nested value as `field[0]` or `field.x`. */
const about = (byField: Record<string, string[]>, field: string) =>
  Object.entries(byField)
    .filter(([key]) => key === field || key.startsWith(`${field}[`) || key.startsWith(`${field}.`))
    .flatMap(([, messages]) => messages);

async function expectRefused(target: Target, form: Form, field: string | null) {
  const before = await fingerprint();
  const result = await submit(target, form);
  const refusal = await refusalOf(result);
  const where = `${target.name} › ${field ?? "mọi trường"}`;
  expect(refusal.status, `${where}: ${refusal.text}`).toBeGreaterThanOrEqual(400);
  expect(refusal.status, where).toBeLessThan(500);
  expect(refusal.text, where).toMatch(VIETNAMESE);
  if (field && target.as !== null) {
    const messages = about(refusal.byField, field);
    expect(messages.length, `${where}: ${JSON.stringify(refusal.byField)}`).toBeGreaterThan(0);
    for (const m of messages) expect(m, where).toMatch(VIETNAMESE);
  }
  expect(await fingerprint(), where).toEqual(before);
  return refusal;
}

describe("a form submitted with every field empty", () => {
  for (const target of targets) {
    it(`${target.name}: refused, the missing fields named, nothing written`, async () => {
      const form = Object.fromEntries(Object.entries(target.valid()).map(([k, v]) => [k, k === "intent" ? v : ""]));
      const refusal = await expectRefused(target, form, null);
      if (target.as === null) expect(refusal.text).toBe("Vui lòng nhập tên đăng nhập và mật khẩu.");
      else expect(Object.keys(refusal.byField).length).toBeGreaterThan(0);
    });
  }
});

describe("a megabyte in one field", () => {
  for (const target of targets) {
    it(`${target.name}: each field in turn is refused by name, nothing written`, async () => {
      for (const field of target.fields) {
        if (target.as === null) {
          // Sign-in says no more than "wrong name or password", whatever was typed.
          const refusal = await expectRefused(target, { ...target.valid(), [field]: MEGABYTE }, field);
          expect(refusal.text).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
          continue;
        }
        await expectRefused(target, { ...target.valid(), [field]: MEGABYTE }, field);
      }
    });
  }

  it("a megabyte-long user name at sign-in is remembered by its first hundred characters only", async () => {
    const [last] = await getDb().selectFrom("login_attempt").select(["username"]).orderBy("id", "desc").limit(1).execute();
    expect(last!.username.length).toBeLessThanOrEqual(100);
  });
});

describe("odd Unicode with a NUL character", () => {
  for (const target of targets) {
    it(`${target.name}: each field in turn is refused by name (PostgreSQL cannot store a NUL), nothing written`, async () => {
      for (const field of target.fields) {
        const refusal = await expectRefused(target, { ...target.valid(), [field]: WITH_NUL }, field);
        // A password is never stored, only hashed: with a NUL it is simply not the right one.
        if (target.as === null) expect(refusal.text).toBe(field === "username" ? "Tên đăng nhập có ký tự không hợp lệ (NUL); hãy gõ lại tên đăng nhập." : "Tên đăng nhập hoặc mật khẩu không đúng.");
        // Free text would reach the database: the NUL itself is what is named. A date, a number, a choice
        // or an id is refused for not being one, which is message enough.
        else if (target.text.includes(field)) expect(about(refusal.byField, field)).toContain(NUL_MESSAGE);
      }
    });
  }
});

describe("odd Unicode without a NUL in free text", () => {
  it("is kept as typed, in NFC, in an inspection's title and a unit's name", async () => {
    const inspection = targets.find((t) => t.name === "thêm đợt kiểm tra")!;
    const created = await submit(inspection, { ...inspection.valid(), title: ODD, decisionNumber: "98/QĐ-SNV" });
    expect(statusOf(created)).toBe(302);
    const row = await getDb().selectFrom("inspection").select("title").where("decision_number", "=", "98/QĐ-SNV").executeTakeFirstOrThrow();
    expect(row.title).toBe(ODD.replace("\uD800", "\uFFFD").normalize("NFC").trim());

    const unit = targets.find((t) => t.name === "thêm đơn vị")!;
    expect(statusOf(await submit(unit, { ...unit.valid(), code: "000.31.98.H55", name: ODD }))).toBe(302);
    const stored = await getDb().selectFrom("unit").select("name").where("code", "=", "000.31.98.H55").executeTakeFirstOrThrow();
    expect(stored.name).toBe(row.title);
  });
});
