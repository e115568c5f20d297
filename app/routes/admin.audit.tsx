import { Alert, Anchor, Button, Group, Paper, Select, SimpleGrid, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { auditActionLabel, auditEntityLabel, SYSTEM_ACTOR } from "../components/AuditLabels.js";
import { AuditTable } from "../components/AuditTable.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { parseDateInput } from "../domain/format.js";
import { pageFrom } from "../domain/paging.js";
import { auditFacets, listAuditEvents, type AuditFilter } from "../models/audit.server.js";

export const meta: MetaFunction = () => [{ title: "Nhật ký hệ thống — KTCV" }];

const TEXT_FIELDS = ["actor", "entityType", "entityId", "action", "from", "to", "q"] as const;

/** The filters as typed (to refill the form), the filter the query uses, and what could not be read. */
function readFilter(params: URLSearchParams) {
  const form = Object.fromEntries(TEXT_FIELDS.map((k) => [k, params.get(k)?.trim().slice(0, 200) ?? ""])) as Record<
    (typeof TEXT_FIELDS)[number],
    string
  >;
  const errors: { from?: string; to?: string } = {};
  const from = form.from ? parseDateInput(form.from) : null;
  const to = form.to ? parseDateInput(form.to) : null;
  if (form.from && !from) errors.from = "Ngày không hợp lệ: nhập dd/mm/yyyy, ví dụ 05/03/2026.";
  if (form.to && !to) errors.to = "Ngày không hợp lệ: nhập dd/mm/yyyy, ví dụ 31/03/2026.";
  if (from && to && from > to) errors.to = "Ngày kết thúc phải từ ngày bắt đầu trở đi.";
  const filter: AuditFilter = {
    actor: form.actor || undefined,
    entityType: form.entityType || undefined,
    entityId: form.entityId || undefined,
    action: form.action || undefined,
    from: from ?? undefined,
    to: errors.to ? undefined : (to ?? undefined),
    q: form.q || undefined,
    page: pageFrom(params),
  };
  return { form, filter, errors };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:audit");
  const { form, filter, errors } = readFilter(new URL(request.url).searchParams);
  const [events, facets] = await Promise.all([listAuditEvents(getDb(), filter), auditFacets(getDb())]);
  return { form, errors, facets, ...events };
}

export default function AuditLog() {
  const { form, errors, facets, rows, total, pageSize } = useLoaderData<typeof loader>();
  const actors = [
    { value: SYSTEM_ACTOR, label: "Hệ thống (không do người dùng)" },
    ...facets.actors.map((a) => ({ value: a.username, label: `${a.displayName} (${a.username})` })),
  ];
  return (
    <>
      <PageHeader title="Nhật ký hệ thống" description="Mọi thay đổi dữ liệu, ai làm, lúc nào. Nhật ký chỉ được ghi thêm, không sửa hoặc xoá được." />
      {form.entityId ? (
        <Alert variant="light" mb="md" title="Đang xem lịch sử của một bản ghi">
          {auditEntityLabel(form.entityType)} <code>{form.entityId}</code>.{" "}
          <Anchor component={Link} to="/admin/audit" fz="sm">
            Xem toàn bộ nhật ký
          </Anchor>
        </Alert>
      ) : null}
      <Paper withBorder p="md" mb="md">
        <Form method="get" role="search" aria-label="Lọc nhật ký">
          {form.entityId ? <input type="hidden" name="entityId" value={form.entityId} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <Select name="actor" label="Người thực hiện" placeholder="Tất cả" data={actors} defaultValue={form.actor || null} searchable clearable />
            <Select
              name="entityType"
              label="Loại đối tượng"
              placeholder="Tất cả"
              data={facets.entityTypes.map((t) => ({ value: t, label: `${auditEntityLabel(t)} (${t})` }))}
              defaultValue={form.entityType || null}
              clearable
            />
            <Select
              name="action"
              label="Thao tác"
              placeholder="Tất cả"
              data={facets.actions.map((a) => ({ value: a, label: `${auditActionLabel(a)} (${a})` }))}
              defaultValue={form.action || null}
              searchable
              clearable
            />
            <TextInput name="q" label="Nội dung có chứa" defaultValue={form.q} />
            <TextInput name="from" label="Từ ngày" placeholder="dd/mm/yyyy" defaultValue={form.from} error={errors.from} />
            <TextInput name="to" label="Đến ngày" placeholder="dd/mm/yyyy" defaultValue={form.to} error={errors.to} />
            <Group gap="sm" align="flex-start" mt={{ base: 0, sm: 25 }}>
              <Button type="submit">Lọc</Button>
              <Button component={Link} to="/admin/audit" variant="default">
                Xoá bộ lọc
              </Button>
            </Group>
          </SimpleGrid>
        </Form>
      </Paper>
      <AuditTable rows={rows} />
      <Pager total={total} pageSize={pageSize} label="sự kiện" />
    </>
  );
}
