import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import type { loader as officerSearch } from "../routes/admin.users.officer-search.js";

export type OfficerOption = { id: number; code: string; name: string };

const labelOf = (o: OfficerOption) => `${o.code} – ${o.name}`;

/**
 * The optional officer linked to an account, searched on the server by code or name. Officers already
 * linked to another account are listed but cannot be chosen (the server refuses them too).
 */
export function UserOfficerSelect({
  name,
  id,
  error,
  initial,
  userId,
}: {
  name: string;
  id: string;
  error?: string;
  initial: OfficerOption | null;
  /** The account being edited: its own officer stays selectable. */
  userId?: string;
}) {
  const fetcher = useFetcher<typeof officerSearch>();
  const [value, setValue] = useState<string | null>(initial ? String(initial.id) : null);
  const [selected, setSelected] = useState<OfficerOption | null>(initial);
  const [search, setSearch] = useState(initial ? labelOf(initial) : "");
  const [debounced] = useDebouncedValue(search, 250);
  const { load } = fetcher;

  useEffect(() => {
    // Typing that merely shows the chosen officer's label is not a search.
    if (selected && debounced === labelOf(selected)) return;
    load(`/admin/users/officer-search?q=${encodeURIComponent(debounced)}`);
  }, [debounced, selected, load]);

  const data = useMemo(() => {
    const found = fetcher.data?.officers ?? [];
    const options = found.map((o) => {
      const taken = o.userId !== null && o.userId !== userId;
      return {
        value: String(o.id),
        label: taken ? `${labelOf(o)} (đã liên kết với ${o.username})` : labelOf(o),
        disabled: taken,
      };
    });
    if (selected && !options.some((o) => o.value === String(selected.id))) {
      options.unshift({ value: String(selected.id), label: labelOf(selected), disabled: false });
    }
    return options;
  }, [fetcher.data, selected, userId]);

  return (
    <Select
      id={id}
      name={name}
      label="Cán bộ liên kết"
      description="Không bắt buộc. Gõ mã hoặc họ tên cán bộ để tìm; mỗi cán bộ chỉ liên kết với một tài khoản."
      placeholder="Tìm theo mã hoặc họ tên"
      searchable
      clearable
      value={value}
      onChange={(next, option) => {
        setValue(next);
        const officer = next ? fetcher.data?.officers.find((o) => String(o.id) === next) : undefined;
        setSelected(officer ? { id: officer.id, code: officer.code, name: officer.name } : next ? selected : null);
        setSearch(next ? option.label : "");
      }}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      // The server has already matched code and name (ignoring diacritics); do not filter again.
      filter={({ options }) => options}
      nothingFoundMessage={fetcher.state === "loading" ? "Đang tìm…" : "Không tìm thấy cán bộ"}
      error={error}
    />
  );
}
