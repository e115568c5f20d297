import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Button, Group, Radio, Select, Stack, TextInput } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { requirePermission } from "../auth.server.js";
import { caseSchema, toOpenCaseInput } from "../components/CaseSchemas.js";
import { OfficerSearchSelect } from "../components/OfficerSearchSelect.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { todayInVietnam } from "../domain/format.js";
import { idParam } from "../domain/units.js";
import { caseFormOptions, openCase } from "../models/cases.server.js";
import { unitOptions } from "../models/units.server.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction = () => [{ title: "Mở vụ việc — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:case");
  const setId = idParam(new URL(request.url).searchParams.get("evidenceSet") ?? undefined);
  const [options, units] = await Promise.all([caseFormOptions(getDb()), unitOptions(getDb(), { all: true }, todayInVietnam())]);
  return { ...options, units, evidenceSetId: setId ? String(setId) : undefined };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:case");
  const submission = parseWithZod(await request.formData(), { schema: caseSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await openCase(getDb(), toOpenCaseInput(submission.value), user.id);
  if (!result.ok) {
    const reply = result.field ? submission.reply({ fieldErrors: { [result.field]: [result.message] } }) : submission.reply({ formErrors: [result.message] });
    return data(reply, { status: 400 });
  }
  return redirectWithToast(`/cases/${result.id}`, `Đã mở vụ việc ${result.code}.`);
}

export default function NewCase() {
  const { inspections, evidenceSets, units, evidenceSetId } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "case-form",
    lastResult: useActionData<typeof action>(),
    defaultValue: { subjectKind: "unit", evidenceSetId },
    constraint: getZodConstraint(caseSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: caseSchema }),
  });
  const [kind, setKind] = useState<string>("unit");
  const select = (field: typeof fields.inspectionId, label: string, options: { value: string; label: string }[], extra: { description?: string } = {}) => (
    <Select
      label={label}
      withAsterisk
      id={field.id}
      name={field.name}
      key={field.key}
      defaultValue={typeof field.initialValue === "string" ? field.initialValue : null}
      data={options}
      searchable
      limit={100}
      nothingFoundMessage="Không tìm thấy"
      error={field.errors?.[0]}
      {...extra}
    />
  );
  return (
    <>
      <PageHeader title="Mở vụ việc" description="Vụ việc được mở từ một bộ chứng cứ; các hồ sơ được đóng băng ngay khi mở." />
      <Form method="post" {...getFormProps(form)}>
        <Stack gap="md" maw={760}>
          {form.errors?.length ? (
            <Alert color="red.9" variant="light" role="alert" title="Chưa mở được vụ việc">
              {form.errors.join(" ")}
            </Alert>
          ) : null}
          {select(fields.inspectionId, "Đợt kiểm tra", inspections)}
          <TextInput label="Tên vụ việc" withAsterisk name={fields.title.name} id={fields.title.id} key={fields.title.key} error={fields.title.errors?.[0]} />
          <Radio.Group label="Đối tượng kiểm tra" withAsterisk name={fields.subjectKind.name} value={kind} onChange={setKind}>
            <Group mt="xs">
              <Radio value="unit" label="Một đơn vị" />
              <Radio value="officer" label="Một cán bộ" />
            </Group>
          </Radio.Group>
          {kind === "unit" ? (
            select(fields.unitId, "Đơn vị được kiểm tra", units)
          ) : (
            <OfficerSearchSelect
              searchUrl="/evidence/dossiers/officer-search"
              initial={null}
              label="Cán bộ được kiểm tra"
              withAsterisk
              name={fields.officerId.name}
              id={fields.officerId.id}
              error={fields.officerId.errors?.[0]}
            />
          )}
          {select(fields.evidenceSetId, "Bộ chứng cứ", evidenceSets, { description: "Mọi hồ sơ trong bộ được đóng băng làm chứng cứ của vụ việc" })}
          <Group>
            <Button type="submit" loading={busy}>
              Mở vụ việc
            </Button>
            <Button component={Link} to="/cases" variant="default">
              Hủy
            </Button>
          </Group>
        </Stack>
      </Form>
    </>
  );
}
