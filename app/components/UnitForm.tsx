import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Button, Group, NativeSelect, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { UNIT_KINDS, UNIT_KIND_LABELS, idField, isUnitKind, optionalDateField, refineEndAfterStart, requiredText, type UnitKind } from "../domain/units.js";

export const unitSchema = z
  .object({
    code: requiredText("Vui lòng nhập mã đơn vị.", 50, "Mã đơn vị dài tối đa 50 ký tự."),
    name: requiredText("Vui lòng nhập tên đơn vị.", 300, "Tên đơn vị dài tối đa 300 ký tự."),
    kind: z
      .string()
      .default("")
      .refine((kind): kind is UnitKind => isUnitKind(kind), "Vui lòng chọn loại đơn vị."),
    parentId: idField("Đơn vị cấp trên không hợp lệ.").optional(),
    validFrom: optionalDateField("Ngày bắt đầu hiệu lực"),
    validTo: optionalDateField("Ngày kết thúc hiệu lực"),
  })
  .superRefine((value, ctx) => refineEndAfterStart(value, ctx, "Ngày kết thúc hiệu lực phải từ ngày bắt đầu hiệu lực trở về sau."));

export type UnitFormValue = z.infer<typeof unitSchema>;

/** The parsed form as the model's input (free text normalised to NFC so that searches match it). */
export function toUnitInput(value: UnitFormValue) {
  return {
    code: value.code.normalize("NFC"),
    name: value.name.normalize("NFC"),
    kind: value.kind,
    parentId: value.parentId ?? null,
    validFrom: value.validFrom,
    validTo: value.validTo,
  };
}

export type UnitFormDefaults = {
  code?: string;
  name?: string;
  kind?: UnitKind;
  parentId?: string;
  validFrom?: string;
  validTo?: string;
};

// Hints under the input keep side-by-side inputs aligned whether or not they have one.
const BELOW: ("label" | "input" | "description" | "error")[] = ["label", "input", "description", "error"];

const KIND_OPTIONS = [{ value: "", label: "— Chọn loại đơn vị —" }, ...UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))];

export function UnitForm({
  lastResult,
  defaultValue,
  parentOptions,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: UnitFormDefaults;
  parentOptions: { value: string; label: string }[];
  cancelTo: string;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "unit-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(unitSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unitSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack gap="md" maw={760}>
        {form.errors?.length ? (
          <Alert color="red.9" variant="light" role="alert" title="Chưa lưu được">
            {form.errors.join(" ")}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Mã đơn vị"
            withAsterisk
            description="Mã định danh, ví dụ 000.31.01.H55"
            inputWrapperOrder={BELOW}
            {...getInputProps(fields.code, { type: "text" })}
            key={fields.code.key}
            error={fields.code.errors?.[0]}
          />
          <NativeSelect label="Loại đơn vị" withAsterisk data={KIND_OPTIONS} {...getSelectProps(fields.kind)} key={fields.kind.key} error={fields.kind.errors?.[0]} />
        </SimpleGrid>
        <TextInput label="Tên đơn vị" withAsterisk {...getInputProps(fields.name, { type: "text" })} key={fields.name.key} error={fields.name.errors?.[0]} />
        <Select
          label="Đơn vị cấp trên"
          description="Để trống nếu là đơn vị cấp cao nhất (tỉnh)"
          inputWrapperOrder={BELOW}
          placeholder="Gõ mã hoặc tên để tìm"
          id={fields.parentId.id}
          name={fields.parentId.name}
          key={fields.parentId.key}
          defaultValue={typeof fields.parentId.initialValue === "string" ? fields.parentId.initialValue : null}
          data={parentOptions}
          searchable
          clearable
          limit={100}
          nothingFoundMessage="Không tìm thấy đơn vị"
          error={fields.parentId.errors?.[0]}
          aria-invalid={fields.parentId.errors ? true : undefined}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Hiệu lực từ ngày"
            placeholder="dd/mm/yyyy"
            {...getInputProps(fields.validFrom, { type: "text" })}
            key={fields.validFrom.key}
            error={fields.validFrom.errors?.[0]}
          />
          <TextInput
            label="Hiệu lực đến ngày"
            description="Ngày cuối cùng đơn vị hoạt động; để trống nếu đang hoạt động"
            inputWrapperOrder={BELOW}
            placeholder="dd/mm/yyyy"
            {...getInputProps(fields.validTo, { type: "text" })}
            key={fields.validTo.key}
            error={fields.validTo.errors?.[0]}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={busy}>
            Lưu
          </Button>
          <Button component={Link} to={cancelTo} variant="default">
            Hủy
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
