import { Group, Pagination, Text } from "@mantine/core";
import { useNavigate, useSearchParams } from "@remix-run/react";
import { formatNumber } from "../domain/format.js";
import { pageCount, PAGE_SIZE } from "../domain/paging.js";

/** Pagination that keeps the list's filters in the URL (the server fetches one page). */
export function Pager({ total, pageSize = PAGE_SIZE, label = "bản ghi" }: { total: number; pageSize?: number; label?: string }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const page = Number(params.get("page") ?? "1") || 1;
  const pages = pageCount(total, pageSize);
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" data-testid="pager-summary">
        {total === 0 ? `Không có ${label} nào` : `${formatNumber(first)}–${formatNumber(last)} trong ${formatNumber(total)} ${label}`}
      </Text>
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={(p) => {
            const next = new URLSearchParams(params);
            next.set("page", String(p));
            navigate({ search: next.toString() });
          }}
          getControlProps={(control) => ({ "aria-label": control === "next" ? "Trang sau" : control === "previous" ? "Trang trước" : control === "first" ? "Trang đầu" : "Trang cuối" })}
          getItemProps={(p) => ({ "aria-label": `Trang ${p}` })}
          size="sm"
        />
      ) : null}
    </Group>
  );
}

/**
 * Paging of one of several tables on a page, each with its own URL parameter; the labels name the table.
 * `page` is the page the server answered, when it may differ from the URL's (a page past the end).
 */
export function TablePager({ total, param, label, page: served }: { total: number; param: string; label: string; page?: number }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const page = served ?? (Number(params.get(param) ?? "1") || 1);
  const pages = pageCount(total);
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed">
        {total === 0 ? `Không có ${label} nào` : `${formatNumber(first)}–${formatNumber(last)} trong ${formatNumber(total)} ${label}`}
      </Text>
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={(p) => {
            const next = new URLSearchParams(params);
            next.set(param, String(p));
            navigate({ search: next.toString() }, { preventScrollReset: true });
          }}
          getControlProps={(control) => ({
            "aria-label": `${label}: ${
              control === "next" ? "trang sau" : control === "previous" ? "trang trước" : control === "first" ? "trang đầu" : "trang cuối"
            }`,
          })}
          getItemProps={(p) => ({ "aria-label": `${label}: trang ${p}` })}
          size="sm"
        />
      ) : null}
    </Group>
  );
}
