// What the rule engine sees of Intune: the trusted certificate and SCEP profiles (settings as Graph-shaped JSON),
// their assignments, the certificate connectors as the admin center lists them, and (optionally) managed devices.
// The API assembles it from the store; the wizard inserts its draft (intune/wizard.ts). Lookups are built once
// per snapshot (memoised on the object) so that every Intune rule reads Maps.
import type { TAssignmentTarget } from "./assignments";
import { ALL_DEVICES_ID, ALL_USERS_ID, targetGroupId, targetKind } from "./assignments";
import {
  CERTIFICATE_STORES,
  KEY_SIZES,
  KEY_STORAGE_PROVIDERS,
  VALIDITY_PERIOD_SCALES,
  type TCertificateStore,
  type TKeySize,
  type TKeyStorageProvider,
  type TValidityPeriodScale,
} from "./enums";
import {
  TRUSTED_ROOT_TYPE_FOR_SCEP,
  isScepType,
  isTrustedRootType,
  platformOf,
  type TPlatform,
  type TProfileType,
  type TScepType,
} from "./profile-types";
import type { SnapshotIndex, TenantSnapshot } from "../rules/snapshot";

/** What packages/pki read from an uploaded trusted certificate (the profile's trustedRootCertificate). */
export type TrustedCertificateFacts = {
  /** SHA-1, upper-case hex without spaces (as the lab's CertRef). */
  thumbprint: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** Basic Constraints: Subject Type = CA. */
  isCa: boolean;
  /** e.g. "sha256RSA", "sha1RSA", "RSASSA-PSS". */
  signatureAlgorithm?: string;
  /** The upload was a .pfx / carried a private key (TRUST_PFX_UPLOADED). */
  hasPrivateKey?: boolean;
};

export type SnapProfile = {
  id: string;
  /** Without the leading '#'. */
  odataType: TProfileType;
  displayName: string;
  /** The type's own properties as Graph returns them (toGraphProfile), flags as comma-joined names. */
  settings: Record<string, unknown>;
  /** SCEP profiles: the trusted certificate profile rootCertificate points to. */
  rootCertificateId: string | null;
  /** Trusted certificate profiles: the parsed certificate, when it could be parsed. */
  certificate?: TrustedCertificateFacts;
};

export type SnapAssignment = { profileId: string; target: TAssignmentTarget };

/** certificateConnectorDetails (current) or ndesConnector (legacy) as Tenant administration lists them. */
export type SnapCertificateConnector = {
  id: string;
  connectorName: string;
  machineName: string;
  version: string;
  lastCheckinDateTime: string;
  generation: "current" | "legacy";
  enrollmentDateTime?: string;
};

/** How a device is enrolled (Intune's enrollment types, as the device list shows them). */
export type ManagedDeviceEnrollmentType =
  | "androidEnterpriseFullyManaged"
  | "androidEnterpriseDedicated"
  | "androidEnterpriseCorporateWorkProfile"
  | "androidEnterpriseWorkProfile"
  | "androidDeviceAdministrator"
  | "aospUserless"
  | "aospUserAssociated"
  | "appleDeviceEnrollment"
  | "appleAutomatedDeviceEnrollment"
  | "appleUserEnrollment"
  | "windowsAutoEnrollment"
  | "windowsCoManagement"
  | "windowsBulkEnrollment";

/** Configuration Manager co-management: where the Resource access policies workload is. */
export type ResourceAccessWorkload = "configurationManager" | "pilotIntune" | "intune";

/**
 * A managed device, for the device conditions of catalogue A.11 (absent = devices are not modelled). Every
 * property beyond id, name, platform and OS version is optional: unknown facts make the device rules silent.
 */
export type SnapManagedDevice = {
  id: string;
  deviceName: string;
  platform: TPlatform;
  /** e.g. "17.4", "10.0.22631.3296", "13". */
  osVersion: string;
  /** The Entra device id; directory groups list devices by it. */
  azureADDeviceId?: string;
  /** The primary user; user-group assignments reach the device through them. */
  userId?: string | null;
  /** Groups the device is a direct member of, when the directory's group members don't list devices. */
  groupIds?: string[];
  enrollmentType?: ManagedDeviceEnrollmentType;
  /** Windows: a TPM is present. */
  hasTpm?: boolean;
  /** A device PIN/password is set. */
  pinSet?: boolean;
  /** Android: full-disk (FDE) or file-based (FBE) encryption; "unknown" when Intune can't identify the type. */
  encryption?: "fullDisk" | "fileBased" | "none" | "unknown";
  /** Windows: co-managed with Configuration Manager. */
  coManaged?: boolean;
  /** Windows co-management: the Resource access policies workload slider. */
  resourceAccessWorkload?: ResourceAccessWorkload;
};

export type IntuneSnapshot = {
  /** The moment the snapshot describes (ISO); check-in and expiry rules compare against it. Absent = now. */
  asOf?: string;
  profiles: SnapProfile[];
  assignments: SnapAssignment[];
  certificateConnectors: SnapCertificateConnector[];
  managedDevices?: SnapManagedDevice[];
};

export function emptyIntuneSnapshot(): IntuneSnapshot {
  return { profiles: [], assignments: [], certificateConnectors: [] };
}

// ------------------------------------------------------------------------------------------ settings view

/** A SCEP profile's settings, read leniently (a stored profile was validated on save; a draft may be partial). */
export type ScepSettings = {
  renewalThresholdPercentage: number | null;
  subjectNameFormat: string | null;
  subjectNameFormatString: string | null;
  subjectAlternativeNameType: string | null;
  subjectAlternativeNameFormatString: string | null;
  certificateValidityPeriodValue: number | null;
  certificateValidityPeriodScale: TValidityPeriodScale | null;
  extendedKeyUsages: { name: string; objectIdentifier: string }[];
  customSubjectAlternativeNames: { sanType: string; name: string }[];
  scepServerUrls: string[];
  keyUsage: string | null;
  keySize: TKeySize | null;
  hashAlgorithm: string | null;
  certificateStore: TCertificateStore | null;
  keyStorageProvider: TKeyStorageProvider | null;
  deploymentChannel: string | null;
};

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | null =>
  typeof v === "string" && (list as readonly string[]).includes(v) ? (v as T) : null;
const objects = <T>(v: unknown, pick: (o: Record<string, unknown>) => T | undefined): T[] =>
  Array.isArray(v)
    ? v.flatMap((o) => (o && typeof o === "object" ? [pick(o as Record<string, unknown>)].filter((x): x is T => !!x) : []))
    : [];

export function readScepSettings(s: Record<string, unknown>): ScepSettings {
  return {
    renewalThresholdPercentage: num(s.renewalThresholdPercentage),
    subjectNameFormat: str(s.subjectNameFormat),
    subjectNameFormatString: str(s.subjectNameFormatString),
    subjectAlternativeNameType: str(s.subjectAlternativeNameType),
    subjectAlternativeNameFormatString: str(s.subjectAlternativeNameFormatString),
    certificateValidityPeriodValue: num(s.certificateValidityPeriodValue),
    certificateValidityPeriodScale: oneOf(VALIDITY_PERIOD_SCALES, s.certificateValidityPeriodScale),
    extendedKeyUsages: objects(s.extendedKeyUsages, (o) =>
      typeof o.objectIdentifier === "string" ? { name: str(o.name) ?? "", objectIdentifier: o.objectIdentifier } : undefined,
    ),
    customSubjectAlternativeNames: objects(s.customSubjectAlternativeNames, (o) =>
      typeof o.name === "string" ? { sanType: str(o.sanType) ?? "", name: o.name } : undefined,
    ),
    scepServerUrls: Array.isArray(s.scepServerUrls) ? s.scepServerUrls.filter((u): u is string => typeof u === "string") : [],
    keyUsage: str(s.keyUsage),
    keySize: oneOf(KEY_SIZES, s.keySize),
    hashAlgorithm: str(s.hashAlgorithm),
    certificateStore: oneOf(CERTIFICATE_STORES, s.certificateStore),
    keyStorageProvider: oneOf(KEY_STORAGE_PROVIDERS, s.keyStorageProvider),
    deploymentChannel: str(s.deploymentChannel),
  };
}

// ------------------------------------------------------------------------------------------ audience

/** Who a profile reaches: users, devices, both (S12's "User and Device"), or nobody known. */
export type AudienceKind = "user" | "device" | "userAndDevice" | "none";

export type Audience = {
  kind: AudienceKind;
  /** Included group ids (pseudo-group ids for All users / All devices). */
  included: string[];
  excluded: string[];
  /** Members reached through included groups (users and devices), when the directory lists them. */
  members: ReadonlySet<string>;
};

// ------------------------------------------------------------------------------------------ index

export type ScepContext = {
  profile: SnapProfile;
  odataType: TScepType;
  platform: TPlatform;
  settings: ScepSettings;
  /** The referenced trusted certificate profile, if it exists. */
  root: SnapProfile | undefined;
};

export type IntuneIndex = {
  intune: IntuneSnapshot;
  /** Milliseconds since epoch of intune.asOf (or now). */
  now: number;
  profilesById: ReadonlyMap<string, SnapProfile>;
  scep: readonly ScepContext[];
  trusted: readonly SnapProfile[];
  /** trusted profile id → SCEP profiles whose rootCertificate is it. */
  scepByRoot: ReadonlyMap<string, readonly ScepContext[]>;
  assignmentsOf(profileId: string): readonly SnapAssignment[];
  audienceOf(profileId: string): Audience;
  /** Users and devices a group reaches (nested groups followed). */
  groupMembers(groupId: string): ReadonlySet<string>;
  /** What one target reaches: a group's members, or the users / devices of All users / All devices. */
  targetAudience(groupId: string): AudienceKind;
  /** A directory user (anything else a group holds is a device). */
  isUser(memberId: string): boolean;
  /** "group 'Sales' (users)", "All devices" — for messages. */
  describeTarget(groupId: string): string;
};

const cache = new WeakMap<IntuneSnapshot, { directory: SnapshotIndex; index: IntuneIndex }>();

/** The snapshot's Intune index, or undefined when the snapshot has no Intune section. */
export function intuneIndex(snapshot: TenantSnapshot, directory: SnapshotIndex): IntuneIndex | undefined {
  const intune = snapshot.intune;
  if (!intune) return undefined;
  const hit = cache.get(intune);
  if (hit && hit.directory === directory) return hit.index;
  const index = buildIntuneIndex(intune, directory);
  cache.set(intune, { directory, index });
  return index;
}

export function buildIntuneIndex(intune: IntuneSnapshot, directory: SnapshotIndex): IntuneIndex {
  const now = intune.asOf ? Date.parse(intune.asOf) : Date.now();
  const profilesById = new Map(intune.profiles.map((p) => [p.id, p]));
  const trusted = intune.profiles.filter((p) => isTrustedRootType(p.odataType));
  const scep: ScepContext[] = intune.profiles
    .filter((p) => isScepType(p.odataType))
    .map((p) => ({
      profile: p,
      odataType: p.odataType as TScepType,
      platform: platformOf(p.odataType)!,
      settings: readScepSettings(p.settings),
      root: p.rootCertificateId ? profilesById.get(p.rootCertificateId) : undefined,
    }));
  const scepByRoot = new Map<string, ScepContext[]>();
  for (const c of scep)
    if (c.profile.rootCertificateId) {
      const list = scepByRoot.get(c.profile.rootCertificateId);
      if (list) list.push(c);
      else scepByRoot.set(c.profile.rootCertificateId, [c]);
    }
  const assignments = new Map<string, SnapAssignment[]>();
  for (const a of intune.assignments) {
    const list = assignments.get(a.profileId);
    if (list) list.push(a);
    else assignments.set(a.profileId, [a]);
  }

  // What a group reaches: users (in the directory), devices (any other member), nested groups followed.
  const groupKinds = new Map<string, { users: boolean; devices: boolean; members: Set<string> }>();
  const resolveGroup = (groupId: string, seen = new Set<string>()) => {
    const known = groupKinds.get(groupId);
    if (known) return known;
    const out = { users: false, devices: false, members: new Set<string>() };
    seen.add(groupId);
    for (const m of directory.membersOfGroup.get(groupId) ?? []) {
      if (directory.usersById.has(m)) {
        out.users = true;
        out.members.add(m);
      }
      else if (directory.groupsById.has(m)) {
        if (seen.has(m)) continue;
        const inner = resolveGroup(m, seen);
        out.users ||= inner.users;
        out.devices ||= inner.devices;
        for (const x of inner.members) out.members.add(x);
      } else {
        out.devices = true;
        out.members.add(m);
      }
    }
    groupKinds.set(groupId, out);
    return out;
  };

  const audiences = new Map<string, Audience>();
  const audienceOf = (profileId: string): Audience => {
    const hit = audiences.get(profileId);
    if (hit) return hit;
    let users = false;
    let devices = false;
    const included: string[] = [];
    const excluded: string[] = [];
    const members = new Set<string>();
    for (const { target } of assignments.get(profileId) ?? []) {
      const kind = targetKind(target);
      const id = targetGroupId(target);
      if (kind === "exclusionGroup") excluded.push(id);
      else if (kind === "allDevices") {
        devices = true;
        included.push(id);
      } else if (kind === "allLicensedUsers") {
        users = true;
        included.push(id);
      }
      else if (kind === "group") {
        included.push(id);
        const g = resolveGroup(id);
        users ||= g.users;
        devices ||= g.devices;
        for (const m of g.members) members.add(m);
      }
    }
    const audience: Audience = {
      kind: users && devices ? "userAndDevice" : users ? "user" : devices ? "device" : "none",
      included,
      excluded,
      members,
    };
    audiences.set(profileId, audience);
    return audience;
  };

  const describeTarget = (groupId: string): string => {
    if (groupId === ALL_DEVICES_ID) return "All devices";
    if (groupId === ALL_USERS_ID) return "All users";
    const name = directory.groupsById.get(groupId)?.displayName ?? groupId;
    const g = resolveGroup(groupId);
    const what = g.users && g.devices ? "users and devices" : g.users ? "users" : g.devices ? "devices" : "no members";
    return `group '${name}' (${what})`;
  };

  return {
    intune,
    now,
    profilesById,
    scep,
    trusted,
    scepByRoot,
    assignmentsOf: (id) => assignments.get(id) ?? [],
    groupMembers: (id) => resolveGroup(id).members,
    targetAudience: (id) => {
      if (id === ALL_DEVICES_ID) return "device";
      if (id === ALL_USERS_ID) return "user";
      const g = resolveGroup(id);
      return g.users && g.devices ? "userAndDevice" : g.users ? "user" : g.devices ? "device" : "none";
    },
    isUser: (id) => directory.usersById.has(id),
    audienceOf,
    describeTarget,
  };
}

/** The trusted certificate type a SCEP context must bind. */
export const expectedRootType = (c: ScepContext) => TRUSTED_ROOT_TYPE_FOR_SCEP[c.odataType];
