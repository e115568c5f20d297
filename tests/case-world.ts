// A small world for case tests: the demo users, the sample organisation, calendar and evidence, and one
// inspection (15/QĐ-SNV) whose team is thanhtra (CB0004, lead) and thanhtra2 (CB0005, member).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getDb } from "../db/index.js";
import { projectRoot } from "../db/runtime.js";
import { importCalendar, importEvidence } from "../app/models/evidence-import.server.js";
import { importOrganisation } from "../app/models/org-import.server.js";
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
