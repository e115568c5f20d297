import { OfficerSearchSelect, type OfficerChoice } from "./OfficerSearchSelect.js";

export type { OfficerChoice };

/** The officer filter of the dossier list. */
export function DossierOfficerSelect({ name, initial, w }: { name: string; initial: OfficerChoice | null; w?: object }) {
  return <OfficerSearchSelect name={name} label="Cán bộ xử lý" searchUrl="/evidence/dossiers/officer-search" initial={initial} w={w} />;
}
