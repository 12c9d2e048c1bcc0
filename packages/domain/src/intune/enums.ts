// The Graph enums of the certificate profiles (graph-reference.md §5). Values travel as member names; the three
// flags enums (keyUsage, hashAlgorithm, subjectAlternativeNameType) as comma-joined names, returned in bit order
// (low bit first), e.g. "keyEncipherment,digitalSignature" (§4.4, live captures).
import { z } from "zod";

export const APPLE_SUBJECT_NAME_FORMATS = [
  "commonName",
  "commonNameAsEmail",
  "custom",
  "commonNameIncludingEmail",
  "commonNameAsIMEI",
  "commonNameAsSerialNumber",
] as const;
export const SUBJECT_NAME_FORMATS = [
  "commonName",
  "commonNameIncludingEmail",
  "commonNameAsEmail",
  "custom",
  "commonNameAsIMEI",
  "commonNameAsSerialNumber",
  "commonNameAsAadDeviceId",
  "commonNameAsIntuneDeviceId",
  "commonNameAsDurableDeviceId",
] as const;
/** The iOS doc lists only 1024 and 2048; Graph's enum has all three (4096 needs iOS/iPadOS 14+). */
export const KEY_SIZES = ["size1024", "size2048", "size4096"] as const;
export const CERTIFICATE_STORES = ["user", "machine"] as const;
export const VALIDITY_PERIOD_SCALES = ["days", "months", "years"] as const;
export const KEY_STORAGE_PROVIDERS = [
  "useTpmKspOtherwiseUseSoftwareKsp",
  "useTpmKspOtherwiseFail",
  "usePassportForWorkKspOtherwiseFail",
  "useSoftwareKsp",
] as const;
export const CERTIFICATE_DESTINATION_STORES = [
  "computerCertStoreRoot",
  "computerCertStoreIntermediate",
  "userCertStoreIntermediate",
] as const;
export const APPLE_DEPLOYMENT_CHANNELS = ["deviceChannel", "userChannel", "unknownFutureValue"] as const;
export const ANDROID_DEVICE_OWNER_CERTIFICATE_ACCESS_TYPES = ["userApproval", "specificApps", "unknownFutureValue"] as const;

export const ZAppleSubjectNameFormat = z.enum(APPLE_SUBJECT_NAME_FORMATS);
export const ZSubjectNameFormat = z.enum(SUBJECT_NAME_FORMATS);
export const ZKeySize = z.enum(KEY_SIZES);
export const ZCertificateStore = z.enum(CERTIFICATE_STORES);
export const ZValidityPeriodScale = z.enum(VALIDITY_PERIOD_SCALES);
export const ZKeyStorageProvider = z.enum(KEY_STORAGE_PROVIDERS);
export const ZCertificateDestinationStore = z.enum(CERTIFICATE_DESTINATION_STORES);
export const ZAppleDeploymentChannel = z.enum(APPLE_DEPLOYMENT_CHANNELS);
export const ZAndroidDeviceOwnerCertificateAccessType = z.enum(ANDROID_DEVICE_OWNER_CERTIFICATE_ACCESS_TYPES);

export type TKeySize = z.infer<typeof ZKeySize>;
export type TCertificateStore = z.infer<typeof ZCertificateStore>;
export type TValidityPeriodScale = z.infer<typeof ZValidityPeriodScale>;
export type TKeyStorageProvider = z.infer<typeof ZKeyStorageProvider>;
export type TCertificateDestinationStore = z.infer<typeof ZCertificateDestinationStore>;

/** Bits of a key size, for comparisons with a template's minimum key size. */
export const KEY_SIZE_BITS: Record<TKeySize, number> = { size1024: 1024, size2048: 2048, size4096: 4096 };

// ------------------------------------------------------------------------------------------------ flags

/** A flags enum: member name → bit value (0 for the empty member, e.g. subjectAlternativeNameType "none"). */
export type FlagsEnum = Readonly<Record<string, number>>;

export const KEY_USAGES = { keyEncipherment: 1, digitalSignature: 2 } as const;
export const HASH_ALGORITHMS = { sha1: 1, sha2: 2 } as const;
export const SUBJECT_ALTERNATIVE_NAME_TYPES = {
  none: 0,
  emailAddress: 1,
  userPrincipalName: 2,
  customAzureADAttribute: 4,
  domainNameService: 8,
  universalResourceIdentifier: 16,
} as const;

export type TKeyUsage = keyof typeof KEY_USAGES;
export type THashAlgorithm = keyof typeof HASH_ALGORITHMS;
export type TSubjectAlternativeNameType = keyof typeof SUBJECT_ALTERNATIVE_NAME_TYPES;

export type ParsedFlags<F extends FlagsEnum> = {
  /** The members set, in bit order (low bit first); the zero member only when nothing else is set. */
  members: (keyof F & string)[];
  /** Names that are not members of the enum, as written. */
  invalid: string[];
};

/** Parses "digitalSignature, keyEncipherment" (Graph is lenient about spaces; member names are case-sensitive). */
export function parseFlags<F extends FlagsEnum>(flags: F, value: string): ParsedFlags<F> {
  const invalid: string[] = [];
  let bits = 0;
  let zeroSeen = false;
  for (const raw of value.split(",")) {
    const name = raw.trim();
    if (name === "") continue;
    const bit = Object.hasOwn(flags, name) ? flags[name] : undefined;
    if (bit === undefined) invalid.push(name);
    else if (bit === 0) zeroSeen = true;
    else bits |= bit;
  }
  const members = membersOf(flags, bits);
  if (members.length === 0 && zeroSeen) {
    const zero = Object.keys(flags).find((k) => flags[k] === 0);
    if (zero) members.push(zero as keyof F & string);
  }
  return { members, invalid };
}

function membersOf<F extends FlagsEnum>(flags: F, bits: number): (keyof F & string)[] {
  return Object.entries(flags)
    .filter(([, bit]) => bit !== 0 && (bits & bit) === bit)
    .sort(([, a], [, b]) => a - b)
    .map(([name]) => name as keyof F & string);
}

/** The wire form of a set of members: comma-joined names in bit order, e.g. "keyEncipherment,digitalSignature". */
export function formatFlags<F extends FlagsEnum>(flags: F, members: readonly (keyof F & string)[]): string {
  let bits = 0;
  for (const m of members) bits |= flags[m] ?? 0;
  const names = membersOf(flags, bits);
  if (names.length > 0) return names.join(",");
  const zero = Object.keys(flags).find((k) => flags[k] === 0);
  return zero ?? "";
}

/** True when the wire value `value` has member `member` set. */
export function hasFlag<F extends FlagsEnum>(flags: F, value: string | null | undefined, member: keyof F & string): boolean {
  if (!value) return false;
  return parseFlags(flags, value).members.includes(member);
}

/**
 * A zod schema for a flags property: accepts the comma-joined names in any order, answers the canonical wire
 * form (bit order), and reports an unknown member as an issue on the field, naming it and the valid members.
 */
export function zFlags<F extends FlagsEnum>(flags: F, enumName: string, options: { allowEmpty?: boolean } = {}) {
  return z.string().transform((value, ctx) => {
    const { members, invalid } = parseFlags(flags, value);
    for (const name of invalid)
      ctx.addIssue({
        code: "custom",
        message: `'${name}' is not a member of ${enumName} (${Object.keys(flags).join(", ")})`,
      });
    if (invalid.length === 0 && members.length === 0 && !options.allowEmpty)
      ctx.addIssue({ code: "custom", message: `select at least one of ${Object.keys(flags).join(", ")}` });
    return formatFlags(flags, members);
  });
}

export const ZKeyUsages = zFlags(KEY_USAGES, "keyUsages");
export const ZHashAlgorithms = zFlags(HASH_ALGORITHMS, "hashAlgorithms");
export const ZSubjectAlternativeNameType = zFlags(SUBJECT_ALTERNATIVE_NAME_TYPES, "subjectAlternativeNameType");
