import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../../app/domain/calendar.js";
import {
  adjustedEndAt,
  apologyStatus,
  attributeLateDossier,
  countSupplementRequests,
  dossierEndAt,
  dossierLateWorkingDays,
  evaluateDossier,
  evaluateStep,
  isCountedDossier,
  isDossierLate,
  pairSupplementEvents,
  supplementTime,
  type DossierFacts,
  type StepFacts,
  type SupplementEvent,
} from "../../app/domain/delay.js";
import { seededVnCalendarExceptions } from "../../app/domain/holidays-vn.js";
import { parseDueInstant, parseInstant, type Instant } from "../../app/domain/instants.js";

const calendar = WorkCalendar.fromExceptions(seededVnCalendarExceptions());
const HOUR = 3_600_000;
const at = (text: string): Instant => {
  const parsed = parseInstant(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const due = (text: string): Instant => {
  const parsed = parseDueInstant(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const requested = (text: string): SupplementEvent => ({ kind: "supplement_requested", at: at(text) });
const completed = (text: string): SupplementEvent => ({ kind: "supplement_completed", at: at(text) });
const AS_OF = at("2026-01-10T12:00:00+07:00");

function dossier(overrides: Partial<DossierFacts> = {}): DossierFacts {
  return {
    dossierCode: "HS-1",
    unitCode: "UBND-XA",
    procedureCode: "1.001193",
    status: "finished",
    dueAt: at("14/03/2025 17:00"), // a Friday
    finishedAt: at("14/03/2025 10:00"),
    apologyAt: null,
    ...overrides,
  };
}

function evaluate(
  facts: Partial<DossierFacts>,
  more: { steps?: StepFacts[]; events?: SupplementEvent[]; asOf?: Instant } = {},
) {
  const result = evaluateDossier(calendar, { dossier: dossier(facts), steps: more.steps ?? [], events: more.events ?? [] }, more.asOf ?? AS_OF);
  if (!result) throw new Error("dossier not counted");
  return result;
}

function step(stepNo: number, officerCode: string | null, dueText: string, finishedText: string | null): StepFacts {
  return { stepNo, unitCode: `U${stepNo}`, officerCode, dueAt: at(dueText), finishedAt: finishedText ? at(finishedText) : null };
}

describe("a dossier finished before its due time", () => {
  it("is not late, owes no apology and is attributed to no one", () => {
    const result = evaluate({});
    expect(result).toEqual({
      dossier: dossier(),
      endAt: at("14/03/2025 10:00"),
      supplementRequests: 0,
      supplementTime: 0,
      adjustedEnd: at("14/03/2025 10:00"),
      late: false,
      lateWorkingDays: 0,
      apology: "not_needed",
      steps: [],
      attribution: null,
    });
  });
});

describe("a dossier finished exactly at its due time", () => {
  it("is not late", () => {
    expect(evaluate({ finishedAt: at("14/03/2025 17:00") })).toMatchObject({ late: false, lateWorkingDays: 0, apology: "not_needed" });
  });
});

describe("a dossier finished minutes after its due time", () => {
  it("is late by one working day", () => {
    expect(evaluate({ finishedAt: at("14/03/2025 17:05") })).toMatchObject({ late: true, lateWorkingDays: 1, apology: "missing" });
  });

  it("is late by one working day even when it ends one millisecond late", () => {
    expect(evaluate({ finishedAt: at("14/03/2025 17:00") + 1 })).toMatchObject({ late: true, lateWorkingDays: 1 });
  });
});

describe("a dossier due on a Friday", () => {
  it("finished on the Saturday is late by one working day (at least one)", () => {
    expect(evaluate({ finishedAt: at("15/03/2025 09:00") })).toMatchObject({ late: true, lateWorkingDays: 1 });
  });

  it("finished on the Monday is late by one working day: the weekend does not count", () => {
    expect(evaluate({ finishedAt: at("17/03/2025 08:00") })).toMatchObject({ late: true, lateWorkingDays: 1 });
  });

  it("finished on the Tuesday is late by two working days", () => {
    expect(evaluate({ finishedAt: at("18/03/2025 16:00") })).toMatchObject({ late: true, lateWorkingDays: 2 });
  });
});

describe("a dossier due before a weekday holiday", () => {
  it("does not count the holiday", () => {
    // Due Friday 04/4/2025; Monday 07/4 is Giỗ Tổ Hùng Vương; finished Tuesday 08/4.
    expect(evaluate({ dueAt: at("04/04/2025 17:00"), finishedAt: at("08/04/2025 09:00") })).toMatchObject({
      late: true,
      lateWorkingDays: 1,
    });
  });
});

describe("a dossier whose due date falls inside Tết", () => {
  it("counts from the first working day after Tết", () => {
    // Due on mùng 1 Tết (29/01/2025), a date-only deadline; Tết runs to Sunday 02/02.
    const facts = { dueAt: due("29/01/2025") };
    expect(evaluate({ ...facts, finishedAt: at("31/01/2025 10:00") })).toMatchObject({ late: true, lateWorkingDays: 1 });
    expect(evaluate({ ...facts, finishedAt: at("03/02/2025 10:00") })).toMatchObject({ late: true, lateWorkingDays: 1 });
    expect(evaluate({ ...facts, finishedAt: at("04/02/2025 10:00") })).toMatchObject({ late: true, lateWorkingDays: 2 });
  });

  it("due the Friday before Tết and finished the Monday after is one working day late", () => {
    expect(evaluate({ dueAt: at("24/01/2025 17:00"), finishedAt: at("03/02/2025 08:30") })).toMatchObject({
      late: true,
      lateWorkingDays: 1,
    });
  });
});

describe("a dossier late across a make-up Saturday", () => {
  it("counts the Saturday that was worked", () => {
    // Due Friday 07/02/2025; Saturday 08/02 was worked in exchange for 27/01.
    expect(evaluate({ dueAt: at("07/02/2025 17:00"), finishedAt: at("10/02/2025 08:00") })).toMatchObject({ lateWorkingDays: 2 });
    expect(evaluate({ dueAt: at("07/02/2025 17:00"), finishedAt: at("08/02/2025 11:00") })).toMatchObject({ lateWorkingDays: 1 });
  });

  it("counts it across the 30/4 break too", () => {
    // Due Friday 25/4/2025; Saturday 26/4 worked; 30/4, 01/5 and 02/5 off; finished Tuesday 06/5.
    expect(evaluate({ dueAt: at("25/04/2025 17:00"), finishedAt: at("06/05/2025 09:00") })).toMatchObject({ lateWorkingDays: 5 });
  });
});

describe("a date-only due_at", () => {
  it("runs to 23:59:59 of its day", () => {
    expect(evaluate({ dueAt: due("14/03/2025"), finishedAt: at("14/03/2025 23:59:59") })).toMatchObject({ late: false });
    expect(evaluate({ dueAt: due("14/03/2025"), finishedAt: at("15/03/2025 00:00") })).toMatchObject({ late: true, lateWorkingDays: 1 });
  });
});

describe("a dossier with one supplement cycle", () => {
  it("is saved by the citizen's time being subtracted", () => {
    // Two days waiting for the citizen; finished on Sunday 16/3 10:00, which is 14/3 10:00 for the agency.
    const result = evaluate(
      { finishedAt: at("16/03/2025 10:00") },
      { events: [requested("11/03/2025 09:00"), completed("13/03/2025 09:00")] },
    );
    expect(result).toMatchObject({
      supplementRequests: 1,
      supplementTime: 48 * HOUR,
      endAt: at("16/03/2025 10:00"),
      adjustedEnd: at("14/03/2025 10:00"),
      late: false,
      lateWorkingDays: 0,
      apology: "not_needed",
    });
  });

  it("is still late when the agency's own time overruns, counted from the adjusted end", () => {
    // Adjusted end Tuesday 18/3 10:00.
    const result = evaluate({ finishedAt: at("20/03/2025 10:00") }, { events: [requested("11/03/2025 09:00"), completed("13/03/2025 09:00")] });
    expect(result).toMatchObject({ adjustedEnd: at("18/03/2025 10:00"), late: true, lateWorkingDays: 2 });
  });
});

describe("a dossier with a second supplement request", () => {
  it("is late even when it ends on time, with zero working days late", () => {
    const result = evaluate(
      { finishedAt: at("14/03/2025 10:00"), apologyAt: at("12/03/2025 10:00") },
      { events: [requested("10/03/2025 09:00"), completed("10/03/2025 15:00"), requested("11/03/2025 09:00"), completed("11/03/2025 10:00")] },
    );
    expect(result).toMatchObject({
      supplementRequests: 2,
      supplementTime: 7 * HOUR,
      late: true,
      lateWorkingDays: 0,
      apology: "on_time",
      attribution: { kind: "unattributed", unitCode: "UBND-XA", officerCode: null },
    });
  });
});

describe("a dossier with an open supplement cycle", () => {
  it("counts the wait up to its end", () => {
    // Request Thursday 13/3 09:00, never answered; finished Monday 17/3 09:00: four days are the citizen's.
    const result = evaluate({ finishedAt: at("17/03/2025 09:00") }, { events: [requested("13/03/2025 09:00")] });
    expect(result).toMatchObject({ supplementRequests: 1, supplementTime: 96 * HOUR, adjustedEnd: at("13/03/2025 09:00"), late: false });
  });

  it("runs to the as-of instant when the dossier is unfinished", () => {
    const result = evaluate(
      { status: "supplement", finishedAt: null },
      { events: [requested("12/03/2025 10:00")], asOf: at("20/03/2025 12:00") },
    );
    expect(result).toMatchObject({
      endAt: at("20/03/2025 12:00"),
      supplementTime: at("20/03/2025 12:00") - at("12/03/2025 10:00"),
      adjustedEnd: at("12/03/2025 10:00"),
      late: false,
    });
  });
});

describe("an unfinished dossier", () => {
  it("is judged as of the report's instant", () => {
    const facts = { status: "processing" as const, finishedAt: null };
    expect(evaluate(facts, { asOf: at("14/03/2025 12:00") })).toMatchObject({ endAt: at("14/03/2025 12:00"), late: false });
    expect(evaluate(facts, { asOf: at("19/03/2025 10:00") })).toMatchObject({ endAt: at("19/03/2025 10:00"), late: true, lateWorkingDays: 3 });
  });

  it("uses its finish, not the as-of instant, once finished", () => {
    expect(dossierEndAt(at("14/03/2025 10:00"), AS_OF)).toBe(at("14/03/2025 10:00"));
    expect(dossierEndAt(null, AS_OF)).toBe(AS_OF);
  });
});

describe("refused and withdrawn dossiers", () => {
  it("are not counted", () => {
    expect(isCountedDossier("refused")).toBe(false);
    expect(isCountedDossier("withdrawn")).toBe(false);
    for (const status of ["processing", "supplement", "finished", "returned", "stopped"] as const) {
      expect(isCountedDossier(status)).toBe(true);
    }
    const input = { dossier: dossier({ status: "refused", finishedAt: at("30/03/2025 10:00") }), steps: [], events: [] };
    expect(evaluateDossier(calendar, input, AS_OF)).toBeNull();
    expect(evaluateDossier(calendar, { ...input, dossier: { ...input.dossier, status: "withdrawn" } }, AS_OF)).toBeNull();
  });
});

describe("the apology of a late dossier", () => {
  // Due Monday 17/3/2025; the last working day strictly before it is Friday 14/3.
  const late = { dueAt: at("17/03/2025 17:00"), finishedAt: at("18/03/2025 10:00") };

  it("is on time when issued on or before the last working day before the due date", () => {
    expect(evaluate({ ...late, apologyAt: at("14/03/2025 16:59") }).apology).toBe("on_time");
    expect(evaluate({ ...late, apologyAt: at("10/03/2025 08:00") }).apology).toBe("on_time");
    expect(evaluate({ ...late, apologyAt: at("14/03/2025") }).apology).toBe("on_time");
  });

  it("is late when issued over the weekend or on the due date", () => {
    expect(evaluate({ ...late, apologyAt: at("15/03/2025 09:00") }).apology).toBe("late");
    expect(evaluate({ ...late, apologyAt: at("17/03/2025 07:30") }).apology).toBe("late");
    expect(evaluate({ ...late, apologyAt: at("18/03/2025 07:30") }).apology).toBe("late");
  });

  it("is missing when none was issued", () => {
    expect(evaluate(late).apology).toBe("missing");
  });

  it("looks back over Tết and counts a make-up Saturday", () => {
    // Due Monday 03/02/2025: the last working day before is Friday 24/01.
    expect(apologyStatus(calendar, true, at("03/02/2025 17:00"), at("24/01/2025 16:00"))).toBe("on_time");
    expect(apologyStatus(calendar, true, at("03/02/2025 17:00"), at("25/01/2025 09:00"))).toBe("late");
    // Due Monday 10/02/2025: Saturday 08/02 was worked, so an apology that day is on time.
    expect(apologyStatus(calendar, true, at("10/02/2025 17:00"), at("08/02/2025 09:00"))).toBe("on_time");
  });

  it("is judged on the Vietnamese date of the apology", () => {
    // 16:59Z on Friday 14/3 is 23:59 in Vietnam, still Friday; 17:00Z is already Saturday.
    expect(apologyStatus(calendar, true, at("17/03/2025 17:00"), at("2025-03-14T16:59:00Z"))).toBe("on_time");
    expect(apologyStatus(calendar, true, at("17/03/2025 17:00"), at("2025-03-14T17:00:00Z"))).toBe("late");
  });

  it("is not needed when the dossier is not late, issued or not", () => {
    expect(evaluate({ apologyAt: at("13/03/2025 09:00") }).apology).toBe("not_needed");
    expect(apologyStatus(calendar, false, at("17/03/2025 17:00"), null)).toBe("not_needed");
  });
});

describe("a step", () => {
  it("is late when it ends after its own deadline, by at least one working day", () => {
    expect(evaluateStep(calendar, step(1, "CB1", "14/03/2025 10:00", "14/03/2025 10:30"), AS_OF)).toEqual({
      stepNo: 1,
      unitCode: "U1",
      officerCode: "CB1",
      dueAt: at("14/03/2025 10:00"),
      stepEnd: at("14/03/2025 10:30"),
      late: true,
      lateWorkingDays: 1,
    });
    expect(evaluateStep(calendar, step(1, "CB1", "14/03/2025 10:00", "19/03/2025 08:00"), AS_OF).lateWorkingDays).toBe(3);
  });

  it("finished exactly at its deadline is not late", () => {
    expect(evaluateStep(calendar, step(1, "CB1", "14/03/2025 10:00", "14/03/2025 10:00"), AS_OF)).toMatchObject({
      late: false,
      lateWorkingDays: 0,
    });
  });

  it("still open is judged as of the report's instant", () => {
    const open = step(2, "CB2", "14/03/2025 10:00", null);
    expect(evaluateStep(calendar, open, at("14/03/2025 09:00"))).toMatchObject({ stepEnd: at("14/03/2025 09:00"), late: false });
    expect(evaluateStep(calendar, open, at("18/03/2025 09:00"))).toMatchObject({ stepEnd: at("18/03/2025 09:00"), late: true, lateWorkingDays: 2 });
  });

  it("gets no supplement time subtracted", () => {
    const result = evaluate(
      { finishedAt: at("14/03/2025 10:00") },
      { steps: [step(1, "CB1", "12/03/2025 17:00", "13/03/2025 10:00")], events: [requested("11/03/2025 09:00"), completed("13/03/2025 09:00")] },
    );
    expect(result.steps[0]).toMatchObject({ late: true, lateWorkingDays: 1 });
  });
});

describe("a late dossier with several late steps", () => {
  const result = evaluate(
    { dueAt: at("14/03/2025 17:00"), finishedAt: at("19/03/2025 10:00") },
    {
      steps: [
        step(4, "CB4", "18/03/2025 17:00", "19/03/2025 10:00"),
        step(2, "CB2", "11/03/2025 17:00", "13/03/2025 09:00"),
        step(1, "CB1", "10/03/2025 12:00", "10/03/2025 11:00"),
        step(3, "CB3", "13/03/2025 17:00", "17/03/2025 08:00"),
      ],
    },
  );

  it("is late by the working days of the whole dossier", () => {
    expect(result).toMatchObject({ late: true, lateWorkingDays: 3 });
  });

  it("is attributed to its late steps in step_no order, the first being primary", () => {
    expect(result.attribution).toEqual({
      kind: "steps",
      primary: { stepNo: 2, unitCode: "U2", officerCode: "CB2", lateWorkingDays: 2 },
      lateSteps: [
        { stepNo: 2, unitCode: "U2", officerCode: "CB2", lateWorkingDays: 2 },
        { stepNo: 3, unitCode: "U3", officerCode: "CB3", lateWorkingDays: 2 }, // Friday 14 and Monday 17
        { stepNo: 4, unitCode: "U4", officerCode: "CB4", lateWorkingDays: 1 },
      ],
    });
  });

  it("keeps every step, late or not, in step_no order", () => {
    expect(result.steps.map((s) => [s.stepNo, s.late])).toEqual([[1, false], [2, true], [3, true], [4, true]]);
  });
});

describe("a late step without an officer", () => {
  it("is attributed with its unit and no officer", () => {
    const result = evaluate(
      { finishedAt: at("17/03/2025 10:00") },
      { steps: [step(1, null, "13/03/2025 17:00", "17/03/2025 10:00"), step(2, "CB2", "17/03/2025 17:00", "17/03/2025 10:00")] },
    );
    expect(result.attribution).toEqual({
      kind: "steps",
      primary: { stepNo: 1, unitCode: "U1", officerCode: null, lateWorkingDays: 2 },
      lateSteps: [{ stepNo: 1, unitCode: "U1", officerCode: null, lateWorkingDays: 2 }],
    });
  });
});

describe("a late dossier with no late step", () => {
  it("is attributed to its resolving unit with no officer", () => {
    const result = evaluate({ finishedAt: at("17/03/2025 10:00") }, { steps: [step(1, "CB1", "14/03/2025 17:00", "14/03/2025 16:00")] });
    expect(result.attribution).toEqual({ kind: "unattributed", unitCode: "UBND-XA", officerCode: null });
    expect(attributeLateDossier("UBND-XA", [])).toEqual({ kind: "unattributed", unitCode: "UBND-XA", officerCode: null });
  });
});

describe("a dossier that is not late", () => {
  it("is attributed to no one, even with a late step", () => {
    const result = evaluate({}, { steps: [step(1, "CB1", "10/03/2025 17:00", "12/03/2025 10:00")] });
    expect(result.late).toBe(false);
    expect(result.steps[0]?.late).toBe(true);
    expect(result.attribution).toBeNull();
  });
});

describe("supplement events", () => {
  it("pair in time order, each request closed by the next completion", () => {
    const events = [
      completed("13/03/2025 09:00"),
      requested("14/03/2025 09:00"),
      requested("11/03/2025 09:00"),
    ];
    expect(pairSupplementEvents(events)).toEqual({
      cycles: [
        { requestedAt: at("11/03/2025 09:00"), completedAt: at("13/03/2025 09:00") },
        { requestedAt: at("14/03/2025 09:00"), completedAt: null },
      ],
      bad: [],
    });
    expect(countSupplementRequests(events)).toBe(2);
  });

  it("report a completion with no open request", () => {
    const events = [completed("10/03/2025 09:00"), requested("11/03/2025 09:00"), completed("12/03/2025 09:00"), completed("13/03/2025 09:00")];
    expect(pairSupplementEvents(events)).toEqual({
      cycles: [{ requestedAt: at("11/03/2025 09:00"), completedAt: at("12/03/2025 09:00") }],
      bad: [
        { index: 0, reason: "completed_without_request", message: "hoàn thành bổ sung khi không có yêu cầu bổ sung nào đang mở" },
        { index: 3, reason: "completed_without_request", message: "hoàn thành bổ sung khi không có yêu cầu bổ sung nào đang mở" },
      ],
    });
  });

  it("report a request while one is open", () => {
    const events = [requested("11/03/2025 09:00"), requested("12/03/2025 09:00"), completed("13/03/2025 09:00")];
    expect(pairSupplementEvents(events)).toEqual({
      cycles: [{ requestedAt: at("11/03/2025 09:00"), completedAt: at("13/03/2025 09:00") }],
      bad: [{ index: 1, reason: "requested_while_open", message: "yêu cầu bổ sung khi yêu cầu trước chưa được bổ sung xong" }],
    });
  });

  it("at the same instant keep the order they were given in", () => {
    const same = "11/03/2025 09:00";
    expect(pairSupplementEvents([requested(same), completed(same)])).toEqual({
      cycles: [{ requestedAt: at(same), completedAt: at(same) }],
      bad: [],
    });
    expect(pairSupplementEvents([completed(same), requested(same)]).bad.map((b) => b.index)).toEqual([0]);
  });

  it("add up to the citizen's time, an open cycle running to the end", () => {
    const cycles = [
      { requestedAt: at("11/03/2025 09:00"), completedAt: at("11/03/2025 11:30") },
      { requestedAt: at("12/03/2025 09:00"), completedAt: null },
    ];
    expect(supplementTime(cycles, at("12/03/2025 10:00"))).toBe(3.5 * HOUR);
    expect(supplementTime([], at("12/03/2025 10:00"))).toBe(0);
    expect(adjustedEndAt(at("12/03/2025 10:00"), 3.5 * HOUR)).toBe(at("12/03/2025 06:30"));
  });
});

describe("the lateness rules on their own", () => {
  it("make a dossier late by a second request or by an adjusted end after the due instant", () => {
    const dueAt = at("14/03/2025 17:00");
    expect(isDossierLate(0, dueAt, dueAt)).toBe(false);
    expect(isDossierLate(1, dueAt + 1, dueAt)).toBe(true);
    expect(isDossierLate(2, dueAt - HOUR, dueAt)).toBe(true);
    expect(dossierLateWorkingDays(calendar, dueAt, dueAt)).toBe(0);
    expect(dossierLateWorkingDays(calendar, dueAt, dueAt + 1)).toBe(1);
    expect(dossierLateWorkingDays(calendar, dueAt, at("21/03/2025 08:00"))).toBe(5);
  });
});
