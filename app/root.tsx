import mantineCoreStyles from "@mantine/core/styles.css";
import mantineNotificationStyles from "@mantine/notifications/styles.css";
import mantineChartStyles from "@mantine/charts/styles.css";
import appStyles from "./app.css";
import { Button, ColorSchemeScript, Container, mantineHtmlProps, MantineProvider, Stack, Text, Title } from "@mantine/core";
import { Notifications, notifications } from "@mantine/notifications";
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { getUser } from "./auth.server.js";
import { AppShellLayout } from "./components/AppShellLayout.js";
import { useNonce } from "./nonce.js";
import { cssVariablesResolver, theme } from "./theme.js";
import { readToast } from "./toast.server.js";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: mantineCoreStyles },
  { rel: "stylesheet", href: mantineNotificationStyles },
  { rel: "stylesheet", href: mantineChartStyles },
  { rel: "stylesheet", href: appStyles },
];

export const meta: MetaFunction = () => [{ title: "KTCV — Kiểm tra công vụ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { toast, headers }] = await Promise.all([getUser(request), readToast(request)]);
  return data({ user, toast }, { headers });
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang="vi" {...mantineHtmlProps}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <ColorSchemeScript defaultColorScheme="light" nonce={nonce} />
      </head>
      <body>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
          <Notifications position="top-right" />
          <AppShellLayout user={root?.user ?? null}>{children}</AppShellLayout>
        </MantineProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { toast } = useLoaderData<typeof loader>();
  useEffect(() => {
    if (toast) {
      notifications.show({
        id: toast.id,
        message: toast.message,
        color: toast.kind === "success" ? "green.9" : "red.9",
        closeButtonProps: { "aria-label": "Đóng thông báo" },
      });
    }
  }, [toast]);
  return <Outlet />;
}

const ERRORS: Record<number, { title: string; text: string }> = {
  400: { title: "Yêu cầu không hợp lệ", text: "Dữ liệu gửi lên không hợp lệ." },
  403: { title: "Không có quyền truy cập", text: "Bạn không có quyền truy cập chức năng này." },
  404: { title: "Không tìm thấy trang", text: "Trang hoặc bản ghi bạn tìm không tồn tại, hoặc nằm ngoài phạm vi của bạn." },
  500: { title: "Đã xảy ra lỗi", text: "Hệ thống gặp lỗi ngoài dự kiến. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống." },
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = ERRORS[status] ?? ERRORS[500]!;
  // A message we threw ourselves (Vietnamese) is shown; the router's own English texts are not.
  const detail =
    isRouteErrorResponse(error) && typeof error.data === "string" && error.data && status < 500 && !/^Error:/.test(error.data)
      ? error.data
      : known.text;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <Container size="sm" py="xl">
      <Stack gap="md" data-testid="error-page">
        <Text c="dimmed" fw={700}>
          Lỗi {status}
        </Text>
        <Title order={1}>{known.title}</Title>
        <Text>{detail}</Text>
        <div>
          <Button component={Link} to="/">
            Về trang tổng quan
          </Button>
        </div>
      </Stack>
    </Container>
  );
}
