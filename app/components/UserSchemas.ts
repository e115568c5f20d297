// The user-administration and password forms, validated by the same zod schemas in the browser
// (conform's onValidate) and in the actions. Messages are what the user reads, so they are Vietnamese.
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;

export const UNSCOPED_ROLE_VALUES = ["admin", "inspector", "approver"] as const;
export const SCOPED_ROLE_VALUES = ["unit_head", "hr"] as const;

const password = (required: string) =>
  z
    .string({ required_error: required })
    .min(MIN_PASSWORD_LENGTH, `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`)
    // argon2 would hash a megabyte happily; nobody types one, so refuse it before hashing.
    .max(200, "Mật khẩu dài tối đa 200 ký tự.");

const displayName = z
  .string({ required_error: "Nhập tên hiển thị." })
  .trim()
  .min(1, "Nhập tên hiển thị.")
  .max(120, "Tên hiển thị dài tối đa 120 ký tự.");

const officerId = z
  .number({ invalid_type_error: "Cán bộ đã chọn không hợp lệ." })
  .int("Cán bộ đã chọn không hợp lệ.")
  .positive("Cán bộ đã chọn không hợp lệ.")
  .optional();

const roles = z.array(z.enum(UNSCOPED_ROLE_VALUES, { message: "Vai trò không hợp lệ." })).default([]);

const scoped = z
  .array(
    z.object({
      role: z.enum(SCOPED_ROLE_VALUES, { message: "Chọn vai trò." }),
      unitId: z
        .number({ required_error: "Chọn đơn vị cho vai trò này.", invalid_type_error: "Đơn vị đã chọn không hợp lệ." })
        .int("Đơn vị đã chọn không hợp lệ.")
        .positive("Đơn vị đã chọn không hợp lệ."),
    }),
  )
  .default([]);

function atLeastOneRole(value: { roles: unknown[]; scoped: unknown[] }, ctx: z.RefinementCtx) {
  if (value.roles.length + value.scoped.length === 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["roles"], message: "Chọn ít nhất một vai trò." });
  }
}

export const createUserSchema = z
  .object({
    username: z
      .string({ required_error: "Nhập tên đăng nhập." })
      .trim()
      .toLowerCase()
      .regex(
        /^[a-z0-9._-]{3,40}$/,
        "Tên đăng nhập dài 3–40 ký tự, chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.",
      ),
    displayName,
    password: password("Nhập mật khẩu ban đầu."),
    officerId,
    roles,
    scoped,
  })
  .superRefine(atLeastOneRole);

export const updateUserSchema = z
  .object({ intent: z.literal("update"), displayName, officerId, roles, scoped })
  .superRefine(atLeastOneRole);

export const resetPasswordSchema = z
  .object({
    intent: z.literal("reset-password"),
    password: password("Nhập mật khẩu mới."),
    confirm: z.string({ required_error: "Nhập lại mật khẩu mới." }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Mật khẩu nhập lại không khớp." });

export const setActiveSchema = z.object({ intent: z.enum(["deactivate", "activate"]) });

export const changePasswordSchema = z
  .object({
    // No password longer than the limit can have been set: a longer one is refused before any hashing.
    currentPassword: z.string({ required_error: "Nhập mật khẩu hiện tại." }).max(200, "Mật khẩu dài tối đa 200 ký tự."),
    newPassword: password("Nhập mật khẩu mới."),
    confirmPassword: z.string({ required_error: "Nhập lại mật khẩu mới." }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "Mật khẩu nhập lại không khớp." })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Mật khẩu mới phải khác mật khẩu hiện tại." });

/** The grants a parsed form stands for, in the models' shape. */
export function grantsFromForm(value: { roles: (typeof UNSCOPED_ROLE_VALUES)[number][]; scoped: { role: (typeof SCOPED_ROLE_VALUES)[number]; unitId: number }[] }) {
  return [
    ...value.roles.map((role) => ({ role, unitId: null })),
    ...value.scoped.map((g) => ({ role: g.role, unitId: g.unitId })),
  ];
}
