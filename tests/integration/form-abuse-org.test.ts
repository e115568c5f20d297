// The administration forms put through the abuse of form-abuse-kit.ts (every field empty, a megabyte in
// one field, odd Unicode with a NUL): officers and their memberships, a unit's edit, a user's edit and
// password reset, one's own password, the working calendar, API tokens, the progress threshold, and the
// file uploads (organisation, calendar, evidence), which name the file they need rather than a field.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll } from "vitest";
import { getDb } from "../../db/index.js";
import { projectRoot } from "../../db/runtime.js";
import { DEMO_PASSWORD } from "../../db/seed.js";
import { hashPassword } from "../../app/auth.server.js";
import { waitForImportJob } from "../../app/models/import-jobs.server.js";
import { addMembership, createOfficer } from "../../app/models/officers.server.js";
import { createUnit } from "../../app/models/units.server.js";
import { createUser } from "../../app/models/users.server.js";
import * as accountPassword from "../../app/routes/account.password.js";
import * as apiTokens from "../../app/routes/admin.api-tokens.js";
import * as calendar from "../../app/routes/admin.calendar.js";
import * as importOrg from "../../app/routes/admin.import-org.js";
import * as editUser from "../../app/routes/admin.users.$userId.js";
import * as dashboard from "../../app/routes/evidence.dashboard.js";
import * as evidenceImport from "../../app/routes/evidence.import._index.js";
import * as evidenceImportStart from "../../app/routes/evidence.import.start.js";
import * as editMembership from "../../app/routes/officers.$officerId.memberships.$membershipId.edit.js";
import * as endMembership from "../../app/routes/officers.$officerId.memberships.$membershipId.end.js";
import * as newMembership from "../../app/routes/officers.$officerId.memberships.new.js";
import * as editOfficer from "../../app/routes/officers.$officerId.edit.js";
import * as newOfficer from "../../app/routes/officers.new.js";
import * as editUnit from "../../app/routes/units.$unitId.edit.js";
import { setUpCaseWorld, type CaseWorld } from "../case-world.js";
import { userIdOf } from "../helpers.js";
import { describeFormAbuse, formOf, type Target } from "./form-abuse-kit.js";

const WARD = "000.31.01.H55";
const OTHER_WARD = "000.31.02.H55";

let world: CaseWorld;
let officerId: number;
/** The officer's two memberships: one ended (2020–2024), one open since 2025. */
let endedMembership: number;
let openMembership: number;
let unitId: number;
let userId: string;

const fixture = async (name: string, type = "text/csv") => new File([await readFile(path.join(projectRoot, "tests/fixtures", name))], path.basename(name), { type });
let files: Record<"units" | "calendar" | "events", File>;

beforeAll(async () => {
  world = await setUpCaseWorld();
  const admin = await userIdOf("quantri");
  const officer = await createOfficer(
    getDb(),
    { code: "CB9000", fullName: "Trần Thị Thử", membership: { unitId: world.unitId.get(WARD)!, position: "Chuyên viên", validFrom: "2020-01-01", validTo: "2024-12-31" } },
    admin,
  );
  if (!officer.ok) throw new Error(JSON.stringify(officer));
  officerId = officer.id;
  const added = await addMembership(getDb(), officerId, { unitId: world.unitId.get(OTHER_WARD)!, position: null, validFrom: "2025-01-01", validTo: null }, admin);
  if (!added?.ok) throw new Error(JSON.stringify(added));
  const memberships = await getDb().selectFrom("officer_membership").select(["id", "valid_to"]).where("officer_id", "=", officerId).orderBy("valid_from").execute();
  [endedMembership, openMembership] = memberships.map((m) => m.id) as [number, number];
  const unit = await createUnit(getDb(), { code: "000.31.97.H55", name: "Ủy ban nhân dân xã Thử Sửa", kind: "commune", parentId: null, validFrom: "2025-07-01", validTo: null }, admin);
  if (!unit.ok) throw new Error(JSON.stringify(unit));
  unitId = unit.id;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const [username, displayName] of [
    ["nguoi.sua", "Người Được Sửa"],
    ["doi.mat.khau", "Người Đổi Mật Khẩu"],
  ]) {
    const created = await createUser(getDb(), { username: username!, displayName: displayName!, passwordHash, officerId: null, roles: [{ role: "inspector", unitId: null }] }, admin);
    if (!created.ok) throw new Error(JSON.stringify(created));
  }
  userId = await userIdOf("nguoi.sua");
  files = { units: await fixture("org/units.csv"), calendar: await fixture("evidence/calendar.csv"), events: await fixture("evidence/events.csv") };
});

const officerParams = () => ({ officerId: String(officerId) });
const MEMBERSHIP_FIELDS = ["unitId", "position", "validFrom", "validTo"];
const EVIDENCE_FILE_NEEDED = "Hãy chọn tệp hồ sơ (dossiers.csv). Chỉ được bỏ trống tệp này khi gửi tệp bước xử lý hoặc tệp sự kiện bổ sung cho các hồ sơ đã có.";
/** A file form answers with one message: whatever was put where its one file belongs, no file came. */
const onlyMessage = (message: string) => ({ empty: message, oversized: () => message, nul: () => message });

const targets: Target[] = [
  formOf(newOfficer.action, () => "/officers/new")("quantri", "thêm cán bộ", {
    valid: () => ({ code: "CB9001", fullName: "Nguyễn Văn Mới", unitId: String(world.unitId.get(WARD)), position: "Chuyên viên", validFrom: "01/07/2025", validTo: "" }),
    fields: ["code", "fullName", ...MEMBERSHIP_FIELDS],
    text: ["code", "fullName", "position"],
  }),
  formOf(editOfficer.action, () => `/officers/${officerId}/edit`, officerParams)("quantri", "sửa cán bộ", {
    valid: () => ({ code: "CB9000", fullName: "Trần Thị Thử Đã Sửa" }),
    fields: ["code", "fullName"],
    text: ["code", "fullName"],
  }),
  formOf(newMembership.action, () => `/officers/${officerId}/memberships/new`, officerParams)("quantri", "thêm quá trình công tác", {
    valid: () => ({ unitId: String(world.unitId.get(WARD)), position: "Cán sự", validFrom: "01/01/2019", validTo: "31/12/2019" }),
    fields: MEMBERSHIP_FIELDS,
    text: ["position"],
  }),
  formOf(editMembership.action, () => `/officers/${officerId}/memberships/${endedMembership}/edit`, () => ({ ...officerParams(), membershipId: String(endedMembership) }))("quantri", "sửa quá trình công tác", {
    valid: () => ({ unitId: String(world.unitId.get(WARD)), position: "Phó trưởng phòng", validFrom: "01/01/2020", validTo: "31/12/2024" }),
    fields: MEMBERSHIP_FIELDS,
    text: ["position"],
  }),
  formOf(endMembership.action, () => `/officers/${officerId}/memberships/${openMembership}/end`, () => ({ ...officerParams(), membershipId: String(openMembership) }))("quantri", "kết thúc quá trình công tác", {
    valid: () => ({ validTo: "31/12/2026" }),
    fields: ["validTo"],
    text: [],
  }),
  formOf(editUnit.action, () => `/units/${unitId}/edit`, () => ({ unitId: String(unitId) }))("quantri", "sửa đơn vị", {
    valid: () => ({ code: "000.31.97.H55", name: "Ủy ban nhân dân xã Thử Đã Sửa", kind: "commune", parentId: "", validFrom: "01/07/2025", validTo: "" }),
    fields: ["code", "name", "kind", "parentId", "validFrom", "validTo"],
    text: ["code", "name"],
  }),
  formOf(editUser.action, () => `/admin/users/${userId}`, () => ({ userId }))("quantri", "sửa người dùng", {
    valid: () => ({ intent: "update", displayName: "Người Đã Được Sửa", officerId: "", roles: "inspector", "scoped[0].role": "hr", "scoped[0].unitId": String(world.unitId.get(WARD)) }),
    fields: ["displayName", "officerId", "roles", "scoped[0].role", "scoped[0].unitId"],
    text: ["displayName"],
  }),
  formOf(editUser.action, () => `/admin/users/${userId}`, () => ({ userId }))("quantri", "đặt lại mật khẩu người dùng", {
    valid: () => ({ intent: "reset-password", password: "mot-mat-khau-moi-du-dai", confirm: "mot-mat-khau-moi-du-dai" }),
    // The confirmation is only compared: a megabyte there does not match, and is told so.
    fields: ["password", "confirm"],
    text: ["password"],
  }),
  formOf(accountPassword.action, () => "/account/password")("doi.mat.khau", "đổi mật khẩu của mình", {
    valid: () => ({ currentPassword: DEMO_PASSWORD, newPassword: "mot-mat-khau-moi-du-dai", confirmPassword: "mot-mat-khau-moi-du-dai" }),
    fields: ["currentPassword", "newPassword", "confirmPassword"],
    text: ["currentPassword", "newPassword"],
  }),
  formOf(calendar.action, () => "/admin/calendar")("quantri", "thêm ngày vào lịch làm việc", {
    valid: () => ({ intent: "save", year: "2031", date: "02/01/2031", kind: "holiday", name: "Nghỉ bù Tết Dương lịch" }),
    fields: ["year", "date", "kind", "name"],
    text: ["name"],
  }),
  formOf(calendar.action, () => "/admin/calendar")("quantri", "căn cứ của lịch làm việc", {
    valid: () => ({ intent: "source", year: "2025", source: "Thông báo số 1/TB-BNV ngày 02/01/2025", provisional: "on" }),
    fields: ["year", "source", "provisional"],
    text: ["source"],
  }),
  formOf(calendar.action, () => "/admin/calendar")("quantri", "nhập tệp lịch làm việc", {
    valid: () => ({ intent: "import", calendar: files.calendar }),
    fields: ["calendar"],
    text: [],
    multipart: true,
    says: onlyMessage("Hãy chọn tệp lịch (calendar.csv)."),
  }),
  formOf(apiTokens.action, () => "/admin/api-tokens")("quantri", "cấp khoá API", {
    valid: () => ({ intent: "issue", name: "Phần mềm nhân sự thử nghiệm", unitIds: String(world.unitId.get("000.00.00.H55")) }),
    // The token is shown once, in the reply itself.
    accepted: 200,
    fields: ["name", "unitIds"],
    text: ["name"],
  }),
  formOf(dashboard.action, () => "/evidence/dashboard")("quantri", "ngưỡng tính điểm tiến độ", {
    valid: () => ({ threshold: "92,5" }),
    fields: ["threshold"],
    text: [],
  }),
  formOf(importOrg.action, () => "/admin/import-org")("quantri", "nhập dữ liệu tổ chức", {
    valid: () => ({ units: files.units }),
    fields: ["units"],
    text: [],
    multipart: true,
    says: onlyMessage("Hãy chọn ít nhất một tệp: tệp đơn vị hoặc tệp cán bộ."),
  }),
  formOf(evidenceImport.action, () => "/evidence/import")("quantri", "nhập hồ sơ", {
    valid: () => ({ events: files.events }),
    fields: ["events"],
    text: [],
    multipart: true,
    says: onlyMessage(EVIDENCE_FILE_NEEDED),
  }),
  formOf(evidenceImportStart.action, () => "/evidence/import/start")("quantri", "nhập hồ sơ (chạy nền)", {
    valid: () => ({ events: files.events }),
    accepted: 202,
    settle: async (result) => waitForImportJob(((await (result as Response).json()) as { jobId: string }).jobId, await userIdOf("quantri")),
    fields: ["events"],
    text: [],
    multipart: true,
    says: onlyMessage(EVIDENCE_FILE_NEEDED),
  }),
];

describeFormAbuse(targets);
