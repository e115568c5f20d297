import { describe, expect, it } from "vitest";
import { formatIssue, parseIsoDate, readCsvTable, type CsvColumn } from "../../app/domain/csv.js";

const COLUMNS = [
  { key: "unit_code", aliases: ["Mã đơn vị"], required: true },
  { key: "name", aliases: ["Tên đơn vị"], required: true },
  { key: "parent_code", aliases: ["Mã đơn vị cấp trên"] },
] as const satisfies readonly CsvColumn[];

const bytes = (text: string) => new TextEncoder().encode(text);

describe("a CSV file", () => {
  it("gives each row its values by canonical column name and its line in the file", () => {
    const table = readCsvTable(bytes("unit_code,name,parent_code\nA,Tỉnh,\nB,Sở,A\n"), COLUMNS);
    expect(table.errors).toEqual([]);
    expect(table.rows).toEqual([
      { line: 2, values: { unit_code: "A", name: "Tỉnh", parent_code: null } },
      { line: 3, values: { unit_code: "B", name: "Sở", parent_code: "A" } },
    ]);
    expect(table.present).toEqual(new Set(["unit_code", "name", "parent_code"]));
  });

  it("may start with a byte order mark", () => {
    const table = readCsvTable(bytes("\uFEFFunit_code,name\nA,Tỉnh\n"), COLUMNS);
    expect(table.errors).toEqual([]);
    expect(table.rows[0]!.values.unit_code).toBe("A");
  });

  it("accepts Windows line endings and a last line without one", () => {
    const table = readCsvTable(bytes("unit_code,name\r\nA,Tỉnh\r\nB,Sở"), COLUMNS);
    expect(table.rows.map((r) => [r.line, r.values.name])).toEqual([
      [2, "Tỉnh"],
      [3, "Sở"],
    ]);
  });

  it("reads the same from text already decoded", () => {
    expect(readCsvTable("unit_code,name\nA,Tỉnh\n", COLUMNS).rows).toHaveLength(1);
  });
});

describe("the header row", () => {
  it("is matched case-insensitively after trimming, Vietnamese capitals included", () => {
    const table = readCsvTable(bytes("  UNIT_CODE , Name,MÃ ĐƠN VỊ CẤP TRÊN\nA,Tỉnh,\n"), COLUMNS);
    expect(table.errors).toEqual([]);
    expect(table.present).toEqual(new Set(["unit_code", "name", "parent_code"]));
  });

  it("accepts the Vietnamese alias of each column", () => {
    const table = readCsvTable(bytes("Mã đơn vị,Tên đơn vị,Mã   đơn vị cấp trên\nB,Sở,A\n"), COLUMNS);
    expect(table.rows[0]!.values).toEqual({ unit_code: "B", name: "Sở", parent_code: "A" });
  });

  it("ignores unknown columns, and an optional column may be absent", () => {
    const table = readCsvTable(bytes("Ghi chú,unit_code,name,STT\nx,A,Tỉnh,1\n"), COLUMNS);
    expect(table.errors).toEqual([]);
    expect(table.rows[0]!.values).toEqual({ unit_code: "A", name: "Tỉnh", parent_code: null });
    expect(table.present.has("parent_code")).toBe(false);
  });

  it("must hold every required column: the missing one is named, with its Vietnamese alias", () => {
    const table = readCsvTable(bytes("unit_code,parent_code\nA,\n"), COLUMNS);
    expect(table.rows).toEqual([]);
    expect(table.errors).toEqual([{ line: 1, column: "name", message: 'thiếu cột bắt buộc "name" (hoặc "Tên đơn vị").' }]);
  });

  it("may not name a column twice, even once by its alias", () => {
    const table = readCsvTable(bytes("unit_code,name,Mã đơn vị\nA,Tỉnh,A\n"), COLUMNS);
    expect(table.errors).toHaveLength(1);
    expect(table.errors[0]).toMatchObject({ line: 1, column: "unit_code" });
    expect(table.errors[0]!.message).toContain("xuất hiện hai lần");
  });

  it("explains a semicolon-separated export", () => {
    const table = readCsvTable(bytes("unit_code;name\nA;Tỉnh\n"), COLUMNS);
    expect(table.errors.map((e) => e.message).join(" ")).toContain("dấu chấm phẩy (;)");
  });

  it("is required: an empty file says so", () => {
    expect(readCsvTable(bytes(""), COLUMNS).errors).toEqual([{ line: 1, column: null, message: "tệp trống: thiếu dòng tiêu đề." }]);
    expect(readCsvTable(bytes("\uFEFF"), COLUMNS).errors[0]!.message).toBe("tệp trống: thiếu dòng tiêu đề.");
  });
});

describe("a cell", () => {
  it("is trimmed, and empty (or only spaces) means no value", () => {
    const table = readCsvTable(bytes("unit_code,name,parent_code\n  A  , Tỉnh Quảng Ngãi ,   \n"), COLUMNS);
    expect(table.rows[0]!.values).toEqual({ unit_code: "A", name: "Tỉnh Quảng Ngãi", parent_code: null });
  });

  it("follows RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes", () => {
    const table = readCsvTable(bytes('unit_code,name\nA,"Phòng Công chức, viên chức"\nB,"Trường ""Lê Lợi"""\nC,"Hai\ndòng"\n'), COLUMNS);
    expect(table.rows.map((r) => r.values.name)).toEqual(["Phòng Công chức, viên chức", 'Trường "Lê Lợi"', "Hai\ndòng"]);
  });

  it("spanning lines makes the next records' line numbers advance; a record is reported where it starts", () => {
    const table = readCsvTable(bytes('unit_code,name\nA,"một\r\nhai\nba"\nB,Sở\r\n\r\nC,"x\ny"\n'), COLUMNS);
    expect(table.rows.map((r) => [r.values.unit_code, r.line])).toEqual([
      ["A", 2],
      ["B", 5],
      ["C", 7],
    ]);
  });

  it("holds text in Unicode NFC: combining marks are refused on their line and column", () => {
    const decomposed = "Nguye\u0302\u0303n"; // "Nguyễn" typed with combining marks
    const table = readCsvTable(bytes(`unit_code,name\nA,Tỉnh\nB,${decomposed}\n`), COLUMNS);
    expect(table.errors).toHaveLength(1);
    expect(table.errors[0]).toMatchObject({ line: 3, column: "name" });
    expect(table.errors[0]!.message).toContain("Unicode dựng sẵn (chuẩn NFC)");
  });
});

describe("rows", () => {
  it("skip blank lines and rows of empty cells, keeping physical line numbers", () => {
    const table = readCsvTable(bytes("unit_code,name\n\nA,Tỉnh\n,,\n , \nB,Sở\n"), COLUMNS);
    expect(table.errors).toEqual([]);
    expect(table.rows.map((r) => [r.values.unit_code, r.line])).toEqual([
      ["A", 3],
      ["B", 6],
    ]);
  });

  it("with fewer cells than the header read the missing ones as empty", () => {
    const table = readCsvTable(bytes("unit_code,name,parent_code\nA,Tỉnh\n"), COLUMNS);
    expect(table.errors).toEqual([]);
    expect(table.rows[0]!.values.parent_code).toBeNull();
  });

  it("with more cells than the header are reported (an unquoted comma shifts every value after it)", () => {
    const table = readCsvTable(bytes("unit_code,name,parent_code\nA,Phòng Công chức, viên chức,X\n"), COLUMNS);
    expect(table.errors).toHaveLength(1);
    expect(table.errors[0]).toMatchObject({ line: 2, column: null });
    expect(table.errors[0]!.message).toContain("4 ô nhưng dòng tiêu đề chỉ có 3 cột");
  });

  it("with broken quoting are each reported on their line, and the rows after them are still read", () => {
    const table = readCsvTable(bytes('unit_code,name\nA,"Tỉnh"x\nB,Sở\nC,Trường "Lê Lợi"\nD,Phòng\n'), COLUMNS);
    expect(table.errors.map((e) => e.line)).toEqual([2, 4]);
    expect(table.errors[1]!.message).toContain('hai dấu ("")');
    expect(table.rows.map((r) => [r.values.unit_code, r.line])).toEqual([
      ["B", 3],
      ["D", 5],
    ]);
  });

  it("with a quote never closed are reported where the record starts", () => {
    const table = readCsvTable(bytes('unit_code,name\nA,Tỉnh\n\nB,"Sở\nC,Phòng\n'), COLUMNS);
    expect(table.errors[0]).toEqual({ line: 4, column: null, message: "có dấu ngoặc kép mở nhưng không được đóng đến hết tệp." });
    expect(table.rows.map((r) => r.values.unit_code)).toEqual(["A", "C"]);
  });
});

describe("a file that is not UTF-8", () => {
  it("is refused with a Vietnamese message on each line that is not", () => {
    // 0xE0 followed by a newline, and a lone 0xFF: neither can occur in UTF-8.
    const latin = Uint8Array.from([...bytes("unit_code,name\nA,"), 0x53, 0xe0, 0x0a, ...bytes("B,ok\nC,"), 0xff, 0x0a]);
    const table = readCsvTable(latin, COLUMNS);
    expect(table.rows).toEqual([]);
    expect(table.errors.map((e) => e.line)).toEqual([2, 4]);
    expect(table.errors[0]!.message).toMatch(/^tệp không ở mã UTF-8/);
  });
});

describe("formatIssue", () => {
  it("writes the line, then the column when there is one", () => {
    expect(formatIssue({ line: 7, column: "parent_code", message: "không tìm thấy." })).toBe("Dòng 7, cột parent_code: không tìm thấy.");
    expect(formatIssue({ line: 1, column: null, message: "tệp trống." })).toBe("Dòng 1: tệp trống.");
  });
});

describe("a yyyy-MM-dd date cell", () => {
  it("must be a real date in that exact form", () => {
    expect(parseIsoDate("2024-02-29")).toBe("2024-02-29");
    expect(parseIsoDate("2025-02-29")).toBeNull();
    expect(parseIsoDate("2025-13-01")).toBeNull();
    expect(parseIsoDate("2025-04-31")).toBeNull();
    expect(parseIsoDate("01/07/2025")).toBeNull();
    expect(parseIsoDate("2025-7-1")).toBeNull();
    expect(parseIsoDate("2025-07-01T00:00")).toBeNull();
  });
});

describe("a file that is broken or hostile", () => {
  it("matches a header name with a zero-width space pasted into it", () => {
    const table = readCsvTable(bytes("unit\u200B_code,name\nA,Tỉnh\n"), COLUMNS);
    expect(table.errors).toEqual([]);
    expect(table.rows[0]!.values.unit_code).toBe("A");
  });

  it("refuses a cell longer than its column allows, at its line and column, quoting only its beginning", () => {
    const columns = [{ key: "unit_code", required: true, maxLength: 10 }, { key: "name" }] as const satisfies readonly CsvColumn[];
    const table = readCsvTable(bytes(`unit_code,name\nA,Tỉnh\n${"B".repeat(11)},${"x".repeat(1001)}\n`), columns);
    expect(table.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "unit_code"],
      [3, "name"],
    ]);
    expect(table.errors[1]!.message).toMatch(/^ô dài 1\.001 ký tự, quá giới hạn 1\.000 ký tự/);
    expect(table.rows[1]!.values.name).toBe(`${"x".repeat(40)}…`);
  });

  it("blames the line where a quote opened, not the line where the damage showed", () => {
    const table = readCsvTable(bytes('unit_code,name\nA,"Tỉnh\nB,Sở\nC,"Phòng"x\nD,Ban\n'), COLUMNS);
    expect(table.errors[0]).toMatchObject({ line: 2, column: null });
    expect(table.errors[0]!.message).toMatch(/^ô mở bằng dấu ngoặc kép ở dòng này kéo dài đến dòng 4 mới gặp lỗi/);
    expect(table.rows.map((r) => r.values.unit_code)).toEqual(["D"]);
  });

  it("refuses a NUL character and a header of more than a thousand columns before splitting the file", () => {
    expect(readCsvTable(bytes("unit_code,name\nA,T\u0000ỉnh\n"), COLUMNS).errors.map((e) => e.line)).toEqual([2]);
    const wide = readCsvTable(bytes("unit_code,name" + ",x".repeat(1000) + "\nA,Tỉnh\n"), COLUMNS);
    expect(wide.errors).toEqual([
      { line: 1, column: null, message: "dòng tiêu đề có 1.002 cột, quá giới hạn 1.000 cột: đây không phải tệp CSV theo mẫu của hệ thống, hoặc tệp đã bị hỏng." },
    ]);
  });
});
