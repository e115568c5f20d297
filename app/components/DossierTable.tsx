import { Anchor, Badge, Checkbox, Stack, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import type { ApologyStatus } from "../domain/delay.js";
import { formatDate, formatDateTime, formatNumber } from "../domain/format.js";
import { APOLOGY_LABELS } from "./DossierFilterParams.js";

/** A row as the loaders send it (dates may arrive as Date or ISO text). */
export type DossierTableRow = {
  id: number;
  code: string;
  procedureCode: string;
  procedureName: string | null;
  unitCode: string;
  unitName: string;
  status: string;
  dueAt: Date | string;
  finished: boolean;
  endAt: Date | string | null;
  late: boolean | null;
  lateWorkingDays: number | null;
  supplementRequests: number | null;
  apology: ApologyStatus | null;
  officerCode: string | null;
  officerName: string | null;
};

export type DossierSelection = {
  selected: ReadonlySet<number>;
  onToggle: (id: number, checked: boolean) => void;
  onTogglePage: (checked: boolean) => void;
  /** Every matching dossier is chosen: the boxes show it and cannot be changed one by one. */
  allChosen: boolean;
  /** The field name the ticked ids are posted under, and the id of the form they belong to. */
  name: string;
  form: string;
};

// Sentence case, never cut off: Mantine's default badge is upper case with an ellipsis.
const BADGE = { tt: "none", styles: { root: { height: "auto", maxWidth: "100%" }, label: { whiteSpace: "nowrap", overflow: "visible" } } } as const;

const APOLOGY_COLORS: Record<ApologyStatus, string> = { not_needed: "gray.7", missing: "red.9", on_time: "green.9", late: "orange.9" };

export function ApologyBadge({ apology }: { apology: ApologyStatus | null }) {
  if (!apology)
    return (
      <Text c="dimmed" span>
        —
      </Text>
    );
  return (
    <Badge variant="light" color={APOLOGY_COLORS[apology]} {...BADGE}>
      {APOLOGY_LABELS[apology]}
    </Badge>
  );
}

/** Date over time, so the date columns stay narrow. */
function DateTime({ value }: { value: Date | string }) {
  const [date, time] = formatDateTime(value).split(" ");
  return (
    <>
      <Text size="sm">{date}</Text>
      <Text size="xs" c="dimmed">
        {time}
      </Text>
    </>
  );
}

/** The dossiers of a list, an evidence set or a CSV preview; with `selection`, a box per row. */
export function DossierTable({
  rows,
  detailSearch,
  selection,
  label = "Danh sách hồ sơ",
  showLateBadge = false,
}: {
  rows: DossierTableRow[];
  /** URL parameters carried to the detail page (its period, so it is judged the same way). */
  detailSearch: string;
  selection?: DossierSelection;
  label?: string;
  showLateBadge?: boolean;
}) {
  const columns = 9 + (selection ? 1 : 0);
  const pageChecked = rows.length > 0 && rows.every((r) => selection?.selected.has(r.id));
  const pageSome = rows.some((r) => selection?.selected.has(r.id));
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover verticalSpacing="xs" horizontalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {selection ? (
              <Table.Th scope="col" w={40}>
                <Checkbox
                  aria-label="Chọn tất cả hồ sơ trên trang này"
                  checked={selection.allChosen || pageChecked}
                  indeterminate={!selection.allChosen && !pageChecked && pageSome}
                  disabled={selection.allChosen || rows.length === 0}
                  onChange={(e) => selection.onTogglePage(e.currentTarget.checked)}
                />
              </Table.Th>
            ) : null}
            <Table.Th scope="col">Mã hồ sơ</Table.Th>
            <Table.Th scope="col" miw={170}>
              Thủ tục hành chính
            </Table.Th>
            <Table.Th scope="col" miw={130}>
              Đơn vị giải quyết
            </Table.Th>
            <Table.Th scope="col">Ngày hẹn trả</Table.Th>
            <Table.Th scope="col">Ngày kết thúc</Table.Th>
            <Table.Th scope="col" ta="right" miw={90}>
              Ngày làm việc trễ
            </Table.Th>
            <Table.Th scope="col" ta="right" miw={90}>
              Lần yêu cầu bổ sung
            </Table.Th>
            <Table.Th scope="col" miw={96}>
              Văn bản xin lỗi
            </Table.Th>
            <Table.Th scope="col" miw={130}>
              Cán bộ chịu trách nhiệm chính
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={columns}>
                <Text c="dimmed" ta="center" py="md">
                  Không có hồ sơ nào khớp với bộ lọc.
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            rows.map((r) => (
              <Table.Tr key={r.id} data-testid="dossier-row">
                {selection ? (
                  <Table.Td>
                    <Checkbox
                      name={selection.allChosen ? undefined : selection.name}
                      form={selection.form}
                      value={String(r.id)}
                      aria-label={`Chọn hồ sơ ${r.code}`}
                      checked={selection.allChosen || selection.selected.has(r.id)}
                      disabled={selection.allChosen}
                      onChange={(e) => selection.onToggle(r.id, e.currentTarget.checked)}
                    />
                  </Table.Td>
                ) : null}
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Stack gap={2} align="flex-start">
                    <Anchor component={Link} to={`/evidence/dossiers/${r.id}?${detailSearch}`} size="sm">
                      {r.code}
                    </Anchor>
                    {showLateBadge && r.late ? (
                      <Badge size="sm" color="red.9" variant="light" {...BADGE}>
                        Trễ hạn
                      </Badge>
                    ) : null}
                    {r.late === null ? (
                      <Badge size="sm" color="gray.7" variant="light" {...BADGE}>
                        Không tính
                      </Badge>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.procedureName ?? r.procedureCode}</Text>
                  {r.procedureName ? (
                    <Text size="xs" c="dimmed">
                      {r.procedureCode}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.unitName}</Text>
                  <Text size="xs" c="dimmed">
                    {r.unitCode}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <DateTime value={r.dueAt} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {r.endAt ? (
                    r.finished ? (
                      <DateTime value={r.endAt} />
                    ) : (
                      <>
                        <Text size="sm">Chưa có kết quả</Text>
                        <Text size="xs" c="dimmed">
                          tính đến {formatDate(r.endAt)}
                        </Text>
                      </>
                    )
                  ) : (
                    "—"
                  )}
                </Table.Td>
                <Table.Td ta="right" fw={r.lateWorkingDays ? 700 : undefined}>
                  {r.lateWorkingDays === null ? "—" : formatNumber(r.lateWorkingDays)}
                </Table.Td>
                <Table.Td ta="right">{r.supplementRequests === null ? "—" : formatNumber(r.supplementRequests)}</Table.Td>
                <Table.Td>
                  <ApologyBadge apology={r.apology} />
                </Table.Td>
                <Table.Td>
                  {r.officerCode ? (
                    <>
                      <Text size="sm">{r.officerName}</Text>
                      <Text size="xs" c="dimmed">
                        {r.officerCode}
                      </Text>
                    </>
                  ) : (
                    <Text c="dimmed" span size="sm">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
