// The twelve certificate profile types Certlab serves (graph-reference.md §3, §4): six trusted certificate and six
// SCEP types, their platform, what the portal calls them, and exactly which properties each carries (§4.2).
// Note the casing of windows81SCEPCertificateProfile (upper-case SCEP) — the others are …ScepCertificateProfile.

export const PLATFORMS = ["iOS", "macOS", "windows", "androidDeviceOwner", "androidWorkProfile", "aosp"] as const;
export type TPlatform = (typeof PLATFORMS)[number];

export const TRUSTED_ROOT_TYPES = {
  iOS: "microsoft.graph.iosTrustedRootCertificate",
  macOS: "microsoft.graph.macOSTrustedRootCertificate",
  windows: "microsoft.graph.windows81TrustedRootCertificate",
  androidDeviceOwner: "microsoft.graph.androidDeviceOwnerTrustedRootCertificate",
  androidWorkProfile: "microsoft.graph.androidWorkProfileTrustedRootCertificate",
  aosp: "microsoft.graph.aospDeviceOwnerTrustedRootCertificate",
} as const satisfies Record<TPlatform, string>;

export const SCEP_TYPES = {
  iOS: "microsoft.graph.iosScepCertificateProfile",
  macOS: "microsoft.graph.macOSScepCertificateProfile",
  windows: "microsoft.graph.windows81SCEPCertificateProfile",
  androidDeviceOwner: "microsoft.graph.androidDeviceOwnerScepCertificateProfile",
  androidWorkProfile: "microsoft.graph.androidWorkProfileScepCertificateProfile",
  aosp: "microsoft.graph.aospDeviceOwnerScepCertificateProfile",
} as const satisfies Record<TPlatform, string>;

export type TTrustedRootType = (typeof TRUSTED_ROOT_TYPES)[TPlatform];
export type TScepType = (typeof SCEP_TYPES)[TPlatform];
/** A profile's `@odata.type` without the leading '#', as Certlab stores it. */
export type TProfileType = TTrustedRootType | TScepType;

const trustedTypes = new Map<string, TPlatform>(PLATFORMS.map((p) => [TRUSTED_ROOT_TYPES[p], p]));
const scepTypes = new Map<string, TPlatform>(PLATFORMS.map((p) => [SCEP_TYPES[p], p]));

/** "#microsoft.graph.iosScepCertificateProfile" or without '#' → the stored form; undefined for other types. */
export function normalizeProfileType(odataType: string | null | undefined): TProfileType | undefined {
  if (!odataType) return undefined;
  const bare = odataType.startsWith("#") ? odataType.slice(1) : odataType;
  return trustedTypes.has(bare) || scepTypes.has(bare) ? (bare as TProfileType) : undefined;
}

export function isTrustedRootType(odataType: string): odataType is TTrustedRootType {
  return trustedTypes.has(odataType.replace(/^#/, ""));
}
export function isScepType(odataType: string): odataType is TScepType {
  return scepTypes.has(odataType.replace(/^#/, ""));
}

export function platformOf(odataType: string): TPlatform | undefined {
  const bare = odataType.replace(/^#/, "");
  return trustedTypes.get(bare) ?? scepTypes.get(bare);
}

/** Which trusted certificate type a SCEP type's `rootCertificate` must point to (graph-reference.md §4.2). */
export const TRUSTED_ROOT_TYPE_FOR_SCEP: Record<TScepType, TTrustedRootType> = Object.fromEntries(
  PLATFORMS.map((p) => [SCEP_TYPES[p], TRUSTED_ROOT_TYPES[p]]),
) as Record<TScepType, TTrustedRootType>;

export const isApplePlatform = (p: TPlatform | undefined): boolean => p === "iOS" || p === "macOS";
/** Android Enterprise (device owner, personally-owned work profile) and AOSP. */
export const isAndroidPlatform = (p: TPlatform | undefined): boolean =>
  p === "androidDeviceOwner" || p === "androidWorkProfile" || p === "aosp";

// ------------------------------------------------------------------------------ the Create a profile pane

export type ProfileKind = "trustedCertificate" | "scepCertificate";

export type ProfileTypeInfo = {
  odataType: TProfileType;
  kind: ProfileKind;
  platform: TPlatform;
  /** The Platform choice of the Create a profile pane (rules-reference.md C.1). */
  platformDisplayName: string;
  /**
   * The platform the profile list and profile page show. Windows 10 trusted certificate profiles display as
   * "Windows 8.1 and later" (known issue, TRUST_WIN_PLATFORM_LABEL, S6).
   */
  listedPlatformDisplayName: string;
  /** The Profile type choice: "Trusted certificate" or "SCEP certificate". */
  profileTypeName: string;
};

export const PLATFORM_DISPLAY_NAMES: Record<TPlatform, string> = {
  iOS: "iOS/iPadOS",
  macOS: "macOS",
  windows: "Windows 10 and later",
  androidDeviceOwner: "Android Enterprise: Fully Managed, Dedicated, and Corporate-Owned Work Profile",
  androidWorkProfile: "Android Enterprise: Personally-Owned Work Profile",
  aosp: "Android (AOSP)",
};

export const PROFILE_TYPE_NAMES: Record<ProfileKind, string> = {
  trustedCertificate: "Trusted certificate",
  scepCertificate: "SCEP certificate",
};

export const PROFILE_TYPES: readonly ProfileTypeInfo[] = PLATFORMS.flatMap((platform) => [
  {
    odataType: TRUSTED_ROOT_TYPES[platform],
    kind: "trustedCertificate" as const,
    platform,
    platformDisplayName: PLATFORM_DISPLAY_NAMES[platform],
    listedPlatformDisplayName: platform === "windows" ? "Windows 8.1 and later" : PLATFORM_DISPLAY_NAMES[platform],
    profileTypeName: PROFILE_TYPE_NAMES.trustedCertificate,
  },
  {
    odataType: SCEP_TYPES[platform],
    kind: "scepCertificate" as const,
    platform,
    platformDisplayName: PLATFORM_DISPLAY_NAMES[platform],
    listedPlatformDisplayName: PLATFORM_DISPLAY_NAMES[platform],
    profileTypeName: PROFILE_TYPE_NAMES.scepCertificate,
  },
]);

export function profileTypeInfo(odataType: string): ProfileTypeInfo | undefined {
  const bare = normalizeProfileType(odataType);
  return PROFILE_TYPES.find((t) => t.odataType === bare);
}

// ------------------------------------------------------------------------------------ property matrix

/** deviceConfiguration's own properties (graph-reference.md §2), with the value a GET shows when unset. */
export const BASE_PROPERTIES = {
  id: null,
  createdDateTime: null,
  lastModifiedDateTime: null,
  roleScopeTagIds: ["0"],
  supportsScopeTags: true,
  deviceManagementApplicabilityRuleOsEdition: null,
  deviceManagementApplicabilityRuleOsVersion: null,
  deviceManagementApplicabilityRuleDeviceMode: null,
  description: null,
  displayName: null,
  version: 1,
} as const;

type Unset = null | false | readonly never[];

const TRUSTED_COMMON = { trustedRootCertificate: null, certFileName: null } as const;
const SCEP_COMMON = {
  renewalThresholdPercentage: null,
  subjectNameFormat: null,
  subjectAlternativeNameType: null,
  certificateValidityPeriodValue: null,
  certificateValidityPeriodScale: null,
  extendedKeyUsages: [],
  customSubjectAlternativeNames: [],
  scepServerUrls: [],
  subjectNameFormatString: null,
  subjectAlternativeNameFormatString: null,
  keyUsage: null,
  keySize: null,
  certificateStore: null,
} as const;

/**
 * Each type's own properties (beyond the base), exactly the matrix of graph-reference.md §4.2, with the value
 * Graph returns when one is unset (null, false or []). A property not listed here is unknown to that type and a
 * create or PATCH carrying it answers 400.
 */
export const TYPE_PROPERTIES: Record<TProfileType, Readonly<Record<string, Unset>>> = {
  [TRUSTED_ROOT_TYPES.iOS]: TRUSTED_COMMON,
  [TRUSTED_ROOT_TYPES.macOS]: { ...TRUSTED_COMMON, deploymentChannel: null },
  [TRUSTED_ROOT_TYPES.windows]: { ...TRUSTED_COMMON, destinationStore: null },
  [TRUSTED_ROOT_TYPES.androidDeviceOwner]: TRUSTED_COMMON,
  [TRUSTED_ROOT_TYPES.androidWorkProfile]: TRUSTED_COMMON,
  [TRUSTED_ROOT_TYPES.aosp]: TRUSTED_COMMON,
  [SCEP_TYPES.iOS]: SCEP_COMMON, // no hashAlgorithm on iOS
  [SCEP_TYPES.macOS]: { ...SCEP_COMMON, hashAlgorithm: null, deploymentChannel: null, allowAllAppsAccess: false },
  [SCEP_TYPES.windows]: { ...SCEP_COMMON, hashAlgorithm: null, keyStorageProvider: null },
  [SCEP_TYPES.androidDeviceOwner]: {
    ...SCEP_COMMON,
    hashAlgorithm: null,
    certificateAccessType: null,
    silentCertificateAccessDetails: [],
  },
  [SCEP_TYPES.androidWorkProfile]: { ...SCEP_COMMON, hashAlgorithm: null },
  [SCEP_TYPES.aosp]: { ...SCEP_COMMON, hashAlgorithm: null },
};
