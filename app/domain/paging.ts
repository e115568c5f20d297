// Server-side pagination: every list reads `page` from the URL and fetches one page.
export const PAGE_SIZE = 25;

export function pageFrom(searchParams: URLSearchParams): number {
  const n = Number(searchParams.get("page") ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Escapes % and _ for a LIKE/ILIKE pattern built from user input. */
export function likePattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => "\\" + c)}%`;
}
