// The environment, parsed once. Nothing else reads process.env.
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().min(1, "Thiếu DATABASE_URL"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PUBLIC_URL: z.string().default("http://localhost:3000"),
  SESSION_HOURS: z.coerce.number().positive().default(12),
});

export type Env = z.infer<typeof schema>;

let cached: { source: string; value: Env } | undefined;

export function env(): Env {
  // Re-parsed only if DATABASE_URL or PUBLIC_URL changes (test workers set them before use).
  const source = `${process.env.DATABASE_URL ?? ""}\n${process.env.PUBLIC_URL ?? ""}`;
  if (cached && cached.source === source) return cached.value;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error("Cấu hình môi trường không hợp lệ: " + parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  cached = { source, value: parsed.data };
  return parsed.data;
}
