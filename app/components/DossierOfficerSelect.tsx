import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import type { loader as officerSearch } from "../routes/evidence.dossiers.officer-search.js";

export type OfficerChoice = { id: number; code: string; name: string };

const labelOf = (o: OfficerChoice) => `${o.code} – ${o.name}`;

/** The officer filter of the dossier list, searched on the server by code or name as the user types. */
export function DossierOfficerSelect({ name, initial, w }: { name: string; initial: OfficerChoice | null; w?: object }) {
  const fetcher = useFetcher<typeof officerSearch>();
  const [value, setValue] = useState<string | null>(initial ? String(initial.id) : null);
  const [selected, setSelected] = useState<OfficerChoice | null>(initial);
  const [search, setSearch] = useState(initial ? labelOf(initial) : "");
  const [debounced] = useDebouncedValue(search, 250);
  const { load } = fetcher;

  useEffect(() => {
    // The chosen officer's label in the box is not a search.
    if (selected && debounced === labelOf(selected)) return;
    load(`/evidence/dossiers/officer-search?q=${encodeURIComponent(debounced)}`);
  }, [debounced, selected, load]);

  const data = useMemo(() => {
    const options = (fetcher.data?.officers ?? []).map((o) => ({ value: String(o.id), label: labelOf(o) }));
    if (selected && !options.some((o) => o.value === String(selected.id))) options.unshift({ value: String(selected.id), label: labelOf(selected) });
    return options;
  }, [fetcher.data, selected]);

  return (
    <Select
      name={name}
      label="Cán bộ xử lý"
      placeholder="Tìm theo mã hoặc họ tên"
      searchable
      clearable
      value={value}
      onChange={(next, option) => {
        setValue(next);
        const officer = next ? fetcher.data?.officers.find((o) => String(o.id) === next) : undefined;
        setSelected(officer ?? (next ? selected : null));
        setSearch(next ? option.label : "");
      }}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      // The server has already matched code and name (ignoring diacritics); do not filter again.
      filter={({ options }) => options}
      nothingFoundMessage={fetcher.state === "loading" ? "Đang tìm…" : "Không tìm thấy cán bộ"}
      w={w}
    />
  );
}
