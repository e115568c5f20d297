import { Badge, Code, Table } from "@mantine/core";

export type CsvColumnList = readonly { key: string; aliases?: readonly string[]; required?: boolean }[];

/** The columns an import file takes: canonical name (required or not), Vietnamese alias, meaning. */
export function CsvColumnTable({ caption, columns, meanings }: { caption: string; columns: CsvColumnList; meanings: Record<string, string | undefined> }) {
  return (
    <Table withTableBorder striped fz="sm" captionSide="top">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Cột</Table.Th>
          <Table.Th>Tên tiếng Việt</Table.Th>
          <Table.Th>Ý nghĩa</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {columns.map((c) => (
          <Table.Tr key={c.key}>
            <Table.Td>
              <Code>{c.key}</Code>{" "}
              {c.required ? (
                <Badge size="xs" color="red.9" variant="outline">
                  bắt buộc
                </Badge>
              ) : null}
            </Table.Td>
            <Table.Td>{c.aliases?.join(", ")}</Table.Td>
            <Table.Td>{meanings[c.key]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
