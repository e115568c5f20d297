// The "Ghi nhận" action every appraisal page shares: one consumption through the one model path. A
// refusal (already consumed, closed cycle, another rule set) comes back with its status and the item it
// was about, so the page shows it next to the list, which revalidates to show who consumed the item.
import { parseWithZod } from "../forms.js";
import { data } from "@remix-run/node";
import type { Scope } from "../auth.server.js";
import { getDb } from "../db.server.js";
import { consumeFromWeb } from "../models/appraisal.server.js";
import type { SessionUser } from "../permissions.js";
import { redirectWithToast } from "../toast.server.js";
import { consumeSchema } from "./AppraisalSchemas.js";
import type { Refusal } from "./AppraisalViews.js";

export async function consumeAction(formData: FormData, input: { cycleId: number; scope: Scope; user: SessionUser; back: string }) {
  const submission = parseWithZod(formData, { schema: consumeSchema });
  if (submission.status !== "success") {
    // What was wrong, in the schema's words ("Tên nhiệm vụ dài tối đa 300 ký tự."), and at which field.
    const [field, messages] = Object.entries(submission.error ?? {}).find(([, m]) => m && m.length > 0) ?? ["itemId", ["Yêu cầu ghi nhận không hợp lệ."]];
    return data({ refusal: { itemId: Number(formData.get("itemId")) || 0, message: messages!.join(" "), field } satisfies Refusal }, { status: 400 });
  }
  const v = submission.value;
  const result = await consumeFromWeb(getDb(), { itemId: v.itemId, cycle: { id: input.cycleId }, scope: input.scope, taskTitle: v.taskTitle, note: v.note }, input.user);
  if (!result.ok) return data({ refusal: { itemId: v.itemId, message: result.message } satisfies Refusal }, { status: result.status });
  const message =
    result.consumption.mode === "counted"
      ? `Đã ghi nhận nội dung kết luận vào kỳ ${result.consumption.cycleReference}.`
      : `Đã xác nhận đính chính ở kỳ ${result.consumption.cycleReference}; nội dung đã ghi nhận trước vẫn giữ nguyên, không tính lại.`;
  return redirectWithToast(input.back, message);
}
