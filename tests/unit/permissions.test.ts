import { describe, expect, it } from "vitest";
import { can, grantsFor, PERMISSIONS, ROLES, type SessionUser } from "../../app/permissions.js";

const user = (roles: SessionUser["roles"]) => ({ roles });

describe("the permission vocabulary", () => {
  it("lets only admins manage users, API tokens, organisation data and the audit log", () => {
    for (const role of ROLES) {
      const u = user([{ role, unitId: null, unitName: null }]);
      expect(can(u, "manage:users")).toBe(role === "admin");
      expect(can(u, "manage:api_tokens")).toBe(role === "admin");
      expect(can(u, "manage:organisation")).toBe(role === "admin");
      expect(can(u, "read:audit")).toBe(role === "admin");
    }
  });

  it("gives approvers approval and publication, and never case management", () => {
    const approver = user([{ role: "approver", unitId: null, unitName: null }]);
    expect(can(approver, "approve:conclusion")).toBe(true);
    expect(can(approver, "publish:conclusion")).toBe(true);
    expect(can(approver, "manage:case")).toBe(false);
  });

  it("lets a user with several roles do what any of them allows, and reports which grant allowed it", () => {
    const both = user([
      { role: "inspector", unitId: null, unitName: null },
      { role: "hr", unitId: 7, unitName: "Sở Tư pháp" },
    ]);
    expect(can(both, "manage:case")).toBe(true);
    expect(can(both, "run:appraisal")).toBe(true);
    expect(grantsFor(both, "run:appraisal")).toEqual([{ role: "hr", unitId: 7, unitName: "Sở Tư pháp" }]);
  });

  it("refuses everything to nobody", () => {
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      expect(can(null, permission)).toBe(false);
      expect(can(user([]), permission)).toBe(false);
    }
  });
});
