// The Create device form: which fields a platform shows and the check before POST, both from
// packages/domain/src/devices (ZDeviceCreate, IMEI/MEID platforms, enrollment types, default OS version), the same
// schema the API validates with.
import { DEFAULT_OS_VERSION, ENROLLMENT_TYPES, IMEI_PLATFORMS, MEID_PLATFORMS, USERLESS_ENROLLMENT_TYPES, ZDeviceCreate, type TDeviceCreate } from "@certlab/domain/devices/devices";
import type { TPlatform } from "@certlab/domain/intune/profile-types";
import type { ManagedDeviceEnrollmentType } from "@certlab/domain/intune/snapshot";

export type DeviceField = keyof TDeviceCreate;

export type PlatformFields = {
  imei: boolean;
  meid: boolean;
  android: boolean;
  osVersionHint: string;
  enrollmentTypes: readonly ManagedDeviceEnrollmentType[];
};

/** The platforms whose devices report encryption and a PIN for seed 002's Android requirement. */
const ANDROID: ReadonlySet<TPlatform> = new Set(["androidDeviceOwner", "androidWorkProfile", "aosp"]);

export function deviceFieldsFor(platform: TPlatform): PlatformFields {
  return {
    imei: IMEI_PLATFORMS.has(platform),
    meid: MEID_PLATFORMS.has(platform),
    android: ANDROID.has(platform),
    osVersionHint: `Left empty: ${DEFAULT_OS_VERSION[platform]}`,
    enrollmentTypes: ENROLLMENT_TYPES[platform],
  };
}

export function isUserless(type: ManagedDeviceEnrollmentType): boolean {
  return USERLESS_ENROLLMENT_TYPES.has(type);
}

/** "androidEnterpriseFullyManaged" → "Android Enterprise fully managed" (the Graph names, spaced out). */
export function enrollmentTypeLabel(type: string): string {
  const words = type.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/\bAOSP\b/i, "AOSP").split(" ");
  return words.map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : /^(Android|Enterprise|Windows|Apple|AOSP)$/i.test(w) ? w[0]!.toUpperCase() + w.slice(1) : w.toLowerCase())).join(" ");
}

/** ZDeviceCreate's problems by field: the first message of each. */
export function validateDevice(body: unknown): Partial<Record<DeviceField, string>> {
  const parsed = ZDeviceCreate.safeParse(body);
  if (parsed.success) return {};
  const out: Partial<Record<DeviceField, string>> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "deviceName") as DeviceField;
    out[key] ??= issue.message;
  }
  return out;
}
