import { Anchor, Button, Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requirePermission } from "../auth.server.js";
import { OfficerMembershipTable } from "../components/OfficerMembershipTable.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { formatDateTime, todayInVietnam } from "../domain/format.js";
import { idParam, isActiveOn } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { officerDetails } from "../models/officers.server.js";
import { can } from "../permissions.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.officer.full_name ?? "Cán bộ"} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:organisation");
  const id = invariantFound(idParam(params.officerId));
  const withUser = can(user, "manage:users");
  const details = invariantFound(await officerDetails(getDb(), scope, { id, withUser }));
  return { ...details, withUser, today: todayInVietnam(), canManage: can(user, "manage:organisation") };
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

export default function OfficerPage() {
  const { officer, memberships, user, withUser, today, canManage } = useLoaderData<typeof loader>();
  const current = memberships.find((m) => isActiveOn({ validFrom: m.valid_from, validTo: m.valid_to }, today));
  return (
    <>
      <PageHeader
        title={officer.full_name}
        description={`Mã cán bộ ${officer.code}`}
        actions={
          canManage ? (
            <>
              <Button component={Link} to={`/officers/${officer.id}/memberships/new`} variant="default">
                Thêm quá trình công tác
              </Button>
              <Button component={Link} to={`/officers/${officer.id}/edit`}>
                Sửa
              </Button>
            </>
          ) : null
        }
      />
      <Stack gap="lg">
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 2, md: withUser ? 4 : 3 }}>
            <Field label="Mã cán bộ">{officer.code}</Field>
            <Field label="Đơn vị hiện tại">
              {!current ? "Không công tác tại đơn vị nào" : current.unit_visible ? <Anchor component={Link} to={`/units/${current.unit_id}`}>{current.unit_name}</Anchor> : current.unit_name}
            </Field>
            <Field label="Chức vụ, vị trí hiện tại">{current?.position ?? "—"}</Field>
            {withUser ? <Field label="Tài khoản người dùng">{user ? `${user.username}${user.active ? "" : " (đã khóa)"}` : "Chưa có"}</Field> : null}
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="sm">
            Cập nhật lần cuối: {formatDateTime(officer.updated_at)}
          </Text>
        </Card>
        <section aria-labelledby="memberships">
          <Title order={2} size="h4" mb="xs" id="memberships">
            Quá trình công tác
          </Title>
          <OfficerMembershipTable rows={memberships} today={today} manageFor={canManage ? officer.id : undefined} />
        </section>
      </Stack>
    </>
  );
}
