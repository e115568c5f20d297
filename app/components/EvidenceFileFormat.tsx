import { SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { CsvColumnTable, type CsvColumnList } from "./CsvColumnTable.js";

export type ColumnList = CsvColumnList;

const INSTANT = "thời điểm: yyyy-MM-ddTHH:mm:ss+07:00, hoặc dd/MM/yyyy HH:mm, hoặc dd/MM/yyyy";

// What each column means, in the users' words (spec/evidence-import.md); the column lists themselves
// come from the checker, so the page never describes a format it does not read.
const MEANINGS: Record<string, Record<string, string>> = {
  dossiers: {
    dossier_code: "Mã hồ sơ, không trùng trong tệp; nhập lại cùng mã thì cập nhật hồ sơ đó",
    procedure_code: "Mã thủ tục hành chính",
    procedure_name: "Tên thủ tục; chỉ lưu lần đầu gặp mã",
    unit_code: "Mã đơn vị giải quyết; phải có trong hệ thống",
    received_at: `Ngày tiếp nhận (${INSTANT})`,
    due_at: "Ngày hẹn trả lần đầu; chỉ có ngày thì tính đến hết ngày đó",
    finished_at: "Ngày có kết quả; để trống nếu chưa xong",
    status: "processing, supplement, finished, returned, stopped, refused, withdrawn hoặc tên tiếng Việt (Đang xử lý, Chờ bổ sung, …)",
    channel: "direct/1 (trực tiếp), online/2 (trực tuyến), postal/3 (bưu chính)",
    apology_at: "Ngày ban hành văn bản xin lỗi (Mẫu 04)",
    rescheduled_due_at: "Ngày hẹn trả mới ghi trong văn bản xin lỗi",
  },
  steps: {
    dossier_code: "Mã hồ sơ; có trong tệp hồ sơ hoặc đã có trong hệ thống",
    step_no: "Số thứ tự bước: 1, 2, …; không trùng trong một hồ sơ",
    step_name: "Tên bước",
    unit_code: "Mã đơn vị giữ hồ sơ ở bước này",
    officer_code: "Mã cán bộ xử lý; phải có trong hệ thống",
    started_at: `Bắt đầu bước (${INSTANT})`,
    due_at: "Hạn của bước theo quy trình nội bộ",
    finished_at: "Kết thúc bước; để trống nếu đang ở bước này",
  },
  events: {
    dossier_code: "Mã hồ sơ; có trong tệp hồ sơ hoặc đã có trong hệ thống",
    kind: "supplement_requested (yêu cầu bổ sung) hoặc supplement_completed (đã bổ sung)",
    at: `Thời điểm (${INSTANT})`,
  },
  calendar: {
    date: "Ngày, dạng yyyy-MM-dd; mỗi ngày một dòng",
    kind: "holiday (ngày thường được nghỉ) hoặc workday (ngày cuối tuần làm bù)",
    name: "Tên ngày, ví dụ Tết Nguyên đán, Làm bù cho ngày 02/5",
  },
};

export function ColumnTable({ caption, file, columns }: { caption: string; file: keyof typeof MEANINGS; columns: ColumnList }) {
  return <CsvColumnTable caption={caption} columns={columns} meanings={MEANINGS[file] ?? {}} />;
}

/** The structure of dossiers.csv, steps.csv and events.csv, as the checker reads them. */
export function EvidenceFileFormat({ columns }: { columns: { dossiers: ColumnList; steps: ColumnList; events: ColumnList } }) {
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Cấu trúc tệp
      </Title>
      <Text size="sm">
        Tệp CSV mã UTF-8, phân cách bằng dấu phẩy, dòng đầu là tiêu đề. Tên cột viết hoa hay thường đều được, dùng tên tiếng Anh hoặc
        tên tiếng Việt; cột khác bị bỏ qua. Nhập lại một hồ sơ đã có sẽ cập nhật hồ sơ đó; khi lần nhập có tệp bước xử lý (sự kiện), các
        bước (sự kiện) của hồ sơ được thay bằng nội dung trong tệp, nếu không thì giữ nguyên.
      </Text>
      <ColumnTable caption="dossiers.csv — hồ sơ" file="dossiers" columns={columns.dossiers} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ColumnTable caption="steps.csv — bước xử lý (không bắt buộc)" file="steps" columns={columns.steps} />
        <ColumnTable caption="events.csv — yêu cầu bổ sung hồ sơ (không bắt buộc)" file="events" columns={columns.events} />
      </SimpleGrid>
    </Stack>
  );
}
