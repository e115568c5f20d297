// The authorization matrix (issue 7): for every route file, its loader and its action, what each role
// gets — plus a unit head of another commune, an HR officer of a department outside the cycle's scope
// and a visitor who is not signed in. The rows say what the role model (app/permissions.ts, DOMAIN.md)
// promises; a route without a row fails, so a new route cannot ship without deciding who may use it.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../db/runtime.js";
import { buildAuthorizationWorld, outcomeOf, pathOf, rawStatusOf, PERSONAS, type Outcome, type Persona } from "./authorization-world.js";

type Expectation = Record<Persona, Outcome> & {
  /** Differences between the row and the app, by persona: the app's actual outcome and why it is wrong. */
  known?: Partial<Record<Persona, { actual: Outcome; why: string }>>;
  /**
   * Personas outside the record's scope whose invalid form is refused (400) before the record is looked
   * up: the scope sits in the model's WHERE clause, reached only by a valid form. For them the test also
   * checks that the answer is the same as for a record that does not exist, so it reveals nothing.
   */
  scopedInModel?: Persona[];
};
type Row = { loader?: Expectation; action?: Expectation };

/** The given personas get their outcome; every other signed-in persona 403, the visitor a login redirect. */
function only(allowed: Partial<Record<Persona, Outcome>>, otherwise: Outcome = "forbidden"): Expectation {
  const row = Object.fromEntries(PERSONAS.map((p) => [p, p === "anonymous" ? "login" : otherwise])) as Record<Persona, Outcome> as Expectation;
  return Object.assign(row, allowed);
}
const everyone = (outcome: Outcome): Expectation => only({ anonymous: outcome }, outcome);
const signedIn: Expectation = only({}, "ok");

const ADMIN = only({ admin: "ok" });
const INSPECTOR = only({ inspector: "ok" });
const EVIDENCE = only({ admin: "ok", inspector: "ok", approver: "ok" });
const IMPORT_EVIDENCE = only({ admin: "ok", inspector: "ok" });
const ORGANISATION = signedIn;
/** A record of truongdonvi's commune: other unit heads and HR of a department do not see it. */
const COMMUNE_RECORD = only({ admin: "ok", inspector: "ok", approver: "ok", unit_head: "ok", hr: "ok", other_unit_head: "notfound", hr_outside: "notfound" });
const CASES = only({ inspector: "ok", approver: "ok", unit_head: "ok", other_unit_head: "ok" });
const COMMUNE_CASE = only({ inspector: "ok", approver: "ok", unit_head: "ok", other_unit_head: "notfound" });
const APPRAISAL = only({ hr: "ok", hr_outside: "ok" });
/** A cycle opened on the province: a department's HR officer does not see it. */
const PROVINCE_CYCLE = only({ hr: "ok", hr_outside: "notfound" });
const API = everyone("unauthorized");
/** An action whose intent picks the permission: an unknown intent needs manage:case. */
const UNKNOWN_INTENT = INSPECTOR;
/** A scoped action probed with an invalid form: see Expectation.scopedInModel. */
function scopedInModel(row: Expectation, personas: Persona[]): Expectation {
  const result: Expectation = { ...row, scopedInModel: personas };
  for (const p of personas) result[p] = "ok";
  return result;
}

const MATRIX: Record<string, Row> = {
  "_index.tsx": { loader: signedIn },
  "account.password.tsx": { loader: signedIn, action: signedIn },
  "admin.api-tokens.tsx": { loader: ADMIN, action: ADMIN },
  "admin.audit.tsx": { loader: ADMIN },
  "admin.calendar.tsx": { loader: ADMIN, action: ADMIN },
  "admin.import-org.tsx": { loader: ADMIN, action: ADMIN },
  "admin.users.$userId.tsx": { loader: ADMIN, action: ADMIN },
  "admin.users._index.tsx": { loader: ADMIN },
  "admin.users.new.tsx": { loader: ADMIN, action: ADMIN },
  "admin.users.officer-search.ts": { loader: ADMIN },
  "api.v1.appraisal-items.$itemId.consume.ts": { loader: API, action: API },
  "api.v1.appraisal-items.ts": { loader: API, action: API },
  "appraisal.$cycleId._index.tsx": { loader: PROVINCE_CYCLE, action: scopedInModel(PROVINCE_CYCLE, ["hr_outside"]) },
  "appraisal.$cycleId.officers.$officerId.sheet[.]pdf.ts": { loader: PROVINCE_CYCLE },
  "appraisal.$cycleId.officers.$officerId.tsx": { loader: PROVINCE_CYCLE, action: scopedInModel(PROVINCE_CYCLE, ["hr_outside"]) },
  "appraisal.$cycleId.summary[.]csv.ts": { loader: PROVINCE_CYCLE },
  "appraisal.$cycleId.summary[.]pdf.ts": { loader: PROVINCE_CYCLE },
  "appraisal.$cycleId.units.$unitId.tsx": { loader: PROVINCE_CYCLE, action: scopedInModel(PROVINCE_CYCLE, ["hr_outside"]) },
  "appraisal._index.tsx": { loader: APPRAISAL, action: APPRAISAL },
  "cases.$caseId.attachments.$attachmentId.ts": { loader: COMMUNE_CASE },
  "cases.$caseId.tsx": { loader: COMMUNE_CASE, action: scopedInModel(COMMUNE_CASE, ["other_unit_head"]) },
  "cases.$caseId_.conclusion.tsx": { loader: COMMUNE_CASE, action: UNKNOWN_INTENT },
  "cases._index.tsx": { loader: CASES },
  "cases.new.tsx": { loader: INSPECTOR, action: INSPECTOR },
  // Reading evidence shows the dashboard; only the administrator changes its scoring threshold.
  "evidence.dashboard.tsx": { loader: EVIDENCE, action: ADMIN },
  "evidence.dashboard[.]csv.ts": { loader: EVIDENCE },
  "evidence.dossiers.$dossierId.tsx": { loader: EVIDENCE },
  "evidence.dossiers._index.tsx": { loader: EVIDENCE, action: INSPECTOR },
  "evidence.dossiers.officer-search.ts": { loader: EVIDENCE },
  "evidence.dossiers[.]csv.ts": { loader: EVIDENCE },
  "evidence.import._index.tsx": { loader: IMPORT_EVIDENCE, action: IMPORT_EVIDENCE },
  "evidence.import.batches.$batchId.tsx": { loader: IMPORT_EVIDENCE },
  // A job is seen only by the user who started it; no one started this one.
  "evidence.import.jobs.$jobId.ts": { loader: only({ admin: "notfound", inspector: "notfound" }) },
  "evidence.import.start.ts": { action: IMPORT_EVIDENCE },
  "evidence.monthly-list.tsx": { loader: EVIDENCE },
  "evidence.monthly-list[.]csv.ts": { loader: EVIDENCE },
  "evidence.monthly-list[.]pdf.ts": { loader: EVIDENCE },
  "evidence.offenders.tsx": { loader: EVIDENCE, action: INSPECTOR },
  "evidence.offenders[.]csv.ts": { loader: EVIDENCE },
  "evidence.sets.$setId._index.tsx": { loader: EVIDENCE },
  "evidence.sets.$setId.csv.ts": { loader: EVIDENCE },
  "evidence.sets._index.tsx": { loader: EVIDENCE },
  "favicon[.]ico.ts": { loader: everyone("ok") },
  "followup.$recommendationId.tsx": { loader: COMMUNE_CASE, action: UNKNOWN_INTENT },
  "followup._index.tsx": { loader: CASES },
  "healthz.ts": { loader: everyone("ok") },
  "inspections.$inspectionId._index.tsx": { loader: COMMUNE_CASE, action: INSPECTOR },
  "inspections.$inspectionId.edit.tsx": { loader: INSPECTOR, action: INSPECTOR },
  "inspections._index.tsx": { loader: CASES },
  "inspections.new.tsx": { loader: INSPECTOR, action: INSPECTOR },
  "inspections.officer-search.ts": { loader: INSPECTOR },
  "login.tsx": { loader: everyone("ok"), action: everyone("ok") },
  // Signing out ends at the login page, whoever asks.
  "logout.tsx": { loader: everyone("ok"), action: everyone("login") },
  "officers.$officerId._index.tsx": { loader: COMMUNE_RECORD },
  "officers.$officerId.edit.tsx": { loader: ADMIN, action: ADMIN },
  "officers.$officerId.memberships.$membershipId.edit.tsx": { loader: ADMIN, action: ADMIN },
  "officers.$officerId.memberships.$membershipId.end.tsx": { loader: ADMIN, action: ADMIN },
  "officers.$officerId.memberships.new.tsx": { loader: ADMIN, action: ADMIN },
  "officers._index.tsx": { loader: ORGANISATION },
  "officers.new.tsx": { loader: ADMIN, action: ADMIN },
  "public.notices.$noticeId._index.tsx": { loader: everyone("ok") },
  "public.notices.$noticeId.pdf.ts": { loader: everyone("ok") },
  "public.notices._index.tsx": { loader: everyone("ok") },
  "units.$unitId._index.tsx": { loader: COMMUNE_RECORD },
  "units.$unitId.edit.tsx": { loader: ADMIN, action: ADMIN },
  "units._index.tsx": { loader: ORGANISATION },
  "units.new.tsx": { loader: ADMIN, action: ADMIN },
};

const routesDir = path.join(projectRoot, "app/routes");
/** Route files, and folder routes by their folder name (app/routes/x.$id/route.tsx). */
const routeFiles = readdirSync(routesDir, { withFileTypes: true })
  .filter((e) => (e.isFile() && /\.(tsx|ts)$/.test(e.name)) || e.isDirectory())
  .map((e) => e.name)
  .sort();

describe("the authorization matrix", () => {
  it("has a row for every route file, and no row for a route that is gone", () => {
    const missing = routeFiles.filter((f) => !(f in MATRIX));
    const gone = Object.keys(MATRIX).filter((f) => !routeFiles.includes(f));
    expect(missing, `Routes without a row: add each to MATRIX in tests/integration/authorization-matrix.test.ts with who may use its loader and action`).toEqual([]);
    expect(gone, `Rows for routes that no longer exist: remove them from MATRIX in tests/integration/authorization-matrix.test.ts`).toEqual([]);
  });

  let params: Record<string, string>;
  beforeAll(async () => {
    params = await buildAuthorizationWorld();
  }, 120_000);

  it("gives every persona, on every loader and action, the outcome its row names", async () => {
    const differences: string[] = [];
    const known: string[] = [];
    // Loaders first, then actions: a write that slips past validation cannot change what a loader sees.
    for (const kind of ["loader", "action"] as const) {
      for (const file of routeFiles) {
        const row = MATRIX[file];
        if (!row) continue;
        const module = await import(path.join(routesDir, file));
        const fn = module[kind];
        if (!fn) {
          if (row[kind]) differences.push(`${file}: the row names a ${kind}, the module exports none`);
          continue;
        }
        const expected = row[kind];
        if (!expected) {
          differences.push(`${file}: exports a ${kind} the row does not cover — add it to MATRIX`);
          continue;
        }
        const { path: urlPath, used } = pathOf(file, params);
        for (const persona of PERSONAS) {
          const actual = await outcomeOf(fn, kind, urlPath, used, persona);
          const note = expected.known?.[persona];
          const line = `${file} ${kind} as ${persona}: expected ${expected[persona]}, got ${actual}`;
          if (note) {
            if (actual === note.actual) known.push(`${line} (known: ${note.why})`);
            else differences.push(`${line} — a known difference says ${note.actual}; update or drop the note`);
          } else if (actual !== expected[persona]) differences.push(line);
          if (expected.scopedInModel?.includes(persona)) {
            const nowhere = Object.fromEntries(Object.keys(used).map((k) => [k, k === "jobId" || k === "userId" ? used[k]! : "999999"]));
            const [real, missing] = [await rawStatusOf(fn, kind, urlPath, used, persona), await rawStatusOf(fn, kind, pathOf(file, nowhere).path, nowhere, persona)];
            if (real !== missing) differences.push(`${file} ${kind} as ${persona}: answers ${real} for a record out of scope but ${missing} for one that does not exist`);
          }
        }
      }
    }
    if (known.length) console.info(`Known authorization differences:\n${known.join("\n")}`);
    expect(differences).toEqual([]);
  }, 120_000);
});
