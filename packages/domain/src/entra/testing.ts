// Builders for tests, scenarios and the demo tenant: the Entra side of seed 000 done right, and small helpers
// to break it the way trainers do.
import type { TenantSnapshot } from "../rules/snapshot";
import { aTenant, testId, type TenantSpec } from "../rules/testing";
import { ON_PREMISES_PUBLISHING_DEFAULTS, externalUrlFor } from "./on-premises-publishing";
import type { EntraApplication, EntraConnector, EntraConnectorGroup, EntraSnapshot } from "./snapshot";

export type CorrectEntraOptions = {
  /** Initial domain prefix: "contoso" → contoso.onmicrosoft.com, external URL https://ndes-contoso.msappproxy.net/. */
  tenant?: string;
  /** The NDES server's FQDN; the internal URL is https://<fqdn>/. */
  ndesFqdn?: string;
  /** The lab server the connector runs on (seed 000 installs it on the NDES server). */
  connectorServerId?: string | null;
  /** Put the connector and the app in a "NDES Connector Group" (default) or leave both in Default. */
  useNdesGroup?: boolean;
};

export const ENTRA_IDS = {
  defaultGroup: testId(0x9001),
  ndesGroup: testId(0x9002),
  connector: testId(0x9003),
  application: testId(0x9004),
  appId: testId(0x9005),
  servicePrincipal: testId(0x9006),
} as const;

/**
 * The end state of seed 000: one Active private network connector (on the NDES server) in "NDES Connector Group",
 * the NDES application published with Pre Authentication = Passthrough, internal URL https://<NDES FQDN>/ and
 * external URL https://ndes-contoso.msappproxy.net/, every additional setting at its default.
 */
export function correctEntra(options: CorrectEntraOptions = {}): EntraSnapshot {
  const tenant = options.tenant ?? "contoso";
  const fqdn = options.ndesFqdn ?? "ndes01.corp.contoso.com";
  const useNdesGroup = options.useNdesGroup ?? true;
  const groups: EntraConnectorGroup[] = [
    { id: ENTRA_IDS.defaultGroup, name: "Default", region: "nam", isDefault: true },
  ];
  if (useNdesGroup) groups.push({ id: ENTRA_IDS.ndesGroup, name: "NDES Connector Group", region: "nam", isDefault: false });
  const groupId = useNdesGroup ? ENTRA_IDS.ndesGroup : ENTRA_IDS.defaultGroup;
  const connector: EntraConnector = {
    id: ENTRA_IDS.connector,
    machineName: fqdn.replace(/^[^.]+/, (m) => m.toUpperCase()),
    externalIp: "131.137.147.164",
    status: "active",
    version: "1.5.3437.0",
    connectorGroupId: groupId,
    serverId: options.connectorServerId === undefined ? null : options.connectorServerId,
  };
  const app: EntraApplication = {
    id: ENTRA_IDS.application,
    appId: ENTRA_IDS.appId,
    displayName: "NDES",
    servicePrincipalId: ENTRA_IDS.servicePrincipal,
    onPremisesPublishing: {
      ...ON_PREMISES_PUBLISHING_DEFAULTS,
      externalAuthenticationType: "passthru",
      internalUrl: `https://${fqdn}/`,
      externalUrl: externalUrlFor("ndes", "default", `${tenant}.onmicrosoft.com`),
      verifiedCustomDomainCertificatesMetadata: null,
    },
    connectorGroupId: groupId,
    maintenanceMode: false,
    assignedPrincipals: [],
  };
  return { applications: [app], connectorGroups: groups, connectors: [connector], customDomains: [] };
}

/** A directory that can run seed 000 (Entra ID P1 through Microsoft 365 E3, an Application Administrator) plus `entra`. */
export function aTenantWithEntra(entra: EntraSnapshot = correctEntra(), spec: TenantSpec = {}): TenantSnapshot {
  return {
    ...aTenant({
      skus: ["SPE_E3"],
      users: [{ upn: `admin@${spec.domain ?? "contoso"}.onmicrosoft.com`, roles: ["applicationAdministrator"], licenses: ["SPE_E3"] }],
      ...spec,
    }),
    entra,
  };
}

/** A copy of `entra` with the NDES application changed. */
export function withNdesApp(entra: EntraSnapshot, change: (app: EntraApplication) => EntraApplication): EntraSnapshot {
  return { ...entra, applications: entra.applications.map((a) => (a.id === ENTRA_IDS.application ? change(a) : a)) };
}

/** A copy of `entra` with the NDES application's onPremisesPublishing changed. */
export function withPublishing(
  entra: EntraSnapshot,
  change: Partial<NonNullable<EntraApplication["onPremisesPublishing"]>>,
): EntraSnapshot {
  return withNdesApp(entra, (a) => ({ ...a, onPremisesPublishing: { ...a.onPremisesPublishing!, ...change } }));
}
