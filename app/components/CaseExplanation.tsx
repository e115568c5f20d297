// The explanation on the case page: the lead's request form (working days, message), the deadline both
// sides read in working days, the unit's answers under each finding (stale ones marked, superseded ones
// in their history, files to download), the unit head's answer form and "Gửi giải trình".
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Accordion, Alert, Anchor, Badge, Button, Card, Divider, FileInput, Group, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { formatFileSize } from "../domain/attachments.js";
import type { CaseState } from "../domain/case-states.js";
import { DEFAULT_EXPLANATION_WORKING_DAYS, MAX_EXPLANATION_WORKING_DAYS, MIN_EXPLANATION_WORKING_DAYS } from "../domain/explanation.js";
import { formatDateTime, formatNumber } from "../domain/format.js";
import type { AnswerView, CaseFindingsView, FindingView } from "../models/explanations.server.js";
import { explanationAnswerSchema, explanationRequestSchema, explanationSubmitSchema } from "./FindingSchemas.js";

type Reply = SubmissionResult<string[]> | undefined;

function FormError({ errors }: { errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <Alert color="red.9" variant="light" role="alert" title="Chưa thực hiện được">
      {errors[0]}
    </Alert>
  );
}

/** The team lead's request: how many working days the unit has, and what to explain. */
export function ExplanationRequestForm({ currentCount, again, lastResult }: { currentCount: number; again: boolean; lastResult: Reply }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "explanation-request",
    lastResult,
    defaultValue: { workingDays: String(DEFAULT_EXPLANATION_WORKING_DAYS) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: explanationRequestSchema }),
  });
  if (currentCount === 0) {
    return <Text c="dimmed">Ghi ít nhất một nội dung kiểm tra trước khi yêu cầu đơn vị giải trình.</Text>;
  }
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="explanation-request" />
      <Stack gap="xs">
        <Divider label={again ? "Yêu cầu đơn vị giải trình lại" : "Yêu cầu đơn vị giải trình"} labelPosition="left" />
        <FormError errors={form.errors} />
        <Group align="flex-start">
          <TextInput
            label="Thời hạn giải trình (ngày làm việc)"
            description={`Từ ${MIN_EXPLANATION_WORKING_DAYS} đến ${MAX_EXPLANATION_WORKING_DAYS}; tính theo lịch làm việc, không kể ngày nghỉ, lễ, Tết`}
            withAsterisk
            w={320}
            {...getInputProps(fields.workingDays, { type: "number" })}
            min={MIN_EXPLANATION_WORKING_DAYS}
            max={MAX_EXPLANATION_WORKING_DAYS}
            key={fields.workingDays.key}
            error={fields.workingDays.errors?.[0]}
          />
        </Group>
        <Textarea label="Nội dung yêu cầu (không bắt buộc)" autosize minRows={2} {...getTextareaProps(fields.message)} key={fields.message.key} error={fields.message.errors?.[0]} />
        <Group>
          <Button type="submit" loading={busy}>
            {again ? "Yêu cầu giải trình lại" : "Yêu cầu giải trình"}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

function SubmitExplanationForm({ lastResult }: { lastResult: Reply }) {
  const busy = useNavigation().state === "submitting";
  const [form] = useForm({ id: "explanation-submit", lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: explanationSubmitSchema }) });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="explanation-submit" />
      <Stack gap="xs">
        <FormError errors={form.errors} />
        <Group>
          <Button type="submit" loading={busy}>
            Gửi giải trình
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

/** The explanation's state: the request(s), the deadline in working days, and for the unit head what is left to answer. */
export function CaseExplanation({ state, view, canSubmit, lastResult }: { state: CaseState; view: CaseFindingsView; canSubmit: boolean; lastResult: Reply }) {
  const { explanation } = view;
  const [latest, ...earlier] = explanation.requests;
  const awaiting = state === "awaiting_explanation";
  const overdue = explanation.deadlineText?.includes("quá hạn") ?? false;
  const answered = view.currentCount - explanation.unanswered.length;
  return (
    <Stack gap="xs" component="section" aria-labelledby="case-explanation-title">
      <Title order={2} size="h4" id="case-explanation-title">
        Giải trình của đơn vị
      </Title>
      <Card withBorder>
        {!latest ? (
          <Text c="dimmed">Chưa yêu cầu đơn vị giải trình.</Text>
        ) : (
          <Stack gap="sm">
            {explanation.deadlineText ? (
              <Text fw={700} c={awaiting && overdue ? "red.9" : undefined} data-testid="explanation-deadline">
                {explanation.deadlineText}
              </Text>
            ) : null}
            <Text size="sm">
              Yêu cầu lúc {formatDateTime(latest.requestedAt)} bởi {latest.requestedByName}: giải trình trong {formatNumber(latest.workingDays)} ngày làm việc.
              {earlier.length > 0 ? ` Đây là lần yêu cầu thứ ${explanation.requests.length}.` : ""}
            </Text>
            {latest.message ? (
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                Nội dung yêu cầu: {latest.message}
              </Text>
            ) : null}
            {explanation.submittedAt ? (
              <Text size="sm" fw={600}>
                Đơn vị đã gửi giải trình lúc {formatDateTime(explanation.submittedAt)}.
              </Text>
            ) : null}
            {awaiting ? (
              <Text size="sm">
                Đơn vị đã giải trình {formatNumber(answered)}/{formatNumber(view.currentCount)} nội dung kiểm tra
                {explanation.unanswered.length > 0 ? `; còn thiếu nội dung số ${explanation.unanswered.join(", ")}.` : "."}
              </Text>
            ) : null}
            {view.canAnswer ? (
              <Text size="sm" c="dimmed">
                Nhập giải trình cho từng nội dung kiểm tra ở mục bên dưới (kèm tệp PDF, PNG hoặc JPEG nếu có), rồi bấm «Gửi giải trình». Có thể lưu lại giải trình mới cho một nội dung; bản mới nhất được dùng.
              </Text>
            ) : null}
            {/* Keyed by what is missing, so an earlier refusal disappears once the answers change. */}
            {canSubmit ? <SubmitExplanationForm key={explanation.unanswered.join(",")} lastResult={lastResult} /> : null}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}

function Attachments({ caseId, answer }: { caseId: number; answer: AnswerView }) {
  if (answer.attachments.length === 0) return null;
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        Tệp đính kèm
      </Text>
      {answer.attachments.map((a) => (
        <Text size="sm" key={a.id}>
          <Anchor href={`/cases/${caseId}/attachments/${a.id}`} download underline="always">
            {a.fileName}
          </Anchor>{" "}
          <Text span size="xs" c="dimmed">
            ({formatFileSize(a.sizeBytes)}, SHA-256 <span title={a.sha256}>{a.sha256.slice(0, 12)}…</span>)
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

export function staleLabel(answer: AnswerView): string {
  return `Giải trình cho phiên bản ${answer.findingVersion} — nội dung kiểm tra đã sửa sau đó`;
}

function Answer({ caseId, answer, superseded }: { caseId: number; answer: AnswerView; superseded?: boolean }) {
  return (
    <Stack gap={4}>
      <Group gap="xs">
        {answer.stale ? (
          <Badge color="orange.9" variant="light" tt="none" data-testid="answer-stale">
            {staleLabel(answer)}
          </Badge>
        ) : (
          <Badge color="teal.9" variant="light" tt="none">
            Giải trình cho phiên bản {answer.findingVersion}
          </Badge>
        )}
        {superseded ? (
          <Badge color="gray" variant="outline" tt="none">
            Đã có giải trình mới hơn
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
        {answer.body}
      </Text>
      <Attachments caseId={caseId} answer={answer} />
      <Text size="xs" c="dimmed">
        {answer.answeredByName}, {formatDateTime(answer.answeredAt)}
      </Text>
    </Stack>
  );
}

function AnswerForm({ finding, lastResult }: { finding: FindingView; lastResult: Reply }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: `explanation-answer-${finding.id}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: explanationAnswerSchema }),
  });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="explanation-answer" />
      <input type="hidden" name="findingId" value={finding.id} />
      <Stack gap="xs">
        <FormError errors={form.errors} />
        <Textarea
          label={`Giải trình nội dung kiểm tra số ${finding.number} (phiên bản ${finding.current.version})`}
          withAsterisk
          autosize
          minRows={3}
          {...getTextareaProps(fields.body)}
          key={fields.body.key}
          error={fields.body.errors?.[0]}
        />
        <FileInput
          label="Tệp đính kèm (không bắt buộc)"
          description="PDF, PNG hoặc JPEG; mỗi tệp tối đa 10 MB, tối đa 10 tệp"
          placeholder="Chọn tệp"
          name="files"
          multiple
          clearable
          accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
          error={fields.files.errors?.[0]}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {finding.answers.length > 0 ? "Lưu giải trình mới" : "Lưu giải trình"}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

/** The unit's answers to one finding: the one that stands, the earlier ones, and the form for the unit head. */
export function FindingAnswers({ caseId, finding, canAnswer, lastResult }: { caseId: number; finding: FindingView; canAnswer: boolean; lastResult: Reply }) {
  const [latest, ...earlier] = finding.answers;
  if (!latest && !canAnswer) return null;
  return (
    <Card withBorder bg="var(--mantine-color-gray-0)" padding="sm">
      <Stack gap="sm">
        <Text fw={600} size="sm">
          Giải trình của đơn vị
        </Text>
        {latest ? <Answer caseId={caseId} answer={latest} /> : <Text size="sm" c="dimmed">Chưa có giải trình.</Text>}
        {earlier.length > 0 ? (
          <Accordion variant="contained" chevronPosition="left">
            <Accordion.Item value="earlier">
              <Accordion.Control>Giải trình trước đó ({earlier.length})</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="md">
                  {earlier.map((a) => (
                    <Answer key={a.id} caseId={caseId} answer={a} superseded />
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        ) : null}
        {/* Keyed by the answers, so the form is empty again once an answer is saved. */}
        {canAnswer ? <AnswerForm key={finding.answers.length} finding={finding} lastResult={lastResult} /> : null}
      </Stack>
    </Card>
  );
}
