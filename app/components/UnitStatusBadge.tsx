import { Badge } from "@mantine/core";
import { formatIsoDate } from "../domain/format.js";
import { unitStatusOn, type Period } from "../domain/units.js";

/** "Đã giải thể/sáp nhập từ …" or "Chưa có hiệu lực"; nothing for a unit in force today. */
// Sentence case, and allowed to wrap: Mantine's default badge is upper case and cuts long labels off.
const BADGE = { tt: "none", styles: { root: { height: "auto", maxWidth: "100%" }, label: { whiteSpace: "normal", overflow: "visible" } } } as const;

export function UnitStatusBadge({ period, today, size = "sm" }: { period: Period; today: string; size?: "xs" | "sm" | "md" }) {
  const status = unitStatusOn(period, today);
  if (status.state === "abolished") {
    return (
      <Badge color="gray.7" variant="light" size={size} {...BADGE} data-testid="unit-abolished">
        Đã giải thể/sáp nhập từ {formatIsoDate(status.since)}
      </Badge>
    );
  }
  if (status.state === "not_yet") {
    return (
      <Badge color="yellow.9" variant="light" size={size} {...BADGE}>
        Có hiệu lực từ {formatIsoDate(status.from)}
      </Badge>
    );
  }
  return null;
}
