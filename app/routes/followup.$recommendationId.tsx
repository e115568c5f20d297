// One recommendation: what the notice asked, by when; the owner unit's remediation reports (appended,
// never overwritten) and the team lead's decisions on them.
import { parseWithZod } from "../forms.js";
import { Alert, Anchor, Badge, Button, Card, FileInput, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, Timeline, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "../auth.server.js";
import { Field } from "../components/DossierDetailSections.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { formatFileSize } from "../domain/attachments.js";
import { formatDateTime, formatIsoDate } from "../domain/format.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { addRemediationReport, decideRecommendation, getRecommendation } from "../models/followup.server.js";
import { redirectWithToast } from "../toast.server.js";
import { postedFiles, readPostedForm, UploadRefused } from "../upload.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Kiến nghị ${data?.recommendation.position ?? ""} — ${data?.notice.number ?? ""} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:case");
  const id = invariantFound(idParam(params.recommendationId));
  return invariantFound(await getRecommendation(getDb(), { id, scope, viewer: user }));
}

const schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("report"),
    body: z
      .string({ required_error: "Vui lòng nhập nội dung báo cáo khắc phục." })
      .trim()
      .min(1, "Vui lòng nhập nội dung báo cáo khắc phục.")
      .max(20000, "Nội dung báo cáo dài tối đa 20.000 ký tự.")
      .transform((s) => s.normalize("NFC")),
  }),
  z.object({
    intent: z.literal("decide"),
    decision: z.enum(["accepted", "rejected", "waived"], { errorMap: () => ({ message: "Vui lòng chọn kết quả đánh giá." }) }),
    reason: z
      .string()
      .trim()
      .max(2000, "Lý do dài tối đa 2.000 ký tự.")
      .optional()
      .transform((s) => (s ? s.normalize("NFC") : null)),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const id = invariantFound(idParam(params.recommendationId));
  // Authorized before a body (perhaps with files) is read.
  await requirePermission(request, "read:case");
  const posted = await readPostedForm(request).catch((e: unknown) => {
    if (e instanceof UploadRefused) throw new Response(e.message, { status: 413, statusText: "Payload Too Large" });
    throw e;
  });
  const formData = posted.formData;
  const intent = formData.get("intent");
  const { user, scope } = await requirePermission(request, intent === "report" ? "report:remediation" : "manage:case");
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  if (posted.oversize.length > 0) return data(submission.reply({ fieldErrors: { files: posted.oversize } }), { status: 400 });
  const result = invariantFound(
    v.intent === "report"
      ? await addRemediationReport(getDb(), { id, scope, body: v.body, files: await postedFiles(formData, "files") }, user)
      : await decideRecommendation(getDb(), { id, scope, decision: v.decision, reason: v.reason }, user),
  );
  if (!result.ok) {
    return data(result.field ? submission.reply({ fieldErrors: { [result.field]: [result.message] } }) : submission.reply({ formErrors: [result.message] }), { status: 409 });
  }
  return redirectWithToast(`/followup/${id}`, result.message);
}

const DECISION_LABELS: Record<string, string> = {
  accepted: "Chấp nhận kết quả khắc phục",
  rejected: "Chưa chấp nhận, yêu cầu báo cáo lại",
  waived: "Miễn thực hiện",
  escalated: "Chuyển lãnh đạo xem xét",
};

export default function RecommendationPage() {
  const { recommendation: r, notice, case: c, reports, decisions, can } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = (lastResult?.status === "error" ? lastResult.error : undefined) ?? {};
  const history = [
    ...reports.map((p) => ({ key: `r${p.id}`, at: p.reported_at, title: `Báo cáo khắc phục — ${p.reporter}`, body: p.body, attachments: p.attachments })),
    ...decisions.map((d) => ({ key: `d${d.id}`, at: d.decided_at, title: `${DECISION_LABELS[d.decision] ?? d.decision} — ${d.decider}`, body: d.reason ?? "", attachments: [] })),
  ].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
  return (
    <>
      <PageHeader
        title={`Kiến nghị ${r.position} — Thông báo số ${notice.number}`}
        description={
          <Anchor component={Link} to={`/cases/${c.id}/conclusion`}>
            {c.code} — {c.title}
          </Anchor>
        }
        actions={
          <Group gap="xs">
            {r.overdue ? (
              <Badge color="red.9" size="lg">
                Quá hạn
              </Badge>
            ) : null}
            <Badge variant="light" color="ktcv" size="lg">
              {r.statusLabel}
            </Badge>
          </Group>
        }
      />
      <Stack gap="lg" maw={1000}>
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label="Loại">{r.kindLabel}</Field>
            <Field label="Đơn vị chủ trì">{r.ownerUnitName}</Field>
            <Field label="Thời hạn">{formatIsoDate(r.deadline)}</Field>
          </SimpleGrid>
          <Text mt="sm" style={{ whiteSpace: "pre-wrap" }}>
            {r.content}
          </Text>
        </Card>
        {errors[""]?.length ? (
          <Alert color="red.9" variant="light" role="alert" title="Chưa thực hiện được">
            {errors[""].join(" ")}
          </Alert>
        ) : null}
        {can.report ? (
          <Card withBorder>
            <Form method="post" encType="multipart/form-data">
              <input type="hidden" name="intent" value="report" />
              <Stack gap="sm">
                <Title order={2} size="h4">
                  Gửi báo cáo khắc phục
                </Title>
                <Textarea label="Nội dung báo cáo" name="body" autosize minRows={4} withAsterisk error={errors.body?.[0]} />
                <FileInput
                  label="Tệp đính kèm (không bắt buộc)"
                  description="PDF, PNG hoặc JPEG; mỗi tệp tối đa 10 MB, tối đa 10 tệp"
                  placeholder="Chọn tệp"
                  name="files"
                  multiple
                  clearable
                  accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
                  error={errors.files?.join(" ")}
                />
                <Group>
                  <Button type="submit" loading={busy}>
                    Gửi báo cáo
                  </Button>
                </Group>
              </Stack>
            </Form>
          </Card>
        ) : null}
        {can.decide ? (
          <Card withBorder>
            <Form method="post">
              <input type="hidden" name="intent" value="decide" />
              <Stack gap="sm">
                <Title order={2} size="h4">
                  Đánh giá kết quả thực hiện
                </Title>
                <NativeSelect
                  label="Kết quả"
                  name="decision"
                  data={[
                    { value: "accepted", label: DECISION_LABELS.accepted! },
                    { value: "rejected", label: DECISION_LABELS.rejected! },
                    { value: "waived", label: DECISION_LABELS.waived! },
                  ]}
                  error={errors.decision?.[0]}
                />
                <Textarea label="Lý do (bắt buộc khi chưa chấp nhận hoặc miễn)" name="reason" autosize minRows={2} error={errors.reason?.[0]} />
                <Group>
                  <Button type="submit" loading={busy}>
                    Ghi nhận
                  </Button>
                </Group>
              </Stack>
            </Form>
          </Card>
        ) : null}
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Quá trình thực hiện
          </Title>
          {history.length === 0 ? (
            <Text c="dimmed">Đơn vị chưa gửi báo cáo khắc phục nào.</Text>
          ) : (
            <Timeline bulletSize={14} lineWidth={2}>
              {history.map((h) => (
                <Timeline.Item key={h.key} title={h.title}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(h.at)}
                  </Text>
                  {h.body ? (
                    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                      {h.body}
                    </Text>
                  ) : null}
                  {h.attachments.map((a) => (
                    <Text size="sm" key={a.id}>
                      <Anchor href={`/cases/${c.id}/attachments/${a.id}`} download underline="always">
                        {a.fileName}
                      </Anchor>{" "}
                      <Text span size="xs" c="dimmed">
                        ({formatFileSize(a.sizeBytes)}, SHA-256 {a.sha256.slice(0, 12)}…)
                      </Text>
                    </Text>
                  ))}
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Card>
      </Stack>
    </>
  );
}
