// The device conditions of catalogue A.11 (and A.6's co-management workload and iOS/macOS 4096-bit keys): the
// seeds' tenant done right, with Adele's devices enrolled, then one device or one profile broken at a time.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../engine";
import type { Rule } from "../../types";
import type { TenantSnapshot } from "../../snapshot";
import { ALL_RULES } from "../../catalogue";
import {
  allDevicesTarget,
  correctTenant,
  exclusionTarget,
  groupId,
  groupTarget,
  profile,
  scepProfile,
  SCEP_PROFILE_ID,
  withIntune,
} from "../../../intune/testing";
import { testId } from "../../testing";
import type { SnapManagedDevice } from "../../../intune/snapshot";
import type { TPlatform } from "../../../intune/profile-types";
import { PROF_KEYSIZE_4096_UNSUPPORTED } from "../scep/keys";
import {
  DEV_ANDROID_ENTERPRISE_PIN,
  DEV_IOS_MULTIPLE_CERTS,
  DEV_PLATFORM_NOT_SUPPORTED,
  DEV_WINDOWS_KSP_TPM_ABSENT,
  PROF_COMANAGED_WORKLOAD,
} from "./devices";

const DEVICE_RULES = [DEV_ANDROID_ENTERPRISE_PIN, DEV_PLATFORM_NOT_SUPPORTED, DEV_IOS_MULTIPLE_CERTS, DEV_WINDOWS_KSP_TPM_ABSENT, PROF_COMANAGED_WORKLOAD, PROF_KEYSIZE_4096_UNSUPPORTED];
const messages = (t: TenantSnapshot, rule: Rule) => evaluate(t, [rule]).map((f) => f.message);
const adeleId = (t: TenantSnapshot) => t.directory.users.find((u) => u.userPrincipalName.startsWith("adele@"))!.id;

/** Adele's iPhone, healthy. */
const IPHONE = (userId: string): SnapManagedDevice => ({ id: testId(0x300), deviceName: "Adele-iPhone", platform: "iOS", osVersion: "17.4", azureADDeviceId: testId(0x310), userId });

/** correctTenant() with Adele's devices, and (optionally) the SCEP profile moved to another platform. */
function withDevices(devices: (userId: string) => Partial<SnapManagedDevice>[], opts: { platform?: TPlatform; settings?: Record<string, unknown> } = {}): TenantSnapshot {
  const t = correctTenant();
  const userId = adeleId(t);
  return withIntune(t, (i) => {
    if (opts.platform || opts.settings) {
      const p = profile(i, SCEP_PROFILE_ID);
      Object.assign(p, scepProfile(opts.platform ?? "iOS", { displayName: `SCEP - ${opts.platform ?? "iOS"}`, settings: opts.settings }));
    }
    i.managedDevices = devices(userId).map((d, n) => ({ id: testId(0x300 + n), deviceName: `device-${n}`, platform: "iOS", osVersion: "17.4", userId, ...d }));
  });
}

describe("the device rules without managed devices", () => {
  it("are silent when the snapshot models no devices, even for a 4096-bit iOS profile (only Windows TPM is known then)", () => {
    expect(evaluate(correctTenant(), DEVICE_RULES)).toEqual([]);
    const t = withIntune(correctTenant(), (i) => (profile(i, SCEP_PROFILE_ID).settings.keySize = "size4096"));
    expect(evaluate(t, DEVICE_RULES)).toEqual([]);
  });
  it("find no error or warning, with every other rule, when Adele's healthy iPhone receives the iOS profile", () => {
    const t = withDevices((u) => [IPHONE(u)]);
    expect(evaluate(t, ALL_RULES).filter((f) => f.severity !== "info")).toEqual([]);
    expect(evaluate(t, DEVICE_RULES)).toEqual([]);
  });
});

describe("DEV_ANDROID_ENTERPRISE_PIN: full-disk encryption needs a device PIN before SCEP provisions", () => {
  it("fires for an Android 9 work-profile phone with full-disk encryption and no PIN", () => {
    const t = withDevices(() => [{ deviceName: "Adele-Pixel3", platform: "androidWorkProfile", osVersion: "9", encryption: "fullDisk", pinSet: false }], { platform: "androidWorkProfile" });
    expect(evaluate(t, [DEV_ANDROID_ENTERPRISE_PIN])).toMatchObject([{ severity: "error" }]);
    expect(messages(t, DEV_ANDROID_ENTERPRISE_PIN)).toEqual([
      "Device 'Adele-Pixel3' (Android 9) has full-disk encryption and no device PIN: SCEP profile 'SCEP - androidWorkProfile' " +
        "(Android Enterprise: Personally-Owned Work Profile SCEP certificate) won't provision a certificate until a PIN is set.",
    ]);
  });
  it("fires on Android 8.1 when Intune can't identify the encryption type", () => {
    const t = withDevices(() => [{ deviceName: "Kiosk-07", platform: "androidDeviceOwner", osVersion: "8.1.0", encryption: "unknown", pinSet: false }], { platform: "androidDeviceOwner" });
    expect(messages(t, DEV_ANDROID_ENTERPRISE_PIN)[0]).toContain("has an encryption type Intune can't identify (full-disk on Android 8)");
  });
  it("is quiet for Android 13 with OEM-installed file-based encryption (\"won't require a PIN\"), and once a PIN is set", () => {
    const fbe = withDevices(() => [{ platform: "androidWorkProfile", osVersion: "13", encryption: "fileBased", pinSet: false }], { platform: "androidWorkProfile" });
    expect(messages(fbe, DEV_ANDROID_ENTERPRISE_PIN)).toEqual([]);
    const pin = withDevices(() => [{ platform: "androidWorkProfile", osVersion: "9", encryption: "fullDisk", pinSet: true }], { platform: "androidWorkProfile" });
    expect(messages(pin, DEV_ANDROID_ENTERPRISE_PIN)).toEqual([]);
  });
});

describe("DEV_PLATFORM_NOT_SUPPORTED: the SCEP profile installs only on the platform you specified", () => {
  it("informs that a Windows 8.1 laptop doesn't install the Windows 10 and later profile", () => {
    const t = withDevices(() => [{ deviceName: "LAPTOP-81", platform: "windows", osVersion: "6.3.9600" }], { platform: "windows" });
    expect(evaluate(t, [DEV_PLATFORM_NOT_SUPPORTED])).toMatchObject([{ severity: "info" }]);
    expect(messages(t, DEV_PLATFORM_NOT_SUPPORTED)[0]).toContain("is assigned to 'LAPTOP-81' (Windows 6.3.9600), which run Windows 8.1 or earlier");
  });
  it("informs that an iOS profile reaching only Adele's Android phone installs nowhere", () => {
    const t = withDevices(() => [{ deviceName: "Adele-Pixel8", platform: "androidWorkProfile", osVersion: "14" }]);
    expect(messages(t, DEV_PLATFORM_NOT_SUPPORTED)[0]).toContain("none of them iOS/iPadOS (they run Android Enterprise: Personally-Owned Work Profile)");
  });
  it("is quiet for Windows 11 and for an iOS profile that reaches an iPhone", () => {
    expect(messages(withDevices(() => [{ platform: "windows", osVersion: "10.0.22631.3296" }], { platform: "windows" }), DEV_PLATFORM_NOT_SUPPORTED)).toEqual([]);
    expect(messages(withDevices((u) => [IPHONE(u), { platform: "androidWorkProfile", osVersion: "14" }]), DEV_PLATFORM_NOT_SUPPORTED)).toEqual([]);
  });
});

describe("DEV_IOS_MULTIPLE_CERTS: the device receives a certificate for each SCEP profile", () => {
  const withWifiProfile = (t: TenantSnapshot) =>
    withIntune(t, (i) => {
      i.profiles.push(scepProfile("iOS", { id: testId(0x102), displayName: "SCEP - iOS Wi-Fi" }));
      i.assignments.push({ profileId: testId(0x102), target: groupTarget(groupId(t, "SCEP users")) });
    });
  it("informs when Adele's iPhone receives the VPN and the Wi-Fi SCEP profiles", () => {
    const t = withWifiProfile(withDevices((u) => [IPHONE(u)]));
    expect(evaluate(t, [DEV_IOS_MULTIPLE_CERTS])).toMatchObject([{ severity: "info" }]);
    expect(messages(t, DEV_IOS_MULTIPLE_CERTS)).toEqual([
      "Device 'Adele-iPhone' (iOS/iPadOS 17.4) receives 2 SCEP profiles ('SCEP - iOS' (iOS/iPadOS SCEP certificate), " +
        "'SCEP - iOS Wi-Fi' (iOS/iPadOS SCEP certificate)) and gets a certificate for each.",
    ]);
  });
  it("is quiet with one profile, and when the iPhone is excluded from the second", () => {
    expect(messages(withDevices((u) => [IPHONE(u)]), DEV_IOS_MULTIPLE_CERTS)).toEqual([]);
    const t = withWifiProfile(withDevices((u) => [IPHONE(u)]));
    const excluded = withIntune(
      { ...t, directory: { ...t.directory, groups: [...t.directory.groups, { id: testId(0x400), displayName: "Kiosk iPhones" }], groupMembers: [...t.directory.groupMembers, { groupId: testId(0x400), memberId: testId(0x310) }] } },
      (i) => i.assignments.push({ profileId: testId(0x102), target: exclusionTarget(testId(0x400)) }),
    );
    expect(messages(excluded, DEV_IOS_MULTIPLE_CERTS)).toEqual([]);
  });
});

describe("DEV_WINDOWS_KSP_TPM_ABSENT: \"Enroll to Trusted Platform Module (TPM) KSP, otherwise fail\" on a device without TPM", () => {
  const tpmOrFail = { certificateStore: "machine", keyStorageProvider: "useTpmKspOtherwiseFail" };
  it("fires for a VM without TPM that receives the profile through All devices", () => {
    const t = withIntune(withDevices(() => [{ deviceName: "VM-TEST01", platform: "windows", osVersion: "10.0.19045.4170", hasTpm: false, userId: null }], { platform: "windows", settings: tpmOrFail }), (i) =>
      i.assignments.push({ profileId: SCEP_PROFILE_ID, target: allDevicesTarget() }),
    );
    expect(evaluate(t, [DEV_WINDOWS_KSP_TPM_ABSENT])).toMatchObject([{ severity: "error" }]);
    expect(messages(t, DEV_WINDOWS_KSP_TPM_ABSENT)[0]).toContain("'VM-TEST01' (Windows 10.0.19045.4170) has no TPM");
  });
  it("is quiet with a TPM, and with \"…if present, otherwise Software KSP\"", () => {
    expect(messages(withDevices(() => [{ platform: "windows", osVersion: "10.0.22631.3296", hasTpm: true }], { platform: "windows", settings: tpmOrFail }), DEV_WINDOWS_KSP_TPM_ABSENT)).toEqual([]);
    const soft = { certificateStore: "machine", keyStorageProvider: "useTpmKspOtherwiseUseSoftwareKsp" };
    expect(messages(withDevices(() => [{ platform: "windows", osVersion: "10.0.22631.3296", hasTpm: false }], { platform: "windows", settings: soft }), DEV_WINDOWS_KSP_TPM_ABSENT)).toEqual([]);
  });
});

describe("PROF_COMANAGED_WORKLOAD: co-managed Windows needs the Resource access workload in Intune", () => {
  it("warns when a co-managed laptop keeps Resource access in Configuration Manager", () => {
    const t = withDevices(() => [{ deviceName: "CONTOSO-LT042", platform: "windows", osVersion: "10.0.22631.3296", coManaged: true, resourceAccessWorkload: "configurationManager" }], { platform: "windows" });
    expect(evaluate(t, [PROF_COMANAGED_WORKLOAD])).toMatchObject([{ severity: "warning" }]);
    expect(messages(t, PROF_COMANAGED_WORKLOAD)[0]).toContain("co-managed 'CONTOSO-LT042' (Windows 10.0.22631.3296), whose Resource access workload is Configuration Manager");
  });
  it("is quiet with the slider at Pilot Intune or Intune", () => {
    for (const w of ["pilotIntune", "intune"] as const)
      expect(messages(withDevices(() => [{ platform: "windows", osVersion: "10.0.22631.3296", coManaged: true, resourceAccessWorkload: w }], { platform: "windows" }), PROF_COMANAGED_WORKLOAD)).toEqual([]);
  });
});

describe("PROF_KEYSIZE_4096_UNSUPPORTED on Apple devices: 4096 bits needs iOS/iPadOS 14 and macOS 11", () => {
  it("fires for an iPad still on iOS 13.7 that receives a 4096-bit profile", () => {
    const t = withDevices(() => [{ deviceName: "Adele-iPad", platform: "iOS", osVersion: "13.7" }], { settings: { keySize: "size4096" } });
    expect(messages(t, PROF_KEYSIZE_4096_UNSUPPORTED)).toEqual([
      "SCEP profile 'SCEP - iOS' (iOS/iPadOS SCEP certificate) asks for a 4096-bit key; 'Adele-iPad' (iOS/iPadOS 13.7) runs a version older than iOS/iPadOS 14.",
    ]);
  });
  it("fires for a Mac on macOS 10.15.7, quiet on macOS 14.4", () => {
    const mac = (v: string) => withDevices(() => [{ deviceName: "Adele-MBP", platform: "macOS", osVersion: v }], { platform: "macOS", settings: { keySize: "size4096" } });
    expect(messages(mac("10.15.7"), PROF_KEYSIZE_4096_UNSUPPORTED)[0]).toContain("'Adele-MBP' (macOS 10.15.7) runs a version older than macOS 11");
    expect(messages(mac("14.4"), PROF_KEYSIZE_4096_UNSUPPORTED)).toEqual([]);
  });
  it("is quiet for an iPhone on iOS 17.4, and for iOS 13.7 with 2048 bits", () => {
    expect(messages(withDevices((u) => [IPHONE(u)], { settings: { keySize: "size4096" } }), PROF_KEYSIZE_4096_UNSUPPORTED)).toEqual([]);
    expect(messages(withDevices(() => [{ platform: "iOS", osVersion: "13.7" }]), PROF_KEYSIZE_4096_UNSUPPORTED)).toEqual([]);
  });
});
