import { Alert, Button, Card, Code, FileInput, Group, List, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { CsvColumnTable, type CsvColumnList } from "../components/CsvColumnTable.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { formatDateTime, formatNumber } from "../domain/format.js";
import { pageFrom } from "../domain/paging.js";
import { importOrganisation, listOrgImports, ORG_FILE_FORMAT, type UploadedFile } from "../models/org-import.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Nhập dữ liệu tổ chức — KTCV" }];

const MAX_FILE_MB = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "import:organisation");
  const batches = await listOrgImports(getDb(), pageFrom(new URL(request.url).searchParams));
  // The column lists come from the checker itself, so the page never describes a format it does not read.
  return { batches, ...ORG_FILE_FORMAT };
}

async function uploaded(form: FormData, name: string): Promise<UploadedFile | undefined> {
  const file = form.get(name);
  // A file input left empty still sends a part, with no name and no bytes.
  if (!(file instanceof File) || (file.name === "" && file.size === 0)) return undefined;
  return { fileName: file.name || `${name}.csv`, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "import:organisation");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({
        maxPartSize: MAX_FILE_MB * 1024 * 1024,
        filter: ({ name }) => name === "units" || name === "officers",
      }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return data(
        { error: `Mỗi tệp tối đa ${MAX_FILE_MB} MB; tệp đã chọn lớn hơn. Hãy tách tệp hoặc dùng lệnh import-org.` },
        { status: 413 },
      );
    }
    return data({ error: "Không đọc được dữ liệu gửi lên: hãy chọn tệp và gửi lại biểu mẫu." }, { status: 400 });
  }
  const units = await uploaded(form, "units");
  const officers = await uploaded(form, "officers");
  if (!units && !officers) return data({ error: "Hãy chọn ít nhất một tệp: tệp đơn vị hoặc tệp cán bộ." }, { status: 400 });
  const result = await importOrganisation(getDb(), { units, officers, userId: user.id });
  if (!result.ok) return data({ errors: result.errors }, { status: 422 });
  return redirectWithToast(`/admin/import-org?batch=${result.batchId}`, `Đã nhập dữ liệu tổ chức. ${result.summary}`);
}

const MEANINGS: Record<string, string> = {
  unit_code: "Mã đơn vị, không trùng trong tệp",
  name: "Tên đơn vị",
  parent_code: "Mã đơn vị cấp trên; để trống với đơn vị gốc",
  kind: "Loại đơn vị; để trống là other",
  valid_from: "Ngày bắt đầu, dạng yyyy-MM-dd; để trống là không giới hạn",
  valid_to: "Ngày kết thúc, dạng yyyy-MM-dd; để trống là đang hoạt động",
  officer_code: "Mã cán bộ; nhiều dòng cho nhiều giai đoạn không chồng lấn",
  full_name: "Họ và tên (lấy theo giai đoạn gần nhất)",
  position: "Chức vụ",
};
const OFFICER_MEANINGS: Record<string, string> = {
  unit_code: "Mã đơn vị công tác (trong tệp đơn vị hoặc đã có trong hệ thống)",
  valid_from: "Ngày bắt đầu công tác tại đơn vị, dạng yyyy-MM-dd",
  valid_to: "Ngày kết thúc; để trống là đang công tác",
};

function ColumnTable({ caption, columns, meanings }: { caption: string; columns: CsvColumnList; meanings: Record<string, string> }) {
  return <CsvColumnTable caption={caption} columns={columns} meanings={{ ...MEANINGS, ...meanings }} />;
}

const CLEAR = { "aria-label": "Bỏ chọn tệp" };
// The light variant's coloured title falls below WCAG AA contrast on its own tinted background.
const READABLE_TITLE = { title: { color: "var(--mantine-color-text)" } };

type Tally = { created: number; updated: number; unchanged: number };
const tally = (t: Tally) => `${formatNumber(t.created)} mới · ${formatNumber(t.updated)} cập nhật · ${formatNumber(t.unchanged)} không đổi`;
const membershipTally = (m: { created: number; deleted: number; unchanged: number }) =>
  `${formatNumber(m.created)} thêm · ${formatNumber(m.deleted)} bỏ · ${formatNumber(m.unchanged)} không đổi`;
// A batch counts only the files it was given; the other file's zeros would read as "nothing changed".
const has = (batch: { files: { role: string }[] }, role: string) => batch.files.some((f) => f.role === role);

export default function ImportOrganisation() {
  const { batches, columns, kinds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const done = batches.rows.find((b) => String(b.id) === params.get("batch"));
  const errors = result && "errors" in result ? result.errors : null;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Nhập dữ liệu tổ chức"
        description="Nhập danh sách đơn vị (units.csv) và cán bộ, công chức (officers.csv) từ tệp CSV UTF-8."
      />
      <Card withBorder>
        {/* A new key after each accepted import empties the file inputs; after a rejection they keep the files. */}
        <Form method="post" encType="multipart/form-data" key={params.get("batch") ?? "new"}>
          <Stack>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <FileInput
                name="units"
                label="Tệp đơn vị (units.csv)"
                placeholder="Chọn tệp…"
                accept=".csv,text/csv"
                clearable
                clearButtonProps={CLEAR}
              />
              <FileInput
                name="officers"
                label="Tệp cán bộ (officers.csv)"
                placeholder="Chọn tệp…"
                accept=".csv,text/csv"
                clearable
                clearButtonProps={CLEAR}
              />
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              Chọn một hoặc cả hai tệp, mỗi tệp tối đa {MAX_FILE_MB} MB. Hai tệp được kiểm tra toàn bộ trước khi ghi: chỉ cần một dòng sai
              là không có gì được ghi. Nhập lại đúng các tệp cũ không làm thay đổi dữ liệu.
            </Text>
            <Group>
              <Button type="submit" loading={busy}>
                Kiểm tra và nhập
              </Button>
            </Group>
          </Stack>
        </Form>
      </Card>

      {result && "error" in result ? (
        <Alert color="red.9" variant="light" role="alert" title="Chưa nhập được" styles={READABLE_TITLE}>
          {result.error}
        </Alert>
      ) : null}
      {errors ? (
        <Alert color="red.9" variant="light" role="alert" title="Tệp bị từ chối — không có dữ liệu nào được ghi" styles={READABLE_TITLE}>
          <Text size="sm" mb="sm">
            Có {formatNumber(errors.length)} lỗi ở {formatNumber(new Set(errors.map((e) => `${e.file}:${e.line}`)).size)} dòng. Hãy sửa tệp
            rồi nhập lại.
          </Text>
          <Table.ScrollContainer minWidth={600} maxHeight={480}>
            <Table striped withTableBorder bg="white" fz="sm" data-testid="import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Tệp</Table.Th>
                  <Table.Th>Dòng</Table.Th>
                  <Table.Th>Cột</Table.Th>
                  <Table.Th>Lỗi</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {errors.map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{e.file}</Table.Td>
                    <Table.Td>{e.line}</Table.Td>
                    <Table.Td>{e.column ? <Code>{e.column}</Code> : null}</Table.Td>
                    <Table.Td>{e.message.charAt(0).toLocaleUpperCase("vi") + e.message.slice(1)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Alert>
      ) : null}
      {done && !result ? (
        <Alert color="green.9" variant="light" title="Đã nhập dữ liệu tổ chức" data-testid="import-done" styles={READABLE_TITLE}>
          <List size="sm">
            {has(done, "units") ? <List.Item>Đơn vị: {tally(done.counts.units)}</List.Item> : null}
            {has(done, "officers") ? <List.Item>Cán bộ: {tally(done.counts.officers)}</List.Item> : null}
            {has(done, "officers") ? <List.Item>Quá trình công tác: {membershipTally(done.counts.memberships)}</List.Item> : null}
          </List>
        </Alert>
      ) : null}

      <Stack gap="xs">
        <Title order={2} size="h4">
          Cấu trúc tệp
        </Title>
        <Text size="sm">
          Tệp CSV mã UTF-8 (Unicode dựng sẵn), phân cách bằng dấu phẩy, dòng đầu là tiêu đề. Tên cột viết hoa hay thường đều được, dùng tên
          tiếng Anh hoặc tên tiếng Việt; cột khác bị bỏ qua. Loại đơn vị: {kinds.join(", ")}. Đơn vị và cán bộ không có trong tệp được giữ
          nguyên; mỗi cán bộ có trong tệp sẽ có đúng các giai đoạn công tác ghi trong tệp.
        </Text>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <ColumnTable caption="units.csv — đơn vị" columns={[...columns.units]} meanings={MEANINGS} />
          <ColumnTable caption="officers.csv — cán bộ, công chức" columns={[...columns.officers]} meanings={OFFICER_MEANINGS} />
        </SimpleGrid>
      </Stack>

      <Stack gap="xs">
        <Title order={2} size="h4">
          Các lần nhập trước
        </Title>
        {batches.total === 0 ? (
          <Text c="dimmed">Chưa có lần nhập dữ liệu tổ chức nào.</Text>
        ) : (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped withTableBorder fz="sm" data-testid="import-batches">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Thời gian</Table.Th>
                    <Table.Th>Người nhập</Table.Th>
                    <Table.Th>Tệp (SHA-256)</Table.Th>
                    <Table.Th>Đơn vị</Table.Th>
                    <Table.Th>Cán bộ</Table.Th>
                    <Table.Th>Quá trình công tác</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {batches.rows.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                      <Table.Td>{b.userName ?? "Dòng lệnh (import-org)"}</Table.Td>
                      <Table.Td>
                        {b.files.map((f) => (
                          <div key={f.role}>
                            {f.name} <Code title={f.sha256}>{f.sha256.slice(0, 12)}</Code> · {formatNumber(f.rows)} dòng
                          </div>
                        ))}
                      </Table.Td>
                      <Table.Td>{has(b, "units") ? tally(b.counts.units) : "—"}</Table.Td>
                      <Table.Td>{has(b, "officers") ? tally(b.counts.officers) : "—"}</Table.Td>
                      <Table.Td>{has(b, "officers") ? membershipTally(b.counts.memberships) : "—"}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager total={batches.total} pageSize={batches.pageSize} label="lần nhập" />
          </>
        )}
      </Stack>
    </Stack>
  );
}
