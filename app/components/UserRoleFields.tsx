import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { Button, Checkbox, Fieldset, Group, Select, Stack, Text } from "@mantine/core";
import { ROLE_LABELS } from "../permissions.js";
import { SCOPED_ROLE_VALUES, UNSCOPED_ROLE_VALUES } from "./UserSchemas.js";
import { foldVietnamese } from "./UserTextSearch.js";

export type UnitOption = { id: number; code: string; name: string; valid_to: string | null };

type Grant = { role?: string; unitId?: number };

/** Role grants: province-wide roles as checkboxes, unit-scoped roles as a list of (role, unit) rows. */
export function UserRoleFields({
  form,
  roles,
  scoped,
  units,
}: {
  form: FormMetadata<any, string[]>;
  roles: FieldMetadata<string[] | undefined, any, string[]>;
  scoped: FieldMetadata<Grant[] | undefined, any, string[]>;
  units: UnitOption[];
}) {
  const unitData = units.map((u) => ({
    value: String(u.id),
    label: u.valid_to ? `${u.name} (${u.code}, đã hết hiệu lực)` : `${u.name} (${u.code})`,
  }));
  const raw = roles.initialValue;
  const initialRoles = Array.isArray(raw) ? raw.filter((r): r is string => typeof r === "string") : typeof raw === "string" ? [raw] : [];
  const grants = scoped.getFieldList();
  return (
    <Fieldset legend="Vai trò">
      <Stack gap="md">
        <Checkbox.Group
          label="Vai trò toàn tỉnh"
          description="Áp dụng cho mọi đơn vị."
          defaultValue={initialRoles}
          error={roles.errors?.[0]}
          errorProps={{ id: roles.errorId }}
        >
          <Group mt="xs">
            {UNSCOPED_ROLE_VALUES.map((role) => (
              <Checkbox key={role} name={roles.name} value={role} label={ROLE_LABELS[role]} />
            ))}
          </Group>
        </Checkbox.Group>

        <div>
          <Text size="sm" fw={500}>
            Vai trò theo đơn vị
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            Thủ trưởng đơn vị và Tổ chức cán bộ chỉ làm việc với đơn vị đã chọn và các đơn vị trực thuộc.
          </Text>
          <Stack gap="xs">
            {grants.map((grant, index) => {
              const f = grant.getFieldset();
              return (
                <Group key={grant.key} align="flex-start" wrap="wrap" data-testid="scoped-grant">
                  <Select
                    id={f.role.id}
                    name={f.role.name}
                    label={`Vai trò (dòng ${index + 1})`}
                    data={SCOPED_ROLE_VALUES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                    defaultValue={typeof f.role.initialValue === "string" ? f.role.initialValue : "unit_head"}
                    allowDeselect={false}
                    error={f.role.errors?.[0]}
                    w={220}
                  />
                  <Select
                    id={f.unitId.id}
                    name={f.unitId.name}
                    label={`Đơn vị (dòng ${index + 1})`}
                    placeholder="Gõ tên hoặc mã đơn vị"
                    data={unitData}
                    defaultValue={typeof f.unitId.initialValue === "string" ? f.unitId.initialValue : null}
                    searchable
                    filter={({ options, search }) => {
                      const needle = foldVietnamese(search.trim());
                      return options.filter((o) => "label" in o && foldVietnamese(o.label).includes(needle));
                    }}
                    limit={50}
                    nothingFoundMessage="Không tìm thấy đơn vị"
                    error={f.unitId.errors?.[0]}
                    style={{ flex: 1, minWidth: 280 }}
                  />
                  <Button
                    type="submit"
                    variant="subtle"
                    color="red.9"
                    mt={25}
                    {...form.remove.getButtonProps({ name: scoped.name, index })}
                    aria-label={`Bỏ vai trò theo đơn vị ở dòng ${index + 1}`}
                  >
                    Bỏ
                  </Button>
                </Group>
              );
            })}
          </Stack>
          {scoped.errors?.length ? (
            <Text size="sm" c="red.9" mt="xs" id={scoped.errorId} role="alert">
              {scoped.errors[0]}
            </Text>
          ) : null}
          {/* conform's list buttons submit an intent it handles in the browser (or on the server without JS). */}
          <Button
            type="submit"
            variant="light"
            size="xs"
            mt="sm"
            {...form.insert.getButtonProps({ name: scoped.name, defaultValue: { role: "unit_head" } })}
          >
            Thêm vai trò theo đơn vị
          </Button>
        </div>
      </Stack>
    </Fieldset>
  );
}
