// The monthly list PDF (Decision 766 practice) read back with poppler: the Sở Nội vụ header, both tables
// with their counts, the header row repeated on each page a table continues on, the Decree 30 page.
import { describe, expect, it } from "vitest";
import { renderMonthlyList } from "../../reports/monthly-list.js";
import { A4, MARGINS } from "../../reports/official-document.js";
import { SAMPLE_SHA256, sampleMonthlyList } from "../../reports/samples.js";
import { HAVE_POPPLER, bodyText, firstLine, flat, pdfInfo, pdfPages, pdfWords } from "../pdf-text.js";

describe.skipIf(!HAVE_POPPLER)("the monthly list PDF", () => {
  it("lists every unit and officer with the number of late dossiers attributed to them", async () => {
    const input = sampleMonthlyList();
    const pages = pdfPages(await renderMonthlyList(input));
    const text = bodyText(pages);
    for (const s of ["UBND TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 45/DS-SNV", "Quảng Ngãi, ngày 05 tháng 11 năm 2026"]) {
      expect(text).toContain(s);
    }
    expect(text).toContain("DANH SÁCH cơ quan, đơn vị, cán bộ, công chức để hồ sơ TTHC quá hạn tháng 10 năm 2026");
    expect(text).toContain("I. CƠ QUAN, ĐƠN VỊ (18 đơn vị)");
    expect(text).toContain("II. CÁN BỘ, CÔNG CHỨC (70 người)");

    // -layout keeps a table row on one line: number, code, name (first line), count.
    const lines = pages.flatMap((p) => p.split("\n")).map(flat);
    input.units.forEach((u, i) => expect(lines).toContain(`${i + 1} ${u.code} ${u.name} ${u.lateDossiers}`));
    input.officers.forEach((o, i) => {
      const row = lines.find((l) => l.startsWith(`${i + 1} ${o.code} `));
      expect(row, o.code).toBeDefined();
      expect(row!.endsWith(` ${o.lateDossiers}`), row).toBe(true);
    });
    for (const o of input.officers.slice(0, 5)) expect(text).toContain(o.name);
    expect(text).toContain("Đặng Thị Mỹ Lệ");
    expect(text).toContain("Trương Quỹ Ẩn");
    expect(text).toContain("(Ặng Thượng)");
    expect(lines).toContain(`Tổng cộng ${input.units.reduce((s, u) => s + u.lateDossiers, 0)}`);
    expect(lines).toContain(`Tổng cộng ${input.officers.reduce((s, o) => s + o.lateDossiers, 0)}`);
    for (const s of ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Huỳnh Thị Ỷ Lan", "Nơi nhận:", "- Lưu: VT, TTr."]) expect(text).toContain(s);
  });

  it("repeats the header row on every page a table continues on, and never splits a row", async () => {
    const pdf = await renderMonthlyList(sampleMonthlyList({ units: 60, officers: 150 }));
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(6);
    const header = /^STT\s+Mã (đơn vị|cán bộ)\s+/;
    // Every page but the first opens (after its number) with a table's header row.
    for (const page of pages.slice(1)) {
      const lines = page.split("\n").map((l) => l.trim()).filter(Boolean);
      expect(lines[1], lines.slice(0, 3).join(" | ")).toMatch(header);
    }
    // Rows are drawn whole inside the margins: only the page number above and the footer below.
    const words = pdfWords(pdf);
    const bottom = A4.height - MARGINS.bottom;
    for (const w of words) {
      if (w.yMin < MARGINS.top - 1) expect(w.text).toBe(String(w.page));
      if (w.yMax > bottom) expect(w.yMin, w.text).toBeGreaterThan(bottom);
    }
  });

  it("is A4 with page numbers from page 2 and the verification footer on every page", async () => {
    const pdf = await renderMonthlyList(sampleMonthlyList());
    expect(pdfInfo(pdf)["Page size"]).toBe("595.28 x 841.89 pts (A4)");
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(firstLine(pages[0]!)).not.toMatch(/^\d+$/);
    pages.slice(1).forEach((page, i) => expect(firstLine(page)).toBe(String(i + 2)));
    for (const page of pages) expect(flat(page)).toContain(`Mã xác thực (SHA-256): ${SAMPLE_SHA256}`);
  });

  it("says so when nobody was late, and may go without number, signer and footer", async () => {
    const pdf = await renderMonthlyList({ ...sampleMonthlyList(), units: [], officers: [], number: null, signer: null, verification: null, month: 2 });
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const text = bodyText(pages);
    expect(text).toContain("Không có cơ quan, đơn vị nào để hồ sơ quá hạn trong tháng.");
    expect(text).toContain("Không có cán bộ, công chức nào để hồ sơ quá hạn trong tháng.");
    expect(text).toContain("quá hạn tháng 02 năm 2026");
    for (const absent of ["Số:", "Nơi nhận:", "Mã xác thực"]) expect(text).not.toContain(absent);
  });

  it("gives the same bytes for the same list", async () => {
    const [a, b] = [await renderMonthlyList(sampleMonthlyList()), await renderMonthlyList(sampleMonthlyList())];
    expect(a.equals(b)).toBe(true);
    expect(a.toString("latin1")).toContain("(D:20261104170000Z)");
  });
});
