// The customer's sample as a test world: the demo users, the sample organisation, calendar and evidence
// (tests/fixtures/org, tests/fixtures/evidence), whose expected export for 2025 the figures are held to.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { getDb } from "../db/index.js";
import { projectRoot } from "../db/runtime.js";
import { importCalendar, importEvidence } from "../app/models/evidence-import.server.js";
import { importOrganisation } from "../app/models/org-import.server.js";
import { loadDemo } from "./helpers.js";

export const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);
const file = async (name: string) => ({ fileName: path.basename(name), bytes: await readFile(fixture(name)) });

export async function loadSampleEvidence(): Promise<void> {
  await loadDemo();
  await importOrganisation(getDb(), { units: await file("org/units.csv"), officers: await file("org/officers.csv"), userId: null });
  await importCalendar(getDb(), { file: await file("evidence/calendar.csv"), userId: null });
  const imported = await importEvidence(getDb(), {
    dossiers: await file("evidence/dossiers.csv"),
    steps: await file("evidence/steps.csv"),
    events: await file("evidence/events.csv"),
    userId: null,
  });
  expect(imported.ok).toBe(true);
}
