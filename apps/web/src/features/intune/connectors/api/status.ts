// The status the Certificate connectors blade shows (rules-reference.md C.3): versions before 6.2101.13.0 are
// deprecated (Error); connectors before 6.2109.51.0 are unsupported (Warning); a check-in older than a day is a
// Warning ("Last sync date is not updated for more than 1 day."); a legacy connector reports its state.
import type { ConnectorRow } from "@/features/intune/connectors/api/connectors";

export type ConnectorStatus = { label: "Active" | "Warning" | "Error" | "Inactive"; reason: string };

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(".").map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const DAY = 86_400_000;

export function connectorStatus(c: ConnectorRow, now = Date.now()): ConnectorStatus {
  if (c.generation === "legacy" && c.legacyState === "inactive") return { label: "Inactive", reason: "The connector reports inactive." };
  if (/^\d/.test(c.version) && compareVersions(c.version, "6.2101.13.0") < 0)
    return { label: "Error", reason: `Version ${c.version} is deprecated (before 6.2101.13.0).` };
  const last = Date.parse(c.lastCheckin);
  if (Number.isFinite(last) && now - last > DAY) return { label: "Warning", reason: "Last sync date is not updated for more than 1 day." };
  if (/^\d/.test(c.version) && compareVersions(c.version, "6.2109.51.0") < 0)
    return { label: "Warning", reason: `Version ${c.version} is out of support; update the connector.` };
  return { label: "Active", reason: "Checked in within the last day." };
}
