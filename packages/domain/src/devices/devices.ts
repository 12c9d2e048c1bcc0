// Simulated Intune managed devices (issue 10 part 1): what an admin enters to enroll one (platform and enrollment
// type of the six SCEP platforms, OS version, name, serial, IMEI/MEID where the platform has one, primary user,
// device groups, and for Android the encryption/PIN state seed 002 requires, 002_823a4c777ce30773.txt), the Graph
// managedDevice shape it is served in, and which trusted-root and SCEP profiles reach it (assignments with
// exclusions, All users, All devices; platform applicability, "The SCEP certificate profile installs only on
// devices that run the platform you specified", S5).
import { z } from "zod";
import { ZGuid } from "../schemas/common";
import { PLATFORMS, SCEP_TYPES, isAndroidPlatform, isScepType, isTrustedRootType, platformOf, type TPlatform } from "../intune/profile-types";
import { buildIntuneIndex, type ManagedDeviceEnrollmentType, type ScepContext, type SnapManagedDevice, type SnapProfile } from "../intune/snapshot";
import { deviceIndex, isUnsupportedWindows } from "../rules/intune/devices/device-context";
import { buildIndex, type TenantSnapshot } from "../rules/snapshot";
import { ALL_DEVICES_ID, ALL_USERS_ID, targetGroupId, targetKind } from "../intune/assignments";

/** The six platforms Intune's SCEP profiles target (SCEP_TYPES). */
export const DEVICE_PLATFORMS = PLATFORMS;
export type TDevicePlatform = TPlatform;

/** How each platform enrolls (the first is the default: what an admin gets without choosing). */
export const ENROLLMENT_TYPES: Readonly<Record<TPlatform, readonly ManagedDeviceEnrollmentType[]>> = {
  iOS: ["appleDeviceEnrollment", "appleAutomatedDeviceEnrollment", "appleUserEnrollment"],
  macOS: ["appleDeviceEnrollment", "appleAutomatedDeviceEnrollment"],
  windows: ["windowsAutoEnrollment", "windowsCoManagement", "windowsBulkEnrollment"],
  androidDeviceOwner: ["androidEnterpriseFullyManaged", "androidEnterpriseDedicated", "androidEnterpriseCorporateWorkProfile"],
  androidWorkProfile: ["androidEnterpriseWorkProfile"],
  aosp: ["aospUserAssociated", "aospUserless"],
};
export const ALL_ENROLLMENT_TYPES = [...new Set(Object.values(ENROLLMENT_TYPES).flat())] as [ManagedDeviceEnrollmentType, ...ManagedDeviceEnrollmentType[]];

/** Enrollment types without a primary user (user variables in a profile can't resolve on them). */
export const USERLESS_ENROLLMENT_TYPES: ReadonlySet<ManagedDeviceEnrollmentType> = new Set(["androidEnterpriseDedicated", "aospUserless", "windowsBulkEnrollment"]);

/** Platforms whose hardware reports an IMEI / MEID to Intune (cellular radios); macOS has neither. */
export const IMEI_PLATFORMS: ReadonlySet<TPlatform> = new Set(["iOS", "windows", "androidDeviceOwner", "androidWorkProfile", "aosp"]);
export const MEID_PLATFORMS: ReadonlySet<TPlatform> = new Set(["iOS", "androidDeviceOwner", "androidWorkProfile", "aosp"]);

/** The OS version a new device reports when none is given. */
export const DEFAULT_OS_VERSION: Readonly<Record<TPlatform, string>> = {
  iOS: "17.5.1",
  macOS: "14.5",
  windows: "10.0.22631.3593",
  androidDeviceOwner: "14",
  androidWorkProfile: "14",
  aosp: "12",
};

export const DEVICE_MANUFACTURER: Readonly<Record<TPlatform, { manufacturer: string; model: string }>> = {
  iOS: { manufacturer: "Apple", model: "iPhone 15" },
  macOS: { manufacturer: "Apple", model: "MacBook Pro" },
  windows: { manufacturer: "Microsoft Corporation", model: "Surface Laptop 5" },
  androidDeviceOwner: { manufacturer: "Google", model: "Pixel 8" },
  androidWorkProfile: { manufacturer: "samsung", model: "SM-S921B" },
  aosp: { manufacturer: "RealWear", model: "Navigator 500" },
};

/** Luhn check of a 15-digit IMEI (its last digit is the check digit). */
export function isValidImei(imei: string): boolean {
  if (!/^\d{15}$/.test(imei)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let d = Number(imei[14 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const noControl = (s: string) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** POST /api/intune/devices. */
export const ZDeviceCreate = z
  .strictObject({
    deviceName: z.string().trim().min(1, "deviceName is required").max(64, "deviceName is at most 64 characters").refine(noControl, "deviceName contains control characters"),
    platform: z.enum(DEVICE_PLATFORMS, { error: `platform must be one of ${DEVICE_PLATFORMS.join(", ")}` }),
    /** The primary user; omitted or null only for a userless enrollment type. */
    userId: ZGuid.nullable().optional(),
    osVersion: z.string().trim().regex(/^\d{1,5}(\.\d{1,6}){0,3}$/, "osVersion is a version like 17.5 or 10.0.22631.3593").optional(),
    serialNumber: z.string().trim().regex(/^[A-Za-z0-9-]{1,64}$/, "serialNumber is 1–64 letters, digits or '-'").optional(),
    imei: z.string().trim().refine(isValidImei, "imei is 15 digits with a valid check digit").optional(),
    meid: z.string().trim().regex(/^[0-9A-Fa-f]{14}$/, "meid is 14 hexadecimal characters").optional(),
    enrollmentType: z.enum(ALL_ENROLLMENT_TYPES).optional(),
    /** Device groups the device is a member of (directory group ids). */
    groupIds: z.array(ZGuid).max(50).optional(),
    encrypted: z.boolean().optional(),
    /** Android: full-disk (FDE, Android ≤ 9 typically) or file-based (FBE) encryption. */
    encryptionType: z.enum(["fullDisk", "fileBased"]).optional(),
    passcodeSet: z.boolean().optional(),
    /** Windows: a TPM is present (KSP "Enroll to TPM KSP, otherwise fail"). */
    hasTpm: z.boolean().optional(),
  })
  .superRefine((d, ctx) => {
    const type = d.enrollmentType;
    if (type && !ENROLLMENT_TYPES[d.platform].includes(type))
      ctx.addIssue({ code: "custom", path: ["enrollmentType"], message: `enrollmentType ${type} is not one of ${d.platform}'s: ${ENROLLMENT_TYPES[d.platform].join(", ")}` });
    const userless = USERLESS_ENROLLMENT_TYPES.has(type ?? ENROLLMENT_TYPES[d.platform][0]!);
    if (!userless && !d.userId) ctx.addIssue({ code: "custom", path: ["userId"], message: "userId (the primary user) is required for this enrollment type" });
    if (userless && d.userId) ctx.addIssue({ code: "custom", path: ["userId"], message: `a ${type} device has no primary user` });
    if (d.imei !== undefined && !IMEI_PLATFORMS.has(d.platform)) ctx.addIssue({ code: "custom", path: ["imei"], message: `${d.platform} devices have no IMEI` });
    if (d.meid !== undefined && !MEID_PLATFORMS.has(d.platform)) ctx.addIssue({ code: "custom", path: ["meid"], message: `${d.platform} devices have no MEID` });
    if (d.encryptionType !== undefined && !isAndroidPlatform(d.platform))
      ctx.addIssue({ code: "custom", path: ["encryptionType"], message: "encryptionType is reported by Android devices only" });
    if (d.encryptionType !== undefined && d.encrypted === false)
      ctx.addIssue({ code: "custom", path: ["encryptionType"], message: "an unencrypted device has no encryption type" });
    if (d.hasTpm !== undefined && d.platform !== "windows") ctx.addIssue({ code: "custom", path: ["hasTpm"], message: "hasTpm is reported by Windows devices only" });
    if (d.groupIds && new Set(d.groupIds.map((g) => g.toLowerCase())).size !== d.groupIds.length)
      ctx.addIssue({ code: "custom", path: ["groupIds"], message: "a group appears more than once" });
  });
export type TDeviceCreate = z.output<typeof ZDeviceCreate>;

/** A stored device, as the API keeps it and the trace reads it. */
export type ManagedDeviceRecord = {
  id: string;
  deviceName: string;
  platform: TPlatform;
  userId: string | null;
  azureADDeviceId: string;
  osVersion: string;
  serialNumber: string | null;
  imei: string | null;
  meid: string | null;
  enrollmentType: ManagedDeviceEnrollmentType;
  groupIds: string[];
  isEncrypted: boolean;
  encryptionType: "fullDisk" | "fileBased" | null;
  passcodeSet: boolean;
  hasTpm: boolean | null;
  enrolledDateTime: string;
  lastSyncDateTime: string | null;
};

/** Defaults for what the admin left out (a generated serial number, encryption and PIN on). */
export function deviceRecordFromCreate(input: TDeviceCreate, ids: { id: string; azureADDeviceId: string; serialNumber: string; now: string }): ManagedDeviceRecord {
  const enrollmentType = input.enrollmentType ?? ENROLLMENT_TYPES[input.platform][0]!;
  return {
    id: ids.id,
    deviceName: input.deviceName,
    platform: input.platform,
    userId: input.userId ?? null,
    azureADDeviceId: ids.azureADDeviceId,
    osVersion: input.osVersion ?? DEFAULT_OS_VERSION[input.platform],
    serialNumber: input.serialNumber ?? ids.serialNumber,
    imei: input.imei ?? null,
    meid: input.meid ? input.meid.toUpperCase() : null,
    enrollmentType,
    groupIds: (input.groupIds ?? []).map((g) => g.toLowerCase()),
    isEncrypted: input.encrypted ?? true,
    encryptionType: input.encryptionType ?? null,
    passcodeSet: input.passcodeSet ?? true,
    hasTpm: input.platform === "windows" ? (input.hasTpm ?? true) : null,
    enrolledDateTime: ids.now,
    lastSyncDateTime: null,
  };
}

/** The device as the rule engine's device conditions (catalogue A.11) see it. */
export function snapDeviceOf(d: ManagedDeviceRecord): SnapManagedDevice {
  return {
    id: d.id,
    deviceName: d.deviceName,
    platform: d.platform,
    osVersion: d.osVersion,
    azureADDeviceId: d.azureADDeviceId,
    userId: d.userId,
    groupIds: d.groupIds,
    enrollmentType: d.enrollmentType,
    ...(d.hasTpm !== null ? { hasTpm: d.hasTpm } : {}),
    pinSet: d.passcodeSet,
    ...(isAndroidPlatform(d.platform) ? { encryption: !d.isEncrypted ? ("none" as const) : (d.encryptionType ?? ("unknown" as const)) } : {}),
    ...(d.enrollmentType === "windowsCoManagement" ? { coManaged: true } : {}),
  };
}

/** The snapshot with these devices as its Intune managed devices (replacing any with the same id). */
export function withManagedDevices(snapshot: TenantSnapshot, devices: readonly ManagedDeviceRecord[]): TenantSnapshot {
  if (!snapshot.intune) return snapshot;
  const ids = new Set(devices.map((d) => d.id));
  const others = (snapshot.intune.managedDevices ?? []).filter((d) => !ids.has(d.id));
  return { ...snapshot, intune: { ...snapshot.intune, managedDevices: [...others, ...devices.map(snapDeviceOf)] } };
}

// ------------------------------------------------------------------------------------------ Graph managedDevice

/** Graph deviceEnrollmentType for each of Certlab's enrollment types (graph managedDevice.deviceEnrollmentType). */
export const GRAPH_ENROLLMENT_TYPE: Readonly<Record<ManagedDeviceEnrollmentType, string>> = {
  appleDeviceEnrollment: "userEnrollment",
  appleAutomatedDeviceEnrollment: "appleBulkWithUser",
  appleUserEnrollment: "appleUserEnrollment",
  windowsAutoEnrollment: "windowsAutoEnrollment",
  windowsCoManagement: "windowsCoManagement",
  windowsBulkEnrollment: "windowsBulkUserless",
  androidEnterpriseFullyManaged: "androidEnterpriseFullyManaged",
  androidEnterpriseDedicated: "androidEnterpriseDedicatedDevice",
  androidEnterpriseCorporateWorkProfile: "androidEnterpriseCorporateWorkProfile",
  androidEnterpriseWorkProfile: "userEnrollment",
  androidDeviceAdministrator: "userEnrollment",
  aospUserAssociated: "androidAOSPUserOwnedDeviceEnrollment",
  aospUserless: "androidAOSPUserlessDeviceEnrollment",
};

const PERSONAL: ReadonlySet<ManagedDeviceEnrollmentType> = new Set(["appleDeviceEnrollment", "appleUserEnrollment", "androidEnterpriseWorkProfile", "androidDeviceAdministrator"]);

export const OPERATING_SYSTEM: Readonly<Record<TPlatform, string>> = {
  iOS: "iOS",
  macOS: "macOS",
  windows: "Windows",
  androidDeviceOwner: "Android",
  androidWorkProfile: "Android",
  aosp: "Android",
};

/** Intune's generated name: "<user alias>_<OS>_<M/D/YYYY>_<h:mm AM|PM>" (UTC), as the device list shows it. */
export function managedDeviceName(d: Pick<ManagedDeviceRecord, "platform" | "enrolledDateTime">, upn?: string): string {
  const t = new Date(d.enrolledDateTime);
  const h = t.getUTCHours();
  const time = `${h % 12 || 12}:${String(t.getUTCMinutes()).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
  return `${upn ? upn.split("@")[0] : "Userless"}_${OPERATING_SYSTEM[d.platform]}_${t.getUTCMonth() + 1}/${t.getUTCDate()}/${t.getUTCFullYear()}_${time}`;
}

/** Graph's managedDevice (v1.0 / beta property names) for a stored device and its primary user. */
export function toManagedDevice(d: ManagedDeviceRecord, user?: { userPrincipalName: string; displayName: string; mail?: string | null } | null): Record<string, unknown> {
  const hw = DEVICE_MANUFACTURER[d.platform];
  return {
    "@odata.type": "#microsoft.graph.managedDevice",
    id: d.id,
    userId: d.userId,
    deviceName: d.deviceName,
    managedDeviceName: managedDeviceName(d, user?.userPrincipalName),
    managedDeviceOwnerType: PERSONAL.has(d.enrollmentType) ? "personal" : "company",
    enrolledDateTime: d.enrolledDateTime,
    lastSyncDateTime: d.lastSyncDateTime ?? d.enrolledDateTime,
    operatingSystem: OPERATING_SYSTEM[d.platform],
    osVersion: d.osVersion,
    complianceState: "unknown",
    jailBroken: d.platform === "iOS" ? "False" : "Unknown",
    managementAgent: d.enrollmentType === "windowsCoManagement" ? "configurationManagerClientMdm" : "mdm",
    azureADRegistered: true,
    azureADDeviceId: d.azureADDeviceId,
    deviceEnrollmentType: GRAPH_ENROLLMENT_TYPE[d.enrollmentType],
    deviceRegistrationState: "registered",
    emailAddress: user ? (user.mail ?? user.userPrincipalName) : "",
    userPrincipalName: user?.userPrincipalName ?? "",
    userDisplayName: user?.displayName ?? "",
    isEncrypted: d.isEncrypted,
    isSupervised: d.enrollmentType === "appleAutomatedDeviceEnrollment",
    model: hw.model,
    manufacturer: hw.manufacturer,
    serialNumber: d.serialNumber ?? "",
    imei: d.imei ?? "",
    meid: d.meid ?? "",
    phoneNumber: "",
    wiFiMacAddress: "",
    managementState: "managed",
    partnerReportedThreatState: "unknown",
    deviceCategoryDisplayName: "Unknown category",
  };
}

/** What Certlab's own API adds to the Graph shape: the platform as the profile catalogue names it (SCEP_TYPES' key),
 * the enrollment type, the device groups, and the Android encryption/PIN state seed 002 requires. */
export function deviceExtras(d: ManagedDeviceRecord): Record<string, unknown> {
  return { platform: d.platform, enrollmentType: d.enrollmentType, groupIds: d.groupIds, passcodeSet: d.passcodeSet, encryptionType: d.encryptionType, hasTpm: d.hasTpm };
}

// ------------------------------------------------------------------------------------------ applicability

export type ProfileOnDevice = {
  profileId: string;
  displayName: string;
  odataType: string;
  kind: "trustedCertificate" | "scepCertificate";
  platform: TPlatform;
  /** The profile installs on this device (its platform, a supported OS version). */
  applicable: boolean;
  /** Intune's status text for an inapplicable profile ("Not applicable") and why. */
  reason?: string;
  /** Which of the profile's included targets reached the device: "group 'Sales'", "All users", "All devices". */
  via: string[];
};

/**
 * The trusted-root and SCEP profiles whose assignments reach `device` or its primary user (included groups,
 * nested groups, All users, All devices, minus exclusion groups — the rules' device index, catalogue A.11), each
 * applicable or "Not applicable" for the device's platform. Profiles that don't reach the device are not listed
 * (Intune doesn't show them on the device either).
 */
export function profilesForDevice(snapshot: TenantSnapshot, device: ManagedDeviceRecord): ProfileOnDevice[] {
  if (!snapshot.intune) return [];
  const withDevice = withManagedDevices(snapshot, [device]);
  const directory = buildIndex(withDevice);
  const ix = buildIntuneIndex(withDevice.intune!, directory);
  const dx = deviceIndex(ix, directory);
  const me = dx.devices.find((d) => d.id === device.id)!;
  const out: ProfileOnDevice[] = [];
  for (const profile of withDevice.intune!.profiles) {
    const platform = platformOf(profile.odataType);
    if (!platform || !(isScepType(profile.odataType) || isTrustedRootType(profile.odataType))) continue;
    // The device index resolves a profile's assignments by its id alone, for either kind of profile.
    const context: ScepContext = ix.scep.find((c) => c.profile.id === profile.id) ?? ({ profile, odataType: SCEP_TYPES[platform], platform, settings: undefined, root: undefined } as unknown as ScepContext);
    if (!dx.reachedBy(context).some((d) => d.id === me.id)) continue;
    const via = includedTargetsReaching(ix, directory, profile, device);
    const kind = isScepType(profile.odataType) ? "scepCertificate" : "trustedCertificate";
    let reason: string | undefined;
    if (platform !== device.platform) reason = `Not applicable: the profile is for ${platform}; this device runs ${device.platform}.`;
    else if (isUnsupportedWindows(me)) reason = `Not applicable: Windows ${device.osVersion} is not Windows 10 or later (S5, S7).`;
    out.push({ profileId: profile.id, displayName: profile.displayName, odataType: profile.odataType, kind, platform, applicable: !reason, ...(reason ? { reason } : {}), via });
  }
  return out;
}

function includedTargetsReaching(
  ix: ReturnType<typeof buildIntuneIndex>,
  directory: ReturnType<typeof buildIndex>,
  profile: SnapProfile,
  device: ManagedDeviceRecord,
): string[] {
  const out: string[] = [];
  for (const { target } of ix.assignmentsOf(profile.id)) {
    const kind = targetKind(target);
    if (kind === "exclusionGroup" || !kind) continue;
    const g = targetGroupId(target);
    if (g === ALL_DEVICES_ID) out.push("All devices");
    else if (g === ALL_USERS_ID) {
      if (device.userId) out.push("All users");
    } else {
      const members = ix.groupMembers(g);
      const groupIds = new Set(device.groupIds);
      const nestedHit = [...groupIds].some((id) => id === g || (directory.membersOfGroup.get(g) ?? []).includes(id));
      if (members.has(device.id) || members.has(device.azureADDeviceId) || (device.userId && members.has(device.userId)) || nestedHit)
        out.push(ix.describeTarget(g));
    }
  }
  return out;
}

/** POST /api/intune/devices/{id}/scep-challenge: the SCEP profile a real client on this device enrolls for. */
export const ZDeviceScepChallengeCreate = z.strictObject({ profileId: ZGuid });

/** POST …/sync and Graph's syncDevice take no parameters: an empty body (or none). */
export const ZDeviceSync = z.strictObject({});
