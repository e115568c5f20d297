// Settings an admin changes at run time (app_setting: key → jsonb). Each change appends its audit
// event in the same transaction; reading a missing or malformed value falls back to the default.
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import { DEFAULT_PROGRESS_THRESHOLD, formatPercentNumber, isValidThreshold } from "../domain/decision766.js";
import { appendAudit } from "./audit.server.js";

export const PROGRESS_THRESHOLD_KEY = "decision766.progress_threshold";

async function readSetting(db: Database | Tx, key: string): Promise<unknown> {
  const row = await db.selectFrom("app_setting").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

function asThreshold(value: unknown): number {
  return typeof value === "number" && isValidThreshold(value) ? value : DEFAULT_PROGRESS_THRESHOLD;
}

/** The on-time rate (in percent) at which a unit earns the full Decision 766 progress points. */
export async function getProgressThreshold(db: Database | Tx): Promise<number> {
  return asThreshold(await readSetting(db, PROGRESS_THRESHOLD_KEY));
}

/** Sets the threshold (a percentage in (0, 100]); `changed` is false when it already had that value. */
export async function setProgressThreshold(db: Database, input: { value: number; actorUserId: string }): Promise<{ changed: boolean }> {
  if (!isValidThreshold(input.value)) throw new RangeError(`Ngưỡng ${input.value} nằm ngoài khoảng (0, 100].`);
  return db.transaction().execute(async (trx) => {
    // Serialises concurrent saves (the row may not exist yet, so a row lock would not do): the "from"
    // of the audit event is the value this write really replaced.
    await sql`select pg_advisory_xact_lock(hashtext(${PROGRESS_THRESHOLD_KEY}))`.execute(trx);
    const stored = await readSetting(trx, PROGRESS_THRESHOLD_KEY);
    const previous = asThreshold(stored);
    if (previous === input.value) return { changed: false };
    await trx
      .insertInto("app_setting")
      .values({ key: PROGRESS_THRESHOLD_KEY, value: JSON.stringify(input.value), updated_by: input.actorUserId })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({ value: JSON.stringify(input.value), updated_by: input.actorUserId, updated_at: sql`now()` }),
      )
      .execute();
    await appendAudit(trx, {
      actorUserId: input.actorUserId,
      action: "setting.update",
      entityType: "setting",
      entityId: PROGRESS_THRESHOLD_KEY,
      summary: `Đổi ngưỡng tỷ lệ đúng hạn để tính điểm tiến độ (Quyết định 766) từ ${formatPercentNumber(previous)} thành ${formatPercentNumber(input.value)}`,
      data: { key: PROGRESS_THRESHOLD_KEY, from: previous, to: input.value, wasDefault: stored === undefined },
    });
    return { changed: true };
  });
}
