// The Create device form: which fields a platform shows and the client-side check before POST. Provisional until
// packages/domain/src/devices (ZDeviceCreate, brief devices-api) lands; then both come from there.
import type { TPlatform } from "@certlab/domain/intune/profile-types";
import type { DeviceCreateBody } from "@/features/intune/devices/api/devices";

export type DeviceField = "deviceName" | "platform" | "userId" | "osVersion" | "serialNumber" | "imei" | "meid" | "encrypted" | "passcodeSet";

export type PlatformFields = { imei: boolean; meid: boolean; android: boolean; osVersionHint: string };

const ANDROID: readonly TPlatform[] = ["androidDeviceOwner", "androidWorkProfile", "aosp"];

export function deviceFieldsFor(platform: TPlatform): PlatformFields {
  const android = ANDROID.includes(platform);
  const phone = platform === "iOS" || android;
  const hint: Record<TPlatform, string> = {
    iOS: "For example 18.1",
    macOS: "For example 15.1",
    windows: "For example 10.0.26100.2314",
    androidDeviceOwner: "For example 15",
    androidWorkProfile: "For example 15",
    aosp: "For example 12",
  };
  return { imei: phone, meid: phone, android, osVersionHint: hint[platform] };
}

export function validateDevice(body: DeviceCreateBody): Partial<Record<DeviceField, string>> {
  const out: Partial<Record<DeviceField, string>> = {};
  if (!body.deviceName) out.deviceName = "Enter a device name.";
  else if (body.deviceName.length > 64) out.deviceName = "A device name has at most 64 characters.";
  else if (!/^[A-Za-z0-9._-]+$/.test(body.deviceName)) out.deviceName = "Letters, digits, '.', '_' and '-' only.";
  if (!body.userId) out.userId = "Pick the device's primary user.";
  if (body.imei && !/^\d{15}$/.test(body.imei)) out.imei = "An IMEI has 15 digits.";
  if (body.meid && !/^[0-9A-Fa-f]{14}$/.test(body.meid)) out.meid = "A MEID has 14 hexadecimal digits.";
  return out;
}
