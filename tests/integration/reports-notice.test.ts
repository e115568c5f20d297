// The official PDF of a conclusion notice, read back with poppler as a reader would: the text with its
// diacritics, the Decree 30 page (A4, page numbers from page 2), the footer on every page, nothing drawn
// over the margins, the signer block never split, and the same bytes for the same notice.
import { describe, expect, it } from "vitest";
import { renderConclusionNotice, type ConclusionNoticeDocument } from "../../reports/conclusion-notice.js";
import { A4, MARGINS } from "../../reports/official-document.js";
import { SAMPLE_SHA256, sampleConclusionNotice } from "../../reports/samples.js";
import { HAVE_POPPLER, bodyText, firstLine, flat, pdfInfo, pdfPages, pdfWords } from "../pdf-text.js";

/**
 * Every Vietnamese letter: each vowel with each of the five tone marks (precomposed), and đ, both cases,
 * each inside a syllable ("màn", "MỆN"): pdftotext glues a justified line of one-letter words together.
 */
const VOWELS = "aăâeêioôơuưy";
const TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];
const LOWER = [...VOWELS].flatMap((v) => TONES.map((t) => (v + t).normalize("NFC")));
const ALPHABET = [...LOWER.map((l) => `m${l}n`), "đi", ...LOWER.map((l) => `M${l.toUpperCase()}N`), "ĐI"].join(" ");

function notice(options: { findings?: number; correction?: boolean } = {}): ConclusionNoticeDocument {
  const n = sampleConclusionNotice({ findings: options.findings ?? 12, correction: options.correction });
  // Written decomposed (NFD) on purpose: the PDF must carry the precomposed letters all the same.
  n.findings[1]!.facts = `Các chữ cái tiếng Việt trong hồ sơ: ${ALPHABET}.`.normalize("NFD");
  return n;
}

describe.skipIf(!HAVE_POPPLER)("the conclusion notice PDF", () => {
  it("reads back with every string of the notice, diacritics exact", async () => {
    const input = notice();
    const pdf = await renderConclusionNotice(input);
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const text = bodyText(pages);
    const has = (s: string) => expect(text).toContain(flat(s.normalize("NFC")));

    has("UBND TỈNH QUẢNG NGÃI");
    has("SỞ NỘI VỤ");
    has("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    has("Độc lập - Tự do - Hạnh phúc");
    has("Số: 07/TB-SNV");
    has("Quảng Ngãi, ngày 05 tháng 3 năm 2026");
    has("THÔNG BÁO");
    has(input.subject);
    has("Căn cứ Luật Thanh tra số 11/2022/QH15 ngày 14/11/2022;");
    has("Căn cứ Quyết định số 15/QĐ-SNV ngày 09/01/2026 của Giám đốc Sở Nội vụ");
    has("từ ngày 01/01/2025 đến ngày 31/12/2025.");
    has(ALPHABET);
    for (const finding of input.findings) {
      has(finding.facts);
      has(`Nội dung ${finding.number}: ${finding.criterion.title} (${finding.criterion.code})`);
      for (const code of finding.dossierCodes) has(code);
    }
    for (const item of input.conclusionItems) has(item.content);
    has("Vi phạm (trừ 10 điểm)");
    has("Ưu điểm (cộng 2 điểm)");
    has("Thiếu sót (trừ 4 điểm)");
    has("Khiển trách");
    has("trừ 0,5 điểm Chỉ số cải cách hành chính (PAR Index)");
    for (const paragraph of input.responsibility) has(paragraph);
    has("1. Kiểm điểm: Tổ chức kiểm điểm trách nhiệm");
    has("2. Xử lý kỷ luật:");
    has("3. Điều chuyển:");
    has("4. Khắc phục:");
    for (const rec of input.recommendations) has(`${rec.content}. Đơn vị thực hiện: ${rec.ownerUnit}; thời hạn:`);
    has("thời hạn: 31/3/2026.");
    has("thời hạn: 09/01/2026.");
    has("đúng thời hạn./.");
    has("KT. GIÁM ĐỐC");
    has("PHÓ GIÁM ĐỐC");
    has("Huỳnh Thị Ỷ Lan");
    has("Nơi nhận:");
    has("- Thanh tra tỉnh;");
    has("- Lưu: VT, TTr.");
    // No replacement line on an original notice.
    expect(text).not.toContain("Thay thế");
  });

  it("is A4 portrait with page numbers from page 2, and the verification footer on every page", async () => {
    const pdf = await renderConclusionNotice(notice());
    const info = pdfInfo(pdf);
    expect(info["Page size"]).toBe("595.28 x 841.89 pts (A4)");
    const pages = pdfPages(pdf);
    expect(Number(info["Pages"])).toBe(pages.length);
    // Page 1 opens with the header block, not a number.
    expect(firstLine(pages[0]!)).toMatch(/^UBND TỈNH QUẢNG NGÃI\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
    pages.slice(1).forEach((page, i) => expect(firstLine(page)).toBe(String(i + 2)));
    for (const page of pages) {
      expect(flat(page)).toContain(`Mã xác thực (SHA-256): ${SAMPLE_SHA256}`);
      expect(flat(page)).toContain("Tra cứu: https://ktcv.quangngai.gov.vn/xac-thuc/07-TB-SNV-2026");
    }
  });

  it("keeps the body inside the margins: only the page number above, only the footer below", async () => {
    const pdf = await renderConclusionNotice(notice({ findings: 20 }));
    const words = pdfWords(pdf);
    const pageCount = Math.max(...words.map((w) => w.page));
    const bottom = A4.height - MARGINS.bottom;
    for (let page = 1; page <= pageCount; page++) {
      const on = words.filter((w) => w.page === page);
      const above = on.filter((w) => w.yMin < MARGINS.top - 1).map((w) => w.text);
      expect(above).toEqual(page === 1 ? [] : [String(page)]);
      const below = on.filter((w) => w.yMax > bottom);
      expect(flat(below.map((w) => w.text).join(" "))).toBe(`Mã xác thực (SHA-256): ${SAMPLE_SHA256} Tra cứu: https://ktcv.quangngai.gov.vn/xac-thuc/07-TB-SNV-2026`);
      // The footer sits wholly below the margin line: no body line reaches into it.
      for (const w of below) expect(w.yMin).toBeGreaterThan(bottom);
    }
  });

  it("never splits the signer block and the recipients across pages", async () => {
    let moved = 0;
    // Three-line paragraphs (about 60 pt each) added one by one walk the signer block down a whole page.
    const threeLines =
      "Đoàn kiểm tra ghi nhận thêm ý kiến của đơn vị về việc bố trí nhân sự tại Bộ phận Một cửa trong thời gian cao điểm cuối năm, khi số hồ sơ tiếp nhận tăng gấp đôi so với bình quân.";
    for (let extra = 0; extra <= 12; extra++) {
      const input = sampleConclusionNotice({ findings: 1 });
      input.responsibility = [...input.responsibility, ...Array.from({ length: extra }, () => threeLines)];
      const words = pdfWords(await renderConclusionNotice(input));
      const pageOf = (text: string) => [...new Set(words.filter((w) => w.text === text).map((w) => w.page))];
      const last = Math.max(...words.map((w) => w.page));
      expect(pageOf("KT.")).toEqual([last]);
      expect(pageOf("Lan")).toEqual([last]);
      expect(pageOf("nhận:")).toEqual([last]);
      expect(pageOf("TTr.")).toEqual([last]);
      const authority = words.find((w) => w.text === "KT.")!;
      const closing = words.find((w) => w.text.endsWith("hạn./."))!;
      // When the block moved, the page it moved to starts with it.
      if (closing.page < authority.page) {
        moved++;
        expect(authority.yMin).toBeLessThan(MARGINS.top + 20);
      }
    }
    expect(moved).toBeGreaterThan(0);
  });

  it("says which notice a correction replaces, under the subject", async () => {
    const pdf = await renderConclusionNotice(notice({ correction: true }));
    const lines = pdfPages(pdf)[0]!.split("\n").map((l) => l.trim()).filter(Boolean);
    const replaces = lines.indexOf("Thay thế Thông báo số 05/TB-SNV ngày 02/3/2026");
    expect(replaces).toBeGreaterThan(0);
    expect(lines[replaces - 1]).toBe("tại UBND phường Cẩm Thành và các đơn vị liên quan");
    expect(lines.some((l) => l.includes("Số: 09/TB-SNV"))).toBe(true);
  });

  it("says “Không có.” under a section with nothing in it, and signs a notice the director signs himself", async () => {
    const input = { ...notice(), findings: [], recommendations: [], signer: { authority: null, title: "GIÁM ĐỐC", name: "Lê Văn Ánh" } };
    const text = bodyText(pdfPages(await renderConclusionNotice(input)));
    expect(text).toContain("III. KẾT QUẢ KIỂM TRA Không có. IV. KẾT LUẬN");
    expect(text).toContain("VI. KIẾN NGHỊ, BIỆN PHÁP XỬ LÝ Không có.");
    expect(text).not.toContain("KT.");
    expect(text).toContain("GIÁM ĐỐC");
    expect(text).toContain("Lê Văn Ánh");
  });

  it("refuses a verification code that is not a SHA-256", async () => {
    const input = notice();
    await expect(renderConclusionNotice({ ...input, verification: { ...input.verification, sha256: "abc" } })).rejects.toThrow(/SHA-256/);
  });

  it("gives the same bytes for the same notice, with its date as the creation date", async () => {
    const [a, b] = [await renderConclusionNotice(notice()), await renderConclusionNotice(notice())];
    expect(a.equals(b)).toBe(true);
    expect(a.toString("latin1")).toContain("(D:20260304170000Z)");
    const later = await renderConclusionNotice({ ...notice(), date: "2026-03-06" });
    expect(later.equals(a)).toBe(false);
    expect(pdfInfo(later)["CreationDate"]).toMatch(/Mar\s+5 17:00:00 2026 UTC/);
  });

  it("renders a notice of 30 pages and more", async () => {
    const started = performance.now();
    const pdf = await renderConclusionNotice(notice({ findings: 70 }));
    const ms = performance.now() - started;
    const pages = pdfPages(pdf);
    console.log(`notice of ${pages.length} pages rendered in ${Math.round(ms)} ms (${Math.round(pdf.length / 1024)} KiB)`);
    expect(pages.length).toBeGreaterThanOrEqual(30);
    expect(firstLine(pages.at(-1)!)).toBe(String(pages.length));
    expect(bodyText(pages)).toContain("Huỳnh Thị Ỷ Lan");
  });
});
