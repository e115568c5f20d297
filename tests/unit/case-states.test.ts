import { describe, expect, it } from "vitest";
import {
  CASE_ACTION_LABELS,
  CASE_ACTIONS,
  CASE_STATE_LABELS,
  CASE_STATES,
  CASE_TRANSITIONS,
  SELF_CASE_REFUSED,
  WITHDRAW_REFUSED,
  availableActions,
  findTransition,
  isFinalState,
  transition,
  type Actor,
  type CaseActor,
  type CaseCondition,
  type CaseContext,
  type CaseState,
  type CaseTransition,
} from "../../app/domain/case-states.js";
import { ROLES, type Role } from "../../app/permissions.js";

const nobody: CaseActor = {
  roles: [],
  isTeamLead: false,
  isTeamMember: false,
  isDrafter: false,
  isHeadOfSubjectUnit: false,
  isCaseSubject: false,
};

/** The least-privileged person who fits a "who" entry of the table. */
function actorFor(who: Actor): CaseActor {
  switch (who.role) {
    case "inspector":
      return who.team === "lead"
        ? { ...nobody, roles: ["inspector"], isTeamLead: true, isTeamMember: true }
        : { ...nobody, roles: ["inspector"], isTeamMember: true };
    case "approver":
      return { ...nobody, roles: ["approver"] };
    case "unit_head":
      return { ...nobody, roles: ["unit_head"], isHeadOfSubjectUnit: true };
  }
}

/** A context in which every condition of the table holds. */
const satisfied: CaseContext = {
  reason: "Trùng với vụ việc KT-2026-0002.",
  comment: "Bổ sung căn cứ tại mục 2.",
  allRecommendationsSettled: true,
  explanationDeadlinePassed: true,
};

const label = (t: CaseTransition) => `${t.from} —${t.action}→ ${t.to}`;

describe("the case state machine", () => {
  it("has a Vietnamese label for every state and every action", () => {
    for (const state of CASE_STATES) expect(CASE_STATE_LABELS[state]).toMatch(/\S/);
    for (const action of CASE_ACTIONS) expect(CASE_ACTION_LABELS[action]).toMatch(/\S/);
    expect(CASE_STATE_LABELS.awaiting_explanation).toBe("Chờ giải trình");
    expect(CASE_ACTION_LABELS.submit_for_approval).toBe("Trình phê duyệt");
  });

  it("lists each (state, action) at most once, so an action has one outcome", () => {
    const keys = CASE_TRANSITIONS.map((t) => `${t.from}/${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("leaves every state but closed and withdrawn by some action", () => {
    const final = CASE_STATES.filter(isFinalState);
    expect(final).toEqual(["closed", "withdrawn"]);
  });

  it("reaches every state from draft", () => {
    const reached = new Set<CaseState>(["draft"]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of CASE_TRANSITIONS) {
        if (reached.has(t.from) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...CASE_STATES].sort());
  });

  it("uses every action somewhere", () => {
    for (const action of CASE_ACTIONS) expect(CASE_TRANSITIONS.some((t) => t.action === action), action).toBe(true);
  });

  it("walks the whole way from draft to closed with the people of an inspection office", () => {
    const lead = actorFor({ role: "inspector", team: "lead" });
    const head = actorFor({ role: "unit_head", ofSubjectUnit: true });
    const director = actorFor({ role: "approver" });
    const steps: [CaseState, Parameters<typeof transition>[1], CaseActor, CaseContext, CaseState][] = [
      ["draft", "open", lead, {}, "open"],
      ["open", "request_explanation", lead, {}, "awaiting_explanation"],
      ["awaiting_explanation", "submit_explanation", head, {}, "under_review"],
      ["under_review", "submit_for_approval", lead, {}, "pending_approval"],
      ["pending_approval", "return", director, { comment: "Làm rõ số ngày trễ." }, "under_review"],
      ["under_review", "submit_for_approval", lead, {}, "pending_approval"],
      ["pending_approval", "approve", director, {}, "published"],
      ["published", "close", lead, { allRecommendationsSettled: true }, "closed"],
    ];
    for (const [from, action, actor, context, to] of steps) {
      expect(transition(from, action, actor, context)).toEqual({ ok: true, to });
    }
  });
});

describe("every allowed transition", () => {
  for (const t of CASE_TRANSITIONS) {
    describe(label(t), () => {
      for (const who of t.who) {
        it(`is allowed to ${JSON.stringify(who)} when its conditions hold`, () => {
          expect(transition(t.from, t.action, actorFor(who), satisfied)).toEqual({ ok: true, to: t.to });
        });
      }

      it("is refused to every role that is not listed", () => {
        const listed = new Set<Role>(t.who.map((w) => w.role));
        for (const role of ROLES.filter((r) => !listed.has(r))) {
          // Give the outsider every flag so that only the role can be what refuses it.
          const outsider: CaseActor = { ...nobody, roles: [role], isTeamLead: true, isTeamMember: true, isHeadOfSubjectUnit: true };
          const result = transition(t.from, t.action, outsider, satisfied);
          expect(result.ok, role).toBe(false);
          if (!result.ok) expect(result.message).toContain(`«${CASE_ACTION_LABELS[t.action]}»`);
        }
      });

      it("is refused to someone with no role at all", () => {
        expect(transition(t.from, t.action, nobody, satisfied).ok).toBe(false);
      });

      for (const who of t.who) {
        if (who.role === "inspector") {
          it("is refused to an inspector who is not on the team", () => {
            const outsider = { ...actorFor(who), isTeamLead: false, isTeamMember: false };
            expect(transition(t.from, t.action, outsider, satisfied).ok).toBe(false);
          });
          if (who.team === "lead" && !t.who.some((w) => w.role === "inspector" && w.team === "member")) {
            it("is refused to a team member who is not the lead", () => {
              const member = { ...actorFor(who), isTeamLead: false, isTeamMember: true };
              const result = transition(t.from, t.action, member, satisfied);
              expect(result).toEqual({ ok: false, message: expect.stringContaining("Trưởng đoàn kiểm tra") });
            });
          }
        }
        if (who.role === "unit_head") {
          it("is refused to the head of another unit", () => {
            const other = { ...actorFor(who), isHeadOfSubjectUnit: false };
            expect(transition(t.from, t.action, other, satisfied)).toEqual({
              ok: false,
              message: expect.stringContaining("Thủ trưởng đơn vị được kiểm tra"),
            });
          });
        }
        if (who.role === "inspector" || who.role === "approver") {
          it(`is refused to a ${who.role} when the case is about themselves`, () => {
            const self = { ...actorFor(who), isCaseSubject: true };
            expect(transition(t.from, t.action, self, satisfied)).toEqual({ ok: false, message: SELF_CASE_REFUSED });
          });
        }
      }

      for (const condition of t.conditions) {
        it(`is refused when "${condition}" does not hold`, () => {
          const [actor, context] = breaking(condition, actorFor(t.who[0]!));
          const result = transition(t.from, t.action, actor, context);
          expect(result.ok).toBe(false);
        });
      }
    });
  }
});

function breaking(condition: CaseCondition, actor: CaseActor): [CaseActor, CaseContext] {
  switch (condition) {
    case "not_drafter":
      return [{ ...actor, isDrafter: true }, satisfied];
    case "reason":
      return [actor, { ...satisfied, reason: "   " }];
    case "comment":
      return [actor, { ...satisfied, comment: "" }];
    case "recommendations_settled":
      return [actor, { ...satisfied, allRecommendationsSettled: false }];
    case "explanation_deadline_passed":
      return [actor, { ...satisfied, explanationDeadlinePassed: false }];
  }
}

describe("every (state, action) pair the table does not list", () => {
  const everyone: CaseActor = {
    roles: [...ROLES],
    isTeamLead: true,
    isTeamMember: true,
    isDrafter: false,
    isHeadOfSubjectUnit: true,
    isCaseSubject: false,
  };
  for (const state of CASE_STATES) {
    for (const action of CASE_ACTIONS) {
      if (findTransition(state, action)) continue;
      it(`refuses ${action} in ${state}, even to someone holding every role`, () => {
        const result = transition(state, action, everyone, satisfied);
        expect(result.ok).toBe(false);
        if (!result.ok && action !== "withdraw") {
          expect(result.message).toBe(
            `Vụ việc đang ở trạng thái «${CASE_STATE_LABELS[state]}»; thao tác «${CASE_ACTION_LABELS[action]}» không áp dụng.`,
          );
        }
      });
    }
  }
});

describe("a conclusion awaiting approval", () => {
  const director = actorFor({ role: "approver" });

  it("cannot be approved by the approver who drafted it", () => {
    expect(transition("pending_approval", "approve", { ...director, isDrafter: true })).toEqual({
      ok: false,
      message: "Không thể phê duyệt kết luận do chính mình dự thảo.",
    });
  });

  it("can still be returned by that approver, with a comment", () => {
    expect(transition("pending_approval", "return", { ...director, isDrafter: true }, { comment: "Sửa mục 3." })).toEqual({
      ok: true,
      to: "under_review",
    });
  });

  it("is returned only with a comment that says something", () => {
    for (const comment of [undefined, null, "", "  \n "]) {
      expect(transition("pending_approval", "return", director, { comment }).ok).toBe(false);
    }
  });

  it("cannot be submitted again while it waits", () => {
    const lead = actorFor({ role: "inspector", team: "lead" });
    expect(transition("pending_approval", "submit_for_approval", lead)).toEqual({
      ok: false,
      message: "Vụ việc đang ở trạng thái «Chờ phê duyệt»; thao tác «Trình phê duyệt» không áp dụng.",
    });
  });
});

describe("a case awaiting explanation", () => {
  it("says that submitting for approval does not apply yet", () => {
    const lead = actorFor({ role: "inspector", team: "lead" });
    expect(transition("awaiting_explanation", "submit_for_approval", lead)).toEqual({
      ok: false,
      message: "Vụ việc đang ở trạng thái «Chờ giải trình»; thao tác «Trình phê duyệt» không áp dụng.",
    });
  });

  it("moves to review without an answer only once the deadline has passed", () => {
    const member = actorFor({ role: "inspector", team: "member" });
    expect(transition("awaiting_explanation", "review_without_explanation", member, { explanationDeadlinePassed: false })).toEqual({
      ok: false,
      message: expect.stringContaining("Chưa hết hạn giải trình"),
    });
    expect(transition("awaiting_explanation", "review_without_explanation", member, { explanationDeadlinePassed: true })).toEqual({
      ok: true,
      to: "under_review",
    });
  });

  it("may be answered by the head of the inspected unit even when the case is about that head", () => {
    const head = { ...actorFor({ role: "unit_head", ofSubjectUnit: true }), isCaseSubject: true };
    expect(transition("awaiting_explanation", "submit_explanation", head)).toEqual({ ok: true, to: "under_review" });
  });
});

describe("withdrawing a case", () => {
  const lead = actorFor({ role: "inspector", team: "lead" });

  it("is possible from every state before publication, with a reason", () => {
    for (const state of ["draft", "open", "awaiting_explanation", "under_review", "pending_approval"] as const) {
      expect(transition(state, "withdraw", lead, { reason: "Đối tượng đã được kiểm tra trong đợt khác." })).toEqual({
        ok: true,
        to: "withdrawn",
      });
    }
  });

  it("is refused without a reason", () => {
    expect(transition("open", "withdraw", lead, {})).toEqual({ ok: false, message: WITHDRAW_REFUSED });
    expect(transition("open", "withdraw", lead, { reason: "  " })).toEqual({ ok: false, message: WITHDRAW_REFUSED });
  });

  it("is refused once published, closed or already withdrawn, whatever the reason", () => {
    for (const state of ["published", "closed", "withdrawn"] as const) {
      expect(transition(state, "withdraw", lead, { reason: "Sai sót." })).toEqual({
        ok: false,
        message: "Chỉ rút vụ việc trước khi công bố, và phải nêu lý do.",
      });
    }
  });
});

describe("closing a published case", () => {
  it("waits until every recommendation is done or waived", () => {
    const lead = actorFor({ role: "inspector", team: "lead" });
    expect(transition("published", "close", lead, { allRecommendationsSettled: false })).toEqual({
      ok: false,
      message: expect.stringContaining("còn kiến nghị"),
    });
    expect(transition("published", "close", lead, {})).toMatchObject({ ok: false });
    expect(transition("published", "close", lead, { allRecommendationsSettled: true })).toEqual({ ok: true, to: "closed" });
  });
});

describe("the actions offered to a person", () => {
  it("are what the table allows them from this state, with the text the form must collect", () => {
    const lead = actorFor({ role: "inspector", team: "lead" });
    expect(availableActions("open", lead)).toEqual([
      { action: "request_explanation", label: "Yêu cầu giải trình", to: "awaiting_explanation", inputs: [] },
      { action: "withdraw", label: "Rút vụ việc", to: "withdrawn", inputs: ["reason"] },
    ]);
  });

  it("leave out approval for the drafter but keep returning it", () => {
    const drafter = { ...actorFor({ role: "approver" }), isDrafter: true };
    expect(availableActions("pending_approval", drafter).map((a) => a.action)).toEqual(["return", "withdraw"]);
    expect(availableActions("pending_approval", actorFor({ role: "approver" })).map((a) => a.action)).toEqual([
      "approve",
      "return",
      "withdraw",
    ]);
  });

  it("offer closing only when the recommendations are settled", () => {
    const lead = actorFor({ role: "inspector", team: "lead" });
    expect(availableActions("published", lead)).toEqual([]);
    expect(availableActions("published", lead, { allRecommendationsSettled: true }).map((a) => a.action)).toEqual(["close"]);
  });

  it("are nothing for a unit head outside the explanation step, and nothing in a final state", () => {
    const head = actorFor({ role: "unit_head", ofSubjectUnit: true });
    for (const state of CASE_STATES) {
      const actions = availableActions(state, head).map((a) => a.action);
      expect(actions, state).toEqual(state === "awaiting_explanation" ? ["submit_explanation"] : []);
    }
    const everyone: CaseActor = { roles: [...ROLES], isTeamLead: true, isTeamMember: true, isDrafter: false, isHeadOfSubjectUnit: true, isCaseSubject: false };
    expect(availableActions("closed", everyone, satisfied)).toEqual([]);
    expect(availableActions("withdrawn", everyone, satisfied)).toEqual([]);
  });

  it("agree with transition() for every state, action and role", () => {
    for (const state of CASE_STATES) {
      for (const role of ROLES) {
        const actor: CaseActor = { ...nobody, roles: [role], isTeamLead: true, isTeamMember: true, isHeadOfSubjectUnit: true };
        const offered = new Set(availableActions(state, actor, satisfied).map((a) => a.action));
        for (const action of CASE_ACTIONS) {
          expect(offered.has(action), `${state}/${action}/${role}`).toBe(transition(state, action, actor, satisfied).ok);
        }
      }
    }
  });
});
