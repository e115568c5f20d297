// The forms of the inspection work put through the abuse of form-abuse-kit.ts (every field empty, a
// megabyte in one field, odd Unicode with a NUL): an inspection's edit and team, opening a case, the case
// page (evidence added or taken out, withdrawal, findings revised or withdrawn, the explanation asked for
// and answered), the conclusion (its text, a recommendation, returning and approving it), follow-up,
// evidence sets, and appraisal (a cycle, consumption, an officer's inputs, result and discipline, a unit's
// result). Then the HR software's call to consume an item, which is JSON, is abused the same way.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { issueToken } from "../../app/models/api-tokens.server.js";
import { openCycle } from "../../app/models/appraisal.server.js";
import { startConclusion } from "../../app/models/conclusions.server.js";
import { addTeamMember, createInspection } from "../../app/models/inspections.server.js";
import { caseIntakeHref } from "../../app/components/CaseIntakeParams.js";
import { EMPTY_FILTER } from "../../app/components/DossierFilterParams.js";
import * as consumeApi from "../../app/routes/api.v1.appraisal-items.$itemId.consume.js";
import * as cyclesPage from "../../app/routes/appraisal._index.js";
import * as cyclePage from "../../app/routes/appraisal.$cycleId._index.js";
import * as officerSheet from "../../app/routes/appraisal.$cycleId.officers.$officerId.js";
import * as unitSheet from "../../app/routes/appraisal.$cycleId.units.$unitId.js";
import * as casePage from "../../app/routes/cases.$caseId.js";
import * as conclusionPage from "../../app/routes/cases.$caseId_.conclusion.js";
import * as newCase from "../../app/routes/cases.new.js";
import * as dossierList from "../../app/routes/evidence.dossiers._index.js";
import * as offenders from "../../app/routes/evidence.offenders.js";
import * as followup from "../../app/routes/followup.$recommendationId.js";
import * as inspectionPage from "../../app/routes/inspections.$inspectionId._index.js";
import * as editInspection from "../../app/routes/inspections.$inspectionId.edit.js";
import { must, publishedCase, reviewedCase, setUpCaseWorld, submittedCase, type CaseWorld } from "../case-world.js";
import { BASE, call, makeRequest, payloadOf, statusOf, userIdOf } from "../helpers.js";
import { openCommuneCase, post, sessionUser } from "./explanation-world.js";
import { describeFormAbuse, fingerprint, formOf, MEGABYTE, NAMES_A_LIMIT, VIETNAMESE, type Target } from "./form-abuse-kit.js";

const PROVINCE = "000.00.00.H55";
const WARD = "000.31.01.H55";
const PERIOD_2025 = "from=2025-01-01&to=2025-12-31";

let world: CaseWorld;
let dossiers: string[];
let nextDossier = 0;
/** Fresh dossiers for each case: a judged dossier cannot be evidence against the same subject again. */
const take = (n: number) => dossiers.slice(nextDossier, (nextDossier += n));
const idOf = (code: string) => world.dossierId.get(code)!;
const unit = (code: string) => String(world.unitId.get(code));
const officer = (code: string) => String(world.officerId.get(code));

/** A second inspection, for its edit and its team: lead CB0004, members CB0005 and CB0006. */
let inspection: number;
let memberToLead: number;
let memberToRemove: number;
/** An open case with two dossiers: evidence is added to it and taken out of it. */
let evidenceCase: { id: number; freeCode: string; evidenceId: number };
let withdrawnCase: number;
/** The dossier a new case is opened from, typed; the late one ticked on the dossier list for another. */
let newCaseCode: string;
let ticked: number;
/** An open case with a finding, revised then withdrawn. */
let findingCase: { id: number; findingId: number; dossierId: number };
/** An open case with a finding, whose unit is asked to explain. */
let explainCase: number;
/** A case awaiting the explanation of its finding. */
let answerCase: { id: number; findingId: number };
/** A case with a draft conclusion; two cases whose conclusion awaits approval. */
let draftCase: number;
let returnedCase: number;
let approvedCase: number;
let recommendation: number;
let cycle2026: { id: number; reference: string };
let cycle2025: number;
let unitItem: number;

/** A case on the commune truongdonvi heads, opened by thanhtra and moved to "open" by thanhtra2. */
const openOn = (codes: string[]) => openCommuneCase({ ...world, dossiers: [] }, codes.map(idOf));

async function openCaseWithFinding(codes: string[]) {
  const id = await openOn(codes);
  const added = await post("thanhtra", id, { intent: "finding-add", criterionCode: "TC1", facts: "Hồ sơ trễ hạn 3 ngày làm việc.", proposedDeduction: "2", dossierIds: String(idOf(codes[0]!)) });
  expect(statusOf(added)).toBe(302);
  const finding = await getDb().selectFrom("finding").select("id").where("case_id", "=", id).executeTakeFirstOrThrow();
  return { id, findingId: finding.id, dossierId: idOf(codes[0]!) };
}

beforeAll(async () => {
  world = await setUpCaseWorld();
  dossiers = [...world.dossierId.keys()].sort();
  const thanhtra = await userIdOf("thanhtra");
  const created = await createInspection(
    getDb(),
    {
      title: "Kiểm tra công vụ năm 2026",
      decisionNumber: "20/QĐ-SNV",
      decisionDate: "2026-03-05",
      decisionSigner: "Trần Thị Thanh Hương",
      legalBasis: "Luật Thanh tra năm 2025",
      legalBasisDate: "2025-06-25",
      periodFrom: "2025-07-01",
      periodTo: "2025-12-31",
      unitIds: [world.unitId.get(WARD)!],
    },
    thanhtra,
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  inspection = created.id;
  for (const [code, role] of [["CB0004", "lead"], ["CB0005", "member"], ["CB0006", "member"]] as const) {
    must(await addTeamMember(getDb(), { inspectionId: inspection, officerId: world.officerId.get(code)!, role, replaceLead: false }, thanhtra));
  }
  const seats = await getDb().selectFrom("inspection_member").select(["id", "officer_id"]).where("inspection_id", "=", inspection).execute();
  memberToLead = seats.find((s) => s.officer_id === world.officerId.get("CB0005"))!.id;
  memberToRemove = seats.find((s) => s.officer_id === world.officerId.get("CB0006"))!.id;

  const [first, second, free] = take(3);
  const evidenceCaseId = await openOn([first!, second!]);
  const evidence = await getDb().selectFrom("case_evidence").select("id").where("case_id", "=", evidenceCaseId).orderBy("id").executeTakeFirstOrThrow();
  evidenceCase = { id: evidenceCaseId, freeCode: free!, evidenceId: evidence.id };
  newCaseCode = take(1)[0]!;
  // A late dossier of 2025 as the dossier list shows it, the last by code (take() hands out the first).
  const list = payloadOf(await call(dossierList.loader, await makeRequest(`/evidence/dossiers?${PERIOD_2025}`, { as: "thanhtra" })));
  ticked = ([...list.rows] as { id: number; code: string }[]).sort((a, b) => (a.code < b.code ? 1 : -1))[0]!.id;
  withdrawnCase = await openOn(take(1));
  findingCase = await openCaseWithFinding(take(1));
  explainCase = (await openCaseWithFinding(take(1))).id;
  answerCase = await openCaseWithFinding(take(1));
  expect(statusOf(await post("thanhtra", answerCase.id, { intent: "explanation-request", workingDays: "5" }))).toBe(302);

  draftCase = (await reviewedCase(world, take(1))).caseId;
  must(await startConclusion(getDb(), { caseId: draftCase, scope: { all: true } }, await sessionUser("thanhtra")));
  returnedCase = (await submittedCase(world, take(1), [])).caseId;
  approvedCase = (await submittedCase(world, take(1), [])).caseId;
  const published = await publishedCase(world, take(1), [{ ownerUnit: WARD, deadline: "2027-06-30" }]);
  recommendation = (await getDb().selectFrom("recommendation").select("id").where("conclusion_id", "=", published.conclusionId).executeTakeFirstOrThrow()).id;

  const hr = await sessionUser("tccb");
  const opened = await openCycle(getDb(), { year: 2026, quarter: null, scopeUnitId: world.unitId.get(PROVINCE)!, ruleSetCode: "nd335-2025", title: null }, hr, { all: true });
  const older = await openCycle(getDb(), { year: 2025, quarter: null, scopeUnitId: world.unitId.get(PROVINCE)!, ruleSetCode: "nd90-48", title: null }, hr, { all: true });
  if (!opened.ok || !older.ok) throw new Error("không mở được kỳ đánh giá");
  cycle2026 = { id: opened.id, reference: opened.reference };
  cycle2025 = older.id;
  const unitCase = await publishedCase(world, take(1), []);
  unitItem = (await getDb().selectFrom("conclusion_item").select("id").where("conclusion_id", "=", unitCase.conclusionId).executeTakeFirstOrThrow()).id;
}, 120_000);

const onCase = (id: () => number) => formOf(casePage.action, () => `/cases/${id()}`, () => ({ caseId: String(id()) }));
const onConclusion = (id: () => number) => formOf(conclusionPage.action, () => `/cases/${id()}/conclusion`, () => ({ caseId: String(id()) }));
const onTeam = formOf(inspectionPage.action, () => `/inspections/${inspection}`, () => ({ inspectionId: String(inspection) }));
const onFollowup = formOf(followup.action, () => `/followup/${recommendation}`, () => ({ recommendationId: String(recommendation) }));
const onOfficer = (cycle: () => number, code: string) =>
  formOf(officerSheet.action, () => `/appraisal/${cycle()}/officers/${officer(code)}`, () => ({ cycleId: String(cycle()), officerId: officer(code) }));

const targets: Target[] = [
  formOf(editInspection.action, () => `/inspections/${inspection}/edit`, () => ({ inspectionId: String(inspection) }))("thanhtra", "sửa đợt kiểm tra", {
    valid: () => ({
      title: "Kiểm tra công vụ năm 2026 (đã sửa)",
      decisionNumber: "20/QĐ-SNV",
      decisionDate: "05/03/2026",
      decisionSigner: "Trần Thị Thanh Hương",
      legalBasis: "Luật Thanh tra năm 2025",
      legalBasisDate: "25/06/2025",
      periodFrom: "01/07/2025",
      periodTo: "31/12/2025",
      unitIds: unit(WARD),
    }),
    fields: ["title", "decisionNumber", "decisionDate", "decisionSigner", "legalBasis", "legalBasisDate", "periodFrom", "periodTo", "unitIds"],
    text: ["title", "decisionNumber", "decisionSigner", "legalBasis"],
  }),
  onTeam("thanhtra", "thêm thành viên đoàn kiểm tra", {
    valid: () => ({ intent: "add", officerId: officer("CB0010"), role: "member", replaceLead: "" }),
    fields: ["officerId", "role", "replaceLead"],
    text: [],
  }),
  onTeam("thanhtra", "rút thành viên khỏi đoàn", {
    valid: () => ({ intent: "remove", memberId: String(memberToRemove), reason: "Được phân công nhiệm vụ khác." }),
    fields: ["memberId", "reason"],
    text: ["reason"],
  }),
  onTeam("thanhtra", "đổi trưởng đoàn", {
    valid: () => ({ intent: "lead", memberId: String(memberToLead) }),
    fields: ["memberId"],
    text: [],
  }),
  formOf(newCase.action, () => "/cases/new")("thanhtra", "mở vụ việc", {
    valid: () => ({
      inspectionId: String(world.inspectionId),
      title: "Chậm trả kết quả hồ sơ đất đai",
      subjectKind: "unit",
      unitId: unit(WARD),
      officerId: "",
      source: "codes",
      codes: newCaseCode,
      evidenceSetId: "",
    }),
    fields: ["inspectionId", "title", "subjectKind", "unitId", "officerId", "source", "codes", "evidenceSetId"],
    text: ["title", "codes"],
  }),
  formOf(newCase.action, () => caseIntakeHref({ from: "2025-01-01", to: "2025-12-31" }, EMPTY_FILTER, [ticked]))("thanhtra", "mở vụ việc từ hồ sơ chọn trong danh sách hồ sơ", {
    valid: () => ({ inspectionId: String(world.inspectionId), title: "Chậm trả kết quả theo danh sách", subjectKind: "unit", unitId: unit(WARD), source: "selection" }),
    fields: ["inspectionId", "title", "subjectKind", "unitId", "source"],
    text: ["title"],
  }),
  onCase(() => evidenceCase.id)("thanhtra", "thêm hồ sơ vào chứng cứ", {
    valid: () => ({ intent: "evidence-add", codes: evidenceCase.freeCode, evidenceSetId: "" }),
    fields: ["codes", "evidenceSetId"],
    text: ["codes"],
  }),
  onCase(() => evidenceCase.id)("thanhtra", "gỡ hồ sơ khỏi chứng cứ", {
    valid: () => ({ intent: "detach", evidenceId: String(evidenceCase.evidenceId), reason: "Hồ sơ thuộc đơn vị khác." }),
    fields: ["evidenceId", "reason"],
    text: ["reason"],
  }),
  onCase(() => withdrawnCase)("thanhtra", "rút vụ việc (kèm lý do)", {
    valid: () => ({ intent: "transition", action: "withdraw", reason: "Đơn vị đã khắc phục trước khi kiểm tra." }),
    fields: ["action", "reason"],
    text: ["reason"],
  }),
  onCase(() => findingCase.id)("thanhtra", "sửa nội dung kiểm tra", {
    valid: () => ({
      intent: "finding-revise",
      findingId: String(findingCase.findingId),
      criterionCode: "TC1",
      facts: "Hồ sơ trễ hạn 4 ngày làm việc.",
      proposedDeduction: "3",
      dossierIds: String(findingCase.dossierId),
      changeNote: "Đếm lại ngày trễ.",
    }),
    fields: ["findingId", "criterionCode", "facts", "proposedDeduction", "dossierIds", "changeNote"],
    text: ["facts", "changeNote"],
  }),
  onCase(() => findingCase.id)("thanhtra", "rút nội dung kiểm tra", {
    valid: () => ({ intent: "finding-withdraw", findingId: String(findingCase.findingId), reason: "Trùng với nội dung khác." }),
    fields: ["findingId", "reason"],
    text: ["reason"],
  }),
  onCase(() => explainCase)("thanhtra", "yêu cầu giải trình", {
    valid: () => ({ intent: "explanation-request", workingDays: "5", message: "Đề nghị giải trình từng nội dung." }),
    // Left empty, the deadline is the default number of working days and the message is optional.
    emptyIsValid: true,
    fields: ["workingDays", "message"],
    text: ["message"],
  }),
  onCase(() => answerCase.id)("truongdonvi", "giải trình nội dung kiểm tra", {
    valid: () => ({ intent: "explanation-answer", findingId: String(answerCase.findingId), body: "Do hệ thống một cửa gián đoạn ba ngày." }),
    fields: ["findingId", "body"],
    text: ["body"],
    multipart: true,
  }),
  onConclusion(() => draftCase)("thanhtra", "trích yếu và nội dung thông báo kết luận", {
    valid: () => ({
      intent: "text",
      title: "Kết luận kiểm tra trách nhiệm công vụ",
      summary: "Ba hồ sơ quá hạn.",
      responsibility: "Công chức tiếp nhận.",
      recipients: "- UBND tỉnh;\n- Lưu: VT.",
    }),
    fields: ["title", "summary", "responsibility", "recipients"],
    text: ["title", "summary", "responsibility", "recipients"],
  }),
  onConclusion(() => draftCase)("thanhtra", "kiến nghị", {
    valid: () => ({ intent: "recommendation", kind: "remedy", content: "Rà soát quy trình tiếp nhận.", ownerUnitId: unit(WARD), deadline: "30/06/2027" }),
    fields: ["kind", "content", "ownerUnitId", "deadline"],
    text: ["content"],
  }),
  onConclusion(() => returnedCase)("giamdoc", "trả lại dự thảo kết luận (kèm ý kiến)", {
    valid: () => ({ intent: "return", comment: "Bổ sung căn cứ pháp lý." }),
    fields: ["comment"],
    text: ["comment"],
  }),
  onConclusion(() => approvedCase)("giamdoc", "phê duyệt kết luận (thẩm quyền ký)", {
    valid: () => ({ intent: "approve", capacity: "deputy" }),
    fields: ["capacity"],
    text: [],
  }),
  onFollowup("truongdonvi", "báo cáo khắc phục", {
    valid: () => ({ intent: "report", body: "Đã ban hành quy trình mới." }),
    fields: ["body"],
    text: ["body"],
    multipart: true,
  }),
  onFollowup("thanhtra", "đánh giá báo cáo khắc phục (kèm lý do)", {
    valid: () => ({ intent: "decide", decision: "rejected", reason: "Chưa gửi kèm quy trình." }),
    fields: ["decision", "reason"],
    text: ["reason"],
  }),
  formOf(dossierList.action, () => `/evidence/dossiers?${PERIOD_2025}`)("thanhtra", "lưu bộ chứng cứ từ danh sách hồ sơ", {
    valid: () => ({ name: "Hồ sơ trễ hạn năm 2025", description: "Mọi hồ sơ trễ hạn khớp bộ lọc.", all: "on", dossierIds: "" }),
    fields: ["name", "description", "all", "dossierIds"],
    text: ["name", "description"],
  }),
  formOf(offenders.action, () => "/evidence/offenders?to=2025-12-31&days=365")("thanhtra", "lưu bộ chứng cứ của người vi phạm lặp lại", {
    valid: () => ({ name: "Trễ hạn của CB0021", description: "", kind: "officer", subjectId: officer("CB0021") }),
    fields: ["name", "description", "kind", "subjectId"],
    text: ["name", "description"],
  }),
  formOf(cyclesPage.action, () => "/appraisal")("tccb", "mở kỳ đánh giá", {
    valid: () => ({ year: "2027", quarter: "", scopeUnitId: unit(PROVINCE), ruleSetCode: "nd335-2025", title: "Đánh giá năm 2027" }),
    fields: ["year", "quarter", "scopeUnitId", "ruleSetCode", "title"],
    text: ["title"],
  }),
  formOf(cyclePage.action, () => `/appraisal/${cycle2026.id}`, () => ({ cycleId: String(cycle2026.id) }))("tccb", "ghi nhận nội dung kết luận vào đánh giá", {
    valid: () => ({ intent: "consume", itemId: String(unitItem), taskTitle: "Giải quyết hồ sơ đất đai", note: "Ghi nhận theo thông báo." }),
    fields: ["itemId", "taskTitle", "note"],
    text: ["taskTitle", "note"],
  }),
  onOfficer(() => cycle2026.id, "CB0062")("tccb", "thông tin đánh giá (Nghị định 335)", {
    valid: () => ({ intent: "inputs-nd335", generalPoints: "25", tasks: "Giải quyết hồ sơ đất đai; 40; 10\nTiếp công dân; 30; 5", taskItemId: String(unitItem), taskItemTitle: "Giải quyết hồ sơ đất đai" }),
    fields: ["generalPoints", "tasks", "taskItemId", "taskItemTitle"],
    text: ["tasks", "taskItemTitle"],
  }),
  onOfficer(() => cycle2025, "CB0063")("tccb", "thông tin đánh giá (Nghị định 90)", {
    valid: () => ({ intent: "inputs-nd90", assessedRating: "good" }),
    fields: ["assessedRating"],
    text: [],
  }),
  onOfficer(() => cycle2025, "CB0063")("tccb", "kết quả xếp loại (kèm lý do)", {
    valid: () => ({ intent: "result", rating: "good", points: "", reason: "Theo đề xuất." }),
    fields: ["rating", "points", "reason"],
    text: ["reason"],
  }),
  onOfficer(() => cycle2025, "CB0063")("tccb", "quyết định kỷ luật", {
    valid: () => ({ intent: "discipline", decisionNumber: "45/QĐ-UBND", system: "administrative", level: "reprimand", decidedOn: "15/12/2025", conclusionItemId: "" }),
    fields: ["decisionNumber", "system", "level", "decidedOn", "conclusionItemId"],
    text: ["decisionNumber"],
  }),
  formOf(unitSheet.action, () => `/appraisal/${cycle2026.id}/units/${unit(WARD)}`, () => ({ cycleId: String(cycle2026.id), unitId: unit(WARD) }))("tccb", "điểm trừ của đơn vị (kèm lý do)", {
    valid: () => ({ intent: "unit-result", points: "0", reason: "Đơn vị đã khắc phục." }),
    fields: ["points", "reason"],
    text: ["reason"],
  }),
];

describeFormAbuse(targets);

describe("the HR software's call to consume an item (JSON)", () => {
  let token: string;
  beforeAll(async () => {
    const issued = await issueToken(getDb(), { name: "Phần mềm nhân sự thử", unitIds: [world.unitId.get(PROVINCE)!] }, await sessionUser("quantri"));
    if (!issued.ok) throw new Error(issued.message);
    token = issued.token;
  });

  const consume = async (body: unknown, key: string) => {
    const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": key };
    const request = new Request(`${BASE}/api/v1/appraisal-items/${unitItem}/consume`, { method: "POST", headers, body: JSON.stringify(body) });
    return (await call(consumeApi.action, request, { itemId: String(unitItem) })) as Response;
  };
  const valid = () => ({ cycle: cycle2026.reference, unit: WARD, task: "Giải quyết hồ sơ", note: "Ghi nhận." });

  // Every authenticated call notes when the token was last used: that row may change, no other.
  const rowsBesideTheToken = async () => {
    const { api_token: _lastUse, ...rest } = await fingerprint();
    return rest;
  };

  it("is refused empty, a megabyte long, or with a field over its limit or holding a NUL (named), in Vietnamese, and records nothing", async () => {
    const before = await rowsBesideTheToken();
    const limits = { cycle: 50, unit: 50, task: 500, note: 2000 };
    const tries: [string, unknown, number, RegExp][] = [
      ["empty", {}, 400, /Thiếu trường "cycle"/],
      ...(["cycle", "unit", "task", "note"] as const).flatMap((field): [string, unknown, number, RegExp][] => [
        // The body as a whole is refused before any field is read.
        [`${field}: a megabyte`, { ...valid(), [field]: MEGABYTE }, 413, NAMES_A_LIMIT],
        [`${field}: over its limit`, { ...valid(), [field]: "x".repeat(limits[field] + 1) }, 400, new RegExp(`"${field}" dài tối đa ${limits[field]} ký tự`)],
        // Short enough for every field's limit: the NUL itself is what is refused.
        [`${field}: a NUL`, { ...valid(), [field]: "Hồ sơ\u0000 🇻🇳" }, 400, new RegExp(`"${field}".*NUL`)],
      ]),
    ];
    for (const [what, body, status, says] of tries) {
      const response = await consume(body, `lam-dung-${what}`);
      const text = ((await response.json()) as { error: string }).error;
      expect(response.status, `${what}: ${text}`).toBe(status);
      expect(text, what).toMatch(VIETNAMESE);
      expect(text, what).toMatch(says);
    }
    expect(await rowsBesideTheToken()).toEqual(before);
  });
});
