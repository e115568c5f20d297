import { describe, expect, it } from "vitest";
import { ATTACHMENT_MAX_BYTES, attachmentProblems, sniffMediaType } from "../../app/domain/attachments.js";

const bytes = (...b: number[]) => new Uint8Array(b);
const PDF = new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n");
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16);

describe("an attachment's type", () => {
  it("is read from its first bytes: PDF, PNG or JPEG", () => {
    expect(sniffMediaType(PDF)).toBe("application/pdf");
    expect(sniffMediaType(PNG)).toBe("image/png");
    expect(sniffMediaType(JPEG)).toBe("image/jpeg");
  });

  it("is nothing accepted for a web page, a GIF or a truncated signature", () => {
    expect(sniffMediaType(new TextEncoder().encode("<html><script>alert(1)</script>"))).toBeNull();
    expect(sniffMediaType(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffMediaType(bytes(0x89, 0x50, 0x4e))).toBeNull();
    expect(sniffMediaType(bytes())).toBeNull();
  });
});

describe("the files of one answer", () => {
  it("pass when each is a PDF, PNG or JPEG within 10 MiB", () => {
    expect(attachmentProblems([{ fileName: "bien-ban.pdf", content: PDF }, { fileName: "anh.png", content: PNG }])).toEqual([]);
  });

  it("are refused one by one, each message naming its file", () => {
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    big.set(PDF);
    expect(
      attachmentProblems([
        { fileName: "trang.pdf", content: new TextEncoder().encode("<html>") },
        { fileName: "lớn.pdf", content: big },
        { fileName: "rỗng.png", content: bytes() },
      ]),
    ).toEqual([
      "Tệp «trang.pdf» không phải PDF, PNG hoặc JPEG (nội dung tệp không đúng định dạng).",
      "Tệp «lớn.pdf» lớn hơn 10 MB, vượt giới hạn mỗi tệp.",
      "Tệp «rỗng.png» rỗng.",
    ]);
  });

  it("are at most ten", () => {
    expect(attachmentProblems(Array.from({ length: 11 }, (_, i) => ({ fileName: `${i}.pdf`, content: PDF })))).toEqual(["Mỗi lần giải trình đính kèm tối đa 10 tệp."]);
  });

  it("may be exactly 10 MiB", () => {
    const max = new Uint8Array(ATTACHMENT_MAX_BYTES);
    max.set(PNG);
    expect(attachmentProblems([{ fileName: "vừa.png", content: max }])).toEqual([]);
  });
});
