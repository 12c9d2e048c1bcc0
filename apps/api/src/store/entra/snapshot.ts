// The rule engine's picture of Entra application proxy (packages/domain entra/snapshot.ts), assembled from the
// database: applications with their publishing settings, parsed custom-domain certificates and assignments,
// connector groups, connectors with their status from the lab, and custom-domain hosts with what the lab's public
// DNS answers for them. Undefined when the tenant has no applications, connectors or connector groups.
import { classifyExternalHost, cnameTargetFor, urlHost } from "@certlab/domain/entra/on-premises-publishing";
import type { ConnectorGroupRegion, EntraCustomDomain, EntraSnapshot } from "@certlab/domain/entra/snapshot";
import type { Db, Tx } from "../../db/client.ts";
import { findRows } from "../../db/fast-find.ts";
import { applicationData } from "./data.ts";
import { withStatus } from "./connectors.ts";
import { publicDnsRecords } from "./domains.ts";

const REGIONS = new Set(["nam", "eur", "aus", "asia", "ind"]);

export async function entraSnapshot(db: Db | Tx, tenantId: string): Promise<EntraSnapshot | undefined> {
  const [apps, sps, assignments, groups, connectorRows, domains] = await Promise.all([
    findRows(db, "application", { where: { tenantId }, orderBy: [{ displayName: "asc" }, { id: "asc" }] }),
    findRows(db, "servicePrincipal", { where: { tenantId }, select: { id: true, appId: true } }),
    findRows(db, "appRoleAssignment", { where: { tenantId }, select: { resourceId: true, principalId: true, principalType: true, principalDisplayName: true } }),
    findRows(db, "connectorGroup", { where: { tenantId }, orderBy: [{ isDefault: "desc" }, { name: "asc" }] }),
    findRows(db, "appProxyConnector", { where: { tenantId }, orderBy: [{ machineName: "asc" }] }),
    findRows(db, "domain", { where: { tenantId }, select: { name: true, isVerified: true, isInitial: true } }),
  ]);
  if (apps.length === 0 && groups.length === 0 && connectorRows.length === 0) return undefined;

  // Without a record of ours, a lab forest's own public DNS (network.externalDnsRecords) answers; with neither, "no CNAME".
  const [connectors, dns, forests] = await Promise.all([
    withStatus(db, tenantId, connectorRows),
    publicDnsRecords(db, tenantId),
    findRows(db, "labObject", { where: { tenantId, kind: "forest" }, select: { id: true } }),
  ]);
  const labHasDns = forests.length > 0;
  const spByAppId = new Map(sps.map((s) => [s.appId, s.id]));
  const initial = domains.find((d) => d.isInitial)?.name ?? "";
  const domainList = domains.map((d) => ({ name: d.name, isVerified: d.isVerified }));
  const customDomains = new Map<string, EntraCustomDomain>();

  const applications = apps.map((a) => {
    const data = applicationData(a);
    const spId = spByAppId.get(a.appId) ?? "";
    const p = data.onPremisesPublishing;
    if (p && initial) {
      const host = urlHost(p.externalUrl.trim());
      const kind = host ? classifyExternalHost(host, initial, domainList) : undefined;
      if (host && kind?.kind === "custom" && !customDomains.has(host)) {
        const cname = dns.find((r) => r.type === "CNAME" && r.name === host);
        customDomains.set(host, { name: host, isVerified: kind.isVerified, cnameTarget: cnameTargetFor(host, kind.domain, initial), publicDnsCname: cname ? cname.value : labHasDns ? undefined : null });
      }
    }
    return {
      id: a.id,
      appId: a.appId,
      displayName: a.displayName,
      servicePrincipalId: spId,
      onPremisesPublishing: p,
      connectorGroupId: a.connectorGroupId,
      maintenanceMode: data.maintenanceMode,
      ...(data.customDomainCertificate ? { customDomainCertificate: data.customDomainCertificate } : {}),
      assignedPrincipals: assignments
        .filter((x) => x.resourceId === spId)
        .map((x) => ({ principalId: x.principalId, principalType: x.principalType === "Group" ? ("Group" as const) : ("User" as const), displayName: x.principalDisplayName })),
    };
  });

  return {
    applications,
    connectorGroups: groups.map((g) => ({ id: g.id, name: g.name, region: g.region && REGIONS.has(g.region) ? (g.region as ConnectorGroupRegion) : null, isDefault: g.isDefault })),
    connectors: connectors.map((c) => ({
      id: c.id,
      machineName: c.machineName,
      externalIp: c.externalIp,
      status: c.status,
      version: c.connectorVersion,
      connectorGroupId: c.connectorGroupId,
      serverId: c.serverId || null,
    })),
    customDomains: [...customDomains.values()],
  };
}
