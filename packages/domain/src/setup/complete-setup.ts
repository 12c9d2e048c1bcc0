// The complete correct setup (issue 8): the whole tenant done right across seeds 000–004 — the answer key guided
// flows, workshops and QA scenarios compare against, and what POST /api/lab/reset {"scenario":"complete"} loads.
//
// - Lab (seed 002, 002_823a4c777ce30773.txt; two-tier PKI of seed 004, 004_0623edc70b4e3354.txt): correctLab(),
//   with TWO private network connector servers (seed 003, 003_43f76a8e56847852.txt: a connector group of more than
//   one connector for availability) and the application proxy External URL host in the NDES IIS certificate's SAN.
// - Entra (seed 000, 000_6abfab919ea0a4d2.txt): the NDES application published through application proxy with
//   Passthrough, internal URL https://<NDES FQDN>/, in "NDES Connector Group" holding both connectors.
// - Intune (seed 001, 001_6feb1c2e8b30dee5.txt): per platform the SCEP profiles target (iOS/iPadOS, macOS,
//   Windows 10/11, Android Enterprise fully managed and personally-owned work profile), a trusted certificate
//   profile for the root CA, for Android also one for the issuing CA ("one trusted certificate profile for the root
//   CA and another one for the issuing CA"), and a SCEP profile using the External URL; root, issuing and SCEP
//   profiles assigned to the same group.
// - Directory: a subscription with Intune and Entra ID P1 (seed 003 prerequisites), the Certificate Connector's
//   sign-in account an Intune Administrator with an Intune licence (seeds 001, 002), the private network
//   connector registered by an Application Administrator (seed 000), a user group the profiles are assigned to.
//
// completeSetupPlan() builds on a tenant's real directory (the API passes its own; by default a directory like the
// demo tenant's) and says what it adds, so the API can write exactly that; completeSetup() is its snapshot.
import { ROLE_IDS } from "../directory/roles";
import { SKU_IDS, hasIntuneLicense, skuGrantsEntraP1, skuGrantsIntune } from "../directory/licenses";
import { aTenant } from "../directory/tenant-builder";
import { correctEntra } from "../entra/correct-entra";
import { externalUrlFor } from "../entra/on-premises-publishing";
import type { EntraSnapshot } from "../entra/snapshot";
import { factsOfCaCertificate, groupTarget, profileCreateBody, scepSettings } from "../intune/builders";
import { newProfileSettings, SCEP_TYPES, TRUSTED_ROOT_TYPES, type TPlatform } from "../intune/profiles";
import type { IntuneSnapshot, SnapProfile } from "../intune/snapshot";
import { correctLab, CORRECT_LAB_NAMES } from "../lab/correct-lab";
import type { CertificationAuthority, LabSnapshot } from "../lab/snapshot";
import type { SnapSubscribedSku, SnapUser, TenantSnapshot } from "../rules/snapshot";

/** The platforms the SCEP profiles target (issue 8), in the order the portal's Platform list shows them. */
export const SETUP_PLATFORMS = ["iOS", "macOS", "windows", "androidDeviceOwner", "androidWorkProfile"] as const satisfies readonly TPlatform[];
export type SetupPlatform = (typeof SETUP_PLATFORMS)[number];
/** Android needs the issuing CA in a trusted certificate profile of its own (seed 001; TRUST_ISSUING_CA_NOT_DEPLOYED). */
export const ISSUING_CA_PLATFORMS = ["androidDeviceOwner", "androidWorkProfile"] as const satisfies readonly SetupPlatform[];

const PLATFORM_LABEL: Record<SetupPlatform, string> = {
  iOS: "iOS",
  macOS: "macOS",
  windows: "Windows",
  androidDeviceOwner: "Android fully managed",
  androidWorkProfile: "Android work profile",
};

const id = (n: number) => `00000000-0000-4000-8000-0000000c${n.toString(16).padStart(4, "0")}`;

/** The names and ids the complete setup uses (guides, topology and tests refer to them). */
export const COMPLETE_SETUP = {
  lab: CORRECT_LAB_NAMES,
  /** The private network connector servers (seed 003: more than one connector per group). */
  appProxyServers: ["APPPROXY01", "APPPROXY02"],
  application: { displayName: "NDES", prefix: "ndes" },
  connectorGroup: { name: "NDES Connector Group", region: "nam" },
  scepGroup: { displayName: "Certlab SCEP Users", mailNickname: "certlabscepusers", description: "Users who receive the SCEP certificates of the complete correct setup" },
  /** Enterprise Mobility + Security E3: Intune Plan 1 and Entra ID P1. */
  sku: { skuId: SKU_IDS.EMS, skuPartNumber: "EMS" },
  /** Used when the directory has no (enabled) holder of the role. */
  defaultAccounts: {
    intuneAdmin: { prefix: "intune-admin", displayName: "Intune Admin" },
    appAdmin: { prefix: "app-admin", displayName: "Application Admin" },
  },
  ids: {
    defaultConnectorGroup: id(1),
    connectorGroup: id(2),
    application: id(3),
    appId: id(4),
    servicePrincipal: id(5),
    scepGroup: id(6),
    rootProfile: { iOS: id(0x10), macOS: id(0x11), windows: id(0x12), androidDeviceOwner: id(0x13), androidWorkProfile: id(0x14) } as Record<SetupPlatform, string>,
    issuingProfile: { androidDeviceOwner: id(0x23), androidWorkProfile: id(0x24) } as Record<(typeof ISSUING_CA_PLATFORMS)[number], string>,
    scepProfile: { iOS: id(0x30), macOS: id(0x31), windows: id(0x32), androidDeviceOwner: id(0x33), androidWorkProfile: id(0x34) } as Record<SetupPlatform, string>,
  },
  profileName: {
    root: (p: SetupPlatform) => `${CORRECT_LAB_NAMES.rootCa} - ${PLATFORM_LABEL[p]}`,
    issuing: (p: SetupPlatform) => `${CORRECT_LAB_NAMES.issuingCa} - ${PLATFORM_LABEL[p]}`,
    scep: (p: SetupPlatform) => `SCEP user certificate - ${PLATFORM_LABEL[p]}`,
  },
} as const;

export type CompleteSetupOptions = {
  /** The moment the setup describes (default: now). */
  now?: Date;
  /** The tenant and its directory to build on (default: a directory like the demo tenant Contoso's). */
  base?: Pick<TenantSnapshot, "tenant" | "directory">;
  /** Ids for the directory objects the setup adds (users, groups); default: deterministic. */
  newId?: () => string;
};

/** A trusted certificate profile of the setup and the lab CA whose certificate it holds. */
export type SetupProfile = { profile: SnapProfile; caId?: string; platform: SetupPlatform; kind: "root" | "issuing" | "scep" };

export type CompleteSetupPlan = {
  snapshot: TenantSnapshot;
  externalUrl: string;
  internalUrl: string;
  scepUrl: string;
  /** The Certificate Connector's sign-in account and the account that registered the private network connectors. */
  accounts: { intuneAdmin: SnapUser; appAdmin: SnapUser };
  /** What the setup adds to the directory it was given. */
  directory: {
    subscribedSkus: SnapSubscribedSku[];
    users: SnapUser[];
    licences: { userId: string; skuId: string }[];
    roleAssignments: { principalId: string; roleDefinitionId: string }[];
    /** The group the profiles are assigned to; `isNew` when the directory didn't have it. */
    scepGroup: { id: string; displayName: string; mailNickname: string; description: string; isNew: boolean };
    groupMembers: { groupId: string; memberId: string }[];
  };
  /** Trusted certificate profiles first (SCEP profiles bind to them), in creation order. */
  profiles: SetupProfile[];
};

/** The demo tenant's directory (apps/api/src/seed/demo.ts): one user per role, EMS E3 for the two admins. */
function defaultBase(): Pick<TenantSnapshot, "tenant" | "directory"> {
  const t = aTenant({
    displayName: "Contoso",
    skus: ["EMS"],
    users: [
      { upn: "admin@contoso.onmicrosoft.com", displayName: "Contoso Admin", roles: ["globalAdministrator"], licenses: ["EMS"] },
      { upn: "intune-admin@contoso.onmicrosoft.com", displayName: "Intune Admin", roles: ["intuneAdministrator"], licenses: ["EMS"] },
      { upn: "app-admin@contoso.onmicrosoft.com", displayName: "Application Admin", roles: ["applicationAdministrator"] },
      { upn: "reader@contoso.onmicrosoft.com", displayName: "Global Reader", roles: ["globalReader"] },
    ],
  });
  return { tenant: t.tenant, directory: t.directory };
}

function deterministicIds(): () => string {
  let n = 0x100;
  return () => id(n++);
}

/** The whole tenant done right, with what it adds to `opts.base`'s directory. */
export function completeSetupPlan(opts: CompleteSetupOptions = {}): CompleteSetupPlan {
  const now = opts.now ?? new Date();
  const asOf = now.toISOString();
  const S = COMPLETE_SETUP;
  const base = structuredClone(opts.base ?? defaultBase());
  const newId = opts.newId ?? deterministicIds();
  const dir = base.directory;
  const initialDomain = dir.domains.find((d) => d.isInitial)?.name ?? dir.domains[0]?.name ?? "contoso.onmicrosoft.com";

  // ── Directory: the subscription, the two accounts, their roles and licences, the SCEP users group.
  const added: CompleteSetupPlan["directory"] = {
    subscribedSkus: [],
    users: [],
    licences: [],
    roleAssignments: [],
    scepGroup: { id: "", displayName: S.scepGroup.displayName, mailNickname: S.scepGroup.mailNickname, description: S.scepGroup.description, isNew: false },
    groupMembers: [],
  };
  const hasSku = (test: (skuId: string) => boolean) => dir.subscribedSkus.some((s) => test(s.skuId.toLowerCase()) && s.capabilityStatus !== "Suspended");
  if (!dir.subscribedSkus.some((s) => s.skuId.toLowerCase() === S.sku.skuId) && !(hasSku(skuGrantsIntune) && hasSku(skuGrantsEntraP1))) {
    const sku = { ...S.sku, capabilityStatus: "Enabled" };
    dir.subscribedSkus.push(sku);
    added.subscribedSkus.push(sku);
  }
  const directRoles = (userId: string) => new Set(dir.roleAssignments.filter((r) => r.principalId === userId).map((r) => r.roleDefinitionId.toLowerCase()));
  const account = (roleId: string, spec: { prefix: string; displayName: string }): SnapUser => {
    const holder = dir.users.find((u) => u.accountEnabled && directRoles(u.id).has(roleId));
    if (holder) return holder;
    const upn = `${spec.prefix}@${initialDomain}`;
    let user = dir.users.find((u) => u.userPrincipalName.toLowerCase() === upn);
    if (!user) {
      user = { id: newId(), displayName: spec.displayName, userPrincipalName: upn, accountEnabled: true, assignedLicenses: [] };
      dir.users.push(user);
      added.users.push(user);
    }
    dir.roleAssignments.push({ principalId: user.id, roleDefinitionId: roleId });
    added.roleAssignments.push({ principalId: user.id, roleDefinitionId: roleId });
    return user;
  };
  const intuneAdmin = account(ROLE_IDS.intuneAdministrator, S.defaultAccounts.intuneAdmin);
  const appAdmin = account(ROLE_IDS.applicationAdministrator, S.defaultAccounts.appAdmin);
  // Licences: the connector's sign-in account needs Intune (seeds 001, 002); app proxy users need Entra ID P1 (seed 003).
  const skuId = dir.subscribedSkus.find((s) => s.skuId.toLowerCase() === S.sku.skuId)?.skuId ?? S.sku.skuId;
  for (const user of [intuneAdmin, appAdmin]) {
    const ok = user === intuneAdmin ? hasIntuneLicense(user.assignedLicenses) : user.assignedLicenses.some((l) => skuGrantsEntraP1(l.skuId.toLowerCase()));
    if (ok) continue;
    user.assignedLicenses.push({ skuId, disabledPlans: [] });
    added.licences.push({ userId: user.id, skuId });
  }
  let group = dir.groups.find((g) => g.displayName.toLowerCase() === S.scepGroup.displayName.toLowerCase());
  if (!group) {
    group = { id: newId(), displayName: S.scepGroup.displayName };
    dir.groups.push(group);
    added.scepGroup.isNew = true;
  }
  added.scepGroup.id = group.id;
  // The group holds every enabled user with an Intune licence: the users who enrol devices and get certificates.
  for (const u of dir.users) {
    if (!u.accountEnabled || !hasIntuneLicense(u.assignedLicenses)) continue;
    if (dir.groupMembers.some((m) => m.groupId === group.id && m.memberId === u.id)) continue;
    dir.groupMembers.push({ groupId: group.id, memberId: u.id });
    added.groupMembers.push({ groupId: group.id, memberId: u.id });
  }

  // ── Entra application proxy (seed 000): the External URL on the tenant's default msappproxy.net domain.
  const externalUrl = externalUrlFor(S.application.prefix, "default", initialDomain);
  const externalHost = new URL(externalUrl).hostname;
  const internalUrl = `https://${S.lab.ndesFqdn}/`;
  const scepUrl = `${externalUrl}certsrv/mscep/mscep.dll`;

  // ── Lab (seed 002): two connector servers in the NDES connector group, the External URL host in the IIS SAN.
  const lab: LabSnapshot = correctLab({
    now,
    appProxyServers: S.appProxyServers,
    appProxyConnectorGroupId: S.ids.connectorGroup,
    intuneAdminUpn: intuneAdmin.userPrincipalName,
    appAdminUpn: appAdmin.userPrincipalName,
    extraIisSanNames: [externalHost],
  });
  const serverOf = (serverId: string) => lab.servers.find((s) => s.id === serverId)!;

  const entra: EntraSnapshot = correctEntra({ tenant: initialDomain.replace(/\.onmicrosoft\.com$/i, ""), ndesFqdn: S.lab.ndesFqdn });
  const template = entra.connectors[0]!;
  entra.connectorGroups = [
    { id: S.ids.defaultConnectorGroup, name: "Default", region: "nam", isDefault: true },
    { id: S.ids.connectorGroup, name: S.connectorGroup.name, region: S.connectorGroup.region, isDefault: false },
  ];
  entra.connectors = lab.appProxyConnectors.map((c) => ({
    ...template,
    id: c.id,
    machineName: serverOf(c.serverId).fqdn,
    version: c.version,
    connectorGroupId: S.ids.connectorGroup,
    serverId: c.serverId,
  }));
  entra.applications = entra.applications.map((a) => ({
    ...a,
    id: S.ids.application,
    appId: S.ids.appId,
    displayName: S.application.displayName,
    servicePrincipalId: S.ids.servicePrincipal,
    connectorGroupId: S.ids.connectorGroup,
    onPremisesPublishing: { ...a.onPremisesPublishing!, externalUrl, internalUrl },
  }));
  entra.asOf = asOf;

  // ── Intune (seed 001 part 3): trusted root (and issuing) + SCEP per platform, all assigned to the SCEP group.
  const root = lab.cas.find((c) => !c.parentCaId)!;
  const issuing = lab.cas.find((c) => c.parentCaId === root.id)!;
  const trusted = (platform: SetupPlatform, kind: "root" | "issuing", ca: CertificationAuthority): SetupProfile => {
    const odataType = TRUSTED_ROOT_TYPES[platform];
    const settings: Record<string, unknown> = { ...newProfileSettings(odataType), certFileName: `${ca.name}.cer` };
    // Windows: the root into the computer's Trusted Root store, an issuing CA into Intermediate (S6).
    if (platform === "windows") settings.destinationStore = kind === "root" ? "computerCertStoreRoot" : "computerCertStoreIntermediate";
    const profileId = kind === "root" ? S.ids.rootProfile[platform] : S.ids.issuingProfile[platform as (typeof ISSUING_CA_PLATFORMS)[number]];
    return {
      kind,
      platform,
      caId: ca.id,
      profile: { id: profileId, odataType, displayName: S.profileName[kind](platform), settings, rootCertificateId: null, certificate: factsOfCaCertificate(ca.certificate) },
    };
  };
  const profiles: SetupProfile[] = [];
  for (const p of SETUP_PLATFORMS) profiles.push(trusted(p, "root", root));
  for (const p of ISSUING_CA_PLATFORMS) profiles.push(trusted(p, "issuing", issuing));
  for (const p of SETUP_PLATFORMS) {
    const settings = scepSettings(p, scepUrl);
    // macOS: User certificates go through the user deployment channel (S5, PROF_MACOS_CHANNEL_MISMATCH).
    if (p === "macOS") settings.deploymentChannel = "userChannel";
    profiles.push({
      kind: "scep",
      platform: p,
      profile: { id: S.ids.scepProfile[p], odataType: SCEP_TYPES[p], displayName: S.profileName.scep(p), settings, rootCertificateId: S.ids.rootProfile[p] },
    });
  }
  const intune: IntuneSnapshot = {
    asOf,
    profiles: profiles.map((p) => p.profile),
    assignments: profiles.map((p) => ({ profileId: p.profile.id, target: groupTarget(group.id) })),
    certificateConnectors: lab.intuneCertificateConnectors.map((c) => ({
      id: c.id,
      connectorName: serverOf(c.serverId).name,
      machineName: serverOf(c.serverId).fqdn,
      version: c.version,
      // An active connector checks in continuously (apps/api store/intune/connectors.ts).
      lastCheckinDateTime: asOf,
      generation: c.generation,
      enrollmentDateTime: c.enrolledDateTime,
    })),
  };

  return {
    snapshot: { tenant: base.tenant, directory: dir, lab, intune, entra },
    externalUrl,
    internalUrl,
    scepUrl,
    accounts: { intuneAdmin, appAdmin },
    directory: added,
    profiles,
  };
}

/** The complete correct setup as the rule engine sees it. */
export function completeSetup(opts: CompleteSetupOptions = {}): TenantSnapshot {
  return completeSetupPlan(opts).snapshot;
}

/** The Graph create body of a setup profile; a trusted profile's takes the base64 DER of its CA certificate. */
export function setupProfileBody(p: SetupProfile, opts: { rootId?: string; certificateBase64?: string } = {}): Record<string, unknown> {
  return profileCreateBody(p.profile, { rootId: opts.rootId, trustedRootCertificate: opts.certificateBase64 });
}
