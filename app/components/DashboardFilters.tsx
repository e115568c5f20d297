import { Button, Group, Select, TextInput } from "@mantine/core";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { formatIsoDate } from "../domain/format.js";
import type { DashboardFilter } from "../domain/evidence-dashboard.js";

type Option = { value: string; label: string };

/** The dashboard's GET form: the period and filter live in the URL, so a view can be bookmarked and shared. */
export function DashboardFilters({
  period,
  filter,
  unitOptions,
  procedureOptions,
}: {
  period: { from: string; to: string };
  filter: DashboardFilter;
  unitOptions: Option[];
  procedureOptions: Option[];
}) {
  const [params] = useSearchParams();
  return (
    // Keyed by the URL so the uncontrolled inputs show the filters after back/forward navigation.
    <Form method="get" role="search" aria-label="Chọn kỳ báo cáo và phạm vi" key={params.toString()}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Hẹn trả từ ngày"
          name="from"
          defaultValue={formatIsoDate(period.from)}
          placeholder="dd/mm/yyyy"
          w={{ base: "100%", sm: 150 }}
        />
        <TextInput label="Đến ngày" name="to" defaultValue={formatIsoDate(period.to)} placeholder="dd/mm/yyyy" w={{ base: "100%", sm: 150 }} />
        <Select
          label="Đơn vị (gồm cả đơn vị trực thuộc)"
          name="unit"
          data={unitOptions}
          defaultValue={filter.unitId === null ? null : String(filter.unitId)}
          placeholder="Toàn tỉnh"
          searchable
          clearable
          limit={100}
          nothingFoundMessage="Không tìm thấy đơn vị"
          w={{ base: "100%", sm: 330 }}
        />
        <Select
          label="Thủ tục hành chính"
          name="procedure"
          data={procedureOptions}
          defaultValue={filter.procedureId === null ? null : String(filter.procedureId)}
          placeholder="Tất cả thủ tục"
          searchable
          clearable
          limit={100}
          nothingFoundMessage="Không tìm thấy thủ tục"
          w={{ base: "100%", sm: 330 }}
        />
        <Button type="submit">Xem</Button>
        <Button component={Link} to="/evidence/dashboard" variant="default">
          Xóa bộ lọc
        </Button>
      </Group>
    </Form>
  );
}
