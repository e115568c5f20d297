// Where a case's evidence comes from: a saved evidence set, dossier codes typed or pasted, or the dossier
// list's selection (ticked dossiers, or every dossier matching its filter). The selection is resolved by
// the evidence sets' own query, so a case and a set chosen the same way hold the same dossiers. Nothing
// is written until every code is known and the choice is within MAX_CASE_DOSSIERS: a refusal consumes
// no case code.
import { sql } from "kysely";
import type { Database } from "../../db/index.js";
import type { Scope } from "../auth.server.js";
import { listCodes, MAX_CASE_DOSSIERS } from "../domain/dossier-codes.js";
import { formatNumber } from "../domain/format.js";
import { addEvidence, openCase, type CaseSubject, type CaseWriteResult } from "./cases.server.js";
import { resolveDossierSelection, SELECTION_STALE, type DossierSelection } from "./evidence-sets.server.js";
import { inScope } from "./units.server.js";

export type EvidenceSource =
  | { kind: "set"; evidenceSetId: number }
  | { kind: "codes"; codes: string[] }
  | { kind: "selection"; selection: DossierSelection };

type Resolved =
  | { ok: true; dossierIds: number[]; evidenceSetId: number | null; origin: Record<string, unknown> }
  | { ok: false; field: string; message: string };

const tooMany = (n: number) =>
  `Một vụ việc nhận tối đa ${formatNumber(MAX_CASE_DOSSIERS)} hồ sơ mỗi lần, nhưng đã chọn ${formatNumber(n)} hồ sơ. Hãy thu hẹp bộ lọc (đơn vị, thủ tục, tháng…) hoặc chia thành nhiều lần.`;

/** The dossiers of the given codes in the scope; every code must be known. */
async function dossiersByCodes(db: Database, scope: Scope, codes: string[]): Promise<Resolved> {
  if (codes.length === 0) return { ok: false, field: "codes", message: "Vui lòng nhập ít nhất một mã hồ sơ." };
  if (codes.length > MAX_CASE_DOSSIERS) return { ok: false, field: "codes", message: tooMany(codes.length) };
  const found = await db
    .selectFrom("dossier")
    .select(["id", "code"])
    .where("code", "=", sql<string>`any(${codes}::text[])`)
    .where(inScope("unit_id", scope))
    .execute();
  const known = new Set(found.map((d) => d.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    return { ok: false, field: "codes", message: `Không tìm thấy ${formatNumber(unknown.length)} mã hồ sơ: ${listCodes(unknown)}. Chưa có gì được lưu.` };
  }
  return { ok: true, dossierIds: found.map((d) => d.id), evidenceSetId: null, origin: { kind: "codes", count: codes.length } };
}

async function resolveEvidence(db: Database, scope: Scope, source: EvidenceSource): Promise<Resolved> {
  switch (source.kind) {
    case "set":
      // openCase reads the set's dossiers in its own transaction and keeps the link to the set.
      return { ok: true, dossierIds: [], evidenceSetId: source.evidenceSetId, origin: { kind: "set" } };
    case "codes":
      return dossiersByCodes(db, scope, source.codes);
    case "selection": {
      const { period, filter, selection } = source.selection;
      const resolved = await resolveDossierSelection(db, scope, source.selection, MAX_CASE_DOSSIERS);
      if (resolved.stale) return { ok: false, field: "source", message: SELECTION_STALE };
      if (resolved.dossiers === 0) return { ok: false, field: "source", message: "Không có hồ sơ nào khớp bộ lọc đã chọn." };
      if (resolved.dossiers > MAX_CASE_DOSSIERS) return { ok: false, field: "source", message: tooMany(resolved.dossiers) };
      const origin = {
        kind: "filter",
        period: { from: period.from, to: period.to, asOf: new Date(period.asOf).toISOString() },
        filter,
        selection: selection === "all" ? "all" : "selected",
        labels: resolved.labels,
        counts: { dossiers: resolved.dossiers, late: resolved.late },
      };
      return { ok: true, dossierIds: resolved.ids, evidenceSetId: null, origin };
    }
  }
}

/** What the new-case form says about a carried selection before anything is written. */
export async function previewSelection(db: Database, scope: Scope, selection: DossierSelection) {
  const resolved = await resolveDossierSelection(db, scope, selection, 0);
  const problem = resolved.stale
    ? SELECTION_STALE
    : resolved.dossiers === 0
      ? "Không có hồ sơ nào khớp bộ lọc đã chọn."
      : resolved.dossiers > MAX_CASE_DOSSIERS
        ? tooMany(resolved.dossiers)
        : null;
  return { dossiers: resolved.dossiers, late: resolved.late, labels: resolved.labels, problem };
}

export type OpenCaseRequest = { inspectionId: number; subject: CaseSubject; title: string; source: EvidenceSource };

/** Resolves the evidence, then opens the case with it (openCase: one transaction, the code taken last). */
export async function openCaseWithEvidence(db: Database, scope: Scope, input: OpenCaseRequest, actorUserId: string): Promise<CaseWriteResult> {
  const resolved = await resolveEvidence(db, scope, input.source);
  if (!resolved.ok) return resolved;
  const result = await openCase(
    db,
    {
      inspectionId: input.inspectionId,
      subject: input.subject,
      title: input.title,
      evidenceSetId: resolved.evidenceSetId,
      dossierIds: resolved.dossierIds,
      origin: resolved.origin,
    },
    actorUserId,
  );
  // openCase names the set's field for refused evidence (already judged); the form shows it where the dossiers were chosen.
  if (!result.ok && result.field === "evidenceSetId" && input.source.kind !== "set") return { ...result, field: input.source.kind === "codes" ? "codes" : "source" };
  return result;
}

export type AddEvidenceResult = { ok: true; addedCodes: string[]; alreadyCodes: string[] } | { ok: false; field?: string; message: string };

/**
 * Adds dossiers (by codes, and/or every dossier of an evidence set) to a case not yet published.
 * Undefined when the case is not in the scope. Unknown codes refuse the whole request.
 */
export async function addEvidenceToCase(
  db: Database,
  scope: Scope,
  input: { caseId: number; codes: string[]; evidenceSetId: number | null },
  actorUserId: string,
): Promise<AddEvidenceResult | undefined> {
  const ids: number[] = [];
  if (input.codes.length > 0) {
    const byCodes = await dossiersByCodes(db, scope, input.codes);
    if (!byCodes.ok) return byCodes;
    ids.push(...byCodes.dossierIds);
  }
  if (input.evidenceSetId !== null) {
    const set = await db.selectFrom("evidence_set").select("id").where("id", "=", input.evidenceSetId).executeTakeFirst();
    if (!set) return { ok: false, field: "evidenceSetId", message: "Không tìm thấy bộ chứng cứ đã chọn." };
    const rows = await db.selectFrom("evidence_set_dossier").select("dossier_id").where("evidence_set_id", "=", set.id).execute();
    ids.push(...rows.map((r) => r.dossier_id));
  }
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { ok: false, message: "Vui lòng nhập mã hồ sơ hoặc chọn một bộ chứng cứ." };
  if (unique.length > MAX_CASE_DOSSIERS) return { ok: false, message: tooMany(unique.length) };
  const result = await addEvidence(db, { caseId: input.caseId, dossierIds: unique, scope }, actorUserId);
  if (!result || !result.ok) return result;
  return { ok: true, addedCodes: result.addedCodes, alreadyCodes: result.alreadyCodes };
}

/** The toast after adding evidence: how many were added, and which were already attached. */
export function evidenceAddedMessage(result: { addedCodes: string[]; alreadyCodes: string[] }): string {
  const added = `Đã thêm ${formatNumber(result.addedCodes.length)} hồ sơ vào chứng cứ của vụ việc.`;
  if (result.alreadyCodes.length === 0) return added;
  return `${added} ${formatNumber(result.alreadyCodes.length)} hồ sơ đã có trong chứng cứ từ trước: ${listCodes(result.alreadyCodes)}.`;
}

/** The refusal when nothing was new. */
export function nothingAddedMessage(alreadyCodes: string[]): string {
  return `Không có hồ sơ mới: cả ${formatNumber(alreadyCodes.length)} hồ sơ đã có trong chứng cứ của vụ việc (${listCodes(alreadyCodes)}).`;
}
