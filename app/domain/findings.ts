// Who may record findings (nội dung kiểm tra), and when:
// - Only the inspection team of the case (its lead or a member) writes findings: they sign the conclusion
//   that rests on them. An inspector of another team, an approver or the unit reads them.
// - Nobody records findings about themselves.
// - Findings are written while the team works the case: in draft, while open, and under review after the
//   unit's explanation (a revision then makes the earlier answer stale, and the lead may ask again). While
//   the unit is explaining, the findings it is answering stay still; from submission for approval on, the
//   conclusion is the record and findings no longer change.
import { CASE_STATE_LABELS, SELF_CASE_REFUSED, type CaseActor, type CaseState } from "./case-states.js";

export const FINDING_EDIT_STATES = ["draft", "open", "under_review"] as const satisfies readonly CaseState[];

export const NOT_ON_TEAM = "Chỉ thành viên đoàn kiểm tra của vụ việc này được ghi, sửa hoặc rút nội dung kiểm tra.";

/** Why this person may not write the case's findings now, in Vietnamese; null when they may. */
export function findingEditRefusal(state: CaseState, actor: CaseActor): string | null {
  if (!actor.roles.includes("inspector") || !(actor.isTeamLead || actor.isTeamMember)) return NOT_ON_TEAM;
  if (actor.isCaseSubject) return SELF_CASE_REFUSED;
  if ((FINDING_EDIT_STATES as readonly CaseState[]).includes(state)) return null;
  if (state === "awaiting_explanation") {
    return "Đơn vị đang giải trình: nội dung kiểm tra được giữ nguyên cho đến khi đơn vị gửi giải trình hoặc vụ việc được chuyển xem xét khi hết hạn.";
  }
  return `Vụ việc đang ở trạng thái «${CASE_STATE_LABELS[state]}»: nội dung kiểm tra không còn thay đổi được.`;
}
