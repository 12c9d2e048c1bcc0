// Builders for Intune rule tests (and API tests): profiles the way an admin makes them in the wizard, and
// correctIntune() — seed 001 part 3 done right: an iOS trusted certificate profile holding the lab's root CA, an
// iOS SCEP profile that references it with the NDES URL, key usage Digital signature + Key encipherment, 2048
// bits, Client Authentication, renewal 20 %, both assigned to the same group; one healthy certificate connector.
import { aTenant, testId, type TenantSpec } from "../rules/testing";
import type { TenantSnapshot } from "../rules/snapshot";
import { ALL_DEVICES_ID } from "./assignments";
import { factsOfCaCertificate, groupTarget, scepSettings } from "./builders";
import { newProfileSettings, SCEP_TYPES, TRUSTED_ROOT_TYPES, type TPlatform } from "./profiles";

export { allDevicesTarget, allUsersTarget, exclusionTarget, factsOfCaCertificate, groupTarget } from "./builders";
import { correctLab } from "../lab/correct-lab";
import { correctEntra } from "../entra/testing";
import type { IntuneSnapshot, SnapCertificateConnector, SnapProfile, TrustedCertificateFacts } from "./snapshot";

export const AS_OF = "2026-03-12T08:00:00Z";
export const ROOT_PROFILE_ID = testId(0x100);
export const SCEP_PROFILE_ID = testId(0x101);
/** The NDES URL published through application proxy (graph-reference.md §4.5, seed 000). */
export const NDES_URL = "https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll";

/** The root CA certificate exported with `certutil -ca.cert C:\root.cer` (seed 001), as packages/pki reads it. */
export const ROOT_CERT: TrustedCertificateFacts = {
  thumbprint: "6F1C2A7D3E0B9F4A5C8D2E1F0A3B4C5D6E7F8091",
  subject: "CN=Contoso Root CA, DC=corp, DC=contoso, DC=com",
  issuer: "CN=Contoso Root CA, DC=corp, DC=contoso, DC=com",
  notBefore: "2025-01-01T00:00:00Z",
  notAfter: "2035-01-01T00:00:00Z",
  isCa: true,
  signatureAlgorithm: "sha256RSA",
  hasPrivateKey: false,
};

export function trustedProfile(
  platform: TPlatform,
  opts: { id?: string; displayName?: string; certificate?: TrustedCertificateFacts; settings?: Record<string, unknown> } = {},
): SnapProfile {
  const odataType = TRUSTED_ROOT_TYPES[platform];
  return {
    id: opts.id ?? ROOT_PROFILE_ID,
    odataType,
    displayName: opts.displayName ?? `Contoso Root CA - ${platform}`,
    settings: {
      ...newProfileSettings(odataType),
      trustedRootCertificate: "MIIDdzCCAl+gAwIBAgIQK",
      certFileName: "root.cer",
      ...opts.settings,
    },
    rootCertificateId: null,
    certificate: opts.certificate ?? ROOT_CERT,
  };
}

export function scepProfile(
  platform: TPlatform,
  opts: { id?: string; displayName?: string; rootCertificateId?: string | null; settings?: Record<string, unknown> } = {},
): SnapProfile {
  const odataType = SCEP_TYPES[platform];
  return {
    id: opts.id ?? SCEP_PROFILE_ID,
    odataType,
    displayName: opts.displayName ?? `SCEP - ${platform}`,
    settings: { ...scepSettings(platform, NDES_URL), ...opts.settings },
    rootCertificateId: opts.rootCertificateId === undefined ? ROOT_PROFILE_ID : opts.rootCertificateId,
  };
}

export { ALL_DEVICES_ID };

export const CONNECTOR: SnapCertificateConnector = {
  id: testId(0x200),
  connectorName: "NDES01",
  machineName: "NDES01.corp.contoso.com",
  version: "6.2406.0.2002",
  lastCheckinDateTime: "2026-03-12T07:45:00Z",
  generation: "current",
  enrollmentDateTime: "2026-01-05T10:00:00Z",
};

/** The tenant of seed 001 part 3: one user group holding Adele, who the profiles are for. */
export const INTUNE_TENANT: TenantSpec = {
  skus: ["SPE_E3"],
  users: [
    { upn: "admin@contoso.onmicrosoft.com", roles: ["globalAdministrator"], licenses: ["SPE_E3"] },
    { upn: "appadmin@contoso.onmicrosoft.com", roles: ["applicationAdministrator"] },
    { upn: "adele@contoso.onmicrosoft.com", licenses: ["SPE_E3"] },
  ],
  groups: [{ displayName: "SCEP users", members: ["adele@contoso.onmicrosoft.com"] }],
};

/** The id of the "SCEP users" group of INTUNE_TENANT in a snapshot. */
export function groupId(t: TenantSnapshot, displayName: string): string {
  const g = t.directory.groups.find((x) => x.displayName === displayName);
  if (!g) throw new Error(`no group '${displayName}'`);
  return g.id;
}

/** Seed 001 part 3, done right. */
export function correctIntune(tenant: TenantSnapshot = aTenant(INTUNE_TENANT)): TenantSnapshot {
  const users = groupId(tenant, "SCEP users");
  const intune: IntuneSnapshot = {
    asOf: AS_OF,
    profiles: [trustedProfile("iOS", { displayName: "Contoso Root CA - iOS" }), scepProfile("iOS", { displayName: "SCEP - iOS" })],
    assignments: [
      { profileId: ROOT_PROFILE_ID, target: groupTarget(users) },
      { profileId: SCEP_PROFILE_ID, target: groupTarget(users) },
    ],
    certificateConnectors: [{ ...CONNECTOR }],
  };
  return { ...tenant, intune };
}

/** A copy of `t` whose Intune section is changed by `edit` (profiles are deep-copied first). */
export function withIntune(t: TenantSnapshot, edit: (intune: IntuneSnapshot) => void): TenantSnapshot {
  const intune = structuredClone(t.intune!);
  edit(intune);
  return { ...t, intune };
}

/** The profile with `id` in a snapshot's Intune section (for edits in tests). */
export function profile(intune: IntuneSnapshot, id: string): SnapProfile {
  const p = intune.profiles.find((x) => x.id === id);
  if (!p) throw new Error(`no profile ${id}`);
  return p;
}

/**
 * Seeds 000–002 together, done right: the lab of correctLab() (two-tier PKI, NDES01, IntuneSCEP in the MSCEP
 * registry), the application proxy of correctEntra() (External URL https://ndes-contoso.msappproxy.net/), and
 * correctIntune() whose iOS trusted certificate profile holds the lab's root CA certificate.
 */
export function correctTenant(): TenantSnapshot {
  const lab = correctLab({ now: new Date(AS_OF) });
  const root = lab.cas.find((c) => !c.parentCaId);
  if (!root) throw new Error("correctLab has no root CA");
  const t = withIntune(correctIntune(), (i) => (profile(i, ROOT_PROFILE_ID).certificate = factsOfCaCertificate(root.certificate)));
  return { ...t, lab, entra: correctEntra() };
}
