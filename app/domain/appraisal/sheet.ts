// An officer's appraisal sheet in one cycle: what HR entered (inputs), what the cycle's rule set proposes
// from the items consumed into the cycle and the discipline decisions, and whether the result HR records
// may differ from the proposal (only with a reason). Pure: the model gathers the facts.
//
// Acts (hành vi): every item of a correction chain concerns the act of the chain's first item, so the act
// is named "KL-<id of the root item>"; a discipline decision about no conclusion item is its own act,
// "QĐ-<decision number>". The same act is never counted twice, in one year or across years (nd90-48).
import type { DisciplineLevel } from "../conclusion.js";
import { formatNumber } from "../format.js";
import type { ItemEffect } from "./consumption.js";
import { rateNd335 } from "./nd335-2025.js";
import { rateNd90 } from "./nd90-48.js";
import type { RuleSetCode } from "./index.js";
import { ND90_RATINGS, RATING_LABELS, type AppraisalItem, type DisciplineDecision, type DisciplineSystem, type Nd335TaskScore, type Nd90Rating, type OfficerCategory, type Reason } from "./types.js";

/** What HR enters on the sheet. nd90-48 reads `assessedRating`; nd335-2025 the points and tasks. */
export interface OfficerInputs {
  assessedRating?: Nd90Rating;
  generalPoints?: number;
  tasks?: { title: string; points: number; progressPoints: number }[];
  /**
   * nd335-2025: the task each counted item's delays fall on, by item id, when HR names or corrects it
   * on the sheet. The consumption keeps the title given when it was recorded (append-only); this wins.
   */
  itemTasks?: Record<string, string>;
}

export const actOfItem = (rootItemId: number): string => `KL-${rootItemId}`;
export const actOfDecision = (decisionNumber: string): string => `QĐ-${decisionNumber}`;

/** A counted item as the rule sets read it. */
export interface SheetItem {
  itemId: number;
  rootItemId: number;
  /** "nội dung 1 của Thông báo số 01/TB-SNV" */
  label: string;
  effect: Pick<ItemEffect, "kind" | "points" | "attributedDelays" | "disciplineLevel">;
  taskTitle: string | null;
}

export interface SheetDiscipline {
  id: number;
  decisionNumber: string;
  rootItemId: number | null;
  system: DisciplineSystem;
  level: DisciplineLevel;
  decidedOn: string;
}

export interface ProposalFacts {
  ruleSetCode: RuleSetCode;
  year: number;
  category: OfficerCategory;
  inputs: OfficerInputs;
  items: readonly SheetItem[];
  disciplines: readonly SheetDiscipline[];
  actsCountedInEarlierYears: readonly string[];
}

export type Proposal =
  | { ok: true; ruleSet: RuleSetCode; rating: Nd90Rating; label: string; points: number | null; reasons: Reason[]; actsCounted: string[]; taskPoints: Nd335TaskScore[] }
  | { ok: false; ruleSet: RuleSetCode; problems: string[] };

export function itemTaskOf(item: SheetItem, inputs: OfficerInputs): string | null {
  const entered = inputs.itemTasks?.[String(item.itemId)]?.trim();
  return entered || item.taskTitle?.trim() || null;
}

/** The rule set's proposal for one officer, or the Vietnamese problems that keep it from proposing. */
export function proposeForOfficer(f: ProposalFacts): Proposal {
  const disciplines: DisciplineDecision[] = f.disciplines.map((d) => ({
    decisionId: d.decisionNumber,
    actId: d.rootItemId !== null ? actOfItem(d.rootItemId) : actOfDecision(d.decisionNumber),
    system: d.system,
    level: d.level,
    decidedOn: d.decidedOn,
  }));
  const items: AppraisalItem[] = f.items.map((i) => ({
    itemId: i.label,
    actId: actOfItem(i.rootItemId),
    kind: i.effect.kind,
    points: i.effect.points,
    attributedDelays: i.effect.attributedDelays,
    disciplineLevel: i.effect.disciplineLevel,
    taskId: itemTaskOf(i, f.inputs),
  }));
  if (f.ruleSetCode === "nd90-48") {
    const r = rateNd90({
      year: f.year,
      category: f.category,
      // Until HR has assessed the officer against the decree's criteria, the sheet proposes from "good".
      assessedRating: f.inputs.assessedRating ?? "good",
      items,
      disciplines,
      actsCountedInEarlierYears: f.actsCountedInEarlierYears,
    });
    return { ok: true, ruleSet: "nd90-48", rating: r.rating, label: r.label, points: null, reasons: r.reasons, actsCounted: r.actsCounted, taskPoints: [] };
  }
  const missing: string[] = [];
  if (f.inputs.generalPoints === undefined) missing.push("Chưa nhập điểm tiêu chí chung (từ 0 đến 30).");
  if (!f.inputs.tasks || f.inputs.tasks.length === 0) missing.push("Chưa nhập nhiệm vụ nào: mỗi nhiệm vụ một dòng «Tên nhiệm vụ; điểm; điểm tiến độ».");
  if (missing.length > 0) return { ok: false, ruleSet: "nd335-2025", problems: missing };
  const r = rateNd335({
    year: f.year,
    generalPoints: f.inputs.generalPoints!,
    tasks: f.inputs.tasks!.map((t) => ({ taskId: t.title, title: t.title, points: t.points, progressPoints: t.progressPoints })),
    items,
    disciplines,
  });
  if (!r.ok) return { ok: false, ruleSet: "nd335-2025", problems: r.problems };
  return { ok: true, ruleSet: "nd335-2025", rating: r.band, label: r.label, points: r.points, reasons: r.reasons, actsCounted: [], taskPoints: r.taskPoints };
}

/** A decimal as HR types it: "12,5" or "12.5". Null when it is not a number. */
export function parseDecimal(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return Number(t);
}

/**
 * nd335-2025 tasks, one a line: "Tên nhiệm vụ; điểm; điểm tiến độ" (e.g. "Giải quyết hồ sơ đất đai; 40;
 * 10"). Errors name the line.
 */
export function parseTaskLines(text: string): { ok: true; tasks: NonNullable<OfficerInputs["tasks"]> } | { ok: false; errors: string[] } {
  const tasks: NonNullable<OfficerInputs["tasks"]> = [];
  const errors: string[] = [];
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .forEach((line, index) => {
      if (line === "") return;
      const n = index + 1;
      const parts = line.split(";").map((p) => p.trim());
      if (parts.length !== 3 || parts[0] === "") {
        errors.push(`Dòng ${n}: cần đúng ba phần «Tên nhiệm vụ; điểm; điểm tiến độ», cách nhau bởi dấu chấm phẩy.`);
        return;
      }
      const points = parseDecimal(parts[1]!);
      const progress = parseDecimal(parts[2]!);
      if (points === null) errors.push(`Dòng ${n}: điểm của nhiệm vụ «${parts[0]}» phải là số, ví dụ 40 hoặc 12,5.`);
      if (progress === null) errors.push(`Dòng ${n}: điểm tiến độ của nhiệm vụ «${parts[0]}» phải là số, ví dụ 10.`);
      if (points !== null && progress !== null) tasks.push({ title: parts[0]!, points, progressPoints: progress });
    });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, tasks };
}

export function taskLinesOf(tasks: OfficerInputs["tasks"]): string {
  return (tasks ?? []).map((t) => `${t.title}; ${formatNumber(t.points)}; ${formatNumber(t.progressPoints)}`).join("\n");
}

export function isRating(value: unknown): value is Nd90Rating {
  return typeof value === "string" && (ND90_RATINGS as readonly string[]).includes(value);
}

/**
 * Whether HR's result may be recorded: it may differ from the proposal, but only with a reason (the
 * rule sets propose, HR decides and answers for the difference). Returns the problem, or null.
 */
export function finalResultProblem(proposal: Proposal, final: { rating: Nd90Rating; points: number | null; reason: string | null }): string | null {
  if (!proposal.ok) return `Chưa có đề xuất xếp loại: ${proposal.problems.join(" ")} Hãy nhập đủ thông tin đánh giá trước khi ghi kết quả.`;
  const differences: string[] = [];
  if (final.rating !== proposal.rating) differences.push(`mức «${RATING_LABELS[final.rating]}» khác đề xuất «${proposal.label}»`);
  if (proposal.points !== null && final.points !== null && Math.round(final.points * 100) !== Math.round(proposal.points * 100)) {
    differences.push(`${formatNumber(final.points)} điểm khác đề xuất ${formatNumber(proposal.points)} điểm`);
  }
  if (differences.length > 0 && !final.reason?.trim()) return `Kết quả ghi nhận khác đề xuất (${differences.join("; ")}): vui lòng nêu lý do.`;
  return null;
}

/** The unit's PAR deduction HR records may differ from the computed one, only with a reason. */
export function unitResultProblem(computed: number, final: { points: number; reason: string | null }): string | null {
  if (Math.round(computed * 100) !== Math.round(final.points * 100) && !final.reason?.trim()) {
    return `Điểm trừ ghi nhận (${formatNumber(final.points)}) khác điểm trừ tính theo bảng (${formatNumber(computed)}): vui lòng nêu lý do.`;
  }
  return null;
}

/** Text of a recorded result, e.g. "Hoàn thành tốt nhiệm vụ (82,5 điểm)"; null when none was recorded. */
export function finalText(r: { finalRating: Nd90Rating | null; finalPoints: number | null }): string | null {
  if (!r.finalRating) return null;
  return `${RATING_LABELS[r.finalRating]}${r.finalPoints !== null ? ` (${formatNumber(r.finalPoints)} điểm)` : ""}`;
}
