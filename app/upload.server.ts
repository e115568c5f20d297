// Reading a posted form that may carry files. Remix 2.17 documents unstable_parseMultipartFormData with
// an upload handler; ours keeps each file in memory up to the attachment limit. A file over the limit is
// not kept: the rest of it is read and dropped, so the other fields (the text the person typed) survive
// and the form can say which file was too large. The request as a whole has a ceiling too, checked on
// Content-Length and again on the bytes actually read.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_ANSWER, formatFileSize, oversizeMessage } from "./domain/attachments.js";

const TEXT_FIELD_MAX_BYTES = 256 * 1024;
/** The whole request: every file at its limit, plus room for the text fields and the multipart framing. */
export const REQUEST_MAX_BYTES = (ATTACHMENTS_PER_ANSWER + 1) * ATTACHMENT_MAX_BYTES;

/** The request cannot be read at all (too large); the message is Vietnamese. */
export class UploadRefused extends Error {}

export type PostedForm = { formData: FormData; /** One Vietnamese message per file dropped for its size. */ oversize: string[] };

const TOO_LARGE = `Dữ liệu gửi lên vượt giới hạn: mỗi tệp tối đa ${formatFileSize(ATTACHMENT_MAX_BYTES)}, tối đa ${ATTACHMENTS_PER_ANSWER} tệp mỗi lần.`;

function cappedMemoryHandler(oversize: string[]): UploadHandler {
  let total = 0;
  return async ({ name, filename, contentType, data }) => {
    const isFile = typeof filename === "string";
    const limit = isFile ? ATTACHMENT_MAX_BYTES : TEXT_FIELD_MAX_BYTES;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      total += chunk.byteLength;
      if (total > REQUEST_MAX_BYTES) throw new UploadRefused(TOO_LARGE);
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    }
    if (size > limit) {
      oversize.push(
        isFile ? oversizeMessage(filename.normalize("NFC")) : `Trường «${name}» quá dài.`,
      );
      return undefined;
    }
    if (!isFile) return new TextDecoder().decode(Buffer.concat(chunks));
    // A file input left empty still sends a part with an empty name and no bytes: it is no file.
    if (filename === "" && size === 0) return undefined;
    return new File([new Uint8Array(Buffer.concat(chunks))], filename, { type: contentType });
  };
}

/** The posted form, multipart or urlencoded. Throws UploadRefused when the request is over the ceiling. */
export async function readPostedForm(request: Request): Promise<PostedForm> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) return { formData: await request.formData(), oversize: [] };
  if (Number(request.headers.get("Content-Length") ?? "0") > REQUEST_MAX_BYTES) throw new UploadRefused(TOO_LARGE);
  const oversize: string[] = [];
  const formData = await unstable_parseMultipartFormData(request, cappedMemoryHandler(oversize));
  return { formData, oversize };
}

/** The files posted under `name`, as bytes with their names (NFC). */
export async function postedFiles(formData: FormData, name: string): Promise<{ fileName: string; content: Uint8Array }[]> {
  const files = formData.getAll(name).filter((v): v is File => typeof v !== "string" && v.size > 0);
  return Promise.all(files.map(async (f) => ({ fileName: (f.name || "tep-dinh-kem").normalize("NFC"), content: new Uint8Array(await f.arrayBuffer()) })));
}
