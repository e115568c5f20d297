// Demo data loaded on the first start: Tỉnh Quảng Ngãi with its Sở Nội vụ, departments, the former
// districts (abolished 01/7/2025) and today's communes, officers, and one user per role.
import { hashPassword } from "../app/auth.server.js";
import { appendAudit } from "../app/models/audit.server.js";
import { insertUser } from "../app/models/users.server.js";
import type { Role } from "../app/permissions.js";
import type { Database } from "./index.js";

export const DEMO_PASSWORD = "Ktcv@2026";

type UnitSeed = [code: string, name: string, parent: string | null, kind: string, validFrom: string | null, validTo: string | null];

const P = "000.00.00.H55";
const UNITS: UnitSeed[] = [
  [P, "Ủy ban nhân dân tỉnh Quảng Ngãi", null, "province", "2008-01-01", null],
  ["000.00.90.H55", "Trung tâm Phục vụ hành chính công tỉnh", P, "other", "2019-10-01", null],
  ["000.00.01.H55", "Sở Nội vụ", P, "department", "2008-01-01", null],
  ["000.01.01.H55", "Văn phòng Sở Nội vụ", "000.00.01.H55", "division", "2008-01-01", null],
  ["000.02.01.H55", "Thanh tra Sở Nội vụ", "000.00.01.H55", "division", "2008-01-01", null],
  ["000.03.01.H55", "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ", "000.00.01.H55", "division", "2008-01-01", null],
  ["000.04.01.H55", "Phòng Cải cách hành chính và Công tác thanh niên", "000.00.01.H55", "division", "2008-01-01", null],
  ["000.00.02.H55", "Sở Tư pháp", P, "department", "2008-01-01", null],
  ["000.00.03.H55", "Sở Tài chính", P, "department", "2008-01-01", null],
  ["000.00.04.H55", "Sở Xây dựng", P, "department", "2008-01-01", null],
  ["000.00.05.H55", "Sở Nông nghiệp và Môi trường", P, "department", "2025-03-01", null],
  ["000.00.06.H55", "Sở Y tế", P, "department", "2008-01-01", null],
  ["000.00.07.H55", "Sở Giáo dục và Đào tạo", P, "department", "2008-01-01", null],
  ["000.00.08.H55", "Sở Công Thương", P, "department", "2008-01-01", null],
  ["000.00.09.H55", "Sở Văn hóa, Thể thao và Du lịch", P, "department", "2008-01-01", null],
  ["000.00.10.H55", "Sở Khoa học và Công nghệ", P, "department", "2008-01-01", null],
  ["000.00.11.H55", "Sở Lao động - Thương binh và Xã hội", P, "department", "2008-01-01", "2025-02-28"],
  ["000.00.20.H55", "Ủy ban nhân dân thành phố Quảng Ngãi", P, "district", "2008-01-01", "2025-06-30"],
  ["000.00.21.H55", "Ủy ban nhân dân huyện Bình Sơn", P, "district", "2008-01-01", "2025-06-30"],
  ["000.00.22.H55", "Ủy ban nhân dân huyện Sơn Tịnh", P, "district", "2008-01-01", "2025-06-30"],
  ["000.00.23.H55", "Ủy ban nhân dân huyện Tư Nghĩa", P, "district", "2008-01-01", "2025-06-30"],
  ["000.00.24.H55", "Ủy ban nhân dân huyện Mộ Đức", P, "district", "2008-01-01", "2025-06-30"],
  ["000.20.20.H55", "Ủy ban nhân dân phường Trần Phú (cũ)", "000.00.20.H55", "commune", "2008-01-01", "2025-06-30"],
  ["000.21.21.H55", "Ủy ban nhân dân thị trấn Châu Ổ", "000.00.21.H55", "commune", "2008-01-01", "2025-06-30"],
  ["000.31.01.H55", "Ủy ban nhân dân phường Cẩm Thành", P, "commune", "2025-07-01", null],
  ["000.31.02.H55", "Ủy ban nhân dân phường Nghĩa Lộ", P, "commune", "2025-07-01", null],
  ["000.31.03.H55", "Ủy ban nhân dân phường Trương Quang Trọng", P, "commune", "2025-07-01", null],
  ["000.31.04.H55", "Ủy ban nhân dân xã Bình Sơn", P, "commune", "2025-07-01", null],
  ["000.31.05.H55", "Ủy ban nhân dân xã Sơn Tịnh", P, "commune", "2025-07-01", null],
  ["000.31.06.H55", "Ủy ban nhân dân xã Tư Nghĩa", P, "commune", "2025-07-01", null],
  ["000.31.07.H55", "Ủy ban nhân dân xã Mộ Đức", P, "commune", "2025-07-01", null],
  ["000.31.08.H55", "Ủy ban nhân dân phường Đức Phổ", P, "commune", "2025-07-01", null],
  ["000.31.09.H55", "Ủy ban nhân dân đặc khu Lý Sơn", P, "commune", "2025-07-01", null],
  ["000.31.10.H55", "Ủy ban nhân dân phường Kon Tum", P, "commune", "2025-07-01", null],
];

type OfficerSeed = [code: string, name: string, unit: string, position: string, validFrom: string | null, validTo: string | null];

const OFFICERS: OfficerSeed[] = [
  ["CB0001", "Nguyễn Văn Hùng", "000.00.01.H55", "Giám đốc Sở", "2020-01-01", null],
  ["CB0002", "Trần Thị Thanh Hương", "000.00.01.H55", "Phó Giám đốc Sở", "2019-05-01", null],
  ["CB0003", "Lê Minh Đức", "000.02.01.H55", "Chánh Thanh tra Sở", "2018-03-01", null],
  ["CB0004", "Phạm Thị Ngọc Ánh", "000.02.01.H55", "Thanh tra viên chính", "2016-08-01", null],
  ["CB0005", "Võ Quốc Bảo", "000.02.01.H55", "Thanh tra viên", "2021-02-01", null],
  ["CB0006", "Đặng Thu Trang", "000.02.01.H55", "Thanh tra viên", "2022-06-01", null],
  ["CB0007", "Huỳnh Tấn Lộc", "000.03.01.H55", "Trưởng phòng", "2017-01-01", null],
  ["CB0008", "Bùi Thị Kim Oanh", "000.03.01.H55", "Chuyên viên chính", "2015-04-01", null],
  ["CB0009", "Ngô Thanh Tùng", "000.04.01.H55", "Chuyên viên", "2020-09-01", null],
  ["CB0010", "Đỗ Thị Mỹ Linh", "000.01.01.H55", "Chánh Văn phòng", "2016-01-01", null],
  ["CB0011", "Trương Công Định", "000.00.90.H55", "Giám đốc Trung tâm", "2019-10-01", null],
  ["CB0012", "Lê Thu Hạnh", "000.00.90.H55", "Viên chức tiếp nhận, trả kết quả", "2019-10-01", null],
  ["CB0013", "Nguyễn Thị Diễm My", "000.00.90.H55", "Công chức tiếp nhận, trả kết quả", "2020-03-01", null],
  ["CB0014", "Phan Văn Tài", "000.00.02.H55", "Phó Giám đốc Sở Tư pháp", "2018-01-01", null],
  ["CB0015", "Hồ Thị Thúy Vy", "000.00.02.H55", "Chuyên viên Phòng Hành chính tư pháp", "2019-07-01", null],
  ["CB0016", "Châu Minh Quân", "000.00.03.H55", "Chuyên viên Phòng Quản lý giá và Công sản", "2017-05-01", null],
  ["CB0017", "Tạ Thị Hồng Nhung", "000.00.04.H55", "Chuyên viên Phòng Quản lý xây dựng", "2021-01-01", null],
  ["CB0018", "Lương Văn Khải", "000.00.05.H55", "Chuyên viên Chi cục Quản lý đất đai", "2025-03-01", null],
  ["CB0019", "Mai Thị Bích Ngọc", "000.00.06.H55", "Chuyên viên Phòng Nghiệp vụ Dược", "2018-11-01", null],
  ["CB0020", "Dương Quang Vinh", "000.00.07.H55", "Chuyên viên Phòng Giáo dục trung học", "2016-09-01", null],
  ["CB0021", "Trịnh Thị Lan", "000.00.08.H55", "Chuyên viên Phòng Quản lý thương mại", "2020-02-01", null],
  ["CB0022", "Lâm Văn Phúc", "000.00.09.H55", "Chuyên viên Phòng Quản lý văn hóa", "2019-03-01", null],
  ["CB0023", "Kiều Thị Yến", "000.00.10.H55", "Chuyên viên Phòng Quản lý chuyên ngành", "2022-04-01", null],
  ["CB0024", "Phạm Văn Sơn", "000.00.20.H55", "Chuyên viên Phòng Tư pháp thành phố", "2015-01-01", "2025-06-30"],
  ["CB0024", "Phạm Văn Sơn", "000.31.01.H55", "Công chức Tư pháp - Hộ tịch", "2025-07-01", null],
  ["CB0025", "Nguyễn Thị Hoa", "000.20.20.H55", "Công chức Tư pháp - Hộ tịch", "2014-06-01", "2025-06-30"],
  ["CB0025", "Nguyễn Thị Hoa", "000.31.02.H55", "Công chức Tư pháp - Hộ tịch", "2025-07-01", null],
  ["CB0026", "Võ Thành Nhân", "000.31.01.H55", "Chủ tịch Ủy ban nhân dân phường", "2025-07-01", null],
  ["CB0027", "Đinh Thị Thu Thảo", "000.31.01.H55", "Công chức Văn phòng - Thống kê", "2025-07-01", null],
  ["CB0028", "Lê Văn Toàn", "000.31.01.H55", "Công chức Địa chính - Xây dựng", "2025-07-01", null],
  ["CB0029", "Trần Quang Khánh", "000.31.02.H55", "Chủ tịch Ủy ban nhân dân phường", "2025-07-01", null],
  ["CB0030", "Hoàng Thị Minh Châu", "000.31.02.H55", "Công chức Văn phòng - Thống kê", "2025-07-01", null],
  ["CB0031", "Nguyễn Hữu Phước", "000.21.21.H55", "Công chức Địa chính", "2012-01-01", "2025-06-30"],
  ["CB0031", "Nguyễn Hữu Phước", "000.31.04.H55", "Công chức Địa chính - Nông nghiệp - Môi trường", "2025-07-01", null],
  ["CB0032", "Phan Thị Bảo Trâm", "000.31.04.H55", "Chủ tịch Ủy ban nhân dân xã", "2025-07-01", null],
  ["CB0033", "Lý Văn Hậu", "000.31.05.H55", "Công chức Tư pháp - Hộ tịch", "2025-07-01", null],
  ["CB0034", "Nguyễn Ngọc Quyên", "000.31.06.H55", "Công chức Văn hóa - Xã hội", "2025-07-01", null],
  ["CB0035", "Trần Văn Lực", "000.31.07.H55", "Công chức Tư pháp - Hộ tịch", "2025-07-01", null],
  ["CB0036", "Võ Thị Kiều Trinh", "000.31.08.H55", "Công chức Văn phòng - Thống kê", "2025-07-01", null],
  ["CB0037", "Đoàn Minh Triết", "000.31.09.H55", "Công chức Địa chính - Xây dựng", "2025-07-01", null],
  ["CB0038", "A Blông", "000.31.10.H55", "Công chức Tư pháp - Hộ tịch", "2025-07-01", null],
  ["CB0039", "Y Thanh Hà", "000.31.10.H55", "Chủ tịch Ủy ban nhân dân phường", "2025-07-01", null],
  ["CB0040", "Nguyễn Thị Thanh Tâm", "000.03.01.H55", "Chuyên viên Phòng Tổ chức, biên chế", "2019-01-01", null],
  ["CB0041", "Lê Hoàng Phúc", "000.03.01.H55", "Chuyên viên Phòng Tổ chức, biên chế", "2021-03-01", null],
];

type UserSeed = { username: string; displayName: string; officer: string | null; roles: { role: Role; unit: string | null }[] };

export const DEMO_USERS: UserSeed[] = [
  { username: "quantri", displayName: "Quản trị hệ thống", officer: null, roles: [{ role: "admin", unit: null }] },
  { username: "thanhtra", displayName: "Phạm Thị Ngọc Ánh", officer: "CB0004", roles: [{ role: "inspector", unit: null }] },
  { username: "thanhtra2", displayName: "Võ Quốc Bảo", officer: "CB0005", roles: [{ role: "inspector", unit: null }] },
  { username: "giamdoc", displayName: "Trần Thị Thanh Hương", officer: "CB0002", roles: [{ role: "approver", unit: null }] },
  { username: "truongdonvi", displayName: "Võ Thành Nhân", officer: "CB0026", roles: [{ role: "unit_head", unit: "000.31.01.H55" }] },
  { username: "tccb", displayName: "Nguyễn Thị Thanh Tâm", officer: "CB0040", roles: [{ role: "hr", unit: P }] },
  { username: "tccb2", displayName: "Lê Hoàng Phúc", officer: "CB0041", roles: [{ role: "hr", unit: P }] },
];

/** Whether the database already holds data (then the demo is not loaded again). */
export async function hasData(db: Database): Promise<boolean> {
  const row = await db.selectFrom("app_user").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return row.n > 0;
}

export async function seedDemo(db: Database): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const unitIds = new Map<string, number>();
    for (const [code, name, parent, kind, validFrom, validTo] of UNITS) {
      const row = await trx
        .insertInto("unit")
        .values({ code, name, kind, parent_id: parent ? unitIds.get(parent)! : null, valid_from: validFrom, valid_to: validTo })
        .returning("id")
        .executeTakeFirstOrThrow();
      unitIds.set(code, row.id);
    }
    const officerIds = new Map<string, number>();
    for (const [code, name, unit, position, validFrom, validTo] of OFFICERS) {
      let id = officerIds.get(code);
      if (id === undefined) {
        id = (await trx.insertInto("officer").values({ code, full_name: name }).returning("id").executeTakeFirstOrThrow()).id;
        officerIds.set(code, id);
      }
      await trx
        .insertInto("officer_membership")
        .values({ officer_id: id, unit_id: unitIds.get(unit)!, position, valid_from: validFrom, valid_to: validTo })
        .execute();
    }
    for (const u of DEMO_USERS) {
      await insertUser(
        trx,
        {
          username: u.username,
          displayName: u.displayName,
          passwordHash,
          officerId: u.officer ? officerIds.get(u.officer)! : null,
          roles: u.roles.map((r) => ({ role: r.role, unitId: r.unit ? unitIds.get(r.unit)! : null })),
        },
        null,
      );
    }
    await appendAudit(trx, {
      actorUserId: null,
      action: "seed.demo",
      entityType: "system",
      entityId: null,
      summary: `Nạp dữ liệu mẫu: ${UNITS.length} đơn vị, ${officerIds.size} cán bộ, ${DEMO_USERS.length} người dùng`,
    });
  });
}
