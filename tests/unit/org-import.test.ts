import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkOrganisationFiles, summariseOrgImport, type OrgIssue } from "../../app/domain/org-import.js";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/org");
const NONE = new Map<string, string | null>();

const UNITS_HEADER = "unit_code,name,parent_code,kind,valid_from,valid_to\n";
const OFFICERS_HEADER = "officer_code,full_name,unit_code,position,valid_from,valid_to\n";

function units(body: string, existingUnits: Map<string, string | null> = NONE) {
  return checkOrganisationFiles({ units: UNITS_HEADER + body, existingUnits });
}

function officers(body: string, unitsBody = "P,Tỉnh,,province,,\nS,Sở,P,department,,\n", existingUnits = NONE) {
  return checkOrganisationFiles({ units: UNITS_HEADER + unitsBody, officers: OFFICERS_HEADER + body, existingUnits });
}

const at = (errors: OrgIssue[]) => errors.map((e) => [e.file, e.line, e.column]);

describe("the sample organisation files", () => {
  it("are accepted whole: 26 units, 88 officers with 89 memberships", () => {
    const result = checkOrganisationFiles({
      units: readFileSync(path.join(fixtures, "units.csv")),
      officers: readFileSync(path.join(fixtures, "officers.csv")),
      existingUnits: NONE,
    });
    expect(result.errors).toEqual([]);
    expect(result.units).toHaveLength(26);
    expect(result.officers).toHaveLength(88);
    expect(result.officers.flatMap((o) => o.memberships)).toHaveLength(89);
    expect(result.rowCounts).toEqual({ units: 26, officers: 89 });
    expect(result.units.find((u) => u.code === "000.01.01.H55")).toEqual({
      line: 12,
      code: "000.01.01.H55",
      name: "Phòng Công chức, viên chức",
      parentCode: "000.00.01.H55",
      kind: "division",
      validFrom: null,
      validTo: null,
    });
  });
});

describe("a units file", () => {
  it("needs a unit code and a name on every row", () => {
    const result = units("P,Tỉnh,,,,\n,Sở,P,,,\nS,,P,,,\n");
    expect(result.errors).toEqual([
      { file: "units", line: 3, column: "unit_code", message: "thiếu mã đơn vị." },
      { file: "units", line: 4, column: "name", message: "thiếu tên đơn vị." },
    ]);
  });

  it("may hold each unit code once; the second row names the first", () => {
    const result = units("P,Tỉnh,,,,\nS,Sở,P,,,\nS,Sở khác,P,,,\n");
    expect(result.errors).toEqual([{ file: "units", line: 4, column: "unit_code", message: 'mã đơn vị "S" trùng với dòng 3.' }]);
  });

  it("matches kinds case-insensitively and reads an empty kind as other", () => {
    const result = units("P,Tỉnh,,PROVINCE,,\nS,Sở,P,Department,,\nX,Khác,P,,,\n");
    expect(result.errors).toEqual([]);
    expect(result.units.map((u) => u.kind)).toEqual(["province", "department", "other"]);
  });

  it("refuses a kind outside the list, naming the list", () => {
    const result = units("P,Tỉnh,,tỉnh,,\n");
    expect(at(result.errors)).toEqual([["units", 2, "kind"]]);
    expect(result.errors[0]!.message).toBe(
      'loại đơn vị "tỉnh" không hợp lệ; chọn một trong: province, department, district, commune, division, other (để trống là other).',
    );
  });

  it("takes dates as real yyyy-MM-dd dates, an empty one being open", () => {
    const result = units("P,Tỉnh,,,2008-01-01,\nA,Huyện,P,district,2008-01-01,2025-06-30\nB,Sai,P,,01/07/2025,\nC,Sai,P,,2025-02-29,\n");
    expect(at(result.errors)).toEqual([
      ["units", 4, "valid_from"],
      ["units", 5, "valid_from"],
    ]);
    expect(result.errors[1]!.message).toBe('ngày "2025-02-29" không hợp lệ: cần một ngày có thật, viết theo dạng yyyy-MM-dd (ví dụ 2025-07-01).');
  });

  it("refuses a unit that ends before it begins, and accepts one that lasts a single day", () => {
    const result = units("P,Tỉnh,,,2025-07-01,2025-06-30\nA,Một ngày,,,2025-07-01,2025-07-01\n");
    expect(result.errors).toEqual([
      { file: "units", line: 2, column: "valid_to", message: "ngày kết thúc (2025-06-30) trước ngày bắt đầu (2025-07-01)." },
    ]);
  });

  it("may list a child before its parent", () => {
    const result = units("D,Phòng,S,division,,\nS,Sở,P,department,,\nP,Tỉnh,,province,,\n");
    expect(result.errors).toEqual([]);
    expect(result.units.map((u) => [u.code, u.parentCode])).toEqual([
      ["D", "S"],
      ["S", "P"],
      ["P", null],
    ]);
  });

  it("finds a parent in the file or in the system, and says so when it is in neither", () => {
    const existing = new Map([["000.00.00.H55", null]]);
    const result = units("S,Sở,000.00.00.H55,,,\nA,Phòng,S,,,\nB,Phòng,000.99.00.H55,,,\n", existing);
    expect(result.errors).toEqual([
      {
        file: "units",
        line: 4,
        column: "parent_code",
        message: 'không tìm thấy đơn vị cấp trên "000.99.00.H55" trong tệp hoặc trong hệ thống.',
      },
    ]);
  });

  it("refuses a unit that is its own parent", () => {
    expect(units("P,Tỉnh,P,,,\n").errors).toEqual([
      { file: "units", line: 2, column: "parent_code", message: "đơn vị không thể là đơn vị cấp trên của chính nó." },
    ]);
  });

  it("refuses a cycle of parents, on every line of it", () => {
    const result = units("P,Tỉnh,,,,\nA,A,C,,,\nB,B,A,,,\nC,C,B,,,\nD,D,A,,,\n");
    expect(at(result.errors)).toEqual([
      ["units", 3, "parent_code"],
      ["units", 4, "parent_code"],
      ["units", 5, "parent_code"],
    ]);
    expect(result.errors[0]!.message).toBe("quan hệ cấp trên tạo thành vòng lặp: A → C → B → A (các dòng 3, 4, 5).");
  });

  it("refuses a cycle through a unit already in the system", () => {
    // Stored: X under Y. The file puts Y under X.
    const existing = new Map<string, string | null>([
      ["X", "Y"],
      ["Y", null],
    ]);
    const result = units("Y,Y,X,,,\n", existing);
    expect(result.errors).toEqual([
      { file: "units", line: 2, column: "parent_code", message: "quan hệ cấp trên tạo thành vòng lặp: Y → X → Y (dòng 2)." },
    ]);
  });

  it("accepts moving a stored unit under another, when the tree stays a tree", () => {
    const existing = new Map<string, string | null>([
      ["X", "Y"],
      ["Y", null],
    ]);
    expect(units("Y,Y,,,,\nX,X,,,,\n", existing).errors).toEqual([]);
  });

  it("reports every bad row, not only the first", () => {
    const result = units("P,Tỉnh,,,,\n,Thiếu mã,P,,,\nA,,P,,,\nB,Sai loại,P,xã,,\nC,Sai ngày,P,,2025-13-01,\nD,Mồ côi,Z,,,\n");
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
  });
});

describe("an officers file", () => {
  it("needs an officer code, a full name and a unit code on every row", () => {
    const result = officers(",Tên,S,,,\nCB1,,S,,,\nCB2,Tên,,,,\n");
    expect(at(result.errors)).toEqual([
      ["officers", 2, "officer_code"],
      ["officers", 3, "full_name"],
      ["officers", 4, "unit_code"],
    ]);
  });

  it("finds the unit in the units file or in the system", () => {
    const result = officers("CB1,An,S,,,\nCB2,Bình,STORED,,,\nCB3,Chi,NOWHERE,,,\n", undefined, new Map([["STORED", null]]));
    expect(result.errors).toEqual([
      { file: "officers", line: 4, column: "unit_code", message: 'không tìm thấy đơn vị "NOWHERE" trong tệp đơn vị hoặc trong hệ thống.' },
    ]);
  });

  it("alone is checked against the units in the system", () => {
    const result = checkOrganisationFiles({ officers: OFFICERS_HEADER + "CB1,An,S,,,\nCB2,Bình,T,,,\n", existingUnits: new Map([["S", null]]) });
    expect(at(result.errors)).toEqual([["officers", 3, "unit_code"]]);
  });

  it("may give one officer several rows for periods that do not overlap; the latest period's name wins", () => {
    const result = officers(
      "CB1,Nguyễn Thị Hoa,S,Chuyên viên,2025-07-01,\nCB1,Nguyễn Thị Hoà,P,Chuyên viên,2014-06-01,2025-06-30\n",
    );
    expect(result.errors).toEqual([]);
    expect(result.officers).toEqual([
      {
        code: "CB1",
        fullName: "Nguyễn Thị Hoa",
        memberships: [
          { line: 3, unitCode: "P", position: "Chuyên viên", validFrom: "2014-06-01", validTo: "2025-06-30" },
          { line: 2, unitCode: "S", position: "Chuyên viên", validFrom: "2025-07-01", validTo: null },
        ],
      },
    ]);
  });

  it("refuses overlapping periods of one officer, naming both lines", () => {
    const result = officers("CB1,An,P,,2015-01-01,2025-07-01\nCB2,Bình,S,,,\nCB1,An,S,,2025-07-01,\n");
    expect(result.errors).toEqual([
      {
        file: "officers",
        line: 4,
        column: "valid_from",
        message:
          'giai đoạn 2025-07-01 – không thời hạn của cán bộ "CB1" chồng lấn với giai đoạn 2015-01-01 – 2025-07-01 ở dòng 2; một cán bộ chỉ thuộc một đơn vị tại mỗi thời điểm.',
      },
    ]);
  });

  it("counts an empty start or end as open when looking for overlaps", () => {
    expect(officers("CB1,An,P,,,2020-01-01\nCB1,An,S,,2019-12-31,2019-12-31\n").errors).toHaveLength(1);
    expect(officers("CB1,An,P,,,2020-01-01\nCB1,An,S,,2020-01-02,\n").errors).toEqual([]);
    expect(officers("CB1,An,P,,,\nCB1,An,S,,,\n").errors).toHaveLength(1);
  });

  it("takes membership dates as real yyyy-MM-dd dates that end no earlier than they start", () => {
    const result = officers("CB1,An,S,,2025-06-31,\nCB2,Bình,S,,2025-07-01,2025-01-01\n");
    expect(at(result.errors)).toEqual([
      ["officers", 2, "valid_from"],
      ["officers", 3, "valid_to"],
    ]);
  });

  it("is not blamed for the units file's own unreadable header", () => {
    const result = checkOrganisationFiles({
      units: "code,name\nP,Tỉnh\n",
      officers: OFFICERS_HEADER + "CB1,An,P,,,\n",
      existingUnits: NONE,
    });
    expect(at(result.errors)).toEqual([["units", 1, "unit_code"]]);
  });
});

describe("the report of both files", () => {
  it("lists the units file first, then by line and column", () => {
    const result = officers("CB1,An,NOWHERE,,x,\n", "P,Tỉnh,,bad,,\nS,,Q,,,\n");
    expect(at(result.errors)).toEqual([
      ["units", 2, "kind"],
      ["units", 3, "name"],
      ["units", 3, "parent_code"],
      ["officers", 2, "unit_code"],
      ["officers", 2, "valid_from"],
    ]);
  });
});

describe("the import summary", () => {
  it("reads in Vietnamese with Vietnamese number separators", () => {
    expect(
      summariseOrgImport({
        units: { created: 26, updated: 0, unchanged: 0 },
        officers: { created: 1200, updated: 3, unchanged: 4 },
        memberships: { created: 1500, deleted: 2, unchanged: 9 },
      }),
    ).toBe(
      "Đơn vị: 26 mới, 0 cập nhật, 0 không đổi. Cán bộ: 1.200 mới, 3 cập nhật, 4 không đổi. Quá trình công tác: 1.500 thêm, 2 bỏ, 9 không đổi.",
    );
  });
});
