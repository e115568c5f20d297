// The findings of a case on its page: the running score against the case's rubric version (table and
// chart), each finding with its current version, the dossiers it cites, its earlier versions (who, when,
// why) and the unit's answers; and, for the inspection team, the forms to add, revise and withdraw.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { BarChart } from "@mantine/charts";
import { Accordion, Alert, Anchor, Badge, Button, Card, Collapse, Group, MultiSelect, Popover, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Form, Link, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import { formatDateTime, formatNumber } from "../domain/format.js";
import type { CaseFindingsView, CitedDossier, FindingVersionView, FindingView } from "../models/explanations.server.js";
import { FindingAnswers } from "./CaseExplanation.js";
import { ChartFigure } from "./DashboardSection.js";
import { findingAddSchema, findingReviseSchema, findingWithdrawSchema } from "./FindingSchemas.js";

type Reply = SubmissionResult<string[]> | undefined;

/** The reply belongs to this form: same intent and, for a per-finding form, the same finding. */
export function replyFor(reply: Reply, intent: string, findingId?: number): Reply {
  if (!reply || reply.initialValue?.intent !== intent) return undefined;
  if (findingId !== undefined && String(reply.initialValue?.findingId) !== String(findingId)) return undefined;
  return reply;
}

const points = (n: number) => formatNumber(n);

function ScoreChart({ rows }: { rows: CaseFindingsView["score"]["rows"] }) {
  const summary = rows.map((r) => `${r.code}: trừ ${points(r.deducted)} trên tối đa ${points(r.maxPoints)} điểm`).join("; ");
  const height = Math.max(160, 70 + rows.length * 40);
  return (
    <ChartFigure caption="Điểm trừ so với mức tối đa theo tiêu chí" summary={summary} height={height}>
      <BarChart
        h={height}
        data={rows.map((r) => ({ label: r.code, deducted: r.deducted, remaining: r.remaining }))}
        dataKey="label"
        orientation="vertical"
        type="stacked"
        series={[
          { name: "deducted", label: "Đã trừ", color: "red.9" },
          { name: "remaining", label: "Còn lại", color: "ktcv.7" },
        ]}
        withLegend
        legendProps={{ verticalAlign: "top", height: 36 }}
        valueFormatter={points}
        gridAxis="x"
        yAxisProps={{ width: 48 }}
        barChartProps={{ accessibilityLayer: false }}
      />
    </ChartFigure>
  );
}

function ScoreCard({ view }: { view: CaseFindingsView }) {
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group gap="xs" align="baseline">
          <Text fw={700} fz={28} lh={1} data-testid="case-score">
            {points(view.score.total)}
          </Text>
          <Text c="dimmed">/ {points(view.rubric.fullMarks)} điểm (điểm hiện tại theo các nội dung kiểm tra đang có hiệu lực)</Text>
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Table.ScrollContainer minWidth={420}>
            <Table aria-label="Điểm theo tiêu chí">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Tiêu chí</Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
                    Tối đa
                  </Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
                    Đã trừ
                  </Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
                    Còn lại
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.score.rows.map((r) => (
                  <Table.Tr key={r.code}>
                    <Table.Td>
                      <Text size="sm" fw={600} span>
                        {r.code}.
                      </Text>{" "}
                      <Text size="sm" span>
                        {r.title}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{points(r.maxPoints)}</Table.Td>
                    <Table.Td ta="right" c={r.deducted > 0 ? "red.9" : undefined}>
                      {points(r.deducted)}
                    </Table.Td>
                    <Table.Td ta="right">{points(r.remaining)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ScoreChart rows={view.score.rows} />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

function Dossiers({ dossiers, canReadEvidence }: { dossiers: CitedDossier[]; canReadEvidence: boolean }) {
  if (dossiers.length === 0) return <Text span>không có</Text>;
  return (
    <>
      {dossiers.map((d, i) => (
        <Fragment key={d.id}>
          {i > 0 ? ", " : null}
          {canReadEvidence ? (
            <Anchor component={Link} to={`/evidence/dossiers/${d.id}`} underline="always">
              {d.code}
            </Anchor>
          ) : (
            <Text span ff="monospace" size="sm">
              {d.code}
            </Text>
          )}
        </Fragment>
      ))}
    </>
  );
}

function VersionBody({ v, canReadEvidence }: { v: FindingVersionView; canReadEvidence: boolean }) {
  return (
    <Stack gap={4}>
      <Text size="sm">
        <Text span fw={600}>
          {v.criterionCode}.
        </Text>{" "}
        {v.criterionTitle} — đề xuất trừ{" "}
        <Text span fw={600}>
          {points(v.proposedDeduction)} điểm
        </Text>
      </Text>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
        {v.facts}
      </Text>
      <Text size="sm">
        Hồ sơ làm căn cứ: <Dossiers dossiers={v.dossiers} canReadEvidence={canReadEvidence} />
      </Text>
    </Stack>
  );
}

function VersionByline({ v }: { v: FindingVersionView }) {
  const what = v.withdrawn ? "Rút" : v.version === 1 ? "Ghi" : "Sửa";
  return (
    <Text size="xs" c="dimmed">
      {what} bởi {v.createdByName}, {formatDateTime(v.createdAt)}
      {v.changeNote ? ` — ${v.withdrawn ? "Lý do rút" : "Lý do sửa"}: ${v.changeNote}` : ""}
    </Text>
  );
}

function History({ finding, canReadEvidence }: { finding: FindingView; canReadEvidence: boolean }) {
  if (finding.history.length === 0) return null;
  return (
    <Accordion variant="contained" chevronPosition="left">
      <Accordion.Item value="history">
        <Accordion.Control>Lịch sử phiên bản ({finding.history.length} phiên bản trước)</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="md">
            {finding.history.map((v) => (
              <Stack key={v.version} gap={4}>
                <Group gap="xs">
                  <Badge variant="outline" color="gray" tt="none">
                    Phiên bản {v.version}
                  </Badge>
                  {v.withdrawn ? (
                    <Badge color="gray" tt="none">
                      Đã rút
                    </Badge>
                  ) : null}
                </Group>
                <VersionBody v={v} canReadEvidence={canReadEvidence} />
                <VersionByline v={v} />
              </Stack>
            ))}
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

type Criterion = CaseFindingsView["rubric"]["criteria"][number];

// The add and revise forms share their content inputs; only the revision has a change note.
type FieldLike = { name: string; id: string; key?: string; initialValue?: unknown; errors?: string[] };
type ContentFields = Record<"criterionCode" | "facts" | "proposedDeduction" | "dossierIds", FieldLike> & { changeNote?: FieldLike };
const text = (value: unknown) => (typeof value === "string" ? value : undefined);

function FindingFields({
  fields,
  form,
  criteria,
  evidence,
  initial,
  revise,
}: {
  fields: ContentFields;
  form: { errors?: string[] };
  criteria: readonly Criterion[];
  evidence: CitedDossier[];
  initial?: FindingVersionView;
  revise: boolean;
}) {
  const posted = text(fields.dossierIds.initialValue);
  const chosen = posted !== undefined ? posted.split(",").filter(Boolean) : (initial?.dossiers.map((d) => String(d.id)) ?? []);
  // A cited dossier that has since left the case's evidence stays visible, so the revision can drop it.
  const options = [...evidence, ...(initial?.dossiers.filter((d) => !evidence.some((e) => e.id === d.id)) ?? [])].map((d) => ({ value: String(d.id), label: d.code }));
  return (
    <Stack gap="sm">
      {form.errors?.length ? (
        <Alert color="red.9" variant="light" role="alert" title="Chưa lưu được">
          {form.errors[0]}
        </Alert>
      ) : null}
      <Select
        label="Tiêu chí"
        withAsterisk
        name={fields.criterionCode.name}
        id={fields.criterionCode.id}
        key={fields.criterionCode.key}
        defaultValue={text(fields.criterionCode.initialValue) ?? initial?.criterionCode ?? null}
        data={criteria.map((k) => ({ value: k.code, label: `${k.code}. ${k.title} (tối đa ${points(k.maxPoints)} điểm)` }))}
        error={fields.criterionCode.errors?.[0]}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea
        label="Nội dung kiểm tra (sự việc phát hiện, căn cứ)"
        withAsterisk
        autosize
        minRows={3}
        name={fields.facts.name}
        id={fields.facts.id}
        key={fields.facts.key}
        defaultValue={text(fields.facts.initialValue) ?? initial?.facts}
        error={fields.facts.errors?.[0]}
      />
      <Group align="flex-start" grow>
        <TextInput
          label="Điểm trừ đề xuất"
          description="Không vượt mức tối đa của tiêu chí; ví dụ 7,5"
          withAsterisk
          inputMode="decimal"
          name={fields.proposedDeduction.name}
          id={fields.proposedDeduction.id}
          key={fields.proposedDeduction.key}
          defaultValue={text(fields.proposedDeduction.initialValue) ?? (initial ? String(initial.proposedDeduction).replace(".", ",") : "")}
          error={fields.proposedDeduction.errors?.[0]}
        />
        <MultiSelect
          label="Hồ sơ chứng cứ làm căn cứ"
          description="Chỉ hồ sơ đang thuộc chứng cứ của vụ việc"
          withAsterisk
          searchable
          name={fields.dossierIds.name}
          id={fields.dossierIds.id}
          key={fields.dossierIds.key}
          defaultValue={chosen}
          data={options}
          error={fields.dossierIds.errors?.[0]}
          nothingFoundMessage="Không có hồ sơ nào khớp"
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      {revise && fields.changeNote ? (
        <Textarea
          label="Lý do sửa"
          description="Bắt buộc khi có thay đổi; giải trình đã gửi cho phiên bản trước sẽ được đánh dấu là đã cũ"
          autosize
          minRows={2}
          name={fields.changeNote.name}
          id={fields.changeNote.id}
          key={fields.changeNote.key}
          defaultValue={text(fields.changeNote.initialValue)}
          error={fields.changeNote.errors?.[0]}
        />
      ) : null}
    </Stack>
  );
}

function AddFindingForm({ view, lastResult }: { view: CaseFindingsView; lastResult: Reply }) {
  const busy = useNavigation().state === "submitting";
  const [opened, { toggle }] = useDisclosure(Boolean(lastResult));
  const [form, fields] = useForm({
    id: "finding-add",
    lastResult,
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: findingAddSchema }),
  });
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Text fw={600}>Ghi nội dung kiểm tra mới</Text>
        <Button variant="light" onClick={toggle} aria-expanded={opened} aria-controls="finding-add-panel">
          {opened ? "Đóng" : "Thêm nội dung kiểm tra"}
        </Button>
      </Group>
      <Collapse in={opened} id="finding-add-panel">
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="finding-add" />
          <Stack gap="sm" mt="md">
            <FindingFields fields={fields} form={form} criteria={view.rubric.criteria} evidence={view.evidenceOptions} revise={false} />
            <Group>
              <Button type="submit" loading={busy}>
                Ghi nội dung kiểm tra
              </Button>
            </Group>
          </Stack>
        </Form>
      </Collapse>
    </Card>
  );
}

function ReviseFindingForm({ finding, view, lastResult, onCancel }: { finding: FindingView; view: CaseFindingsView; lastResult: Reply; onCancel: () => void }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: `finding-revise-${finding.id}`,
    lastResult,
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: findingReviseSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="finding-revise" />
      <input type="hidden" name="findingId" value={finding.id} />
      <Stack gap="sm">
        <FindingFields fields={fields} form={form} criteria={view.rubric.criteria} evidence={view.evidenceOptions} initial={finding.current} revise />
        <Group>
          <Button type="submit" loading={busy}>
            Lưu phiên bản mới
          </Button>
          <Button variant="default" onClick={onCancel}>
            Huỷ
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

function WithdrawFindingForm({ finding, lastResult }: { finding: FindingView; lastResult: Reply }) {
  const [form, fields] = useForm({
    id: `finding-withdraw-${finding.id}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: findingWithdrawSchema }),
  });
  return (
    <Popover width={360} position="bottom-end" withArrow trapFocus defaultOpened={Boolean(lastResult)}>
      <Popover.Target>
        <Button size="xs" variant="light" color="red">
          Rút
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="finding-withdraw" />
          <input type="hidden" name="findingId" value={finding.id} />
          <Stack gap="xs">
            <TextInput
              label={`Lý do rút nội dung kiểm tra số ${finding.number}`}
              withAsterisk
              {...getInputProps(fields.reason, { type: "text" })}
              key={fields.reason.key}
              error={fields.reason.errors?.[0] ?? form.errors?.[0]}
            />
            <Button type="submit" color="red.9" size="xs">
              Rút nội dung kiểm tra
            </Button>
          </Stack>
        </Form>
      </Popover.Dropdown>
    </Popover>
  );
}

function FindingCard({
  caseId,
  finding,
  view,
  canReadEvidence,
  lastResult,
}: {
  caseId: number;
  finding: FindingView;
  view: CaseFindingsView;
  canReadEvidence: boolean;
  lastResult: Reply;
}) {
  const reviseReply = replyFor(lastResult, "finding-revise", finding.id);
  const [editing, { toggle, close }] = useDisclosure(Boolean(reviseReply));
  const v = finding.current;
  const editable = view.canEditFindings && !v.withdrawn;
  return (
    <Card withBorder component="article" aria-labelledby={`finding-${finding.id}-title`} style={v.withdrawn ? { opacity: 0.75 } : undefined}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="xs">
            <Title order={3} size="h5" id={`finding-${finding.id}-title`}>
              Nội dung {finding.number}
            </Title>
            <Badge variant="light" tt="none">
              {v.criterionCode}
            </Badge>
            <Badge variant="outline" color="gray" tt="none">
              Phiên bản {v.version}
            </Badge>
            {v.withdrawn ? (
              <Badge color="gray" tt="none">
                Đã rút
              </Badge>
            ) : null}
          </Group>
          <Text fw={700} c={v.withdrawn ? "dimmed" : "red.9"} style={{ whiteSpace: "nowrap" }}>
            {v.withdrawn ? "Không trừ điểm" : `−${points(v.proposedDeduction)} điểm`}
          </Text>
        </Group>
        {editing && editable ? (
          <ReviseFindingForm finding={finding} view={view} lastResult={reviseReply} onCancel={close} />
        ) : (
          <>
            <VersionBody v={v} canReadEvidence={canReadEvidence} />
            <VersionByline v={v} />
          </>
        )}
        {editable && !editing ? (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={toggle}>
              Sửa
            </Button>
            <WithdrawFindingForm finding={finding} lastResult={replyFor(lastResult, "finding-withdraw", finding.id)} />
          </Group>
        ) : null}
        <History finding={finding} canReadEvidence={canReadEvidence} />
        <FindingAnswers caseId={caseId} finding={finding} canAnswer={view.canAnswer && !v.withdrawn} lastResult={replyFor(lastResult, "explanation-answer", finding.id)} />
      </Stack>
    </Card>
  );
}

export function CaseFindings({ caseId, view, canReadEvidence, lastResult }: { caseId: number; view: CaseFindingsView; canReadEvidence: boolean; lastResult: Reply }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="case-findings-title">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h4" id="case-findings-title">
          Điểm và nội dung kiểm tra
        </Title>
        <Text c="dimmed" size="sm">
          Bộ tiêu chí «{view.rubric.title}», phiên bản {view.rubric.version}
        </Text>
      </Group>
      <ScoreCard view={view} />
      {view.editRefusal ? (
        <Alert color="gray" variant="light">
          {view.editRefusal}
        </Alert>
      ) : null}
      {view.findings.length === 0 ? <Text c="dimmed">Chưa có nội dung kiểm tra nào.</Text> : null}
      {view.findings.map((f) => (
        // Keyed by the version too, so a saved revision closes its form.
        <FindingCard key={`${f.id}-${f.current.version}`} caseId={caseId} finding={f} view={view} canReadEvidence={canReadEvidence} lastResult={lastResult} />
      ))}
      {/* Keyed by the count, so the form starts closed and empty again once a finding is recorded. */}
      {view.canEditFindings ? <AddFindingForm key={view.findings.length} view={view} lastResult={replyFor(lastResult, "finding-add")} /> : null}
    </Stack>
  );
}
