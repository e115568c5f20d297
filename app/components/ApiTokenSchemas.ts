// The API-token forms of /admin/api-tokens, validated by the same zod schemas in the browser and the action.
import { z } from "zod";

// Mantine's MultiSelect posts its values as one comma-joined hidden input; a plain form may repeat the name.
const unitIds = z.preprocess(
  (value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((v) => (typeof v === "string" ? v.split(",") : []))
      .map((v) => v.trim())
      .filter((v) => v !== ""),
  z
    .array(z.string().regex(/^[1-9]\d{0,9}$/, "Đơn vị đã chọn không hợp lệ.").transform(Number))
    .min(1, "Chọn ít nhất một đơn vị: phần mềm chỉ thấy nội dung kết luận về các đơn vị này và đơn vị trực thuộc.")
    .max(100, "Chọn tối đa 100 đơn vị."),
);

export const issueTokenSchema = z.object({
  intent: z.literal("issue"),
  name: z
    .string({ required_error: "Nhập tên phần mềm sử dụng khoá." })
    .trim()
    .min(1, "Nhập tên phần mềm sử dụng khoá.")
    .max(120, "Tên dài tối đa 120 ký tự."),
  unitIds,
});

export const revokeTokenSchema = z.object({
  intent: z.literal("revoke"),
  tokenId: z.number({ required_error: "Thiếu khoá cần thu hồi.", invalid_type_error: "Khoá cần thu hồi không hợp lệ." }).int().positive(),
});
