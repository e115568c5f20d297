// One unit's PAR sheet in a cycle: its unit items waiting and counted, each counted item's deduction
// from the notice or from the cycle's provincial table (with its version), the total capped at the
// component's maximum, and the deduction HR records (a reason whenever it differs from the computed one).
import { parseWithZod } from "../forms.js";
import { Alert, Anchor, Button, Group, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { consumeAction } from "../components/AppraisalActions.server.js";
import { StatusBadge } from "../components/AppraisalOverview.js";
import { unitResultSchema } from "../components/AppraisalSchemas.js";
import { ConsumedTable, PendingTable, RefusalAlert, type Refusal } from "../components/AppraisalViews.js";
import { Section } from "../components/SectionCard.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { formatDateTime, formatNumber } from "../domain/format.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { recordUnitResult, unitSheet } from "../models/appraisal-sheets.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.unit.name ?? "Đơn vị"} — ${data?.cycle.reference ?? ""} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "run:appraisal");
  const cycleId = invariantFound(idParam(params.cycleId));
  const unitId = invariantFound(idParam(params.unitId));
  return invariantFound(await unitSheet(getDb(), { cycleId, unitId, scope }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope } = await requirePermission(request, "run:appraisal");
  const cycleId = invariantFound(idParam(params.cycleId));
  const unitId = invariantFound(idParam(params.unitId));
  const back = `/appraisal/${cycleId}/units/${unitId}`;
  const formData = await request.formData();
  if (formData.get("intent") === "consume") return consumeAction(formData, { cycleId, scope, user, back });
  const submission = parseWithZod(formData, { schema: unitResultSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = invariantFound(await recordUnitResult(getDb(), { cycleId, unitId, scope, points: submission.value.points, reason: submission.value.reason }, user));
  if (!result.ok) return data(result.field ? submission.reply({ fieldErrors: { [result.field]: [result.message] } }) : submission.reply({ formErrors: [result.message] }), { status: 409 });
  return redirectWithToast(back, result.message);
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => (actionStatus === 409 ? true : defaultShouldRevalidate);

export default function UnitSheetPage() {
  const s = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as { refusal?: Refusal; status?: string; error?: Record<string, string[] | null> } | undefined;
  const errors = (last?.status === "error" ? last.error : undefined) ?? {};
  const busy = useNavigation().state === "submitting";
  const { cycle, unit, table, proposal } = s;
  const open = cycle.status === "open";
  const sourceText = (d: { points: number; source: "notice" | "table" } | null) =>
    d === null ? "Không tính lại" : `${formatNumber(d.points)} điểm — ${d.source === "notice" ? "theo thông báo kết luận" : `theo bảng của tỉnh, phiên bản ${table.version}`}`;
  return (
    <>
      <PageHeader
        title={`${unit.name} — ${cycle.reference}`}
        description={`${unit.code} · Chỉ số CCHC, nội dung cải cách chế độ công vụ · ${table.title} (phiên bản ${table.version})`}
        actions={<StatusBadge status={cycle.status} />}
      />
      <RefusalAlert refusal={last?.refusal} />
      <Stack gap="lg">
        <Section id="total" title="Điểm trừ trong kỳ">
          <Text size="xl" fw={700} data-testid="unit-deduction">
            Trừ {formatNumber(proposal.deduction)} điểm
          </Text>
          <Text size="sm" c="dimmed">
            Tổng điểm trừ của {proposal.items.length} nội dung đã ghi nhận, tối đa {formatNumber(table.componentMax)} điểm (điểm tối đa của nội dung)
            {proposal.capped ? "; tổng thực tế vượt mức tối đa nên được tính bằng mức tối đa" : ""}. Bảng của tỉnh: vi phạm {formatNumber(table.violationPoints)}, thiếu sót{" "}
            {formatNumber(table.shortcomingPoints)}, mỗi hồ sơ chậm {formatNumber(table.perDelayPoints)} điểm, khi thông báo không nêu điểm trừ.
          </Text>
          <Text size="sm" mt="sm" data-testid="unit-final">
            {s.latest?.finalPoints !== null && s.latest?.finalPoints !== undefined
              ? `Điểm trừ đã ghi: ${formatNumber(s.latest.finalPoints)} — ${s.latest.recordedBy}, ${formatDateTime(s.latest.recordedAt)}${s.latest.reason ? `. Lý do: ${s.latest.reason}` : ""}`
              : "Chưa ghi điểm trừ của đơn vị."}
          </Text>
          {open ? (
            <Form method="post" key={s.latest?.id ?? 0}>
              <input type="hidden" name="intent" value="unit-result" />
              <Stack gap="sm" mt="sm" maw={640}>
                {errors[""]?.length ? (
                  <Alert color="red.9" variant="light" role="alert" title="Chưa ghi được">
                    {errors[""].join(" ")}
                  </Alert>
                ) : null}
                <TextInput label="Điểm trừ ghi nhận" name="points" defaultValue={formatNumber(proposal.deduction)} inputMode="decimal" maw={220} withAsterisk error={errors.points?.[0]} />
                <Textarea label="Lý do (bắt buộc khi khác điểm trừ tính theo bảng)" name="reason" autosize minRows={2} error={errors.reason?.[0]} />
                <Group>
                  <Button type="submit" loading={busy}>
                    Ghi điểm trừ
                  </Button>
                </Group>
              </Stack>
            </Form>
          ) : null}
        </Section>
        {s.corrections.length > 0 ? (
          <Section id="corrections" title="Đính chính cần xác nhận" description="Xác nhận để biết; nội dung đã ghi nhận trước vẫn giữ nguyên, không tính lại.">
            <PendingTable rows={s.corrections} cycleId={cycle.id} open={open} askTasks={false} caption="Đính chính cần xác nhận" showSubject={false} />
          </Section>
        ) : null}
        <Section id="pending" title={`Nội dung kết luận chờ ghi nhận (${s.pending.length})`}>
          {s.pending.length === 0 ? (
            <Text c="dimmed">Không có nội dung kết luận nào về đơn vị chờ ghi nhận.</Text>
          ) : (
            <PendingTable rows={s.pending} cycleId={cycle.id} open={open} askTasks={false} caption="Nội dung kết luận về đơn vị chờ ghi nhận" showSubject={false} />
          )}
        </Section>
        <Section id="here" title={`Đã ghi nhận trong kỳ (${s.here.length})`}>
          {s.here.length === 0 ? (
            <Text c="dimmed">Chưa ghi nhận nội dung nào về đơn vị trong kỳ này.</Text>
          ) : (
            <ConsumedTable rows={s.here.map((c) => ({ ...c, extra: sourceText(c.deduction) }))} cycleId={cycle.id} caption="Nội dung về đơn vị đã ghi nhận trong kỳ" showSubject={false} extraHeader="Điểm trừ" highlight={last?.refusal?.itemId} />
          )}
        </Section>
        {s.elsewhere.length > 0 ? (
          <Section id="elsewhere" title="Đã dùng ở kỳ khác" description="Không đánh giá lại: các nội dung này đã được ghi nhận ở kỳ đánh giá khác.">
            <ConsumedTable rows={s.elsewhere} cycleId={cycle.id} caption="Nội dung về đơn vị đã dùng ở kỳ khác" showSubject={false} showCycle />
          </Section>
        ) : null}
        {s.history.length > 0 ? (
          <Section id="history" title="Các lần ghi điểm trừ">
            <Table aria-label="Các lần ghi điểm trừ" maw={900}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Thời điểm</Table.Th>
                  <Table.Th>Người ghi</Table.Th>
                  <Table.Th ta="right">Điểm tính theo bảng</Table.Th>
                  <Table.Th ta="right">Điểm ghi nhận</Table.Th>
                  <Table.Th>Lý do</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.history.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>{formatDateTime(h.recordedAt)}</Table.Td>
                    <Table.Td>{h.recordedBy}</Table.Td>
                    <Table.Td ta="right">{formatNumber((h.proposed as { deduction: number }).deduction)}</Table.Td>
                    <Table.Td ta="right">{h.finalPoints === null ? "—" : formatNumber(h.finalPoints)}</Table.Td>
                    <Table.Td>{h.reason ?? ""}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
        ) : null}
        <Group>
          <Anchor component={Link} to={`/appraisal/${cycle.id}`} size="sm">
            ← {cycle.reference}
          </Anchor>
        </Group>
      </Stack>
    </>
  );
}
