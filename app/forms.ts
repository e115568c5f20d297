// How every action reads its form: conform's parseWithZod, plus the one rule every text field shares.
// A NUL character (U+0000) cannot be typed, means nothing in text, and PostgreSQL refuses to store it in
// a text column ("invalid byte sequence for encoding UTF8: 0x00"), which would end the request in a 500
// after the form had passed its schema. So a field that holds one is refused here, by name, before any
// model sees it, alongside the schema's own messages. Actions import parseWithZod from this module, not
// from @conform-to/zod (the pages' browser-side validation may use either).
import { parseWithZod as conformParseWithZod } from "@conform-to/zod";
import { z, type ZodTypeAny } from "zod";

export const NUL_MESSAGE = "Ô này chứa ký tự NUL (U+0000), ký tự không gõ được và không lưu được; hãy xoá ký tự đó (thường do dán từ một tệp) rồi gửi lại.";

function findNul(value: unknown, path: (string | number)[], found: (path: (string | number)[]) => void) {
  if (typeof value === "string") {
    if (value.includes("\u0000")) found(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findNul(item, [...path, index], found));
  } else if (value !== null && typeof value === "object" && !(value instanceof Blob)) {
    for (const [key, item] of Object.entries(value)) findNul(item, [...path, key], found);
  }
}

/** The schema, with every posted text value that holds a NUL character reported at its own field. */
function refusingNul<Schema extends ZodTypeAny>(schema: Schema): Schema {
  return z.preprocess((value, ctx) => {
    findNul(value, [], (path) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: NUL_MESSAGE }));
    return value;
  }, schema) as unknown as Schema;
}

/** conform's parseWithZod (same result), refusing NUL characters in any field. */
export function parseWithZod<Schema extends ZodTypeAny>(payload: FormData | URLSearchParams, options: { schema: Schema }) {
  return conformParseWithZod(payload, { schema: refusingNul(options.schema) });
}

/** True when a value read by hand from a form (outside a schema) holds a NUL character. */
export function hasNul(value: string): boolean {
  return value.includes("\u0000");
}
