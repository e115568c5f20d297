// The life of a case (vụ việc kiểm tra), as the inspection office runs it:
//   draft → open → awaiting_explanation → under_review → pending_approval → published → closed,
// and withdrawn from any state before publication, always with a reason.
// - The inspection team opens the case; its lead (trưởng đoàn) asks the inspected unit to explain, because
//   the request goes out under the team's name and the lead answers for it.
// - When findings change under review, the lead may ask again; the earlier answers are then stale.
// - The head of the inspected unit answers, which moves the case to review. If the unit stays silent past
//   the deadline, a team member moves it to review without the answer. There is no shortcut from open to
//   review: the subject's right to explain is not skipped, even for a case that looks clear.
// - The team lead submits the draft conclusion for approval. A director or deputy (approver) who did not
//   draft it approves, which publishes it (the number and the freeze belong to publication); or returns it
//   to review with a comment saying what to change.
// - After publication the case closes once every recommendation is done or waived.
// - The team lead or an approver may withdraw a case before publication; after it, only a new notice that
//   supersedes the old one corrects anything, so withdrawal is refused.
// - Nobody inspects or decides a case about themselves.
// Every allowed move is a row of CASE_TRANSITIONS; anything not listed there is refused with a reason in
// Vietnamese that the person can act on.
import { ROLE_LABELS, type Role } from "../permissions.js";

export const CASE_STATES = [
  "draft",
  "open",
  "awaiting_explanation",
  "under_review",
  "pending_approval",
  "published",
  "closed",
  "withdrawn",
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  draft: "Dự thảo",
  open: "Đang kiểm tra",
  awaiting_explanation: "Chờ giải trình",
  under_review: "Đang xem xét",
  pending_approval: "Chờ phê duyệt",
  published: "Đã công bố",
  closed: "Đã kết thúc",
  withdrawn: "Đã rút",
};

export const CASE_ACTIONS = [
  "open",
  "request_explanation",
  "submit_explanation",
  "review_without_explanation",
  "submit_for_approval",
  "approve",
  "return",
  "close",
  "withdraw",
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  open: "Mở vụ việc",
  request_explanation: "Yêu cầu giải trình",
  submit_explanation: "Gửi giải trình",
  review_without_explanation: "Chuyển xem xét khi hết hạn giải trình",
  submit_for_approval: "Trình phê duyệt",
  approve: "Phê duyệt và công bố",
  return: "Trả lại để xem xét",
  close: "Kết thúc vụ việc",
  withdraw: "Rút vụ việc",
};

/** Who may take a step: a role, narrowed for inspectors by their place on the team and for unit heads by their unit. */
export type Actor =
  | { role: "inspector"; team: "lead" | "member" }
  | { role: "approver" }
  | { role: "unit_head"; ofSubjectUnit: true };

/** Facts about the person acting, relative to this case; the model computes them, the rule only reads them. */
export type CaseActor = {
  roles: readonly Role[];
  /** Trưởng đoàn of the inspection the case belongs to. */
  isTeamLead: boolean;
  /** Any member of that team (the lead counts as a member even when this is false). */
  isTeamMember: boolean;
  /** Drafted the conclusion now awaiting approval. */
  isDrafter: boolean;
  /** Holds unit_head for the case's subject unit (or the unit of its subject officer). */
  isHeadOfSubjectUnit: boolean;
  /** Is the case's subject officer. */
  isCaseSubject: boolean;
};

export type CaseContext = {
  reason?: string | null;
  comment?: string | null;
  /** Every recommendation of the published conclusion is done or waived. */
  allRecommendationsSettled?: boolean;
  /** The working-day deadline for the explanation has passed without an answer. */
  explanationDeadlinePassed?: boolean;
};

/** What must hold besides who acts. `input` conditions are typed in the form; `fact` conditions are the case's. */
export type CaseCondition = "not_drafter" | "reason" | "comment" | "recommendations_settled" | "explanation_deadline_passed";

export type CaseTransition = {
  from: CaseState;
  action: CaseAction;
  to: CaseState;
  who: readonly Actor[];
  conditions: readonly CaseCondition[];
};

const TEAM_LEAD: Actor = { role: "inspector", team: "lead" };
const TEAM_MEMBER: Actor = { role: "inspector", team: "member" };
const APPROVER: Actor = { role: "approver" };
const SUBJECT_UNIT_HEAD: Actor = { role: "unit_head", ofSubjectUnit: true };

/** States from which a case may still be withdrawn: everything before publication that is not already final. */
export const WITHDRAWABLE_STATES = ["draft", "open", "awaiting_explanation", "under_review", "pending_approval"] as const satisfies readonly CaseState[];

export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  { from: "draft", action: "open", to: "open", who: [TEAM_MEMBER], conditions: [] },
  { from: "open", action: "request_explanation", to: "awaiting_explanation", who: [TEAM_LEAD], conditions: [] },
  // Asked again after the findings changed under review: the unit answers the new versions.
  { from: "under_review", action: "request_explanation", to: "awaiting_explanation", who: [TEAM_LEAD], conditions: [] },
  { from: "awaiting_explanation", action: "submit_explanation", to: "under_review", who: [SUBJECT_UNIT_HEAD], conditions: [] },
  {
    from: "awaiting_explanation",
    action: "review_without_explanation",
    to: "under_review",
    who: [TEAM_MEMBER],
    conditions: ["explanation_deadline_passed"],
  },
  { from: "under_review", action: "submit_for_approval", to: "pending_approval", who: [TEAM_LEAD], conditions: [] },
  { from: "pending_approval", action: "approve", to: "published", who: [APPROVER], conditions: ["not_drafter"] },
  { from: "pending_approval", action: "return", to: "under_review", who: [APPROVER], conditions: ["comment"] },
  { from: "published", action: "close", to: "closed", who: [TEAM_LEAD, APPROVER], conditions: ["recommendations_settled"] },
  ...WITHDRAWABLE_STATES.map(
    (from): CaseTransition => ({ from, action: "withdraw", to: "withdrawn", who: [TEAM_LEAD, APPROVER], conditions: ["reason"] }),
  ),
];

/** Roles that judge the case; none of them may do so when the case is about themselves. */
const IMPARTIAL_ROLES: readonly Role[] = ["inspector", "approver"];

export const WITHDRAW_REFUSED = "Chỉ rút vụ việc trước khi công bố, và phải nêu lý do.";
export const SELF_CASE_REFUSED = "Không thể xử lý vụ việc mà chính mình là đối tượng.";

const CONDITION_KIND: Record<CaseCondition, "input" | "fact"> = {
  not_drafter: "fact",
  reason: "input",
  comment: "input",
  recommendations_settled: "fact",
  explanation_deadline_passed: "fact",
};

const CONDITION_MESSAGES: Record<CaseCondition, string> = {
  not_drafter: "Không thể phê duyệt kết luận do chính mình dự thảo.",
  reason: WITHDRAW_REFUSED,
  comment: "Khi trả lại phải ghi ý kiến nêu rõ nội dung cần xem xét lại.",
  recommendations_settled: "Chưa thể kết thúc vụ việc: còn kiến nghị chưa thực hiện xong hoặc chưa được miễn.",
  explanation_deadline_passed: "Chưa hết hạn giải trình; chỉ chuyển xem xét khi đơn vị đã gửi giải trình hoặc đã quá hạn.",
};

function nonEmpty(text: string | null | undefined): boolean {
  return typeof text === "string" && text.trim() !== "";
}

function conditionHolds(condition: CaseCondition, actor: CaseActor, context: CaseContext): boolean {
  switch (condition) {
    case "not_drafter":
      return !actor.isDrafter;
    case "reason":
      return nonEmpty(context.reason);
    case "comment":
      return nonEmpty(context.comment);
    case "recommendations_settled":
      return context.allRecommendationsSettled === true;
    case "explanation_deadline_passed":
      return context.explanationDeadlinePassed === true;
  }
}

function actsAs(actor: CaseActor, who: Actor): boolean {
  if (!actor.roles.includes(who.role)) return false;
  switch (who.role) {
    case "inspector":
      return who.team === "lead" ? actor.isTeamLead : actor.isTeamLead || actor.isTeamMember;
    case "approver":
      return true;
    case "unit_head":
      return actor.isHeadOfSubjectUnit;
  }
}

export function actorLabel(who: Actor): string {
  switch (who.role) {
    case "inspector":
      return who.team === "lead" ? "Trưởng đoàn kiểm tra" : "Thành viên đoàn kiểm tra";
    case "approver":
      return ROLE_LABELS.approver;
    case "unit_head":
      return "Thủ trưởng đơn vị được kiểm tra";
  }
}

export type TransitionResult = { ok: true; to: CaseState } | { ok: false; message: string };

export function findTransition(state: CaseState, action: CaseAction): CaseTransition | undefined {
  return CASE_TRANSITIONS.find((t) => t.from === state && t.action === action);
}

function refusalFor(t: CaseTransition, actor: CaseActor, context: CaseContext, checkInputs: boolean): string | null {
  const acting = t.who.filter((who) => actsAs(actor, who));
  if (acting.length === 0) {
    const allowed = t.who.map(actorLabel).join(" hoặc ");
    return `Chỉ ${allowed} được thực hiện thao tác «${CASE_ACTION_LABELS[t.action]}».`;
  }
  if (actor.isCaseSubject && acting.every((who) => IMPARTIAL_ROLES.includes(who.role))) return SELF_CASE_REFUSED;
  for (const condition of t.conditions) {
    if (!checkInputs && CONDITION_KIND[condition] === "input") continue;
    if (!conditionHolds(condition, actor, context)) return CONDITION_MESSAGES[condition];
  }
  return null;
}

/** Whether this person may take this action on a case in this state, and where it leads; or why not. */
export function transition(state: CaseState, action: CaseAction, actor: CaseActor, context: CaseContext = {}): TransitionResult {
  const t = findTransition(state, action);
  if (!t) {
    if (action === "withdraw") return { ok: false, message: WITHDRAW_REFUSED };
    return {
      ok: false,
      message: `Vụ việc đang ở trạng thái «${CASE_STATE_LABELS[state]}»; thao tác «${CASE_ACTION_LABELS[action]}» không áp dụng.`,
    };
  }
  const message = refusalFor(t, actor, context, true);
  return message === null ? { ok: true, to: t.to } : { ok: false, message };
}

export type AvailableAction = {
  action: CaseAction;
  label: string;
  to: CaseState;
  /** What the form must ask for before the action can be taken. */
  inputs: Extract<CaseCondition, "reason" | "comment">[];
};

/**
 * The buttons to show: actions this person may take now, the text they must type aside (a reason, a
 * comment), which the form collects and transition() checks on submit.
 */
export function availableActions(state: CaseState, actor: CaseActor, context: CaseContext = {}): AvailableAction[] {
  return CASE_TRANSITIONS.filter((t) => t.from === state && refusalFor(t, actor, context, false) === null).map((t) => ({
    action: t.action,
    label: CASE_ACTION_LABELS[t.action],
    to: t.to,
    inputs: t.conditions.filter((c): c is "reason" | "comment" => CONDITION_KIND[c] === "input"),
  }));
}

/** States no action leaves. */
export function isFinalState(state: CaseState): boolean {
  return !CASE_TRANSITIONS.some((t) => t.from === state);
}
