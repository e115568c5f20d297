// The forms of the appraisal pages, one schema per intent, shared by the routes (server parse) and the
// pages. Points are typed the Vietnamese way ("12,5") as well as "12.5"; dates dd/mm/yyyy.
import { z } from "zod";
import { DISCIPLINE_LEVELS } from "../domain/conclusion.js";
import { parseDateInput } from "../domain/format.js";
import { parseDecimal, parseTaskLines } from "../domain/appraisal/sheet.js";
import { DISCIPLINE_SYSTEMS, ND90_RATINGS } from "../domain/appraisal/types.js";

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} dài tối đa ${max.toLocaleString("vi-VN")} ký tự.`)
    .optional()
    .transform((s) => (s ? s.normalize("NFC") : null));

const decimal = (label: string, max: number) =>
  z.string({ required_error: `Vui lòng nhập ${label}.` }).transform((text, ctx) => {
    const value = parseDecimal(text);
    if (value === null || value > max) {
      ctx.addIssue({ code: "custom", message: `${label[0]!.toUpperCase()}${label.slice(1)} phải là số từ 0 đến ${max}, tối đa hai chữ số thập phân (ví dụ 12,5).` });
      return z.NEVER;
    }
    return value;
  });

const id = (message: string) => z.number({ required_error: message, invalid_type_error: message }).int(message).positive(message);

export const openCycleSchema = z.object({
  year: z
    .number({ required_error: "Vui lòng nhập năm đánh giá.", invalid_type_error: "Năm đánh giá phải là số, ví dụ 2026." })
    .int("Năm đánh giá phải là số nguyên.")
    .min(2020, "Năm đánh giá từ 2020 đến 2100.")
    .max(2100, "Năm đánh giá từ 2020 đến 2100."),
  quarter: z
    .enum(["1", "2", "3", "4"], { errorMap: () => ({ message: "Quý phải từ I đến IV." }) })
    .optional()
    .transform((q) => (q ? Number(q) : null)),
  scopeUnitId: id("Vui lòng chọn đơn vị thuộc phạm vi đánh giá."),
  ruleSetCode: z.enum(["nd90-48", "nd335-2025"], { errorMap: () => ({ message: "Vui lòng chọn bộ quy tắc đánh giá." }) }),
  title: optionalText("Tên kỳ đánh giá", 300),
});

export const consumeSchema = z.object({
  intent: z.literal("consume"),
  itemId: id("Nội dung kết luận không hợp lệ."),
  taskTitle: optionalText("Tên nhiệm vụ", 300),
  note: optionalText("Ghi chú", 2000),
});

export const closeSchema = z.object({ intent: z.literal("close") });

export const nd90InputsSchema = z.object({
  intent: z.literal("inputs"),
  assessedRating: z.enum(ND90_RATINGS, { errorMap: () => ({ message: "Vui lòng chọn mức đánh giá theo tiêu chí." }) }),
});

export const nd335InputsSchema = z.object({
  intent: z.literal("inputs"),
  generalPoints: decimal("điểm tiêu chí chung", 30),
  tasks: z
    .string({ required_error: "Vui lòng nhập các nhiệm vụ, mỗi nhiệm vụ một dòng." })
    .max(10000, "Các nhiệm vụ dài tối đa 10.000 ký tự.")
    .transform((text, ctx) => {
      const parsed = parseTaskLines(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.errors.join(" ") });
        return z.NEVER;
      }
      if (parsed.tasks.length === 0) {
        ctx.addIssue({ code: "custom", message: "Vui lòng nhập các nhiệm vụ, mỗi nhiệm vụ một dòng." });
        return z.NEVER;
      }
      return parsed.tasks;
    }),
  // The task each counted item's delays fall on: parallel lists, one pair per item with delays.
  taskItemId: z.array(id("Nội dung kết luận không hợp lệ; hãy tải lại trang.")).default([]),
  taskItemTitle: z.array(z.string().trim().max(300, "Tên nhiệm vụ dài tối đa 300 ký tự.")).default([]),
});

export const resultSchema = z.object({
  intent: z.literal("result"),
  rating: z.enum(ND90_RATINGS, { errorMap: () => ({ message: "Vui lòng chọn mức xếp loại." }) }),
  points: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return null;
      const value = parseDecimal(text);
      if (value === null || value > 100) {
        ctx.addIssue({ code: "custom", message: "Tổng điểm phải là số từ 0 đến 100, tối đa hai chữ số thập phân." });
        return z.NEVER;
      }
      return value;
    }),
  reason: optionalText("Lý do", 2000),
});

export const disciplineSchema = z.object({
  intent: z.literal("discipline"),
  decisionNumber: z
    .string({ required_error: "Vui lòng nhập số quyết định kỷ luật." })
    .trim()
    .min(1, "Vui lòng nhập số quyết định kỷ luật.")
    .max(100, "Số quyết định dài tối đa 100 ký tự.")
    .transform((s) => s.normalize("NFC")),
  system: z.enum(DISCIPLINE_SYSTEMS, { errorMap: () => ({ message: "Vui lòng chọn loại kỷ luật (đảng hoặc hành chính)." }) }),
  level: z.enum(DISCIPLINE_LEVELS, { errorMap: () => ({ message: "Vui lòng chọn hình thức kỷ luật." }) }),
  decidedOn: z.string({ required_error: "Vui lòng nhập ngày quyết định." }).transform((text, ctx) => {
    const date = parseDateInput(text);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "Ngày quyết định phải là một ngày có thật, dạng dd/mm/yyyy." });
      return z.NEVER;
    }
    return date;
  }),
  conclusionItemId: id("Nội dung kết luận đã chọn không hợp lệ; hãy tải lại trang.").optional(),
});

export const unitResultSchema = z.object({
  intent: z.literal("unit-result"),
  points: decimal("điểm trừ", 100),
  reason: optionalText("Lý do", 2000),
});
