import { Button, Group, NativeSelect, Select, TextInput } from "@mantine/core";
import { Form, Link, useSearchParams } from "@remix-run/react";
import type { OfficerListParams } from "../domain/units.js";

const STATUS_OPTIONS = [
  { value: "current", label: "Đang công tác (hôm nay)" },
  { value: "all", label: "Tất cả (kể cả đã chuyển đi, nghỉ)" },
];

export function OfficerFilters({ filter, unitOptions }: { filter: OfficerListParams; unitOptions: { value: string; label: string }[] }) {
  const [params] = useSearchParams();
  return (
    // Keyed by the URL so the uncontrolled inputs show the filters after back/forward navigation.
    <Form method="get" role="search" aria-label="Lọc danh sách cán bộ" key={params.toString()}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput label="Mã hoặc họ tên" name="q" defaultValue={filter.q} placeholder="Ví dụ: nguyen van" w={{ base: "100%", sm: 220 }} />
        <Select
          label="Đơn vị (gồm cả đơn vị trực thuộc)"
          name="unit"
          data={unitOptions}
          defaultValue={filter.unitId === null ? null : String(filter.unitId)}
          placeholder="Tất cả đơn vị"
          searchable
          clearable
          limit={100}
          nothingFoundMessage="Không tìm thấy đơn vị"
          w={{ base: "100%", sm: 340 }}
        />
        <NativeSelect label="Trạng thái" name="status" data={STATUS_OPTIONS} defaultValue={filter.status} w={{ base: "100%", sm: 250 }} />
        <Button type="submit">Lọc</Button>
        <Button component={Link} to="/officers" variant="default">
          Xóa bộ lọc
        </Button>
      </Group>
    </Form>
  );
}
