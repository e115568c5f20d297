// One button per action the state machine allows this person now; an action that needs a reason or a
// comment gets its text input beside the button, and the server checks it again (transition()).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Button, Card, Group, Stack, Text, Textarea } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { CASE_ACTIONS, type AvailableAction } from "../domain/case-states.js";

const optionalText = z
  .string()
  .trim()
  .max(2000, "Nội dung dài tối đa 2.000 ký tự.")
  .optional();

export const transitionSchema = z.object({
  intent: z.literal("transition"),
  action: z.enum(CASE_ACTIONS, { errorMap: () => ({ message: "Thao tác không hợp lệ." }) }),
  reason: optionalText,
  comment: optionalText,
});

function ActionForm({ action, lastResult }: { action: AvailableAction; lastResult: SubmissionResult<string[]> | undefined }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: `case-action-${action.action}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: transitionSchema }),
  });
  const needsReason = action.inputs.includes("reason");
  const needsComment = action.inputs.includes("comment");
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="action" value={action.action} />
      <Stack gap="xs">
        {needsReason ? <Textarea label="Lý do" name={fields.reason.name} id={fields.reason.id} required autosize minRows={2} error={fields.reason.errors?.[0]} /> : null}
        {needsComment ? <Textarea label="Ý kiến" name={fields.comment.name} id={fields.comment.id} required autosize minRows={2} error={fields.comment.errors?.[0]} /> : null}
        <Group>
          <Button type="submit" loading={busy} color={action.action === "withdraw" || action.action === "return" ? "red" : undefined} variant={action.action === "withdraw" ? "light" : "filled"}>
            {action.label}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

export function CaseActionForms({ actions, lastResult, children }: { actions: AvailableAction[]; lastResult: SubmissionResult<string[]> | undefined; children?: ReactNode }) {
  const refusal = lastResult?.status === "error" ? lastResult.error?.[""]?.[0] : undefined;
  return (
    <Card withBorder>
      <Stack gap="md">
        {refusal ? (
          <Alert color="red.9" variant="light" role="alert" title="Chưa thực hiện được">
            {refusal}
          </Alert>
        ) : null}
        {actions.length === 0 && !children ? <Text c="dimmed">Bạn không có thao tác nào với vụ việc ở trạng thái này.</Text> : null}
        {actions.map((a) => (
          <ActionForm key={a.action} action={a} lastResult={lastResult} />
        ))}
        {children}
      </Stack>
    </Card>
  );
}
