// A realistic evidence set in the CSV family of spec/evidence-import.md, for demos, load tests and the
// importer's own tests: a province (Quảng Ngãi-style codes) with its departments, service centre,
// districts and communes as they stood before and after the 2025 reforms, thousands of officers, and
// N dossiers with their processing steps and supplement cycles.
//
// Why the simulation is built the way it is:
// - Determinism: every random choice comes from one seeded PRNG (xoshiro128**) per concern; nothing
//   reads the clock, so a seed and a period give byte-identical files on every machine.
// - Streaming: dossiers are produced one working day at a time as CSV text; nothing holds the whole
//   set, so a million dossiers need the memory of one day's worth.
// - Time runs on an "office clock": a position counts seconds of office hours (07:30–11:30,
//   13:30–17:00) over the working days of the seeded calendar. Adding k × 27,000 seconds lands on the
//   same wall time k working days later — which is how a one-stop office computes a due date — and
//   step deadlines that share out the statutory limit sum exactly to the dossier's due position.
// - Lateness is caused, not painted on: a dossier is late because a step overran, because a second
//   supplement was requested, or because it is still open past its due date at the export instant.
//   Whether a dossier is late is then decided by evaluateDossier, the contract's computation, so the
//   summary the command prints is the number the product will compute from the files.
// - The export is a snapshot at the end of the period: anything that would happen later (a finish, a
//   step, a completion, an apology) is not in the files, which is why unfinished dossiers are the
//   ones near the end of the period, and why the organisation shows no unit founded after it.
import { WorkCalendar } from "./calendar.js";
import { evaluateDossier, type DossierStatus, type StepFacts, type SupplementEvent } from "./delay.js";
import { seededVnCalendarExceptions, VN_HOLIDAY_YEARS } from "./holidays-vn.js";
import { dateOfDayNumber, dayNumberOfDate, type CalendarDate, type Instant } from "./instants.js";
import type { UnitKind } from "./org-import.js";

// Vietnam is UTC+7 all year (instants.ts). Local copies: the hot loop reads them millions of times, and a
// module binding costs a getter call under some loaders.
const VN_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 86_400_000;
const vnDayNumber = (instant: Instant) => Math.floor((instant + VN_OFFSET_MS) / DAY_MS);

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/** xoshiro128** seeded through splitmix32: small, fast, and good enough for simulation. */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let x = seed >>> 0;
    const splitmix = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = splitmix();
    this.s1 = splitmix();
    this.s2 = splitmix();
    this.s3 = splitmix();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)]!;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/** A seed for one concern (organisation, dossiers, formatting…), so that concerns do not disturb each other. */
function deriveSeed(seed: number, salt: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
}

class Weighted<T> {
  readonly items: T[];
  private readonly cum: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map((e) => e[0]);
    this.cum = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, w], i) => {
      sum += w;
      this.cum[i] = sum;
    });
    this.total = sum;
    if (entries.length === 0 || !(sum > 0)) throw new Error("a weighted table needs a positive weight");
  }

  pick(rng: Random): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

// RFC 4180: a field is quoted only when it holds a comma, a quote or a line break.
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field, quoted only when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record with its line break. */
export function csvLine(fields: readonly string[]): string {
  let line = csvField(fields[0] ?? "");
  for (let i = 1; i < fields.length; i++) line += "," + csvField(fields[i]!);
  return line + "\n";
}

// ---------------------------------------------------------------------------------------------------
// Vietnamese names. Frequencies are those of the central coast (Huỳnh and Võ are common there);
// ethnic-minority communes of the highlands also see Đinh, Hồ and the "A …"/"Y …" names of the Xơ Đăng.

const nfc = (s: string) => s.normalize("NFC");
const table = (entries: [string, number][]) => new Weighted(entries.map(([s, w]) => [nfc(s), w] as const));

const FAMILY_NAMES = table([
  ["Nguyễn", 31], ["Trần", 10], ["Lê", 9], ["Phạm", 6], ["Huỳnh", 5], ["Võ", 5], ["Phan", 4.5], ["Hồ", 2.5],
  ["Hoàng", 2], ["Vũ", 1.5], ["Đặng", 2], ["Bùi", 2], ["Đỗ", 1.5], ["Ngô", 1.5], ["Dương", 1.2], ["Trương", 1.5],
  ["Đinh", 1.2], ["Đoàn", 1], ["Lý", 0.5], ["Lương", 0.6], ["Mai", 0.6], ["Cao", 0.6], ["Đào", 0.6], ["Lâm", 0.5],
  ["Hà", 0.5], ["Châu", 0.4], ["Tạ", 0.3], ["Thái", 0.3], ["Tô", 0.3], ["Kiều", 0.2], ["Nguyễn Phước", 0.05],
]);
const HIGHLAND_FAMILY_NAMES = table([["Đinh", 30], ["Hồ", 15], ["Phạm", 12], ["Nguyễn", 12], ["Trần", 6], ["Lê", 5], ["Võ", 4]]);
const MALE_MIDDLE = table([
  ["Văn", 30], ["Minh", 8], ["Tấn", 6], ["Hữu", 6], ["Đức", 6], ["Thanh", 6], ["Quốc", 5], ["Công", 5], ["Đình", 5],
  ["Xuân", 4], ["Ngọc", 4], ["Quang", 4], ["Trung", 3], ["Anh", 3], ["Thế", 2], ["Trọng", 2], ["Hoàng", 2], ["Duy", 2],
]);
const FEMALE_MIDDLE = table([
  ["Thị", 45], ["Ngọc", 8], ["Thu", 7], ["Thanh", 6], ["Kim", 5], ["Mỹ", 4], ["Bích", 3], ["Hoài", 3], ["Thúy", 3],
  ["Phương", 3], ["Minh", 3], ["Hồng", 3], ["Diệu", 2], ["Khánh", 2], ["Quỳnh", 2],
]);
const SECOND_FEMALE_MIDDLE = table([["Thu", 5], ["Ngọc", 5], ["Kim", 4], ["Thanh", 4], ["Mỹ", 3], ["Bích", 2], ["Hồng", 3], ["Phương", 2]]);
const MALE_GIVEN = table([
  ["Anh", 4], ["Bảo", 2], ["Bình", 3], ["Cường", 3], ["Dũng", 4], ["Duy", 2], ["Đạt", 3], ["Định", 2], ["Hải", 4],
  ["Hiếu", 3], ["Hoàng", 2], ["Hùng", 4], ["Huy", 4], ["Khang", 1], ["Khánh", 2], ["Khoa", 2], ["Long", 3], ["Lộc", 2],
  ["Minh", 4], ["Nam", 4], ["Nghĩa", 3], ["Nhân", 2], ["Phong", 3], ["Phúc", 3], ["Phước", 2], ["Quân", 2], ["Quang", 3],
  ["Sơn", 4], ["Tài", 2], ["Tâm", 2], ["Thắng", 3], ["Thành", 4], ["Thịnh", 2], ["Tín", 2], ["Toàn", 2], ["Trí", 3],
  ["Trung", 3], ["Tuấn", 5], ["Tùng", 2], ["Việt", 2], ["Vinh", 3], ["Vũ", 2], ["Hưng", 3], ["Lâm", 1], ["Thuận", 2],
]);
const FEMALE_GIVEN = table([
  ["Anh", 4], ["Chi", 2], ["Diễm", 2], ["Dung", 3], ["Giang", 2], ["Hà", 4], ["Hạnh", 3], ["Hằng", 3], ["Hiền", 3],
  ["Hoa", 3], ["Hồng", 2], ["Hương", 5], ["Lan", 4], ["Liên", 2], ["Linh", 4], ["Loan", 2], ["Mai", 3], ["My", 2],
  ["Nga", 3], ["Ngân", 2], ["Nhung", 2], ["Oanh", 2], ["Phương", 4], ["Quỳnh", 2], ["Tâm", 2], ["Thảo", 4], ["Thủy", 3],
  ["Trang", 5], ["Trinh", 2], ["Tuyết", 2], ["Uyên", 2], ["Vân", 3], ["Yến", 3], ["Ánh", 2], ["Nhi", 2], ["Thư", 2],
  ["Lệ", 1], ["Xuân", 1], ["Hậu", 1], ["Nguyệt", 1],
]);
const XO_DANG_GIVEN = table([["Thuyên", 1], ["Bình", 1], ["Pươi", 1], ["Rin", 1], ["Blong", 1], ["Hiền", 1], ["Nhơn", 1], ["Đàm", 1], ["Sang", 1], ["Lêm", 1]]);

/** A Vietnamese full name in NFC: family name, middle name(s), given name. */
export function vietnameseFullName(rng: Random, highland = false): string {
  if (highland && rng.chance(0.15)) return `${rng.chance(0.5) ? "A" : "Y"} ${XO_DANG_GIVEN.pick(rng)}`;
  const family = (highland ? HIGHLAND_FAMILY_NAMES : FAMILY_NAMES).pick(rng);
  if (rng.chance(0.5)) {
    const middle = MALE_MIDDLE.pick(rng);
    const given = MALE_GIVEN.pick(rng);
    // A given name equal to the middle name ("Minh Minh") happens, but not often enough to keep.
    return given === middle ? `${family} ${middle} ${MALE_GIVEN.pick(rng)}` : `${family} ${middle} ${given}`;
  }
  const middle = FEMALE_MIDDLE.pick(rng);
  const second = middle === "Thị" && rng.chance(0.2) ? ` ${SECOND_FEMALE_MIDDLE.pick(rng)}` : "";
  return `${family} ${middle}${second} ${FEMALE_GIVEN.pick(rng)}`;
}

// ---------------------------------------------------------------------------------------------------
// The province: units as they stood over time. Departments were merged on 01/3/2025 and districts
// abolished on 01/7/2025 (communes were rearranged the same day, and Kon Tum's communes joined).

const SINCE = "2008-01-01";
const CENTRE_SINCE = "2019-10-01";
const DEPARTMENT_REFORM = "2025-03-01";
const LOCAL_REFORM = "2025-07-01";
const dayBefore = (date: CalendarDate) => dateOfDayNumber(dayNumberOfDate(date) - 1);

type DeptKey =
  | "noi_vu" | "lao_dong" | "tu_phap" | "tai_chinh" | "ke_hoach" | "xay_dung" | "giao_thong" | "nong_nghiep"
  | "moi_truong" | "y_te" | "giao_duc" | "cong_thuong" | "van_hoa" | "khoa_hoc" | "thong_tin" | "dan_toc";

interface DepartmentDef {
  no: string;
  name: string;
  keys: DeptKey[];
  /** Keys taken over from a merged department on the reform date. */
  laterKeys?: DeptKey[];
  from?: CalendarDate;
  to?: CalendarDate;
  successor?: string;
}

const DEPARTMENTS: DepartmentDef[] = [
  { no: "01", name: "Sở Nội vụ", keys: ["noi_vu"], laterKeys: ["lao_dong"] },
  { no: "02", name: "Sở Tư pháp", keys: ["tu_phap"] },
  { no: "03", name: "Sở Tài chính", keys: ["tai_chinh"], laterKeys: ["ke_hoach"] },
  { no: "04", name: "Sở Xây dựng", keys: ["xay_dung"], laterKeys: ["giao_thong"] },
  { no: "05", name: "Sở Nông nghiệp và Môi trường", keys: ["nong_nghiep", "moi_truong"], from: DEPARTMENT_REFORM },
  { no: "06", name: "Sở Y tế", keys: ["y_te"] },
  { no: "07", name: "Sở Giáo dục và Đào tạo", keys: ["giao_duc"] },
  { no: "08", name: "Sở Công Thương", keys: ["cong_thuong"] },
  { no: "09", name: "Sở Văn hóa, Thể thao và Du lịch", keys: ["van_hoa"] },
  { no: "10", name: "Sở Khoa học và Công nghệ", keys: ["khoa_hoc"], laterKeys: ["thong_tin"] },
  { no: "11", name: "Sở Dân tộc và Tôn giáo", keys: ["dan_toc"], from: DEPARTMENT_REFORM },
  { no: "12", name: "Sở Tài nguyên và Môi trường", keys: ["moi_truong"], to: dayBefore(DEPARTMENT_REFORM), successor: "05" },
  { no: "13", name: "Sở Nông nghiệp và Phát triển nông thôn", keys: ["nong_nghiep"], to: dayBefore(DEPARTMENT_REFORM), successor: "05" },
  { no: "14", name: "Sở Kế hoạch và Đầu tư", keys: ["ke_hoach"], to: dayBefore(DEPARTMENT_REFORM), successor: "03" },
  { no: "15", name: "Sở Lao động - Thương binh và Xã hội", keys: ["lao_dong"], to: dayBefore(DEPARTMENT_REFORM), successor: "01" },
  { no: "16", name: "Sở Giao thông vận tải", keys: ["giao_thong"], to: dayBefore(DEPARTMENT_REFORM), successor: "04" },
  { no: "17", name: "Sở Thông tin và Truyền thông", keys: ["thong_tin"], to: dayBefore(DEPARTMENT_REFORM), successor: "10" },
  { no: "18", name: "Ban Dân tộc", keys: ["dan_toc"], to: dayBefore(DEPARTMENT_REFORM), successor: "11" },
];

/** In the order they are added as the province grows with N: pairs that replace each other stay together. */
const DIVISIONS: { dept: string; name: string; from?: CalendarDate }[] = [
  { dept: "02", name: "Phòng Hành chính tư pháp" },
  { dept: "04", name: "Phòng Quản lý hoạt động xây dựng" },
  { dept: "14", name: "Phòng Đăng ký kinh doanh" },
  { dept: "03", name: "Phòng Đăng ký kinh doanh", from: DEPARTMENT_REFORM },
  { dept: "06", name: "Phòng Nghiệp vụ Y" },
  { dept: "01", name: "Phòng Công chức, viên chức" },
  { dept: "06", name: "Phòng Nghiệp vụ Dược" },
  { dept: "12", name: "Văn phòng Đăng ký đất đai" },
  { dept: "05", name: "Văn phòng Đăng ký đất đai", from: DEPARTMENT_REFORM },
  { dept: "05", name: "Chi cục Quản lý đất đai", from: DEPARTMENT_REFORM },
  { dept: "02", name: "Phòng Bổ trợ tư pháp" },
  { dept: "08", name: "Phòng Quản lý thương mại" },
  { dept: "16", name: "Phòng Quản lý phương tiện và người lái" },
  { dept: "01", name: "Phòng Tổ chức, biên chế và tổ chức phi chính phủ" },
  { dept: "07", name: "Phòng Giáo dục trung học" },
  { dept: "09", name: "Phòng Quản lý du lịch" },
];

const DISTRICTS: { name: string; highland: boolean; communes: string[] }[] = [
  {
    name: "Ủy ban nhân dân thành phố Quảng Ngãi",
    highland: false,
    communes: ["UBND phường Trần Phú", "UBND phường Lê Hồng Phong", "UBND phường Nghĩa Chánh", "UBND phường Chánh Lộ", "UBND phường Quảng Phú", "UBND xã Nghĩa Dõng", "UBND xã Tịnh Ấn Tây", "UBND xã Nghĩa Hà"],
  },
  {
    name: "Ủy ban nhân dân huyện Sơn Tịnh",
    highland: false,
    communes: ["UBND xã Tịnh Hà", "UBND xã Tịnh Sơn", "UBND xã Tịnh Bình", "UBND xã Tịnh Đông", "UBND xã Tịnh Giang", "UBND xã Tịnh Hiệp", "UBND xã Tịnh Thọ", "UBND xã Tịnh Bắc"],
  },
  {
    name: "Ủy ban nhân dân huyện Bình Sơn",
    highland: false,
    communes: ["UBND thị trấn Châu Ổ", "UBND xã Bình Châu", "UBND xã Bình Hải", "UBND xã Bình Thạnh", "UBND xã Bình Đông", "UBND xã Bình Trị", "UBND xã Bình Long", "UBND xã Bình Chánh"],
  },
  {
    name: "Ủy ban nhân dân huyện Tư Nghĩa",
    highland: false,
    communes: ["UBND thị trấn La Hà", "UBND thị trấn Sông Vệ", "UBND xã Nghĩa Kỳ", "UBND xã Nghĩa Điền", "UBND xã Nghĩa Thắng", "UBND xã Nghĩa Thuận", "UBND xã Nghĩa Hiệp", "UBND xã Nghĩa Mỹ"],
  },
  {
    name: "Ủy ban nhân dân huyện Mộ Đức",
    highland: false,
    communes: ["UBND thị trấn Mộ Đức", "UBND xã Đức Chánh", "UBND xã Đức Thạnh", "UBND xã Đức Lợi", "UBND xã Đức Minh", "UBND xã Đức Nhuận", "UBND xã Đức Hiệp", "UBND xã Đức Tân"],
  },
  {
    name: "Ủy ban nhân dân thị xã Đức Phổ",
    highland: false,
    communes: ["UBND phường Nguyễn Nghiêm", "UBND phường Phổ Văn", "UBND phường Phổ Quang", "UBND phường Phổ Ninh", "UBND phường Phổ Hòa", "UBND xã Phổ An", "UBND xã Phổ Thạnh", "UBND xã Phổ Châu"],
  },
  {
    name: "Ủy ban nhân dân huyện Nghĩa Hành",
    highland: false,
    communes: ["UBND thị trấn Chợ Chùa", "UBND xã Hành Thuận", "UBND xã Hành Dũng", "UBND xã Hành Phước", "UBND xã Hành Thịnh", "UBND xã Hành Trung"],
  },
  {
    name: "Ủy ban nhân dân huyện Ba Tơ",
    highland: true,
    communes: ["UBND thị trấn Ba Tơ", "UBND xã Ba Động", "UBND xã Ba Thành", "UBND xã Ba Vì", "UBND xã Ba Tô", "UBND xã Ba Dinh"],
  },
  {
    name: "Ủy ban nhân dân huyện Trà Bồng",
    highland: true,
    communes: ["UBND thị trấn Trà Xuân", "UBND xã Trà Phú", "UBND xã Trà Bình", "UBND xã Trà Sơn", "UBND xã Trà Thủy", "UBND xã Trà Lâm"],
  },
  {
    name: "Ủy ban nhân dân huyện Sơn Hà",
    highland: true,
    communes: ["UBND thị trấn Di Lăng", "UBND xã Sơn Hạ", "UBND xã Sơn Thành", "UBND xã Sơn Giang", "UBND xã Sơn Cao", "UBND xã Sơn Linh"],
  },
  {
    name: "Ủy ban nhân dân huyện Minh Long",
    highland: true,
    communes: ["UBND xã Long Hiệp", "UBND xã Long Mai", "UBND xã Thanh An", "UBND xã Long Sơn"],
  },
];

/** Communes and wards from 01/7/2025, Quảng Ngãi's and the former Kon Tum's, interleaved. */
const NEW_COMMUNES: [string, boolean][] = [
  ["UBND phường Cẩm Thành", false], ["UBND phường Nghĩa Lộ", false], ["UBND phường Trương Quang Trọng", false],
  ["UBND xã Tịnh Khê", false], ["UBND xã Sơn Tịnh", false], ["UBND xã Bình Sơn", false], ["UBND phường Kon Tum", true],
  ["UBND xã Tư Nghĩa", false], ["UBND xã Mộ Đức", false], ["UBND phường Đức Phổ", false], ["UBND xã Vạn Tường", false],
  ["UBND xã Đông Sơn", false], ["UBND phường Đăk Bla", true], ["UBND xã Nghĩa Hành", false], ["UBND xã Ba Tơ", true],
  ["UBND xã Trà Bồng", true], ["UBND xã Sơn Hà", true], ["UBND phường Sa Huỳnh", false], ["UBND xã Đăk Hà", true],
  ["UBND xã Minh Long", true], ["UBND xã Thọ Phong", false], ["UBND xã Trường Giang", false], ["UBND xã Ngọc Hồi", true],
  ["UBND xã An Phú", false], ["UBND xã Bình Minh", false], ["UBND xã Vệ Giang", false], ["UBND xã Đình Cương", false],
  ["UBND xã Sa Thầy", true], ["UBND phường Trà Câu", false], ["UBND xã Lân Phong", false], ["UBND xã Đăk Tô", true],
  ["UBND xã Ba Gia", false], ["UBND xã Nghĩa Giang", false], ["UBND xã Long Phụng", false], ["UBND xã Măng Đen", true],
  ["UBND xã Tây Trà", true], ["UBND xã Sơn Tây", true], ["Đặc khu Lý Sơn", false], ["UBND xã Đăk Glei", true],
  ["UBND xã Ia H'Drai", true], ["UBND xã Thiện Tín", false], ["UBND xã Phước Giang", false], ["UBND xã Trà Giang", false],
  ["UBND xã Mỏ Cày", false], ["UBND xã Bình Chương", false], ["UBND xã Kon Plông", true], ["UBND xã Đông Trà Bồng", true],
  ["UBND xã Sơn Hạ", true], ["UBND xã Ba Vì", true], ["UBND xã Ba Tô", true],
];

type UnitRole = "province" | "centre" | "department" | "division" | "district" | "old_commune" | "new_commune";
type Role = "reception" | "head" | "specialist" | "leader";
type Field = "tu_phap" | "dia_chinh" | "vhxh" | "kinh_te";
const OPEN_END = Number.POSITIVE_INFINITY;

interface UnitDef {
  code: string;
  name: string;
  parent: UnitDef | null;
  kind: UnitKind;
  role: UnitRole;
  fromDay: number;
  /** Inclusive; OPEN_END when the unit still exists. */
  toDay: number;
  /** Department services, each from a day on (a merged department's keys arrive on the reform date). */
  keys: { key: DeptKey; fromDay: number }[];
  successor: UnitDef | null;
  divisions: UnitDef[];
  /** Relative volume of commune- and district-level dossiers. */
  weight: number;
  headcount: number;
  /** How much more often than the province's average this unit's dossiers run late. */
  lateFactor: number;
  /** How reliably the unit issues apologies (Mẫu 04) for its late dossiers. */
  apologyCare: number;
  highland: boolean;
  staff: StaffEpochs | null;
}

interface Membership {
  unit: UnitDef;
  fromDay: number;
  toDay: number;
  position: string;
}

interface OfficerDef {
  code: string;
  fullName: string;
  role: Role;
  field: Field | null;
  rank: number;
  /** Relative propensity to let a step overrun: most officers are below 1, a few far above. */
  sloth: number;
  memberships: Membership[];
}

/** The officers of a unit, in date ranges over which its membership does not change. */
interface StaffEpochs {
  starts: number[];
  pools: StaffPool[];
}

interface StaffPool {
  all: OfficerDef[];
  byRole: Record<Role, OfficerDef[]>;
  byField: Record<Field, OfficerDef[]>;
}

function communeWord(name: string): string {
  if (name.startsWith("Đặc khu")) return "đặc khu";
  if (name.includes(" phường ")) return "phường";
  if (name.includes(" thị trấn ")) return "thị trấn";
  return "xã";
}

function districtWord(name: string): string {
  if (name.includes("thành phố")) return "thành phố";
  if (name.includes("thị xã")) return "thị xã";
  return "huyện";
}

/** The position an officer of a role holds in a unit, as HR writes it. */
function positionFor(unit: UnitDef, role: Role, field: Field | null, rank: number, rng: Random): string {
  switch (unit.role) {
    case "province":
      if (role === "leader" || role === "head") return rank === 0 ? "Chánh Văn phòng UBND tỉnh" : "Phó Chánh Văn phòng UBND tỉnh";
      return rng.chance(0.6) ? "Chuyên viên Văn phòng UBND tỉnh" : "Chuyên viên chính Văn phòng UBND tỉnh";
    case "centre":
      if (role === "leader" || role === "head") return rank === 0 ? "Giám đốc Trung tâm" : "Phó Giám đốc Trung tâm";
      return rng.chance(0.7) ? "Công chức tiếp nhận, trả kết quả" : "Viên chức tiếp nhận, trả kết quả";
    case "department": {
      const board = unit.name.startsWith("Ban ");
      if (role === "leader") return rank === 0 ? (board ? "Trưởng ban" : "Giám đốc") : board ? "Phó Trưởng ban" : "Phó Giám đốc";
      if (role === "head") return rank === 0 ? "Chánh Văn phòng" : rng.pick(["Trưởng phòng", "Phó Trưởng phòng", "Phó Chánh Văn phòng"]);
      if (role === "reception") return "Công chức bộ phận một cửa";
      return rng.chance(0.6) ? "Chuyên viên" : rng.chance(0.9) ? "Chuyên viên chính" : "Chuyên viên cao cấp";
    }
    case "division": {
      const agency = unit.name.startsWith("Chi cục") ? "chi cục" : unit.name.startsWith("Văn phòng") ? "văn phòng" : "phòng";
      if (role === "leader" || role === "head") {
        if (agency === "chi cục") return rank === 0 ? "Chi cục trưởng" : "Phó Chi cục trưởng";
        if (agency === "văn phòng") return rank === 0 ? "Giám đốc" : "Phó Giám đốc";
        return rank === 0 ? "Trưởng phòng" : "Phó Trưởng phòng";
      }
      if (agency === "văn phòng") return "Viên chức";
      return rng.chance(0.65) ? "Chuyên viên" : "Chuyên viên chính";
    }
    case "district": {
      const word = districtWord(unit.name);
      if (role === "leader") return rank === 0 ? `Chủ tịch UBND ${word}` : `Phó Chủ tịch UBND ${word}`;
      if (role === "reception") return "Công chức Bộ phận tiếp nhận và trả kết quả";
      const office = {
        tu_phap: "Phòng Tư pháp",
        dia_chinh: rng.chance(0.5) ? "Phòng Tài nguyên và Môi trường" : word === "huyện" ? "Phòng Kinh tế - Hạ tầng" : "Phòng Quản lý đô thị",
        vhxh: "Phòng Lao động - Thương binh và Xã hội",
        kinh_te: "Phòng Tài chính - Kế hoạch",
      };
      if (role === "head") return field === null ? "Chánh Văn phòng HĐND và UBND" : `${rank === 0 ? "Trưởng" : "Phó Trưởng"} ${office[field].replace("Phòng", "phòng")}`;
      return `Chuyên viên ${office[field ?? "tu_phap"]}`;
    }
    case "old_commune": {
      const word = communeWord(unit.name);
      if (role === "leader" || role === "head") return rank === 0 ? `Chủ tịch UBND ${word}` : `Phó Chủ tịch UBND ${word}`;
      if (role === "reception") return "Công chức Văn phòng - Thống kê";
      switch (field) {
        case "dia_chinh":
          return word === "xã" ? "Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường" : "Công chức Địa chính - Xây dựng - Đô thị và Môi trường";
        case "vhxh":
          return "Công chức Văn hóa - Xã hội";
        case "kinh_te":
          return "Công chức Tài chính - Kế toán";
        default:
          return "Công chức Tư pháp - Hộ tịch";
      }
    }
    case "new_commune": {
      const word = communeWord(unit.name);
      const economy = word === "xã" ? "Phòng Kinh tế" : "Phòng Kinh tế, Hạ tầng và Đô thị";
      if (role === "leader") return rank === 0 ? `Chủ tịch UBND ${word}` : `Phó Chủ tịch UBND ${word}`;
      if (role === "head") {
        if (field === "dia_chinh" || field === "kinh_te") return `Trưởng ${economy.replace("Phòng", "phòng")}`;
        if (field === "vhxh") return "Trưởng phòng Văn hóa - Xã hội";
        return "Chánh Văn phòng HĐND và UBND";
      }
      if (role === "reception") return rng.chance(0.7) ? "Viên chức Trung tâm Phục vụ hành chính công" : "Công chức tiếp nhận, trả kết quả";
      if (field === "dia_chinh" || field === "kinh_te") return `Chuyên viên ${economy}`;
      if (field === "vhxh") return "Chuyên viên Phòng Văn hóa - Xã hội";
      return "Công chức Tư pháp - Hộ tịch";
    }
  }
}

type Slot = { role: Role; field: Field | null; rank: number };
const slot = (role: Role, field: Field | null = null, rank = 0): Slot => ({ role, field, rank });

/** The first positions a unit fills, most necessary first, so that a small unit still has each role. */
function coreSlots(role: UnitRole): Slot[] {
  switch (role) {
    case "province":
      return [slot("head"), slot("specialist"), slot("head", null, 1)];
    case "centre":
      return [slot("leader"), slot("reception"), slot("reception"), slot("leader", null, 1)];
    case "department":
      return [slot("leader"), slot("specialist"), slot("reception"), slot("head"), slot("leader", null, 1), slot("specialist"), slot("head", null, 1), slot("leader", null, 1)];
    case "division":
      return [slot("head"), slot("specialist"), slot("specialist"), slot("head", null, 1)];
    case "district":
      return [
        slot("leader"), slot("reception"), slot("specialist", "tu_phap"), slot("specialist", "dia_chinh"), slot("leader", null, 1),
        slot("specialist", "vhxh"), slot("specialist", "kinh_te"), slot("head", "dia_chinh"), slot("head", "tu_phap"), slot("reception"),
        slot("head", null), slot("leader", null, 1), slot("head", "vhxh"),
      ];
    case "old_commune":
      return [
        slot("leader"), slot("reception"), slot("specialist", "tu_phap"), slot("specialist", "dia_chinh"), slot("leader", null, 1),
        slot("specialist", "vhxh"), slot("specialist", "kinh_te"), slot("specialist", "tu_phap"), slot("reception"),
      ];
    case "new_commune":
      return [
        slot("leader"), slot("reception"), slot("specialist", "tu_phap"), slot("specialist", "dia_chinh"), slot("leader", null, 1),
        slot("specialist", "vhxh"), slot("head", null), slot("reception"), slot("specialist", "kinh_te"), slot("leader", null, 1),
        slot("head", "dia_chinh"), slot("head", "vhxh"), slot("specialist", "tu_phap"),
      ];
  }
}

function fillerSlot(role: UnitRole, rng: Random): Slot {
  const r = rng.next();
  switch (role) {
    case "centre":
      return r < 0.92 ? slot("reception") : slot("leader", null, 1);
    case "department":
      return r < 0.8 ? slot("specialist") : r < 0.93 ? slot("head", null, 1) : slot("reception");
    case "division":
      return r < 0.88 ? slot("specialist") : slot("head", null, 1);
    case "province":
      return slot("specialist");
    default: {
      // Local government: the land and civil-status desks are the busiest.
      const field: Field = r < 0.35 ? "dia_chinh" : r < 0.65 ? "tu_phap" : r < 0.8 ? "vhxh" : "kinh_te";
      return rng.chance(0.15) ? slot("reception") : slot("specialist", field);
    }
  }
}

function mixtureLateFactor(rng: Random): number {
  const r = rng.next();
  if (r < 0.7) return rng.between(0.3, 0.9);
  if (r < 0.9) return rng.between(1, 2.2);
  return rng.between(2.8, 5);
}

function mixtureSloth(rng: Random): number {
  const r = rng.next();
  if (r < 0.75) return rng.between(0.3, 1);
  if (r < 0.93) return rng.between(1, 2.5);
  return rng.between(3.5, 8);
}

const unitCount = (n: number) => Math.min(120, Math.max(24, Math.round(24 + 9 * Math.log2(Math.max(n, 100) / 100))));
const officerTarget = (n: number) => Math.min(4500, Math.max(60, Math.round(60 * Math.sqrt(Math.max(n, 100) / 100))));

interface Organisation {
  units: UnitDef[];
  officers: OfficerDef[];
  centre: UnitDef;
}

function buildOrganisation(rng: Random, dossiers: number, periodStartDay: number, periodEndDay: number): Organisation {
  const units: UnitDef[] = [];
  const add = (u: Omit<UnitDef, "successor" | "divisions" | "staff" | "lateFactor" | "apologyCare" | "keys"> & { keys?: UnitDef["keys"] }) => {
    const unit: UnitDef = {
      ...u,
      name: nfc(u.name),
      keys: u.keys ?? [],
      successor: null,
      divisions: [],
      staff: null,
      lateFactor: mixtureLateFactor(rng),
      apologyCare: rng.between(0.15, 0.9),
    };
    units.push(unit);
    return unit;
  };
  const since = dayNumberOfDate(SINCE);
  const province = add({ code: "000.00.00.H55", name: "Ủy ban nhân dân tỉnh Quảng Ngãi", parent: null, kind: "province", role: "province", fromDay: since, toDay: OPEN_END, weight: 0, headcount: 6, highland: false });
  const centre = add({ code: "000.00.90.H55", name: "Trung tâm Phục vụ hành chính công tỉnh", parent: province, kind: "other", role: "centre", fromDay: dayNumberOfDate(CENTRE_SINCE), toDay: OPEN_END, weight: 0, headcount: 24, highland: false });

  const departments = new Map<string, UnitDef>();
  for (const d of DEPARTMENTS) {
    const fromDay = dayNumberOfDate(d.from ?? SINCE);
    const keys = d.keys.map((key) => ({ key, fromDay }));
    for (const key of d.laterKeys ?? []) keys.push({ key, fromDay: dayNumberOfDate(DEPARTMENT_REFORM) });
    const unit = add({
      code: `000.00.${d.no}.H55`, name: d.name, parent: province, kind: "department", role: "department", fromDay,
      toDay: d.to ? dayNumberOfDate(d.to) : OPEN_END, keys, weight: 0, headcount: d.to ? 28 : 40, highland: false,
    });
    departments.set(d.no, unit);
  }
  for (const d of DEPARTMENTS) if (d.successor) departments.get(d.no)!.successor = departments.get(d.successor)!;

  const rest = unitCount(dossiers) - units.length;
  const divisionCount = Math.min(DIVISIONS.length, Math.round(rest * 0.18));
  const districtCount = Math.min(DISTRICTS.length, Math.max(2, Math.round(rest * 0.1)));
  const communeBudget = Math.max(4, rest - divisionCount - districtCount);
  const oldCommuneCount = Math.min(
    DISTRICTS.slice(0, districtCount).reduce((n, d) => n + d.communes.length, 0),
    Math.max(2, Math.round(communeBudget * 0.55)),
  );
  const newCommuneCount = Math.min(NEW_COMMUNES.length, Math.max(2, communeBudget - oldCommuneCount));

  const perDepartment = new Map<string, number>();
  for (const d of DIVISIONS.slice(0, divisionCount)) {
    const dept = departments.get(d.dept)!;
    const n = (perDepartment.get(d.dept) ?? 0) + 1;
    perDepartment.set(d.dept, n);
    const division = add({
      code: `000.${d.dept}.${String(n).padStart(2, "0")}.H55`, name: d.name, parent: dept, kind: "division", role: "division",
      fromDay: d.from ? dayNumberOfDate(d.from) : dept.fromDay, toDay: dept.toDay, weight: 0, headcount: 12, highland: false,
    });
    dept.divisions.push(division);
  }

  const localReform = dayNumberOfDate(LOCAL_REFORM);
  const newCommunes: UnitDef[] = NEW_COMMUNES.slice(0, newCommuneCount).map(([name, highland], i) =>
    add({
      code: `000.31.${String(i + 1).padStart(2, "0")}.H55`, name, parent: province, kind: "commune", role: "new_commune",
      fromDay: localReform, toDay: OPEN_END, weight: rng.between(1.2, 3) * (name.includes("phường") ? 1.4 : 1), headcount: 20, highland,
    }),
  );
  const districts: UnitDef[] = [];
  DISTRICTS.slice(0, districtCount).forEach((d, i) => {
    districts.push(
      add({
        code: `000.${20 + i}.00.H55`, name: d.name, parent: province, kind: "district", role: "district", fromDay: since,
        toDay: localReform - 1, weight: rng.between(0.8, 2), headcount: 36, highland: d.highland,
      }),
    );
  });
  for (let c = 0; c < oldCommuneCount; c++) {
    // Round-robin over the districts, so that each keeps some of its communes.
    const di = c % districtCount;
    const d = DISTRICTS[di]!;
    const ci = Math.floor(c / districtCount);
    const name = d.communes[ci % d.communes.length]!;
    const commune = add({
      code: `000.${20 + di}.${String(ci + 1).padStart(2, "0")}.H55`, name, parent: districts[di]!, kind: "commune", role: "old_commune",
      fromDay: since, toDay: localReform - 1, weight: rng.between(0.6, 1.6) * (name.includes("phường") ? 1.5 : 1), headcount: 12, highland: d.highland,
    });
    commune.successor = newCommunes[c % newCommunes.length]!;
  }
  districts.forEach((d, i) => (d.successor = newCommunes[i % newCommunes.length]!));

  // Staff: scale each unit's headcount so that the province has the officers its volume needs.
  const base = units.reduce((n, u) => n + u.headcount, 0);
  const scale = officerTarget(dossiers) / base;
  for (const u of units) u.headcount = Math.max(u.role === "province" ? 2 : 4, Math.round(u.headcount * scale));

  const officers: OfficerDef[] = [];
  const usedCodes = new Set<string>();
  const newCode = () => {
    // Most HR systems export "CB" codes; one still exports bare employee numbers.
    if (rng.chance(0.07)) {
      for (;;) {
        const code = String(rng.int(1_000_000)).padStart(6, "0");
        if (!usedCodes.has(code)) {
          usedCodes.add(code);
          return code;
        }
      }
    }
    const code = `CB${String(officers.length + 1).padStart(4, "0")}`;
    usedCodes.add(code);
    return code;
  };
  const hireDay = (unit: UnitDef) => {
    const earliest = Math.max(unit.fromDay, dayNumberOfDate("1995-01-01"));
    const latest = Math.min(unit.toDay, periodStartDay - 1);
    if (latest <= earliest) return unit.fromDay;
    // Recruitment rounds start on the 1st or 15th of a month.
    const day = earliest + rng.int(latest - earliest);
    const date = dateOfDayNumber(day);
    const clipped = Math.max(earliest, dayNumberOfDate(`${date.slice(0, 8)}${rng.chance(0.5) ? "01" : "15"}`));
    return clipped === unit.fromDay || rng.chance(0.3) ? unit.fromDay : clipped;
  };
  const hire = (unit: UnitDef, s: Slot, fromDay: number, toDay: number): OfficerDef => {
    const officer: OfficerDef = {
      code: newCode(),
      fullName: vietnameseFullName(rng, unit.highland),
      role: s.role,
      field: s.field,
      rank: s.rank,
      sloth: mixtureSloth(rng),
      memberships: [{ unit, fromDay, toDay, position: nfc(positionFor(unit, s.role, s.field, s.rank, rng)) }],
    };
    officers.push(officer);
    return officer;
  };

  // Units founded by a reform are staffed first from their predecessors' officers; the officers of a
  // unit merged into one that already existed simply join it on the reform date.
  const movers = new Map<UnitDef, OfficerDef[]>();
  // A mover takes the rank of the desk they fill; one who joins without a planned desk is a deputy.
  const join = (officer: OfficerDef, unit: UnitDef, rank = Math.max(1, officer.rank)) => {
    const previous = officer.memberships[officer.memberships.length - 1]!;
    officer.memberships.push({ unit, fromDay: previous.toDay + 1, toDay: unit.toDay, position: nfc(positionFor(unit, officer.role, officer.field, rank, rng)) });
  };
  const ordered = [...units].sort((a, b) => a.fromDay - b.fromDay);
  for (const unit of ordered) {
    const slots: Slot[] = [];
    const core = coreSlots(unit.role);
    for (let i = 0; i < unit.headcount; i++) slots.push(i < core.length ? core[i]! : fillerSlot(unit.role, rng));
    const incoming = movers.get(unit) ?? [];
    const takeMover = (s: Slot) => {
      const i = incoming.findIndex((o) => o.role === s.role && (s.role !== "specialist" || s.field === null || o.field === s.field));
      return i < 0 ? undefined : incoming.splice(i, 1)[0];
    };
    const staff: OfficerDef[] = [];
    slots.forEach((s, i) => {
      const mover = takeMover(s);
      if (mover) {
        join(mover, unit, s.rank);
        staff.push(mover);
        return;
      }
      const from = hireDay(unit);
      // Now and then someone retires during the period and a newcomer takes the desk.
      const lo = Math.max(from + 60, periodStartDay + 20);
      const hi = Math.min(unit.toDay, periodEndDay) - 20;
      if (i >= 4 && hi > lo && rng.chance(0.05)) {
        const change = lo + rng.int(hi - lo);
        staff.push(hire(unit, s, from, change - 1));
        staff.push(hire(unit, s, change, unit.toDay));
      } else {
        staff.push(hire(unit, s, from, unit.toDay));
      }
    });
    if (unit.successor && unit.toDay !== OPEN_END) {
      for (const officer of staff) {
        const last = officer.memberships[officer.memberships.length - 1]!;
        if (last.unit !== unit || last.toDay !== unit.toDay) continue;
        // Some retire with the reform; district staff scatter over several new communes.
        if (rng.chance(0.15)) continue;
        const to = unit.role === "district" && rng.chance(0.5) ? rng.pick(newCommunes) : unit.successor;
        const list = movers.get(to) ?? [];
        list.push(officer);
        movers.set(to, list);
      }
    }
  }
  // Units that existed before the reform were staffed before their new colleagues were known.
  for (const [unit, list] of movers) for (const officer of list) join(officer, unit);

  const meanLate = units.reduce((n, u) => n + u.lateFactor, 0) / units.length;
  for (const u of units) u.lateFactor /= meanLate;
  const meanSloth = officers.reduce((n, o) => n + o.sloth, 0) / Math.max(1, officers.length);
  for (const o of officers) o.sloth /= meanSloth;
  for (const u of units) u.staff = buildStaffEpochs(u, officers);
  return { units, officers, centre };
}

function emptyPool(): StaffPool {
  return {
    all: [],
    byRole: { reception: [], head: [], specialist: [], leader: [] },
    byField: { tu_phap: [], dia_chinh: [], vhxh: [], kinh_te: [] },
  };
}

function buildStaffEpochs(unit: UnitDef, officers: OfficerDef[]): StaffEpochs {
  const members: { officer: OfficerDef; m: Membership }[] = [];
  for (const officer of officers) for (const m of officer.memberships) if (m.unit === unit) members.push({ officer, m });
  const cuts = new Set<number>([unit.fromDay]);
  for (const { m } of members) {
    cuts.add(m.fromDay);
    if (m.toDay !== OPEN_END) cuts.add(m.toDay + 1);
  }
  const starts = [...cuts].sort((a, b) => a - b);
  const pools = starts.map((start) => {
    const pool = emptyPool();
    for (const { officer, m } of members) {
      if (m.fromDay <= start && start <= m.toDay) {
        pool.all.push(officer);
        pool.byRole[officer.role].push(officer);
        if (officer.role === "specialist" && officer.field) pool.byField[officer.field].push(officer);
      }
    }
    return pool;
  });
  return { starts, pools };
}

function staffOn(unit: UnitDef, day: number): StaffPool | null {
  const epochs = unit.staff!;
  let lo = 0;
  let hi = epochs.starts.length - 1;
  if (day < epochs.starts[0]!) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (epochs.starts[mid]! <= day) lo = mid;
    else hi = mid - 1;
  }
  return epochs.pools[lo]!;
}

const ROLE_FALLBACK: Record<Role, Role[]> = {
  reception: ["reception", "specialist", "head", "leader"],
  specialist: ["specialist", "head", "reception", "leader"],
  head: ["head", "leader", "specialist"],
  leader: ["leader", "head", "specialist"],
};

function pickOfficer(unit: UnitDef, role: Role, field: Field | null, day: number, rng: Random): OfficerDef | null {
  const pool = staffOn(unit, day);
  if (!pool || pool.all.length === 0) return null;
  if (role === "specialist" && field && pool.byField[field].length > 0) return rng.pick(pool.byField[field]);
  for (const r of ROLE_FALLBACK[role]) if (pool.byRole[r].length > 0) return rng.pick(pool.byRole[r]);
  return rng.pick(pool.all);
}

function isMemberOn(officer: OfficerDef, unit: UnitDef, day: number): boolean {
  for (const m of officer.memberships) if (m.unit === unit && m.fromDay <= day && day <= m.toDay) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Procedures (TTHC). Codes follow the national database's pattern; those of the customer's sample
// files are kept with their names, the others are illustrative. Limits are the statutory time limits
// as one-stop offices configure them; weights are relative yearly volumes in a province.

type StepPlanKey = "quick" | "short" | "commune" | "business" | "department" | "inspection";
type Place = "front" | "desk" | "top";
type StepPlan = { name: string; csvName: string; role: Role; place: Place; share: number };
const step = (name: string, role: Role, place: Place, share: number): StepPlan => ({ name: nfc(name), csvName: csvField(nfc(name)), role, place, share });

const STEP_PLANS: Record<StepPlanKey, StepPlan[]> = {
  quick: [step("Tiếp nhận hồ sơ", "reception", "front", 0.25), step("Giải quyết, trả kết quả", "specialist", "desk", 0.75)],
  short: [step("Tiếp nhận hồ sơ", "reception", "front", 0.15), step("Thẩm định hồ sơ", "specialist", "desk", 0.55), step("Ký duyệt, trả kết quả", "leader", "top", 0.3)],
  commune: [
    step("Tiếp nhận hồ sơ", "reception", "front", 0.1), step("Thẩm định hồ sơ", "specialist", "desk", 0.5), step("Trình ký", "specialist", "desk", 0.1),
    step("Ký duyệt", "leader", "top", 0.2), step("Trả kết quả", "reception", "front", 0.1),
  ],
  business: [
    step("Tiếp nhận hồ sơ", "reception", "front", 0.1), step("Thẩm định hồ sơ", "specialist", "desk", 0.6), step("Ký duyệt", "head", "desk", 0.2),
    step("Trả kết quả", "reception", "front", 0.1),
  ],
  department: [
    step("Tiếp nhận hồ sơ", "reception", "front", 0.05), step("Phân công xử lý", "head", "desk", 0.05), step("Thẩm định hồ sơ", "specialist", "desk", 0.6),
    step("Trình lãnh đạo ký", "specialist", "desk", 0.1), step("Ký duyệt", "leader", "top", 0.15), step("Trả kết quả", "reception", "front", 0.05),
  ],
  inspection: [
    step("Tiếp nhận hồ sơ", "reception", "front", 0.05), step("Phân công xử lý", "head", "desk", 0.05), step("Thẩm định hồ sơ", "specialist", "desk", 0.35),
    step("Kiểm tra thực địa", "specialist", "desk", 0.25), step("Trình lãnh đạo ký", "specialist", "desk", 0.1), step("Ký duyệt, trả kết quả", "leader", "top", 0.2),
  ],
};

interface ProcedureDef {
  code: string;
  name: string;
  /** The code and name as CSV fields, quoted once rather than for every dossier. */
  csvCode: string;
  csvName: string;
  /** commune: every commune; local: districts until 30/6/2025, communes after; department: a Sở. */
  level: "commune" | "local" | "department";
  dept?: DeptKey;
  /** The division that appraises it, by name, when the department has one. */
  desk?: string;
  field: Field;
  days?: number;
  hours?: number;
  plan: StepPlanKey;
  weight: number;
  from?: CalendarDate;
  to?: CalendarDate;
}

const tthc = (code6: string) => `${code6}.000.00.00.H55`;
const PROCEDURES: ProcedureDef[] = (<Omit<ProcedureDef, "csvCode" | "csvName">[]>[
  // Civil status and certification: every commune, the bulk of all dossiers.
  { code: tthc("1.000894"), name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp", level: "commune", field: "tu_phap", hours: 4, plan: "quick", weight: 105 },
  { code: tthc("2.000908"), name: "Chứng thực chữ ký trong các giấy tờ, văn bản", level: "commune", field: "tu_phap", hours: 4, plan: "quick", weight: 26 },
  { code: tthc("1.001193"), name: "Đăng ký khai sinh", level: "commune", field: "tu_phap", days: 1, plan: "quick", weight: 52 },
  { code: tthc("1.004227"), name: "Đăng ký khai tử", level: "commune", field: "tu_phap", days: 1, plan: "quick", weight: 20 },
  { code: tthc("2.000635"), name: "Cấp bản sao trích lục hộ tịch", level: "commune", field: "tu_phap", hours: 4, plan: "quick", weight: 32 },
  { code: tthc("1.000656"), name: "Đăng ký kết hôn", level: "commune", field: "tu_phap", days: 3, plan: "short", weight: 17 },
  { code: tthc("1.004873"), name: "Cấp Giấy xác nhận tình trạng hôn nhân", level: "commune", field: "tu_phap", days: 3, plan: "short", weight: 22 },
  { code: tthc("1.004859"), name: "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", level: "commune", field: "tu_phap", days: 3, plan: "commune", weight: 7 },
  { code: tthc("1.001022"), name: "Đăng ký nhận cha, mẹ, con", level: "commune", field: "tu_phap", days: 3, plan: "commune", weight: 2 },
  { code: tthc("1.004837"), name: "Đăng ký giám hộ", level: "commune", field: "tu_phap", days: 3, plan: "commune", weight: 0.8 },
  { code: tthc("2.001035"), name: "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở", level: "commune", field: "tu_phap", days: 2, plan: "short", weight: 9 },
  { code: tthc("2.000488"), name: 'Xác nhận "hộ gia đình làm nông nghiệp có mức sống trung bình"', level: "commune", field: "vhxh", days: 5, plan: "commune", weight: 6 },
  // Decided by the district until its abolition, by the commune after.
  { code: tthc("1.003002"), name: "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", level: "local", field: "dia_chinh", days: 10, plan: "commune", weight: 20 },
  { code: tthc("1.001612"), name: "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", level: "local", field: "dia_chinh", days: 15, plan: "inspection", weight: 10 },
  { code: tthc("1.001599"), name: "Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu", level: "local", field: "dia_chinh", days: 20, plan: "inspection", weight: 7 },
  { code: tthc("2.000720"), name: "Đăng ký thành lập hộ kinh doanh", level: "local", field: "kinh_te", days: 3, plan: "short", weight: 12 },
  { code: tthc("1.001776"), name: "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng", level: "local", field: "vhxh", days: 7, plan: "commune", weight: 6 },
  // Departments, through the provincial service centre.
  { code: tthc("1.001978"), name: "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", level: "department", dept: "tu_phap", desk: "Phòng Hành chính tư pháp", field: "tu_phap", days: 10, plan: "department", weight: 10 },
  { code: tthc("1.008912"), name: "Đăng ký hoạt động của Văn phòng công chứng", level: "department", dept: "tu_phap", desk: "Phòng Bổ trợ tư pháp", field: "tu_phap", days: 10, plan: "department", weight: 0.2 },
  { code: tthc("1.009332"), name: "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", level: "department", dept: "lao_dong", field: "vhxh", days: 5, plan: "department", weight: 2 },
  { code: "QN.NB-01,2025", name: "Giải quyết chế độ, chính sách đối với cán bộ dôi dư (thủ tục đặc thù)", level: "department", dept: "noi_vu", desk: "Phòng Công chức, viên chức", field: "vhxh", days: 7, plan: "department", weight: 0.8, from: DEPARTMENT_REFORM },
  { code: tthc("1.003822"), name: "Công nhận ban vận động thành lập hội", level: "department", dept: "noi_vu", desk: "Phòng Tổ chức, biên chế và tổ chức phi chính phủ", field: "vhxh", days: 30, plan: "department", weight: 0.1 },
  { code: tthc("2.001610"), name: "Đăng ký thành lập doanh nghiệp tư nhân", level: "department", dept: "ke_hoach", desk: "Phòng Đăng ký kinh doanh", field: "kinh_te", days: 3, plan: "business", weight: 3 },
  { code: tthc("2.002033"), name: "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", level: "department", dept: "ke_hoach", desk: "Phòng Đăng ký kinh doanh", field: "kinh_te", days: 3, plan: "business", weight: 7 },
  { code: tthc("1.010007"), name: "Thẩm định, phê duyệt dự án đầu tư sử dụng vốn ngân sách", level: "department", dept: "ke_hoach", field: "kinh_te", days: 40, plan: "department", weight: 0.3 },
  { code: tthc("1.009994"), name: "Thẩm định, phê duyệt thiết kế xây dựng triển khai sau thiết kế cơ sở", level: "department", dept: "xay_dung", desk: "Phòng Quản lý hoạt động xây dựng", field: "dia_chinh", days: 20, plan: "inspection", weight: 1.2 },
  { code: tthc("1.009972"), name: "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", level: "department", dept: "xay_dung", desk: "Phòng Quản lý hoạt động xây dựng", field: "dia_chinh", days: 20, plan: "department", weight: 1.5 },
  // Driving licences went to the police on 01/3/2025; the transport department's last big procedure.
  { code: tthc("1.002804"), name: "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", level: "department", dept: "giao_thong", desk: "Phòng Quản lý phương tiện và người lái", field: "kinh_te", days: 5, plan: "business", weight: 12, to: dayBefore(DEPARTMENT_REFORM) },
  { code: tthc("1.002859"), name: "Cấp phù hiệu xe ô tô kinh doanh vận tải", level: "department", dept: "giao_thong", field: "kinh_te", days: 2, plan: "short", weight: 4 },
  { code: tthc("1.004250"), name: "Cấp giấy phép khai thác, sử dụng nước dưới đất", level: "department", dept: "moi_truong", field: "dia_chinh", days: 25, plan: "inspection", weight: 0.3 },
  { code: tthc("1.010727"), name: "Thẩm định báo cáo đánh giá tác động môi trường", level: "department", dept: "moi_truong", field: "dia_chinh", days: 25, plan: "department", weight: 0.3 },
  { code: tthc("1.012763"), name: "Đăng ký đất đai, tài sản gắn liền với đất lần đầu đối với tổ chức", level: "department", dept: "moi_truong", desk: "Văn phòng Đăng ký đất đai", field: "dia_chinh", days: 20, plan: "inspection", weight: 1 },
  { code: tthc("1.003010"), name: "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông, lâm, thủy sản", level: "department", dept: "nong_nghiep", field: "kinh_te", days: 15, plan: "inspection", weight: 1 },
  { code: tthc("1.002944"), name: "Cấp mới chứng chỉ hành nghề khám bệnh, chữa bệnh", level: "department", dept: "y_te", desk: "Phòng Nghiệp vụ Y", field: "vhxh", days: 20, plan: "department", weight: 1.8 },
  { code: tthc("1.004616"), name: 'Cấp "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"', level: "department", dept: "y_te", field: "vhxh", days: 15, plan: "inspection", weight: 1.5 },
  { code: tthc("1.004604"), name: "Cấp chứng chỉ hành nghề dược", level: "department", dept: "y_te", desk: "Phòng Nghiệp vụ Dược", field: "vhxh", days: 20, plan: "department", weight: 1.2 },
  { code: tthc("1.005090"), name: "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", level: "department", dept: "giao_duc", field: "vhxh", days: 1, plan: "quick", weight: 6 },
  { code: tthc("1.004498"), name: "Công nhận trường trung học đạt chuẩn quốc gia", level: "department", dept: "giao_duc", desk: "Phòng Giáo dục trung học", field: "vhxh", days: 20, plan: "inspection", weight: 0.08 },
  { code: tthc("2.000199"), name: "Cấp Giấy phép bán lẻ sản phẩm rượu", level: "department", dept: "cong_thuong", desk: "Phòng Quản lý thương mại", field: "kinh_te", days: 10, plan: "department", weight: 1 },
  { code: tthc("2.000620"), name: "Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai", level: "department", dept: "cong_thuong", field: "kinh_te", days: 15, plan: "inspection", weight: 0.5 },
  { code: tthc("1.001766"), name: "Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", level: "department", dept: "van_hoa", desk: "Phòng Quản lý du lịch", field: "vhxh", days: 10, plan: "department", weight: 0.4 },
  { code: tthc("1.003702"), name: "Cấp giấy phép xuất bản bản tin", level: "department", dept: "thong_tin", field: "vhxh", days: 15, plan: "department", weight: 0.1 },
  { code: tthc("1.008367"), name: "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", level: "department", dept: "khoa_hoc", field: "kinh_te", days: 15, plan: "department", weight: 0.1 },
]).map((p): ProcedureDef => ({ ...p, name: nfc(p.name), csvCode: csvField(p.code), csvName: csvField(nfc(p.name)) }) as ProcedureDef);

// ---------------------------------------------------------------------------------------------------
// The office clock

const MORNING = 4 * 3600;
export const OFFICE_DAY_SECONDS = 7.5 * 3600;
const OPENS = 7.5 * 3600;
const AFTERNOON_OPENS = 13.5 * 3600;
const CLOSES = 17 * 3600;

/** Office positions: seconds of office hours counted over the working days of a calendar. */
class OfficeClock {
  readonly days: Int32Array;
  private readonly firstDay: number;
  /** For each calendar day from firstDay, the index of the first working day on or after it. */
  private readonly atOrAfter: Int32Array;

  constructor(calendar: WorkCalendar, firstDay: number, lastDay: number) {
    const days: number[] = [];
    this.firstDay = firstDay;
    this.atOrAfter = new Int32Array(lastDay - firstDay + 1);
    for (let d = lastDay; d >= firstDay; d--) if (calendar.isWorkingDayNumber(d)) days.push(d);
    days.reverse();
    this.days = Int32Array.from(days);
    let i = days.length;
    for (let d = lastDay; d >= firstDay; d--) {
      if (i > 0 && days[i - 1] === d) i--;
      this.atOrAfter[d - firstDay] = i;
    }
  }

  indexAtOrAfter(day: number): number {
    const i = this.atOrAfter[day - this.firstDay];
    if (i === undefined || i >= this.days.length) throw new Error(`office clock: ${dateOfDayNumber(day)} is out of range`);
    return i;
  }

  /** The instant of an office position. The end of a session is the start of the next one. */
  instantAt(pos: number): Instant {
    const k = Math.floor(pos / OFFICE_DAY_SECONDS);
    const t = pos - k * OFFICE_DAY_SECONDS;
    const day = this.days[k];
    if (day === undefined) throw new Error("office clock: position out of range");
    const wall = t < MORNING ? OPENS + t : AFTERNOON_OPENS + (t - MORNING);
    return (day * 86400 + wall) * 1000 - VN_OFFSET_MS;
  }

  /** The first office position at or after an instant (an instant out of hours waits for the next opening). */
  positionAtOrAfter(instant: Instant): number {
    const secs = Math.ceil((instant + VN_OFFSET_MS) / 1000);
    const day = Math.floor(secs / 86400);
    const wall = secs - day * 86400;
    const k = this.indexAtOrAfter(day);
    const base = k * OFFICE_DAY_SECONDS;
    if (this.days[k] !== day || wall <= OPENS) return base;
    if (wall < OPENS + MORNING) return base + (wall - OPENS);
    if (wall <= AFTERNOON_OPENS) return base + MORNING;
    if (wall < CLOSES) return base + MORNING + (wall - AFTERNOON_OPENS);
    return base + OFFICE_DAY_SECONDS;
  }
}

// ---------------------------------------------------------------------------------------------------
// Writing: instants in the forms real exports mix, and RFC 4180 fields

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

class InstantWriter {
  private readonly iso = new Map<number, string>();
  private readonly vn = new Map<number, string>();

  isoDate(day: number): string {
    let s = this.iso.get(day);
    if (s === undefined) {
      s = dateOfDayNumber(day);
      this.iso.set(day, s);
    }
    return s;
  }

  vnDate(day: number): string {
    let s = this.vn.get(day);
    if (s === undefined) {
      const iso = this.isoDate(day);
      s = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
      this.vn.set(day, s);
    }
    return s;
  }

  /**
   * One of the forms of the contract, chosen at random: mostly ISO with +07:00, some in UTC (Z), some
   * dd/MM/yyyy HH:mm[:ss]. HH:mm is only used when the seconds are zero, so no form loses precision.
   */
  write(instant: Instant, rng: Random): string {
    const r = rng.next();
    if (r < 0.15) {
      const secs = Math.floor(instant / 1000);
      const day = Math.floor(secs / 86400);
      const t = secs - day * 86400;
      return `${this.isoDate(day)}T${PAD2[Math.floor(t / 3600)]}:${PAD2[Math.floor(t / 60) % 60]}:${PAD2[t % 60]}Z`;
    }
    const secs = Math.floor((instant + VN_OFFSET_MS) / 1000);
    const day = Math.floor(secs / 86400);
    const t = secs - day * 86400;
    const hh = PAD2[Math.floor(t / 3600)];
    const mm = PAD2[Math.floor(t / 60) % 60];
    const ss = t % 60;
    if (r < 0.7) return `${this.isoDate(day)}T${hh}:${mm}:${PAD2[ss]}+07:00`;
    if (r < 0.85 && ss === 0) return `${this.vnDate(day)} ${hh}:${mm}`;
    return `${this.vnDate(day)} ${hh}:${mm}:${PAD2[ss]}`;
  }

  /** dd/MM/yyyy, the form a promised date is often written in. */
  writeDate(instant: Instant): string {
    return this.vnDate(vnDayNumber(instant));
  }
}

export const FILE_HEADERS = {
  units: ["unit_code", "name", "parent_code", "kind", "valid_from", "valid_to"],
  officers: ["officer_code", "full_name", "unit_code", "position", "valid_from", "valid_to"],
  dossiers: ["dossier_code", "procedure_code", "procedure_name", "unit_code", "received_at", "due_at", "finished_at", "status", "channel", "apology_at", "rescheduled_due_at"],
  steps: ["dossier_code", "step_no", "step_name", "unit_code", "officer_code", "started_at", "due_at", "finished_at"],
  events: ["dossier_code", "kind", "at"],
  calendar: ["date", "kind", "name"],
} as const;

export type GeneratedFile = keyof typeof FILE_HEADERS;
export const GENERATED_FILES: readonly GeneratedFile[] = ["units", "officers", "dossiers", "steps", "events", "calendar"];

const STATUS_LABELS: Record<DossierStatus, string> = {
  processing: "Đang xử lý",
  supplement: "Chờ bổ sung",
  finished: "Đã xử lý xong",
  returned: "Đã trả kết quả",
  stopped: "Dừng xử lý",
  refused: "Từ chối",
  withdrawn: "Rút hồ sơ",
};

type Channel = "direct" | "online" | "postal";
const CHANNEL_CODES: Record<Channel, string> = { direct: "1", online: "2", postal: "3" };

// ---------------------------------------------------------------------------------------------------
// The period and the calendar

const SEEDED_YEARS = VN_HOLIDAY_YEARS.map((y) => y.year);
/** The years the seeded calendar covers: a period must lie within them. */
export const CALENDAR_YEARS = { first: Math.min(...SEEDED_YEARS), last: Math.max(...SEEDED_YEARS) } as const;

/** The export instant: the last second of the period's last day in Vietnam. */
export function periodEndInstant(to: CalendarDate): Instant {
  return (dayNumberOfDate(to) + 1) * DAY_MS - VN_OFFSET_MS - 1000;
}

export interface GenerateOptions {
  dossiers: number;
  seed: number;
  /** First and last day of reception, both inclusive. */
  from: CalendarDate;
  to: CalendarDate;
}

export interface GenerationStats {
  units: number;
  officers: number;
  officerRows: number;
  dossiers: number;
  steps: number;
  events: number;
  calendarDays: number;
  /** Dossiers evaluated by the contract (all but refused and withdrawn). */
  counted: number;
  late: number;
  byStatus: Record<DossierStatus, number>;
  /** The target late share drawn from the seed; the realised share is late / counted. */
  targetLateShare: number;
  calendarYears: [number, number] | null;
}

/** Dossiers received on one day (all or some of them), as CSV text without headers, to append to each file. */
export interface DossierChunk {
  /** The day they were received. */
  date: CalendarDate;
  count: number;
  dossiers: string;
  steps: string;
  events: string;
}

// ---------------------------------------------------------------------------------------------------
// Dossiers

interface Era {
  start: number;
  procedures: Weighted<ProcedureDef> | null;
  /** Procedures of departments that outlive every reform: the fallback when a unit is about to close. */
  lasting: Weighted<ProcedureDef> | null;
  communes: Weighted<UnitDef> | null;
  districts: Weighted<UnitDef> | null;
  departments: Map<DeptKey, UnitDef>;
}

interface PlannedStep {
  plan: StepPlan;
  unit: UnitDef;
  officer: OfficerDef | null;
  allot: number;
}

interface Pause {
  after: number;
  quick: boolean;
  seconds: number;
  days: number;
  secondOfDay: number;
}

interface Fate {
  durations: number[];
  pauses: Pause[];
  terminal: { kind: "refused" | "withdrawn" | "stopped"; at: number; fraction: number; delayDays: number; offset: number } | null;
  lateStep: number;
  lateExtra: number;
  cascade: number;
  lateIntent: boolean;
}

interface TimelineStep {
  startAt: Instant;
  dueAt: Instant;
  endAt: Instant;
}

interface Timeline {
  steps: TimelineStep[];
  events: SupplementEvent[];
  finishedAt: Instant;
  terminal: "refused" | "withdrawn" | "stopped" | null;
  /** [requested, completed) of each cycle, to tell whether the dossier waits for the citizen at the export. */
  waits: [Instant, Instant][];
}

const CHUNK_DOSSIERS = 256;

const ROLE_LATE_WEIGHT: Record<Role, number> = { reception: 0.15, head: 0.4, specialist: 1, leader: 0.5 };

export class EvidenceGenerator {
  readonly stats: GenerationStats;
  readonly calendar: WorkCalendar;
  readonly asOf: Instant;
  private readonly org: Organisation;
  private readonly clock: OfficeClock;
  private readonly writer = new InstantWriter();
  private readonly rng: Random;
  private readonly fmt: Random;
  private readonly fromDay: number;
  private readonly toDay: number;
  private readonly eras: Era[];
  private readonly lateShare: number;
  private maxDay: number;
  private started = false;
  private done = false;

  constructor(readonly options: GenerateOptions) {
    const { seed, from, to, dossiers } = options;
    this.fromDay = dayNumberOfDate(from);
    this.toDay = dayNumberOfDate(to);
    if (!(this.toDay >= this.fromDay)) throw new Error("the period ends before it starts");
    this.calendar = WorkCalendar.fromExceptions(seededVnCalendarExceptions());
    this.asOf = periodEndInstant(to);
    this.clock = new OfficeClock(this.calendar, this.fromDay - 40, this.toDay + 1200);
    this.rng = new Random(deriveSeed(seed, "dossiers"));
    this.fmt = new Random(deriveSeed(seed, "formats"));
    const orgRng = new Random(deriveSeed(seed, "organisation"));
    this.lateShare = 0.018 + 0.05 * new Random(deriveSeed(seed, "late-share")).next();
    this.org = buildOrganisation(orgRng, dossiers, this.fromDay, this.toDay);
    this.eras = this.buildEras();
    this.maxDay = this.toDay;
    this.stats = {
      units: 0, officers: 0, officerRows: 0, dossiers: 0, steps: 0, events: 0, calendarDays: 0, counted: 0, late: 0,
      byStatus: { processing: 0, supplement: 0, finished: 0, returned: 0, stopped: 0, refused: 0, withdrawn: 0 },
      targetLateShare: this.lateShare, calendarYears: null,
    };
  }

  // --- organisation files ------------------------------------------------------------------------

  /** Dates of the snapshot: nothing founded after the period; an end after it is not yet known. */
  private fromText(day: number): string {
    return this.writer.isoDate(day);
  }

  private toText(day: number): string {
    return day === OPEN_END || day > this.toDay ? "" : this.writer.isoDate(day);
  }

  *unitRows(): Generator<string[]> {
    this.stats.units = 0;
    for (const u of this.org.units) {
      if (u.fromDay > this.toDay) continue;
      this.stats.units++;
      yield [u.code, u.name, u.parent?.code ?? "", u.kind, this.fromText(u.fromDay), this.toText(u.toDay)];
    }
  }

  *officerRows(): Generator<string[]> {
    this.stats.officers = 0;
    this.stats.officerRows = 0;
    for (const o of this.org.officers) {
      let any = false;
      for (const m of o.memberships) {
        if (m.fromDay > this.toDay) continue;
        any = true;
        this.stats.officerRows++;
        yield [o.code, o.fullName, m.unit.code, m.position, this.fromText(m.fromDay), this.toText(m.toDay)];
      }
      if (any) this.stats.officers++;
    }
  }

  unitsCsv(): string {
    let text = csvLine(FILE_HEADERS.units);
    for (const row of this.unitRows()) text += csvLine(row);
    return text;
  }

  officersCsv(): string {
    let text = csvLine(FILE_HEADERS.officers);
    for (const row of this.officerRows()) text += csvLine(row);
    return text;
  }

  /**
   * The seeded calendar for the years the files cover: from the first day of the period to the last
   * date written anywhere (a due date can fall in the next year). Call after the dossiers.
   */
  *calendarRows(): Generator<string[]> {
    if (!this.done) throw new Error("calendarRows() needs the dossiers generated first");
    const first = Math.max(CALENDAR_YEARS.first, Number(this.options.from.slice(0, 4)));
    const last = Math.min(CALENDAR_YEARS.last, Number(dateOfDayNumber(this.maxDay).slice(0, 4)));
    this.stats.calendarYears = [first, last];
    this.stats.calendarDays = 0;
    for (const e of seededVnCalendarExceptions()) {
      const year = Number(e.date.slice(0, 4));
      if (year < first || year > last) continue;
      this.stats.calendarDays++;
      yield [e.date, e.kind, e.name];
    }
  }

  calendarCsv(): string {
    let text = csvLine(FILE_HEADERS.calendar);
    for (const row of this.calendarRows()) text += csvLine(row);
    return text;
  }

  // --- selection ------------------------------------------------------------------------------------

  private buildEras(): Era[] {
    const cuts = new Set<number>([this.fromDay]);
    const within = (d: number) => d > this.fromDay && d <= this.toDay;
    for (const u of this.org.units) {
      if (within(u.fromDay)) cuts.add(u.fromDay);
      if (u.toDay !== OPEN_END && within(u.toDay + 1)) cuts.add(u.toDay + 1);
      for (const k of u.keys) if (within(k.fromDay)) cuts.add(k.fromDay);
    }
    for (const p of PROCEDURES) {
      if (p.from && within(dayNumberOfDate(p.from))) cuts.add(dayNumberOfDate(p.from));
      if (p.to && within(dayNumberOfDate(p.to) + 1)) cuts.add(dayNumberOfDate(p.to) + 1);
    }
    return [...cuts].sort((a, b) => a - b).map((start) => {
      const valid = (u: UnitDef) => u.fromDay <= start && start <= u.toDay;
      const communes = this.org.units.filter((u) => (u.role === "old_commune" || u.role === "new_commune") && valid(u));
      const districts = this.org.units.filter((u) => u.role === "district" && valid(u));
      const departments = new Map<DeptKey, UnitDef>();
      for (const u of this.org.units) {
        if (u.role !== "department" || !valid(u)) continue;
        for (const k of u.keys) if (k.fromDay <= start) departments.set(k.key, u);
      }
      const procedures = PROCEDURES.filter((p) => {
        if (p.from && dayNumberOfDate(p.from) > start) return false;
        if (p.to && dayNumberOfDate(p.to) < start) return false;
        if (p.level === "commune") return communes.length > 0;
        if (p.level === "local") return communes.length + districts.length > 0;
        return departments.has(p.dept!);
      });
      const weighted = <T>(items: T[], w: (t: T) => number) => (items.length ? new Weighted(items.map((i) => [i, w(i)] as const)) : null);
      const lasting = procedures.filter((p) => p.level === "department" && departments.get(p.dept!)!.toDay === OPEN_END);
      return {
        start,
        procedures: weighted(procedures, (p) => p.weight),
        lasting: weighted(lasting, (p) => p.weight),
        communes: weighted(communes, (u) => u.weight),
        districts: weighted(districts, (u) => u.weight),
        departments,
      };
    });
  }

  private eraOf(day: number): Era {
    let lo = 0;
    let hi = this.eras.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.eras[mid]!.start <= day) lo = mid;
      else hi = mid - 1;
    }
    return this.eras[lo]!;
  }

  private resolvingUnit(era: Era, p: ProcedureDef): UnitDef {
    if (p.level === "department") return era.departments.get(p.dept!)!;
    if (p.level === "local" && era.districts) return era.districts.pick(this.rng);
    return (era.communes ?? era.districts)!.pick(this.rng);
  }

  private planSteps(p: ProcedureDef, unit: UnitDef, day: number, limit: number): PlannedStep[] {
    const plans = STEP_PLANS[p.plan];
    let front = unit;
    let desk = unit;
    if (p.level === "department") {
      if (this.org.centre.fromDay <= day) front = this.org.centre;
      if (p.desk) {
        for (const d of unit.divisions) if (d.name === p.desk && d.fromDay <= day && day <= d.toDay) desk = d;
      }
    }
    const out: PlannedStep[] = [];
    let used = 0;
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i]!;
      const stepUnit = plan.place === "front" ? front : plan.place === "desk" ? desk : unit;
      // One officer holds the dossier for each role in each unit: the appraiser also submits it for signing.
      let officer: OfficerDef | null | undefined;
      for (const earlier of out) if (earlier.unit === stepUnit && earlier.plan.role === plan.role) officer = earlier.officer;
      if (officer === undefined) {
        officer = pickOfficer(stepUnit, plan.role, p.field, day, this.rng);
        // Online applications are sometimes accepted by the system itself, with no officer recorded.
        if (i === 0 && this.rng.chance(0.02)) officer = null;
      }
      const allot = i === plans.length - 1 ? limit - used : Math.max(60, Math.round((plan.share * limit) / 60) * 60);
      used += allot;
      out.push({ plan, unit: stepUnit, officer, allot });
    }
    return out;
  }

  // --- fate: every random choice about one dossier's course, drawn once ----------------------------

  private drawPause(after: number): Pause {
    const rng = this.rng;
    return {
      after,
      quick: rng.chance(0.12),
      seconds: Math.round(rng.between(1800, 5 * 3600)),
      // Most citizens come back within days; some take weeks to obtain a missing paper.
      days: rng.chance(0.12) ? 15 + rng.int(45) : 1 + Math.min(14, Math.floor(rng.exponential(2.2))),
      secondOfDay: Math.round(rng.between(6 * 3600, 23 * 3600)),
    };
  }

  /** A step drawn with the weights given, which sum to `total`. */
  private pickStep(weights: number[], total: number): number {
    let x = this.rng.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  private drawFate(steps: PlannedStep[], unit: UnitDef): Fate {
    const rng = this.rng;
    const k = steps.length;
    const durations: number[] = [];
    for (const s of steps) {
      const f = s.plan.role === "reception" ? rng.between(0.03, 0.6) : 0.1 + 0.85 * Math.pow(rng.next(), 1.3);
      durations.push(Math.max(30, Math.round(s.allot * f)));
    }
    let terminal: Fate["terminal"] = null;
    const r = rng.next();
    if (r < 0.012) terminal = { kind: "refused", at: k > 2 ? 1 : rng.int(k), fraction: 1, delayDays: 0, offset: 0 };
    else if (r < 0.016 && k > 1) terminal = { kind: "withdrawn", at: 1 + rng.int(k - 1), fraction: rng.between(0.1, 0.9), delayDays: 0, offset: 0 };
    else if (r < 0.019 && k > 1) terminal = { kind: "stopped", at: rng.int(k - 1), fraction: 1, delayDays: Math.round(rng.between(15, 45)), offset: rng.int(OFFICE_DAY_SECONDS) };

    // The citizen is asked for more papers after the appraisal (or at the desk, for quick procedures);
    // a second request, which the law does not allow, is rare.
    const pauses: Pause[] = [];
    let firstSpecialist = -1;
    for (let i = 0; i < k && firstSpecialist < 0; i++) if (steps[i]!.plan.role === "specialist") firstSpecialist = i;
    const boundary = firstSpecialist >= 0 && firstSpecialist <= k - 2 ? firstSpecialist : 0;
    if (terminal?.kind === "stopped") {
      pauses.push(this.drawPause(terminal.at));
    } else if (k > 1 && rng.chance(k >= 3 ? 0.12 : 0.015)) {
      if (k >= 3 && rng.chance(0.06)) {
        const b1 = rng.int(k - 2);
        const b2 = b1 + 1 + rng.int(k - 2 - b1);
        pauses.push(this.drawPause(b1), this.drawPause(b2));
      } else {
        pauses.push(this.drawPause(boundary));
      }
    }

    // Lateness follows the unit's habits and the sloth of whoever holds the dossier.
    let weightSum = 0;
    let roleSum = 0;
    const weights: number[] = [];
    for (const s of steps) {
      const w = ROLE_LATE_WEIGHT[s.plan.role] * (s.officer?.sloth ?? 1);
      weights.push(w);
      weightSum += w;
      roleSum += ROLE_LATE_WEIGHT[s.plan.role];
    }
    const officerFactor = weightSum / roleSum;
    // Capped: even the worst desk gets most of its dossiers out on time.
    const p = Math.min(0.3, this.lateShare * unit.lateFactor * officerFactor);
    let lateIntent = false;
    let lateStep = -1;
    let lateExtra = 0;
    let cascade = -1;
    if (terminal === null && rng.chance(p)) {
      lateIntent = true;
      lateStep = this.pickStep(weights, weightSum);
      const e = rng.next();
      const extra =
        e < 0.35 ? rng.between(600, OFFICE_DAY_SECONDS)
        : e < 0.7 ? OFFICE_DAY_SECONDS + rng.between(0, OFFICE_DAY_SECONDS)
        : e < 0.9 ? rng.between(2, 5) * OFFICE_DAY_SECONDS
        : e < 0.98 ? rng.between(5, 16) * OFFICE_DAY_SECONDS
        : rng.between(16, 40) * OFFICE_DAY_SECONDS;
      lateExtra = Math.round(extra);
      if (lateStep < k - 1 && rng.chance(0.25)) cascade = lateStep + 1 + rng.int(k - 1 - lateStep);
    } else if (terminal === null && rng.chance(Math.min(0.12, 0.025 * officerFactor))) {
      // A step overruns its own deadline while the dossier, thanks to the others' speed, stays on time.
      const j = this.pickStep(weights, weightSum);
      let slack = 0;
      for (let i = 0; i < k; i++) if (i !== j) slack += steps[i]!.allot - durations[i]!;
      if (slack > 120) durations[j] = steps[j]!.allot + Math.max(60, Math.round(slack * rng.between(0.1, 0.9)));
    }
    if (cascade >= 0) durations[cascade] = Math.round(steps[cascade]!.allot * rng.between(1.05, 1.6));
    return { durations, pauses, terminal, lateStep, lateExtra, cascade, lateIntent };
  }

  private runTimeline(receivedPos: number, steps: PlannedStep[], fate: Fate, overrun: number, channel: Channel): Timeline {
    const clock = this.clock;
    const out: TimelineStep[] = [];
    const events: SupplementEvent[] = [];
    const waits: [Instant, Instant][] = [];
    const t = fate.terminal;
    let cursor = receivedPos;
    let finishedAt: Instant | null = null;
    let terminal: Timeline["terminal"] = null;
    for (let j = 0; j < steps.length; j++) {
      const start = cursor;
      let duration = fate.durations[j]! + (j === fate.lateStep ? overrun : 0);
      if (t && t.at === j && t.kind === "withdrawn") duration = Math.max(60, Math.round(duration * t.fraction));
      const end = start + duration;
      out.push({ startAt: clock.instantAt(start), dueAt: clock.instantAt(start + steps[j]!.allot), endAt: clock.instantAt(end) });
      cursor = end;
      if (t && t.at === j && t.kind !== "stopped") {
        finishedAt = clock.instantAt(end);
        terminal = t.kind;
        break;
      }
      let pause: Pause | undefined;
      for (const p of fate.pauses) if (p.after === j) pause = p;
      if (pause === undefined || j === steps.length - 1) continue;
      const requestedAt = clock.instantAt(end);
      events.push({ kind: "supplement_requested", at: requestedAt });
      if (t && t.at === j && t.kind === "stopped") {
        // The citizen never came back; the dossier is closed weeks later.
        finishedAt = clock.instantAt(clock.positionAtOrAfter(requestedAt + t.delayDays * DAY_MS) + t.offset);
        waits.push([requestedAt, OPEN_END]);
        terminal = "stopped";
        break;
      }
      const requestDay = vnDayNumber(requestedAt);
      let completedAt: Instant;
      if (pause.quick) completedAt = requestedAt + pause.seconds * 1000;
      else if (channel === "online") completedAt = ((requestDay + pause.days) * 86400 + pause.secondOfDay) * 1000 - VN_OFFSET_MS;
      else completedAt = clock.instantAt(clock.indexAtOrAfter(requestDay + pause.days) * OFFICE_DAY_SECONDS + (pause.secondOfDay % OFFICE_DAY_SECONDS));
      // Papers handed in at the desk are recorded while the desk is open; online ones at any hour.
      if (channel !== "online") completedAt = clock.instantAt(clock.positionAtOrAfter(completedAt));
      events.push({ kind: "supplement_completed", at: completedAt });
      waits.push([requestedAt, completedAt]);
      cursor = clock.positionAtOrAfter(completedAt);
    }
    return { steps: out, events, finishedAt: finishedAt ?? clock.instantAt(cursor), terminal, waits };
  }

  /** The dossier as the export at `asOf` shows it: later steps, events and results are not known yet. */
  private snapshot(timeline: Timeline): Snapshot {
    const asOf = this.asOf;
    const steps: Snapshot["steps"] = [];
    for (const s of timeline.steps) {
      if (s.startAt > asOf) break;
      steps.push({ startAt: s.startAt, dueAt: s.dueAt, endAt: s.endAt <= asOf ? s.endAt : null });
    }
    const events: SupplementEvent[] = [];
    for (const e of timeline.events) if (e.at <= asOf) events.push(e);
    if (timeline.finishedAt <= asOf) return { steps, events, finishedAt: timeline.finishedAt, status: timeline.terminal };
    let waiting = false;
    for (const [a, b] of timeline.waits) if (a <= asOf && asOf < b) waiting = true;
    return { steps, events, finishedAt: null, status: waiting ? "supplement" : "processing" };
  }

  private drawChannel(p: ProcedureDef): Channel {
    const r = this.rng.next();
    const [direct, online] = p.level === "commune" ? [0.58, 0.96] : p.level === "local" ? [0.5, 0.94] : [0.35, 0.9];
    return r < direct ? "direct" : r < online ? "online" : "postal";
  }

  private receivedPositions(dayIndex: number, n: number): Float64Array {
    const rng = this.rng;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // Queues are longest mid-morning; afternoons are quieter.
      const tri = (rng.next() + rng.next()) / 2;
      let t = rng.chance(0.6) ? Math.floor(tri * MORNING) : MORNING + Math.floor(tri * (OFFICE_DAY_SECONDS - MORNING));
      if (rng.chance(0.4)) t -= t % 60;
      out[i] = dayIndex * OFFICE_DAY_SECONDS + Math.min(OFFICE_DAY_SECONDS - 1, t);
    }
    return out.sort();
  }

  /** How many dossiers each working day of the period receives: N in all, with weekly and seasonal swings. */
  private dailyCounts(): { index: number; count: number }[] {
    const rng = new Random(deriveSeed(this.options.seed, "days"));
    const first = this.clock.indexAtOrAfter(this.fromDay);
    const days: { index: number; weight: number }[] = [];
    const MONTH = [1.15, 0.85, 1, 0.95, 1, 1.05, 1, 1, 0.95, 1, 1.05, 1.15];
    const WEEKDAY = [0.6, 1.18, 1.06, 1, 0.98, 0.9, 0.7];
    for (let i = first; this.clock.days[i]! <= this.toDay; i++) {
      const day = this.clock.days[i]!;
      const weekday = (((day + 4) % 7) + 7) % 7;
      // The first day back after Tết or another long holiday is slow; the gap tells.
      const gap = day - (this.clock.days[i - 1] ?? day - 1);
      const month = Number(dateOfDayNumber(day).slice(5, 7));
      days.push({ index: i, weight: MONTH[month - 1]! * WEEKDAY[weekday]! * (gap >= 5 ? 0.7 : 1) * rng.between(0.85, 1.15) });
    }
    const total = days.reduce((n, d) => n + d.weight, 0);
    let cum = 0;
    let assigned = 0;
    return days.map((d) => {
      cum += d.weight;
      const upTo = Math.round((this.options.dossiers * cum) / total);
      const count = upTo - assigned;
      assigned = upTo;
      return { index: d.index, count };
    });
  }

  // --- the dossiers, a working day at a time ---------------------------------------------------------

  /**
   * The dossiers of the period as CSV text, in order of reception, a few hundred at a time. Runs once.
   * Small chunks matter: a day's worth of text for a million-dossier year is megabytes, and strings
   * that size go to the old generation and make the collector work far harder than the generator.
   */
  *dossierChunks(): Generator<DossierChunk> {
    if (this.started) throw new Error("dossierChunks() runs once");
    this.started = true;
    const days = this.dailyCounts();
    if (days.length === 0 && this.options.dossiers > 0) throw new Error("the period has no working day");
    for (const { index, count } of days) {
      const day = this.clock.days[index]!;
      const date = dateOfDayNumber(day);
      const yymmdd = date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
      const sequence = new Map<UnitDef, number>();
      let chunk: DossierChunk = { date, count: 0, dossiers: "", steps: "", events: "" };
      for (const pos of this.receivedPositions(index, count)) {
        const d = this.simulate(pos, day);
        const n = (sequence.get(d.unit) ?? 0) + 1;
        sequence.set(d.unit, n);
        const code = `${d.unit.code}-${yymmdd}-${n < 10 ? "000" : n < 100 ? "00" : n < 1000 ? "0" : ""}${n}`;
        chunk.dossiers += this.dossierLine(code, d);
        chunk.steps += this.stepLines(code, d);
        for (const e of d.shot.events) chunk.events += `${code},${e.kind},${this.w(e.at)}\n`;
        this.stats.events += d.shot.events.length;
        if (++chunk.count === CHUNK_DOSSIERS) {
          yield chunk;
          chunk = { date, count: 0, dossiers: "", steps: "", events: "" };
        }
      }
      if (chunk.count > 0) yield chunk;
    }
    this.done = true;
  }

  private simulate(receivedPos: number, day: number): Simulated {
    const era = this.eraOf(day);
    const receivedAt = this.clock.instantAt(receivedPos);
    for (let attempt = 0; ; attempt++) {
      const procedure = (attempt >= 12 && era.lasting ? era.lasting : era.procedures!).pick(this.rng);
      const unit = this.resolvingUnit(era, procedure);
      const limit = procedure.hours ? procedure.hours * 3600 : procedure.days! * OFFICE_DAY_SECONDS;
      const dueAt = this.clock.instantAt(receivedPos + limit);
      const channel = this.drawChannel(procedure);
      const planned = this.planSteps(procedure, unit, day, limit);
      const fate = this.drawFate(planned, unit);
      let slack = limit;
      for (const x of fate.durations) slack -= x;
      let overrun = fate.lateIntent ? Math.max(0, slack) + fate.lateExtra : 0;
      let timeline = this.runTimeline(receivedPos, planned, fate, overrun, channel);
      let shot = this.snapshot(timeline);
      let evaluation = this.evaluate(procedure, unit, dueAt, shot, planned);
      // Supplement time is subtracted in real time, not office time: push on until the delay shows.
      for (let tries = 0; fate.lateIntent && !evaluation.late && shot.finishedAt !== null && tries < 8; tries++) {
        overrun += OFFICE_DAY_SECONDS;
        timeline = this.runTimeline(receivedPos, planned, fate, overrun, channel);
        shot = this.snapshot(timeline);
        evaluation = this.evaluate(procedure, unit, dueAt, shot, planned);
      }
      // A unit closed by a reform hands nothing over in this simulation: its dossiers end before it does.
      const lastDay = vnDayNumber(Math.min(timeline.finishedAt, this.asOf));
      let valid = true;
      for (const s of planned) if (s.unit.toDay < lastDay) valid = false;
      if (!valid && attempt < 20) continue;
      // Whoever holds a step must belong to its unit on the day it starts (retirements, moves).
      for (let i = 0; i < shot.steps.length; i++) {
        const ps = planned[i]!;
        const startDay = vnDayNumber(shot.steps[i]!.startAt);
        if (ps.officer && !isMemberOn(ps.officer, ps.unit, startDay)) ps.officer = pickOfficer(ps.unit, ps.plan.role, procedure.field, startDay, this.rng);
      }
      return { procedure, unit, receivedAt, receivedPos, limit, dueAt, channel, planned, shot, evaluation };
    }
  }

  private evaluate(procedure: ProcedureDef, unit: UnitDef, dueAt: Instant, shot: Snapshot, planned: PlannedStep[]): Evaluation {
    const steps: StepFacts[] = [];
    for (let i = 0; i < shot.steps.length; i++) {
      const s = shot.steps[i]!;
      steps.push({ stepNo: i + 1, unitCode: planned[i]!.unit.code, officerCode: planned[i]!.officer?.code ?? null, dueAt: s.dueAt, finishedAt: s.endAt });
    }
    const status: DossierStatus = shot.status ?? "returned";
    const dossier = { dossierCode: "", unitCode: unit.code, procedureCode: procedure.code, status, dueAt, finishedAt: shot.finishedAt, apologyAt: null };
    const result = evaluateDossier(this.calendar, { dossier, steps, events: shot.events }, this.asOf);
    return { counted: result !== null, late: result?.late ?? false, lateWorkingDays: result?.lateWorkingDays ?? 0 };
  }

  private w(instant: Instant | null): string {
    return instant === null ? "" : this.writer.write(instant, this.fmt);
  }

  /** The apology (Mẫu 04) of a late dossier: on time, late or never, as the unit's habits go. */
  private apology(d: Simulated): { at: Instant | null; rescheduled: Instant | null } {
    const { rng, clock } = this;
    const none = { at: null, rescheduled: null };
    if (!d.evaluation.late || d.evaluation.lateWorkingDays === 0) return none;
    const r = rng.next();
    const onTime = 0.5 * d.unit.apologyCare;
    const duePos = d.receivedPos + d.limit;
    const receivedIndex = Math.floor(d.receivedPos / OFFICE_DAY_SECONDS);
    let at: Instant | null = null;
    if (r < onTime) {
      const dueDate = dateOfDayNumber(clock.days[Math.floor(duePos / OFFICE_DAY_SECONDS)]!);
      const lastBefore = clock.indexAtOrAfter(dayNumberOfDate(this.calendar.lastWorkingDayBefore(dueDate)));
      if (lastBefore < receivedIndex) return none;
      const index = Math.max(receivedIndex, lastBefore - rng.int(3));
      const pos = Math.max(d.receivedPos + 600, index * OFFICE_DAY_SECONDS + rng.int(OFFICE_DAY_SECONDS));
      at = clock.instantAt(Math.min(lastBefore * OFFICE_DAY_SECONDS + OFFICE_DAY_SECONDS - 1, pos));
    } else if (r < onTime + 0.25) {
      const endPos = d.shot.finishedAt !== null ? clock.positionAtOrAfter(d.shot.finishedAt) : duePos + OFFICE_DAY_SECONDS;
      at = clock.instantAt(duePos + rng.int(Math.max(60, endPos - duePos)));
    }
    if (at === null || at > this.asOf) return none;
    const days = Math.max(1, d.evaluation.lateWorkingDays + rng.pick([-1, 0, 0, 1, 2]));
    return { at, rescheduled: clock.instantAt(duePos + days * OFFICE_DAY_SECONDS) };
  }

  private dossierLine(code: string, d: Simulated): string {
    const { rng, fmt, stats } = this;
    const { shot, evaluation, procedure, unit } = d;
    let status: DossierStatus = shot.status ?? (rng.chance(0.22) ? "finished" : "returned");
    // A result still waiting at the desk in the last days before the export is "finished", not yet "returned".
    if (shot.status === null && shot.finishedAt !== null && this.asOf - shot.finishedAt < 4 * DAY_MS && rng.chance(0.5)) status = "finished";
    const apology = this.apology(d);
    let rescheduled = "";
    if (apology.rescheduled !== null) {
      this.maxDay = Math.max(this.maxDay, vnDayNumber(apology.rescheduled));
      rescheduled = fmt.chance(0.3) ? this.writer.writeDate(apology.rescheduled) : this.w(apology.rescheduled);
    }
    stats.dossiers++;
    stats.byStatus[status]++;
    if (evaluation.counted) {
      stats.counted++;
      if (evaluation.late) stats.late++;
    }
    this.maxDay = Math.max(this.maxDay, vnDayNumber(d.dueAt));
    const statusText = fmt.chance(0.6) ? STATUS_LABELS[status] : status;
    const channelText = fmt.chance(0.5) ? CHANNEL_CODES[d.channel] : d.channel;
    // Every field but the procedure's is safe as it stands (codes, instants, labels without commas).
    return (
      `${code},${procedure.csvCode},${procedure.csvName},${unit.code},${this.w(d.receivedAt)},${this.w(d.dueAt)},` +
      `${this.w(shot.finishedAt)},${statusText},${channelText},${this.w(apology.at)},${rescheduled}\n`
    );
  }

  private stepLines(code: string, d: Simulated): string {
    let text = "";
    for (let i = 0; i < d.shot.steps.length; i++) {
      const s = d.shot.steps[i]!;
      const ps = d.planned[i]!;
      this.maxDay = Math.max(this.maxDay, vnDayNumber(s.dueAt));
      text += `${code},${i + 1},${ps.plan.csvName},${ps.unit.code},${ps.officer?.code ?? ""},${this.w(s.startAt)},${this.w(s.dueAt)},${this.w(s.endAt)}\n`;
    }
    this.stats.steps += d.shot.steps.length;
    return text;
  }
}

interface Snapshot {
  steps: { startAt: Instant; dueAt: Instant; endAt: Instant | null }[];
  events: SupplementEvent[];
  finishedAt: Instant | null;
  /** null for a dossier that ended normally: finished or returned is decided when it is written. */
  status: DossierStatus | null;
}

interface Evaluation {
  counted: boolean;
  late: boolean;
  lateWorkingDays: number;
}

interface Simulated {
  procedure: ProcedureDef;
  unit: UnitDef;
  receivedAt: Instant;
  receivedPos: number;
  limit: number;
  dueAt: Instant;
  channel: Channel;
  planned: PlannedStep[];
  shot: Snapshot;
  evaluation: Evaluation;
}

/** A generator for one seed and period. Files: units and officers any time; calendar after the dossiers. */
export function createEvidenceGenerator(options: GenerateOptions): EvidenceGenerator {
  return new EvidenceGenerator(options);
}
