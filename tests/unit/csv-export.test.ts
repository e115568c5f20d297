import { describe, expect, it } from "vitest";
import { attachmentHeader, csvCell, csvDocument, csvLine, neutraliseFormula, textStream, UTF8_BOM } from "../../app/domain/csv-export.js";

describe("a downloaded CSV cell", () => {
  it("is left alone when it is plain text or a number", () => {
    expect(csvCell("000.00.01.H55-250220-0001")).toBe("000.00.01.H55-250220-0001");
    expect(csvCell("Sở Nội vụ")).toBe("Sở Nội vụ");
    expect(csvCell(3)).toBe("3");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("is quoted only when it holds a comma, a quote or a line break (RFC 4180)", () => {
    expect(csvCell("QN.NB-01,2025")).toBe('"QN.NB-01,2025"');
    expect(csvCell('Quyết định "số 1"')).toBe('"Quyết định ""số 1"""');
    expect(csvCell("dòng 1\ndòng 2")).toBe('"dòng 1\ndòng 2"');
  });

  it("gets a leading single quote when a spreadsheet would run it as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(neutraliseFormula(`${start}1+2`)).toBe(`'${start}1+2`);
    expect(csvCell("=HYPERLINK(\"http://x\",\"bấm\")")).toBe('"\'=HYPERLINK(""http://x"",""bấm"")"');
    expect(csvCell("-2+3,@SUM(A1)")).toBe("\"'-2+3,@SUM(A1)\"");
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("keeps a negative number a number", () => {
    expect(csvCell(-5)).toBe("-5");
  });
});

describe("a downloaded CSV file", () => {
  it("starts with a UTF-8 BOM and ends every record with CRLF", () => {
    const text = csvDocument(["Mã", "Tên"], [["1", "Sở Tư pháp"], [2, "=A1"]]);
    expect(text).toBe(`${UTF8_BOM}Mã,Tên\r\n1,Sở Tư pháp\r\n2,'=A1\r\n`);
    expect(csvLine(["a", null, 1])).toBe("a,,1\r\n");
  });

  it("is named in ASCII for old clients and in UTF-8 for the others", () => {
    expect(attachmentHeader("hồ-sơ trễ hạn_2025.csv")).toBe(
      `attachment; filename="ho-so-tre-han_2025.csv"; filename*=UTF-8''${encodeURIComponent("hồ-sơ trễ hạn_2025.csv")}`,
    );
    expect(attachmentHeader("Đơn vị.csv")).toContain('filename="Don-vi.csv"');
  });

  it("streams what its producer writes, in order, and stops the producer when the reader goes away", async () => {
    const full = textStream(async (write) => {
      for (let i = 0; i < 3; i++) await write(`dòng ${i}\r\n`);
    });
    expect(await new Response(full).text()).toBe("dòng 0\r\ndòng 1\r\ndòng 2\r\n");

    let written = 0;
    let stopped: unknown = null;
    const endless = textStream(async (write) => {
      try {
        for (;;) {
          await write("x".repeat(64 * 1024));
          written++;
        }
      } catch (error) {
        stopped = error;
      }
    });
    const reader = endless.getReader();
    await reader.read();
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toBeInstanceOf(Error);
    // Back-pressure: the producer did not run ahead of the reader by more than the buffer.
    expect(written).toBeLessThan(10);
  });
});
