// Findings (nội dung kiểm tra) of a case against the rubric version the case keeps. A finding is a
// numbered row whose content lives in append-only versions: revising adds a version with a change note,
// withdrawing adds a version marked withdrawn with the reason; nothing is overwritten (the database
// refuses UPDATE and DELETE). Every write locks the case row, so numbering and the per-criterion
// maximum hold under concurrent edits, and appends its audit event (entity 'case') in the same transaction.
import { sql } from "kysely";
import { z } from "zod";
import type { Database, Tx } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import type { CaseState } from "../domain/case-states.js";
import { findingEditRefusal } from "../domain/findings.js";
import { formatNumber } from "../domain/format.js";
import {
  SEVERITIES,
  deductionProblems,
  findCriterion,
  reviseFinding,
  type Finding,
  type RubricSet,
} from "../domain/rubric.js";
import type { SessionUser } from "../permissions.js";
import { appendAudit } from "./audit.server.js";
import { caseActorOf, lockCase } from "./cases.server.js";

type Db = Database | Tx;

const criteriaSchema = z
  .array(z.object({ code: z.string().min(1), title: z.string().min(1), maxPoints: z.number().positive(), severity: z.enum(SEVERITIES) }))
  .min(1);

/** The rubric version a case is scored under, from rubric_set (criteria jsonb → RubricSet). */
export async function loadRubric(db: Db, rubricSetId: number): Promise<RubricSet> {
  const row = await db.selectFrom("rubric_set").select(["code", "version", "title", "criteria"]).where("id", "=", rubricSetId).executeTakeFirstOrThrow();
  // The rows are seeded by migrations and frozen by a trigger; a malformed one is a programming error.
  return { id: row.code, version: row.version, title: row.title, criteria: criteriaSchema.parse(row.criteria) };
}

export type FindingVersionRow = Finding & {
  number: number;
  versionId: number;
  changeNote: string | null;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
};

/** Every version of every finding of the case, by number then version. */
export async function findingVersionsOf(db: Db, caseId: number): Promise<FindingVersionRow[]> {
  const rows = await db
    .selectFrom("finding_version as v")
    .innerJoin("finding as f", "f.id", "v.finding_id")
    .innerJoin("app_user as u", "u.id", "v.created_by")
    .select([
      "v.id as version_id",
      "v.finding_id",
      "f.number",
      "v.version",
      "v.criterion_code",
      "v.facts",
      "v.proposed_deduction",
      "v.withdrawn",
      "v.change_note",
      "v.created_by",
      "u.display_name",
      "v.created_at",
    ])
    .where("f.case_id", "=", caseId)
    .orderBy("f.number")
    .orderBy("v.version")
    .execute();
  return rows.map((r) => ({
    id: r.finding_id,
    number: r.number,
    versionId: r.version_id,
    version: r.version,
    criterionCode: r.criterion_code,
    facts: r.facts,
    proposedDeduction: Number(r.proposed_deduction),
    withdrawn: r.withdrawn,
    changeNote: r.change_note,
    createdBy: r.created_by,
    createdByName: r.display_name,
    createdAt: new Date(r.created_at),
  }));
}

/** The latest version of each finding (withdrawn ones included), by number. */
export function latestVersions(versions: readonly FindingVersionRow[]): FindingVersionRow[] {
  const latest = new Map<number, FindingVersionRow>();
  for (const v of versions) if ((latest.get(v.id)?.version ?? 0) < v.version) latest.set(v.id, v);
  return [...latest.values()].sort((a, b) => a.number - b.number);
}

export type FindingInput = { criterionCode: string; facts: string; proposedDeduction: number; dossierIds: number[] };

export type FindingField = "criterionCode" | "facts" | "proposedDeduction" | "dossierIds" | "changeNote" | "reason";

export type FindingWriteResult =
  | { ok: true; number: number; version: number; unchanged: boolean }
  | { ok: false; message: string; field?: FindingField };

type LockedCase = NonNullable<Awaited<ReturnType<typeof lockCase>>>;

async function refusalFor(trx: Tx, c: LockedCase, user: SessionUser): Promise<string | null> {
  return findingEditRefusal(c.state as CaseState, await caseActorOf(trx, c, user));
}

/**
 * Cited dossiers must be in the case's evidence now (attached and not detached): a finding rests on
 * what the case froze, never on live data. The message names the dossiers by code.
 */
async function citationProblem(trx: Tx, caseId: number, dossierIds: readonly number[]): Promise<string | null> {
  const ids = [...new Set(dossierIds)];
  if (ids.length === 0) return "Vui lòng chọn ít nhất một hồ sơ chứng cứ làm căn cứ cho nội dung kiểm tra.";
  const rows = await trx
    .selectFrom("dossier as d")
    .leftJoin("case_evidence as e", (join) => join.onRef("e.dossier_id", "=", "d.id").on("e.case_id", "=", caseId).on("e.detached_at", "is", null))
    .select(["d.id", "d.code", "e.id as evidence_id"])
    .where("d.id", "=", sql<number>`any(${ids}::int[])`)
    .orderBy("d.code")
    .execute();
  if (rows.length < ids.length) return "Có hồ sơ đã chọn không còn tồn tại; hãy tải lại trang và chọn lại.";
  const outside = rows.filter((r) => r.evidence_id === null).map((r) => r.code);
  if (outside.length > 0) {
    return `Hồ sơ ${outside.join(", ")} không thuộc chứng cứ đang có hiệu lực của vụ việc (chưa đưa vào hoặc đã gỡ), nên không dùng làm căn cứ được.`;
  }
  return null;
}

async function citedDossierIds(db: Db, versionId: number): Promise<number[]> {
  const rows = await db.selectFrom("finding_version_dossier").select("dossier_id").where("finding_version_id", "=", versionId).orderBy("dossier_id").execute();
  return rows.map((r) => r.dossier_id);
}

async function insertVersion(
  trx: Tx,
  findingId: number,
  v: Pick<Finding, "version" | "criterionCode" | "facts" | "proposedDeduction" | "withdrawn"> & { changeNote: string | null },
  dossierIds: readonly number[],
  userId: string,
): Promise<void> {
  const row = await trx
    .insertInto("finding_version")
    .values({
      finding_id: findingId,
      version: v.version,
      criterion_code: v.criterionCode,
      facts: v.facts,
      proposed_deduction: v.proposedDeduction,
      withdrawn: v.withdrawn,
      change_note: v.changeNote,
      created_by: userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const unique = [...new Set(dossierIds)];
  if (unique.length > 0) await trx.insertInto("finding_version_dossier").values(unique.map((dossier_id) => ({ finding_version_id: row.id, dossier_id }))).execute();
}

/** Checks the criterion, the citations and the deductions of the case with `next` in place; a problem names its field. */
async function contentProblem(
  trx: Tx,
  c: LockedCase,
  rubric: RubricSet,
  versions: readonly Finding[],
  next: Finding,
  dossierIds: readonly number[],
): Promise<{ message: string; field: FindingField } | null> {
  if (!findCriterion(rubric, next.criterionCode)) {
    return { field: "criterionCode", message: `Tiêu chí «${next.criterionCode}» không có trong bộ tiêu chí «${rubric.title}» phiên bản ${rubric.version}.` };
  }
  const citation = await citationProblem(trx, c.id, dossierIds);
  if (citation) return { field: "dossierIds", message: citation };
  const problems = deductionProblems(rubric, [...versions, next]);
  if (problems.length > 0) return { field: "proposedDeduction", message: problems.join(" ") };
  return null;
}

function describe(rubric: RubricSet, f: Pick<Finding, "criterionCode" | "proposedDeduction">): string {
  return `${f.criterionCode}${findCriterion(rubric, f.criterionCode) ? "" : " (?)"}, đề xuất trừ ${formatNumber(f.proposedDeduction)} điểm`;
}

/** Records a new finding (version 1) with the next number of the case. Undefined: no such case in scope. */
export async function addFinding(
  db: Database,
  input: FindingInput & { caseId: number; scope: Scope },
  user: SessionUser,
): Promise<FindingWriteResult | undefined> {
  return db.transaction().execute(async (trx): Promise<FindingWriteResult | undefined> => {
    const c = await lockCase(trx, input.caseId, input.scope);
    if (!c) return undefined;
    const refusal = await refusalFor(trx, c, user);
    if (refusal) return { ok: false, message: refusal };
    const rubric = await loadRubric(trx, c.rubric_set_id);
    const versions = await findingVersionsOf(trx, c.id);
    const number = versions.reduce((max, v) => Math.max(max, v.number), 0) + 1;
    const draft: Finding = { id: -1, version: 1, criterionCode: input.criterionCode, facts: input.facts, proposedDeduction: input.proposedDeduction, withdrawn: false };
    const problem = await contentProblem(trx, c, rubric, versions, draft, input.dossierIds);
    if (problem) return { ok: false, ...problem };
    const finding = await trx.insertInto("finding").values({ case_id: c.id, number, created_by: user.id }).returning("id").executeTakeFirstOrThrow();
    await insertVersion(trx, finding.id, { ...draft, changeNote: null }, input.dossierIds, user.id);
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "case.finding_add",
      entityType: "case",
      entityId: c.id,
      summary: `Ghi nội dung kiểm tra số ${number} (${describe(rubric, draft)}).`,
      data: { findingId: finding.id, number, version: 1, criterionCode: draft.criterionCode, proposedDeduction: draft.proposedDeduction, dossierIds: [...new Set(input.dossierIds)] },
    });
    return { ok: true, number, version: 1, unchanged: false };
  });
}

async function latestOf(trx: Tx, caseId: number, findingId: number) {
  const versions = await findingVersionsOf(trx, caseId);
  const mine = versions.filter((v) => v.id === findingId);
  if (mine.length === 0) return undefined;
  return { versions, current: mine.reduce((a, b) => (b.version > a.version ? b : a)) };
}

const sameSet = (a: readonly number[], b: readonly number[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
};

/**
 * Revises a finding: a new version when the criterion, facts, deduction or cited dossiers change (with a
 * change note); an unchanged save makes no version, so the unit's answer does not go stale for nothing.
 * Undefined: no such case in scope, or no such finding in it.
 */
export async function reviseCaseFinding(
  db: Database,
  input: FindingInput & { caseId: number; scope: Scope; findingId: number; changeNote: string },
  user: SessionUser,
): Promise<FindingWriteResult | undefined> {
  return db.transaction().execute(async (trx): Promise<FindingWriteResult | undefined> => {
    const c = await lockCase(trx, input.caseId, input.scope);
    if (!c) return undefined;
    const found = await latestOf(trx, c.id, input.findingId);
    if (!found) return undefined;
    const refusal = await refusalFor(trx, c, user);
    if (refusal) return { ok: false, message: refusal };
    const { versions, current } = found;
    if (current.withdrawn) return { ok: false, message: `Nội dung kiểm tra số ${current.number} đã rút, không sửa được nữa.` };
    const before = await citedDossierIds(trx, current.versionId);
    const revised = reviseFinding(current, { criterionCode: input.criterionCode, facts: input.facts, proposedDeduction: input.proposedDeduction });
    const citationsChanged = !sameSet(before, input.dossierIds);
    if (revised === current && !citationsChanged) return { ok: true, number: current.number, version: current.version, unchanged: true };
    const changeNote = input.changeNote.trim();
    if (changeNote === "") return { ok: false, field: "changeNote", message: "Vui lòng ghi lý do sửa nội dung kiểm tra." };
    const next: Finding = {
      id: current.id,
      version: current.version + 1,
      criterionCode: revised.criterionCode,
      facts: revised.facts,
      proposedDeduction: revised.proposedDeduction,
      withdrawn: false,
    };
    const rubric = await loadRubric(trx, c.rubric_set_id);
    const problem = await contentProblem(trx, c, rubric, versions, next, input.dossierIds);
    if (problem) return { ok: false, ...problem };
    await insertVersion(trx, current.id, { ...next, changeNote }, input.dossierIds, user.id);
    const changed = [
      current.criterionCode !== next.criterionCode ? "tiêu chí" : null,
      current.facts !== next.facts ? "nội dung" : null,
      current.proposedDeduction !== next.proposedDeduction ? "điểm trừ" : null,
      citationsChanged ? "hồ sơ làm căn cứ" : null,
    ].filter(Boolean);
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "case.finding_revise",
      entityType: "case",
      entityId: c.id,
      summary: `Sửa nội dung kiểm tra số ${current.number} (${changed.join(", ")}): phiên bản ${current.version} → ${next.version}, ${describe(rubric, next)}. Lý do: ${changeNote}`,
      data: {
        findingId: current.id,
        number: current.number,
        fromVersion: current.version,
        version: next.version,
        criterionCode: next.criterionCode,
        proposedDeduction: next.proposedDeduction,
        dossierIds: [...new Set(input.dossierIds)],
        changeNote,
      },
    });
    return { ok: true, number: current.number, version: next.version, unchanged: false };
  });
}

/** Withdraws a finding: a last version marked withdrawn, with the reason; it stays on record and deducts nothing. */
export async function withdrawFinding(
  db: Database,
  input: { caseId: number; scope: Scope; findingId: number; reason: string },
  user: SessionUser,
): Promise<FindingWriteResult | undefined> {
  return db.transaction().execute(async (trx): Promise<FindingWriteResult | undefined> => {
    const c = await lockCase(trx, input.caseId, input.scope);
    if (!c) return undefined;
    const found = await latestOf(trx, c.id, input.findingId);
    if (!found) return undefined;
    const refusal = await refusalFor(trx, c, user);
    if (refusal) return { ok: false, message: refusal };
    const { current } = found;
    if (current.withdrawn) return { ok: false, message: `Nội dung kiểm tra số ${current.number} đã rút trước đó.` };
    const reason = input.reason.trim();
    if (reason === "") return { ok: false, field: "reason", message: "Vui lòng nêu lý do rút nội dung kiểm tra." };
    const version = current.version + 1;
    await insertVersion(trx, current.id, { ...current, version, withdrawn: true, changeNote: reason }, await citedDossierIds(trx, current.versionId), user.id);
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "case.finding_withdraw",
      entityType: "case",
      entityId: c.id,
      summary: `Rút nội dung kiểm tra số ${current.number} (phiên bản ${version}). Lý do: ${reason}`,
      data: { findingId: current.id, number: current.number, version, reason },
    });
    return { ok: true, number: current.number, version, unchanged: false };
  });
}

/** The current findings of a case (latest versions, not withdrawn), for the explanation's checks. */
export async function currentFindingsOf(db: Db, caseId: number): Promise<FindingVersionRow[]> {
  return latestVersions(await findingVersionsOf(db, caseId)).filter((v) => !v.withdrawn);
}
