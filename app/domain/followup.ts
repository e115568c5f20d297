// The follow-up of a recommendation (kiến nghị) after publication, as data: the owner unit appends
// remediation reports; the team lead accepts one (done), rejects it with a reason (the unit reports
// again) or waives the recommendation with a reason. Nothing is overwritten: the status is read from the
// latest decision and the reports after it.

export const FOLLOWUP_STATUSES = ["open", "reported", "done", "waived"] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

export const FOLLOWUP_STATUS_LABELS: Record<FollowupStatus, string> = {
  open: "Chưa thực hiện",
  reported: "Đã báo cáo, chờ đánh giá",
  done: "Đã thực hiện",
  waived: "Được miễn",
};

export type Decision = { decision: "accepted" | "rejected" | "waived" | "escalated"; at: number };
export type Report = { at: number };

/** The status from the decisions and reports (instants in ms; order within equal instants by input order). */
export function followupStatus(decisions: readonly Decision[], reports: readonly Report[]): FollowupStatus {
  const settled = [...decisions].reverse().find((d) => d.decision !== "escalated");
  if (settled?.decision === "accepted") return "done";
  if (settled?.decision === "waived") return "waived";
  // A rejection asks for a new report: only reports after the latest decision count.
  const since = settled ? settled.at : -Infinity;
  return reports.some((r) => r.at > since) ? "reported" : "open";
}

/** Settled: nothing more is expected of the unit. */
export function isSettled(status: FollowupStatus): boolean {
  return status === "done" || status === "waived";
}

/** Overdue: not settled and its deadline (a date, Vietnam) is before today. */
export function isOverdue(status: FollowupStatus, deadline: string, today: string): boolean {
  return !isSettled(status) && deadline < today;
}
