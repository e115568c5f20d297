// The forms of findings and explanations on the case page, shared by the route (server parse) and the
// components (browser validation). Each form carries its intent, and the per-finding forms their finding
// id, so a reply is shown on the form it belongs to.
import { z } from "zod";
import { DEFAULT_EXPLANATION_WORKING_DAYS, MAX_EXPLANATION_WORKING_DAYS, MIN_EXPLANATION_WORKING_DAYS } from "../domain/explanation.js";

const id = (message: string) => z.number({ required_error: message, invalid_type_error: message }).int(message).positive(message);

const DEDUCTION_MESSAGE = "Điểm trừ đề xuất phải là số không âm, tối đa hai chữ số thập phân (ví dụ 7,5).";
const DOSSIERS_MESSAGE = "Vui lòng chọn ít nhất một hồ sơ chứng cứ làm căn cứ cho nội dung kiểm tra.";

const findingContent = {
  criterionCode: z.string({ required_error: "Vui lòng chọn tiêu chí." }).trim().min(1, "Vui lòng chọn tiêu chí."),
  facts: z
    .string({ required_error: "Vui lòng nhập nội dung kiểm tra (sự việc phát hiện và căn cứ)." })
    .trim()
    .min(1, "Vui lòng nhập nội dung kiểm tra (sự việc phát hiện và căn cứ).")
    .max(10000, "Nội dung kiểm tra dài tối đa 10.000 ký tự.")
    .transform((s) => s.normalize("NFC")),
  // Typed with a decimal comma or point ("7,5" or "7.5"); stored as numeric(6,2).
  proposedDeduction: z
    .string({ required_error: "Vui lòng nhập điểm trừ đề xuất." })
    .trim()
    .regex(/^\d{1,4}([.,]\d{1,2})?$/, DEDUCTION_MESSAGE)
    .transform((s) => Number(s.replace(",", "."))),
  // The dossier picker posts the chosen ids as one comma-separated value.
  dossierIds: z.string({ required_error: DOSSIERS_MESSAGE }).transform((s, ctx) => {
    const ids = s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean)
      .map(Number);
    if (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n <= 0)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: DOSSIERS_MESSAGE });
      return z.NEVER;
    }
    return ids;
  }),
};

export const findingAddSchema = z.object({ intent: z.literal("finding-add"), ...findingContent });

export const findingReviseSchema = z.object({
  intent: z.literal("finding-revise"),
  findingId: id("Thiếu nội dung kiểm tra cần sửa."),
  ...findingContent,
  // Required only when something changed; the model says so (an untouched save needs no reason).
  changeNote: z
    .string()
    .trim()
    .max(2000, "Lý do sửa dài tối đa 2.000 ký tự.")
    .optional()
    .transform((s) => (s ?? "").normalize("NFC")),
});

export const findingWithdrawSchema = z.object({
  intent: z.literal("finding-withdraw"),
  findingId: id("Thiếu nội dung kiểm tra cần rút."),
  reason: z
    .string({ required_error: "Vui lòng nêu lý do rút nội dung kiểm tra." })
    .trim()
    .min(1, "Vui lòng nêu lý do rút nội dung kiểm tra.")
    .max(2000, "Lý do dài tối đa 2.000 ký tự.")
    .transform((s) => s.normalize("NFC")),
});

const WORKING_DAYS_MESSAGE = `Số ngày làm việc phải là số nguyên từ ${MIN_EXPLANATION_WORKING_DAYS} đến ${MAX_EXPLANATION_WORKING_DAYS}.`;

export const explanationRequestSchema = z.object({
  intent: z.literal("explanation-request"),
  workingDays: z
    .number({ invalid_type_error: WORKING_DAYS_MESSAGE })
    .int(WORKING_DAYS_MESSAGE)
    .min(MIN_EXPLANATION_WORKING_DAYS, WORKING_DAYS_MESSAGE)
    .max(MAX_EXPLANATION_WORKING_DAYS, WORKING_DAYS_MESSAGE)
    .default(DEFAULT_EXPLANATION_WORKING_DAYS),
  message: z
    .string()
    .trim()
    .max(4000, "Nội dung yêu cầu dài tối đa 4.000 ký tự.")
    .optional()
    .transform((s) => s?.normalize("NFC")),
});

export const explanationAnswerSchema = z.object({
  intent: z.literal("explanation-answer"),
  findingId: id("Thiếu nội dung kiểm tra cần giải trình."),
  body: z
    .string({ required_error: "Vui lòng nhập nội dung giải trình." })
    .trim()
    .min(1, "Vui lòng nhập nội dung giải trình.")
    .max(20000, "Nội dung giải trình dài tối đa 20.000 ký tự.")
    .transform((s) => s.normalize("NFC")),
  // The files are read from the multipart body by the route and checked by their bytes in the model.
  files: z.any().optional(),
});

export const explanationSubmitSchema = z.object({ intent: z.literal("explanation-submit") });

export const FINDING_INTENTS = ["finding-add", "finding-revise", "finding-withdraw", "explanation-request", "explanation-answer", "explanation-submit"] as const;
export type FindingIntent = (typeof FINDING_INTENTS)[number];

export function isFindingIntent(value: unknown): value is FindingIntent {
  return typeof value === "string" && (FINDING_INTENTS as readonly string[]).includes(value);
}
