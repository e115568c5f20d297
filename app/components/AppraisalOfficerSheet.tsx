// The parts of an officer's appraisal sheet: the rule set's proposal with its reasons and citations,
// HR's inputs, the result HR records, the discipline decisions, and the trail of what was recorded.
import { Alert, Badge, Button, Group, List, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { DISCIPLINE_LEVEL_LABELS, DISCIPLINE_LEVELS } from "../domain/conclusion.js";
import { formatDateTime, formatIsoDate, formatNumber } from "../domain/format.js";
import { finalText, itemTaskOf, taskLinesOf, type Proposal } from "../domain/appraisal/sheet.js";
import { DISCIPLINE_SYSTEM_LABELS, DISCIPLINE_SYSTEMS, ND90_RATINGS, RATING_LABELS } from "../domain/appraisal/types.js";
import type { OfficerSheet } from "../models/appraisal-sheets.server.js";

/** The sheet as the page receives it (the rule set's raw facts stay on the server). */
type Sheet = Omit<OfficerSheet, "facts">;

export type FormErrors = Record<string, string[] | null | undefined>;

const RATING_OPTIONS = ND90_RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }));

function FormAlert({ errors, title }: { errors: FormErrors; title: string }) {
  const messages = errors[""] ?? [];
  if (messages.length === 0) return null;
  return (
    <Alert color="red.9" variant="light" role="alert" title={title}>
      {messages.join(" ")}
    </Alert>
  );
}

function SubmitButton({ children, intent }: { children: string; intent: string }) {
  const navigation = useNavigation();
  return (
    <Group>
      <Button type="submit" loading={navigation.state === "submitting" && navigation.formData?.get("intent") === intent}>
        {children}
      </Button>
    </Group>
  );
}

export function ProposalView({ proposal, latest }: { proposal: Proposal; latest: OfficerSheet["latest"] }) {
  const stale = latest?.finalRating && proposal.ok && (latest.proposed as Proposal).ok && (latest.proposed as Extract<Proposal, { ok: true }>).rating !== proposal.rating;
  if (!proposal.ok) {
    return (
      <Alert color="yellow.9" variant="light" title="Chưa tính được đề xuất" data-testid="proposal-problems">
        <List size="sm" spacing={2}>
          {proposal.problems.map((p) => (
            <List.Item key={p}>{p}</List.Item>
          ))}
        </List>
      </Alert>
    );
  }
  return (
    <Stack gap="sm">
      <Group gap="sm" align="baseline">
        <Text size="xl" fw={700} data-testid="proposal-label">
          {proposal.label}
        </Text>
        {proposal.points !== null ? <Badge size="lg" variant="light">{formatNumber(proposal.points)}/100 điểm</Badge> : null}
      </Group>
      <List spacing="xs" size="sm" data-testid="proposal-reasons">
        {proposal.reasons.map((r, i) => (
          <List.Item key={i}>
            {r.text}
            {!r.citation.verified ? (
              <Text span size="xs" c="dimmed">
                {" "}
                (số điều, khoản chưa được đối chiếu với văn bản chính thức)
              </Text>
            ) : null}
          </List.Item>
        ))}
      </List>
      {proposal.taskPoints.length > 0 ? (
        <Table aria-label="Điểm các nhiệm vụ sau khi trừ chậm tiến độ" maw={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Nhiệm vụ</Table.Th>
              <Table.Th ta="right">Lần chậm</Table.Th>
              <Table.Th ta="right">Bị trừ</Table.Th>
              <Table.Th ta="right">Điểm còn lại</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {proposal.taskPoints.map((t) => (
              <Table.Tr key={t.taskId}>
                <Table.Td>{t.taskId}</Table.Td>
                <Table.Td ta="right">{formatNumber(t.delays)}</Table.Td>
                <Table.Td ta="right">{formatNumber(t.deduction)}</Table.Td>
                <Table.Td ta="right">{formatNumber(t.points)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {stale ? (
        <Alert color="yellow.9" variant="light" title="Đề xuất đã thay đổi">
          Kết quả đã ghi dựa trên đề xuất cũ; hãy xem lại và ghi lại kết quả xếp loại.
        </Alert>
      ) : null}
    </Stack>
  );
}

/** The result HR records: the proposal by default; anything else needs a reason. */
export function ResultForm({ sheet, errors }: { sheet: Sheet; errors: FormErrors }) {
  const { proposal, latest } = sheet;
  const nd335 = sheet.cycle.rule_set_code === "nd335-2025";
  const current = latest?.finalRating ? finalText(latest) : null;
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="final-result">
        {current ? (
          <>
            Kết quả đã ghi: <strong>{current}</strong> — {latest!.recordedBy}, {formatDateTime(latest!.recordedAt)}
            {latest!.reason ? `. Lý do: ${latest!.reason}` : ""}
          </>
        ) : (
          "Chưa ghi kết quả xếp loại."
        )}
      </Text>
      <FormAlert errors={errors} title="Chưa ghi được kết quả" />
      {/* Keyed by the latest record: after it is saved the form starts again from what was saved. */}
      <Form method="post" key={latest?.id ?? 0}>
        <input type="hidden" name="intent" value="result" />
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: nd335 ? 2 : 1 }}>
            <NativeSelect label="Mức xếp loại" name="rating" data={RATING_OPTIONS} defaultValue={latest?.finalRating ?? (proposal.ok ? proposal.rating : "good")} withAsterisk error={errors.rating?.[0]} />
            {nd335 ? (
              <TextInput label="Tổng điểm" name="points" defaultValue={latest?.finalPoints != null ? formatNumber(latest.finalPoints) : proposal.ok && proposal.points !== null ? formatNumber(proposal.points) : ""} inputMode="decimal" error={errors.points?.[0]} />
            ) : null}
          </SimpleGrid>
          <Textarea label="Lý do (bắt buộc khi khác đề xuất)" name="reason" autosize minRows={2} error={errors.reason?.[0]} />
          <SubmitButton intent="result">Ghi kết quả xếp loại</SubmitButton>
        </Stack>
      </Form>
    </Stack>
  );
}

/** HR's inputs: nd90-48 the rating assessed against the decree's criteria; nd335-2025 points and tasks. */
export function InputsForm({ sheet, errors }: { sheet: Sheet; errors: FormErrors }) {
  const { inputs } = sheet;
  if (sheet.cycle.rule_set_code === "nd90-48") {
    return (
      <Form method="post" key={sheet.latest?.id ?? 0}>
        <input type="hidden" name="intent" value="inputs-nd90" />
        <Stack gap="sm">
          <FormAlert errors={errors} title="Chưa lưu được" />
          <NativeSelect
            label="Mức đánh giá theo tiêu chí"
            description="Kết quả đánh giá theo các tiêu chí của Nghị định 90/2020; đề xuất lấy mức «Hoàn thành tốt nhiệm vụ» cho đến khi được nhập."
            name="assessedRating"
            data={RATING_OPTIONS}
            defaultValue={inputs.assessedRating ?? "good"}
            maw={420}
            error={errors.assessedRating?.[0]}
          />
          <SubmitButton intent="inputs-nd90">Lưu và tính đề xuất</SubmitButton>
        </Stack>
      </Form>
    );
  }
  const delayed = sheet.countedItems.filter((i) => i.effect.attributedDelays > 0);
  return (
    <Form method="post" key={sheet.latest?.id ?? 0}>
      <input type="hidden" name="intent" value="inputs-nd335" />
      <Stack gap="sm">
        <FormAlert errors={errors} title="Chưa lưu được" />
        <TextInput
          label="Điểm tiêu chí chung (0–30)"
          name="generalPoints"
          defaultValue={inputs.generalPoints === undefined ? "" : formatNumber(inputs.generalPoints)}
          inputMode="decimal"
          maw={260}
          withAsterisk
          error={errors.generalPoints?.[0]}
        />
        <Textarea
          label="Kết quả thực hiện nhiệm vụ (tối đa 70 điểm)"
          description="Mỗi nhiệm vụ một dòng: Tên nhiệm vụ; điểm; điểm tiến độ — ví dụ «Giải quyết hồ sơ đất đai; 40; 10». Mỗi lần chậm trừ 25% điểm tiến độ của nhiệm vụ."
          name="tasks"
          defaultValue={taskLinesOf(inputs.tasks)}
          autosize
          minRows={3}
          withAsterisk
          error={errors.tasks?.[0]}
        />
        {delayed.map((item) => (
          <Group key={item.itemId} gap="xs" align="flex-end">
            <input type="hidden" name="taskItemId" value={item.itemId} />
            <TextInput
              label={`Nhiệm vụ chịu ${formatNumber(item.effect.attributedDelays)} lần chậm của nội dung ${item.label}`}
              name="taskItemTitle"
              defaultValue={itemTaskOf(item, inputs) ?? ""}
              w={520}
            />
          </Group>
        ))}
        <SubmitButton intent="inputs-nd335">Lưu và tính đề xuất</SubmitButton>
      </Stack>
    </Form>
  );
}

export function DisciplineSection({ sheet, errors, open }: { sheet: Sheet; errors: FormErrors; open: boolean }) {
  return (
    <Stack gap="sm">
      {sheet.disciplines.length === 0 ? (
        <Text c="dimmed" size="sm">
          Chưa có quyết định kỷ luật nào được ghi nhận.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table aria-label="Quyết định kỷ luật">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Quyết định</Table.Th>
                <Table.Th>Hình thức</Table.Th>
                <Table.Th>Hành vi</Table.Th>
                <Table.Th>Người ghi nhận</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sheet.disciplines.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    Số {d.decisionNumber}, ngày {formatIsoDate(d.decidedOn)}
                  </Table.Td>
                  <Table.Td>
                    {DISCIPLINE_LEVEL_LABELS[d.level]} ({DISCIPLINE_SYSTEM_LABELS[d.system]})
                  </Table.Td>
                  <Table.Td>{d.itemLabel ? `Nội dung ${d.itemLabel}` : "Không gắn với nội dung kết luận"}</Table.Td>
                  <Table.Td>
                    {d.recordedBy}, {formatDateTime(d.recordedAt)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open ? (
        <Form method="post" key={sheet.disciplines.length}>
          <input type="hidden" name="intent" value="discipline" />
          <Stack gap="sm">
            <Title order={3} size="h5">
              Ghi nhận quyết định kỷ luật
            </Title>
            <FormAlert errors={errors} title="Chưa ghi nhận được" />
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              <TextInput label="Số quyết định" name="decisionNumber" withAsterisk error={errors.decisionNumber?.[0]} />
              <TextInput label="Ngày quyết định" name="decidedOn" placeholder="dd/mm/yyyy" withAsterisk error={errors.decidedOn?.[0]} />
              <NativeSelect
                label="Loại kỷ luật"
                name="system"
                data={DISCIPLINE_SYSTEMS.map((s) => ({ value: s, label: DISCIPLINE_SYSTEM_LABELS[s][0]!.toUpperCase() + DISCIPLINE_SYSTEM_LABELS[s].slice(1) }))}
                defaultValue="administrative"
                error={errors.system?.[0]}
              />
              <NativeSelect label="Hình thức" name="level" data={DISCIPLINE_LEVELS.map((l) => ({ value: l, label: DISCIPLINE_LEVEL_LABELS[l] }))} error={errors.level?.[0]} />
            </SimpleGrid>
            <NativeSelect
              label="Về hành vi của nội dung kết luận"
              name="conclusionItemId"
              data={[{ value: "", label: "Không gắn với nội dung kết luận nào" }, ...sheet.itemOptions.map((o) => ({ value: String(o.id), label: o.label.length > 120 ? `${o.label.slice(0, 119)}…` : o.label }))]}
              error={errors.conclusionItemId?.[0]}
            />
            <SubmitButton intent="discipline">Ghi nhận quyết định</SubmitButton>
          </Stack>
        </Form>
      ) : null}
    </Stack>
  );
}

export function ResultHistory({ history }: { history: OfficerSheet["history"] }) {
  if (history.length === 0) return <Text c="dimmed" size="sm">Chưa có lần ghi nào.</Text>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table aria-label="Các lần ghi thông tin và kết quả">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Thời điểm</Table.Th>
            <Table.Th>Người ghi</Table.Th>
            <Table.Th>Đề xuất lúc ghi</Table.Th>
            <Table.Th>Kết quả</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.map((h) => {
            const p = h.proposed as Proposal;
            return (
              <Table.Tr key={h.id}>
                <Table.Td>{formatDateTime(h.recordedAt)}</Table.Td>
                <Table.Td>{h.recordedBy}</Table.Td>
                <Table.Td>{p.ok ? `${p.label}${p.points !== null ? ` (${formatNumber(p.points)} điểm)` : ""}` : "Chưa tính được"}</Table.Td>
                <Table.Td>
                  {finalText(h) ?? "Lưu thông tin đánh giá"}
                  {h.reason ? (
                    <Text size="xs" c="dimmed">
                      Lý do: {h.reason}
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
