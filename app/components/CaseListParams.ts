// The case list's work lists and filters as they travel in the URL: view (all | mine | explanations),
// state, inspection, deadline (soon | overdue) and page. The home page links here with the same names.
import { CASE_STATES, type CaseState } from "../domain/case-states.js";
import { pageFrom } from "../domain/paging.js";
import { idParam } from "../domain/units.js";
import { hasRole, type SessionUser } from "../permissions.js";

export const CASE_VIEWS = ["all", "mine", "explanations"] as const;
export type CaseView = (typeof CASE_VIEWS)[number];
export const DEADLINE_FILTER_VALUES = ["soon", "overdue"] as const;
export type DeadlineFilterValue = (typeof DEADLINE_FILTER_VALUES)[number];

export const DEADLINE_FILTER_LABELS: Record<DeadlineFilterValue, string> = {
  soon: "Sắp đến hạn giải trình",
  overdue: "Quá hạn giải trình",
};

type Viewer = Pick<SessionUser, "roles" | "officerId">;

/** The work lists a user has: every case in their scope; an inspector's own; a unit head's explanations. */
export function viewsFor(user: Viewer): { view: CaseView; label: string }[] {
  const head = hasRole(user, "unit_head");
  const views: { view: CaseView; label: string }[] = [];
  if (head) views.push({ view: "explanations", label: "Yêu cầu giải trình" });
  if (hasRole(user, "inspector") && user.officerId !== null) views.push({ view: "mine", label: "Vụ việc của tôi" });
  views.push({ view: "all", label: head && !hasRole(user, "inspector") && !hasRole(user, "approver") ? "Tất cả vụ việc của đơn vị" : "Tất cả vụ việc" });
  return views;
}

/** A unit head lands on the explanations asked of them; everyone else on all cases. */
export function defaultView(user: Viewer): CaseView {
  return hasRole(user, "unit_head") && !hasRole(user, "inspector") ? "explanations" : "all";
}

export type CaseListParams = { view: CaseView; state: CaseState | null; inspectionId: number | null; deadline: DeadlineFilterValue | null; page: number };

export function readCaseListParams(params: URLSearchParams, user: Viewer): CaseListParams {
  // Any list may be asked for by its link (each is only a filter inside the user's scope); the tabs offer the user's own.
  const asked = params.get("view") ?? (params.get("mine") === "1" ? "mine" : null);
  const view = CASE_VIEWS.find((v) => v === asked) ?? defaultView(user);
  const state = params.get("state");
  const deadline = params.get("deadline");
  return {
    view,
    // The explanations list is the awaiting state by definition.
    state: view === "explanations" ? null : ((CASE_STATES as readonly string[]).includes(state ?? "") ? (state as CaseState) : null),
    inspectionId: idParam(params.get("inspection") ?? undefined),
    deadline: (DEADLINE_FILTER_VALUES as readonly string[]).includes(deadline ?? "") ? (deadline as DeadlineFilterValue) : null,
    page: pageFrom(params),
  };
}

/** The list's URL for the given params (defaults left out). */
export function caseListHref(p: Partial<CaseListParams>): string {
  const params = new URLSearchParams();
  if (p.view) params.set("view", p.view);
  if (p.state) params.set("state", p.state);
  if (p.inspectionId) params.set("inspection", String(p.inspectionId));
  if (p.deadline) params.set("deadline", p.deadline);
  if (p.page && p.page > 1) params.set("page", String(p.page));
  const search = params.toString();
  return search ? `/cases?${search}` : "/cases";
}
