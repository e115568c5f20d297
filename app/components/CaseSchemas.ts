// The new-case form, shared by its route (server parse) and its page (browser validation).
import { z } from "zod";
import type { OpenCaseInput } from "../models/cases.server.js";

const id = (message: string) => z.number({ required_error: message, invalid_type_error: message }).int(message).positive(message);

export const caseSchema = z
  .object({
    inspectionId: id("Vui lòng chọn đợt kiểm tra."),
    title: z
      .string({ required_error: "Vui lòng nhập tên vụ việc." })
      .trim()
      .min(1, "Vui lòng nhập tên vụ việc.")
      .max(500, "Tên vụ việc dài tối đa 500 ký tự."),
    subjectKind: z.enum(["unit", "officer"], { errorMap: () => ({ message: "Vui lòng chọn đối tượng là đơn vị hay cán bộ." }) }),
    unitId: id("Vui lòng chọn đơn vị được kiểm tra.").optional(),
    officerId: id("Vui lòng chọn cán bộ được kiểm tra.").optional(),
    evidenceSetId: id("Vui lòng chọn bộ chứng cứ."),
  })
  .superRefine((value, ctx) => {
    if (value.subjectKind === "unit" && !value.unitId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["unitId"], message: "Vui lòng chọn đơn vị được kiểm tra." });
    if (value.subjectKind === "officer" && !value.officerId)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["officerId"], message: "Vui lòng chọn cán bộ được kiểm tra." });
  });

export function toOpenCaseInput(value: z.infer<typeof caseSchema>): OpenCaseInput {
  return {
    inspectionId: value.inspectionId,
    title: value.title.normalize("NFC"),
    subject: value.subjectKind === "officer" ? { officerId: value.officerId! } : { unitId: value.unitId! },
    evidenceSetId: value.evidenceSetId,
  };
}
