import { Alert, Anchor, Code, List, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { formatDateTime, formatNumber } from "../domain/format.js";
import type { CalendarImportCounts, EvidenceBatchFile, EvidenceImportCounts } from "../models/evidence-import.server.js";
import { focusableScroll, READABLE_TITLE } from "./EvidenceImportReport.js";

export const BATCH_KIND_LABELS: Record<string, string> = { dossiers: "Hồ sơ", calendar: "Lịch làm việc" };
export const FILE_ROLE_LABELS: Record<string, string> = {
  dossiers: "Hồ sơ",
  steps: "Bước xử lý",
  events: "Sự kiện bổ sung",
  calendar: "Lịch làm việc",
};

type Batch = {
  id: number;
  createdAt: Date | string;
  userName: string | null;
  files: EvidenceBatchFile[];
} & ({ kind: "dossiers"; counts: EvidenceImportCounts } | { kind: "calendar"; counts: CalendarImportCounts });

/** The lines of a dossier import's counts, as a user reads them. */
export function dossierCountLines(c: EvidenceImportCounts, files: { role: string }[]): string[] {
  const has = (role: string) => files.some((f) => f.role === role);
  const lines: string[] = [];
  if (has("dossiers")) {
    lines.push(
      `Hồ sơ: ${formatNumber(c.dossiers.created)} mới · ${formatNumber(c.dossiers.updated)} cập nhật · ${formatNumber(c.dossiers.unchanged)} không đổi`,
    );
  }
  // A batch counts only the files it was given; the other files' zeros would read as "nothing changed".
  if (has("steps")) lines.push(`Bước xử lý được ghi: ${formatNumber(c.steps)}`);
  if (has("events")) lines.push(`Sự kiện bổ sung được ghi: ${formatNumber(c.events)}`);
  if (has("dossiers")) lines.push(`Thủ tục hành chính mới: ${formatNumber(c.procedures)}`);
  return lines;
}

export function calendarCountLines(c: CalendarImportCounts): string[] {
  return [`Năm: ${c.years.join(", ")} (thay toàn bộ các năm này)`, `Ngày nghỉ: ${formatNumber(c.holidays)} · ngày làm bù: ${formatNumber(c.workdays)}`];
}

export function batchCountLines(batch: Pick<Batch, "kind" | "counts" | "files">): string[] {
  return batch.kind === "dossiers" ? dossierCountLines(batch.counts as EvidenceImportCounts, batch.files) : calendarCountLines(batch.counts as CalendarImportCounts);
}

/** An accepted dossier import: what changed, and where its batch is kept. */
export function EvidenceImportSummary({ batchId, counts, files }: { batchId: number; counts: EvidenceImportCounts; files: { role: string }[] }) {
  return (
    <Alert color="green.9" variant="light" title="Đã nhập hồ sơ" data-testid="import-done" styles={READABLE_TITLE}>
      <List size="sm">
        {dossierCountLines(counts, files).map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      <Text size="sm" mt="xs">
        <Anchor component={Link} to={`/evidence/import/batches/${batchId}`}>
          Xem lần nhập số {batchId}
        </Anchor>
      </Text>
    </Alert>
  );
}

/** Past evidence and calendar imports, one page. */
export function EvidenceBatchTable({ rows }: { rows: Batch[] }) {
  return (
    <Table.ScrollContainer minWidth={900} scrollAreaProps={focusableScroll("Các lần nhập")}>
      <Table striped withTableBorder fz="sm" data-testid="import-batches">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Lần nhập</Table.Th>
            <Table.Th>Thời gian</Table.Th>
            <Table.Th>Loại</Table.Th>
            <Table.Th>Người nhập</Table.Th>
            <Table.Th>Tệp (SHA-256)</Table.Th>
            <Table.Th>Kết quả</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td>
                <Anchor component={Link} to={`/evidence/import/batches/${b.id}`} aria-label={`Xem lần nhập số ${b.id}`}>
                  Số {b.id}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(b.createdAt)}</Table.Td>
              <Table.Td>{BATCH_KIND_LABELS[b.kind] ?? b.kind}</Table.Td>
              <Table.Td>{b.userName ?? "Dòng lệnh"}</Table.Td>
              <Table.Td>
                {b.files.map((f) => (
                  <div key={f.role}>
                    {f.name} <Code title={f.sha256}>{f.sha256.slice(0, 12)}</Code> · {formatNumber(f.rows)} dòng
                  </div>
                ))}
              </Table.Td>
              <Table.Td>
                {batchCountLines(b).map((line) => (
                  <div key={line}>{line}</div>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
