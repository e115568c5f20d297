import { useCallback } from "react";
import { officerLabel, OfficerSearchSelect, type OfficerChoice } from "./OfficerSearchSelect.js";

export type OfficerOption = OfficerChoice;

type Found = OfficerChoice & { userId: string | null; username: string | null };

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
  const describe = useCallback(
    (o: Found) => {
      const taken = o.userId !== null && o.userId !== userId;
      return { label: taken ? `${officerLabel(o)} (đã liên kết với ${o.username})` : officerLabel(o), disabled: taken };
    },
    [userId],
  );
  return (
    <OfficerSearchSelect<Found>
      id={id}
      name={name}
      label="Cán bộ liên kết"
      description="Không bắt buộc. Gõ mã hoặc họ tên cán bộ để tìm; mỗi cán bộ chỉ liên kết với một tài khoản."
      searchUrl="/admin/users/officer-search"
      initial={initial}
      describe={describe}
      error={error}
    />
  );
}
