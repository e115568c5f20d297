// The forms of the conclusion workspace, one schema per intent, shared by the route (server parse) and
// the page (browser validation). Messages name the field in Vietnamese.
import { z } from "zod";
import { parseDateInput } from "../domain/format.js";
import { DISCIPLINE_LEVELS, ITEM_KINDS, RECOMMENDATION_KINDS, SIGNER_CAPACITIES } from "../domain/conclusion.js";

const text = (label: string, max: number) =>
  z
    .string({ required_error: `Vui lòng nhập ${label}.` })
    .trim()
    .min(1, `Vui lòng nhập ${label}.`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} dài tối đa ${max.toLocaleString("vi-VN")} ký tự.`)
    .transform((s) => s.normalize("NFC"));

const optionalLongText = (label: string) =>
  z
    .string()
    .trim()
    .max(20000, `${label} dài tối đa 20.000 ký tự.`)
    .optional()
    .transform((s) => (s ?? "").normalize("NFC"));

const points = (label: string, max: number) =>
  z
    .number({ invalid_type_error: `${label} phải là một số.` })
    .min(0, `${label} không được âm.`)
    .max(max, `${label} tối đa ${max} điểm.`)
    .multipleOf(0.01, `${label} có tối đa hai chữ số thập phân.`)
    .default(0);

const id = (message: string) => z.number({ required_error: message, invalid_type_error: message }).int(message).positive(message);

export const textSchema = z.object({
  intent: z.literal("text"),
  title: text("trích yếu", 500),
  summary: optionalLongText("Nội dung kiểm tra"),
  responsibility: optionalLongText("Trách nhiệm của tập thể, cá nhân"),
  recipients: z
    .string()
    .max(5000, "Nơi nhận dài tối đa 5.000 ký tự.")
    .optional()
    .transform((s) =>
      (s ?? "")
        .split(/\r?\n/)
        .map((line) => line.replace(/^[-–•\s]+/, "").replace(/[;.]\s*$/, "").trim().normalize("NFC"))
        .filter((line) => line !== ""),
    )
    .refine((lines) => lines.length > 0, "Vui lòng ghi ít nhất một nơi nhận.")
    .refine((lines) => lines.length <= 30, "Tối đa 30 nơi nhận."),
});

export const itemSchema = z.object({
  intent: z.literal("item"),
  itemId: id("Mục cần sửa không hợp lệ; hãy tải lại trang.").optional(),
  subject: z.string({ required_error: "Vui lòng chọn đối tượng của nội dung kết luận." }).regex(/^(case|unit:\d+|officer:\d+)$/, "Đối tượng không hợp lệ."),
  kind: z.enum(ITEM_KINDS, { errorMap: () => ({ message: "Vui lòng chọn loại nội dung kết luận." }) }),
  content: text("nội dung kết luận", 10000),
  points: points("Điểm trừ", 100),
  attributedDelays: z
    .number({ invalid_type_error: "Số hồ sơ chậm phải là số nguyên." })
    .int("Số hồ sơ chậm phải là số nguyên.")
    .min(0, "Số hồ sơ chậm không được âm.")
    .max(1000000, "Số hồ sơ chậm tối đa 1.000.000.")
    .default(0),
  disciplineLevel: z.enum(DISCIPLINE_LEVELS, { errorMap: () => ({ message: "Hình thức kỷ luật không hợp lệ." }) }).optional(),
  parDeduction: points("Điểm trừ Chỉ số CCHC", 100),
  findingIds: z.array(id("Nội dung kiểm tra đã chọn không hợp lệ; hãy tải lại trang và chọn lại.")).default([]),
});

export const recommendationSchema = z.object({
  intent: z.literal("recommendation"),
  recommendationId: id("Kiến nghị cần sửa không hợp lệ; hãy tải lại trang.").optional(),
  kind: z.enum(RECOMMENDATION_KINDS, { errorMap: () => ({ message: "Vui lòng chọn loại kiến nghị." }) }),
  content: text("nội dung kiến nghị", 5000),
  ownerUnitId: id("Vui lòng chọn đơn vị chủ trì thực hiện."),
  // Typed dd/mm/yyyy like every date of the app (yyyy-MM-dd is accepted too); 'yyyy-MM-dd' after parsing.
  deadline: z.string({ required_error: "Vui lòng nhập thời hạn thực hiện." }).transform((text, ctx) => {
    const date = parseDateInput(text);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "Thời hạn thực hiện phải là một ngày có thật, dạng dd/mm/yyyy." });
      return z.NEVER;
    }
    return date;
  }),
});

export const submitSchema = z.object({ intent: z.literal("submit") });

export const returnSchema = z.object({ intent: z.literal("return"), comment: text("ý kiến khi trả lại", 2000) });

export const approveSchema = z.object({
  intent: z.literal("approve"),
  capacity: z.enum(Object.keys(SIGNER_CAPACITIES) as [keyof typeof SIGNER_CAPACITIES, ...(keyof typeof SIGNER_CAPACITIES)[]], {
    errorMap: () => ({ message: "Vui lòng chọn thẩm quyền ký." }),
  }),
});

export const conclusionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("correct") }),
  textSchema,
  itemSchema,
  recommendationSchema,
  z.object({ intent: z.literal("item-remove"), id: id("Thiếu mục cần bỏ.") }),
  z.object({ intent: z.literal("recommendation-remove"), id: id("Thiếu mục cần bỏ.") }),
  submitSchema,
  returnSchema,
  approveSchema,
]);

export type ConclusionForm = z.infer<typeof conclusionSchema>;
