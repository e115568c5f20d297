// /evidence/monthly-list and its PDF and CSV: who may see them, the month they show (November 2025 of the
// customer's sample, whose late dossiers are known from the expected export), and bad month parameters.
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { currentMonth, monthlyListSearch, previousMonth, readMonthlyListParams } from "../../app/components/MonthlyListParams.js";
import { monthlyListPage } from "../../app/models/monthly-list.server.js";
import * as dossiers from "../../app/routes/evidence.dossiers._index.js";
import * as monthlyListCsv from "../../app/routes/evidence.monthly-list[.]csv.js";
import * as monthlyListPdf from "../../app/routes/evidence.monthly-list[.]pdf.js";
import * as monthlyList from "../../app/routes/evidence.monthly-list.js";
import { call, makeRequest, payloadOf, statusOf } from "../helpers.js";
import { HAVE_POPPLER, bodyText, pdfInfo, pdfPages } from "../pdf-text.js";
import { fixture, loadSampleEvidence } from "../sample-evidence.js";

type Late = { code: string; unit: string; officers: string[] };
/** The late dossiers due in November 2025, from the customer's expected export. */
let november: Late[];
const names = { unit: new Map<string, string>(), officer: new Map<string, { id: number; name: string }>() };

const NOVEMBER = "year=2025&month=11";

async function page(search: string, as = "thanhtra") {
  const result = await call(monthlyList.loader, await makeRequest(`/evidence/monthly-list?${search}`, { as }));
  expect(statusOf(result)).toBe(200);
  return payloadOf<Awaited<ReturnType<typeof monthlyList.loader>>>(result);
}

const download = async (route: typeof monthlyListPdf | typeof monthlyListCsv, path: string, as = "thanhtra") =>
  (await call(route.loader, await makeRequest(path, { as }))) as Response;

beforeAll(async () => {
  await loadSampleEvidence();
  const lines = (await readFile(fixture("evidence/expected-overdue-2025.csv"), "utf8")).trim().split("\n").slice(1);
  november = lines
    .map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, "")))
    .filter((cells) => cells[6] === "true" && cells[3]!.startsWith("2025-11"))
    .map((cells) => ({ code: cells[0]!, unit: cells[1]!, officers: cells[11] ? cells[11].split(";").map((s) => s.split(":")[1]!) : [] }));
  for (const u of await getDb().selectFrom("unit").select(["code", "name"]).execute()) names.unit.set(u.code, u.name);
  for (const o of await getDb().selectFrom("officer").select(["id", "code", "full_name"]).execute()) names.officer.set(o.code, { id: o.id, name: o.full_name });
});

describe("the monthly list page", () => {
  it("is open to inspectors, approvers and admins, and refused with 403 to unit heads and HR", async () => {
    for (const as of ["thanhtra", "giamdoc", "quantri"]) await page(NOVEMBER, as);
    for (const as of ["truongdonvi", "tccb"]) {
      expect(statusOf(await call(monthlyList.loader, await makeRequest(`/evidence/monthly-list?${NOVEMBER}`, { as }))), as).toBe(403);
      expect(statusOf(await download(monthlyListPdf, `/evidence/monthly-list.pdf?${NOVEMBER}`, as)), `${as} PDF`).toBe(403);
      expect(statusOf(await download(monthlyListCsv, `/evidence/monthly-list.csv?${NOVEMBER}`, as)), `${as} CSV`).toBe(403);
    }
    const anonymous = (await call(monthlyList.loader, await makeRequest(`/evidence/monthly-list?${NOVEMBER}`))) as Response;
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toContain("/login");
  });

  it("shows the previous month in Vietnam by default", async () => {
    const data = await page("");
    expect({ year: data.list.year, month: data.list.month }).toEqual(previousMonth());
    expect(data.problems).toEqual([]);
    // 31/12 17:00 UTC is already 1 January in Vietnam: the previous month is December.
    expect(previousMonth(Date.parse("2026-12-31T17:00:00Z"))).toEqual({ year: 2026, month: 12 });
    expect(previousMonth(Date.parse("2026-12-31T16:59:00Z"))).toEqual({ year: 2026, month: 11 });
    expect(previousMonth(Date.parse("2026-01-15T12:00:00+07:00"))).toEqual({ year: 2025, month: 12 });
  });

  it("lists November 2025 as the customer's expected export attributes it", async () => {
    const data = await page(NOVEMBER);
    expect(data.problems).toEqual([]);
    expect(data.running).toBe(false);
    expect(data.list.period).toMatchObject({ from: "2025-11-01", to: "2025-11-30", asOf: Date.parse("2025-11-30T23:59:59.999+07:00") });
    expect(november.length).toBe(3);
    expect(data.list.lateDossiers).toBe(november.length);

    // Officers: each officer of a late step, with the late dossiers they held one.
    const officerCounts = new Map<string, number>();
    for (const d of november) for (const code of new Set(d.officers)) officerCounts.set(code, (officerCounts.get(code) ?? 0) + 1);
    expect(officerCounts.size).toBeGreaterThan(0);
    expect(data.list.officers.total).toBe(officerCounts.size);
    expect(data.list.officers.rows.map((o) => [o.code, o.name, o.lateDossiers])).toEqual(
      [...officerCounts].map(([code, n]) => [code, names.officer.get(code)!.name, n]),
    );
    for (const o of data.list.officers.rows) expect(o.unitName).not.toBe("");
    expect(data.list.officers.lateDossiers).toBe([...officerCounts.values()].reduce((a, b) => a + b, 0));

    // Units: every late dossier of the month is at one unit here (its late step's, or its own without one).
    expect(data.list.units.total).toBe(3);
    expect(data.list.units.rows.map((u) => u.position)).toEqual([1, 2, 3]);
    expect(data.list.units.rows.every((u) => u.lateDossiers === 1)).toBe(true);
    expect(data.list.units.lateDossiers).toBe(3);
    for (const u of data.list.units.rows) expect(u.name).toBe(names.unit.get(u.code));
    const withoutLateStep = november.filter((d) => d.officers.length === 0).map((d) => d.unit);
    for (const code of withoutLateStep) expect(data.list.units.rows.map((u) => u.code)).toContain(code);
    expect(data.list.topUnits.map((u) => u.code)).toEqual(data.list.units.rows.map((u) => u.code));
  });

  it("agrees with the dossier list its links open", async () => {
    const data = await page(NOVEMBER);
    const list = async (extra: string) =>
      payloadOf(await call(dossiers.loader, await makeRequest(`/evidence/dossiers?from=2025-11-01&to=2025-11-30${extra}`, { as: "thanhtra" })));
    expect((await list("")).total).toBe(data.list.lateDossiers);
    for (const o of data.list.officers.rows) expect((await list(`&officer=${o.officerId}`)).total, o.code).toBe(o.lateDossiers);
  });

  it("pages its tables on the server, and a page past the end shows the last page", async () => {
    const data = await page(`${NOVEMBER}&upage=9&opage=abc`);
    expect(data.list.units.page).toBe(1);
    expect(data.list.officers.page).toBe(1);
    expect(data.list.units.rows).toHaveLength(3);
    const whole = await monthlyListPage(getDb(), { all: true }, { year: 2025, month: 11, unitPage: 1, officerPage: 1 });
    const second = await monthlyListPage(getDb(), { all: true }, { year: 2025, month: 11, unitPage: 2, officerPage: 1, pageSize: 2 });
    expect(second.units).toMatchObject({ page: 2, total: 3, lateDossiers: 3 });
    expect(second.units.rows).toEqual([{ ...whole.units.rows[2]!, position: 3 }]);
    const last = await monthlyListPage(getDb(), { all: true }, { year: 2025, month: 11, unitPage: 99, officerPage: 1, pageSize: 2 });
    expect(last.units.page).toBe(2);
  });

  it("falls back to the previous month with a Vietnamese message when the month is not understood", async () => {
    const fallback = previousMonth();
    const cases: [string, string][] = [
      ["year=2025&month=13", 'Tháng "13" không hợp lệ (từ 1 đến 12).'],
      ["year=abc&month=5", 'Năm "abc" không hợp lệ (từ 2019 trở đi).'],
      ["year=2018&month=5", 'Năm "2018" không hợp lệ (từ 2019 trở đi).'],
      ["year=2025&month=1.5", 'Tháng "1.5" không hợp lệ (từ 1 đến 12).'],
      ["year=2099&month=1", "Tháng 01/2099 chưa đến."],
    ];
    for (const [search, message] of cases) {
      const data = await page(search);
      expect(data.problems, search).toEqual([message]);
      expect({ year: data.list.year, month: data.list.month }, search).toEqual(fallback);
    }
    // Only a month given: the year of the default month.
    expect(readMonthlyListParams(new URLSearchParams("month=3"), Date.parse("2026-11-23T12:00:00+07:00")).params).toMatchObject({ year: 2026, month: 3 });
    // The running month is allowed, judged now.
    const running = await page(monthlyListSearch(currentMonth()));
    expect(running.problems).toEqual([]);
    expect(running.running).toBe(true);
  });
});

describe("the monthly list PDF", () => {
  it("is the official list of the month as an attachment, with the unit names as written", async () => {
    const response = await download(monthlyListPdf, `/evidence/monthly-list.pdf?${NOVEMBER}`, "giamdoc");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="Danh-sach-tre-han-2025-11.pdf"');
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(response.headers.get("Content-Length")).toBe(String(pdf.length));
    if (!HAVE_POPPLER) {
      console.warn("⚠️  poppler-utils missing: the monthly list PDF's text is NOT checked.");
      return;
    }
    expect(pdfInfo(pdf)["Page size"]).toContain("595.28 x 841.89");
    const text = bodyText(pdfPages(pdf));
    expect(text).toContain("UBND TỈNH QUẢNG NGÃI");
    expect(text).toContain("SỞ NỘI VỤ");
    expect(text).toContain("quá hạn tháng 11 năm 2025");
    expect(text).toContain("có 3 hồ sơ quá hạn");
    const data = await page(NOVEMBER);
    for (const u of data.list.units.rows) {
      expect(u.name).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
      expect(text).toContain(`${u.code} ${u.name} ${u.lateDossiers}`);
    }
    for (const o of data.list.officers.rows) expect(text).toContain(`${o.code} ${o.name}`);
    // A working copy: no number, no signer block.
    expect(text).not.toContain("Số:");
    expect(text).not.toContain("Nơi nhận");
  });

  it("refuses a month it cannot give with a Vietnamese 400", async () => {
    const response = await download(monthlyListPdf, "/evidence/monthly-list.pdf?year=2025&month=0");
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Không tạo được danh sách tháng: Tháng "0" không hợp lệ (từ 1 đến 12). Hãy chọn một tháng từ 01/2019 đến tháng hiện tại.');
  });
});

describe("the monthly list CSV", () => {
  it("holds both tables in the PDF's order, with a BOM and Vietnamese headers", async () => {
    const response = await download(monthlyListCsv, `/evidence/monthly-list.csv?${NOVEMBER}`, "quantri");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain('attachment; filename="Danh-sach-tre-han-2025-11.csv"');
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("Phần,STT,Mã,Tên,Đơn vị của cán bộ,Số hồ sơ quá hạn");
    const data = await page(NOVEMBER);
    const units = data.list.units.rows;
    const officers = data.list.officers.rows;
    expect(lines).toHaveLength(1 + units.length + officers.length);
    expect(lines[1]).toBe(`"Cơ quan, đơn vị",1,${units[0]!.code},${units[0]!.name},,1`);
    const o = officers[0]!;
    expect(lines[1 + units.length]).toBe(`"Cán bộ, công chức",1,${o.code},${o.name},${o.unitName.includes(",") ? `"${o.unitName}"` : o.unitName},${o.lateDossiers}`);
  });

  it("refuses a month after the current one with a Vietnamese 400", async () => {
    const response = await download(monthlyListCsv, "/evidence/monthly-list.csv?year=2099&month=12");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Tháng 12/2099 chưa đến.");
  });
});
