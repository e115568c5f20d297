// Appraisal cycles (kỳ đánh giá, xếp loại) of the HR officer's scope, newest first, and the form that
// opens one: year, optional quarter, the scope unit, and the rule set the law gives for that year.
import { parseWithZod } from "../forms.js";
import { Alert, Anchor, Badge, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { cyclePeriodText } from "../components/AppraisalOverview.js";
import { openCycleSchema } from "../components/AppraisalSchemas.js";
import { PageHeader } from "../components/PageHeader.js";
import { Pager } from "../components/Pager.js";
import { getDb } from "../db.server.js";
import { RULE_SETS, ruleSetFor } from "../domain/appraisal/index.js";
import { formatDateTime, todayInVietnam } from "../domain/format.js";
import { pageFrom } from "../domain/paging.js";
import { listCycles, openCycle } from "../models/appraisal.server.js";
import { unitOptions } from "../models/units.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Đánh giá, xếp loại — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requirePermission(request, "run:appraisal");
  const today = todayInVietnam();
  const year = Number(today.slice(0, 4));
  const [cycles, units] = await Promise.all([listCycles(getDb(), { scope, page: pageFrom(new URL(request.url).searchParams) }), unitOptions(getDb(), scope, today)]);
  return { ...cycles, units, defaults: { year, ruleSetCode: ruleSetFor(year, "civil_servant")?.code ?? "nd90-48" } };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await requirePermission(request, "run:appraisal");
  const submission = parseWithZod(await request.formData(), { schema: openCycleSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const opened = await openCycle(getDb(), { year: v.year, quarter: v.quarter, scopeUnitId: v.scopeUnitId, ruleSetCode: v.ruleSetCode, title: v.title }, user, scope);
  if (!opened.ok) return data(submission.reply({ formErrors: [opened.message] }), { status: 409 });
  return redirectWithToast(`/appraisal/${opened.id}`, `Đã mở kỳ đánh giá ${opened.reference}.`);
}

export default function AppraisalCycles() {
  const { rows, total, units, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = (lastResult?.status === "error" ? lastResult.error : undefined) ?? {};
  return (
    <>
      <PageHeader
        title="Đánh giá, xếp loại"
        description="Mỗi nội dung kết luận đã công bố về cán bộ, đơn vị trong phạm vi được ghi nhận vào đánh giá đúng một lần; nội dung công bố sau khi kỳ khoá được chuyển sang kỳ sau."
      />
      <Stack gap="lg">
        <Card withBorder component="section" aria-labelledby="cycles-title" padding="lg">
          <Title order={2} size="h4" id="cycles-title" mb="sm">
            Các kỳ đánh giá
          </Title>
          {rows.length === 0 ? (
            <Text c="dimmed">Chưa có kỳ đánh giá nào trong phạm vi của bạn.</Text>
          ) : (
            <Table.ScrollContainer minWidth={860}>
              <Table aria-label="Các kỳ đánh giá">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Kỳ đánh giá</Table.Th>
                    <Table.Th>Thời gian</Table.Th>
                    <Table.Th>Phạm vi</Table.Th>
                    <Table.Th>Bộ quy tắc</Table.Th>
                    <Table.Th>Tình trạng</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/appraisal/${c.id}`} fw={600}>
                          {c.reference}
                        </Anchor>
                        <Text size="sm">{c.title}</Text>
                      </Table.Td>
                      <Table.Td>{cyclePeriodText(c)}</Table.Td>
                      <Table.Td>{c.scope_unit_name}</Table.Td>
                      <Table.Td>
                        {c.rule_set_code} (phiên bản {c.rule_set_version})
                      </Table.Td>
                      <Table.Td>
                        <Badge variant={c.status === "open" ? "light" : "filled"} color={c.status === "open" ? "ktcv" : "gray.8"}>
                          {c.status === "open" ? "Đang mở" : "Đã khoá"}
                        </Badge>
                        <Text size="xs" c="dimmed" mt={4}>
                          {c.status === "open" ? `Mở bởi ${c.opened_by_name}, ${formatDateTime(c.opened_at)}` : `Khoá bởi ${c.closed_by_name}, ${formatDateTime(c.closed_at)}`}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {total > 0 ? <Pager total={total} label="kỳ đánh giá" /> : null}
        </Card>

        <Card withBorder component="section" aria-labelledby="open-title" padding="lg" maw={900}>
          <Title order={2} size="h4" id="open-title" mb="xs">
            Mở kỳ đánh giá
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Công chức được đánh giá theo nd90-48 (Nghị định 90/2020, sửa đổi bởi Nghị định 48/2023) đến năm 2025 và theo nd335-2025 (Nghị định 335/2025) từ năm 2026; cán bộ, viên chức vẫn theo nd90-48.
          </Text>
          {errors[""]?.length ? (
            <Alert color="red.9" variant="light" role="alert" title="Chưa mở được kỳ đánh giá" mb="sm">
              {errors[""].join(" ")}
            </Alert>
          ) : null}
          <Form method="post">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Năm đánh giá" name="year" defaultValue={String(defaults.year)} inputMode="numeric" withAsterisk error={errors.year?.[0]} />
                <NativeSelect
                  label="Quý (để trống nếu đánh giá cả năm)"
                  name="quarter"
                  data={[{ value: "", label: "Cả năm" }, ...[1, 2, 3, 4].map((q) => ({ value: String(q), label: `Quý ${["I", "II", "III", "IV"][q - 1]}` }))]}
                  error={errors.quarter?.[0]}
                />
                <NativeSelect label="Đơn vị (gồm các đơn vị trực thuộc)" name="scopeUnitId" data={units} withAsterisk error={errors.scopeUnitId?.[0]} />
                <NativeSelect
                  label="Bộ quy tắc đánh giá"
                  name="ruleSetCode"
                  defaultValue={defaults.ruleSetCode}
                  data={RULE_SETS.map((r) => ({ value: r.code, label: `${r.code} — ${r.title}` }))}
                  withAsterisk
                  error={errors.ruleSetCode?.[0]}
                />
              </SimpleGrid>
              <TextInput label="Tên kỳ đánh giá (không bắt buộc)" name="title" placeholder="Để trống để đặt tên theo năm, quý và đơn vị" error={errors.title?.[0]} />
              <Group>
                <Button type="submit" loading={busy}>
                  Mở kỳ đánh giá
                </Button>
              </Group>
            </Stack>
          </Form>
        </Card>
      </Stack>
    </>
  );
}
