import { Button, Card, Code, List, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { BATCH_KIND_LABELS, batchCountLines, FILE_ROLE_LABELS } from "../components/EvidenceImportBatches.js";
import { focusableScroll } from "../components/EvidenceImportReport.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { formatDateTime, formatNumber } from "../domain/format.js";
import { invariantFound } from "../http.server.js";
import { getEvidenceImport } from "../models/evidence-import.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Lần nhập số ${data?.batch.id ?? ""} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "import:evidence");
  const id = Number(params.batchId);
  const batch = Number.isInteger(id) && id > 0 && id <= 2_147_483_647 ? await getEvidenceImport(getDb(), id) : null;
  return { batch: invariantFound(batch, "Không tìm thấy lần nhập này.") };
}

export default function EvidenceImportBatch() {
  const { batch } = useLoaderData<typeof loader>();
  return (
    <Stack gap="lg">
      <PageHeader
        title={`Lần nhập số ${batch.id}`}
        description={`${BATCH_KIND_LABELS[batch.kind] ?? batch.kind} · ${formatDateTime(batch.createdAt)}`}
        actions={
          <Button component={Link} to="/evidence/import" variant="default">
            Về trang nhập hồ sơ
          </Button>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Thông tin chung
          </Title>
          <Table variant="vertical" withTableBorder fz="sm" data-testid="batch-info">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={160}>Loại</Table.Th>
                <Table.Td>{BATCH_KIND_LABELS[batch.kind] ?? batch.kind}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Thời gian</Table.Th>
                <Table.Td>{formatDateTime(batch.createdAt)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Người nhập</Table.Th>
                <Table.Td>{batch.userName ?? "Dòng lệnh (không qua giao diện)"}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Kết quả
          </Title>
          <List size="sm" data-testid="batch-counts">
            {batchCountLines(batch).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </Card>
      </SimpleGrid>
      <Stack gap="xs">
        <Title order={2} size="h4">
          Tệp đã nhập
        </Title>
        <Text size="sm" c="dimmed">
          Mã SHA-256 cho biết đúng nội dung tệp đã nhập: cùng một tệp luôn cho cùng một mã.
        </Text>
        <Table.ScrollContainer minWidth={700} scrollAreaProps={focusableScroll("Tệp đã nhập")}>
          <Table striped withTableBorder fz="sm" data-testid="batch-files">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tệp</Table.Th>
                <Table.Th>Nội dung</Table.Th>
                <Table.Th>SHA-256</Table.Th>
                <Table.Th>Số dòng</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batch.files.map((f) => (
                <Table.Tr key={f.role}>
                  <Table.Td>{f.name}</Table.Td>
                  <Table.Td>{FILE_ROLE_LABELS[f.role] ?? f.role}</Table.Td>
                  <Table.Td>
                    <Code style={{ wordBreak: "break-all" }}>{f.sha256}</Code>
                  </Table.Td>
                  <Table.Td>{formatNumber(f.rows)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Stack>
  );
}
