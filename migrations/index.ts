// Every migration, in order. Listed statically (not read from the folder at run time) so that the same
// code migrates under tsx, Vitest's global setup and a bundle; tests/unit/migrations.test.ts checks
// that every numbered file in this folder is listed here.
import type { Migration } from "kysely";
import * as m0001 from "./0001_create_organisation.js";
import * as m0002 from "./0002_create_evidence.js";
import * as m0003 from "./0003_create_outcomes.js";
import * as m0004 from "./0004_create_inspections.js";
import * as m0005 from "./0005_create_findings.js";
import * as m0006 from "./0006_create_conclusions.js";
import * as m0007 from "./0007_create_appraisal.js";
import * as m0008 from "./0008_create_login_attempts.js";

export const migrations: Record<string, Migration> = {
  "0001_create_organisation": m0001,
  "0002_create_evidence": m0002,
  "0003_create_outcomes": m0003,
  "0004_create_inspections": m0004,
  "0005_create_findings": m0005,
  "0006_create_conclusions": m0006,
  "0007_create_appraisal": m0007,
  "0008_create_login_attempts": m0008,
};
