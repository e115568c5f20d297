import { parseWithZod } from "../forms.js";
import { Alert, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { requirePermission } from "../auth.server.js";
import { formatPeriodRange } from "../components/DossierFilterParams.js";
import { saveOffenderSchema } from "../components/EvidenceSetSchemas.js";
import { offenderSearch, readOffenderParams } from "../components/OffenderParams.js";
import { OffenderFilters, OffenderSaveDialog, OfficerOffenderTable, UnitOffenderTable, type OffenderSubject } from "../components/OffenderTables.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { formatNumber, todayInVietnam } from "../domain/format.js";
import { createEvidenceSet } from "../models/evidence-sets.server.js";
import { listOffenders, offenderSettings } from "../models/offenders.server.js";
import { can } from "../permissions.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Vi phạm lặp lại — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:evidence");
  const defaults = await offenderSettings(getDb());
  const { params, problems } = readOffenderParams(new URL(request.url).searchParams, defaults);
  const result = await listOffenders(getDb(), scope, { ...params, today: todayInVietnam() });
  return { ...result, params, defaults, problems, canCreateSet: can(user, "manage:case") };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await requirePermission(request, "manage:case");
  const defaults = await offenderSettings(getDb());
  // The dialog posts to the page's own URL: the window saved is the one on screen.
  const { params } = readOffenderParams(new URL(request.url).searchParams, defaults);
  const submission = parseWithZod(await request.formData(), { schema: saveOffenderSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { name, description, kind, subjectId } = submission.value;
  const result = await createEvidenceSet(getDb(), scope, {
    name: name.normalize("NFC"),
    description: description ? description.normalize("NFC") : null,
    userId: user.id,
    period: params.period,
    source:
      kind === "officer"
        ? { kind: "offender_officer", officerId: subjectId, thresholds: { minLateSteps: params.minLateSteps, windowDays: params.windowDays } }
        : { kind: "offender_unit", unitId: subjectId, thresholds: { maxOnTimeRate: params.maxOnTimeRate, windowDays: params.windowDays } },
  });
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: 409 });
  return redirectWithToast(`/evidence/sets/${result.id}`, `Đã lưu bộ chứng cứ “${name}” gồm ${formatNumber(result.dossiers)} hồ sơ.`);
}

export default function Offenders() {
  const { officers, officerTotal, units, unitTotal, params, defaults, problems, canCreateSet } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [subject, setSubject] = useState<OffenderSubject | null>(null);
  const onSave = canCreateSet ? setSubject : null;
  return (
    <>
      <PageHeader
        title="Vi phạm lặp lại"
        description={`Hồ sơ có ngày hẹn trả trong ${formatNumber(params.windowDays)} ngày, từ ${formatPeriodRange(params.period)}`}
      />
      <Stack gap="lg">
        {problems.length > 0 ? (
          <Alert color="yellow.9" variant="light" title="Một số tham số không hợp lệ">
            {problems.map((p) => (
              <div key={p}>{p}</div>
            ))}
          </Alert>
        ) : null}
        <Card withBorder>
          <OffenderFilters to={params.period.to} windowDays={params.windowDays} minLateSteps={params.minLateSteps} maxOnTimeRate={params.maxOnTimeRate} />
          <Text size="sm" c="dimmed" mt="xs">
            Mặc định theo cấu hình: {formatNumber(defaults.windowDays)} ngày gần nhất; cán bộ từ {formatNumber(defaults.minLateSteps)} bước trễ hạn; đơn vị có tỷ lệ
            đúng hạn dưới {formatNumber(defaults.maxOnTimeRate)}%.
          </Text>
        </Card>
        <section aria-labelledby="officer-offenders">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="officer-offenders">
              Cán bộ có từ {formatNumber(params.minLateSteps)} bước xử lý trễ hạn
            </Title>
            <Button component="a" href={`/evidence/offenders.csv?${offenderSearch(params, { kind: "officers" })}`} variant="default" size="xs" download>
              Tải CSV cán bộ
            </Button>
          </Group>
          <Text size="sm" c="dimmed" mb="xs">
            Chỉ tính các bước trễ hạn của hồ sơ trễ hạn (bước được quy trách nhiệm).
          </Text>
          <OfficerOffenderTable rows={officers} total={officerTotal} period={params.period} onSave={onSave} />
        </section>
        <section aria-labelledby="unit-offenders">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="unit-offenders">
              Đơn vị có tỷ lệ giải quyết đúng hạn dưới {formatNumber(params.maxOnTimeRate)}%
            </Title>
            <Button component="a" href={`/evidence/offenders.csv?${offenderSearch(params, { kind: "units" })}`} variant="default" size="xs" download>
              Tải CSV đơn vị
            </Button>
          </Group>
          <Text size="sm" c="dimmed" mb="xs">
            Theo đơn vị giải quyết hồ sơ (không gộp đơn vị trực thuộc).
          </Text>
          <UnitOffenderTable rows={units} total={unitTotal} period={params.period} onSave={onSave} />
        </section>
      </Stack>
      <OffenderSaveDialog subject={subject} period={params.period} lastResult={lastResult} onClose={() => setSubject(null)} />
    </>
  );
}
