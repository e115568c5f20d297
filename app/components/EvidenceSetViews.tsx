import { Anchor, List, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { formatDateTime, formatNumber } from "../domain/format.js";
import { APOLOGY_LABELS, dossierSearch, formatMonth, formatPeriodRange } from "./DossierFilterParams.js";
import type { EvidenceSetCriteria } from "./EvidenceSetSchemas.js";

export type EvidenceSetListRow = {
  id: number;
  name: string;
  description: string | null;
  created_at: Date | string;
  created_by_name: string;
  dossier_count: number;
  late_count: number | null;
  period: { from: string; to: string } | null;
};

export function EvidenceSetTable({ rows }: { rows: EvidenceSetListRow[] }) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Danh sách bộ chứng cứ">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Tên bộ chứng cứ</Table.Th>
            <Table.Th scope="col">Kỳ hồ sơ</Table.Th>
            <Table.Th scope="col">Người tạo</Table.Th>
            <Table.Th scope="col">Thời điểm tạo</Table.Th>
            <Table.Th scope="col" ta="right">
              Số hồ sơ
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Số hồ sơ trễ hạn
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed" ta="center" py="md">
                  Chưa có bộ chứng cứ nào. Thanh tra viên chọn hồ sơ ở trang Hồ sơ trễ hạn hoặc Vi phạm lặp lại để lưu.
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            rows.map((s) => (
              <Table.Tr key={s.id} data-testid="evidence-set-row">
                <Table.Td>
                  <Anchor component={Link} to={`/evidence/sets/${s.id}`} size="sm">
                    {s.name}
                  </Anchor>
                  {s.description ? (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {s.description}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{s.period ? formatPeriodRange(s.period) : "—"}</Table.Td>
                <Table.Td>{s.created_by_name}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(s.created_at)}</Table.Td>
                <Table.Td ta="right">{formatNumber(s.dossier_count)}</Table.Td>
                <Table.Td ta="right">{s.late_count === null ? "—" : formatNumber(s.late_count)}</Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** How the set was chosen, in words, with a link back to the list it came from. */
export function EvidenceSetCriteriaList({ criteria }: { criteria: EvidenceSetCriteria | null }) {
  if (!criteria) return <Text c="dimmed">Không có thông tin về cách chọn hồ sơ.</Text>;
  const lines: string[] = [
    `Hồ sơ có ngày hẹn trả từ ${formatPeriodRange(criteria.period)}, đánh giá tính đến ${formatDateTime(criteria.asOf)}.`,
  ];
  const { filter, offender, labels } = criteria;
  if (criteria.source === "dossiers" && filter) {
    lines.push(criteria.selection === "all" ? "Chọn tất cả hồ sơ khớp bộ lọc." : "Chọn từng hồ sơ trong danh sách đã lọc.");
    lines.push(filter.lateOnly ? "Chỉ hồ sơ trễ hạn." : "Mọi hồ sơ được tính (trễ hạn và đúng hạn).");
    if (labels.unit) lines.push(`Đơn vị giải quyết: ${labels.unit}${filter.ownUnitOnly ? " (không gồm đơn vị trực thuộc)" : " và các đơn vị trực thuộc"}.`);
    if (labels.procedure) lines.push(`Thủ tục hành chính: ${labels.procedure}.`);
    if (labels.officer) lines.push(`Cán bộ xử lý: ${labels.officer}${filter.lateOnly ? " (có bước trễ hạn)" : ""}.`);
    if (filter.month) lines.push(`Tháng hẹn trả: ${formatMonth(filter.month)}.`);
    if (filter.apology) lines.push(`Văn bản xin lỗi: ${APOLOGY_LABELS[filter.apology]}.`);
    if (filter.q) lines.push(`Mã hồ sơ chứa “${filter.q}”.`);
  } else if (criteria.source === "offender_officer") {
    lines.push(
      `Các hồ sơ trễ hạn có bước trễ hạn do cán bộ ${labels.officer ?? ""} xử lý (vi phạm lặp lại: từ ${formatNumber(offender?.minLateSteps ?? 0)} bước trễ hạn trong ${formatNumber(offender?.windowDays ?? 0)} ngày).`,
    );
  } else if (criteria.source === "offender_unit") {
    lines.push(
      `Các hồ sơ trễ hạn do ${labels.unit ?? ""} giải quyết (vi phạm lặp lại: tỷ lệ đúng hạn dưới ${formatNumber(offender?.maxOnTimeRate ?? 0)}% trong ${formatNumber(offender?.windowDays ?? 0)} ngày).`,
    );
  }
  lines.push(`Khi lưu: ${formatNumber(criteria.counts.dossiers)} hồ sơ, trong đó ${formatNumber(criteria.counts.late)} hồ sơ trễ hạn.`);
  const listLink =
    criteria.source === "dossiers" && filter
      ? `/evidence/dossiers?${dossierSearch(criteria.period, filter)}`
      : criteria.source === "offender_officer" && offender?.officerId
        ? `/evidence/dossiers?${new URLSearchParams({ from: criteria.period.from, to: criteria.period.to, officer: String(offender.officerId), late: "1" })}`
        : criteria.source === "offender_unit" && offender?.unitId
          ? `/evidence/dossiers?${new URLSearchParams({ from: criteria.period.from, to: criteria.period.to, unit: String(offender.unitId), subunits: "0", late: "1" })}`
          : null;
  return (
    <>
      <List spacing={4} size="sm">
        {lines.map((l) => (
          <List.Item key={l}>{l}</List.Item>
        ))}
      </List>
      {listLink ? (
        <Anchor component={Link} to={listLink} size="sm" mt="xs" display="inline-block">
          Xem danh sách hồ sơ theo điều kiện này hôm nay
        </Anchor>
      ) : null}
    </>
  );
}
