// "Không đánh giá lại" (the directives' rule, at intake): a dossier that a published conclusion notice
// already judged for a subject cannot become evidence against the same subject again.
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import { formatNoticeNumber } from "../domain/conclusion.js";
import { formatIsoDate } from "../domain/format.js";

type Db = Database | Tx;

/**
 * "Không đánh giá lại": the dossiers among these that a published notice already judged for this subject
 * (the same officer; for a unit case, the same unit as a unit), each with the notice that judged it.
 */
export async function alreadyJudged(db: Db, subject: { unitId: number; officerId: number | null }, dossierIds: readonly number[]) {
  if (dossierIds.length === 0) return [];
  let query = db
    .selectFrom("conclusion_item_dossier as cd")
    .innerJoin("conclusion_item as i", "i.id", "cd.conclusion_item_id")
    .innerJoin("conclusion as n", "n.id", "i.conclusion_id")
    .innerJoin("dossier as d", "d.id", "cd.dossier_id")
    .select(["d.id as dossier_id", "d.code", "n.number", "n.symbol", "n.publication_date"])
    .where("n.status", "=", "published")
    .where("cd.dossier_id", "=", sql<number>`any(${[...dossierIds]}::int[])`);
  query =
    subject.officerId !== null
      ? query.where("i.subject_officer_id", "=", subject.officerId)
      : query.where("i.subject_officer_id", "is", null).where("i.subject_unit_id", "=", subject.unitId);
  const rows = await query.orderBy("d.code").orderBy("n.publication_date").execute();
  const first = new Map<number, { dossierId: number; code: string; notice: string; publicationDate: string }>();
  for (const r of rows) {
    if (!first.has(r.dossier_id)) first.set(r.dossier_id, { dossierId: r.dossier_id, code: r.code, notice: formatNoticeNumber(r.number!, r.symbol!), publicationDate: r.publication_date! });
  }
  return [...first.values()];
}

/** The refusal naming each dossier and the notice that judged it. */
export function alreadyJudgedMessage(judged: readonly { code: string; notice: string; publicationDate: string }[]): string {
  const shown = judged.slice(0, 10).map((j) => `${j.code} (Thông báo kết luận số ${j.notice} ngày ${formatIsoDate(j.publicationDate)})`);
  const more = judged.length > 10 ? ` và ${judged.length - 10} hồ sơ khác` : "";
  return `Không đánh giá lại: hồ sơ đã được kết luận đối với đối tượng này — ${shown.join("; ")}${more}.`;
}
