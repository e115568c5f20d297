// The new-case form, shared by its route (server parse) and its page (browser validation).
import { z } from "zod";
import { MAX_CASE_DOSSIERS, parseDossierCodes } from "../domain/dossier-codes.js";
import { formatNumber } from "../domain/format.js";
import type { OpenCaseRequest } from "../models/case-intake.server.js";
import type { DossierSelection } from "../models/evidence-sets.server.js";

const id = (message: string) => z.number({ required_error: message, invalid_type_error: message }).int(message).positive(message);

/** Where the evidence comes from: a saved set, codes typed or pasted, or the dossier list's selection. */
export const EVIDENCE_SOURCES = ["set", "codes", "selection"] as const;

const codesText = z.string().max(400_000, "Danh sách mã hồ sơ dài tối đa 400.000 ký tự.");

/** Checks the typed codes: at least one, at most MAX_CASE_DOSSIERS. */
function checkCodes(text: string | undefined, ctx: z.RefinementCtx, required: boolean) {
  const codes = parseDossierCodes(text ?? "");
  if (required && codes.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["codes"], message: "Vui lòng nhập ít nhất một mã hồ sơ." });
  if (codes.length > MAX_CASE_DOSSIERS) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["codes"],
      message: `Mỗi lần nhập tối đa ${formatNumber(MAX_CASE_DOSSIERS)} mã hồ sơ (đã nhập ${formatNumber(codes.length)}).`,
    });
  }
}

const caseFields = z
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
  })
  .superRefine((value, ctx) => {
    if (value.subjectKind === "unit" && !value.unitId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["unitId"], message: "Vui lòng chọn đơn vị được kiểm tra." });
    if (value.subjectKind === "officer" && !value.officerId)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["officerId"], message: "Vui lòng chọn cán bộ được kiểm tra." });
  });

const evidenceFields = z
  .object({
    source: z.enum(EVIDENCE_SOURCES, { errorMap: () => ({ message: "Vui lòng chọn nguồn chứng cứ." }) }).default("set"),
    evidenceSetId: id("Vui lòng chọn bộ chứng cứ.").optional(),
    codes: codesText.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.source === "set" && !value.evidenceSetId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["evidenceSetId"], message: "Vui lòng chọn bộ chứng cứ." });
    if (value.source === "codes") checkCodes(value.codes, ctx, true);
  });

// Two halves checked side by side, so a form missing its inspection still hears about its evidence too.
export const caseSchema = z.intersection(caseFields, evidenceFields);

/** The request for the model, or null when the form chose the carried selection but the URL carries none. */
export function toOpenCaseRequest(value: z.infer<typeof caseSchema>, carried: DossierSelection | null): OpenCaseRequest | null {
  const base = {
    inspectionId: value.inspectionId,
    title: value.title.normalize("NFC"),
    subject: value.subjectKind === "officer" ? { officerId: value.officerId! } : { unitId: value.unitId! },
  };
  switch (value.source) {
    case "set":
      return { ...base, source: { kind: "set", evidenceSetId: value.evidenceSetId! } };
    case "codes":
      return { ...base, source: { kind: "codes", codes: parseDossierCodes(value.codes ?? "") } };
    case "selection":
      return carried ? { ...base, source: { kind: "selection", selection: carried } } : null;
  }
}

/** Adding evidence to an opened case (the case page's "evidence-add" intent): codes, a set, or both. */
export const addEvidenceSchema = z
  .object({
    intent: z.literal("evidence-add"),
    codes: codesText.optional(),
    evidenceSetId: id("Bộ chứng cứ không hợp lệ.").optional(),
  })
  .superRefine((value, ctx) => {
    checkCodes(value.codes, ctx, false);
    if (!value.evidenceSetId && parseDossierCodes(value.codes ?? "").length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["codes"], message: "Vui lòng nhập mã hồ sơ hoặc chọn một bộ chứng cứ." });
    }
  });
