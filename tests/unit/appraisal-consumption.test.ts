// The exactly-once decision (DOMAIN.md step 8) and the PAR deduction table, as pure functions: the model
// and the API only gather facts; what HR and the external software are told is decided here.
import { describe, expect, it } from "vitest";
import {
  alreadyConsumedMessage,
  decideConsumption,
  itemParDeduction,
  ruleSetCovers,
  unitParDeduction,
  type ConsumeFacts,
  type ConsumptionRecord,
  type ParTable,
} from "../../app/domain/appraisal/consumption.js";

const first: ConsumptionRecord = { id: 7, mode: "counted", cycleReference: "DG-2026-001", channel: "web", consumerName: "Nguyễn Thị Thanh Tâm", consumedAt: "2026-11-23T03:15:00.000Z" };

const facts = (over: Partial<ConsumeFacts> = {}, item: Partial<ConsumeFacts["item"]> = {}): ConsumeFacts => ({
  item: { published: true, supersededByNotice: null, subjectUnitInCycleScope: true, officer: { name: "Trần Văn Lực", category: "civil_servant" }, ...item },
  cycle: { reference: "DG-2026-002", status: "open", year: 2026, ruleSetCode: "nd335-2025" },
  existing: null,
  predecessor: null,
  ...over,
});

describe("consuming a published conclusion item", () => {
  it("counts an item nobody has consumed", () => {
    expect(decideConsumption(facts())).toEqual({ ok: true, mode: "counted", acknowledges: null });
  });

  it("refuses a second consumption with 409, naming who consumed it, when (Vietnam time) and in which cycle", () => {
    const d = decideConsumption(facts({ existing: first }));
    expect(d).toMatchObject({ ok: false, status: 409, existing: first });
    if (d.ok) throw new Error("unreachable");
    expect(d.message).toContain("Nguyễn Thị Thanh Tâm");
    expect(d.message).toContain("lúc 10:15 ngày 23/11/2026");
    expect(d.message).toContain("DG-2026-001");
    expect(d.message).toContain("không đánh giá lại");
  });

  it("refuses it even when every other fact would also refuse: the first consumption is what people must see", () => {
    const d = decideConsumption(facts({ existing: first, cycle: { reference: "DG-2026-002", status: "closed", year: 2026, ruleSetCode: "nd335-2025" } }, { supersededByNotice: "02/TB-SNV" }));
    expect(d).toMatchObject({ ok: false, status: 409 });
  });

  it("names external software consumers as such", () => {
    expect(alreadyConsumedMessage({ ...first, channel: "api", consumerName: "HRM tỉnh" })).toContain("phần mềm HRM tỉnh (qua API)");
  });

  it("makes a correction of an item already counted an acknowledgement that counts nothing", () => {
    expect(decideConsumption(facts({ predecessor: first }))).toEqual({ ok: true, mode: "acknowledged", acknowledges: 7 });
  });

  it("sends HR to the correcting notice when the item's notice was replaced before anyone used it", () => {
    const d = decideConsumption(facts({}, { supersededByNotice: "02/TB-SNV" }));
    expect(d).toMatchObject({ ok: false, status: 422 });
    if (!d.ok) expect(d.message).toContain("02/TB-SNV");
  });

  it("refuses drafts, closed cycles and subjects outside the cycle's scope, each with its own words", () => {
    const messages = [
      decideConsumption(facts({}, { published: false })),
      decideConsumption(facts({ cycle: { reference: "DG-2026-002", status: "closed", year: 2026, ruleSetCode: "nd335-2025" } })),
      decideConsumption(facts({}, { subjectUnitInCycleScope: false })),
    ].map((d) => (d.ok ? "" : d.message));
    expect(messages[0]).toContain("chưa công bố");
    expect(messages[1]).toContain("đã khoá");
    expect(messages[1]).toContain("kỳ sau");
    expect(messages[2]).toContain("không thuộc phạm vi");
  });

  it("keeps a viên chức out of a Decree 335 cycle (it covers công chức only) and in a Decree 90 one", () => {
    const employee = { officer: { name: "Lê Thị Hoa", category: "public_employee" as const } };
    const d = decideConsumption(facts({}, employee));
    expect(d).toMatchObject({ ok: false, status: 422 });
    if (!d.ok) expect(d.message).toContain("viên chức");
    expect(decideConsumption(facts({ cycle: { reference: "DG-2026-003", status: "open", year: 2026, ruleSetCode: "nd90-48" } }, employee))).toMatchObject({ ok: true });
    expect(ruleSetCovers("nd90-48", 2026, "civil_servant")).toBe(false);
    expect(ruleSetCovers("nd90-48", 2025, "civil_servant")).toBe(true);
  });

  it("accepts a unit item into any rule set's cycle (units feed the PAR index, not a rating)", () => {
    expect(decideConsumption(facts({}, { officer: null }))).toMatchObject({ ok: true, mode: "counted" });
  });
});

describe("deductions from a unit's PAR public-service component (the provincial table)", () => {
  const table: ParTable = { version: 1, violationPoints: 0.5, shortcomingPoints: 0.25, perDelayPoints: 0.1, componentMax: 1 };

  it("takes the table's figure per kind plus per attributed delay", () => {
    expect(itemParDeduction({ kind: "violation", attributedDelays: 3, parDeduction: 0 }, table)).toEqual({ points: 0.8, source: "table" });
    expect(itemParDeduction({ kind: "shortcoming", attributedDelays: 0, parDeduction: 0 }, table)).toEqual({ points: 0.25, source: "table" });
  });

  it("takes the notice's own figure when the notice states one, and nothing for a commendation", () => {
    expect(itemParDeduction({ kind: "violation", attributedDelays: 3, parDeduction: 0.4 }, table)).toEqual({ points: 0.4, source: "notice" });
    expect(itemParDeduction({ kind: "commendation", attributedDelays: 0, parDeduction: 2 }, table).points).toBe(0);
  });

  it("never takes the component below zero", () => {
    expect(unitParDeduction([{ kind: "violation", attributedDelays: 1, parDeduction: 0 }], table)).toEqual({ total: 0.6, capped: false });
    expect(unitParDeduction([{ kind: "violation", attributedDelays: 1, parDeduction: 0 }, { kind: "shortcoming", attributedDelays: 2, parDeduction: 0 }], table)).toEqual({ total: 1, capped: true });
  });
});
