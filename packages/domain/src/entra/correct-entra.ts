// The Entra side of seed 000 (000_6abfab919ea0a4d2.txt) done right: the NDES application published through
// application proxy with Passthrough in "NDES Connector Group". Used by the complete correct setup
// (setup/complete-setup.ts), scenarios and tests (entra/testing.ts re-exports it).
import { testId } from "../directory/tenant-builder";
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
