// Exactly once (DOMAIN.md step 8): whether one published conclusion item may be consumed into an
// appraisal now, and how. The database holds the same rule as a UNIQUE constraint on the item; this
// module decides first, so that every channel (the web page, the API) refuses with the same Vietnamese
// words, naming who consumed the item and when. Pure: the model gathers the facts.
import { ITEM_KIND_LABELS, itemEffectLabel, type DisciplineLevel, type ItemKind } from "../conclusion.js";
import { formatDateTime } from "../format.js";
import { OFFICER_CATEGORY_LABELS, type OfficerCategory } from "./types.js";
import { RULE_SETS, type RuleSetCode } from "./index.js";

export type ConsumptionMode = "counted" | "acknowledged";
export type Channel = "web" | "api";

export const CONSUMPTION_MODE_LABELS: Record<ConsumptionMode, string> = {
  counted: "Đã ghi nhận vào đánh giá",
  acknowledged: "Đã xác nhận đính chính (không tính lại)",
};

/** A consumption as people are told about it. */
export interface ConsumptionRecord {
  id: number;
  mode: ConsumptionMode;
  cycleReference: string;
  channel: Channel;
  /** The HR officer's name, or the API token's name. */
  consumerName: string;
  /** ISO instant. */
  consumedAt: string;
}

export function consumerText(c: Pick<ConsumptionRecord, "channel" | "consumerName">): string {
  return c.channel === "api" ? `phần mềm ${c.consumerName} (qua API)` : c.consumerName;
}

/** "10:15 ngày 23/11/2026", Vietnam time. */
export function atText(iso: string): string {
  const [date, time] = formatDateTime(iso).split(" ");
  return `${time} ngày ${date}`;
}

/** "… đã được ghi nhận vào đánh giá ở kỳ DG-2026-001 bởi Nguyễn Thị Thanh Tâm lúc 10:15 ngày 23/11/2026 …" */
export function alreadyConsumedMessage(c: ConsumptionRecord): string {
  const what = c.mode === "acknowledged" ? "đã được xác nhận (đính chính)" : "đã được ghi nhận vào đánh giá";
  return `Nội dung kết luận này ${what} ở kỳ ${c.cycleReference} bởi ${consumerText(c)} lúc ${atText(c.consumedAt)}. Mỗi nội dung kết luận chỉ được ghi nhận một lần, không đánh giá lại.`;
}

/** What the model knows about the item, the cycle and earlier consumptions when someone asks to consume. */
export interface ConsumeFacts {
  item: {
    published: boolean;
    /** The published correction that replaced the item's notice, if any (its number). */
    supersededByNotice: string | null;
    subjectUnitInCycleScope: boolean;
    /** Null for an item about a unit. */
    officer: { name: string; category: OfficerCategory } | null;
  };
  cycle: { reference: string; status: "open" | "closed"; year: number; ruleSetCode: RuleSetCode };
  /** The item's own consumption, if any. */
  existing: ConsumptionRecord | null;
  /** The consumption of the item this one corrects (a correction published after use), if any. */
  predecessor: ConsumptionRecord | null;
}

export type ConsumeDecision =
  | { ok: true; mode: ConsumptionMode; acknowledges: number | null }
  | { ok: false; status: 404 | 409 | 422; message: string; existing?: ConsumptionRecord };

/** Whether the rule set of a cycle covers an officer of this category in the cycle's year. */
export function ruleSetCovers(ruleSetCode: RuleSetCode, year: number, category: OfficerCategory): boolean {
  const range = RULE_SETS.find((r) => r.code === ruleSetCode)?.appliesTo[category];
  return !!range && (range.fromYear === null || year >= range.fromYear) && (range.toYear === null || year <= range.toYear);
}

export function decideConsumption(f: ConsumeFacts): ConsumeDecision {
  if (f.existing) return { ok: false, status: 409, message: alreadyConsumedMessage(f.existing), existing: f.existing };
  if (!f.item.published) return { ok: false, status: 422, message: "Nội dung này thuộc dự thảo chưa công bố: chỉ ghi nhận được nội dung của thông báo kết luận đã công bố." };
  if (f.item.supersededByNotice) {
    return { ok: false, status: 422, message: `Thông báo chứa nội dung này đã được thay thế bởi Thông báo số ${f.item.supersededByNotice}: hãy ghi nhận nội dung của thông báo thay thế.` };
  }
  if (f.cycle.status !== "open") return { ok: false, status: 422, message: `Kỳ đánh giá ${f.cycle.reference} đã khoá: nội dung chưa ghi nhận sẽ được chuyển sang kỳ sau.` };
  if (!f.item.subjectUnitInCycleScope) return { ok: false, status: 422, message: `Đối tượng của nội dung này không thuộc phạm vi kỳ đánh giá ${f.cycle.reference}.` };
  if (f.item.officer && !ruleSetCovers(f.cycle.ruleSetCode, f.cycle.year, f.item.officer.category)) {
    return {
      ok: false,
      status: 422,
      message: `${f.item.officer.name} là ${OFFICER_CATEGORY_LABELS[f.item.officer.category].toLowerCase()}: bộ quy tắc ${f.cycle.ruleSetCode} của kỳ ${f.cycle.reference} không áp dụng cho năm ${f.cycle.year}; hãy ghi nhận vào kỳ đánh giá theo bộ quy tắc phù hợp.`,
    };
  }
  // A correction of an item already used: HR acknowledges it; the first consumption stands.
  if (f.predecessor) return { ok: true, mode: "acknowledged", acknowledges: f.predecessor.id };
  return { ok: true, mode: "counted", acknowledges: null };
}

/** The item's effect as carried into appraisal and shown on the sheets. */
export interface ItemEffect {
  notice: string;
  publicationDate: string;
  position: number;
  kind: ItemKind;
  content: string;
  points: number;
  attributedDelays: number;
  disciplineLevel: DisciplineLevel | null;
  parDeduction: number;
}

/** "Vi phạm: trừ 12 điểm; 3 hồ sơ chậm do đối tượng" — the kind, then the conclusion's own effect words. */
export function effectText(e: Pick<ItemEffect, "kind" | "points" | "attributedDelays" | "disciplineLevel" | "parDeduction">): string {
  return `${ITEM_KIND_LABELS[e.kind]}: ${itemEffectLabel(e)}`;
}

/** The provincial PAR table (one version). */
export interface ParTable {
  version: number;
  violationPoints: number;
  shortcomingPoints: number;
  perDelayPoints: number;
  componentMax: number;
}

/**
 * One unit item's deduction from the PAR "public service" component: the figure the notice states when it
 * states one; otherwise the provincial table (per kind, plus per attributed delay). Commendations deduct nothing.
 */
export function itemParDeduction(e: Pick<ItemEffect, "kind" | "attributedDelays" | "parDeduction">, table: ParTable): { points: number; source: "notice" | "table" } {
  if (e.kind === "commendation") return { points: 0, source: "table" };
  if (e.parDeduction > 0) return { points: e.parDeduction, source: "notice" };
  const base = e.kind === "violation" ? table.violationPoints : table.shortcomingPoints;
  return { points: Math.round((base + table.perDelayPoints * e.attributedDelays) * 100) / 100, source: "table" };
}

/** A unit's deduction in a cycle: the sum of its counted items, capped at the component's maximum. */
export function unitParDeduction(effects: readonly Pick<ItemEffect, "kind" | "attributedDelays" | "parDeduction">[], table: ParTable): { total: number; capped: boolean } {
  const sum = Math.round(effects.reduce((s, e) => s + itemParDeduction(e, table).points * 100, 0)) / 100;
  return { total: Math.min(sum, table.componentMax), capped: sum > table.componentMax };
}
