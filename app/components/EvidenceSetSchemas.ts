// Evidence sets (bộ chứng cứ): the save forms' schemas, validated by the same zod schemas in the browser
// (conform's onValidate) and in the actions, and the criteria a set keeps of how it was chosen.
import { z } from "zod";
import type { DossierFilter } from "./DossierFilterParams.js";

const name = z
  .string({ required_error: "Vui lòng nhập tên bộ chứng cứ." })
  .trim()
  .min(1, "Vui lòng nhập tên bộ chứng cứ.")
  .max(200, "Tên bộ chứng cứ dài tối đa 200 ký tự.");
const description = z.string().trim().max(2000, "Mô tả dài tối đa 2.000 ký tự.").optional();

const DOSSIER_ID_MESSAGE = "Hồ sơ đã chọn không hợp lệ; hãy tải lại trang và chọn lại.";
const dossierId = z.number({ invalid_type_error: DOSSIER_ID_MESSAGE }).int(DOSSIER_ID_MESSAGE).positive(DOSSIER_ID_MESSAGE).max(2_147_483_647, DOSSIER_ID_MESSAGE);

/** Save the dossiers ticked on /evidence/dossiers, or every dossier matching its filter. */
export const saveSelectionSchema = z
  .object({
    name,
    description,
    all: z.boolean({ invalid_type_error: "Ô «Chọn tất cả hồ sơ khớp bộ lọc» chỉ được đánh dấu hoặc bỏ trống." }).optional(),
    dossierIds: z.array(dossierId).max(10_000, "Chọn tối đa 10.000 hồ sơ; hãy dùng “chọn tất cả hồ sơ khớp bộ lọc”.").optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.all && !value.dossierIds?.length) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["dossierIds"],
        message: "Hãy chọn ít nhất một hồ sơ, hoặc chọn tất cả hồ sơ khớp bộ lọc.",
      });
    }
  });

/** Save one repeat offender's late dossiers of the window. */
export const saveOffenderSchema = z.object({
  name,
  description,
  kind: z.enum(["officer", "unit"], { message: "Đối tượng không hợp lệ." }),
  subjectId: z.number({ required_error: "Thiếu đối tượng.", invalid_type_error: "Đối tượng không hợp lệ." }).int().positive(),
});

/** What a set remembers of how it was chosen (evidence_set.criteria). */
export type EvidenceSetCriteria = {
  source: "dossiers" | "offender_officer" | "offender_unit";
  period: { from: string; to: string };
  /** The instant its dossiers were judged at (ISO). */
  asOf: string;
  filter?: DossierFilter;
  selection?: "all" | "selected";
  offender?: { officerId?: number; unitId?: number; minLateSteps?: number; maxOnTimeRate?: number; windowDays?: number };
  /** "code — name" of the unit, procedure and officer referred to, as they were named then. */
  labels: { unit?: string; procedure?: string; officer?: string };
  /** Counted when the set was saved, as of `asOf`. */
  counts: { dossiers: number; late: number };
};

/** The criteria of a stored set, or null when it was not written by this version of the form. */
export function readCriteria(value: unknown): EvidenceSetCriteria | null {
  const v = value as Partial<EvidenceSetCriteria> | null;
  if (!v || typeof v !== "object" || !v.period || typeof v.asOf !== "string" || !v.counts) return null;
  return { labels: {}, ...v } as EvidenceSetCriteria;
}
