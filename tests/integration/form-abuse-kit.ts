// The abuse every form of the app is put through (issue 7 point 3), shared by the form-abuse test files:
// every field empty, a megabyte in one field, odd Unicode (combining marks, a right-to-left override, a
// zero-width joiner, a lone surrogate, an emoji) with a NUL character in one field. Each is refused with a
// Vietnamese message that names the field (a 4xx and the form's errors by field, or for the few forms that
// answer with one message, that message), and no row of the database changes, the audit log included;
// never a 500. Then each form, filled in properly, is accepted: the refusals were about the field abused.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { NUL_MESSAGE } from "../../app/forms.js";
import { call, makeRequest, payloadOf, statusOf } from "../helpers.js";

// A million characters, mostly ASCII: undici decodes a urlencoded body of a million "ệ" (nine bytes each,
// percent-encoded) in most of a second, which the hundreds of submissions here cannot afford.
export const MEGABYTE = "Hồ sơ " + "x".repeat(1024 * 1024);
// "Phường" typed with combining marks (NFD), a right-to-left override, a zero-width joiner inside an
// emoji sequence, a lone surrogate (a browser sends U+FFFD for it), a replacement character.
export const ODD = "Phường Cẩm Thành".normalize("NFD") + " \u202Egnờưhp\u202C 👩\u200D💻 \uD800 \uFFFD 🇻🇳";
export const WITH_NUL = `Hồ sơ\u0000${ODD}`;
export const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
/** How a message about a text too long reads: it names the limit. */
export const NAMES_A_LIMIT = /tối đa [\d.]+ (ký tự|KB)/;

/** Rows of every table (count and a digest of their text), minus sessions and sign-in attempts. */
export async function fingerprint(): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
      and table_name not in ('user_session', 'login_attempt', 'kysely_migration', 'kysely_migration_lock')
    order by table_name`.execute(getDb());
  const parts = tables.rows.map(
    ({ table_name }) => sql`select ${table_name}::text as t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as f from ${sql.table(table_name)} x`,
  );
  const rows = await sql<{ t: string; f: string }>`${sql.join(parts, sql` union all `)}`.execute(getDb());
  return Object.fromEntries(rows.rows.map((r) => [r.t, r.f]));
}

export type Form = Record<string, string | string[] | Blob>;
export type Target = {
  name: string;
  as: string | null;
  path: () => string;
  run: (request: Request) => Promise<unknown>;
  /** A form the action accepts (submitted once, after every refusal). */
  valid: () => Form;
  /** The status the valid form is answered with; a redirect unless said otherwise. */
  accepted?: number;
  /** Waits for what the valid form started in the background, once accepted. */
  settle?: (result: unknown) => Promise<unknown>;
  /** The fields a person types or picks (not the intent). */
  fields: string[];
  /** Those of them that are free text: a megabyte there is refused with the field's limit named. */
  text: string[];
  /** Every field may be left empty (defaults apply): an empty form is a proper one, not tried as abuse. */
  emptyIsValid?: boolean;
  /** The page's form is multipart (it takes files); otherwise it is posted urlencoded, as a browser does. */
  multipart?: boolean;
  /**
   * For a form that answers with one message rather than by field (sign-in, a file upload): the message
   * a form with every field empty gets, and the one a megabyte or a NUL in `field` gets.
   */
  says?: { empty: string; oversized: (field: string) => string; nul: (field: string) => string };
};

/** A form of the page at `path`, answered by `action` with the route's `params`: a target once named. */
export const formOf =
  (action: Parameters<typeof call>[0], path: () => string, params: () => Record<string, string> = () => ({})) =>
  (as: string | null, name: string, rest: Omit<Target, "name" | "as" | "path" | "run">): Target => ({ name, as, path, run: (request) => call(action, request, params()), ...rest });

export async function submit(target: Target, form: Form) {
  const request = await makeRequest(target.path(), { as: target.as ?? undefined, form, urlencoded: !target.multipart });
  return target.run(request);
}

type Reply = { error?: unknown; result?: Reply; reply?: Reply; refusal?: { message: string; field?: string }; errors?: { message: string }[] };

/**
 * The Vietnamese messages a refusal carries: conform's field errors (bare, or under `result` or `reply`
 * when a page has several forms), an appraisal item's refusal, a page's one message, an import's list of
 * problems, or a thrown Response's text.
 */
export async function refusalOf(result: unknown): Promise<{ status: number; byField: Record<string, string[]>; text: string }> {
  const status = statusOf(result);
  if (result instanceof Response) {
    const body = await result.text();
    const json = (() => {
      try {
        return JSON.parse(body) as { error?: unknown };
      } catch {
        return null;
      }
    })();
    return { status, byField: {}, text: typeof json?.error === "string" ? json.error : body };
  }
  const outer = (payloadOf(result) ?? {}) as Reply;
  if (outer.refusal) return { status, byField: outer.refusal.field ? { [outer.refusal.field]: [outer.refusal.message] } : {}, text: outer.refusal.message };
  if (typeof outer.error === "string") return { status, byField: {}, text: outer.error };
  if (Array.isArray(outer.errors)) return { status, byField: {}, text: outer.errors.map((e) => e.message).join(" ") };
  const reply = outer.result ?? outer.reply ?? outer;
  const byField = (reply.error ?? {}) as Record<string, string[] | null>;
  const clean = Object.fromEntries(Object.entries(byField).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].length > 0));
  return { status, byField: clean, text: Object.values(clean).flat().join(" ") };
}

/** Errors about `field`: conform keys an array element or a nested value as `field[0]` or `field.x`. */
export const about = (byField: Record<string, string[]>, field: string) =>
  Object.entries(byField)
    .filter(([key]) => key === field || key.startsWith(`${field}[`) || key.startsWith(`${field}.`))
    .flatMap(([, messages]) => messages);

/** Submits `form`, expects a refusal naming `field` (any field when null) and the database as `before`. */
export async function expectRefused(target: Target, form: Form, field: string | null, before: Record<string, string>) {
  const result = await submit(target, form);
  const refusal = await refusalOf(result);
  const where = `${target.name} › ${field ?? "mọi trường"}`;
  expect(refusal.status, `${where}: ${refusal.text}`).toBeGreaterThanOrEqual(400);
  expect(refusal.status, `${where}: ${refusal.text}`).toBeLessThan(500);
  expect(refusal.text, where).toMatch(VIETNAMESE);
  if (field && !target.says) {
    const messages = about(refusal.byField, field);
    expect(messages.length, `${where}: ${JSON.stringify(refusal.byField)}`).toBeGreaterThan(0);
    for (const m of messages) expect(m, where).toMatch(VIETNAMESE);
  }
  expect(await fingerprint(), where).toEqual(before);
  return refusal;
}

/** The four groups of tests, one test per target in each. */
export function describeFormAbuse(targets: Target[]) {
  describe("a form submitted with every field empty", () => {
    for (const target of targets.filter((t) => !t.emptyIsValid)) {
      it(`${target.name}: refused, the missing fields named, nothing written`, async () => {
        const form = Object.fromEntries(Object.entries(target.valid()).map(([k, v]) => [k, k === "intent" ? v : ""]));
        const refusal = await expectRefused(target, form, null, await fingerprint());
        if (target.says) expect(refusal.text).toBe(target.says.empty);
        else expect(Object.keys(refusal.byField).length, JSON.stringify(refusal)).toBeGreaterThan(0);
      });
    }
  });

  describe("a megabyte in one field", () => {
    for (const target of targets) {
      it(`${target.name}: each field in turn is refused by name, nothing written`, async () => {
        const before = await fingerprint();
        for (const field of target.fields) {
          const refusal = await expectRefused(target, { ...target.valid(), [field]: MEGABYTE }, field, before);
          if (target.says) expect(refusal.text).toBe(target.says.oversized(field));
          // Free text is told its limit; a date, a number, a choice or an id is refused for not being one.
          else if (target.text.includes(field)) expect(about(refusal.byField, field).join(" "), `${target.name} › ${field}`).toMatch(NAMES_A_LIMIT);
        }
      });
    }
  });

  describe("odd Unicode with a NUL character", () => {
    for (const target of targets) {
      it(`${target.name}: each field in turn is refused by name (PostgreSQL cannot store a NUL), nothing written`, async () => {
        const before = await fingerprint();
        for (const field of target.fields) {
          const refusal = await expectRefused(target, { ...target.valid(), [field]: WITH_NUL }, field, before);
          if (target.says) expect(refusal.text).toBe(target.says.nul(field));
          // Free text would reach the database: the NUL itself is what is named.
          else if (target.text.includes(field)) expect(about(refusal.byField, field), `${target.name} › ${field}`).toContain(NUL_MESSAGE);
        }
      });
    }
  });

  describe("the same forms filled in properly", () => {
    it("are accepted, one after another", async () => {
      for (const target of targets) {
        const result = await submit(target, target.valid());
        const status = statusOf(result);
        if (status !== (target.accepted ?? 302)) expect.fail(`${target.name}: ${status} ${(await refusalOf(result)).text}`);
        await target.settle?.(result);
      }
    });
  });
}
