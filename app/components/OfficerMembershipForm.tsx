import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { idField, optionalDateField, refineEndAfterStart, requiredDateField } from "../domain/units.js";

export const positionField = z.string().trim().max(200, "Chức vụ, vị trí dài tối đa 200 ký tự.").optional();

export const membershipSchema = z
  .object({
    unitId: idField("Vui lòng chọn đơn vị công tác."),
    position: positionField,
    validFrom: requiredDateField("Ngày bắt đầu"),
    validTo: optionalDateField("Ngày kết thúc"),
  })
  .superRefine((value, ctx) => refineEndAfterStart(value, ctx));

export const endMembershipSchema = z.object({ validTo: requiredDateField("Ngày kết thúc") });

export function toMembershipInput(value: { unitId: number; position?: string; validFrom: string; validTo: string | null }) {
  return { unitId: value.unitId, position: value.position ? value.position.normalize("NFC") : null, validFrom: value.validFrom, validTo: value.validTo };
}

type UnitOption = { value: string; label: string };

/** Unit, position and period of a membership: used by the membership form and the new-officer form. */
export function OfficerMembershipFields({
  fields,
  unitOptions,
}: {
  fields: { unitId: FieldMetadata<unknown>; position: FieldMetadata<unknown>; validFrom: FieldMetadata<unknown>; validTo: FieldMetadata<unknown> };
  unitOptions: UnitOption[];
}) {
  const { unitId, position, validFrom, validTo } = fields;
  return (
    <>
      <Select
        label="Đơn vị công tác"
        withAsterisk
        placeholder="Gõ mã hoặc tên để tìm"
        id={unitId.id}
        name={unitId.name}
        key={unitId.key}
        defaultValue={typeof unitId.initialValue === "string" ? unitId.initialValue : null}
        data={unitOptions}
        searchable
        clearable
        limit={100}
        nothingFoundMessage="Không tìm thấy đơn vị"
        error={unitId.errors?.[0]}
        aria-invalid={unitId.errors ? true : undefined}
      />
      <TextInput label="Chức vụ, vị trí" {...getInputProps(position, { type: "text" })} key={position.key} error={position.errors?.[0]} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Từ ngày" withAsterisk placeholder="dd/mm/yyyy" {...getInputProps(validFrom, { type: "text" })} key={validFrom.key} error={validFrom.errors?.[0]} />
        <TextInput
          label="Đến ngày"
          description="Ngày làm việc cuối cùng; để trống nếu đang công tác"
          inputWrapperOrder={["label", "input", "description", "error"]}
          placeholder="dd/mm/yyyy"
          {...getInputProps(validTo, { type: "text" })}
          key={validTo.key}
          error={validTo.errors?.[0]}
        />
      </SimpleGrid>
    </>
  );
}

export function FormErrors({ errors }: { errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <Alert color="red.9" variant="light" role="alert" title="Chưa lưu được">
      {errors.join(" ")}
    </Alert>
  );
}

function Actions({ cancelTo, label = "Lưu" }: { cancelTo: string; label?: string }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Group>
      <Button type="submit" loading={busy}>
        {label}
      </Button>
      <Button component={Link} to={cancelTo} variant="default">
        Hủy
      </Button>
    </Group>
  );
}

export function OfficerMembershipForm({
  lastResult,
  defaultValue,
  unitOptions,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: { unitId?: string; position?: string; validFrom?: string; validTo?: string };
  unitOptions: UnitOption[];
  cancelTo: string;
}) {
  const [form, fields] = useForm({
    id: "membership-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(membershipSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: membershipSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack gap="md" maw={760}>
        <FormErrors errors={form.errors} />
        <OfficerMembershipFields fields={fields} unitOptions={unitOptions} />
        <Actions cancelTo={cancelTo} />
      </Stack>
    </Form>
  );
}

export function OfficerEndMembershipForm({
  lastResult,
  defaultValue,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: { validTo: string };
  cancelTo: string;
}) {
  const [form, fields] = useForm({
    id: "end-membership-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(endMembershipSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: endMembershipSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack gap="md" maw={400}>
        <FormErrors errors={form.errors} />
        <TextInput
          label="Ngày làm việc cuối cùng"
          withAsterisk
          placeholder="dd/mm/yyyy"
          {...getInputProps(fields.validTo, { type: "text" })}
          key={fields.validTo.key}
          error={fields.validTo.errors?.[0]}
        />
        <Actions cancelTo={cancelTo} label="Kết thúc" />
      </Stack>
    </Form>
  );
}
