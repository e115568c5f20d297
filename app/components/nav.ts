import type { Permission } from "../permissions.js";

export type NavItem = { label: string; to: string; permission?: Permission };
export type NavSection = { label: string; items: NavItem[] };

// Navigation by role: an item appears only to users whose roles grant its permission.
export const NAV: NavSection[] = [
  {
    label: "Chung",
    items: [
      { label: "Tổng quan", to: "/" },
      { label: "Thông báo kết luận", to: "/public/notices" },
    ],
  },
  {
    label: "Hồ sơ thủ tục hành chính",
    items: [
      { label: "Bảng theo dõi", to: "/evidence/dashboard", permission: "read:evidence" },
      { label: "Hồ sơ trễ hạn", to: "/evidence/dossiers", permission: "read:evidence" },
      { label: "Vi phạm lặp lại", to: "/evidence/offenders", permission: "read:evidence" },
      { label: "Danh sách tháng", to: "/evidence/monthly-list", permission: "read:evidence" },
      { label: "Bộ chứng cứ", to: "/evidence/sets", permission: "read:evidence" },
      { label: "Nhập hồ sơ", to: "/evidence/import", permission: "import:evidence" },
    ],
  },
  {
    label: "Kiểm tra",
    items: [
      { label: "Đợt kiểm tra", to: "/inspections", permission: "read:case" },
      { label: "Vụ việc", to: "/cases", permission: "read:case" },
      { label: "Theo dõi kiến nghị", to: "/followup", permission: "read:case" },
    ],
  },
  {
    label: "Đánh giá",
    items: [{ label: "Đánh giá, xếp loại", to: "/appraisal", permission: "run:appraisal" }],
  },
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
      { label: "Khoá API cho phần mềm nhân sự", to: "/admin/api-tokens", permission: "manage:api_tokens" },
      { label: "Nhập dữ liệu tổ chức", to: "/admin/import-org", permission: "import:organisation" },
      { label: "Lịch làm việc", to: "/admin/calendar", permission: "manage:calendar" },
      { label: "Nhật ký hệ thống", to: "/admin/audit", permission: "read:audit" },
    ],
  },
];
