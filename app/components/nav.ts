import type { Permission } from "../permissions.js";

export type NavItem = { label: string; to: string; permission?: Permission };
export type NavSection = { label: string; items: NavItem[] };

// Navigation by role: an item appears only to users whose roles grant its permission.
export const NAV: NavSection[] = [
  { label: "Chung", items: [{ label: "Tổng quan", to: "/" }] },
  {
    label: "Tổ chức",
    items: [
      { label: "Đơn vị", to: "/units", permission: "read:organisation" },
      { label: "Cán bộ, công chức", to: "/officers", permission: "read:organisation" },
    ],
  },
  {
    label: "Quản trị",
    items: [
      { label: "Người dùng", to: "/admin/users", permission: "manage:users" },
      { label: "Nhập dữ liệu tổ chức", to: "/admin/import-org", permission: "import:organisation" },
      { label: "Nhật ký hệ thống", to: "/admin/audit", permission: "read:audit" },
    ],
  },
];
