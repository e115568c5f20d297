import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { UnitBreadcrumbs, UnitMembersSwitch, UnitMembersTable, UnitSubUnitsTable } from "../components/UnitSections.js";
import { UnitStatusBadge } from "../components/UnitStatusBadge.js";
import { getDb } from "../db.server.js";
import { formatDateTime, formatIsoDate, todayInVietnam } from "../domain/format.js";
import { pageFrom } from "../domain/paging.js";
import { idParam, unitKindLabel } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { SUB_UNIT_LIMIT, UNIT_MEMBERS_PAGE_SIZE, unitDetails } from "../models/units.server.js";
import { can } from "../permissions.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.unit.name ?? "Đơn vị"} — KTCV` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:organisation");
  const search = new URL(request.url).searchParams;
  const members: "current" | "former" = search.get("members") === "former" ? "former" : "current";
  const today = todayInVietnam();
  const id = invariantFound(idParam(params.unitId));
  const details = invariantFound(await unitDetails(getDb(), scope, { id, today, members, page: pageFrom(search) }));
  return { ...details, which: members, today, canManage: can(user, "manage:organisation") };
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

export default function UnitPage() {
  const { unit, ancestors, children, childTotal, members, memberTotal, which, today, canManage } = useLoaderData<typeof loader>();
  const parent = ancestors[ancestors.length - 1];
  return (
    <>
      <UnitBreadcrumbs ancestors={ancestors} current={unit.name} />
      <PageHeader
        title={unit.name}
        description={
          <Group gap="xs" component="span">
            <span>
              {unit.code} · {unitKindLabel(unit.kind)}
            </span>
            <UnitStatusBadge period={{ validFrom: unit.valid_from, validTo: unit.valid_to }} today={today} />
          </Group>
        }
        actions={
          canManage ? (
            <>
              <Button component={Link} to={`/units/new?parent=${unit.id}`} variant="default">
                Thêm đơn vị trực thuộc
              </Button>
              <Button component={Link} to={`/units/${unit.id}/edit`}>
                Sửa
              </Button>
            </>
          ) : null
        }
      />
      <Stack gap="lg">
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Field label="Mã đơn vị">{unit.code}</Field>
            <Field label="Loại">{unitKindLabel(unit.kind)}</Field>
            <Field label="Đơn vị cấp trên">
              {!parent ? "—" : parent.visible ? <Anchor component={Link} to={`/units/${parent.id}`}>{parent.name}</Anchor> : parent.name}
            </Field>
            <Field label="Hiệu lực">
              {unit.valid_from ? formatIsoDate(unit.valid_from) : "không rõ"} – {unit.valid_to ? formatIsoDate(unit.valid_to) : "nay"}
            </Field>
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="sm">
            Cập nhật lần cuối: {formatDateTime(unit.updated_at)}
          </Text>
        </Card>
        <section aria-labelledby="sub-units">
          <Title order={2} size="h4" mb="xs" id="sub-units">
            Đơn vị trực thuộc ({childTotal})
          </Title>
          <UnitSubUnitsTable rows={children} total={childTotal} limit={SUB_UNIT_LIMIT} today={today} />
        </section>
        <section aria-labelledby="members">
          <Group justify="space-between" mb="xs" wrap="wrap">
            <Title order={2} size="h4" id="members">
              Cán bộ, công chức của đơn vị
            </Title>
            <Group gap="sm">
              <Anchor component={Link} to={`/officers?unit=${unit.id}`} size="sm">
                Xem cả cán bộ các đơn vị trực thuộc
              </Anchor>
              <UnitMembersSwitch value={which} />
            </Group>
          </Group>
          <UnitMembersTable rows={members} which={which} />
          {memberTotal > 0 ? <Pager total={memberTotal} pageSize={UNIT_MEMBERS_PAGE_SIZE} label="cán bộ" /> : null}
        </section>
      </Stack>
    </>
  );
}
