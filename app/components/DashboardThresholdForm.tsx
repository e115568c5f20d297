import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Button, Group, Text, TextInput } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { formatPercentNumber, parseThreshold } from "../domain/decision766.js";

const THRESHOLD_MESSAGE = "Ngưỡng là một tỷ lệ phần trăm lớn hơn 0 và không quá 100, tối đa hai chữ số thập phân (ví dụ 80 hoặc 92,5).";

export const thresholdSchema = z.object({
  threshold: z.string({ required_error: "Vui lòng nhập ngưỡng." }).transform((text, ctx) => {
    const value = parseThreshold(text);
    if (value === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: THRESHOLD_MESSAGE });
      return z.NEVER;
    }
    return value;
  }),
});

/** The threshold of the Decision 766 progress score; only admins get the form, everyone sees the value. */
export function DashboardThresholdForm({ threshold, canChange, lastResult }: { threshold: number; canChange: boolean; lastResult: SubmissionResult<string[]> | undefined }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "threshold-form",
    lastResult,
    defaultValue: { threshold: String(threshold).replace(".", ",") },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: thresholdSchema }),
  });
  if (!canChange) {
    return (
      <Text size="sm" mb="md" data-testid="threshold">
        Ngưỡng đang áp dụng: <b>{formatPercentNumber(threshold)}</b> (do quản trị hệ thống thiết lập).
      </Text>
    );
  }
  return (
    // Posts to this page with its query string, so the view is the same after the save; the reader
    // stays where they were on this long page.
    <Form method="post" preventScrollReset {...getFormProps(form)}>
      <Group align="flex-start" gap="sm" mb="md" wrap="wrap">
        <TextInput
          {...getInputProps(fields.threshold, { type: "text" })}
          key={fields.threshold.key}
          label="Ngưỡng tỷ lệ đúng hạn để đạt đủ 20 điểm (%)"
          description={`Đang áp dụng: ${formatPercentNumber(threshold)}`}
          error={fields.threshold.errors?.join(" ")}
          inputWrapperOrder={["label", "input", "description", "error"]}
          inputMode="decimal"
          w={{ base: "100%", sm: 340 }}
        />
        <Button type="submit" loading={busy} mt={25}>
          Lưu ngưỡng
        </Button>
      </Group>
    </Form>
  );
}
