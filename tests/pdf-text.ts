// Reading a rendered PDF back with poppler-utils (pdftotext, pdfinfo), as a person copying its text would.
// Without poppler the PDF tests are skipped with a loud notice (`apt-get install poppler-utils`).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const HAVE_POPPLER = ["pdftotext", "pdfinfo"].every((tool) => spawnSync(tool, ["-v"]).status === 0);
if (!HAVE_POPPLER) console.warn("\n⚠️  pdftotext/pdfinfo (poppler-utils) not found: the PDF text tests are SKIPPED. Install poppler-utils to run them.\n");

function withFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "ktcv-pdf-"));
  try {
    const file = path.join(dir, "doc.pdf");
    writeFileSync(file, pdf);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of each page, as `pdftotext -layout` lays it out. */
export function pdfPages(pdf: Buffer): string[] {
  const text = withFile(pdf, (file) => execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }));
  const pages = text.split("\f");
  if (pages.at(-1)?.trim() === "") pages.pop();
  return pages;
}

/** `pdfinfo` as a record ("Pages" → "5", "Page size" → "595.28 x 841.89 pts (A4)", …). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const text = withFile(pdf, (file) => execFileSync("pdfinfo", [file], { encoding: "utf8" }));
  return Object.fromEntries(text.split("\n").filter((l) => l.includes(":")).map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]));
}

export type PdfWord = { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number };

/** Every word with its box in points from the top left (`pdftotext -bbox`). */
export function pdfWords(pdf: Buffer): PdfWord[] {
  const html = withFile(pdf, (file) => execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }));
  const words: PdfWord[] = [];
  html.split("<page ").slice(1).forEach((page, index) => {
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      const text = m[5]!.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");
      words.push({ page: index + 1, text, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
    }
  });
  return words;
}

/** Collapses every run of white space to one space, so text wrapped or justified compares as written. */
export const flat = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * The body of the document as one flat string: each page without its page number (first line, from
 * page 2) and without its verification footer, so a paragraph that crosses a page reads whole.
 */
export function bodyText(pages: string[]): string {
  return flat(
    pages
      .map((page, i) => {
        const lines = page.split("\n");
        if (i > 0) {
          const first = lines.findIndex((l) => l.trim() !== "");
          if (first >= 0 && /^\s*\d+\s*$/.test(lines[first]!)) lines.splice(first, 1);
        }
        return lines.filter((l) => !/Mã xác thực \(SHA-256\)|^\s*Tra cứu: /.test(l)).join("\n");
      })
      .join("\n"),
  );
}

/** The first line of a page that holds any text. */
export const firstLine = (page: string) => page.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
