/**
 * The actor filter's value for events no user caused (seeding, scheduled jobs): not a valid username.
 * Here rather than in audit.server.ts because the filter form in the browser needs it too.
 */
export const SYSTEM_ACTOR = "~system";

// Vietnamese names for the audit log's action and entity codes. Codes without a name here (added by
// later features) are shown as they are: the log must never hide an event because it lacks a label.
const ACTION_LABELS: Record<string, string> = {
  "seed.demo": "Nạp dữ liệu mẫu",
  "user.create": "Tạo người dùng",
  "user.update": "Sửa người dùng",
  "user.password_reset": "Đặt lại mật khẩu",
  "user.password_change": "Đổi mật khẩu",
  "user.deactivate": "Ngừng kích hoạt tài khoản",
  "user.activate": "Kích hoạt lại tài khoản",
  "api_token.issue": "Cấp khoá API",
  "api_token.revoke": "Thu hồi khoá API",
  "unit.create": "Thêm đơn vị",
  "unit.update": "Sửa đơn vị",
  "officer.create": "Thêm cán bộ",
  "officer.update": "Sửa cán bộ",
  "membership.add": "Thêm quá trình công tác",
  "membership.update": "Sửa quá trình công tác",
  "membership.end": "Kết thúc quá trình công tác",
  "org.import": "Nhập dữ liệu tổ chức",
  "evidence.import": "Nhập hồ sơ thủ tục hành chính",
  "calendar.import": "Nhập lịch làm việc",
  "calendar.update": "Sửa lịch làm việc",
  "evidence_set.create": "Tạo bộ chứng cứ",
  "setting.update": "Sửa tham số hệ thống",
  "inspection.create": "Tạo đợt kiểm tra",
  "inspection.update": "Sửa đợt kiểm tra",
  "inspection.member_add": "Thêm thành viên đoàn kiểm tra",
  "inspection.member_remove": "Rút thành viên khỏi đoàn kiểm tra",
  "inspection.lead_change": "Đổi trưởng đoàn",
  "inspection.recusal": "Ghi nhận xung đột lợi ích",
  "case.open": "Mở vụ việc",
  "case.transition": "Chuyển trạng thái vụ việc",
  "case.evidence_add": "Thêm chứng cứ",
  "case.evidence_detach": "Gỡ chứng cứ",
  "case.finding_add": "Ghi nội dung kiểm tra",
  "case.finding_revise": "Sửa nội dung kiểm tra",
  "case.finding_withdraw": "Rút nội dung kiểm tra",
  "case.explanation_answer": "Giải trình nội dung kiểm tra",
  "conclusion.draft": "Lập dự thảo kết luận",
  "conclusion.correction": "Lập dự thảo thông báo đính chính",
  "conclusion.edit": "Sửa dự thảo kết luận",
  "conclusion.item_save": "Lưu nội dung kết luận",
  "conclusion.item_remove": "Bỏ nội dung kết luận",
  "conclusion.recommendation_save": "Lưu kiến nghị",
  "conclusion.recommendation_remove": "Bỏ kiến nghị",
  "conclusion.submit": "Trình phê duyệt kết luận",
  "conclusion.return": "Trả lại dự thảo kết luận",
  "conclusion.publish": "Phê duyệt và công bố kết luận",
  "appraisal.cycle_opened": "Mở kỳ đánh giá",
  "appraisal.cycle_closed": "Khoá kỳ đánh giá",
  "appraisal.item_consumed": "Ghi nhận nội dung kết luận vào đánh giá",
  "appraisal.correction_acknowledged": "Xác nhận đính chính",
  "appraisal.inputs_saved": "Lưu thông tin đánh giá",
  "appraisal.result_recorded": "Ghi kết quả xếp loại",
  "appraisal.discipline_recorded": "Ghi nhận quyết định kỷ luật",
  "appraisal.unit_result_recorded": "Ghi điểm trừ Chỉ số CCHC",
  "followup.report": "Báo cáo khắc phục kiến nghị",
  "followup.accepted": "Chấp nhận kết quả khắc phục",
  "followup.rejected": "Yêu cầu báo cáo khắc phục lại",
  "followup.waived": "Miễn thực hiện kiến nghị",
};

const ENTITY_LABELS: Record<string, string> = {
  system: "Hệ thống",
  user: "Người dùng",
  api_token: "Khoá API",
  unit: "Đơn vị",
  officer: "Cán bộ",
  import_batch: "Lần nhập dữ liệu",
  calendar: "Lịch làm việc",
  evidence_set: "Bộ chứng cứ",
  setting: "Tham số hệ thống",
  inspection: "Đợt kiểm tra",
  appraisal_cycle: "Kỳ đánh giá",
  case: "Vụ việc",
};

export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function auditEntityLabel(entityType: string): string {
  return ENTITY_LABELS[entityType] ?? entityType;
}
