import { describe, expect, it } from "vitest";
import { CASE_STATES, SELF_CASE_REFUSED, type CaseActor } from "../../app/domain/case-states.js";
import { FINDING_EDIT_STATES, NOT_ON_TEAM, findingEditRefusal } from "../../app/domain/findings.js";

const member: CaseActor = { roles: ["inspector"], isTeamLead: false, isTeamMember: true, isDrafter: false, isHeadOfSubjectUnit: false, isCaseSubject: false };
const lead: CaseActor = { ...member, isTeamLead: true, isTeamMember: false };

describe("writing a case's findings", () => {
  it("is for the lead and the members of the case's team while it is in draft, open or under review", () => {
    for (const state of FINDING_EDIT_STATES) {
      expect(findingEditRefusal(state, member)).toBeNull();
      expect(findingEditRefusal(state, lead)).toBeNull();
    }
  });

  it("is refused to an inspector of another team, an approver and a unit head", () => {
    expect(findingEditRefusal("open", { ...member, isTeamMember: false })).toBe(NOT_ON_TEAM);
    expect(findingEditRefusal("open", { ...member, roles: ["approver"], isTeamMember: false })).toBe(NOT_ON_TEAM);
    expect(findingEditRefusal("open", { ...member, roles: ["unit_head"], isTeamMember: false, isHeadOfSubjectUnit: true })).toBe(NOT_ON_TEAM);
  });

  it("is refused to the case's own subject", () => {
    expect(findingEditRefusal("open", { ...member, isCaseSubject: true })).toBe(SELF_CASE_REFUSED);
  });

  it("waits while the unit is explaining, and stops from submission for approval on", () => {
    expect(findingEditRefusal("awaiting_explanation", member)).toContain("Đơn vị đang giải trình");
    for (const state of ["pending_approval", "published", "closed", "withdrawn"] as const) {
      expect(findingEditRefusal(state, lead)).toMatch(/không còn thay đổi được\.$/);
    }
    expect(CASE_STATES.filter((s) => findingEditRefusal(s, lead) === null)).toEqual(["draft", "open", "under_review"]);
  });
});
