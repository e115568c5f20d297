// Files the unit sends with its explanation: PDF, PNG or JPEG, at most 10 MiB each. The type is read from
// the file's first bytes, not from its name or the type the browser declared: a page saved as "bien-ban.pdf"
// is refused, and what is stored (and later served) is what the bytes are. Files are kept with their
// SHA-256, so a printed copy can be matched to the stored one.

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_ANSWER = 10;

export const ATTACHMENT_MEDIA_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

const SIGNATURES: { type: AttachmentMediaType; bytes: readonly number[] }[] = [
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
];

/** The media type the content really is, among those accepted; null for anything else. */
export function sniffMediaType(content: Uint8Array): AttachmentMediaType | null {
  for (const { type, bytes } of SIGNATURES) {
    if (content.length >= bytes.length && bytes.every((b, i) => content[i] === b)) return type;
  }
  return null;
}

export function formatFileSize(bytes: number): string {
  const format = (n: number) => new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} KB`;
  return `${format(bytes / (1024 * 1024))} MB`;
}

/** "Tệp «x» lớn hơn 10 MB, vượt giới hạn mỗi tệp." */
export function oversizeMessage(fileName: string): string {
  return `Tệp «${fileName}» lớn hơn ${formatFileSize(ATTACHMENT_MAX_BYTES)}, vượt giới hạn mỗi tệp.`;
}

export type UploadedFile = { fileName: string; content: Uint8Array };

/** What is wrong with the files of one answer, each message naming its file; empty when all may be stored. */
export function attachmentProblems(files: readonly UploadedFile[]): string[] {
  const problems: string[] = [];
  if (files.length > ATTACHMENTS_PER_ANSWER) problems.push(`Mỗi lần giải trình đính kèm tối đa ${ATTACHMENTS_PER_ANSWER} tệp.`);
  for (const f of files) {
    if (f.content.length === 0) problems.push(`Tệp «${f.fileName}» rỗng.`);
    else if (f.content.length > ATTACHMENT_MAX_BYTES) problems.push(oversizeMessage(f.fileName));
    else if (!sniffMediaType(f.content)) problems.push(`Tệp «${f.fileName}» không phải PDF, PNG hoặc JPEG (nội dung tệp không đúng định dạng).`);
  }
  return problems;
}
