// The bench's data: a province from the generator (its own units and thousands of officers, imported
// like units.csv / officers.csv) and its dossiers, imported with importEvidence — the import every
// operator runs — in batches, so that a million dossiers never sit in memory at once.
import type { Database } from "../../db/index.js";
import { csvLine, FILE_HEADERS, type EvidenceGenerator } from "../../app/domain/generator.js";
import { importEvidence, type UploadedFile } from "../../app/models/evidence-import.server.js";
import { importOrganisation } from "../../app/models/org-import.server.js";
import { count, duration, timed } from "./measure.js";

export type EvidenceBatch = {
  dossiers: number;
  steps: number;
  events: number;
  files: { dossiers: UploadedFile; steps: UploadedFile; events: UploadedFile };
};

const encode = (fileName: string, text: string): UploadedFile => ({ fileName, bytes: Buffer.from(text, "utf8") });
const lineCount = (parts: string[]) => parts.reduce((n, p) => n + (p.match(/\n/g)?.length ?? 0), 0);

export async function importGeneratedOrganisation(db: Database, generator: EvidenceGenerator): Promise<string> {
  const result = await importOrganisation(db, {
    units: encode("units.csv", generator.unitsCsv()),
    officers: encode("officers.csv", generator.officersCsv()),
    userId: null,
  });
  if (!result.ok) throw new Error("Không nạp được tổ chức mô phỏng: " + result.errors.slice(0, 3).map((e) => `${e.file} dòng ${e.line}: ${e.message}`).join("; "));
  return `${count(generator.stats.units)} đơn vị, ${count(generator.stats.officers)} cán bộ`;
}

/**
 * The generator's dossiers as consecutive CSV files of about `first`, then `size` dossiers each (a
 * generator chunk — one day, at most 256 dossiers — is never split, so a dossier's steps and events
 * always travel with it).
 */
export function* evidenceBatches(generator: EvidenceGenerator, first: number, size: number): Generator<EvidenceBatch> {
  let want = first;
  let parts = { dossiers: [] as string[], steps: [] as string[], events: [] as string[] };
  let n = 0;
  let index = 0;
  const batch = (): EvidenceBatch => {
    index++;
    const header = (f: "dossiers" | "steps" | "events") => csvLine(FILE_HEADERS[f]);
    const result: EvidenceBatch = {
      dossiers: n,
      steps: lineCount(parts.steps),
      events: lineCount(parts.events),
      files: {
        dossiers: encode(`dossiers-${index}.csv`, header("dossiers") + parts.dossiers.join("")),
        steps: encode(`steps-${index}.csv`, header("steps") + parts.steps.join("")),
        events: encode(`events-${index}.csv`, header("events") + parts.events.join("")),
      },
    };
    parts = { dossiers: [], steps: [], events: [] };
    n = 0;
    want = size;
    return result;
  };
  for (const chunk of generator.dossierChunks()) {
    parts.dossiers.push(chunk.dossiers);
    parts.steps.push(chunk.steps);
    parts.events.push(chunk.events);
    n += chunk.count;
    if (n >= want) yield batch();
  }
  if (n > 0) yield batch();
}

export async function importBatch(db: Database, batch: EvidenceBatch): Promise<number> {
  const { ms, result } = await timed(() => importEvidence(db, { ...batch.files, userId: null }));
  if (!result.ok) {
    throw new Error("importEvidence từ chối dữ liệu mô phỏng: " + result.errors.slice(0, 3).map((e) => `${e.file} dòng ${e.line}: ${e.message}`).join("; "));
  }
  return ms;
}

/** Imports every remaining batch, with a progress line per batch. */
export async function importRest(
  db: Database,
  batches: Iterator<EvidenceBatch>,
  state: { loaded: number; total: number; started: number },
  log: (m: string) => void,
): Promise<void> {
  for (let next = batches.next(); !next.done; next = batches.next()) {
    const ms = await importBatch(db, next.value);
    state.loaded += next.value.dossiers;
    log(`  đã nạp ${count(state.loaded)}/${count(state.total)} hồ sơ (lô ${count(next.value.dossiers)} hồ sơ trong ${duration(ms)}; ${duration(performance.now() - state.started)} từ đầu)`);
  }
}
