import { Button, Group, NativeSelect, TextInput } from "@mantine/core";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { formatIsoDate } from "../domain/format.js";
import { UNIT_KINDS, UNIT_KIND_LABELS, type UnitListParams } from "../domain/units.js";

const KIND_OPTIONS = [{ value: "", label: "Tất cả các loại" }, ...UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))];
const STATUS_OPTIONS = [
  { value: "active", label: "Đang hoạt động" },
  { value: "all", label: "Tất cả (kể cả đã giải thể/sáp nhập)" },
];

/** The GET form of /units: filters live in the URL, so a filtered list can be bookmarked and shared. */
export function UnitFilters({ filter }: { filter: UnitListParams }) {
  const [params] = useSearchParams();
  return (
    // Keyed by the URL so the uncontrolled inputs show the filters after back/forward navigation.
    <Form method="get" role="search" aria-label="Lọc danh sách đơn vị" key={params.toString()}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput label="Mã hoặc tên đơn vị" name="q" defaultValue={filter.q} placeholder="Ví dụ: Cẩm Thành" w={{ base: "100%", sm: 210 }} />
        <NativeSelect label="Loại đơn vị" name="kind" data={KIND_OPTIONS} defaultValue={filter.kind ?? ""} w={{ base: "100%", sm: 190 }} />
        <NativeSelect label="Trạng thái" name="status" data={STATUS_OPTIONS} defaultValue={filter.status} w={{ base: "100%", sm: 270 }} />
        <TextInput label="Hoạt động tại ngày" name="on" defaultValue={formatIsoDate(filter.on)} placeholder="dd/mm/yyyy" w={{ base: "100%", sm: 140 }} />
        <Button type="submit">Lọc</Button>
        <Button component={Link} to="/units" variant="default">
          Xóa bộ lọc
        </Button>
      </Group>
    </Form>
  );
}
