import { Button, Group, Paper, Select, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { UserTable } from "../components/UserTable.js";
import { getDb } from "../db.server.js";
import { pageFrom } from "../domain/paging.js";
import { listUsers, type UserListFilter } from "../models/users.server.js";
import { ROLE_LABELS, ROLES, type Role } from "../permissions.js";

export const meta: MetaFunction = () => [{ title: "Người dùng — KTCV" }];

function filterFrom(params: URLSearchParams): UserListFilter {
  const role = params.get("role");
  const status = params.get("status");
  return {
    q: params.get("q")?.trim().slice(0, 100) || undefined,
    role: ROLES.includes(role as Role) ? (role as Role) : undefined,
    status: status === "active" || status === "inactive" ? status : undefined,
    page: pageFrom(params),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:users");
  const filter = filterFrom(new URL(request.url).searchParams);
  return { filter, ...(await listUsers(getDb(), filter)) };
}

export default function Users() {
  const { filter, rows, total, pageSize } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Người dùng"
        description="Tài khoản đăng nhập, vai trò và đơn vị phụ trách."
        actions={
          <Button component={Link} to="/admin/users/new">
            Thêm người dùng
          </Button>
        }
      />
      <Paper withBorder p="md" mb="md">
        {/* A plain GET form: the filters live in the URL, so a filtered list can be bookmarked or shared. */}
        <Form method="get" role="search" aria-label="Lọc người dùng">
          <Group align="flex-end" wrap="wrap">
            <TextInput name="q" label="Tên đăng nhập hoặc tên hiển thị" defaultValue={filter.q ?? ""} w={300} />
            <Select
              name="role"
              label="Vai trò"
              placeholder="Mọi vai trò"
              data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              defaultValue={filter.role ?? null}
              clearable
              w={240}
            />
            <Select
              name="status"
              label="Trạng thái"
              placeholder="Mọi trạng thái"
              data={[
                { value: "active", label: "Đang hoạt động" },
                { value: "inactive", label: "Ngừng hoạt động" },
              ]}
              defaultValue={filter.status ?? null}
              clearable
              w={200}
            />
            <Button type="submit">Lọc</Button>
            <Button component={Link} to="/admin/users" variant="default">
              Xoá bộ lọc
            </Button>
          </Group>
        </Form>
      </Paper>
      <UserTable rows={rows} />
      <Pager total={total} pageSize={pageSize} label="người dùng" />
    </>
  );
}
