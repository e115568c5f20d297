import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { authenticate, createUserSession, getUser, safeRedirect } from "../auth.server.js";
import { getDb } from "../db.server.js";
import { hasNul } from "../forms.js";
import { loginRefusalFor, recordLoginAttempt } from "../models/login-attempts.server.js";

export const meta: MetaFunction = () => [{ title: "Đăng nhập — KTCV" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

/** The client's address as the server saw it (app/server.ts puts it in the load context). */
function clientIp(context: ActionFunctionArgs["context"]): string {
  const ip = (context as { ip?: unknown } | undefined)?.ip;
  return typeof ip === "string" && ip !== "" ? ip : "không rõ";
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const username = String(form.get("username") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!username || !password) {
    return data({ error: "Vui lòng nhập tên đăng nhập và mật khẩu.", username }, { status: 400 });
  }
  // No account name holds one, and the attempt could not be recorded (PostgreSQL refuses it in text).
  if (hasNul(username)) {
    return data({ error: "Tên đăng nhập có ký tự không hợp lệ (NUL); hãy gõ lại tên đăng nhập.", username: "" }, { status: 400 });
  }
  const attempt = { username, ip: clientIp(context) };
  const refusal = await loginRefusalFor(getDb(), attempt);
  if (refusal) return data({ error: refusal, username }, { status: 429 });
  const userId = await authenticate(username, password);
  await recordLoginAttempt(getDb(), { ...attempt, succeeded: userId !== null });
  if (!userId) {
    return data({ error: "Tên đăng nhập hoặc mật khẩu không đúng.", username }, { status: 401 });
  }
  return createUserSession(userId, safeRedirect(form.get("redirectTo")), { request });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <Container size={420} py="xl">
      <Title order={1} size="h2" ta="center">
        Đăng nhập
      </Title>
      <Text ta="center" c="dimmed" size="sm" mt={4}>
        Hệ thống kiểm tra trách nhiệm công vụ
      </Text>
      <Paper withBorder shadow="sm" p="lg" mt="lg" radius="md">
        <Form method="post">
          <Stack>
            {result?.error ? (
              <Alert color="red.9" variant="light" role="alert" title="Không đăng nhập được">
                {result.error}
              </Alert>
            ) : null}
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
            <TextInput label="Tên đăng nhập" name="username" autoComplete="username" required defaultValue={result?.username} autoFocus />
            <PasswordInput label="Mật khẩu" name="password" autoComplete="current-password" required />
            <Button type="submit" loading={busy} fullWidth>
              Đăng nhập
            </Button>
          </Stack>
        </Form>
      </Paper>
    </Container>
  );
}
