// A small world for case tests: the demo users, the sample organisation, calendar and evidence, and one
// inspection (15/QĐ-SNV) whose team is thanhtra (CB0004, lead) and thanhtra2 (CB0005, member).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getDb } from "../db/index.js";
import { projectRoot } from "../db/runtime.js";
import { importCalendar, importEvidence } from "../app/models/evidence-import.server.js";
import { importOrganisation } from "../app/models/org-import.server.js";
import { openCase } from "../app/models/cases.server.js";
import { publishConclusion, saveItem, saveRecommendation, startConclusion, submitConclusion } from "../app/models/conclusions.server.js";
import { loadSessionUser } from "../app/models/users.server.js";
import { loadDemo, userIdOf } from "./helpers.js";

const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });

export type CaseWorld = {
  inspectionId: number;
  unitId: Map<string, number>;
  officerId: Map<string, number>;
  /** Dossier ids by code. */
  dossierId: Map<string, number>;
};

export async function setUpCaseWorld(): Promise<CaseWorld> {
  await loadDemo();
  await importOrganisation(getDb(), { units: await file("org/units.csv"), officers: await file("org/officers.csv"), userId: null });
  await importCalendar(getDb(), { file: await file("evidence/calendar.csv"), userId: null });
  const imported = await importEvidence(getDb(), {
    dossiers: await file("evidence/dossiers.csv"),
    steps: await file("evidence/steps.csv"),
    events: await file("evidence/events.csv"),
    userId: null,
  });
  if (!imported.ok) throw new Error("the evidence fixtures no longer import");
  const unitId = new Map((await getDb().selectFrom("unit").select(["id", "code"]).execute()).map((u) => [u.code, u.id]));
  const officerId = new Map((await getDb().selectFrom("officer").select(["id", "code"]).execute()).map((o) => [o.code, o.id]));
  const dossierId = new Map((await getDb().selectFrom("dossier").select(["id", "code"]).orderBy("id").execute()).map((d) => [d.code, d.id]));
  const thanhtra = await userIdOf("thanhtra");
  const inspection = await getDb()
    .insertInto("inspection")
    .values({
      title: "Kiểm tra trách nhiệm công vụ trong giải quyết TTHC năm 2025",
      decision_number: "15/QĐ-SNV",
      decision_date: "2026-01-05",
      decision_signer: "Nguyễn Văn Hùng",
      legal_basis: "Luật Thanh tra năm 2025",
      legal_basis_date: "2025-06-25",
      period_from: "2025-01-01",
      period_to: "2025-12-31",
      created_by: thanhtra,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await getDb()
    .insertInto("inspection_unit")
    .values({ inspection_id: inspection.id, unit_id: unitId.get("000.31.01.H55")! })
    .execute();
  await getDb()
    .insertInto("inspection_member")
    .values([
      { inspection_id: inspection.id, officer_id: officerId.get("CB0004")!, role: "lead", added_by: thanhtra },
      { inspection_id: inspection.id, officer_id: officerId.get("CB0005")!, role: "member", added_by: thanhtra },
    ])
    .execute();
  return { inspectionId: inspection.id, unitId, officerId, dossierId };
}

/**
 * A case about a unit (or an officer) in 'under_review' with one finding (TC1, 12 points) citing the
 * given dossiers, opened by thanhtra. Findings are written as rows: their own tests drive their pages.
 */
export async function reviewedCase(world: CaseWorld, dossierCodes: string[], subject: { unit: string } | { officer: string } = { unit: "000.31.01.H55" }) {
  const thanhtra = await userIdOf("thanhtra");
  const opened = await openCase(
    getDb(),
    {
      inspectionId: world.inspectionId,
      subject: "unit" in subject ? { unitId: world.unitId.get(subject.unit)! } : { officerId: world.officerId.get(subject.officer)! },
      title: "Chậm giải quyết hồ sơ",
      dossierIds: dossierCodes.map((c) => world.dossierId.get(c)!),
    },
    thanhtra,
  );
  if (!opened.ok) throw new Error(opened.message);
  const finding = await getDb().insertInto("finding").values({ case_id: opened.id, number: 1, created_by: thanhtra }).returning("id").executeTakeFirstOrThrow();
  const version = await getDb()
    .insertInto("finding_version")
    .values({ finding_id: finding.id, version: 1, criterion_code: "TC1", facts: "Ba hồ sơ quá hạn do chậm ở bước thẩm định.", proposed_deduction: 12, created_by: thanhtra })
    .returning("id")
    .executeTakeFirstOrThrow();
  await getDb()
    .insertInto("finding_version_dossier")
    .values(dossierCodes.map((c) => ({ finding_version_id: version.id, dossier_id: world.dossierId.get(c)! })))
    .execute();
  await getDb().updateTable("inspection_case").set({ state: "under_review" }).where("id", "=", opened.id).execute();
  return { caseId: opened.id, code: opened.code, findingId: finding.id };
}

/** The result of a model call that must succeed in a test's setting-up. */
export const must = <T extends { ok: boolean; message?: string } | undefined>(r: T) => {
  if (!r || !r.ok) throw new Error(r?.message ?? "không tìm thấy vụ việc");
  return r;
};

/**
 * A case whose draft notice thanhtra has submitted for approval, with one item and the given
 * recommendations; about the unit 000.31.01.H55 unless another subject (a unit or an officer) is given.
 */
export async function submittedCase(
  world: CaseWorld,
  dossierCodes: string[],
  recommendations: { ownerUnit: string; deadline: string; content?: string }[],
  subject?: { unit: string } | { officer: string },
) {
  const c = await reviewedCase(world, dossierCodes, subject);
  const lead = (await loadSessionUser(getDb(), await userIdOf("thanhtra")))!;
  const target = { caseId: c.caseId, scope: { all: true } as const };
  must(await startConclusion(getDb(), target, lead));
  must(
    await saveItem(
      getDb(),
      { ...target, subject: "case", kind: "violation", content: "Để hồ sơ giải quyết quá hạn.", points: 12, attributedDelays: dossierCodes.length, disciplineLevel: null, parDeduction: 0, findingIds: [c.findingId] },
      lead,
    ),
  );
  for (const r of recommendations) {
    must(await saveRecommendation(getDb(), { ...target, kind: "remedy", content: r.content ?? "Khắc phục, trả kết quả đúng hạn.", ownerUnitId: world.unitId.get(r.ownerUnit)!, deadline: r.deadline }, lead, new Date("2026-01-01T00:00:00Z")));
  }
  must(await submitConclusion(getDb(), target, lead, new Date("2026-01-01T00:00:00Z")));
  return c;
}

/** A case submitted as submittedCase() says, whose notice giamdoc then approves and publishes. */
export async function publishedCase(
  world: CaseWorld,
  dossierCodes: string[],
  recommendations: { ownerUnit: string; deadline: string; content?: string }[],
  subject?: { unit: string } | { officer: string },
) {
  const c = await submittedCase(world, dossierCodes, recommendations, subject);
  const approver = (await loadSessionUser(getDb(), await userIdOf("giamdoc")))!;
  const published = await publishConclusion(getDb(), { caseId: c.caseId, scope: { all: true }, capacity: "deputy" }, approver);
  if (!published || !published.ok) throw new Error(published?.message ?? "không công bố được");
  return { ...c, conclusionId: published.conclusionId, number: published.number };
}
