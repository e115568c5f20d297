// Pieces shared by the appraisal pages: an item as HR reads it, the "Ghi nhận" form, the tables of items
// waiting and consumed, and the alert that names who consumed an item first.
import { Alert, Anchor, Button, Group, Stack, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { CONSUMPTION_MODE_LABELS, consumerText, effectText, type ConsumptionRecord, type ItemEffect } from "../domain/appraisal/consumption.js";
import { OFFICER_CATEGORY_LABELS, type OfficerCategory } from "../domain/appraisal/types.js";
import { formatDateTime, formatIsoDate } from "../domain/format.js";
import { TablePager } from "./Pager.js";

export type Refusal = { itemId: number; message: string; /** The form's field the message is about, when it is about one. */ field?: string };

/** The refusal of a consumption, shown where the eye lands first; screen readers hear it at once. */
export function RefusalAlert({ refusal }: { refusal: Refusal | null | undefined }) {
  if (!refusal) return null;
  return (
    <Alert color="red.9" variant="light" role="alert" title="Không ghi nhận được" mb="md" data-testid="consume-refusal">
      {refusal.message}
    </Alert>
  );
}

/** "Nội dung 1 — Thông báo số 01/TB-SNV ngày 05/03/2026", the content and its effect. */
export function ItemText({ effect, caseCode }: { effect: ItemEffect; caseCode?: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        Nội dung {effect.position} — Thông báo số {effect.notice} ngày {formatIsoDate(effect.publicationDate)}
        {caseCode ? ` (${caseCode})` : ""}
      </Text>
      <Text size="sm">{effect.content}</Text>
      <Text size="xs" c="dimmed">
        {effectText(effect)}
      </Text>
    </Stack>
  );
}

type Subject = { unit: { id: number; code: string; name: string }; officer: { id: number; code: string; name: string; category?: OfficerCategory } | null };

export function SubjectText({ subject, cycleId }: { subject: Subject; cycleId: number }) {
  if (subject.officer) {
    return (
      <Stack gap={0}>
        <Anchor component={Link} to={`/appraisal/${cycleId}/officers/${subject.officer.id}`} size="sm">
          {subject.officer.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {subject.officer.code}
          {subject.officer.category ? ` · ${OFFICER_CATEGORY_LABELS[subject.officer.category]}` : ""} · {subject.unit.name}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`/appraisal/${cycleId}/units/${subject.unit.id}`} size="sm">
        {subject.unit.name}
      </Anchor>
      <Text size="xs" c="dimmed">
        Đơn vị · {subject.unit.code}
      </Text>
    </Stack>
  );
}

/**
 * The one button that consumes an item (or acknowledges a correction: the model decides which). Under
 * nd335-2025 an officer's delays fall on one of their tasks, named here or later on the sheet.
 */
export function ConsumeForm({ itemId, label, acknowledge, askTask }: { itemId: number; label: string; acknowledge?: boolean; askTask?: boolean }) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("itemId") === String(itemId);
  return (
    <Form method="post" preventScrollReset>
      <input type="hidden" name="intent" value="consume" />
      <input type="hidden" name="itemId" value={itemId} />
      <Group gap="xs" wrap="nowrap" align="flex-end">
        {askTask ? <TextInput name="taskTitle" size="xs" w={180} label="Nhiệm vụ bị chậm" aria-label={`Nhiệm vụ bị chậm của ${label}`} placeholder="Tên nhiệm vụ" /> : null}
        <Button type="submit" size="xs" loading={busy} aria-label={`${acknowledge ? "Xác nhận đính chính" : "Ghi nhận"} ${label}`}>
          {acknowledge ? "Xác nhận đính chính" : "Ghi nhận"}
        </Button>
      </Group>
    </Form>
  );
}

export type PendingRow = {
  id: number;
  caseCode: string;
  effect: ItemEffect;
  publishedAt: string | Date;
  needsAcknowledgement: boolean;
  blockedReason?: string | null;
} & Subject;

/** Items waiting: each with its subject and the button, or why it belongs to another cycle. */
export function PendingTable({
  rows,
  cycleId,
  open,
  askTasks,
  caption,
  showSubject = true,
}: {
  rows: PendingRow[];
  cycleId: number;
  open: boolean;
  askTasks: boolean;
  caption: string;
  showSubject?: boolean;
}) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label={caption} verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Nội dung kết luận</Table.Th>
            {showSubject ? <Table.Th>Đối tượng</Table.Th> : null}
            <Table.Th>Công bố</Table.Th>
            <Table.Th>
              <VisuallyHidden>Thao tác</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((p) => {
            const label = `nội dung ${p.effect.position} của Thông báo số ${p.effect.notice}`;
            return (
              <Table.Tr key={p.id} data-testid={`pending-${p.id}`} c={p.blockedReason ? "dimmed" : undefined}>
                <Table.Td maw={460}>
                  <ItemText effect={p.effect} caseCode={p.caseCode} />
                </Table.Td>
                {showSubject ? (
                  <Table.Td>
                    <SubjectText subject={p} cycleId={cycleId} />
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <Text size="sm">{formatDateTime(p.publishedAt)}</Text>
                </Table.Td>
                <Table.Td>
                  {p.blockedReason ? (
                    <Text size="xs" c="dimmed" maw={220}>
                      {p.blockedReason}
                    </Text>
                  ) : open ? (
                    <ConsumeForm itemId={p.id} label={label} acknowledge={p.needsAcknowledgement} askTask={askTasks && p.officer !== null && !p.needsAcknowledgement} />
                  ) : (
                    <Text size="xs" c="dimmed">
                      Kỳ đã khoá: chuyển sang kỳ sau
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** "Nguyễn Thị Thanh Tâm, 23/11/2026 13:05" */
export function consumedByText(c: ConsumptionRecord): string {
  return `${consumerText(c)}, ${formatDateTime(c.consumedAt)}`;
}

export function ModeText({ mode }: { mode: ConsumptionRecord["mode"] }) {
  return (
    <Text size="sm" fw={600} c={mode === "counted" ? "ktcv.8" : "gray.8"}>
      {CONSUMPTION_MODE_LABELS[mode]}
    </Text>
  );
}

export type ConsumedRow = {
  itemId: number;
  caseCode: string;
  effect: ItemEffect;
  taskTitle: string | null;
  consumption: ConsumptionRecord;
  extra?: ReactNode;
} & Subject;

/** What was consumed, by whom and when (never editable: a consumption is for ever). */
export function ConsumedTable({
  rows,
  cycleId,
  caption,
  showSubject = true,
  showCycle = false,
  extraHeader,
  highlight,
}: {
  rows: ConsumedRow[];
  cycleId: number;
  caption: string;
  showSubject?: boolean;
  showCycle?: boolean;
  extraHeader?: string;
  /** The item a refusal was about: its row is marked, so the eye finds who consumed it. */
  highlight?: number;
}) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label={caption} verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Nội dung kết luận</Table.Th>
            {showSubject ? <Table.Th>Đối tượng</Table.Th> : null}
            <Table.Th>Ghi nhận</Table.Th>
            <Table.Th>Người ghi nhận, thời điểm</Table.Th>
            {extraHeader ? <Table.Th>{extraHeader}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.itemId} data-testid={`consumed-${c.itemId}`} bg={c.itemId === highlight ? "yellow.1" : undefined}>
              <Table.Td maw={460}>
                <ItemText effect={c.effect} caseCode={c.caseCode} />
                {c.taskTitle ? (
                  <Text size="xs" mt={2}>
                    Nhiệm vụ: {c.taskTitle}
                  </Text>
                ) : null}
              </Table.Td>
              {showSubject ? (
                <Table.Td>
                  <SubjectText subject={c} cycleId={cycleId} />
                </Table.Td>
              ) : null}
              <Table.Td>
                <ModeText mode={c.consumption.mode} />
                {showCycle ? (
                  <Text size="xs" mt={4}>
                    Đã dùng ở kỳ {c.consumption.cycleReference}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{consumedByText(c.consumption)}</Text>
              </Table.Td>
              {extraHeader ? <Table.Td>{c.extra}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A list's table and its pager, or a line saying it is empty. */
export function Paged({ total, page, param, label, empty, children }: { total: number; page: number; param: string; label: string; empty: string; children: ReactNode }) {
  if (total === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <>
      {children}
      <TablePager total={total} param={param} label={label} page={page} />
    </>
  );
}
