// Demo inspection work for a first start (after db/seed.ts and db/seed-evidence.ts): one inspection of
// UBND phường Cẩm Thành for the previous year, with thanhtra (CB0004) as lead and thanhtra2 (CB0005) as
// member, and one case against the ward opened from its overdue dossiers of that year, moved to "open".
// Everything goes through the models a user's clicks reach, so the conflict-of-interest checks run and
// the audit trail is the real one.
import { EMPTY_FILTER } from "../app/components/DossierFilterParams.js";
import { todayInVietnam } from "../app/domain/format.js";
import { asOfFor } from "../app/domain/period.js";
import { openCaseWithEvidence, previewSelection } from "../app/models/case-intake.server.js";
import { transitionCase } from "../app/models/cases.server.js";
import type { DossierSelection } from "../app/models/evidence-sets.server.js";
import { addTeamMember, createInspection } from "../app/models/inspections.server.js";
import { loadSessionUser } from "../app/models/users.server.js";
import type { Database } from "./index.js";

const WARD = "000.31.01.H55";

export async function seedDemoCases(db: Database, options: { now?: Date } = {}): Promise<string> {
  const now = options.now ?? new Date();
  const today = todayInVietnam(now);
  const year = Number(today.slice(0, 4)) - 1;
  const ids = async (table: "unit" | "officer", codes: string[]) =>
    new Map((await db.selectFrom(table).select(["id", "code"]).where("code", "in", codes).execute()).map((r) => [r.code, r.id]));
  const units = await ids("unit", [WARD]);
  const officers = await ids("officer", ["CB0004", "CB0005"]);
  const lead = await db.selectFrom("app_user").select("id").where("username", "=", "thanhtra").executeTakeFirstOrThrow();
  const user = await loadSessionUser(db, lead.id);
  if (!user || !units.has(WARD) || officers.size !== 2) throw new Error("Thiếu dữ liệu mẫu về tổ chức để tạo đợt kiểm tra mẫu.");

  const inspection = await createInspection(
    db,
    {
      title: `Kiểm tra trách nhiệm công vụ trong giải quyết thủ tục hành chính năm ${year} tại Ủy ban nhân dân phường Cẩm Thành`,
      decisionNumber: `01/QĐ-SNV`,
      decisionDate: today,
      decisionSigner: "Nguyễn Văn Hùng",
      legalBasis: "Luật Thanh tra năm 2025",
      legalBasisDate: "2025-06-25",
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
      unitIds: [units.get(WARD)!],
    },
    lead.id,
  );
  if (!inspection.ok) throw new Error(`Không tạo được đợt kiểm tra mẫu: ${JSON.stringify(inspection)}`);
  for (const [code, role] of [
    ["CB0004", "lead"],
    ["CB0005", "member"],
  ] as const) {
    const seat = await addTeamMember(db, { inspectionId: inspection.id, officerId: officers.get(code)!, role, replaceLead: false }, lead.id);
    if (!seat?.ok) throw new Error(`Không xếp được ${code} vào đoàn kiểm tra mẫu: ${JSON.stringify(seat)}`);
  }

  // The ward's overdue dossiers of the inspected year, chosen as an inspector does on the dossier list.
  // A small demo (KTCV_DEMO_DOSSIERS) may give the ward no overdue dossier in that year: the case then
  // rests on the ward's counted dossiers of the year, and with none at all there is no case.
  const periodTo = `${year}-12-31`;
  const period = { from: `${year}-01-01`, to: periodTo, asOf: asOfFor(periodTo, now.getTime()) };
  const overdue: DossierSelection = { period, filter: { ...EMPTY_FILTER, unitId: units.get(WARD)! }, selection: "all" };
  const counted: DossierSelection = { ...overdue, filter: { ...overdue.filter, lateOnly: false } };
  let selection = overdue;
  if ((await previewSelection(db, { all: true }, overdue)).dossiers === 0) selection = counted;
  if ((await previewSelection(db, { all: true }, selection)).dossiers === 0) return `đợt kiểm tra mẫu 01/QĐ-SNV (chưa có hồ sơ năm ${year} của phường Cẩm Thành để mở vụ việc mẫu)`;
  const opened = await openCaseWithEvidence(
    db,
    { all: true },
    {
      inspectionId: inspection.id,
      subject: { unitId: units.get(WARD)! },
      title: `Chậm giải quyết hồ sơ thủ tục hành chính năm ${year} tại Ủy ban nhân dân phường Cẩm Thành`,
      source: { kind: "selection", selection },
    },
    lead.id,
  );
  if (!opened.ok) throw new Error(`Không mở được vụ việc mẫu: ${opened.message}`);
  const moved = await transitionCase(db, { id: opened.id, scope: { all: true }, action: "open" }, user);
  if (!moved?.ok) throw new Error(`Không chuyển được vụ việc mẫu sang «Đang kiểm tra»: ${JSON.stringify(moved)}`);
  const evidence = await db.selectFrom("case_evidence").select((eb) => eb.fn.countAll<number>().as("n")).where("case_id", "=", opened.id).executeTakeFirstOrThrow();
  return `đợt kiểm tra mẫu 01/QĐ-SNV và vụ việc ${opened.code} với ${Number(evidence.n)} hồ sơ${selection === overdue ? " trễ hạn" : ""}`;
}
