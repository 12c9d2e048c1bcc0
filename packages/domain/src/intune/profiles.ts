// Graph wire format of the trusted certificate and SCEP certificate profiles (graph-reference.md §2–§5): create
// bodies discriminated on "@odata.type", strict PATCH bodies per type, the GET shape, the rootCertificate bind,
// and the settings the portal presets for a new profile. What the real portal refuses at save time is refused
// here (renewal threshold 1–99, validity ≤ 24 months, SCEP server URLs, extended key usage format, 500 items).
import { z } from "zod";
import { ZGuid, zODataType } from "../schemas/common";
import {
  ZAndroidDeviceOwnerCertificateAccessType,
  ZAppleDeploymentChannel,
  ZAppleSubjectNameFormat,
  ZCertificateDestinationStore,
  ZCertificateStore,
  ZHashAlgorithms,
  ZKeySize,
  ZKeyStorageProvider,
  ZKeyUsages,
  ZSubjectAlternativeNameType,
  ZSubjectNameFormat,
  ZValidityPeriodScale,
  zFlags,
  SUBJECT_ALTERNATIVE_NAME_TYPES,
  type TValidityPeriodScale,
} from "./enums";
import {
  BASE_PROPERTIES,
  PLATFORMS,
  SCEP_TYPES,
  TRUSTED_ROOT_TYPES,
  TRUSTED_ROOT_TYPE_FOR_SCEP,
  TYPE_PROPERTIES,
  isScepType,
  normalizeProfileType,
  type TPlatform,
  type TProfileType,
  type TScepType,
} from "./profile-types";

export * from "./profile-types";

// ------------------------------------------------------------------------------------------ pieces

/** Graph caps extendedKeyUsages and customSubjectAlternativeNames at 500 items (S1). */
export const MAX_COLLECTION_ITEMS = 500;
/** silentCertificateAccessDetails holds at most 50 apps (S4). */
export const MAX_SILENT_ACCESS_APPS = 50;

const ZBase64 = z
  .string()
  .min(1, "upload a certificate file (.cer)")
  .regex(/^[A-Za-z0-9+/\r\n]+={0,2}\s*$/, "must be the base64 of the DER-encoded certificate (.cer)");

/** An OID in dotted form: 1.3.6.1.5.5.7.3.2. */
const OID = /^[0-2](\.(0|[1-9]\d*))+$/;

export const ZExtendedKeyUsage = z
  .strictObject({
    "@odata.type": zODataType("microsoft.graph.extendedKeyUsage").optional(),
    name: z.string().trim().min(1, "an extended key usage needs a name"),
    objectIdentifier: z.string().trim().regex(OID, "must be an object identifier such as 1.3.6.1.5.5.7.3.2"),
  })
  .transform(({ name, objectIdentifier }) => ({ name, objectIdentifier }));
export type TExtendedKeyUsage = z.output<typeof ZExtendedKeyUsage>;

export const ZCustomSubjectAlternativeName = z
  .strictObject({
    "@odata.type": zODataType("microsoft.graph.customSubjectAlternativeName").optional(),
    sanType: zFlags(SUBJECT_ALTERNATIVE_NAME_TYPES, "subjectAlternativeNameType"),
    name: z.string().trim().min(1, "a subject alternative name needs a value"),
  })
  .transform(({ sanType, name }) => ({ sanType, name }));
export type TCustomSubjectAlternativeName = z.output<typeof ZCustomSubjectAlternativeName>;

const ZSilentAccess = z
  .strictObject({
    "@odata.type": zODataType("microsoft.graph.androidDeviceOwnerSilentCertificateAccess").optional(),
    packageId: z.string().trim().min(1, "packageId is the app's package name, e.g. com.microsoft.teams"),
  })
  .transform(({ packageId }) => ({ packageId }));

/** The predefined values of the Extended key usage picker (labels other than Client Authentication UNCONFIRMED). */
export const PREDEFINED_EXTENDED_KEY_USAGES: readonly TExtendedKeyUsage[] = [
  { name: "Any Purpose", objectIdentifier: "2.5.29.37.0" },
  { name: "Client Authentication", objectIdentifier: "1.3.6.1.5.5.7.3.2" },
  { name: "Secure Email", objectIdentifier: "1.3.6.1.5.5.7.3.4" },
  { name: "Server Authentication", objectIdentifier: "1.3.6.1.5.5.7.3.1" },
  { name: "Smart Card Logon", objectIdentifier: "1.3.6.1.4.1.311.20.2.2" },
];
export const CLIENT_AUTHENTICATION_OID = "1.3.6.1.5.5.7.3.2";

const ZScepServerUrl = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an http or https URL, e.g. https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll");

// ------------------------------------------------------------------------------------------ validity

const DAYS_PER: Record<TValidityPeriodScale, number> = { days: 1, months: 365 / 12, years: 365 };

/** A validity period in days (a month is a twelfth of 365 days, so 12 months = 1 year = 365 days). */
export function validityInDays(value: number, scale: TValidityPeriodScale): number {
  return value * DAYS_PER[scale];
}
export const MAX_VALIDITY_DAYS = 2 * 365; // "Intune supports a validity period of up to 24 months." (S5)

export function describeValidity(value: number, scale: TValidityPeriodScale): string {
  const unit = value === 1 ? scale.slice(0, -1) : scale;
  return `${value} ${unit}`;
}

// ------------------------------------------------------------------------------------ rootCertificate bind

/**
 * The id in a `rootCertificate@odata.bind` (or `$ref` `@odata.id`) URL:
 * `https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations('<id>')` or `…/deviceConfigurations/<id>`.
 */
export function parseDeviceConfigurationRef(url: string): string | undefined {
  const m = /\/deviceManagement\/deviceConfigurations(?:\('([^')]+)'\)|\(([^)]+)\)|\/([^/?#('"]+))\/?(?:[?#].*)?$/i.exec(
    url.trim(),
  );
  const id = m?.[1] ?? m?.[2] ?? m?.[3];
  return id && ZGuid.safeParse(id).success ? id : undefined;
}

/** The URL real tools send for a bind, in the quoted key form. */
export function deviceConfigurationRef(id: string, base = "https://graph.microsoft.com/beta"): string {
  return `${base.replace(/\/$/, "")}/deviceManagement/deviceConfigurations('${id}')`;
}

export const ROOT_CERTIFICATE_BIND = "rootCertificate@odata.bind";

const ZRootBind = z
  .string()
  .refine(
    (s) => parseDeviceConfigurationRef(s) !== undefined,
    "must reference a trusted certificate profile: https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations('<id>')",
  );

// ------------------------------------------------------------------------------------------ shapes

const ZApplicabilityRule = z.record(z.string(), z.unknown()).nullable();

/** deviceConfiguration's settable base properties; read-only ones are accepted (round-tripped GETs) and ignored. */
const baseShape = {
  id: z.string().optional(),
  createdDateTime: z.string().optional(),
  lastModifiedDateTime: z.string().optional(),
  version: z.number().int().optional(),
  supportsScopeTags: z.boolean().optional(),
  displayName: z.string().trim().min(1, "displayName is required").max(1000),
  description: z.string().max(1500).nullable().optional(),
  roleScopeTagIds: z.array(z.string().min(1)).optional(),
  deviceManagementApplicabilityRuleOsEdition: ZApplicabilityRule.optional(),
  deviceManagementApplicabilityRuleOsVersion: ZApplicabilityRule.optional(),
  deviceManagementApplicabilityRuleDeviceMode: ZApplicabilityRule.optional(),
};

const trustedShape = {
  trustedRootCertificate: ZBase64,
  certFileName: z.string().max(260).nullable().optional(),
};

const scepShape = (apple: boolean) => ({
  [ROOT_CERTIFICATE_BIND]: ZRootBind.optional(),
  renewalThresholdPercentage: z
    .number()
    .int("renewalThresholdPercentage is a whole number")
    .min(1, "Valid values 1 to 99")
    .max(99, "Valid values 1 to 99")
    .optional(),
  subjectNameFormat: (apple ? ZAppleSubjectNameFormat : ZSubjectNameFormat).optional(),
  subjectNameFormatString: z.string().max(1024).nullable().optional(),
  subjectAlternativeNameType: ZSubjectAlternativeNameType.nullable().optional(),
  subjectAlternativeNameFormatString: z.string().max(1024).nullable().optional(),
  certificateValidityPeriodValue: z.number().int().min(1, "the validity period must be at least 1").optional(),
  certificateValidityPeriodScale: ZValidityPeriodScale.optional(),
  extendedKeyUsages: z.array(ZExtendedKeyUsage).max(MAX_COLLECTION_ITEMS, "at most 500 extended key usages").optional(),
  customSubjectAlternativeNames: z
    .array(ZCustomSubjectAlternativeName)
    .max(MAX_COLLECTION_ITEMS, "at most 500 subject alternative names")
    .optional(),
  scepServerUrls: z.array(ZScepServerUrl).min(1, "add at least one SCEP server URL"),
  keyUsage: ZKeyUsages,
  keySize: ZKeySize.optional(),
  certificateStore: ZCertificateStore.nullable().optional(),
});

const OWN_SHAPES = {
  [TRUSTED_ROOT_TYPES.iOS]: trustedShape,
  [TRUSTED_ROOT_TYPES.macOS]: { ...trustedShape, deploymentChannel: ZAppleDeploymentChannel.nullable().optional() },
  [TRUSTED_ROOT_TYPES.windows]: { ...trustedShape, destinationStore: ZCertificateDestinationStore.optional() },
  [TRUSTED_ROOT_TYPES.androidDeviceOwner]: trustedShape,
  [TRUSTED_ROOT_TYPES.androidWorkProfile]: trustedShape,
  [TRUSTED_ROOT_TYPES.aosp]: trustedShape,
  [SCEP_TYPES.iOS]: scepShape(true),
  [SCEP_TYPES.macOS]: {
    ...scepShape(true),
    hashAlgorithm: ZHashAlgorithms.nullable().optional(),
    deploymentChannel: ZAppleDeploymentChannel.nullable().optional(),
    allowAllAppsAccess: z.boolean().optional(),
  },
  [SCEP_TYPES.windows]: {
    ...scepShape(false),
    hashAlgorithm: ZHashAlgorithms.optional(),
    keyStorageProvider: ZKeyStorageProvider.optional(),
  },
  [SCEP_TYPES.androidDeviceOwner]: {
    ...scepShape(false),
    subjectNameFormat: ZSubjectNameFormat.nullable().optional(),
    hashAlgorithm: ZHashAlgorithms.optional(),
    certificateAccessType: ZAndroidDeviceOwnerCertificateAccessType.optional(),
    silentCertificateAccessDetails: z
      .array(ZSilentAccess)
      .max(MAX_SILENT_ACCESS_APPS, "at most 50 apps can be granted silent access")
      .optional(),
  },
  [SCEP_TYPES.androidWorkProfile]: { ...scepShape(false), hashAlgorithm: ZHashAlgorithms.optional() },
  [SCEP_TYPES.aosp]: { ...scepShape(false), hashAlgorithm: ZHashAlgorithms.optional() },
} satisfies Record<TProfileType, z.ZodRawShape>;

type Refinable = {
  certificateValidityPeriodValue?: number | undefined;
  certificateValidityPeriodScale?: TValidityPeriodScale | undefined;
};

/** Save-time checks across fields: PROF_VALIDITY_GT_24M is "error (validation)" in the catalogue. */
function checkValidity(v: Refinable, ctx: z.RefinementCtx, stored?: Refinable): void {
  const value = v.certificateValidityPeriodValue ?? stored?.certificateValidityPeriodValue;
  const scale = v.certificateValidityPeriodScale ?? stored?.certificateValidityPeriodScale;
  if (value === undefined && scale === undefined) return;
  const days = validityInDays(value ?? SCEP_PRESETS.certificateValidityPeriodValue, scale ?? "years");
  if (days > MAX_VALIDITY_DAYS)
    ctx.addIssue({
      code: "custom",
      path: [v.certificateValidityPeriodValue !== undefined ? "certificateValidityPeriodValue" : "certificateValidityPeriodScale"],
      message: `Intune supports a validity period of up to 24 months; ${describeValidity(value ?? 1, scale ?? "years")} is longer (PROF_VALIDITY_GT_24M).`,
    });
}

function createSchema<T extends TProfileType>(odataType: T) {
  const obj = z.strictObject({ "@odata.type": zODataType(odataType), ...baseShape, ...OWN_SHAPES[odataType] });
  return isScepType(odataType) ? obj.superRefine((v, ctx) => checkValidity(v as Refinable, ctx)) : obj;
}

/** POST /deviceManagement/deviceConfigurations body of each type. */
export const PROFILE_CREATE_SCHEMAS = {
  [TRUSTED_ROOT_TYPES.iOS]: createSchema(TRUSTED_ROOT_TYPES.iOS),
  [TRUSTED_ROOT_TYPES.macOS]: createSchema(TRUSTED_ROOT_TYPES.macOS),
  [TRUSTED_ROOT_TYPES.windows]: createSchema(TRUSTED_ROOT_TYPES.windows),
  [TRUSTED_ROOT_TYPES.androidDeviceOwner]: createSchema(TRUSTED_ROOT_TYPES.androidDeviceOwner),
  [TRUSTED_ROOT_TYPES.androidWorkProfile]: createSchema(TRUSTED_ROOT_TYPES.androidWorkProfile),
  [TRUSTED_ROOT_TYPES.aosp]: createSchema(TRUSTED_ROOT_TYPES.aosp),
  [SCEP_TYPES.iOS]: createSchema(SCEP_TYPES.iOS),
  [SCEP_TYPES.macOS]: createSchema(SCEP_TYPES.macOS),
  [SCEP_TYPES.windows]: createSchema(SCEP_TYPES.windows),
  [SCEP_TYPES.androidDeviceOwner]: createSchema(SCEP_TYPES.androidDeviceOwner),
  [SCEP_TYPES.androidWorkProfile]: createSchema(SCEP_TYPES.androidWorkProfile),
  [SCEP_TYPES.aosp]: createSchema(SCEP_TYPES.aosp),
};

const ALL_TYPES = PLATFORMS.flatMap((p) => [TRUSTED_ROOT_TYPES[p], SCEP_TYPES[p]]);

/**
 * POST /deviceManagement/deviceConfigurations: deviceConfiguration is abstract, so the body must carry one of the
 * twelve `@odata.type`s (with or without '#').
 */
export const ZDeviceConfigurationCreate = z.discriminatedUnion(
  "@odata.type",
  [
    PROFILE_CREATE_SCHEMAS[TRUSTED_ROOT_TYPES.iOS],
    PROFILE_CREATE_SCHEMAS[TRUSTED_ROOT_TYPES.macOS],
    PROFILE_CREATE_SCHEMAS[TRUSTED_ROOT_TYPES.windows],
    PROFILE_CREATE_SCHEMAS[TRUSTED_ROOT_TYPES.androidDeviceOwner],
    PROFILE_CREATE_SCHEMAS[TRUSTED_ROOT_TYPES.androidWorkProfile],
    PROFILE_CREATE_SCHEMAS[TRUSTED_ROOT_TYPES.aosp],
    PROFILE_CREATE_SCHEMAS[SCEP_TYPES.iOS],
    PROFILE_CREATE_SCHEMAS[SCEP_TYPES.macOS],
    PROFILE_CREATE_SCHEMAS[SCEP_TYPES.windows],
    PROFILE_CREATE_SCHEMAS[SCEP_TYPES.androidDeviceOwner],
    PROFILE_CREATE_SCHEMAS[SCEP_TYPES.androidWorkProfile],
    PROFILE_CREATE_SCHEMAS[SCEP_TYPES.aosp],
  ],
  {
    error: (iss) =>
      iss.code === "invalid_union"
        ? `@odata.type must be one of ${ALL_TYPES.map((t) => `#${t}`).join(", ")} (deviceConfiguration is abstract)`
        : undefined,
  },
);
export type TDeviceConfigurationCreate = z.output<typeof ZDeviceConfigurationCreate>;

/**
 * PATCH /deviceManagement/deviceConfigurations/{id} of a profile of `odataType`: any of its properties, strict
 * (an unknown property answers 400 naming it), `@odata.type` may be repeated but not changed. Cross-field checks
 * run against `stored` (the profile's current settings) so that changing only the scale is checked too.
 */
export function profilePatchSchema(odataType: TProfileType, stored?: Record<string, unknown>) {
  const { displayName, ...base } = baseShape;
  const own = Object.fromEntries(Object.entries(OWN_SHAPES[odataType]).map(([k, s]) => [k, (s as z.ZodType).optional()]));
  const sameType = z.string().refine((t) => normalizeProfileType(t) === odataType, {
    message: `@odata.type can't be changed: this profile is #${odataType}`,
  });
  const obj = z.strictObject({ "@odata.type": sameType.optional(), ...base, displayName: displayName.optional(), ...own });
  if (!isScepType(odataType)) return obj;
  return obj.superRefine((v, ctx) => checkValidity(v as Refinable, ctx, stored as Refinable | undefined));
}

// ------------------------------------------------------------------------------------------ storage

/** A profile as Certlab stores it: base properties, the type's own properties as Graph-shaped JSON, the root link. */
export type StoredProfile = {
  id: string;
  /** Without the leading '#'. */
  odataType: TProfileType;
  displayName: string;
  description: string | null;
  createdDateTime: string;
  lastModifiedDateTime: string;
  version: number;
  roleScopeTagIds: string[];
  /** The type's own properties (TYPE_PROPERTIES) and the applicability rules, Graph-shaped; flags canonical. */
  settings: Record<string, unknown>;
  /** The trusted certificate profile a SCEP profile's rootCertificate points to; null for trusted profiles. */
  rootCertificateId: string | null;
};

const BASE_KEYS = new Set([...Object.keys(BASE_PROPERTIES), "@odata.type", ROOT_CERTIFICATE_BIND]);
const APPLICABILITY_KEYS = [
  "deviceManagementApplicabilityRuleOsEdition",
  "deviceManagementApplicabilityRuleOsVersion",
  "deviceManagementApplicabilityRuleDeviceMode",
] as const;

/** What the portal presets on a new SCEP profile (renewal 20 %, 1 year, 2048 bits, SHA-2, Software/TPM KSP). */
export const SCEP_PRESETS = {
  renewalThresholdPercentage: 20,
  certificateValidityPeriodValue: 1,
  certificateValidityPeriodScale: "years",
  keySize: "size2048",
  hashAlgorithm: "sha2",
  keyStorageProvider: "useTpmKspOtherwiseUseSoftwareKsp",
  certificateStore: "user",
  subjectNameFormat: "commonName",
  extendedKeyUsages: [],
  customSubjectAlternativeNames: [],
  certificateAccessType: "userApproval",
  allowAllAppsAccess: false,
  silentCertificateAccessDetails: [],
} as const;

/** The settings a new profile of `odataType` starts with in the wizard (only the properties the type has). */
export function newProfileSettings(odataType: TProfileType): Record<string, unknown> {
  const own = TYPE_PROPERTIES[odataType];
  const out: Record<string, unknown> = {};
  for (const [key, unset] of Object.entries(own)) {
    const preset = (SCEP_PRESETS as Record<string, unknown>)[key];
    out[key] = structuredClone(preset !== undefined && isScepType(odataType) ? preset : unset);
  }
  if (odataType === TRUSTED_ROOT_TYPES.windows) out.destinationStore = "computerCertStoreRoot";
  return out;
}

/**
 * A parsed create body → what to store. Omitted properties take the portal's presets (so a profile made
 * through Graph and one made in the wizard look alike); `rootCertificate@odata.bind` becomes rootCertificateId.
 */
export function storedFromCreate(
  body: TDeviceConfigurationCreate,
  meta: { id: string; now: string },
): StoredProfile {
  const odataType = normalizeProfileType(body["@odata.type"])!;
  const settings = newProfileSettings(odataType);
  for (const [key, value] of Object.entries(body))
    if (!BASE_KEYS.has(key) && value !== undefined) settings[key] = value;
  for (const key of APPLICABILITY_KEYS) settings[key] = body[key] ?? null;
  const bind = (body as Record<string, unknown>)[ROOT_CERTIFICATE_BIND];
  return {
    id: meta.id,
    odataType,
    displayName: body.displayName,
    description: body.description ?? null,
    createdDateTime: meta.now,
    lastModifiedDateTime: meta.now,
    version: 1,
    roleScopeTagIds: body.roleScopeTagIds ?? ["0"],
    settings,
    rootCertificateId: typeof bind === "string" ? (parseDeviceConfigurationRef(bind) ?? null) : null,
  };
}

/** Applies a parsed PATCH body: only the properties sent change; version and lastModifiedDateTime move on. */
export function applyProfilePatch(stored: StoredProfile, patch: Record<string, unknown>, now: string): StoredProfile {
  const settings = { ...stored.settings };
  for (const [key, value] of Object.entries(patch))
    if (!BASE_KEYS.has(key) || (APPLICABILITY_KEYS as readonly string[]).includes(key))
      if (value !== undefined) settings[key] = value;
  const bind = patch[ROOT_CERTIFICATE_BIND];
  return {
    ...stored,
    displayName: typeof patch.displayName === "string" ? patch.displayName : stored.displayName,
    description: patch.description !== undefined ? (patch.description as string | null) : stored.description,
    roleScopeTagIds: Array.isArray(patch.roleScopeTagIds) ? (patch.roleScopeTagIds as string[]) : stored.roleScopeTagIds,
    settings,
    rootCertificateId: typeof bind === "string" ? (parseDeviceConfigurationRef(bind) ?? null) : stored.rootCertificateId,
    version: stored.version + 1,
    lastModifiedDateTime: now,
  };
}

/**
 * The GET shape: `@odata.type` with '#', every property of the type present, unset ones null/false/[] as Graph
 * returns them. The rootCertificate navigation is absent (it appears only with $expand).
 */
export function toGraphProfile(stored: StoredProfile): Record<string, unknown> {
  const own = TYPE_PROPERTIES[stored.odataType];
  const out: Record<string, unknown> = {
    "@odata.type": `#${stored.odataType}`,
    id: stored.id,
    createdDateTime: stored.createdDateTime,
    lastModifiedDateTime: stored.lastModifiedDateTime,
    roleScopeTagIds: [...stored.roleScopeTagIds],
    supportsScopeTags: true,
  };
  for (const key of APPLICABILITY_KEYS) out[key] = stored.settings[key] ?? null;
  out.description = stored.description;
  out.displayName = stored.displayName;
  out.version = stored.version;
  for (const [key, unset] of Object.entries(own)) {
    const value = stored.settings[key];
    out[key] = value === undefined ? structuredClone(unset) : structuredClone(value);
  }
  return out;
}

/** The platform whose trusted certificate profiles a SCEP profile of `odataType` may reference. */
export function rootTypeFor(odataType: TScepType) {
  return TRUSTED_ROOT_TYPE_FOR_SCEP[odataType];
}

export type { TPlatform };
