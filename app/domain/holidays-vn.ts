// The seeded working-day calendar: Vietnam's public holidays and make-up working days, 2019–2027,
// for civil servants and public employees (cán bộ, công chức, viên chức), who are the ones whose
// working days count dossier deadlines.
//
// Why a reviewed table and not a holiday library: a general library knows the fixed and lunar
// holidays, but not what the government announces each year — the swaps of a working day with a
// make-up Saturday (hoán đổi ngày làm việc, làm bù thứ Bảy), the choice of the Tết days around the
// lunar new year, the second National Day holiday (2 September plus one adjacent day, chosen each year
// since the Labour Code 2019), nor the compensatory days (nghỉ bù) when a holiday falls on a weekend.
// A wrong day here makes dossiers late or on time by mistake, so every year names its sources.
//
// Only dates that change the Monday–Friday rule are listed, as calendar.csv does: a `holiday` is a
// weekday off, a `workday` a weekend day worked; a holiday that falls on a weekend appears through its
// compensatory weekday. Tết follows the Vietnamese lunar calendar (UTC+7), as computed for the day
// (mùng 1 Tết) and checked against the announcements.
//
// 2024–2026 are the customer's reviewed data (samples/evidence/calendar.csv; a test keeps them equal).
// 2027 is provisional: nothing was announced when this table was written; it applies the law the way
// comparable years were announced, and an admin must import the announced calendar when it is out.
import type { CalendarException } from "./calendar.js";

export interface HolidayYear {
  year: number;
  /** The legal basis and the announcements the days come from. */
  sources: readonly string[];
  /** True when the year's days are an estimate from the law, not from an announcement. */
  provisional: boolean;
  days: readonly CalendarException[];
}

const holiday = (date: string, name: string): CalendarException => ({ date, kind: "holiday", name });
const workday = (date: string, name: string): CalendarException => ({ date, kind: "workday", name });

const LABOUR_CODE_2012 =
  "Bộ luật Lao động số 10/2012/QH13, Điều 115 (10 ngày nghỉ lễ, Tết; nghỉ bù khi trùng ngày nghỉ hằng tuần)";
const LABOUR_CODE_2019 =
  "Bộ luật Lao động số 45/2019/QH14, Điều 112 (11 ngày nghỉ lễ, Tết: thêm 01 ngày Quốc khánh liền kề ngày 02/9) " +
  "và Nghị định số 145/2020/NĐ-CP";

export const VN_HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2019,
    provisional: false,
    sources: [
      LABOUR_CODE_2012,
      "Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Dương lịch và Tết Âm lịch năm 2019 " +
        "(theo ý kiến của Thủ tướng Chính phủ; hoán đổi thứ Hai 31/12/2018, làm bù thứ Bảy 05/01/2019)",
      "Thông báo của Bộ Lao động – Thương binh và Xã hội về hoán đổi ngày làm việc dịp 30/4 và 01/5/2019 " +
        "(hoán đổi thứ Hai 29/4, làm bù thứ Bảy 04/5/2019)",
    ],
    days: [
      // Announced with Tết Dương lịch 2019; the date belongs to 2018 but the swap to this notice.
      holiday("2018-12-31", "Nghỉ hoán đổi, làm bù thứ Bảy 05/01/2019"),
      holiday("2019-01-01", "Tết Dương lịch"),
      workday("2019-01-05", "Làm bù cho ngày 31/12/2018"),
      holiday("2019-02-04", "Tết Nguyên đán"),
      holiday("2019-02-05", "Tết Nguyên đán"),
      holiday("2019-02-06", "Tết Nguyên đán"),
      holiday("2019-02-07", "Tết Nguyên đán"),
      holiday("2019-02-08", "Tết Nguyên đán"),
      holiday("2019-04-15", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật 14/4)"),
      holiday("2019-04-29", "Nghỉ hoán đổi, làm bù thứ Bảy 04/5/2019"),
      holiday("2019-04-30", "Ngày Chiến thắng 30/4"),
      holiday("2019-05-01", "Ngày Quốc tế Lao động"),
      workday("2019-05-04", "Làm bù cho ngày 29/4"),
      holiday("2019-09-02", "Quốc khánh"),
    ],
  },
  {
    year: 2020,
    provisional: false,
    sources: [
      LABOUR_CODE_2012,
      "Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch năm 2020 " +
        "(theo ý kiến của Thủ tướng Chính phủ: từ 23/01 đến hết 29/01/2020)",
    ],
    days: [
      holiday("2020-01-01", "Tết Dương lịch"),
      holiday("2020-01-23", "Tết Nguyên đán"),
      holiday("2020-01-24", "Tết Nguyên đán"),
      holiday("2020-01-27", "Tết Nguyên đán"),
      holiday("2020-01-28", "Tết Nguyên đán"),
      holiday("2020-01-29", "Tết Nguyên đán"),
      holiday("2020-04-02", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
      holiday("2020-04-30", "Ngày Chiến thắng 30/4"),
      holiday("2020-05-01", "Ngày Quốc tế Lao động"),
      holiday("2020-09-02", "Quốc khánh"),
    ],
  },
  {
    year: 2021,
    provisional: false,
    sources: [
      LABOUR_CODE_2019,
      "Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2021 " +
        "(theo ý kiến của Thủ tướng Chính phủ: Tết từ 10/02 đến hết 16/02/2021; Quốc khánh 02/9 và 03/9/2021)",
    ],
    days: [
      holiday("2021-01-01", "Tết Dương lịch"),
      holiday("2021-02-10", "Tết Nguyên đán"),
      holiday("2021-02-11", "Tết Nguyên đán"),
      holiday("2021-02-12", "Tết Nguyên đán"),
      holiday("2021-02-15", "Tết Nguyên đán"),
      holiday("2021-02-16", "Tết Nguyên đán"),
      holiday("2021-04-21", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
      holiday("2021-04-30", "Ngày Chiến thắng 30/4"),
      holiday("2021-05-03", "Nghỉ bù Ngày Quốc tế Lao động (thứ Bảy 01/5)"),
      holiday("2021-09-02", "Quốc khánh"),
      holiday("2021-09-03", "Quốc khánh"),
    ],
  },
  {
    year: 2022,
    provisional: false,
    sources: [
      LABOUR_CODE_2019,
      "Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2022 " +
        "(theo ý kiến của Thủ tướng Chính phủ: Tết từ 29/01 đến hết 06/02/2022; Quốc khánh 01/9 và 02/9/2022)",
    ],
    days: [
      holiday("2022-01-03", "Nghỉ bù Tết Dương lịch (thứ Bảy 01/01)"),
      holiday("2022-01-31", "Tết Nguyên đán"),
      holiday("2022-02-01", "Tết Nguyên đán"),
      holiday("2022-02-02", "Tết Nguyên đán"),
      holiday("2022-02-03", "Tết Nguyên đán"),
      holiday("2022-02-04", "Tết Nguyên đán"),
      holiday("2022-04-11", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật 10/4)"),
      holiday("2022-05-02", "Nghỉ bù Ngày Chiến thắng 30/4 (thứ Bảy)"),
      holiday("2022-05-03", "Nghỉ bù Ngày Quốc tế Lao động (Chủ nhật)"),
      holiday("2022-09-01", "Quốc khánh"),
      holiday("2022-09-02", "Quốc khánh"),
    ],
  },
  {
    year: 2023,
    provisional: false,
    sources: [
      LABOUR_CODE_2019,
      "Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2023 " +
        "(theo ý kiến của Thủ tướng Chính phủ: Tết từ 20/01 đến hết 26/01/2023; Quốc khánh 01/9 và 02/9/2023)",
    ],
    days: [
      holiday("2023-01-02", "Nghỉ bù Tết Dương lịch (Chủ nhật 01/01)"),
      holiday("2023-01-20", "Tết Nguyên đán"),
      holiday("2023-01-23", "Tết Nguyên đán"),
      holiday("2023-01-24", "Tết Nguyên đán"),
      holiday("2023-01-25", "Tết Nguyên đán"),
      holiday("2023-01-26", "Tết Nguyên đán"),
      holiday("2023-05-01", "Ngày Quốc tế Lao động"),
      holiday("2023-05-02", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, thứ Bảy 29/4)"),
      holiday("2023-05-03", "Nghỉ bù Ngày Chiến thắng 30/4 (Chủ nhật)"),
      holiday("2023-09-01", "Quốc khánh"),
      holiday("2023-09-04", "Nghỉ bù Quốc khánh (thứ Bảy 02/9)"),
    ],
  },
  {
    year: 2024,
    provisional: false,
    sources: [
      LABOUR_CODE_2019,
      "Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2024 " +
        "(theo ý kiến của Thủ tướng Chính phủ: Tết từ 08/02 đến hết 14/02/2024; Quốc khánh 02/9 và 03/9/2024)",
      "Thông báo của Bộ Lao động – Thương binh và Xã hội về hoán đổi ngày làm việc dịp 30/4 và 01/5/2024 " +
        "(hoán đổi thứ Hai 29/4, làm bù thứ Bảy 04/5/2024)",
      "Lịch đã được khách hàng rà soát (samples/evidence/calendar.csv)",
    ],
    days: [
      holiday("2024-01-01", "Tết Dương lịch"),
      holiday("2024-02-08", "Tết Nguyên đán"),
      holiday("2024-02-09", "Tết Nguyên đán"),
      holiday("2024-02-12", "Tết Nguyên đán"),
      holiday("2024-02-13", "Tết Nguyên đán"),
      holiday("2024-02-14", "Tết Nguyên đán"),
      holiday("2024-04-18", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
      holiday("2024-04-29", "Nghỉ hoán đổi, làm bù thứ Bảy 04/5/2024"),
      holiday("2024-04-30", "Ngày Chiến thắng 30/4"),
      holiday("2024-05-01", "Ngày Quốc tế Lao động"),
      workday("2024-05-04", "Làm bù cho ngày 29/4"),
      holiday("2024-09-02", "Quốc khánh"),
      holiday("2024-09-03", "Quốc khánh"),
    ],
  },
  {
    year: 2025,
    provisional: false,
    sources: [
      LABOUR_CODE_2019,
      "Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2025 " +
        "(theo ý kiến của Thủ tướng Chính phủ: Tết từ 25/01 đến hết 02/02/2025, hoán đổi thứ Hai 27/01, " +
        "làm bù thứ Bảy 08/02; Quốc khánh 01/9 và 02/9/2025)",
      "Thông báo của Bộ Nội vụ (quản lý nhà nước về lao động từ 01/3/2025) về hoán đổi ngày làm việc dịp 30/4 " +
        "và 01/5/2025 (hoán đổi thứ Sáu 02/5, làm bù thứ Bảy 26/4/2025)",
      "Lịch đã được khách hàng rà soát (samples/evidence/calendar.csv)",
    ],
    days: [
      holiday("2025-01-01", "Tết Dương lịch"),
      holiday("2025-01-27", "Tết Nguyên đán (hoán đổi, làm bù thứ Bảy 08/02)"),
      holiday("2025-01-28", "Tết Nguyên đán"),
      holiday("2025-01-29", "Tết Nguyên đán"),
      holiday("2025-01-30", "Tết Nguyên đán"),
      holiday("2025-01-31", "Tết Nguyên đán"),
      workday("2025-02-08", "Làm bù cho ngày 27/01"),
      holiday("2025-04-07", "Giỗ Tổ Hùng Vương"),
      workday("2025-04-26", "Làm bù cho ngày 02/5"),
      holiday("2025-04-30", "Ngày Chiến thắng 30/4"),
      holiday("2025-05-01", "Ngày Quốc tế Lao động"),
      holiday("2025-05-02", "Nghỉ hoán đổi, làm bù thứ Bảy 26/4"),
      holiday("2025-09-01", "Quốc khánh"),
      holiday("2025-09-02", "Quốc khánh"),
    ],
  },
  {
    year: 2026,
    provisional: false,
    sources: [
      LABOUR_CODE_2019,
      "Thông báo của Bộ Nội vụ về lịch nghỉ Tết Dương lịch, Tết Âm lịch và Quốc khánh năm 2026 " +
        "(theo ý kiến của Thủ tướng Chính phủ: hoán đổi thứ Sáu 02/01, làm bù thứ Bảy 10/01/2026; " +
        "Tết từ 14/02 đến hết 22/02/2026; Quốc khánh 01/9 và 02/9/2026)",
      "Lịch đã được khách hàng rà soát (samples/evidence/calendar.csv)",
    ],
    days: [
      holiday("2026-01-01", "Tết Dương lịch"),
      holiday("2026-01-02", "Nghỉ hoán đổi, làm bù thứ Bảy 10/01"),
      workday("2026-01-10", "Làm bù cho ngày 02/01"),
      holiday("2026-02-16", "Tết Nguyên đán"),
      holiday("2026-02-17", "Tết Nguyên đán"),
      holiday("2026-02-18", "Tết Nguyên đán"),
      holiday("2026-02-19", "Tết Nguyên đán"),
      holiday("2026-02-20", "Tết Nguyên đán"),
      holiday("2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương"),
      holiday("2026-04-30", "Ngày Chiến thắng 30/4"),
      holiday("2026-05-01", "Ngày Quốc tế Lao động"),
      holiday("2026-09-01", "Quốc khánh"),
      holiday("2026-09-02", "Quốc khánh"),
    ],
  },
  {
    year: 2027,
    provisional: true,
    sources: [
      LABOUR_CODE_2019,
      "Dự kiến, chưa có thông báo của Bộ Nội vụ về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2027: Tết theo cách " +
        "bố trí năm 2024 (mùng 1 Tết cũng vào thứ Bảy), từ 04/02 đến hết 10/02/2027; Quốc khánh 02/9 và 03/9/2027",
    ],
    days: [
      holiday("2027-01-01", "Tết Dương lịch"),
      holiday("2027-02-04", "Tết Nguyên đán"),
      holiday("2027-02-05", "Tết Nguyên đán"),
      holiday("2027-02-08", "Tết Nguyên đán"),
      holiday("2027-02-09", "Tết Nguyên đán"),
      holiday("2027-02-10", "Tết Nguyên đán"),
      holiday("2027-04-16", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
      holiday("2027-04-30", "Ngày Chiến thắng 30/4"),
      holiday("2027-05-03", "Nghỉ bù Ngày Quốc tế Lao động (thứ Bảy 01/5)"),
      holiday("2027-09-02", "Quốc khánh"),
      holiday("2027-09-03", "Quốc khánh"),
    ],
  },
];

/** Every seeded exception, in date order: the calendar a new installation starts with. */
export function seededVnCalendarExceptions(): CalendarException[] {
  return VN_HOLIDAY_YEARS.flatMap((y) => y.days.map((d) => ({ ...d }))).sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
}
