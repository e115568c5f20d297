// The demo's first start: after the province and a year of dossiers, one inspection of UBND phường Cẩm
// Thành with its team and one case opened from the ward's overdue dossiers, moved to "open".
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index.js";
import { seedDemoCases } from "../../db/seed-cases.js";
import { seedDemoEvidence } from "../../db/seed-evidence.js";
import { seedDemoConclusion } from "../../db/seed-conclusion.js";
import { pendingItems } from "../../app/models/appraisal.server.js";
import { unitsWithDescendants } from "../../app/models/users.server.js";
import * as caseList from "../../app/routes/cases._index.js";
import * as dossierList from "../../app/routes/evidence.dossiers._index.js";
import * as home from "../../app/routes/_index.js";
import { call, loadDemo, makeRequest, payloadOf } from "../helpers.js";

// A first start on 01/6/2026: its year of dossiers covers June–December of the inspected year 2025, and
// that year is over whenever the test runs, so every dossier is judged at its end as the list does.
const NOW = new Date("2026-06-01T09:00:00+07:00");
const LAST_YEAR = 2025;
let message: string;

beforeAll(async () => {
  await loadDemo();
  // The size `npm start` loads: the ward then has overdue dossiers in the previous year.
  await seedDemoEvidence(getDb(), { dossiers: 8000, now: NOW.getTime() });
  message = await seedDemoCases(getDb(), { now: NOW });
}, 120_000);

describe("the demo inspection work", () => {
  it("is one inspection of the ward for the previous year, under the Law on Inspection 2025, with its team", async () => {
    const inspection = await getDb().selectFrom("inspection").selectAll().executeTakeFirstOrThrow();
    expect(inspection).toMatchObject({
      decision_number: "01/QĐ-SNV",
      legal_basis: "Luật Thanh tra năm 2025",
      legal_basis_date: "2025-06-25",
      period_from: `${LAST_YEAR}-01-01`,
      period_to: `${LAST_YEAR}-12-31`,
    });
    const scope = await getDb().selectFrom("inspection_unit as iu").innerJoin("unit as u", "u.id", "iu.unit_id").select("u.code").execute();
    expect(scope.map((u) => u.code)).toEqual(["000.31.01.H55"]);
    const team = await getDb()
      .selectFrom("inspection_member as m")
      .innerJoin("officer as o", "o.id", "m.officer_id")
      .select(["o.code", "m.role"])
      .where("m.removed_at", "is", null)
      .orderBy("o.code")
      .execute();
    expect(team).toEqual([
      { code: "CB0004", role: "lead" },
      { code: "CB0005", role: "member" },
    ]);
    expect(await getDb().selectFrom("recusal").selectAll().execute()).toEqual([]);
  });

  it("has one case against the ward, open, whose evidence is exactly the ward's overdue dossiers of that year, frozen", async () => {
    expect(message).toMatch(/vụ việc KT-\d{4}-0001 với \d+ hồ sơ trễ hạn$/);
    const cases = await getDb()
      .selectFrom("inspection_case as c")
      .innerJoin("unit as u", "u.id", "c.subject_unit_id")
      .select(["c.id", "c.state", "u.code", "c.subject_officer_id"])
      .execute();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ state: "open", code: "000.31.01.H55", subject_officer_id: null });
    const evidence = await getDb()
      .selectFrom("case_evidence as e")
      .innerJoin("dossier as d", "d.id", "e.dossier_id")
      .select(["d.code", "e.snapshot_sha256"])
      .where("e.case_id", "=", cases[0]!.id)
      .orderBy("d.code")
      .execute();
    // The dossier list an inspector would have filtered: the ward (with sub-units), late, due in the year.
    const ward = (await getDb().selectFrom("unit").select("id").where("code", "=", "000.31.01.H55").executeTakeFirstOrThrow()).id;
    const listed = payloadOf(
      await call(dossierList.loader, await makeRequest(`/evidence/dossiers?from=${LAST_YEAR}-01-01&to=${LAST_YEAR}-12-31&unit=${ward}&late=1`, { as: "thanhtra" })),
    );
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.total).toBeLessThanOrEqual(25);
    expect(evidence.map((e) => e.code)).toEqual(listed.rows.map((r: { code: string }) => r.code).sort());
    for (const e of evidence) expect(e.snapshot_sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await getDb().selectFrom("audit_event").select("action").where("entity_type", "=", "case").where("entity_id", "=", String(cases[0]!.id)).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["case.open", "case.evidence_add", "case.transition"]);
  });

  it("shows on the lists: the inspectors' own cases, and the ward's unit head's cases", async () => {
    const mine = payloadOf(await call(home.loader, await makeRequest("/", { as: "thanhtra2" }))).work.mine;
    expect(mine.counts.byState.open).toBe(1);
    const head = payloadOf(await call(caseList.loader, await makeRequest("/cases?view=all", { as: "truongdonvi" })));
    expect(head.rows.map((r: { state: string }) => r.state)).toEqual(["open"]);
  });
});

describe("the demo conclusion waiting for HR", () => {
  let concluded: string | null;
  beforeAll(async () => {
    concluded = await seedDemoConclusion(getDb(), { now: NOW });
  }, 120_000);

  it("is a published notice about one officer of the ward, explained by the ward's head, approved by another person", async () => {
    expect(concluded).toMatch(/^vụ việc KT-\d{4}-0002 về .+ và Thông báo kết luận số 01\/TB-SNV/);
    const notice = await getDb()
      .selectFrom("conclusion as n")
      .innerJoin("app_user as d", "d.id", "n.drafted_by")
      .innerJoin("app_user as a", "a.id", "n.approved_by")
      .select(["n.status", "n.number", "d.username as drafter", "a.username as approver"])
      .executeTakeFirstOrThrow();
    expect(notice).toEqual({ status: "published", number: 1, drafter: "thanhtra", approver: "giamdoc" });
    const answers = await getDb().selectFrom("explanation_answer as e").innerJoin("app_user as u", "u.id", "e.answered_by").select("u.username").execute();
    expect(answers.map((a) => a.username)).toEqual(["truongdonvi"]);
  });

  it("leaves its item pending for the HR officers: about an officer (a civil servant), with the delays attributed", async () => {
    const items = await pendingItems(getDb(), { unitIds: await unitsWithDescendants(getDb(), [(await getDb().selectFrom("unit").select("id").where("code", "=", "000.31.01.H55").executeTakeFirstOrThrow()).id]) });
    expect(items).toHaveLength(1);
    expect(items[0]!.officer).toMatchObject({ category: "civil_servant" });
    expect(items[0]!.effect).toMatchObject({ notice: "01/TB-SNV", kind: "violation" });
    expect(items[0]!.effect.attributedDelays).toBeGreaterThan(0);
    expect(items[0]!.needsAcknowledgement).toBe(false);
  });
});
