// Reading a posted form that may carry files. Remix 2.17 documents unstable_parseMultipartFormData with
// an upload handler; ours keeps each file in memory up to the attachment limit. A file over the limit is
// not kept: the rest of it is read and dropped, so the other fields (the text the person typed) survive
// and the form can say which file was too large. The request as a whole has a ceiling too, checked on
// Content-Length and again on the bytes actually read. A text field over its ceiling is dropped too, and
// named: parseWithZod (app/forms.ts) refuses it at its field, with the limit.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_ANSWER, formatFileSize, oversizeMessage } from "./domain/attachments.js";
import { markTooLong, TEXT_FIELD_MAX_BYTES } from "./forms.js";

/** The whole request: every file at its limit, plus room for the text fields and the multipart framing. */
export const REQUEST_MAX_BYTES = (ATTACHMENTS_PER_ANSWER + 1) * ATTACHMENT_MAX_BYTES;

/** The request cannot be read at all (too large); the message is Vietnamese. */
export class UploadRefused extends Error {}

export type PostedForm = { formData: FormData; /** One Vietnamese message per file dropped for its size. */ oversize: string[] };

const TOO_LARGE = `Dữ liệu gửi lên vượt giới hạn: mỗi tệp tối đa ${formatFileSize(ATTACHMENT_MAX_BYTES)}, tối đa ${ATTACHMENTS_PER_ANSWER} tệp mỗi lần.`;

/**
 * A part's bytes, or null when it holds more than `limit` (the rest is then read and dropped, so the parts
 * after it are still read). `count` sees every chunk, for a ceiling on the request as a whole.
 */
async function readCapped(data: AsyncIterable<Uint8Array>, limit: number, count: (bytes: number) => void = () => {}): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    count(chunk.byteLength);
    if (size <= limit) chunks.push(chunk);
    else chunks.length = 0;
  }
  return size > limit ? null : Buffer.concat(chunks);
}

/** A text part of a multipart form; one over TEXT_FIELD_MAX_BYTES is dropped and its name added to `tooLong`. */
export async function readTextPart(part: { name: string; data: AsyncIterable<Uint8Array> }, tooLong: string[], count?: (bytes: number) => void): Promise<string | undefined> {
  const bytes = await readCapped(part.data, TEXT_FIELD_MAX_BYTES, count);
  if (bytes === null) {
    tooLong.push(part.name);
    return undefined;
  }
  return new TextDecoder().decode(bytes);
}

function cappedMemoryHandler(oversize: string[], tooLong: string[]): UploadHandler {
  let total = 0;
  const count = (bytes: number) => {
    total += bytes;
    if (total > REQUEST_MAX_BYTES) throw new UploadRefused(TOO_LARGE);
  };
  return async ({ name, filename, contentType, data }) => {
    if (typeof filename !== "string") return readTextPart({ name, data }, tooLong, count);
    const bytes = await readCapped(data, ATTACHMENT_MAX_BYTES, count);
    if (bytes === null) {
      oversize.push(oversizeMessage(filename.normalize("NFC")));
      return undefined;
    }
    // A file input left empty still sends a part with an empty name and no bytes: it is no file.
    if (filename === "" && bytes.length === 0) return undefined;
    return new File([new Uint8Array(bytes)], filename, { type: contentType });
  };
}

/** The posted form, multipart or urlencoded. Throws UploadRefused when the request is over the ceiling. */
export async function readPostedForm(request: Request): Promise<PostedForm> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) return { formData: await request.formData(), oversize: [] };
  if (Number(request.headers.get("Content-Length") ?? "0") > REQUEST_MAX_BYTES) throw new UploadRefused(TOO_LARGE);
  const oversize: string[] = [];
  const tooLong: string[] = [];
  const formData = await unstable_parseMultipartFormData(request, cappedMemoryHandler(oversize, tooLong));
  markTooLong(formData, tooLong);
  return { formData, oversize };
}

/** The files posted under `name`, as bytes with their names (NFC). */
export async function postedFiles(formData: FormData, name: string): Promise<{ fileName: string; content: Uint8Array }[]> {
  const files = formData.getAll(name).filter((v): v is File => typeof v !== "string" && v.size > 0);
  return Promise.all(files.map(async (f) => ({ fileName: (f.name || "tep-dinh-kem").normalize("NFC"), content: new Uint8Array(await f.arrayBuffer()) })));
}
