// POST /api/v1/appraisal-items/<id>/consume — external HR software records one published conclusion item
// in an appraisal cycle, once, ever; repeats with the same Idempotency-Key get the first reply back.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiError, apiJson, methodNotAllowed, requireApiToken } from "../api.server.js";
import { getDb } from "../db.server.js";
import { hasNul } from "../forms.js";
import { consumeViaApi } from "../models/appraisal-api.server.js";

const MAX_BODY = 64 * 1024;

// JSON may carry a NUL character ("\u0000"), which PostgreSQL cannot store or even compare in text: it is
// refused here, by field, as app/forms.ts refuses it in the web forms.
const noNul = (field: string) => [(v: string) => !hasNul(v), `Trường "${field}" chứa ký tự NUL (U+0000), ký tự không lưu được; hãy bỏ ký tự đó.`] as const;

const text = (field: string, what: string, max: number) =>
  z
    .string({ required_error: `Thiếu trường "${field}" (${what}).`, invalid_type_error: `Trường "${field}" (${what}) phải là chuỗi ký tự.` })
    .trim()
    .min(1, `Trường "${field}" (${what}) không được để trống.`)
    .max(max, `Trường "${field}" dài tối đa ${max} ký tự.`)
    .refine(...noNul(field));

const optionalText = (field: string, what: string, max: number) =>
  z
    .string({ invalid_type_error: `Trường "${field}" (${what}) phải là chuỗi ký tự.` })
    .trim()
    .max(max, `Trường "${field}" dài tối đa ${max} ký tự.`)
    .refine(...noNul(field))
    .nullish()
    .transform((v) => v || null);

const bodySchema = z
  .object(
    {
      cycle: text("cycle", "mã kỳ đánh giá, ví dụ DG-2026-001", 50),
      officer: text("officer", "mã cán bộ", 50).optional(),
      unit: text("unit", "mã đơn vị", 50).optional(),
      task: optionalText("task", "nhiệm vụ chịu ảnh hưởng", 500),
      note: optionalText("note", "ghi chú", 2000),
    },
    { invalid_type_error: "Nội dung yêu cầu phải là một đối tượng JSON." },
  )
  .strict()
  .superRefine((v, ctx) => {
    if ((v.officer === undefined) === (v.unit === undefined)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Nêu đúng một trong hai trường "officer" (mã cán bộ) hoặc "unit" (mã đơn vị): đối tượng của nội dung kết luận.' });
    }
  });

function problemsOf(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.code === z.ZodIssueCode.unrecognized_keys ? `Trường không được hỗ trợ: ${i.keys.map((k) => `"${k}"`).join(", ")}.` : i.message))
    .join(" ");
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiToken(request);
  return methodNotAllowed("POST");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = await requireApiToken(request);
  if (request.method !== "POST") return methodNotAllowed("POST");
  const key = request.headers.get("Idempotency-Key");
  if (key === null || key.length === 0) return apiError(400, "Thiếu tiêu đề Idempotency-Key: mỗi yêu cầu ghi nhận cần một khoá (1–200 ký tự, ví dụ một UUID) để gửi lại an toàn.");
  if (key.length > 200) return apiError(400, "Tiêu đề Idempotency-Key dài tối đa 200 ký tự.");
  const raw = await request.text();
  if (raw.length > MAX_BODY) return apiError(413, "Nội dung yêu cầu quá lớn (tối đa 64 KB).");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return apiError(400, 'Nội dung yêu cầu không phải JSON hợp lệ. Ví dụ: {"cycle":"DG-2026-001","unit":"000.31.01.H55"}.');
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) return apiError(400, problemsOf(parsed.error));
  const itemId = /^[1-9]\d{0,9}$/.test(params.itemId ?? "") ? Number(params.itemId) : NaN;
  if (!(itemId <= 2 ** 31 - 1)) return apiError(404, "Không tìm thấy nội dung kết luận đã công bố, hoặc nội dung nằm ngoài phạm vi của bạn.");
  const v = parsed.data;
  const reply = await consumeViaApi(getDb(), token, {
    itemId,
    key,
    request: { cycle: v.cycle, subject: v.officer !== undefined ? { officer: v.officer } : { unit: v.unit! }, task: v.task, note: v.note },
  });
  return apiJson(reply.body, reply.status, reply.replayed ? { "Idempotent-Replayed": "true" } : undefined);
}
