import { Button, Card, FileInput, Stack, Text, Title } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";

/** Imports a calendar.csv: every year with a date in the file is replaced whole. */
export function CalendarImportForm({ maxFileMb }: { maxFileMb: number }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "import";
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        Nhập tệp lịch (calendar.csv)
      </Title>
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="intent" value="import" />
        <Stack gap="sm">
          <FileInput
            name="calendar"
            label="Tệp lịch"
            placeholder="Chọn tệp…"
            accept=".csv,text/csv"
            clearable
            clearButtonProps={{ "aria-label": "Bỏ chọn tệp" }}
          />
          <Text size="sm" c="dimmed">
            Cột <code>date</code> (yyyy-MM-dd), <code>kind</code> (holiday: ngày nghỉ, workday: ngày làm bù) và <code>name</code> (tên ngày).
            Mọi năm có ít nhất một ngày trong tệp được thay toàn bộ bằng nội dung tệp; các năm khác giữ nguyên. Tối đa {maxFileMb} MB.
          </Text>
          <div>
            <Button type="submit" variant="outline" loading={busy}>
              Kiểm tra và nhập lịch
            </Button>
          </div>
        </Stack>
      </Form>
    </Card>
  );
}
