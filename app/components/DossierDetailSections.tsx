import { Anchor, Badge, Card, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ApologyStatus } from "../domain/delay.js";
import { formatDateTime, formatNumber } from "../domain/format.js";
import { ApologyBadge } from "./DossierTable.js";

type Instant = Date | string;

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

const when = (value: Instant | null | undefined) => (value ? formatDateTime(value) : "—");

/** Working time as "2 ngày 3 giờ 15 phút" (calendar time, the way the contract subtracts it). */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [days ? `${days} ngày` : "", hours ? `${hours} giờ` : "", mins ? `${mins} phút` : ""].filter(Boolean);
  return parts.length ? parts.join(" ") : "0 phút";
}

export function DossierFacts({
  dossier,
}: {
  dossier: {
    code: string;
    status_label: string;
    channel_label: string | null;
    received_at: Instant;
    due_at: Instant;
    finished_at: Instant | null;
    apology_at: Instant | null;
    rescheduled_due_at: Instant | null;
    procedure_code: string;
    procedure_name: string | null;
    unit_code: string;
    unit_name: string;
  };
}) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Thông tin hồ sơ
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <Field label="Thủ tục hành chính">
          {dossier.procedure_name ?? dossier.procedure_code}
          <Text size="xs" c="dimmed">
            {dossier.procedure_code}
          </Text>
        </Field>
        <Field label="Đơn vị giải quyết">
          {dossier.unit_name}
          <Text size="xs" c="dimmed">
            {dossier.unit_code}
          </Text>
        </Field>
        <Field label="Trạng thái">{dossier.status_label}</Field>
        <Field label="Kênh tiếp nhận">{dossier.channel_label ?? "—"}</Field>
        <Field label="Ngày tiếp nhận">{when(dossier.received_at)}</Field>
        <Field label="Ngày hẹn trả">{when(dossier.due_at)}</Field>
        <Field label="Ngày có kết quả">{dossier.finished_at ? when(dossier.finished_at) : "Chưa có kết quả"}</Field>
        <Field label="Ngày xin lỗi (Mẫu 04)">{when(dossier.apology_at)}</Field>
        <Field label="Ngày hẹn lại">{when(dossier.rescheduled_due_at)}</Field>
      </SimpleGrid>
    </Card>
  );
}

export type DossierOutcomeView = {
  endAt: string;
  finished: boolean;
  supplementRequests: number;
  supplementTimeMs: number;
  adjustedEnd: string;
  late: boolean;
  lateWorkingDays: number;
  apology: ApologyStatus;
  attribution: "steps" | "unattributed" | null;
  primaryStepNo: number | null;
};

export function DossierOutcome({ outcome, asOf }: { outcome: DossierOutcomeView | null; asOf: string }) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Kết quả đánh giá
      </Title>
      {!outcome ? (
        <Text>Hồ sơ bị từ chối hoặc đã rút: không tính vào tỷ lệ đúng hạn.</Text>
      ) : (
        <Stack gap="sm">
          <div>
            {outcome.late ? (
              <Badge color="red.9" variant="light" size="lg" tt="none">
                Trễ hạn {formatNumber(outcome.lateWorkingDays)} ngày làm việc
              </Badge>
            ) : (
              <Badge color="green.9" variant="light" size="lg" tt="none">
                Đúng hạn
              </Badge>
            )}
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <Field label={outcome.finished ? "Ngày kết thúc" : "Tính đến (chưa có kết quả)"}>{formatDateTime(outcome.endAt)}</Field>
            <Field label="Số lần yêu cầu bổ sung">
              {formatNumber(outcome.supplementRequests)}
              {outcome.supplementRequests >= 2 ? (
                <Text size="xs" c="red.9">
                  Yêu cầu bổ sung lần thứ hai: hồ sơ bị tính trễ hạn
                </Text>
              ) : null}
            </Field>
            <Field label="Thời gian chờ công dân bổ sung">{formatDuration(outcome.supplementTimeMs)}</Field>
            <Field label="Ngày kết thúc sau khi trừ thời gian bổ sung">{formatDateTime(outcome.adjustedEnd)}</Field>
            <Field label="Văn bản xin lỗi">
              <ApologyBadge apology={outcome.apology} />
            </Field>
            <Field label="Quy trách nhiệm">
              {outcome.attribution === "steps"
                ? `Các bước trễ hạn; bước chính: bước ${outcome.primaryStepNo}`
                : outcome.attribution === "unattributed"
                  ? "Không có bước nào trễ: quy cho đơn vị giải quyết"
                  : "Không trễ hạn"}
            </Field>
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            Đánh giá theo lịch làm việc hiện hành, tính đến {formatDateTime(asOf)}.
          </Text>
        </Stack>
      )}
    </Card>
  );
}

export type DossierStepView = {
  step_no: number;
  step_name: string | null;
  started_at: Instant;
  due_at: Instant;
  finished_at: Instant | null;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  officer_id: number | null;
  officer_code: string | null;
  officer_name: string | null;
  late: boolean;
  lateWorkingDays: number;
  attributed: boolean;
};

export function DossierSteps({ steps, primaryStepNo }: { steps: DossierStepView[]; primaryStepNo: number | null }) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Quá trình xử lý (phiếu kiểm soát quá trình)
      </Title>
      {steps.length === 0 ? (
        <Text c="dimmed">Tệp nhập không có các bước xử lý của hồ sơ này.</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" aria-label="Các bước xử lý hồ sơ">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Bước</Table.Th>
                <Table.Th scope="col">Đơn vị</Table.Th>
                <Table.Th scope="col">Cán bộ xử lý</Table.Th>
                <Table.Th scope="col">Bắt đầu</Table.Th>
                <Table.Th scope="col">Hạn xử lý</Table.Th>
                <Table.Th scope="col">Kết thúc</Table.Th>
                <Table.Th scope="col">Tình trạng</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {steps.map((s) => (
                <Table.Tr key={s.step_no} bg={s.late ? "red.0" : undefined} data-testid={s.late ? "late-step" : "step"}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {s.step_no}
                      {s.step_name ? `. ${s.step_name}` : ""}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.unit_name}</Text>
                    <Text size="xs" c="dimmed">
                      {s.unit_code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {s.officer_code ? (
                      <>
                        <Anchor component={Link} to={`/officers/${s.officer_id}`} size="sm">
                          {s.officer_name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {s.officer_code}
                        </Text>
                      </>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{when(s.started_at)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{when(s.due_at)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{s.finished_at ? when(s.finished_at) : "Chưa xong"}</Table.Td>
                  <Table.Td>
                    {s.late ? (
                      <Stack gap={2} align="flex-start">
                        <Badge color="red.9" variant="light" tt="none">
                          Trễ {formatNumber(s.lateWorkingDays)} ngày làm việc
                        </Badge>
                        {s.step_no === primaryStepNo ? (
                          <Text size="xs" fw={600}>
                            Bước chịu trách nhiệm chính
                          </Text>
                        ) : s.attributed ? (
                          <Text size="xs">Được quy trách nhiệm</Text>
                        ) : null}
                      </Stack>
                    ) : (
                      <Text size="sm">Đúng hạn</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

const EVENT_LABELS: Record<string, string> = {
  supplement_requested: "Yêu cầu bổ sung hồ sơ",
  supplement_completed: "Công dân bổ sung xong",
};

export function DossierSupplements({ events }: { events: { seq: number; kind: string; at: Instant }[] }) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Yêu cầu bổ sung hồ sơ
      </Title>
      {events.length === 0 ? (
        <Text c="dimmed">Không có yêu cầu bổ sung.</Text>
      ) : (
        <Table verticalSpacing="xs" aria-label="Các lần yêu cầu và bổ sung hồ sơ">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Thời điểm</Table.Th>
              <Table.Th scope="col">Sự kiện</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((e) => (
              <Table.Tr key={e.seq}>
                <Table.Td>{when(e.at)}</Table.Td>
                <Table.Td>{EVENT_LABELS[e.kind] ?? e.kind}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

export function DossierProvenance({
  batch,
  sets,
}: {
  batch: { id: number; createdAt: Instant; by: string | null; files: { role?: string; name?: string; rows?: number }[] } | null;
  sets: { id: number; name: string; created_at: Instant; display_name: string }[];
}) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Nguồn dữ liệu
        </Title>
        {batch ? (
          <Stack gap={4}>
            <Text>
              Lô nhập số {batch.id}, ngày {formatDateTime(batch.createdAt)}
              {batch.by ? `, do ${batch.by} thực hiện` : ", nhập bằng dòng lệnh"}.
            </Text>
            {batch.files.map((f, i) => (
              <Text size="sm" key={i}>
                Tệp {f.name ?? "—"}
                {typeof f.rows === "number" ? ` (${formatNumber(f.rows)} dòng)` : ""}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text c="dimmed">Không rõ lô nhập.</Text>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Thuộc bộ chứng cứ
        </Title>
        {sets.length === 0 ? (
          <Text c="dimmed">Hồ sơ chưa thuộc bộ chứng cứ nào.</Text>
        ) : (
          <Stack gap={4}>
            {sets.map((s) => (
              <Text key={s.id} size="sm">
                <Anchor component={Link} to={`/evidence/sets/${s.id}`}>
                  {s.name}
                </Anchor>{" "}
                — {s.display_name}, {formatDateTime(s.created_at)}
              </Text>
            ))}
          </Stack>
        )}
      </Card>
    </SimpleGrid>
  );
}
