// The calendar page's forms, validated by the same zod schemas in the browser (conform's onValidate)
// and in the action. Messages are what the admin reads, so they are Vietnamese.
import { z } from "zod";
import { parseDateInput } from "../domain/format.js";
import { EXCEPTION_KINDS } from "./CalendarLabels.js";

const year = z.coerce.number({ invalid_type_error: "Năm không hợp lệ." }).int("Năm không hợp lệ.").min(1990, "Năm không hợp lệ.").max(2100, "Năm không hợp lệ.");

/** A date typed as dd/mm/yyyy (or yyyy-MM-dd), as 'yyyy-MM-dd'; a day that does not exist is refused. */
const date = (required: string) =>
  z.string({ required_error: required }).transform((text, ctx) => {
    const parsed = parseDateInput(text);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: "Ngày không hợp lệ: cần một ngày có thật, dạng dd/mm/yyyy." });
      return z.NEVER;
    }
    return parsed;
  });

export const exceptionSchema = z
  .object({
    intent: z.literal("save"),
    year,
    /** The date of the row being edited; absent when adding. */
    originalDate: date("Ngày không hợp lệ.").optional(),
    date: date("Vui lòng nhập ngày."),
    kind: z.enum(EXCEPTION_KINDS, { errorMap: () => ({ message: "Vui lòng chọn loại ngày." }) }),
    name: z.string().trim().max(200, "Tên ngày dài tối đa 200 ký tự.").optional(),
  })
  .superRefine((value, ctx) => {
    // Runs even when a field above failed; then there is nothing to compare.
    if (typeof value.date === "string" && typeof value.year === "number" && Number(value.date.slice(0, 4)) !== value.year) ctx.addIssue({ code: "custom", path: ["date"], message: `Ngày phải thuộc năm ${value.year}.` });
  });

export const deleteExceptionSchema = z.object({ intent: z.literal("delete"), date: date("Thiếu ngày cần xoá.") });

export const sourceSchema = z.object({
  intent: z.literal("source"),
  year,
  source: z
    .string({ required_error: "Vui lòng ghi căn cứ của lịch năm này." })
    .trim()
    .min(1, "Vui lòng ghi căn cứ của lịch năm này.")
    .max(5000, "Căn cứ dài tối đa 5.000 ký tự."),
  // A checkbox sends "on" when ticked and nothing otherwise; anything else is not this form's.
  provisional: z
    .enum(["on"], { errorMap: () => ({ message: "Ô «Dự kiến» chỉ được đánh dấu hoặc bỏ trống." }) })
    .optional()
    .transform((v) => v === "on"),
});
