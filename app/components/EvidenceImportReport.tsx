import { Alert, Code, Group, Pagination, Table, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { formatNumber } from "../domain/format.js";

export type ImportIssueRow = { file: string; line: number; column: string | null; message: string };

// The whole report reaches the browser (the user must be able to fix every row), but a page of a
// hundred thousand table rows would freeze it: past this many rows the table shows one page at a time.
const PAGE = 200;

// The light variant's coloured title falls below WCAG AA contrast on its own tinted background.
export const READABLE_TITLE = { title: { color: "var(--mantine-color-text)" } };

/**
 * Props for a Table.ScrollContainer that may scroll: keyboard users must be able to reach and scroll
 * it (WCAG 2.1.1; axe's scrollable-region-focusable), and a screen reader hears what it holds.
 */
export function focusableScroll(label: string) {
  return { viewportProps: { tabIndex: 0, role: "region", "aria-label": label } };
}

const sentence = (message: string) => message.charAt(0).toLocaleUpperCase("vi") + message.slice(1);

/** The rejection report of an import: every bad row, file by file, and the promise that nothing was written. */
export function EvidenceImportReport({ errors }: { errors: ImportIssueRow[] }) {
  const [page, setPage] = useState(1);
  // Rendered on the server (no JavaScript), the report lists every row; once the page runs in the
  // browser, it pages.
  const [paged, setPaged] = useState(false);
  useEffect(() => setPaged(true), []);
  const pages = paged ? Math.max(1, Math.ceil(errors.length / PAGE)) : 1;
  const shown = paged ? errors.slice((page - 1) * PAGE, page * PAGE) : errors;
  const badLines = new Set(errors.map((e) => `${e.file}:${e.line}`)).size;
  return (
    <Alert color="red.9" variant="light" role="alert" title="Tệp bị từ chối — không có dữ liệu nào được ghi" styles={READABLE_TITLE} data-testid="import-rejected">
      <Text size="sm" mb="sm">
        Có {formatNumber(errors.length)} lỗi ở {formatNumber(badLines)} dòng. Không có dữ liệu nào được ghi: hãy sửa tệp rồi nhập lại.
      </Text>
      <Table.ScrollContainer minWidth={600} maxHeight={560} scrollAreaProps={focusableScroll("Danh sách lỗi")}>
        <Table striped withTableBorder bg="var(--mantine-color-body)" fz="sm" data-testid="import-errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tệp</Table.Th>
              <Table.Th>Dòng</Table.Th>
              <Table.Th>Cột</Table.Th>
              <Table.Th>Lỗi</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e, i) => (
              <Table.Tr key={`${page}-${i}`}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{e.file}</Table.Td>
                <Table.Td>{formatNumber(e.line)}</Table.Td>
                <Table.Td>{e.column ? <Code>{e.column}</Code> : null}</Table.Td>
                <Table.Td>{sentence(e.message)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 ? (
        <Group justify="space-between" mt="sm">
          <Text size="sm">
            Lỗi {formatNumber((page - 1) * PAGE + 1)}–{formatNumber(Math.min(errors.length, page * PAGE))} trong {formatNumber(errors.length)}
          </Text>
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            size="sm"
            getControlProps={(control) => ({
              "aria-label": control === "next" ? "Trang lỗi sau" : control === "previous" ? "Trang lỗi trước" : control === "first" ? "Trang lỗi đầu" : "Trang lỗi cuối",
            })}
            getItemProps={(p) => ({ "aria-label": `Trang lỗi ${p}` })}
          />
        </Group>
      ) : null}
    </Alert>
  );
}
