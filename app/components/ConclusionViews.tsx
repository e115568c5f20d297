// The parts of the conclusion workspace: published notices (PDF and verification links), and the
// notice in the making — its text, items drawn from findings, recommendations, the approver's returns,
// and the buttons the viewer may use. Forms post to the workspace route; the server checks everything again.
import type { SubmissionResult } from "@conform-to/react";
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, NativeSelect, NumberInput, Radio, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useState } from "react";
import {
  DISCIPLINE_LEVELS,
  DISCIPLINE_LEVEL_LABELS,
  ITEM_KINDS,
  ITEM_KIND_LABELS,
  RECOMMENDATION_KINDS,
  RECOMMENDATION_KIND_LABELS,
  SIGNER_CAPACITIES,
  itemEffectLabel,
  type DisciplineLevel,
  type ItemKind,
  type RecommendationKind,
} from "../domain/conclusion.js";
import { formatDateTime, formatIsoDate, formatNumber } from "../domain/format.js";

type Reply = (SubmissionResult<string[]> & { formIntent?: string }) | undefined;

type Notice = { id: number; number: string; publicationDate: string; supersedesId: number | null; sha256: string };

export function PublishedNotices({ notices }: { notices: Notice[] }) {
  if (notices.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        Thông báo kết luận đã công bố
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label="Thông báo kết luận đã công bố">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Số</Table.Th>
              <Table.Th>Ngày</Table.Th>
              <Table.Th>Ghi chú</Table.Th>
              <Table.Th>Mã xác thực (SHA-256)</Table.Th>
              <Table.Th>Tải về</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {notices.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Anchor component={Link} to={`/public/notices/${n.id}`}>
                    {n.number}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatIsoDate(n.publicationDate)}</Table.Td>
                <Table.Td>
                  {n.supersedesId ? `Đính chính, thay thế thông báo trước` : null}
                  {notices.some((o) => o.supersedesId === n.id) ? (
                    <Badge color="gray" variant="light" tt="none">
                      Đã được thay thế
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {n.sha256.slice(0, 16)}…
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor href={`/public/notices/${n.id}/pdf`} aria-label={`Tải PDF Thông báo số ${n.number}`}>
                    Tải PDF
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function Refusal({ reply, intents }: { reply: Reply; intents: string[] }) {
  if (!reply || reply.status !== "error" || !intents.includes(reply.formIntent ?? "")) return null;
  const messages = Object.values(reply.error ?? {}).flat().filter((m): m is string => typeof m === "string");
  if (messages.length === 0) return null;
  return (
    <Alert color="red.9" variant="light" role="alert" title="Chưa thực hiện được">
      {messages.join(" ")}
    </Alert>
  );
}

function SubmitButton({ children, ...props }: { children: React.ReactNode; color?: string; variant?: string }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Button type="submit" loading={busy} {...props}>
      {children}
    </Button>
  );
}

type Workspace = {
  case: { id: number; code: string; state: string; subject: string };
  conclusion: {
    id: number;
    status: "draft" | "pending_approval" | "published";
    supersedes_id: number | null;
    title: string;
    summary: string;
    responsibility: string;
    recipients: string[];
    drafted_by_name: string;
    drafted_at: string | Date;
  } | null;
  items: {
    id: number;
    position: number;
    kind: ItemKind;
    content: string;
    points: number;
    attributed_delays: number;
    discipline_level: DisciplineLevel | null;
    par_deduction: number;
    subject: string;
    subject_officer_id: number | null;
    subject_unit_id: number;
    findingIds: number[];
  }[];
  recommendations: { id: number; position: number; kind: RecommendationKind; content: string; owner_unit_name: string; owner_unit_id: number; deadline: string }[];
  reviews: { id: number; action: string; comment: string | null; acted_at: string | Date; actor_name: string }[];
  findings: { id: number; number: number; criterion_code: string; facts: string; proposed_deduction: number; dossiers: { id: number; code: string }[] }[];
  can: { start: boolean; edit: boolean; submit: boolean; approve: boolean; approveRefusal: string | null; correct: boolean };
  /** The inspection office and the approvers see drafts; the inspected unit only what is published. */
  seesDrafts: boolean;
  units: { value: string; label: string }[];
  officers: { value: string; label: string }[];
};

const REVIEW_LABELS: Record<string, string> = { submitted: "Trình phê duyệt", returned: "Trả lại", published: "Phê duyệt và công bố" };

export function ConclusionDraftView({ workspace, lastResult }: { workspace: Workspace; lastResult: Reply }) {
  const { conclusion, can } = workspace;
  if (!conclusion && !workspace.seesDrafts) {
    // Whether a draft exists is the office's business: the unit reads the notice once it is published.
    return (
      <Card withBorder>
        <Text>Kết luận kiểm tra của vụ việc chưa được công bố.</Text>
      </Card>
    );
  }
  if (!conclusion) {
    return (
      <Card withBorder>
        <Stack gap="sm">
          <Refusal reply={lastResult} intents={["start"]} />
          <Text>Vụ việc chưa có dự thảo kết luận.</Text>
          {can.start ? (
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <SubmitButton>Lập dự thảo kết luận</SubmitButton>
            </Form>
          ) : (
            <Text c="dimmed" size="sm">
              Trưởng đoàn kiểm tra lập dự thảo kết luận khi vụ việc đang ở trạng thái «Đang xem xét».
            </Text>
          )}
        </Stack>
      </Card>
    );
  }
  const published = conclusion.status === "published";
  return (
    <Stack gap="lg">
      {published && can.correct ? (
        <Card withBorder>
          <Refusal reply={lastResult} intents={["correct"]} />
          <Group justify="space-between">
            <Text>Cần sửa thông báo đã công bố? Lập thông báo đính chính: thông báo cũ giữ nguyên, thông báo mới thay thế và dẫn chiếu đến nó.</Text>
            <Form method="post">
              <input type="hidden" name="intent" value="correct" />
              <SubmitButton variant="light">Lập thông báo đính chính</SubmitButton>
            </Form>
          </Group>
        </Card>
      ) : null}
      {!published ? (
        <Text c="dimmed" size="sm">
          Dự thảo do {conclusion.drafted_by_name} lập lúc {formatDateTime(conclusion.drafted_at)}.
        </Text>
      ) : null}
      {/* The approver's comment is work for the draft: shown while the returned draft is being revised,
          not once it is submitted again or published (the history below keeps it). */}
      {conclusion.status === "draft" && workspace.reviews[0]?.action === "returned" ? (
        <Alert color="orange.9" variant="light" title={`${workspace.reviews[0].actor_name} trả lại dự thảo lúc ${formatDateTime(workspace.reviews[0].acted_at)}`}>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {workspace.reviews[0].comment}
          </Text>
        </Alert>
      ) : null}
      <NoticeText workspace={workspace} lastResult={lastResult} />
      {/* Keyed by what is saved: after a save the add form is empty again and an edit form closes; a
          refused save changes nothing saved, so the typed values and the errors stay. Siblings' keys must
          differ: two empty lists under the same key duplicate the sections in the DOM. */}
      <Items key={`items ${JSON.stringify(workspace.items)}`} workspace={workspace} lastResult={lastResult} />
      <Recommendations key={`recommendations ${JSON.stringify(workspace.recommendations)}`} workspace={workspace} lastResult={lastResult} />
      <Decision workspace={workspace} lastResult={lastResult} />
      {workspace.reviews.length > 0 ? (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Trình, trả lại và phê duyệt
          </Title>
          <Stack gap={4}>
            {workspace.reviews.map((r) => (
              <Text key={r.id} size="sm">
                {formatDateTime(r.acted_at)} — {r.actor_name}: {REVIEW_LABELS[r.action] ?? r.action}
                {r.comment ? `. Ý kiến: ${r.comment}` : ""}
              </Text>
            ))}
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}

function NoticeText({ workspace, lastResult }: { workspace: Workspace; lastResult: Reply }) {
  const c = workspace.conclusion!;
  if (!workspace.can.edit) {
    return (
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h4">
            {c.title}
          </Title>
          {c.summary ? <Text style={{ whiteSpace: "pre-wrap" }}>{c.summary}</Text> : null}
          {c.responsibility ? (
            <>
              <Text fw={700}>Trách nhiệm của tập thể, cá nhân</Text>
              <Text style={{ whiteSpace: "pre-wrap" }}>{c.responsibility}</Text>
            </>
          ) : null}
          <Text size="sm" c="dimmed">
            Nơi nhận: {c.recipients.join("; ")}
          </Text>
        </Stack>
      </Card>
    );
  }
  const errors = lastResult?.formIntent === "text" ? lastResult.error ?? {} : {};
  return (
    <Card withBorder>
      <Form method="post">
        <input type="hidden" name="intent" value="text" />
        <Stack gap="sm">
          <Title order={2} size="h4">
            Trích yếu và nội dung
          </Title>
          <Refusal reply={lastResult} intents={["text"]} />
          <TextInput label="Trích yếu (dòng dưới chữ THÔNG BÁO)" name="title" defaultValue={c.title} withAsterisk error={errors.title?.[0]} />
          <Textarea label="Nội dung kiểm tra (tóm tắt quá trình, phạm vi)" name="summary" defaultValue={c.summary} autosize minRows={3} error={errors.summary?.[0]} />
          <Textarea label="Trách nhiệm của tập thể, cá nhân" name="responsibility" defaultValue={c.responsibility} autosize minRows={3} error={errors.responsibility?.[0]} />
          <Textarea
            label="Nơi nhận"
            description="Mỗi dòng một nơi nhận; dòng cuối thường là «Lưu: VT, …»."
            name="recipients"
            defaultValue={c.recipients.join("\n")}
            autosize
            minRows={3}
            error={errors.recipients?.[0]}
          />
          <Group>
            <SubmitButton variant="light">Lưu trích yếu và nội dung</SubmitButton>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

function ItemForm({ workspace, item, lastResult, onDone }: { workspace: Workspace; item?: Workspace["items"][number]; lastResult: Reply; onDone?: () => void }) {
  const errors = lastResult?.formIntent === "item" ? lastResult.error ?? {} : {};
  const subjectOptions = [
    { value: "case", label: `Đối tượng của vụ việc: ${workspace.case.subject}` },
    ...workspace.officers.map((o) => ({ ...o, label: `Cán bộ ${o.label}` })),
  ];
  const subjectValue = !item ? "case" : item.subject_officer_id ? `officer:${item.subject_officer_id}` : "case";
  return (
    <Form method="post" onSubmit={onDone}>
      <input type="hidden" name="intent" value="item" />
      {item ? <input type="hidden" name="itemId" value={item.id} /> : null}
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label="Đối tượng" name="subject" defaultValue={subjectValue} data={subjectOptions} error={errors.subject?.[0]} />
          <NativeSelect
            label="Loại"
            name="kind"
            defaultValue={item?.kind ?? "violation"}
            data={ITEM_KINDS.map((k) => ({ value: k, label: ITEM_KIND_LABELS[k] }))}
            error={errors.kind?.[0]}
          />
        </SimpleGrid>
        <Textarea label="Nội dung kết luận" name="content" defaultValue={item?.content} autosize minRows={3} withAsterisk error={errors.content?.[0]} />
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <NumberInput label="Điểm trừ" name="points" defaultValue={item?.points ?? 0} min={0} max={100} decimalScale={2} error={errors.points?.[0]} />
          <NumberInput label="Số hồ sơ chậm do đối tượng" name="attributedDelays" defaultValue={item?.attributed_delays ?? 0} min={0} allowDecimal={false} error={errors.attributedDelays?.[0]} />
          <NativeSelect
            label="Đề xuất kỷ luật"
            name="disciplineLevel"
            defaultValue={item?.discipline_level ?? ""}
            data={[{ value: "", label: "Không" }, ...DISCIPLINE_LEVELS.map((d) => ({ value: d, label: DISCIPLINE_LEVEL_LABELS[d] }))]}
            error={errors.disciplineLevel?.[0]}
          />
          <NumberInput label="Trừ điểm Chỉ số CCHC" name="parDeduction" defaultValue={item?.par_deduction ?? 0} min={0} max={100} decimalScale={2} error={errors.parDeduction?.[0]} />
        </SimpleGrid>
        {workspace.findings.length > 0 ? (
          <Checkbox.Group label="Căn cứ vào nội dung kiểm tra" defaultValue={(item?.findingIds ?? []).map(String)} error={errors.findingIds?.[0]}>
            <Stack gap={4} mt={4}>
              {workspace.findings.map((f) => (
                <Checkbox
                  key={f.id}
                  name="findingIds"
                  value={String(f.id)}
                  label={`Nội dung ${f.number} (${f.criterion_code}, trừ ${formatNumber(f.proposed_deduction)} điểm, ${f.dossiers.length} hồ sơ): ${f.facts.slice(0, 140)}${f.facts.length > 140 ? "…" : ""}`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        ) : (
          <Text size="sm" c="dimmed">
            Vụ việc chưa có nội dung kiểm tra hiện hành để làm căn cứ.
          </Text>
        )}
        <Group>
          <SubmitButton variant="light">{item ? `Lưu nội dung kết luận ${item.position}` : "Thêm nội dung kết luận"}</SubmitButton>
        </Group>
      </Stack>
    </Form>
  );
}

function Items({ workspace, lastResult }: { workspace: Workspace; lastResult: Reply }) {
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Nội dung kết luận ({workspace.items.length})
        </Title>
        <Refusal reply={lastResult} intents={["item", "item-remove"]} />
        {workspace.items.length === 0 ? <Text c="dimmed">Chưa có nội dung kết luận.</Text> : null}
        {workspace.items.map((item) =>
          editing === item.id ? (
            <Card key={item.id} withBorder bg="gray.0">
              <ItemForm workspace={workspace} item={item} lastResult={lastResult} />
              <Button variant="subtle" mt="xs" onClick={() => setEditing(null)}>
                Thôi sửa
              </Button>
            </Card>
          ) : (
            <Card key={item.id} withBorder component="article" aria-label={`Nội dung kết luận ${item.position}`}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={4}>
                  <Group gap="xs">
                    <Text fw={700}>{item.position}.</Text>
                    <Badge color={item.kind === "commendation" ? "green.9" : item.kind === "violation" ? "red.9" : "orange.9"} variant="light">
                      {ITEM_KIND_LABELS[item.kind]}
                    </Badge>
                    <Text fw={600}>{item.subject}</Text>
                  </Group>
                  <Text style={{ whiteSpace: "pre-wrap" }}>{item.content}</Text>
                  <Text size="sm" c="dimmed">
                    Ảnh hưởng đánh giá: {itemEffectLabel({ points: item.points, attributedDelays: item.attributed_delays, disciplineLevel: item.discipline_level, parDeduction: item.par_deduction })}
                    {item.findingIds.length > 0
                      ? ` · căn cứ nội dung kiểm tra ${item.findingIds.map((id) => workspace.findings.find((f) => f.id === id)?.number ?? "?").join(", ")}`
                      : ""}
                  </Text>
                </Stack>
                {workspace.can.edit ? (
                  <Group gap="xs" wrap="nowrap">
                    <Button variant="default" size="xs" onClick={() => setEditing(item.id)}>
                      Sửa
                    </Button>
                    <Form method="post">
                      <input type="hidden" name="intent" value="item-remove" />
                      <input type="hidden" name="id" value={item.id} />
                      <Button type="submit" variant="subtle" color="red.9" c="red.9" size="xs" aria-label={`Bỏ nội dung kết luận ${item.position}`}>
                        Bỏ
                      </Button>
                    </Form>
                  </Group>
                ) : null}
              </Group>
            </Card>
          ),
        )}
        {workspace.can.edit && editing === null ? (
          <Card withBorder bg="gray.0">
            <Title order={3} size="h5" mb="xs">
              Thêm nội dung kết luận
            </Title>
            <ItemForm workspace={workspace} lastResult={lastResult} />
          </Card>
        ) : null}
      </Stack>
    </Card>
  );
}

function RecommendationForm({ workspace, rec, lastResult }: { workspace: Workspace; rec?: Workspace["recommendations"][number]; lastResult: Reply }) {
  const errors = lastResult?.formIntent === "recommendation" ? lastResult.error ?? {} : {};
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="recommendation" />
      {rec ? <input type="hidden" name="recommendationId" value={rec.id} /> : null}
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label="Loại kiến nghị"
            name="kind"
            defaultValue={rec?.kind ?? "remedy"}
            data={RECOMMENDATION_KINDS.map((k) => ({ value: k, label: RECOMMENDATION_KIND_LABELS[k] }))}
            error={errors.kind?.[0]}
          />
          <NativeSelect
            label="Đơn vị chủ trì thực hiện"
            name="ownerUnitId"
            defaultValue={rec ? String(rec.owner_unit_id) : ""}
            data={[{ value: "", label: "— Chọn đơn vị —" }, ...workspace.units]}
            error={errors.ownerUnitId?.[0]}
          />
          <TextInput label="Thời hạn thực hiện" name="deadline" placeholder="dd/mm/yyyy" defaultValue={formatIsoDate(rec?.deadline)} withAsterisk error={errors.deadline?.[0]} />
        </SimpleGrid>
        <Textarea label="Nội dung kiến nghị" name="content" defaultValue={rec?.content} autosize minRows={2} withAsterisk error={errors.content?.[0]} />
        <Group>
          <SubmitButton variant="light">{rec ? `Lưu kiến nghị ${rec.position}` : "Thêm kiến nghị"}</SubmitButton>
        </Group>
      </Stack>
    </Form>
  );
}

function Recommendations({ workspace, lastResult }: { workspace: Workspace; lastResult: Reply }) {
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Kiến nghị ({workspace.recommendations.length})
        </Title>
        <Refusal reply={lastResult} intents={["recommendation", "recommendation-remove"]} />
        {workspace.recommendations.length === 0 ? <Text c="dimmed">Chưa có kiến nghị.</Text> : null}
        {workspace.recommendations.map((r) =>
          editing === r.id ? (
            <Card key={r.id} withBorder bg="gray.0">
              <RecommendationForm workspace={workspace} rec={r} lastResult={lastResult} />
              <Button variant="subtle" mt="xs" onClick={() => setEditing(null)}>
                Thôi sửa
              </Button>
            </Card>
          ) : (
            <Group key={r.id} justify="space-between" align="flex-start" wrap="nowrap">
              <Text>
                <Text span fw={700}>
                  {r.position}. {RECOMMENDATION_KIND_LABELS[r.kind]}:
                </Text>{" "}
                {r.content} — <Text span fw={600}>{r.owner_unit_name}</Text>, hạn {formatIsoDate(r.deadline)}.
              </Text>
              {workspace.can.edit ? (
                <Group gap="xs" wrap="nowrap">
                  <Button variant="default" size="xs" onClick={() => setEditing(r.id)}>
                    Sửa
                  </Button>
                  <Form method="post">
                    <input type="hidden" name="intent" value="recommendation-remove" />
                    <input type="hidden" name="id" value={r.id} />
                    <Button type="submit" variant="subtle" color="red.9" c="red.9" size="xs" aria-label={`Bỏ kiến nghị ${r.position}`}>
                      Bỏ
                    </Button>
                  </Form>
                </Group>
              ) : null}
            </Group>
          ),
        )}
        {workspace.can.edit && editing === null ? (
          <Card withBorder bg="gray.0">
            <Title order={3} size="h5" mb="xs">
              Thêm kiến nghị
            </Title>
            <RecommendationForm workspace={workspace} lastResult={lastResult} />
          </Card>
        ) : null}
      </Stack>
    </Card>
  );
}

function Decision({ workspace, lastResult }: { workspace: Workspace; lastResult: Reply }) {
  const { conclusion, can } = workspace;
  if (!conclusion || conclusion.status === "published") return null;
  const returnErrors = lastResult?.formIntent === "return" ? lastResult.error ?? {} : {};
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Trình và phê duyệt
        </Title>
        <Refusal reply={lastResult} intents={["submit", "approve"]} />
        {can.submit ? (
          <Form method="post">
            <input type="hidden" name="intent" value="submit" />
            <Group>
              <SubmitButton>Trình phê duyệt</SubmitButton>
              <Text size="sm" c="dimmed">
                Lãnh đạo Sở không phải người lập dự thảo sẽ phê duyệt hoặc trả lại.
              </Text>
            </Group>
          </Form>
        ) : null}
        {conclusion.status === "pending_approval" && can.approve ? (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
            <Form method="post">
              <input type="hidden" name="intent" value="approve" />
              <Stack gap="sm">
                <Radio.Group label="Thẩm quyền ký" name="capacity" defaultValue="deputy" withAsterisk>
                  <Stack gap={4} mt={4}>
                    {Object.entries(SIGNER_CAPACITIES).map(([value, c]) => (
                      <Radio key={value} value={value} label={c.label} />
                    ))}
                  </Stack>
                </Radio.Group>
                <Text size="sm" c="dimmed">
                  Phê duyệt là công bố: thông báo được cấp số tiếp theo trong năm, ghi ngày hôm nay, và không sửa được nữa.
                </Text>
                <Group>
                  <SubmitButton>Phê duyệt và công bố</SubmitButton>
                </Group>
              </Stack>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="return" />
              <Stack gap="sm">
                <Textarea label="Ý kiến khi trả lại" name="comment" autosize minRows={3} withAsterisk error={returnErrors.comment?.[0] ?? returnErrors[""]?.[0]} />
                <Group>
                  <SubmitButton color="red.9" variant="light">
                    Trả lại để xem xét
                  </SubmitButton>
                </Group>
              </Stack>
            </Form>
          </SimpleGrid>
        ) : null}
        {conclusion.status === "pending_approval" && !can.approve && can.approveRefusal ? (
          <Text c="dimmed" size="sm">
            {can.approveRefusal}
          </Text>
        ) : null}
        {conclusion.status === "pending_approval" && !can.approve && !can.approveRefusal ? <Text c="dimmed">Dự thảo đang chờ lãnh đạo Sở phê duyệt.</Text> : null}
        {conclusion.status === "draft" && !can.submit ? <Text c="dimmed">Dự thảo đang được trưởng đoàn soạn.</Text> : null}
      </Stack>
    </Card>
  );
}
