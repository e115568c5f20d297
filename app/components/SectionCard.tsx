import { Card, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A titled card of a page: heading (named for screen readers), optional description and actions, then the content. */
export function Section({
  id,
  title,
  description,
  children,
  actions,
  titleSize = "h4",
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
  titleSize?: "h3" | "h4";
}) {
  return (
    <Card withBorder component="section" aria-labelledby={`${id}-title`} padding="lg">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <Stack gap={2} maw={820}>
          <Title order={2} size={titleSize} id={`${id}-title`}>
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        {actions}
      </Group>
      {children}
    </Card>
  );
}
