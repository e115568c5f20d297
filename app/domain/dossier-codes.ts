// Dossier codes typed or pasted by an inspector: one per line, or separated by commas or semicolons, or
// a column copied from a spreadsheet. The one-stop system's codes never contain spaces, so any white
// space separates too. Codes are compared as imported (Unicode NFC, case kept).

/** At most this many dossiers go into a case at once: a larger choice is a sign the filter is too wide. */
export const MAX_CASE_DOSSIERS = 5_000;

/** The distinct codes of the text, in the order first given. */
export function parseDossierCodes(text: string): string[] {
  const codes = new Set<string>();
  for (const part of text.normalize("NFC").split(/[\s,;]+/u)) if (part !== "") codes.add(part);
  return [...codes];
}

/** "A, B, C" — or the first `shown` of them and how many more, so a message stays readable. */
export function listCodes(codes: readonly string[], shown = 20): string {
  if (codes.length <= shown) return codes.join(", ");
  return `${codes.slice(0, shown).join(", ")} và ${codes.length - shown} mã khác`;
}
