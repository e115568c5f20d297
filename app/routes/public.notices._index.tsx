// The public register of published conclusion notices (no login): number, date, subject line, signer,
// what supersedes what. Only what publication made public.
import { Anchor, Badge, Group, Table, Text, TextInput, Button } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { formatIsoDate } from "../domain/format.js";
import { pageFrom } from "../domain/paging.js";
import { REGISTER_PAGE_SIZE, listPublishedNotices } from "../models/conclusions.server.js";

// Mantine's badge is upper case and cut off with an ellipsis; a notice's validity is read whole.
const WHOLE = { tt: "none", styles: { root: { height: "auto", maxWidth: "100%" }, label: { whiteSpace: "nowrap", overflow: "visible" } } } as const;

export const meta: MetaFunction = () => [{ title: "Sổ công khai thông báo kết luận kiểm tra — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim().normalize("NFC").slice(0, 200);
  const result = await listPublishedNotices(getDb(), { page: pageFrom(params), q: q || null });
  return { ...result, q };
}

export default function NoticeRegister() {
  const { rows, total, q } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Thông báo kết luận kiểm tra đã công bố" description="Sổ công khai của Sở Nội vụ: tra cứu số, ngày, người ký và mã xác thực của từng thông báo." />
      <Form method="get">
        <Group align="flex-end" mb="md">
          <TextInput label="Tìm theo số hoặc trích yếu" name="q" defaultValue={q} w={360} />
          <Button type="submit" variant="default">
            Tìm
          </Button>
        </Group>
      </Form>
      {rows.length === 0 ? (
        <Text c="dimmed">Chưa có thông báo kết luận nào được công bố{q ? " khớp với từ khóa" : ""}.</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-label="Thông báo kết luận đã công bố">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Số</Table.Th>
                <Table.Th>Ngày</Table.Th>
                <Table.Th>Trích yếu</Table.Th>
                <Table.Th>Người ký</Table.Th>
                <Table.Th>Hiệu lực</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Anchor component={Link} to={`/public/notices/${r.id}`}>
                      {r.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatIsoDate(r.publicationDate)}</Table.Td>
                  <Table.Td>
                    {r.title}
                    {r.supersedes ? (
                      <Text size="sm" c="dimmed">
                        Thay thế Thông báo số {r.supersedes.number}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{r.signerName}</Table.Td>
                  <Table.Td>
                    {r.supersededBy ? (
                      <Badge color="gray" variant="light" {...WHOLE}>
                        Đã được thay thế bởi số {r.supersededBy.number}
                      </Badge>
                    ) : (
                      <Badge color="green.9" variant="light" {...WHOLE}>
                        Đang có hiệu lực
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager total={total} pageSize={REGISTER_PAGE_SIZE} label="thông báo" />
    </>
  );
}
