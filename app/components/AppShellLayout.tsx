import { AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { can, roleLabel, type SessionUser } from "../permissions.js";
import { NAV } from "./nav.js";

export function AppShellLayout({ user, children }: { user: SessionUser | null; children: ReactNode }) {
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const sections = NAV.map((s) => ({ ...s, items: s.items.filter((i) => !i.permission || can(user, i.permission)) })).filter(
    (s) => s.items.length > 0,
  );
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={user ? { width: 260, breakpoint: "sm", collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      {user ? (
        // A keyboard user skips the header and the menu (some twenty stops) to the page itself.
        <a href="#noi-dung" className="skip-link">
          Bỏ qua đến nội dung chính
        </a>
      ) : null}
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {user ? <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Mở menu điều hướng" /> : null}
            <Link to="/" style={{ textDecoration: "none", color: "inherit" }}>
              <Text fw={800} size="xl" c="ktcv.8" aria-label="KTCV — trang tổng quan">
                KTCV
              </Text>
            </Link>
            <Text size="sm" visibleFrom="md">
              Kiểm tra trách nhiệm công vụ — Sở Nội vụ
            </Text>
          </Group>
          {user ? (
            <Group gap="sm" wrap="nowrap">
              <Stack gap={0} align="flex-end" visibleFrom="sm">
                <Text size="sm" fw={600} data-testid="current-user">
                  {user.displayName}
                </Text>
                <Group gap={4} justify="flex-end">
                  {user.roles.map((grant, i) => (
                    <Badge key={i} size="xs" variant="outline" color="gray.8" data-testid="role-badge">
                      {roleLabel(grant)}
                    </Badge>
                  ))}
                </Group>
              </Stack>
              <Button component={Link} to="/account/password" variant="subtle" size="xs" visibleFrom="sm">
                Đổi mật khẩu
              </Button>
              <Form method="post" action="/logout">
                <Button type="submit" variant="default" size="xs">
                  Đăng xuất
                </Button>
              </Form>
            </Group>
          ) : null}
        </Group>
      </AppShell.Header>
      {user ? (
        <AppShell.Navbar p="xs" aria-label="Điều hướng chính">
          <ScrollArea>
            <nav aria-label="Chức năng">
              {sections.map((section) => (
                <div key={section.label} style={{ marginBottom: 12 }}>
                  <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" py={4}>
                    {section.label}
                  </Text>
                  {section.items.map((item) => (
                    <NavLink
                      key={item.to}
                      component={Link}
                      to={item.to}
                      label={item.label}
                      active={item.to === "/" ? location.pathname === "/" : location.pathname.startsWith(item.to)}
                      variant="filled"
                    />
                  ))}
                </div>
              ))}
            </nav>
          </ScrollArea>
        </AppShell.Navbar>
      ) : null}
      <AppShell.Main id="noi-dung" tabIndex={-1} style={{ outline: "none" }}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
