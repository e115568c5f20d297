// Demo for HR on a first start (after db/seed-cases.ts): one officer of UBND phường Cẩm Thành whose late
// steps of the previous year were inspected, explained by the ward's head, concluded and published — so
// the HR officers (tccb, tccb2) find a published item waiting for an appraisal cycle. Every step goes
// through the models the pages use (team checks, explanation, four-eyes approval, numbering, audit).
import { EMPTY_FILTER } from "../app/components/DossierFilterParams.js";
import { todayInVietnam } from "../app/domain/format.js";
import { asOfFor } from "../app/domain/period.js";
import { openCaseWithEvidence } from "../app/models/case-intake.server.js";
import { transitionCase } from "../app/models/cases.server.js";
import { publishConclusion, saveConclusionText, saveItem, saveRecommendation, startConclusion, submitConclusion } from "../app/models/conclusions.server.js";
import { resolveDossierSelection, type DossierSelection } from "../app/models/evidence-sets.server.js";
import { answerFinding, requestExplanation, submitExplanation } from "../app/models/explanations.server.js";
import { addFinding } from "../app/models/findings.server.js";
import { loadSessionUser } from "../app/models/users.server.js";
import type { Database } from "./index.js";

const WARD = "000.31.01.H55";
/** Officers of the ward other than its head (who answers for the ward), in the order tried. */
const CANDIDATES = ["CB0024", "CB0027", "CB0028"];
const MAX_DOSSIERS = 5;

export async function seedDemoConclusion(db: Database, options: { now?: Date } = {}): Promise<string | null> {
  const now = options.now ?? new Date();
  const year = Number(todayInVietnam(now).slice(0, 4)) - 1;
  const user = async (username: string) => {
    const row = await db.selectFrom("app_user").select("id").where("username", "=", username).executeTakeFirstOrThrow();
    return (await loadSessionUser(db, row.id))!;
  };
  const [lead, head, approver] = [await user("thanhtra"), await user("truongdonvi"), await user("giamdoc")];
  const inspection = await db.selectFrom("inspection").select("id").where("decision_number", "=", "01/QĐ-SNV").executeTakeFirst();
  const ward = await db.selectFrom("unit").select("id").where("code", "=", WARD).executeTakeFirst();
  if (!inspection || !ward) return null;
  const all = { all: true } as const;
  const periodTo = `${year}-12-31`;
  const period = { from: `${year}-01-01`, to: periodTo, asOf: asOfFor(periodTo, now.getTime()) };

  // The first officer of the ward holding late steps in that year.
  let chosen: { officerId: number; code: string; name: string; codes: string[] } | null = null;
  for (const code of CANDIDATES) {
    const officer = await db.selectFrom("officer").select(["id", "full_name"]).where("code", "=", code).executeTakeFirst();
    if (!officer) continue;
    const selection: DossierSelection = { period, filter: { ...EMPTY_FILTER, unitId: ward.id, officerId: officer.id }, selection: "all" };
    const resolved = await resolveDossierSelection(db, all, selection, 5000);
    const dossiers = resolved.ids.length === 0 ? [] : await db.selectFrom("dossier").select("code").where("id", "in", resolved.ids.slice(0, MAX_DOSSIERS)).orderBy("code").execute();
    if (dossiers.length === 0) continue;
    chosen = { officerId: officer.id, code, name: officer.full_name, codes: dossiers.map((d) => d.code) };
    break;
  }
  if (!chosen) return null;

  const must = <T extends { ok: boolean } | undefined>(what: string, r: T): NonNullable<T> => {
    if (!r || !r.ok) throw new Error(`Không tạo được thông báo kết luận mẫu (${what}): ${JSON.stringify(r)}`);
    return r as NonNullable<T>;
  };
  const opened = must(
    "mở vụ việc",
    await openCaseWithEvidence(
      db,
      all,
      { inspectionId: inspection.id, subject: { officerId: chosen.officerId }, title: `Chậm xử lý hồ sơ thủ tục hành chính năm ${year} — ${chosen.name}`, source: { kind: "codes", codes: chosen.codes } },
      lead.id,
    ),
  ) as { ok: true; id: number; code: string };
  const caseRef = { id: opened.id, caseId: opened.id, scope: all };
  must("chuyển «Đang kiểm tra»", await transitionCase(db, { ...caseRef, action: "open" }, lead));
  const dossierIds = (await db.selectFrom("case_evidence").select("dossier_id").where("case_id", "=", opened.id).execute()).map((r) => r.dossier_id);
  must(
    "ghi nội dung kiểm tra",
    await addFinding(
      db,
      {
        ...caseRef,
        criterionCode: "TC1",
        facts: `${chosen.name} để ${dossierIds.length} hồ sơ quá hạn ở bước mình xử lý, không báo cáo và không đề nghị gia hạn.`,
        proposedDeduction: Math.min(12, 2 * dossierIds.length),
        dossierIds,
      },
      lead,
    ),
  );
  const finding = await db.selectFrom("finding").select("id").where("case_id", "=", opened.id).executeTakeFirstOrThrow();
  must("yêu cầu giải trình", await requestExplanation(db, { ...caseRef, workingDays: 5, message: null }, lead, now));
  must(
    "giải trình",
    await answerFinding(db, { ...caseRef, findingId: finding.id, body: "Do khối lượng hồ sơ tăng đột biến cuối năm; đơn vị đã nhắc nhở và phân công lại.", files: [] }, head),
  );
  must("gửi giải trình", await submitExplanation(db, caseRef, head));
  must("lập dự thảo", await startConclusion(db, caseRef, lead));
  must(
    "nội dung dự thảo",
    await saveConclusionText(
      db,
      {
        ...caseRef,
        title: `Kết quả kiểm tra trách nhiệm công vụ của ${chosen.name} trong giải quyết thủ tục hành chính năm ${year}`,
        summary: `Đoàn kiểm tra theo Quyết định số 01/QĐ-SNV đã kiểm tra ${dossierIds.length} hồ sơ quá hạn có bước do ${chosen.name} xử lý.`,
        responsibility: `${chosen.name} chịu trách nhiệm về việc để hồ sơ quá hạn.`,
        recipients: ["Ủy ban nhân dân phường Cẩm Thành", `${chosen.name}`, "Lưu: VT, TTr"],
      },
      lead,
    ),
  );
  must(
    "nội dung kết luận",
    await saveItem(
      db,
      { ...caseRef, subject: "case", kind: "violation", content: `Để ${dossierIds.length} hồ sơ quá hạn ở bước được phân công xử lý.`, points: Math.min(12, 2 * dossierIds.length), attributedDelays: dossierIds.length, disciplineLevel: null, parDeduction: 0, findingIds: [finding.id] },
      lead,
    ),
  );
  const deadline = new Date(now.getTime() + 60 * 24 * 3600 * 1000);
  must(
    "kiến nghị",
    await saveRecommendation(db, { ...caseRef, kind: "review", content: `Tổ chức kiểm điểm trách nhiệm của ${chosen.name}.`, ownerUnitId: ward.id, deadline: todayInVietnam(deadline) }, lead, now),
  );
  must("trình phê duyệt", await submitConclusion(db, caseRef, lead, now));
  const published = await publishConclusion(db, { ...caseRef, capacity: "deputy" }, approver, now);
  if (!published?.ok) throw new Error(`Không công bố được thông báo kết luận mẫu: ${JSON.stringify(published)}`);
  return `vụ việc ${opened.code} về ${chosen.name} và Thông báo kết luận số ${published.number} (chờ ghi nhận vào đánh giá)`;
}
