// How every action reads its form: conform's parseWithZod, plus the one rule every text field shares.
// A NUL character (U+0000) cannot be typed, means nothing in text, and PostgreSQL refuses to store it in
// a text column ("invalid byte sequence for encoding UTF8: 0x00"), which would end the request in a 500
// after the form had passed its schema. So a field that holds one is refused here, by name, before any
// model sees it, alongside the schema's own messages. Actions import parseWithZod from this module, not
// from @conform-to/zod (the pages' browser-side validation may use either).
// A multipart form is read with a ceiling per text field (app/upload.server.ts): a field over it is not
// kept, and without a word the schema would say "please fill this in" to someone who pasted too much. The
// reader marks the FormData with the fields it dropped, and they are refused here by name, with the limit.
import { parseWithZod as conformParseWithZod } from "@conform-to/zod";
import { z, type ZodTypeAny } from "zod";

export const NUL_MESSAGE = "Ô này chứa ký tự NUL (U+0000), ký tự không gõ được và không lưu được; hãy xoá ký tự đó (thường do dán từ một tệp) rồi gửi lại.";

/** The most a text field of a multipart form may hold; a field over it is dropped and named. */
export const TEXT_FIELD_MAX_BYTES = 256 * 1024;
export const TOO_LONG_MESSAGE = `Nội dung ô này quá dài: mỗi ô tối đa ${TEXT_FIELD_MAX_BYTES / 1024} KB; hãy rút gọn rồi gửi lại.`;

const dropped = new WeakMap<object, readonly string[]>();

/** Records the text fields a multipart reader dropped for their size (readPostedForm, readCsvUploads). */
export function markTooLong(formData: FormData, names: readonly string[]) {
  if (names.length > 0) dropped.set(formData, names);
}

function findNul(value: unknown, path: (string | number)[], found: (path: (string | number)[]) => void) {
  if (typeof value === "string") {
    if (value.includes("\u0000")) found(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findNul(item, [...path, index], found));
  } else if (value !== null && typeof value === "object" && !(value instanceof Blob)) {
    for (const [key, item] of Object.entries(value)) findNul(item, [...path, key], found);
  }
}

/** The schema, with every posted text value that holds a NUL character, and every field too long to read, reported at its own field. */
function refusingUnreadable<Schema extends ZodTypeAny>(schema: Schema, tooLong: readonly string[]): Schema {
  return z.preprocess((value, ctx) => {
    for (const name of tooLong) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: TOO_LONG_MESSAGE });
    findNul(value, [], (path) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: NUL_MESSAGE }));
    return value;
  }, schema) as unknown as Schema;
}

/** conform's parseWithZod (same result), refusing NUL characters in any field and fields too long to read. */
export function parseWithZod<Schema extends ZodTypeAny>(payload: FormData | URLSearchParams, options: { schema: Schema }) {
  const tooLong = dropped.get(payload as FormData) ?? [];
  return conformParseWithZod(payload, { schema: refusingUnreadable(options.schema, tooLong) });
}

/** True when a value read by hand from a form (outside a schema) holds a NUL character. */
export function hasNul(value: string): boolean {
  return value.includes("\u0000");
}
