// The dashboard and list queries — the model functions the pages' loaders call, with the arguments an
// unscoped inspector's first visit gives them — over a whole year, against a full scan of the dossier
// table (`select count(*) from dossier`) measured in the same run.
import { sql } from "kysely";
import { EMPTY_FILTER } from "../../app/components/DossierFilterParams.js";
import { OFFENDER_DEFAULTS } from "../../app/components/OffenderParams.js";
import { DASHBOARD_PAGE_ROWS } from "../../app/domain/evidence-dashboard.js";
import { asOfFor, type ReportPeriod } from "../../app/domain/period.js";
import { loadEvidenceDashboard } from "../../app/models/dashboard-evidence.server.js";
import { dossierListPage } from "../../app/models/evidence-dossiers.server.js";
import { monthlyListPage } from "../../app/models/monthly-list.server.js";
import { listOffenders } from "../../app/models/offenders.server.js";
import { overdueExport } from "../../app/models/overdue.server.js";
import type { Database } from "../../db/index.js";
import { count, duration, medianMs, type Row } from "./measure.js";

const RUNS = 5;
const ALL = { all: true } as const;

export async function measureQueries(db: Database, year: number, log: (m: string) => void): Promise<Row[]> {
  const period: ReportPeriod = { from: `${year}-01-01`, to: `${year}-12-31`, asOf: asOfFor(`${year}-12-31`) };
  const today = period.to;
  const dossiers = (await sql<{ n: number }>`select count(*)::int as n from dossier`.execute(db)).rows[0]!.n;

  const baselineMs = await medianMs(RUNS, () => sql`select count(*) from dossier`.execute(db));
  const baseline = `select count(*) from dossier (${count(dossiers)} dòng): ${duration(baselineMs)}`;
  log(`  mốc: ${baseline}`);

  const cases: { what: string; run: () => Promise<unknown> }[] = [
    {
      what: `Bảng theo dõi cả năm ${year}, toàn tỉnh (loadEvidenceDashboard: tổng, ${DASHBOARD_PAGE_ROWS} dòng mỗi bảng đơn vị, điểm 766, thủ tục, cán bộ, tháng)`,
      run: () => loadEvidenceDashboard(db, { period, asOf: period.asOf, filter: { unitId: null, procedureId: null } }),
    },
    {
      what: `Danh sách hồ sơ trễ hạn cả năm, trang 1 (dossierListPage)`,
      run: () => dossierListPage(db, ALL, { period, filter: EMPTY_FILTER, page: 1, today }),
    },
    {
      what: `Danh sách mọi hồ sơ cả năm, trang 1 (dossierListPage, bỏ lọc trễ hạn)`,
      run: () => dossierListPage(db, ALL, { period, filter: { ...EMPTY_FILTER, lateOnly: false }, page: 1, today }),
    },
    {
      what: `Vi phạm lặp lại, cửa sổ 365 ngày (listOffenders, ngưỡng mặc định ${OFFENDER_DEFAULTS.minLateSteps} bước trễ, dưới ${OFFENDER_DEFAULTS.maxOnTimeRate}% đúng hạn)`,
      run: () =>
        listOffenders(db, ALL, {
          period,
          minLateSteps: OFFENDER_DEFAULTS.minLateSteps,
          maxOnTimeRate: OFFENDER_DEFAULTS.maxOnTimeRate,
          today,
          officerPage: 1,
          unitPage: 1,
        }),
    },
    {
      what: `Danh sách tháng 12/${year} (monthlyListPage)`,
      run: () => monthlyListPage(db, ALL, { year, month: 12, unitPage: 1, officerPage: 1 }),
    },
    {
      what: `Xuất overdue.csv cả năm (overdueExport, mọi hồ sơ được tính)`,
      run: () => overdueExport(db, period, period.asOf),
    },
  ];
  const rows: Row[] = [];
  for (const c of cases) {
    const ms = await medianMs(RUNS, c.run);
    log(`  ${c.what}: ${duration(ms)}`);
    rows.push({ what: `${c.what}, trung vị ${RUNS} lần`, value: duration(ms), baseline, ratio: ms / baselineMs });
  }
  return rows;
}
