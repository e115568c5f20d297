// The first write forms put through the abuse of form-abuse-kit.ts (every field empty, a megabyte in one
// field, odd Unicode with a NUL): sign-in, a new inspection, a finding, a conclusion item, a new user and a
// new unit; the other forms are in form-abuse-org.test.ts and form-abuse-cases.test.ts. Odd Unicode without
// a NUL is ordinary text: it may be saved, in NFC.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { DEMO_PASSWORD } from "../../db/seed.js";
import { openCase, transitionCase } from "../../app/models/cases.server.js";
import { startConclusion } from "../../app/models/conclusions.server.js";
import { loadSessionUser } from "../../app/models/users.server.js";
import * as login from "../../app/routes/login.js";
import * as newInspection from "../../app/routes/inspections.new.js";
import * as casePage from "../../app/routes/cases.$caseId.js";
import * as conclusionPage from "../../app/routes/cases.$caseId_.conclusion.js";
import * as newUser from "../../app/routes/admin.users.new.js";
import * as newUnit from "../../app/routes/units.new.js";
import { reviewedCase, setUpCaseWorld, type CaseWorld } from "../case-world.js";
import { statusOf, userIdOf } from "../helpers.js";
import { describeFormAbuse, formOf, ODD, submit, type Target } from "./form-abuse-kit.js";

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
  formOf(login.action, () => "/login")(null, "đăng nhập", {
    valid: () => ({ username: "thanhtra", password: DEMO_PASSWORD, redirectTo: "/" }),
    fields: ["username", "password"],
    text: ["username", "password"],
    // Sign-in says no more than "wrong name or password", whatever was typed; a password is never
    // stored, only hashed: with a NUL it is simply not the right one.
    says: {
      empty: "Vui lòng nhập tên đăng nhập và mật khẩu.",
      oversized: () => "Tên đăng nhập hoặc mật khẩu không đúng.",
      nul: (field) => (field === "username" ? "Tên đăng nhập có ký tự không hợp lệ (NUL); hãy gõ lại tên đăng nhập." : "Tên đăng nhập hoặc mật khẩu không đúng."),
    },
  }),
  formOf(newInspection.action, () => "/inspections/new")("thanhtra", "thêm đợt kiểm tra", {
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
  }),
  formOf(casePage.action, () => `/cases/${findingCaseId}`, () => ({ caseId: String(findingCaseId) }))("thanhtra2", "ghi nội dung kiểm tra", {
    valid: () => ({ intent: "finding-add", criterionCode: "TC1", facts: "Hồ sơ trễ hạn 3 ngày làm việc.", proposedDeduction: "2,5", dossierIds: String(dossierOfFindingCase) }),
    fields: ["criterionCode", "facts", "proposedDeduction", "dossierIds"],
    text: ["facts"],
  }),
  formOf(conclusionPage.action, () => `/cases/${conclusionCaseId}/conclusion`, () => ({ caseId: String(conclusionCaseId) }))("thanhtra", "nội dung kết luận", {
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
  }),
  formOf(newUser.action, () => "/admin/users/new")("quantri", "thêm người dùng", {
    valid: () => ({ username: "nguoi.moi", displayName: "Nguyễn Văn Mới", password: "mot-mat-khau-du-dai", roles: "inspector" }),
    fields: ["username", "displayName", "password", "roles"],
    text: ["displayName", "password"],
  }),
  formOf(newUnit.action, () => "/units/new")("quantri", "thêm đơn vị", {
    valid: () => ({ code: "000.31.99.H55", name: "Ủy ban nhân dân xã Thử Nghiệm", kind: "commune", parentId: "", validFrom: "01/07/2025", validTo: "" }),
    fields: ["code", "name", "kind", "parentId", "validFrom", "validTo"],
    text: ["code", "name"],
  }),
];

describeFormAbuse(targets);

describe("a megabyte-long user name at sign-in", () => {
  it("is remembered by its first hundred characters only", async () => {
    const attempts = await getDb().selectFrom("login_attempt").select(["username"]).where("username", "like", "hồ sơ xxx%").execute();
    expect(attempts.length).toBeGreaterThan(0);
    for (const a of attempts) expect(a.username.length).toBeLessThanOrEqual(100);
  });
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
