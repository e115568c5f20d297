import { Button, Checkbox, Group, NativeSelect, Select, SimpleGrid, TextInput } from "@mantine/core";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { formatIsoDate } from "../domain/format.js";
import { APOLOGY_FILTERS, APOLOGY_LABELS, formatMonth, monthsOf, type DossierFilter } from "./DossierFilterParams.js";
import { DossierOfficerSelect, type OfficerChoice } from "./DossierOfficerSelect.js";

type Option = { value: string; label: string };

const LATE_OPTIONS = [
  { value: "1", label: "Chỉ hồ sơ trễ hạn" },
  { value: "0", label: "Tất cả hồ sơ được tính" },
];
const APOLOGY_OPTIONS = [{ value: "", label: "Tất cả" }, ...APOLOGY_FILTERS.map((a) => ({ value: a, label: APOLOGY_LABELS[a] }))];

/** The GET form of /evidence/dossiers: the filters live in the URL, which the dashboards link to. */
export function DossierFilters({
  period,
  filter,
  unitOptions,
  procedureOptions,
  officer,
}: {
  period: { from: string; to: string };
  filter: DossierFilter;
  unitOptions: Option[];
  procedureOptions: Option[];
  officer: OfficerChoice | null;
}) {
  const [params] = useSearchParams();
  const months = monthsOf(period);
  if (filter.month && !months.includes(filter.month)) months.push(filter.month);
  const monthOptions = [{ value: "", label: "Tất cả các tháng" }, ...months.map((m) => ({ value: m, label: `Tháng ${formatMonth(m)}` }))];
  return (
    // Keyed by the URL so the uncontrolled inputs show the filters after back/forward navigation.
    <Form method="get" role="search" aria-label="Lọc danh sách hồ sơ" key={params.toString()}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput label="Hẹn trả từ ngày" name="from" defaultValue={formatIsoDate(period.from)} placeholder="dd/mm/yyyy" />
        <TextInput label="Đến ngày" name="to" defaultValue={formatIsoDate(period.to)} placeholder="dd/mm/yyyy" />
        <NativeSelect label="Tháng hẹn trả" name="month" data={monthOptions} defaultValue={filter.month ?? ""} />
        <NativeSelect label="Tình trạng" name="late" data={LATE_OPTIONS} defaultValue={filter.lateOnly ? "1" : "0"} />
        <Select
          label="Đơn vị giải quyết"
          name="unit"
          data={unitOptions}
          defaultValue={filter.unitId === null ? null : String(filter.unitId)}
          placeholder="Tất cả đơn vị"
          searchable
          clearable
          limit={100}
          nothingFoundMessage="Không tìm thấy đơn vị"
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
        />
        <DossierOfficerSelect name="officer" initial={officer} />
        <NativeSelect label="Văn bản xin lỗi" name="apology" data={APOLOGY_OPTIONS} defaultValue={filter.apology ?? ""} />
        <TextInput label="Mã hồ sơ" name="q" defaultValue={filter.q} placeholder="Một phần của mã hồ sơ" />
      </SimpleGrid>
      <Group mt="sm" gap="sm" justify="space-between" wrap="wrap">
        <Checkbox name="subunits" value="0" defaultChecked={filter.ownUnitOnly} label="Chỉ hồ sơ của chính đơn vị đã chọn (không gồm đơn vị trực thuộc)" />
        <Group gap="sm">
          <Button type="submit">Lọc</Button>
          <Button component={Link} to="/evidence/dossiers" variant="default">
            Xóa bộ lọc
          </Button>
        </Group>
      </Group>
    </Form>
  );
}
