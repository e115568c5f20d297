// The permission vocabulary, shared by the server (requirePermission) and the UI (can).
// Roles come from DOMAIN.md; unit_head and hr carry a unit scope (the unit and its sub-units).
export const ROLES = ["admin", "inspector", "approver", "unit_head", "hr"] as const;
export type Role = (typeof ROLES)[number];

export const SCOPED_ROLES: readonly Role[] = ["unit_head", "hr"];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Quản trị hệ thống",
  inspector: "Thanh tra viên",
  approver: "Lãnh đạo Sở (phê duyệt)",
  unit_head: "Thủ trưởng đơn vị",
  hr: "Tổ chức cán bộ",
};

export const PERMISSIONS = {
  "read:organisation": ["admin", "inspector", "approver", "unit_head", "hr"],
  "manage:organisation": ["admin"],
  "import:organisation": ["admin"],
  "manage:users": ["admin"],
  "manage:api_tokens": ["admin"],
  "read:audit": ["admin"],
  "manage:calendar": ["admin"],
  "import:evidence": ["admin", "inspector"],
  "read:evidence": ["admin", "inspector", "approver"],
  "manage:case": ["inspector"],
  "read:case": ["inspector", "approver", "unit_head"],
  "approve:conclusion": ["approver"],
  "publish:conclusion": ["approver"],
  "answer:explanation": ["unit_head"],
  "report:remediation": ["unit_head"],
  "run:appraisal": ["hr"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export type RoleGrant = { role: Role; unitId: number | null; unitName: string | null };

/** The signed-in user as the UI and the models see it. */
export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  officerId: number | null;
  roles: RoleGrant[];
};

export function grantsFor(user: Pick<SessionUser, "roles">, permission: Permission): RoleGrant[] {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return user.roles.filter((grant) => allowed.includes(grant.role));
}

/** Whether the user holds a role that grants the permission (for some scope). */
export function can(user: Pick<SessionUser, "roles"> | null | undefined, permission: Permission): boolean {
  return !!user && grantsFor(user, permission).length > 0;
}

export function hasRole(user: Pick<SessionUser, "roles"> | null | undefined, role: Role): boolean {
  return !!user && user.roles.some((grant) => grant.role === role);
}

export function roleLabel(grant: RoleGrant): string {
  return grant.unitName ? `${ROLE_LABELS[grant.role]} — ${grant.unitName}` : ROLE_LABELS[grant.role];
}
