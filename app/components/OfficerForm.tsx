import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Button, Fieldset, Group, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { idField, optionalDateField, refineEndAfterStart, requiredText } from "../domain/units.js";
import { FormErrors, OfficerMembershipFields, positionField } from "./OfficerMembershipForm.js";

const officerFields = {
  code: requiredText("Vui lòng nhập mã cán bộ.", 50, "Mã cán bộ dài tối đa 50 ký tự."),
  fullName: requiredText("Vui lòng nhập họ và tên.", 200, "Họ và tên dài tối đa 200 ký tự."),
};

export const officerSchema = z.object(officerFields);

/** A new officer, optionally with the first membership (without one, scoped users cannot see the officer). */
export const newOfficerSchema = z
  .object({
    ...officerFields,
    unitId: idField("Đơn vị không hợp lệ.").optional(),
    position: positionField,
    validFrom: optionalDateField("Ngày bắt đầu"),
    validTo: optionalDateField("Ngày kết thúc"),
  })
  .superRefine((value, ctx) => {
    if (value.unitId === undefined && (value.position || value.validFrom || value.validTo)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["unitId"], message: "Vui lòng chọn đơn vị công tác, hoặc để trống cả phần quá trình công tác." });
    }
    if (value.unitId !== undefined && !value.validFrom) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["validFrom"], message: "Vui lòng nhập ngày bắt đầu công tác." });
    }
    refineEndAfterStart(value, ctx);
  });

export function toOfficerInput(value: { code: string; fullName: string }) {
  return { code: value.code.normalize("NFC"), fullName: value.fullName.normalize("NFC") };
}

type Common = {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: { code?: string; fullName?: string };
  cancelTo: string;
};

function IdentityFields({ fields }: { fields: { code: FieldMetadata<unknown>; fullName: FieldMetadata<unknown> } }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput label="Mã cán bộ" withAsterisk {...getInputProps(fields.code, { type: "text" })} key={fields.code.key} error={fields.code.errors?.[0]} />
      <TextInput label="Họ và tên" withAsterisk {...getInputProps(fields.fullName, { type: "text" })} key={fields.fullName.key} error={fields.fullName.errors?.[0]} />
    </SimpleGrid>
  );
}

function Actions({ cancelTo }: { cancelTo: string }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Group>
      <Button type="submit" loading={busy}>
        Lưu
      </Button>
      <Button component={Link} to={cancelTo} variant="default">
        Hủy
      </Button>
    </Group>
  );
}

/** Code and full name of an existing officer (memberships have their own forms). */
export function OfficerForm({ lastResult, defaultValue, cancelTo }: Common) {
  const [form, fields] = useForm({
    id: "officer-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(officerSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: officerSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack gap="md" maw={760}>
        <FormErrors errors={form.errors} />
        <IdentityFields fields={fields} />
        <Actions cancelTo={cancelTo} />
      </Stack>
    </Form>
  );
}

export function NewOfficerForm({ lastResult, defaultValue, cancelTo, unitOptions }: Common & { unitOptions: { value: string; label: string }[] }) {
  const [form, fields] = useForm<z.input<typeof newOfficerSchema>, z.output<typeof newOfficerSchema>>({
    id: "officer-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(newOfficerSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newOfficerSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack gap="md" maw={760}>
        <FormErrors errors={form.errors} />
        <IdentityFields fields={fields} />
        <Fieldset legend="Quá trình công tác hiện tại (không bắt buộc)">
          <Stack gap="md">
            <OfficerMembershipFields fields={fields} unitOptions={unitOptions} />
          </Stack>
        </Fieldset>
        <Actions cancelTo={cancelTo} />
      </Stack>
    </Form>
  );
}
