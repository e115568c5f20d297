import { sql, type Kysely } from "kysely";

// Evidence: procedures, dossiers with their steps and supplement events as imported from one-stop
// exports, the working-day calendar as data (seeded with Vietnam's official holidays and make-up days
// 2019–2027, copied literally here so this migration stays frozen), and evidence sets. Frozen once merged.

const CALENDAR_YEARS: Record<number, string> = {
  2019: "Bộ luật Lao động số 10/2012/QH13, Điều 115 (10 ngày nghỉ lễ, Tết; nghỉ bù khi trùng ngày nghỉ hằng tuần); Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Dương lịch và Tết Âm lịch năm 2019 (theo ý kiến của Thủ tướng Chính phủ; hoán đổi thứ Hai 31/12/2018, làm bù thứ Bảy 05/01/2019); Thông báo của Bộ Lao động – Thương binh và Xã hội về hoán đổi ngày làm việc dịp 30/4 và 01/5/2019 (hoán đổi thứ Hai 29/4, làm bù thứ Bảy 04/5/2019)",
  2020: "Bộ luật Lao động số 10/2012/QH13, Điều 115 (10 ngày nghỉ lễ, Tết; nghỉ bù khi trùng ngày nghỉ hằng tuần); Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch năm 2020 (theo ý kiến của Thủ tướng Chính phủ: từ 23/01 đến hết 29/01/2020)",
  2021: "Bộ luật Lao động số 45/2019/QH14, Điều 112 (11 ngày nghỉ lễ, Tết: thêm 01 ngày Quốc khánh liền kề ngày 02/9) và Nghị định số 145/2020/NĐ-CP; Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2021 (theo ý kiến của Thủ tướng Chính phủ: Tết từ 10/02 đến hết 16/02/2021; Quốc khánh 02/9 và 03/9/2021)",
  2022: "Bộ luật Lao động số 45/2019/QH14, Điều 112 (11 ngày nghỉ lễ, Tết: thêm 01 ngày Quốc khánh liền kề ngày 02/9) và Nghị định số 145/2020/NĐ-CP; Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2022 (theo ý kiến của Thủ tướng Chính phủ: Tết từ 29/01 đến hết 06/02/2022; Quốc khánh 01/9 và 02/9/2022)",
  2023: "Bộ luật Lao động số 45/2019/QH14, Điều 112 (11 ngày nghỉ lễ, Tết: thêm 01 ngày Quốc khánh liền kề ngày 02/9) và Nghị định số 145/2020/NĐ-CP; Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2023 (theo ý kiến của Thủ tướng Chính phủ: Tết từ 20/01 đến hết 26/01/2023; Quốc khánh 01/9 và 02/9/2023)",
  2024: "Bộ luật Lao động số 45/2019/QH14, Điều 112 (11 ngày nghỉ lễ, Tết: thêm 01 ngày Quốc khánh liền kề ngày 02/9) và Nghị định số 145/2020/NĐ-CP; Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2024 (theo ý kiến của Thủ tướng Chính phủ: Tết từ 08/02 đến hết 14/02/2024; Quốc khánh 02/9 và 03/9/2024); Thông báo của Bộ Lao động – Thương binh và Xã hội về hoán đổi ngày làm việc dịp 30/4 và 01/5/2024 (hoán đổi thứ Hai 29/4, làm bù thứ Bảy 04/5/2024); Lịch đã được khách hàng rà soát (samples/evidence/calendar.csv)",
  2025: "Bộ luật Lao động số 45/2019/QH14, Điều 112 (11 ngày nghỉ lễ, Tết: thêm 01 ngày Quốc khánh liền kề ngày 02/9) và Nghị định số 145/2020/NĐ-CP; Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2025 (theo ý kiến của Thủ tướng Chính phủ: Tết từ 25/01 đến hết 02/02/2025, hoán đổi thứ Hai 27/01, làm bù thứ Bảy 08/02; Quốc khánh 01/9 và 02/9/2025); Thông báo của Bộ Nội vụ (quản lý nhà nước về lao động từ 01/3/2025) về hoán đổi ngày làm việc dịp 30/4 và 01/5/2025 (hoán đổi thứ Sáu 02/5, làm bù thứ Bảy 26/4/2025); Lịch đã được khách hàng rà soát (samples/evidence/calendar.csv)",
  2026: "Bộ luật Lao động số 45/2019/QH14, Điều 112 (11 ngày nghỉ lễ, Tết: thêm 01 ngày Quốc khánh liền kề ngày 02/9) và Nghị định số 145/2020/NĐ-CP; Thông báo của Bộ Nội vụ về lịch nghỉ Tết Dương lịch, Tết Âm lịch và Quốc khánh năm 2026 (theo ý kiến của Thủ tướng Chính phủ: hoán đổi thứ Sáu 02/01, làm bù thứ Bảy 10/01/2026; Tết từ 14/02 đến hết 22/02/2026; Quốc khánh 01/9 và 02/9/2026); Lịch đã được khách hàng rà soát (samples/evidence/calendar.csv)",
  2027: "Bộ luật Lao động số 45/2019/QH14, Điều 112 (11 ngày nghỉ lễ, Tết: thêm 01 ngày Quốc khánh liền kề ngày 02/9) và Nghị định số 145/2020/NĐ-CP; Dự kiến, chưa có thông báo của Bộ Nội vụ về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2027: Tết theo cách bố trí năm 2024 (mùng 1 Tết cũng vào thứ Bảy), từ 04/02 đến hết 10/02/2027; Quốc khánh 02/9 và 03/9/2027 (dự kiến)",
};

const CALENDAR_DAYS: [date: string, kind: "holiday" | "workday", name: string, year: number][] = [
  ["2018-12-31", "holiday", "Nghỉ hoán đổi, làm bù thứ Bảy 05/01/2019", 2019],
  ["2019-01-01", "holiday", "Tết Dương lịch", 2019],
  ["2019-01-05", "workday", "Làm bù cho ngày 31/12/2018", 2019],
  ["2019-02-04", "holiday", "Tết Nguyên đán", 2019],
  ["2019-02-05", "holiday", "Tết Nguyên đán", 2019],
  ["2019-02-06", "holiday", "Tết Nguyên đán", 2019],
  ["2019-02-07", "holiday", "Tết Nguyên đán", 2019],
  ["2019-02-08", "holiday", "Tết Nguyên đán", 2019],
  ["2019-04-15", "holiday", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật 14/4)", 2019],
  ["2019-04-29", "holiday", "Nghỉ hoán đổi, làm bù thứ Bảy 04/5/2019", 2019],
  ["2019-04-30", "holiday", "Ngày Chiến thắng 30/4", 2019],
  ["2019-05-01", "holiday", "Ngày Quốc tế Lao động", 2019],
  ["2019-05-04", "workday", "Làm bù cho ngày 29/4", 2019],
  ["2019-09-02", "holiday", "Quốc khánh", 2019],
  ["2020-01-01", "holiday", "Tết Dương lịch", 2020],
  ["2020-01-23", "holiday", "Tết Nguyên đán", 2020],
  ["2020-01-24", "holiday", "Tết Nguyên đán", 2020],
  ["2020-01-27", "holiday", "Tết Nguyên đán", 2020],
  ["2020-01-28", "holiday", "Tết Nguyên đán", 2020],
  ["2020-01-29", "holiday", "Tết Nguyên đán", 2020],
  ["2020-04-02", "holiday", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", 2020],
  ["2020-04-30", "holiday", "Ngày Chiến thắng 30/4", 2020],
  ["2020-05-01", "holiday", "Ngày Quốc tế Lao động", 2020],
  ["2020-09-02", "holiday", "Quốc khánh", 2020],
  ["2021-01-01", "holiday", "Tết Dương lịch", 2021],
  ["2021-02-10", "holiday", "Tết Nguyên đán", 2021],
  ["2021-02-11", "holiday", "Tết Nguyên đán", 2021],
  ["2021-02-12", "holiday", "Tết Nguyên đán", 2021],
  ["2021-02-15", "holiday", "Tết Nguyên đán", 2021],
  ["2021-02-16", "holiday", "Tết Nguyên đán", 2021],
  ["2021-04-21", "holiday", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", 2021],
  ["2021-04-30", "holiday", "Ngày Chiến thắng 30/4", 2021],
  ["2021-05-03", "holiday", "Nghỉ bù Ngày Quốc tế Lao động (thứ Bảy 01/5)", 2021],
  ["2021-09-02", "holiday", "Quốc khánh", 2021],
  ["2021-09-03", "holiday", "Quốc khánh", 2021],
  ["2022-01-03", "holiday", "Nghỉ bù Tết Dương lịch (thứ Bảy 01/01)", 2022],
  ["2022-01-31", "holiday", "Tết Nguyên đán", 2022],
  ["2022-02-01", "holiday", "Tết Nguyên đán", 2022],
  ["2022-02-02", "holiday", "Tết Nguyên đán", 2022],
  ["2022-02-03", "holiday", "Tết Nguyên đán", 2022],
  ["2022-02-04", "holiday", "Tết Nguyên đán", 2022],
  ["2022-04-11", "holiday", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật 10/4)", 2022],
  ["2022-05-02", "holiday", "Nghỉ bù Ngày Chiến thắng 30/4 (thứ Bảy)", 2022],
  ["2022-05-03", "holiday", "Nghỉ bù Ngày Quốc tế Lao động (Chủ nhật)", 2022],
  ["2022-09-01", "holiday", "Quốc khánh", 2022],
  ["2022-09-02", "holiday", "Quốc khánh", 2022],
  ["2023-01-02", "holiday", "Nghỉ bù Tết Dương lịch (Chủ nhật 01/01)", 2023],
  ["2023-01-20", "holiday", "Tết Nguyên đán", 2023],
  ["2023-01-23", "holiday", "Tết Nguyên đán", 2023],
  ["2023-01-24", "holiday", "Tết Nguyên đán", 2023],
  ["2023-01-25", "holiday", "Tết Nguyên đán", 2023],
  ["2023-01-26", "holiday", "Tết Nguyên đán", 2023],
  ["2023-05-01", "holiday", "Ngày Quốc tế Lao động", 2023],
  ["2023-05-02", "holiday", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, thứ Bảy 29/4)", 2023],
  ["2023-05-03", "holiday", "Nghỉ bù Ngày Chiến thắng 30/4 (Chủ nhật)", 2023],
  ["2023-09-01", "holiday", "Quốc khánh", 2023],
  ["2023-09-04", "holiday", "Nghỉ bù Quốc khánh (thứ Bảy 02/9)", 2023],
  ["2024-01-01", "holiday", "Tết Dương lịch", 2024],
  ["2024-02-08", "holiday", "Tết Nguyên đán", 2024],
  ["2024-02-09", "holiday", "Tết Nguyên đán", 2024],
  ["2024-02-12", "holiday", "Tết Nguyên đán", 2024],
  ["2024-02-13", "holiday", "Tết Nguyên đán", 2024],
  ["2024-02-14", "holiday", "Tết Nguyên đán", 2024],
  ["2024-04-18", "holiday", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", 2024],
  ["2024-04-29", "holiday", "Nghỉ hoán đổi, làm bù thứ Bảy 04/5/2024", 2024],
  ["2024-04-30", "holiday", "Ngày Chiến thắng 30/4", 2024],
  ["2024-05-01", "holiday", "Ngày Quốc tế Lao động", 2024],
  ["2024-05-04", "workday", "Làm bù cho ngày 29/4", 2024],
  ["2024-09-02", "holiday", "Quốc khánh", 2024],
  ["2024-09-03", "holiday", "Quốc khánh", 2024],
  ["2025-01-01", "holiday", "Tết Dương lịch", 2025],
  ["2025-01-27", "holiday", "Tết Nguyên đán (hoán đổi, làm bù thứ Bảy 08/02)", 2025],
  ["2025-01-28", "holiday", "Tết Nguyên đán", 2025],
  ["2025-01-29", "holiday", "Tết Nguyên đán", 2025],
  ["2025-01-30", "holiday", "Tết Nguyên đán", 2025],
  ["2025-01-31", "holiday", "Tết Nguyên đán", 2025],
  ["2025-02-08", "workday", "Làm bù cho ngày 27/01", 2025],
  ["2025-04-07", "holiday", "Giỗ Tổ Hùng Vương", 2025],
  ["2025-04-26", "workday", "Làm bù cho ngày 02/5", 2025],
  ["2025-04-30", "holiday", "Ngày Chiến thắng 30/4", 2025],
  ["2025-05-01", "holiday", "Ngày Quốc tế Lao động", 2025],
  ["2025-05-02", "holiday", "Nghỉ hoán đổi, làm bù thứ Bảy 26/4", 2025],
  ["2025-09-01", "holiday", "Quốc khánh", 2025],
  ["2025-09-02", "holiday", "Quốc khánh", 2025],
  ["2026-01-01", "holiday", "Tết Dương lịch", 2026],
  ["2026-01-02", "holiday", "Nghỉ hoán đổi, làm bù thứ Bảy 10/01", 2026],
  ["2026-01-10", "workday", "Làm bù cho ngày 02/01", 2026],
  ["2026-02-16", "holiday", "Tết Nguyên đán", 2026],
  ["2026-02-17", "holiday", "Tết Nguyên đán", 2026],
  ["2026-02-18", "holiday", "Tết Nguyên đán", 2026],
  ["2026-02-19", "holiday", "Tết Nguyên đán", 2026],
  ["2026-02-20", "holiday", "Tết Nguyên đán", 2026],
  ["2026-04-27", "holiday", "Nghỉ bù Giỗ Tổ Hùng Vương", 2026],
  ["2026-04-30", "holiday", "Ngày Chiến thắng 30/4", 2026],
  ["2026-05-01", "holiday", "Ngày Quốc tế Lao động", 2026],
  ["2026-09-01", "holiday", "Quốc khánh", 2026],
  ["2026-09-02", "holiday", "Quốc khánh", 2026],
  ["2027-01-01", "holiday", "Tết Dương lịch", 2027],
  ["2027-02-04", "holiday", "Tết Nguyên đán", 2027],
  ["2027-02-05", "holiday", "Tết Nguyên đán", 2027],
  ["2027-02-08", "holiday", "Tết Nguyên đán", 2027],
  ["2027-02-09", "holiday", "Tết Nguyên đán", 2027],
  ["2027-02-10", "holiday", "Tết Nguyên đán", 2027],
  ["2027-04-16", "holiday", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", 2027],
  ["2027-04-30", "holiday", "Ngày Chiến thắng 30/4", 2027],
  ["2027-05-03", "holiday", "Nghỉ bù Ngày Quốc tế Lao động (thứ Bảy 01/5)", 2027],
  ["2027-09-02", "holiday", "Quốc khánh", 2027],
  ["2027-09-03", "holiday", "Quốc khánh", 2027],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table calendar_year (
      year integer primary key check (year between 1990 and 2100),
      source text not null,
      provisional boolean not null default false,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table calendar_exception (
      date date primary key,
      kind text not null check (kind in ('holiday','workday')),
      name text,
      year integer not null references calendar_year(year) on update cascade,
      -- A holiday on a weekend or a workday on a weekday changes nothing, but an import may list one:
      -- it is kept as given rather than refused.
      check (extract(year from date)::int = year)
    )`.execute(db);
  // A row belongs to the calendar year of its date (2018-12-31, swapped for New Year 2019, is 2018's),
  // which is also what a calendar import replaces.
  const yearOf = (date: string) => Number(date.slice(0, 4));
  const years = [...new Set(CALENDAR_DAYS.map(([date]) => yearOf(date)))].sort();
  for (const year of years) {
    const source = CALENDAR_YEARS[year] ?? CALENDAR_YEARS[year + 1]!;
    await db.insertInto("calendar_year").values({ year, source, provisional: source.includes("(dự kiến)") }).execute();
  }
  await db
    .insertInto("calendar_exception")
    .values(CALENDAR_DAYS.map(([date, kind, name]) => ({ date, kind, name, year: yearOf(date) })))
    .execute();

  await sql`
    create table procedure (
      id integer generated always as identity primary key,
      code text not null unique check (code <> ''),
      name text,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table dossier (
      id integer generated always as identity primary key,
      code text not null unique check (code <> ''),
      procedure_id integer not null references procedure(id),
      unit_id integer not null references unit(id),
      received_at timestamptz not null,
      due_at timestamptz not null,
      finished_at timestamptz,
      status text not null check (status in ('processing','supplement','finished','returned','stopped','refused','withdrawn')),
      channel text check (channel in ('direct','online','postal')),
      apology_at timestamptz,
      rescheduled_due_at timestamptz,
      -- SHA-256 of the dossier with its steps and events as imported (canonical JSON): a case's
      -- evidence snapshot compares it to tell whether the live data changed since.
      content_sha256 text not null,
      batch_id integer references import_batch(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (due_at >= received_at)
    )`.execute(db);
  await sql`create index dossier_due_idx on dossier(due_at)`.execute(db);
  await sql`create index dossier_unit_due_idx on dossier(unit_id, due_at)`.execute(db);
  await sql`create index dossier_procedure_due_idx on dossier(procedure_id, due_at)`.execute(db);
  await sql`create trigger dossier_touch before update on dossier for each row execute function touch_updated_at()`.execute(db);

  await sql`
    create table dossier_step (
      dossier_id integer not null references dossier(id) on delete cascade,
      step_no integer not null check (step_no >= 1),
      step_name text,
      unit_id integer not null references unit(id),
      officer_id integer references officer(id),
      started_at timestamptz not null,
      due_at timestamptz not null,
      finished_at timestamptz,
      primary key (dossier_id, step_no)
    )`.execute(db);
  await sql`create index dossier_step_officer_idx on dossier_step(officer_id)`.execute(db);
  await sql`create index dossier_step_unit_idx on dossier_step(unit_id)`.execute(db);

  await sql`
    create table dossier_event (
      dossier_id integer not null references dossier(id) on delete cascade,
      seq integer not null check (seq >= 1),
      kind text not null check (kind in ('supplement_requested','supplement_completed')),
      at timestamptz not null,
      primary key (dossier_id, seq)
    )`.execute(db);

  await sql`
    create table evidence_set (
      id integer generated always as identity primary key,
      name text not null check (name <> ''),
      description text,
      criteria jsonb not null default '{}'::jsonb,
      created_by text not null references app_user(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table evidence_set_dossier (
      evidence_set_id integer not null references evidence_set(id) on delete cascade,
      dossier_id integer not null references dossier(id),
      primary key (evidence_set_id, dossier_id)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["evidence_set_dossier", "evidence_set", "dossier_event", "dossier_step", "dossier", "procedure", "calendar_exception", "calendar_year"]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}
