// How the device pages show Intune's statuses and the trace's hop outcomes: the same colours as the health pictures
// (shared/lib/health), so red means "breaks enrollment" everywhere.
import { HEALTH_LOOK, type HealthLook } from "@/shared/lib/health";
import type { HopOutcome, IntuneStatus } from "@/features/intune/devices/api/devices";

export const HOP_LOOK: Record<HopOutcome, HealthLook> = {
  ok: { ...HEALTH_LOOK.ok, label: "OK" },
  failed: { ...HEALTH_LOOK.error, label: "Failed" },
  skipped: { ...HEALTH_LOOK.info, label: "Not reached" },
};

export const STATUS_LOOK: Record<IntuneStatus, HealthLook> = {
  Succeeded: HEALTH_LOOK.ok,
  Error: HEALTH_LOOK.error,
  Pending: HEALTH_LOOK.warning,
  "Not applicable": HEALTH_LOOK.info,
};

export function statusOf(text: string): IntuneStatus | null {
  return text in STATUS_LOOK ? (text as IntuneStatus) : null;
}

/** Graph managedDevice.managedDeviceOwnerType → the portal's Ownership column. */
export function ownerText(value: string | undefined): string {
  if (value === "company") return "Corporate";
  if (value === "personal") return "Personal";
  return "Unknown";
}

/** Graph managedDevice.complianceState → the portal's Compliance column. */
export function complianceText(value: string | undefined): string {
  const words: Record<string, string> = {
    compliant: "Compliant",
    noncompliant: "Not compliant",
    conflict: "Conflict",
    error: "Error",
    inGracePeriod: "In grace period",
    configManager: "See ConfigMgr",
    unknown: "Not evaluated",
  };
  return words[value ?? "unknown"] ?? value ?? "Not evaluated";
}
