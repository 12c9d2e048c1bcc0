// The wizard's draft: what the admin has entered on each page, and how it becomes the Graph body of POST/PATCH
// and the draft the evaluate endpoint reads. Pure functions, so the rules of the pages are unit-tested.
import {
  ASSIGNMENT_TARGET_TYPES,
  targetGroupId,
  targetKind,
  type TAssignmentTarget,
} from "@certlab/domain/intune/assignments";
import {
  PROFILE_TYPES,
  ROOT_CERTIFICATE_BIND,
  TRUSTED_ROOT_TYPE_FOR_SCEP,
  TYPE_PROPERTIES,
  deviceConfigurationRef,
  isScepType,
  newProfileSettings,
  normalizeProfileType,
  type ProfileTypeInfo,
  type TProfileType,
  type TScepType,
} from "@certlab/domain/intune/profiles";

export type Applicability = {
  enabled: boolean;
  rule: "assignIf" | "dontAssignIf";
  property: "osVersion" | "osEdition";
  minVersion: string;
  maxVersion: string;
  editions: string[];
};

export type GroupRef = { id: string; displayName: string };

export type AssignmentsDraft = {
  allUsers: boolean;
  allDevices: boolean;
  included: GroupRef[];
  excluded: GroupRef[];
};

export type Draft = {
  odataType: TProfileType;
  displayName: string;
  description: string;
  /** The type's own properties, Graph names and shapes (flags as comma-joined names). */
  settings: Record<string, unknown>;
  rootCertificateId: string | null;
  assignments: AssignmentsDraft;
  applicability: Applicability;
};

export const emptyAssignments = (): AssignmentsDraft => ({ allUsers: false, allDevices: false, included: [], excluded: [] });

export const defaultApplicability = (): Applicability => ({
  enabled: false,
  rule: "assignIf",
  property: "osVersion",
  minVersion: "",
  maxVersion: "",
  editions: [],
});

/** A new draft of `odataType` with the portal's presets (SCEP: key usage both, Client Authentication EKU). */
export function newDraft(odataType: TProfileType): Draft {
  const settings = newProfileSettings(odataType);
  if (isScepType(odataType)) {
    settings.keyUsage = "keyEncipherment,digitalSignature";
    settings.subjectNameFormat = "custom";
    settings.subjectNameFormatString = "CN={{UserPrincipalName}}";
  }
  return {
    odataType,
    displayName: "",
    description: "",
    settings,
    rootCertificateId: null,
    assignments: emptyAssignments(),
    applicability: defaultApplicability(),
  };
}

export function profileInfo(odataType: string): ProfileTypeInfo | undefined {
  const bare = normalizeProfileType(odataType);
  return PROFILE_TYPES.find((t) => t.odataType === bare);
}

export const isWindows = (odataType: string) => profileInfo(odataType)?.platform === "windows";

/** Whether the type has a property (graph-reference.md §4.2): iOS has no hashAlgorithm, only Windows a KSP… */
export function hasSetting(odataType: TProfileType, key: string): boolean {
  return Object.hasOwn(TYPE_PROPERTIES[odataType], key);
}

/** The trusted certificate profiles a SCEP profile of `odataType` may reference: only the same platform's. */
export function rootCandidates<P extends { "@odata.type": string }>(odataType: TProfileType, profiles: readonly P[]): P[] {
  if (!isScepType(odataType)) return [];
  const want = TRUSTED_ROOT_TYPE_FOR_SCEP[odataType as TScepType];
  return profiles.filter((p) => normalizeProfileType(p["@odata.type"]) === want);
}

// ------------------------------------------------------------------------------------------ assignments

export function toTargets(a: AssignmentsDraft): TAssignmentTarget[] {
  const filter = { deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: "none" as const };
  const out: TAssignmentTarget[] = [];
  if (a.allUsers) out.push({ "@odata.type": `#${ASSIGNMENT_TARGET_TYPES.allLicensedUsers}`, ...filter });
  if (a.allDevices) out.push({ "@odata.type": `#${ASSIGNMENT_TARGET_TYPES.allDevices}`, ...filter });
  for (const g of a.included) out.push({ "@odata.type": `#${ASSIGNMENT_TARGET_TYPES.group}`, groupId: g.id, ...filter });
  for (const g of a.excluded) out.push({ "@odata.type": `#${ASSIGNMENT_TARGET_TYPES.exclusionGroup}`, groupId: g.id, ...filter });
  return out;
}

export function fromTargets(targets: readonly TAssignmentTarget[], names: Record<string, string> = {}): AssignmentsDraft {
  const out = emptyAssignments();
  for (const t of targets) {
    const kind = targetKind(t);
    const id = targetGroupId(t);
    if (kind === "allLicensedUsers") out.allUsers = true;
    else if (kind === "allDevices") out.allDevices = true;
    else if (kind === "group") out.included.push({ id, displayName: names[id] ?? id });
    else if (kind === "exclusionGroup") out.excluded.push({ id, displayName: names[id] ?? id });
  }
  return out;
}

// ------------------------------------------------------------------------------------------ applicability

const APPLICABILITY_KEYS = ["deviceManagementApplicabilityRuleOsEdition", "deviceManagementApplicabilityRuleOsVersion"] as const;

export function applicabilityBody(a: Applicability): Record<string, unknown> {
  const ruleType = a.rule === "assignIf" ? "include" : "exclude";
  return {
    deviceManagementApplicabilityRuleOsVersion:
      a.enabled && a.property === "osVersion"
        ? { minOSVersion: a.minVersion, maxOSVersion: a.maxVersion, name: null, ruleType }
        : null,
    deviceManagementApplicabilityRuleOsEdition:
      a.enabled && a.property === "osEdition" ? { osEditionTypes: a.editions, name: null, ruleType } : null,
  };
}

export function applicabilityFrom(settings: Record<string, unknown>): Applicability {
  const v = settings.deviceManagementApplicabilityRuleOsVersion as Record<string, unknown> | null | undefined;
  const e = settings.deviceManagementApplicabilityRuleOsEdition as Record<string, unknown> | null | undefined;
  const out = defaultApplicability();
  const rule = (x: Record<string, unknown>) => (x.ruleType === "exclude" ? "dontAssignIf" : "assignIf");
  if (v) Object.assign(out, { enabled: true, property: "osVersion", rule: rule(v), minVersion: String(v.minOSVersion ?? ""), maxVersion: String(v.maxOSVersion ?? "") });
  else if (e) Object.assign(out, { enabled: true, property: "osEdition", rule: rule(e), editions: Array.isArray(e.osEditionTypes) ? e.osEditionTypes : [] });
  return out;
}

// ------------------------------------------------------------------------------------------ bodies

/** The settings of the type, exactly its own properties (a property of another platform is never sent). */
function ownSettings(draft: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(TYPE_PROPERTIES[draft.odataType])) if (key in draft.settings) out[key] = draft.settings[key];
  return out;
}

/** Basics: what the Basics page edits. */
export function basicsBody(draft: Pick<Draft, "displayName" | "description">): Record<string, unknown> {
  return { displayName: draft.displayName.trim(), description: draft.description.trim() || null };
}

/** Configuration settings: the type's own properties and the root bind (and Windows applicability rules). */
export function settingsBody(draft: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = ownSettings(draft);
  if (isScepType(draft.odataType) && draft.rootCertificateId) body[ROOT_CERTIFICATE_BIND] = deviceConfigurationRef(draft.rootCertificateId);
  if (isWindows(draft.odataType)) Object.assign(body, applicabilityBody(draft.applicability));
  return body;
}

/** The POST body: polymorphic on @odata.type, as real tools send it. */
export function createBody(draft: Draft): Record<string, unknown> {
  return { "@odata.type": `#${draft.odataType}`, ...basicsBody(draft), ...settingsBody(draft) };
}

/** A GET answer → a draft to edit. */
export function draftFromProfile(p: Record<string, unknown>, targets: readonly TAssignmentTarget[] = [], names: Record<string, string> = {}): Draft {
  const odataType = normalizeProfileType(String(p["@odata.type"]))!;
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(TYPE_PROPERTIES[odataType])) settings[key] = p[key] ?? TYPE_PROPERTIES[odataType][key];
  for (const key of APPLICABILITY_KEYS) settings[key] = p[key] ?? null;
  const root = p.rootCertificate as { id?: string } | null | undefined;
  return {
    odataType,
    displayName: String(p.displayName ?? ""),
    description: String(p.description ?? ""),
    settings,
    rootCertificateId: root?.id ?? null,
    assignments: fromTargets(targets, names),
    applicability: applicabilityFrom(settings),
  };
}

// ------------------------------------------------------------------------------------------ certificate file

function bytesToBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * A .cer file as the API wants it: the base64 of the DER certificate. PEM is unwrapped; a PEM with a private
 * key sends the key (the API refuses it with TRUST_PFX_UPLOADED's words); anything binary is sent as is
 * (a .pfx is refused by the API).
 */
export function certificateFileToBase64(bytes: Uint8Array): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, 65536)));
  if (head.includes("-----BEGIN")) {
    const text = new TextDecoder("latin1").decode(bytes);
    const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)].map((m) => ({
      label: m[1]!,
      body: m[2]!.replace(/[^A-Za-z0-9+/=]/g, ""),
    }));
    const key = blocks.find((b) => /PRIVATE KEY|PKCS12/.test(b.label));
    if (key) return key.body;
    const cert = blocks.find((b) => /CERTIFICATE/.test(b.label));
    if (cert) return cert.body;
  }
  const trimmed = head.trim();
  // certutil -encode without headers: base64 text.
  if (bytes.length === head.length && /^[A-Za-z0-9+/=\s]+$/.test(trimmed) && trimmed.length > 64) return trimmed.replace(/\s+/g, "");
  return bytesToBase64(bytes);
}
