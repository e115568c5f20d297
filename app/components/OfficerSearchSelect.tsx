import { Select, type SelectProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";

export type OfficerChoice = { id: number; code: string; name: string };

export const officerLabel = (o: OfficerChoice) => `${o.code} – ${o.name}`;

/**
 * An officer picker that searches on the server as the user types (a province has thousands of
 * officers, too many to send with the page). `searchUrl` answers `?q=` with `{ officers: [...] }`;
 * `describe` may relabel or disable an option (e.g. an officer already linked to another account).
 */
export function OfficerSearchSelect<T extends OfficerChoice>({
  searchUrl,
  initial,
  describe,
  ...props
}: Omit<SelectProps, "data" | "value" | "onChange" | "searchValue" | "onSearchChange" | "filter"> & {
  searchUrl: string;
  initial: OfficerChoice | null;
  describe?: (officer: T) => { label: string; disabled?: boolean };
}) {
  const fetcher = useFetcher<{ officers: T[] }>();
  const [value, setValue] = useState<string | null>(initial ? String(initial.id) : null);
  const [selected, setSelected] = useState<OfficerChoice | null>(initial);
  const [search, setSearch] = useState(initial ? officerLabel(initial) : "");
  const [debounced] = useDebouncedValue(search, 250);
  const { load } = fetcher;

  useEffect(() => {
    // The chosen officer's label in the box is not a search.
    if (selected && debounced === officerLabel(selected)) return;
    load(`${searchUrl}?q=${encodeURIComponent(debounced)}`);
  }, [debounced, selected, load, searchUrl]);

  const data = useMemo(() => {
    const options = (fetcher.data?.officers ?? []).map((o) => ({ value: String(o.id), ...(describe?.(o) ?? { label: officerLabel(o) }) }));
    if (selected && !options.some((o) => o.value === String(selected.id))) {
      options.unshift({ value: String(selected.id), label: officerLabel(selected), disabled: false });
    }
    return options;
  }, [fetcher.data, selected, describe]);

  return (
    <Select
      placeholder="Tìm theo mã hoặc họ tên"
      searchable
      clearable
      {...props}
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
    />
  );
}
