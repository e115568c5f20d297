// The append-only audit log. Every change to the organisation, a case, a conclusion or an appraisal
// appends its event here inside the same transaction as the change (the table refuses UPDATE/DELETE).
import type { Database, Tx } from "../../db/index.js";
import { SYSTEM_ACTOR } from "../components/AuditLabels.js";

export type AuditInput = {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  summary: string;
  data?: Record<string, unknown>;
};

export async function appendAudit(trx: Tx | Database, event: AuditInput): Promise<void> {
  await trx
    .insertInto("audit_event")
    .values({
      actor_user_id: event.actorUserId,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId === null ? null : String(event.entityId),
      summary: event.summary,
      data: JSON.stringify(event.data ?? {}),
    })
    .execute();
}

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = {
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: string; // yyyy-MM-dd, Vietnam time
  to?: string;
  q?: string;
  page: number;
};

export async function listAuditEvents(db: Database, filter: AuditFilter) {
  let query = db
    .selectFrom("audit_event as e")
    .leftJoin("app_user as u", "u.id", "e.actor_user_id");
  if (filter.actor === SYSTEM_ACTOR) query = query.where("e.actor_user_id", "is", null);
  else if (filter.actor) query = query.where("u.username", "=", filter.actor);
  if (filter.entityType) query = query.where("e.entity_type", "=", filter.entityType);
  if (filter.entityId) query = query.where("e.entity_id", "=", filter.entityId);
  if (filter.action) query = query.where("e.action", "=", filter.action);
  if (filter.from) query = query.where("e.at", ">=", new Date(`${filter.from}T00:00:00+07:00`));
  if (filter.to) query = query.where("e.at", "<", new Date(new Date(`${filter.to}T00:00:00+07:00`).getTime() + 86_400_000));
  if (filter.q) query = query.where("e.summary", "ilike", `%${filter.q.replace(/[\\%_]/g, (c) => "\\" + c)}%`);
  const [rows, total] = await Promise.all([
    query
      .select(["e.id", "e.at", "e.action", "e.entity_type", "e.entity_id", "e.summary", "e.data", "u.username", "u.display_name"])
      .orderBy("e.id", "desc")
      .limit(AUDIT_PAGE_SIZE)
      .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n, pageSize: AUDIT_PAGE_SIZE };
}

export async function auditFacets(db: Database) {
  const [entityTypes, actions, actors] = await Promise.all([
    db.selectFrom("audit_event").select("entity_type").distinct().orderBy("entity_type").execute(),
    db.selectFrom("audit_event").select("action").distinct().orderBy("action").execute(),
    // Users are few and audit events many: ask per user (audit_event_actor_idx) rather than scan events.
    db
      .selectFrom("app_user as u")
      .select(["u.username", "u.display_name"])
      .where((eb) => eb.exists(eb.selectFrom("audit_event as e").select("e.id").whereRef("e.actor_user_id", "=", "u.id")))
      .orderBy("u.username")
      .execute(),
  ]);
  return {
    entityTypes: entityTypes.map((r) => r.entity_type),
    actions: actions.map((r) => r.action),
    actors: actors.map((r) => ({ username: r.username, displayName: r.display_name })),
  };
}
