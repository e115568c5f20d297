// Importing units.csv and officers.csv: checked whole, then written in one transaction, or not at all.
// Re-importing the same files changes nothing (no updated_at bumps, no membership churn); every import
// still leaves its batch and one audit event.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Database, Tx } from "../../db/index.js";
import {
  checkOrganisationFiles,
  OFFICER_COLUMNS,
  summariseOrgImport,
  UNIT_COLUMNS,
  UNIT_KINDS,
  type OfficerRecord,
  type OrgFileKind,
  type OrgImportCounts,
  type UnitRecord,
} from "../domain/org-import.js";
import { PAGE_SIZE } from "../domain/paging.js";
import { appendAudit } from "./audit.server.js";

// Handed to the import page through this .server module: imported by the route directly, the checker
// (and csv-parse, which needs Node's Buffer) would end up in the browser bundle.
export const ORG_FILE_FORMAT = { columns: { units: UNIT_COLUMNS, officers: OFFICER_COLUMNS }, kinds: UNIT_KINDS };

export type UploadedFile = { fileName: string; bytes: Uint8Array };
export type OrgImportError = { file: string; line: number; column: string | null; message: string };
export type BatchFile = { role: OrgFileKind; name: string; sha256: string; rows: number };

export type OrgImportResult =
  | { ok: false; errors: OrgImportError[] }
  | { ok: true; batchId: number; counts: OrgImportCounts; summary: string };

// Two imports at once would each diff against a state the other is changing.
const IMPORT_LOCK = 0x6f7267; // "org"

export async function importOrganisation(
  db: Database,
  input: { units?: UploadedFile; officers?: UploadedFile; userId: string | null },
): Promise<OrgImportResult> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
    const stored = await trx
      .selectFrom("unit")
      .select(["id", "code", "name", "kind", "parent_id", "valid_from", "valid_to"])
      .execute();
    const codeOfId = new Map(stored.map((u) => [u.id, u.code]));
    const existingUnits = new Map(stored.map((u) => [u.code, u.parent_id === null ? null : codeOfId.get(u.parent_id)!]));

    const check = checkOrganisationFiles({ units: input.units?.bytes, officers: input.officers?.bytes, existingUnits });
    if (check.errors.length > 0) {
      const nameOf = { units: input.units?.fileName ?? "", officers: input.officers?.fileName ?? "" };
      return { ok: false, errors: check.errors.map(({ file, ...issue }) => ({ file: nameOf[file], ...issue })) };
    }

    const units = await writeUnits(trx, check.units, stored);
    const officers = await writeOfficers(trx, check.officers);
    const counts: OrgImportCounts = { units: units.tally, officers: officers.tally, memberships: officers.memberships };

    const files: BatchFile[] = [];
    for (const role of ["units", "officers"] as const) {
      const file = input[role];
      if (file) files.push({ role, name: file.fileName, sha256: createHash("sha256").update(file.bytes).digest("hex"), rows: check.rowCounts[role] });
    }
    const batch = await trx
      .insertInto("import_batch")
      .values({ kind: "org", files: JSON.stringify(files), counts: JSON.stringify(counts), user_id: input.userId })
      .returning("id")
      .executeTakeFirstOrThrow();
    const summary = summariseOrgImport(counts);
    await appendAudit(trx, {
      actorUserId: input.userId,
      action: "org.import",
      entityType: "import_batch",
      entityId: batch.id,
      summary: `Nhập dữ liệu tổ chức (${files.map((f) => f.name).join(", ")}). ${summary}`,
      // Which codes changed, so that one event per import still answers "when did this unit change?".
      data: { files, counts, changed: { units: units.changed, officers: officers.changed } },
    });
    return { ok: true, batchId: batch.id, counts, summary };
  });
}

type StoredUnit = {
  id: number;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  valid_from: string | null;
  valid_to: string | null;
};

async function writeUnits(trx: Tx, records: UnitRecord[], stored: StoredUnit[]) {
  const byCode = new Map(stored.map((u) => [u.code, u]));
  const codeOfId = new Map(stored.map((u) => [u.id, u.code]));
  const created: UnitRecord[] = [];
  const updated: { record: UnitRecord; reparent: boolean }[] = [];
  let unchanged = 0;
  for (const record of records) {
    const old = byCode.get(record.code);
    if (!old) {
      created.push(record);
      continue;
    }
    const oldParent = old.parent_id === null ? null : codeOfId.get(old.parent_id)!;
    const reparent = oldParent !== record.parentCode;
    if (reparent || old.name !== record.name || old.kind !== record.kind || old.valid_from !== record.validFrom || old.valid_to !== record.validTo) {
      updated.push({ record, reparent });
    } else {
      unchanged++;
    }
  }

  if (created.length > 0) {
    await sql`
      insert into unit (code, name, kind, valid_from, valid_to)
      select * from unnest(${created.map((u) => u.code)}::text[], ${created.map((u) => u.name)}::text[], ${created.map((u) => u.kind)}::text[],
                           ${created.map((u) => u.validFrom)}::date[], ${created.map((u) => u.validTo)}::date[])`.execute(trx);
  }
  if (updated.length > 0) {
    const rows = updated.map((u) => u.record);
    // A moved unit is detached first and re-attached below: attaching in file order could pass through
    // a cycle (A under B while B is still under A) that the final tree does not have.
    await sql`
      update unit u set name = v.name, kind = v.kind, valid_from = v.valid_from, valid_to = v.valid_to,
                        parent_id = case when v.reparent then null else u.parent_id end
      from unnest(${rows.map((u) => u.code)}::text[], ${rows.map((u) => u.name)}::text[], ${rows.map((u) => u.kind)}::text[],
                  ${rows.map((u) => u.validFrom)}::date[], ${rows.map((u) => u.validTo)}::date[], ${updated.map((u) => u.reparent)}::boolean[])
           as v(code, name, kind, valid_from, valid_to, reparent)
      where u.code = v.code`.execute(trx);
  }
  const attach = [...created, ...updated.filter((u) => u.reparent).map((u) => u.record)].filter((u) => u.parentCode !== null);
  if (attach.length > 0) {
    await sql`
      update unit u set parent_id = p.id
      from unnest(${attach.map((u) => u.code)}::text[], ${attach.map((u) => u.parentCode)}::text[]) as v(code, parent_code)
      join unit p on p.code = v.parent_code
      where u.code = v.code`.execute(trx);
  }
  return {
    tally: { created: created.length, updated: updated.length, unchanged },
    changed: { created: created.map((u) => u.code), updated: updated.map((u) => u.record.code) },
  };
}

type Membership = { unit_id: number; position: string | null; valid_from: string | null; valid_to: string | null };
const membershipKey = (m: Membership) => JSON.stringify([m.unit_id, m.position, m.valid_from, m.valid_to]);

async function writeOfficers(trx: Tx, records: OfficerRecord[]) {
  const tally = { created: 0, updated: 0, unchanged: 0 };
  const memberships = { created: 0, deleted: 0, unchanged: 0 };
  const changed = { created: [] as string[], updated: [] as string[] };
  if (records.length === 0) return { tally, memberships, changed };

  const codes = records.map((o) => o.code);
  const unitCodes = [...new Set(records.flatMap((o) => o.memberships.map((m) => m.unitCode)))];
  const [officers, units] = await Promise.all([
    trx.selectFrom("officer").select(["id", "code", "full_name"]).where("code", "=", sql<string>`any(${codes}::text[])`).execute(),
    trx.selectFrom("unit").select(["id", "code"]).where("code", "=", sql<string>`any(${unitCodes}::text[])`).execute(),
  ]);
  const officerByCode = new Map(officers.map((o) => [o.code, o]));
  const unitId = new Map(units.map((u) => [u.code, u.id]));
  const stored = officers.length
    ? await trx
        .selectFrom("officer_membership")
        .select(["id", "officer_id", "unit_id", "position", "valid_from", "valid_to"])
        .where("officer_id", "=", sql<number>`any(${officers.map((o) => o.id)}::int[])`)
        .execute()
    : [];
  const storedByOfficer = new Map<number, typeof stored>();
  for (const m of stored) storedByOfficer.set(m.officer_id, [...(storedByOfficer.get(m.officer_id) ?? []), m]);

  const toCreate: OfficerRecord[] = [];
  const toRename: { id: number; fullName: string }[] = [];
  const deleteIds: number[] = [];
  const inserts: (Membership & { officer_code: string })[] = [];
  for (const record of records) {
    const wanted: Membership[] = record.memberships.map((m) => ({
      unit_id: unitId.get(m.unitCode)!,
      position: m.position,
      valid_from: m.validFrom,
      valid_to: m.validTo,
    }));
    const old = officerByCode.get(record.code);
    if (!old) {
      toCreate.push(record);
      changed.created.push(record.code);
      tally.created++;
      memberships.created += wanted.length;
      inserts.push(...wanted.map((m) => ({ ...m, officer_code: record.code })));
      continue;
    }
    // Keep the rows that already say the same thing; replace only the ones that differ.
    const remaining = new Map<string, number[]>();
    for (const m of storedByOfficer.get(old.id) ?? []) {
      const key = membershipKey(m);
      remaining.set(key, [...(remaining.get(key) ?? []), m.id]);
    }
    let differs = false;
    for (const m of wanted) {
      const ids = remaining.get(membershipKey(m));
      if (ids && ids.length > 0) {
        ids.pop();
        memberships.unchanged++;
      } else {
        inserts.push({ ...m, officer_code: record.code });
        memberships.created++;
        differs = true;
      }
    }
    for (const ids of remaining.values()) {
      deleteIds.push(...ids);
      memberships.deleted += ids.length;
      if (ids.length > 0) differs = true;
    }
    if (differs || old.full_name !== record.fullName) {
      // Also for a membership-only change: the officer's updated_at says when their record last changed.
      toRename.push({ id: old.id, fullName: record.fullName });
      changed.updated.push(record.code);
      tally.updated++;
    } else {
      tally.unchanged++;
    }
  }

  if (toCreate.length > 0) {
    await sql`
      insert into officer (code, full_name)
      select * from unnest(${toCreate.map((o) => o.code)}::text[], ${toCreate.map((o) => o.fullName)}::text[])`.execute(trx);
  }
  if (toRename.length > 0) {
    await sql`
      update officer o set full_name = v.full_name
      from unnest(${toRename.map((o) => o.id)}::int[], ${toRename.map((o) => o.fullName)}::text[]) as v(id, full_name)
      where o.id = v.id`.execute(trx);
  }
  // Deletions first: the exclusion constraint would refuse a new period overlapping an old one.
  if (deleteIds.length > 0) {
    await trx.deleteFrom("officer_membership").where("id", "=", sql<number>`any(${deleteIds}::int[])`).execute();
  }
  if (inserts.length > 0) {
    await sql`
      insert into officer_membership (officer_id, unit_id, position, valid_from, valid_to)
      select o.id, v.unit_id, v.position, v.valid_from, v.valid_to
      from unnest(${inserts.map((m) => m.officer_code)}::text[], ${inserts.map((m) => m.unit_id)}::int[], ${inserts.map((m) => m.position)}::text[],
                  ${inserts.map((m) => m.valid_from)}::date[], ${inserts.map((m) => m.valid_to)}::date[])
           as v(officer_code, unit_id, position, valid_from, valid_to)
      join officer o on o.code = v.officer_code`.execute(trx);
  }
  return { tally, memberships, changed };
}

export type OrgImportBatch = {
  id: number;
  createdAt: Date;
  userName: string | null;
  files: BatchFile[];
  counts: OrgImportCounts;
};

/** Past organisation imports, newest first, one page at a time. */
export async function listOrgImports(db: Database, page: number): Promise<{ rows: OrgImportBatch[]; total: number; pageSize: number }> {
  const base = db.selectFrom("import_batch as b").where("b.kind", "=", "org");
  const [rows, total] = await Promise.all([
    base
      .leftJoin("app_user as u", "u.id", "b.user_id")
      .select(["b.id", "b.created_at", "b.files", "b.counts", "u.display_name", "u.username"])
      .orderBy("b.id", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      userName: r.display_name ? `${r.display_name} (${r.username})` : null,
      files: r.files as unknown as BatchFile[],
      counts: r.counts as unknown as OrgImportCounts,
    })),
    total: total.n,
    pageSize: PAGE_SIZE,
  };
}
