import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Button, Group, MultiSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requiredDateField, requiredText } from "../domain/units.js";

const UNITS_MISSING = "Vui lòng chọn ít nhất một đơn vị được kiểm tra.";

// Mantine's MultiSelect posts its values as one comma-joined hidden input; a plain form may repeat the name.
const unitIdsField = z.preprocess(
  (value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((v) => (typeof v === "string" ? v.split(",") : []))
      .map((v) => v.trim())
      .filter((v) => v !== ""),
  z
    .array(z.string().regex(/^[1-9]\d{0,9}$/, "Đơn vị được kiểm tra không hợp lệ.").transform(Number))
    .min(1, UNITS_MISSING)
    .max(500, "Chọn tối đa 500 đơn vị."),
);

export const inspectionSchema = z
  .object({
    title: requiredText("Vui lòng nhập tên đợt kiểm tra.", 500, "Tên đợt kiểm tra dài tối đa 500 ký tự."),
    decisionNumber: requiredText("Vui lòng nhập số quyết định.", 100, "Số quyết định dài tối đa 100 ký tự."),
    decisionDate: requiredDateField("Ngày quyết định"),
    decisionSigner: requiredText("Vui lòng nhập người ký quyết định.", 200, "Người ký dài tối đa 200 ký tự."),
    legalBasis: requiredText("Vui lòng nhập căn cứ pháp lý.", 1000, "Căn cứ pháp lý dài tối đa 1.000 ký tự."),
    legalBasisDate: requiredDateField("Ngày ban hành căn cứ pháp lý"),
    periodFrom: requiredDateField("Thời kỳ kiểm tra từ ngày"),
    periodTo: requiredDateField("Thời kỳ kiểm tra đến ngày"),
    unitIds: unitIdsField,
  })
  .superRefine((value, ctx) => {
    if (value.periodFrom && value.periodTo && value.periodTo < value.periodFrom) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["periodTo"], message: "Thời kỳ kiểm tra phải kết thúc từ ngày bắt đầu trở về sau." });
    }
    if (value.legalBasisDate && value.decisionDate && value.legalBasisDate > value.decisionDate) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["legalBasisDate"], message: "Căn cứ pháp lý phải ban hành trước hoặc cùng ngày quyết định kiểm tra." });
    }
  });

export type InspectionFormValue = z.infer<typeof inspectionSchema>;

/** The parsed form as the model's input (free text normalised to NFC so that searches match it). */
export function toInspectionInput(value: InspectionFormValue) {
  return {
    title: value.title.normalize("NFC"),
    decisionNumber: value.decisionNumber.normalize("NFC"),
    decisionDate: value.decisionDate,
    decisionSigner: value.decisionSigner.normalize("NFC"),
    legalBasis: value.legalBasis.normalize("NFC"),
    legalBasisDate: value.legalBasisDate,
    periodFrom: value.periodFrom,
    periodTo: value.periodTo,
    unitIds: value.unitIds,
  };
}

export type InspectionFormDefaults = Partial<Record<Exclude<keyof InspectionFormValue, "unitIds">, string>> & { unitIds?: string[] };

const BELOW: ("label" | "input" | "description" | "error")[] = ["label", "input", "description", "error"];

export function InspectionForm({
  lastResult,
  defaultValue,
  unitOptions,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: InspectionFormDefaults;
  unitOptions: { value: string; label: string }[];
  cancelTo: string;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "inspection-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(inspectionSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inspectionSchema }),
  });
  // getInputProps carries `key`; React refuses a key inside a spread, so it is passed on its own.
  const text = (field: (typeof fields)[Exclude<keyof InspectionFormValue, "unitIds">]) => {
    const { key: _key, ...props } = getInputProps(field, { type: "text" });
    return { ...props, error: field.errors?.[0] };
  };
  const initialUnits = fields.unitIds.initialValue;
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack gap="md" maw={860}>
        {form.errors?.length ? (
          <Alert color="red.9" variant="light" role="alert" title="Chưa lưu được">
            {form.errors.join(" ")}
          </Alert>
        ) : null}
        <TextInput key={fields.title.key} label="Tên đợt kiểm tra" withAsterisk {...text(fields.title)} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput key={fields.decisionNumber.key} label="Số quyết định" withAsterisk placeholder="ví dụ 12/QĐ-SNV" {...text(fields.decisionNumber)} />
          <TextInput key={fields.decisionDate.key} label="Ngày quyết định" withAsterisk placeholder="dd/mm/yyyy" {...text(fields.decisionDate)} />
          <TextInput key={fields.decisionSigner.key} label="Người ký quyết định" withAsterisk {...text(fields.decisionSigner)} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Căn cứ pháp lý"
            withAsterisk
            description="ví dụ Luật Thanh tra số 11/2025/QH15"
            inputWrapperOrder={BELOW}
            style={{ gridColumn: "span 2" }}
            {...text(fields.legalBasis)}
          />
          <TextInput key={fields.legalBasisDate.key} label="Ngày ban hành căn cứ" withAsterisk placeholder="dd/mm/yyyy" {...text(fields.legalBasisDate)} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput key={fields.periodFrom.key} label="Thời kỳ kiểm tra từ ngày" withAsterisk placeholder="dd/mm/yyyy" {...text(fields.periodFrom)} />
          <TextInput key={fields.periodTo.key} label="Thời kỳ kiểm tra đến ngày" withAsterisk placeholder="dd/mm/yyyy" {...text(fields.periodTo)} />
        </SimpleGrid>
        <MultiSelect
          label="Đơn vị được kiểm tra"
          withAsterisk
          placeholder="Gõ mã hoặc tên để tìm"
          id={fields.unitIds.id}
          name={fields.unitIds.name}
          key={fields.unitIds.key}
          defaultValue={Array.isArray(initialUnits) ? initialUnits.filter((v): v is string => typeof v === "string") : []}
          data={unitOptions}
          searchable
          clearable
          limit={100}
          nothingFoundMessage="Không tìm thấy đơn vị"
          error={fields.unitIds.errors?.[0]}
          aria-invalid={fields.unitIds.errors ? true : undefined}
        />
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
