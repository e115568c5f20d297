import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Badge, Button, Card, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useCallback } from "react";
import { z } from "zod";
import { formatDateTime } from "../domain/format.js";
import { idField, requiredText } from "../domain/units.js";
import { officerLabel, OfficerSearchSelect, type OfficerChoice } from "./OfficerSearchSelect.js";

export const TEAM_ROLE_LABELS = { lead: "Trưởng đoàn", member: "Thành viên", secretary: "Thư ký" } as const;
type TeamRole = keyof typeof TEAM_ROLE_LABELS;
const isTeamRole = (v: string): v is TeamRole => v in TEAM_ROLE_LABELS;

export const addMemberSchema = z.object({
  intent: z.literal("add"),
  officerId: idField("Vui lòng chọn cán bộ."),
  role: z
    .string()
    .default("")
    .refine((v): v is TeamRole => isTeamRole(v), "Vui lòng chọn vai trò trong đoàn."),
  replaceLead: z.boolean({ invalid_type_error: "Ô «Thay trưởng đoàn hiện tại» chỉ được đánh dấu hoặc bỏ trống." }).default(false),
});
export const removeMemberSchema = z.object({
  intent: z.literal("remove"),
  memberId: idField("Vui lòng chọn thành viên cần rút."),
  reason: requiredText("Vui lòng nhập lý do rút khỏi đoàn.", 1000, "Lý do dài tối đa 1.000 ký tự."),
});
export const changeLeadSchema = z.object({
  intent: z.literal("lead"),
  memberId: idField("Vui lòng chọn thành viên làm trưởng đoàn."),
});
export const teamActionSchema = z.discriminatedUnion("intent", [addMemberSchema, removeMemberSchema, changeLeadSchema]);

export type TeamMember = {
  id: number;
  role: string;
  added_at: string | Date;
  removed_at: string | Date | null;
  removed_reason: string | null;
  code: string;
  full_name: string;
};

export type TeamActionResult = { intent: string; reply: SubmissionResult<string[]> } | undefined;

// Conform's prop getters carry `key`; React refuses a key inside a spread, so each element gets it on its own.
function withoutKey<T extends { key?: unknown }>(props: T): Omit<T, "key"> {
  const { key: _key, ...rest } = props;
  return rest;
}

const roleLabel = (role: string) => (isTeamRole(role) ? TEAM_ROLE_LABELS[role] : role);

export function TeamTable({ members }: { members: TeamMember[] }) {
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped verticalSpacing="xs" aria-label="Thành viên đoàn kiểm tra">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Cán bộ</Table.Th>
            <Table.Th scope="col">Vai trò</Table.Th>
            <Table.Th scope="col">Thêm lúc</Table.Th>
            <Table.Th scope="col">Tình trạng</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text c="dimmed" ta="center" py="md">
                  Chưa có thành viên nào.
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            members.map((m) => (
              <Table.Tr key={m.id} data-testid="team-row">
                <Table.Td>
                  {m.code} – {m.full_name}
                </Table.Td>
                <Table.Td>
                  <Badge variant={m.role === "lead" ? "filled" : "light"} color={m.removed_at ? "gray" : "blue.8"}>
                    {roleLabel(m.role)}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(m.added_at)}</Table.Td>
                <Table.Td>
                  {m.removed_at ? `Đã rút ngày ${formatDateTime(m.removed_at)}: ${m.removed_reason ?? ""}` : "Đang tham gia"}
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function FormAlert({ errors }: { errors: string[] | undefined }) {
  return errors?.length ? (
    <Alert color="red.9" variant="light" role="alert" title="Chưa lưu được">
      {errors.join(" ")}
    </Alert>
  ) : null;
}

const ROLE_OPTIONS = [{ value: "", label: "— Chọn vai trò —" }, ...Object.entries(TEAM_ROLE_LABELS).map(([value, label]) => ({ value, label }))];

type Candidate = OfficerChoice & { unitName: string | null };

function AddMemberForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const busy = useNavigation().formData?.get("intent") === "add";
  const [form, fields] = useForm({
    id: "add-member-form",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addMemberSchema }),
  });
  const describe = useCallback((o: Candidate) => ({ label: o.unitName ? `${officerLabel(o)} (${o.unitName})` : officerLabel(o) }), []);
  const officerErrors = fields.officerId.errors;
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add" />
      <Stack gap="sm">
        <Title order={3} size="h5">
          Thêm thành viên
        </Title>
        <FormAlert errors={form.errors} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <OfficerSearchSelect<Candidate>
            id={fields.officerId.id}
            name={fields.officerId.name}
            key={fields.officerId.key}
            label="Cán bộ"
            withAsterisk
            searchUrl="/inspections/officer-search"
            initial={null}
            describe={describe}
            error={officerErrors?.length ? officerErrors.map((e) => <div key={e}>{e}</div>) : undefined}
          />
          <NativeSelect label="Vai trò" withAsterisk data={ROLE_OPTIONS} key={fields.role.key} {...withoutKey(getSelectProps(fields.role))} error={fields.role.errors?.[0]} />
        </SimpleGrid>
        <Checkbox
          label="Thay trưởng đoàn hiện tại (trưởng đoàn cũ trở thành thành viên)"
          key={fields.replaceLead.key}
          {...withoutKey(getInputProps(fields.replaceLead, { type: "checkbox" }))}
        />
        <Group>
          <Button type="submit" loading={busy}>
            Thêm vào đoàn
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

function MemberChoiceForm({
  intent,
  title,
  members,
  lastResult,
  submitLabel,
  withReason,
}: {
  intent: "remove" | "lead";
  title: string;
  members: TeamMember[];
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
  withReason: boolean;
}) {
  const busy = useNavigation().formData?.get("intent") === intent;
  const schema = intent === "remove" ? removeMemberSchema : changeLeadSchema;
  const [form, fields] = useForm({
    id: `${intent}-member-form`,
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const options = [
    { value: "", label: "— Chọn thành viên —" },
    ...members.map((m) => ({ value: String(m.id), label: `${m.code} – ${m.full_name} (${roleLabel(m.role)})` })),
  ];
  const reason = fields.reason;
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <Stack gap="sm">
        <Title order={3} size="h5">
          {title}
        </Title>
        <FormAlert errors={form.errors} />
        <NativeSelect label="Thành viên" withAsterisk data={options} key={fields.memberId.key} {...withoutKey(getSelectProps(fields.memberId))} error={fields.memberId.errors?.[0]} />
        {withReason && reason ? (
          <TextInput label="Lý do" withAsterisk key={reason.key} {...withoutKey(getInputProps(reason, { type: "text" }))} error={reason.errors?.[0]} />
        ) : null}
        <Group>
          <Button type="submit" variant="default" loading={busy} disabled={members.length === 0}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

/** The inspector's team controls: add (with the conflict check on the server), remove with a reason, change the lead. */
export function TeamManagement({ members, actionData }: { members: TeamMember[]; actionData: TeamActionResult }) {
  const active = members.filter((m) => !m.removed_at);
  const replyFor = (intent: string) => (actionData?.intent === intent ? actionData.reply : undefined);
  return (
    <Card withBorder>
      <Stack gap="lg">
        <AddMemberForm lastResult={replyFor("add")} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <MemberChoiceForm
            intent="lead"
            title="Đổi trưởng đoàn"
            members={active.filter((m) => m.role !== "lead")}
            lastResult={replyFor("lead")}
            submitLabel="Chỉ định làm trưởng đoàn"
            withReason={false}
          />
          <MemberChoiceForm
            intent="remove"
            title="Rút thành viên khỏi đoàn"
            members={active}
            lastResult={replyFor("remove")}
            submitLabel="Rút khỏi đoàn"
            withReason
          />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
