// The case page's action intents for findings and the explanation, kept out of the route module so the
// route stays a dispatcher. Each intent authorizes with its own permission before it parses, then makes
// one model call. A refusal the person can act on is shown on the form it came from (400 for what was
// typed, 409 for the case's state or the person's place); a case outside the scope is 404.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "../forms.js";
import { data } from "@remix-run/node";
import { requirePermission } from "../auth.server.js";
import { getDb } from "../db.server.js";
import { CASE_STATE_LABELS } from "../domain/case-states.js";
import { formatIsoDate } from "../domain/format.js";
import { invariantFound } from "../http.server.js";
import { answerFinding, requestExplanation, submitExplanation } from "../models/explanations.server.js";
import { addFinding, reviseCaseFinding, withdrawFinding, type FindingField } from "../models/findings.server.js";
import { redirectWithToast } from "../toast.server.js";
import { postedFiles } from "../upload.server.js";
import {
  explanationAnswerSchema,
  explanationRequestSchema,
  explanationSubmitSchema,
  findingAddSchema,
  findingReviseSchema,
  findingWithdrawSchema,
  type FindingIntent,
} from "./FindingSchemas.js";

type Refusal = { ok: false; message: string; field?: FindingField | "body" | "files" };

function refused(submission: { reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]> }, result: Refusal) {
  return result.field
    ? data(submission.reply({ fieldErrors: { [result.field]: [result.message] } }), { status: 400 })
    : data(submission.reply({ formErrors: [result.message] }), { status: 409 });
}

export async function findingAction(request: Request, caseId: number, intent: FindingIntent, formData: FormData, oversize: readonly string[]) {
  const back = `/cases/${caseId}`;
  switch (intent) {
    case "finding-add": {
      const { user, scope } = await requirePermission(request, "manage:case");
      const submission = parseWithZod(formData, { schema: findingAddSchema });
      if (submission.status !== "success") return data(submission.reply(), { status: 400 });
      const result = invariantFound(await addFinding(getDb(), { caseId, scope, ...submission.value }, user));
      if (!result.ok) return refused(submission, result);
      return redirectWithToast(back, `Đã ghi nội dung kiểm tra số ${result.number}.`);
    }
    case "finding-revise": {
      const { user, scope } = await requirePermission(request, "manage:case");
      const submission = parseWithZod(formData, { schema: findingReviseSchema });
      if (submission.status !== "success") return data(submission.reply(), { status: 400 });
      const result = invariantFound(await reviseCaseFinding(getDb(), { caseId, scope, ...submission.value }, user));
      if (!result.ok) return refused(submission, result);
      return redirectWithToast(
        back,
        result.unchanged
          ? `Nội dung kiểm tra số ${result.number} không thay đổi: giữ nguyên phiên bản ${result.version}.`
          : `Đã sửa nội dung kiểm tra số ${result.number} (phiên bản ${result.version}).`,
      );
    }
    case "finding-withdraw": {
      const { user, scope } = await requirePermission(request, "manage:case");
      const submission = parseWithZod(formData, { schema: findingWithdrawSchema });
      if (submission.status !== "success") return data(submission.reply(), { status: 400 });
      const result = invariantFound(await withdrawFinding(getDb(), { caseId, scope, ...submission.value }, user));
      if (!result.ok) return refused(submission, result);
      return redirectWithToast(back, `Đã rút nội dung kiểm tra số ${result.number}.`);
    }
    case "explanation-request": {
      const { user, scope } = await requirePermission(request, "manage:case");
      const submission = parseWithZod(formData, { schema: explanationRequestSchema });
      if (submission.status !== "success") return data(submission.reply(), { status: 400 });
      const result = invariantFound(await requestExplanation(getDb(), { caseId, scope, ...submission.value }, user));
      if (!result.ok) return refused(submission, result);
      return redirectWithToast(back, `Đã yêu cầu giải trình vụ việc ${result.code}; hạn giải trình ${formatIsoDate(result.deadline)}.`);
    }
    case "explanation-answer": {
      const { user, scope } = await requirePermission(request, "answer:explanation");
      const submission = parseWithZod(formData, { schema: explanationAnswerSchema });
      if (submission.status !== "success") return data(submission.reply(), { status: 400 });
      if (oversize.length > 0) return refused(submission, { ok: false, field: "files", message: oversize.join(" ") });
      const files = await postedFiles(formData, "files");
      const result = invariantFound(await answerFinding(getDb(), { caseId, scope, findingId: submission.value.findingId, body: submission.value.body, files }, user));
      if (!result.ok) return refused(submission, result);
      const attached = result.attachments > 0 ? ` kèm ${result.attachments} tệp` : "";
      return redirectWithToast(back, `Đã lưu giải trình nội dung kiểm tra số ${result.number}${attached}.`);
    }
    case "explanation-submit": {
      const { user, scope } = await requirePermission(request, "answer:explanation");
      const submission = parseWithZod(formData, { schema: explanationSubmitSchema });
      if (submission.status !== "success") return data(submission.reply(), { status: 400 });
      const result = invariantFound(await submitExplanation(getDb(), { caseId, scope }, user));
      if (!result.ok) return refused(submission, result);
      return redirectWithToast(back, `Đã gửi giải trình; vụ việc ${result.code} chuyển sang «${CASE_STATE_LABELS[result.to]}».`);
    }
  }
}
