import { describe, expect, it } from "vitest";
import { attachmentHeader, csvCell as csvField, csvDocument, csvLine, neutraliseFormula } from "../../app/domain/csv-export.js";

describe("a CSV field", () => {
  it("is quoted only when it holds a comma, a quote or a line break, with quotes doubled", () => {
    expect(csvField("Sở Nội vụ")).toBe("Sở Nội vụ");
    expect(csvField("Cấp bản sao văn bằng, chứng chỉ")).toBe('"Cấp bản sao văn bằng, chứng chỉ"');
    expect(csvField('Phòng "Một cửa"')).toBe('"Phòng ""Một cửa"""');
    expect(csvField("dòng 1\ndòng 2")).toBe('"dòng 1\ndòng 2"');
    expect(csvField("a\r\nb")).toBe('"a\r\nb"');
  });

  it("writes numbers plainly, empties for missing values", () => {
    expect(csvField(85.71)).toBe("85.71");
    expect(csvField(-1)).toBe("-1");
    expect(csvField(0)).toBe("0");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(true)).toBe("true");
  });
});

describe("text that a spreadsheet would run as a formula", () => {
  it("gets a leading single quote", () => {
    expect(neutraliseFormula("=1+1")).toBe("'=1+1");
    expect(csvField("+84 912")).toBe("'+84 912");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\t=cmd")).toBe("'\t=cmd");
  });

  it("is still quoted after the prefix when it needs quotes", () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it("is left alone when the sign is not first", () => {
    expect(csvField("Nguyễn Văn A = B")).toBe("Nguyễn Văn A = B");
    expect(csvField("000.00.01.H55")).toBe("000.00.01.H55");
  });
});

describe("a CSV document", () => {
  it("starts with a UTF-8 BOM and ends every record, the last included, with CRLF", () => {
    const text = csvDocument(["Mã", "Tên đơn vị", "Tỷ lệ (%)"], [["01", "Sở Tư pháp, tỉnh", 100], ["=02", null, 12.5]]);
    expect(text).toBe('\uFEFFMã,Tên đơn vị,Tỷ lệ (%)\r\n01,"Sở Tư pháp, tỉnh",100\r\n\'=02,,12.5\r\n');
    expect(Buffer.from(text, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("has a header even with no rows", () => {
    expect(csvDocument(["A"], [])).toBe("\uFEFFA\r\n");
    expect(csvLine([])).toBe("\r\n");
  });
});

describe("the download name", () => {
  it("is plain ASCII", () => {
    expect(attachmentHeader("bảng-đơn-vị_2025-01-01.csv")).toBe(
      `attachment; filename="bang-don-vi_2025-01-01.csv"; filename*=UTF-8''${encodeURIComponent("bảng-đơn-vị_2025-01-01.csv")}`,
    );
  });
});
