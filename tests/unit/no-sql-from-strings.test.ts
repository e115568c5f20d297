// No SQL is built from strings. Kysely's `sql` template and query builder send every value as a bind
// parameter; what remains is checked here over the source of app/, db/ and reports/:
// - `sql.raw` is never used;
// - text handed to pg directly (`client.query`, COPY streams) interpolates only identifiers passed through
//   a quoting function (`ident(…)`, or the doubled-quote escape of a database name) — values go as $1, $2;
// - a string is never glued onto a query with `+`;
// - `sql.lit` (a literal written into the text) appears only where it was reviewed: constants, booleans
//   and dates the code made itself. A new one fails here until it is reviewed and listed.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

const FILES = ["app", "db", "reports"].flatMap(sources);

/** The template literal that starts at `start` (a backtick): its `${…}` expressions. */
function interpolations(text: string, start: number): string[] {
  const found: string[] = [];
  let i = start + 1;
  while (i < text.length && text[i] !== "`") {
    if (text[i] === "\\") {
      i += 2;
      continue;
    }
    if (text[i] === "$" && text[i + 1] === "{") {
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}") depth--;
        j++;
      }
      found.push(text.slice(i + 2, j - 1));
      i = j;
      continue;
    }
    i++;
  }
  return found;
}

/** Every `${…}` in a template literal passed straight to pg (query or COPY), with its file and line. */
function pgTemplates(): { where: string; expression: string }[] {
  const result: { where: string; expression: string }[] = [];
  for (const file of FILES) {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    for (const match of text.matchAll(/\b(?:query|copyFrom|copyTo)(?:<[^>]*>)?\(\s*`/g)) {
      const start = match.index + match[0].length - 1;
      const line = text.slice(0, start).split("\n").length;
      for (const expression of interpolations(text, start)) result.push({ where: `${file}:${line}`, expression });
    }
  }
  return result;
}

function occurrences(pattern: RegExp): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const file of FILES) {
    const n = [...readFileSync(path.join(ROOT, file), "utf8").matchAll(pattern)].length;
    if (n > 0) counts[file] = n;
  }
  return counts;
}

// Reviewed: each writes a value the code computed itself, never one a user typed.
const REVIEWED_LITERALS: Record<string, number> = {
  "app/models/outcomes.server.ts": 2, // ISO instants from Date objects (a period's bounds)
  "app/models/evidence-dossiers.server.ts": 1, // the export's batch size, a constant
  "app/models/evidence-import.server.ts": 2, // booleans: whether the file gave steps / events
};

describe("SQL is never built from strings", () => {
  it("reads the source it guards", () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(FILES).toContain("app/models/backup.server.ts");
  });

  it("never uses sql.raw", () => {
    expect(occurrences(/\bsql\.raw\s*\(/g)).toEqual({});
  });

  it("interpolates into pg's own query text only quoted identifiers", () => {
    const templates = pgTemplates();
    // The guard sees the backup's COPY statements, so it would see a new one.
    expect(templates.some((t) => t.where.startsWith("app/models/backup.server.ts"))).toBe(true);
    const unquoted = templates.filter(
      (t) => !/^\s*ident\(/.test(t.expression) && !/\.map\(\s*ident\s*\)/.test(t.expression) && !/\.map\(\(\w+\) => ident\(/.test(t.expression) && !/replaceAll\('"', '""'\)/.test(t.expression),
    );
    expect(unquoted).toEqual([]);
  });

  it("never glues a string onto a query with +", () => {
    expect(occurrences(/\b(?:query|execute)\(\s*(?:"[^"]*"|'[^']*'|`[^`]*`)\s*\+/g)).toEqual({});
    expect(occurrences(/sql`[^`]*`\s*\+\s*["'`]/g)).toEqual({});
  });

  it("writes literals into SQL text only where reviewed", () => {
    expect(occurrences(/\bsql\.lit\s*\(/g)).toEqual(REVIEWED_LITERALS);
  });
});
