// Demo evidence for a first start: a year of realistic dossiers from the generator, placed on the demo
// organisation (db/seed.ts). The generator builds a province of its own; its dossiers are moved onto
// the demo's units (the same code, else the nearest ancestor the demo has) and officers (one of the
// demo officers of that unit, chosen by a stable hash, else none), then imported like any file.
import { createHash } from "node:crypto";
import { readCsvTable } from "../app/domain/csv.js";
import { DOSSIER_COLUMNS, EVENT_COLUMNS, STEP_COLUMNS } from "../app/domain/evidence-import.js";
import { createEvidenceGenerator, csvLine, FILE_HEADERS } from "../app/domain/generator.js";
import { DAY_MS, vnDate } from "../app/domain/instants.js";
import { importEvidence } from "../app/models/evidence-import.server.js";
import type { Database } from "./index.js";

function pick<T>(list: readonly T[], key: string): T | undefined {
  if (list.length === 0) return undefined;
  const n = createHash("sha1").update(key).digest().readUInt32BE(0);
  return list[n % list.length];
}

export async function seedDemoEvidence(db: Database, options: { dossiers: number; now?: number }): Promise<string> {
  const now = options.now ?? Date.now();
  const to = vnDate(now - DAY_MS);
  const from = vnDate(now - 365 * DAY_MS);
  const generator = createEvidenceGenerator({ dossiers: options.dossiers, seed: 2026, from, to });

  const generatedParent = new Map<string, string | null>();
  for (const [code, , parent] of generator.unitRows()) generatedParent.set(code!, parent || null);
  const demoUnits = new Set((await db.selectFrom("unit").select("code").execute()).map((u) => u.code));
  const members = await db
    .selectFrom("officer_membership as m")
    .innerJoin("officer as o", "o.id", "m.officer_id")
    .innerJoin("unit as u", "u.id", "m.unit_id")
    .select(["o.code as officer", "u.code as unit"])
    .execute();
  const officersOf = new Map<string, string[]>();
  for (const m of members) officersOf.set(m.unit, [...(officersOf.get(m.unit) ?? []), m.officer]);

  const unitFor = (code: string): string | null => {
    for (let c: string | null | undefined = code; c; c = generatedParent.get(c)) if (demoUnits.has(c)) return c;
    return null;
  };

  let dossiers = csvLine(FILE_HEADERS.dossiers);
  let steps = csvLine(FILE_HEADERS.steps);
  let events = csvLine(FILE_HEADERS.events);
  for (const chunk of generator.dossierChunks()) {
    dossiers += chunk.dossiers;
    steps += chunk.steps;
    events += chunk.events;
  }
  const kept = new Set<string>();
  let outDossiers = csvLine(FILE_HEADERS.dossiers);
  for (const { values } of readCsvTable(dossiers, DOSSIER_COLUMNS).rows) {
    const unit = unitFor(values.unit_code!);
    if (!unit) continue;
    kept.add(values.dossier_code!);
    outDossiers += csvLine(FILE_HEADERS.dossiers.map((h) => (h === "unit_code" ? unit : (values[h] ?? ""))));
  }
  let outSteps = csvLine(FILE_HEADERS.steps);
  for (const { values } of readCsvTable(steps, STEP_COLUMNS).rows) {
    if (!kept.has(values.dossier_code!)) continue;
    const unit = unitFor(values.unit_code!) ?? "000.00.00.H55";
    const officer = values.officer_code ? (pick(officersOf.get(unit) ?? [], values.officer_code) ?? "") : "";
    outSteps += csvLine(FILE_HEADERS.steps.map((h) => (h === "unit_code" ? unit : h === "officer_code" ? officer : (values[h] ?? ""))));
  }
  let outEvents = csvLine(FILE_HEADERS.events);
  for (const { values } of readCsvTable(events, EVENT_COLUMNS).rows) {
    if (kept.has(values.dossier_code!)) outEvents += csvLine(FILE_HEADERS.events.map((h) => values[h] ?? ""));
  }
  const encode = (fileName: string, text: string) => ({ fileName, bytes: new TextEncoder().encode(text) });
  const result = await importEvidence(db, {
    dossiers: encode("demo-dossiers.csv", outDossiers),
    steps: encode("demo-steps.csv", outSteps),
    events: encode("demo-events.csv", outEvents),
    userId: null,
  });
  if (!result.ok) {
    throw new Error("Không nạp được hồ sơ mẫu: " + result.errors.slice(0, 3).map((e) => `${e.file} dòng ${e.line}: ${e.message}`).join("; "));
  }
  return `${kept.size} hồ sơ mẫu tiếp nhận từ ${from.split("-").reverse().join("/")} đến ${to.split("-").reverse().join("/")}`;
}
