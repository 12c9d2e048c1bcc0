// The LabSnapshot the rules see, assembled from the stored lab. Secrets (CA and certificate private keys) and the
// consoles' extras (CA request log) are left out. What follows the server live is computed here, never stored:
// a connector whose service is stopped or whose server cannot reach the internet is inactive, and a running
// Certificate Connector with outbound 443 checks in continuously.
import type { AppProxyConnector, IntuneCertificateConnector, LabServer, LabSnapshot } from "@certlab/domain/lab/snapshot";
import { SERVICE, connectorServices } from "@certlab/domain/lab/services";
import type { Db } from "../../db/client.ts";
import { LabDraft, type StoredAppProxyConnector, type StoredCa, type StoredIntuneConnector, type StoredServer } from "./state.ts";

export type ConnectorStatus = "active" | "inactive";

const serviceRunning = (server: LabServer | undefined, name: string) =>
  !!server?.services.some((s) => s.name.toLowerCase() === name.toLowerCase() && s.status === "running");

/** Microsoft Entra private network connector status: active while its service runs and 443 outbound is open. */
export function appProxyConnectorStatus(server: LabServer | undefined): ConnectorStatus {
  if (!server) return "inactive";
  return serviceRunning(server, SERVICE.appProxyConnector.name) && server.network.outbound443 && !server.network.tlsInspection ? "active" : "inactive";
}

/** Certificate Connector for Microsoft Intune: active while its services run and it reaches Intune on 443. */
export function intuneConnectorStatus(server: LabServer | undefined, c: Pick<IntuneCertificateConnector, "generation" | "features">): ConnectorStatus {
  if (!server || !server.network.outbound443) return "inactive";
  return connectorServices(c).every((id) => serviceRunning(server, SERVICE[id].name)) ? "active" : "inactive";
}

export function publicServer(s: StoredServer): LabServer {
  const { privateKeys: _keys, certificatePems: _pems, ...server } = s;
  return server;
}

export function publicCa(c: StoredCa) {
  const { material: _material, ...ca } = c as StoredCa & { requests?: unknown };
  delete ca.requests;
  return ca;
}

export function snapshotIntuneConnector(c: StoredIntuneConnector, server: LabServer | undefined, now = new Date()): IntuneCertificateConnector {
  const { connectorName: _n, machineName: _m, ...connector } = c;
  // A connector that runs and reaches Intune checks in continuously; otherwise its last check-in stays where it was.
  return intuneConnectorStatus(server, c) === "active" ? { ...connector, lastCheckinDateTime: now.toISOString() } : connector;
}

export function snapshotAppProxyConnector(c: StoredAppProxyConnector): AppProxyConnector {
  const { machineName: _m, externalIp: _e, createdDateTime: _c, ...connector } = c;
  return connector;
}

export function toLabSnapshot(d: LabDraft, now = new Date()): LabSnapshot | undefined {
  if (d.isEmpty) return undefined;
  const forest = d.list("forest")[0];
  const servers = d.list("server").map(publicServer);
  const byId = new Map(servers.map((s) => [s.id, s]));
  return {
    forest: forest?.forest ?? { name: "", domains: [] },
    accounts: d.list("adAccount"),
    groups: d.list("adGroup"),
    servers,
    cas: d.list("ca").map(publicCa),
    templates: d.list("template"),
    ndes: d.list("ndes"),
    intuneCertificateConnectors: d.intuneConnectors().map((c) => snapshotIntuneConnector(c, byId.get(c.serverId), now)),
    appProxyConnectors: d.appProxyConnectors().map(snapshotAppProxyConnector),
    reverseProxies: d.list("reverseProxy"),
    network: forest?.network ?? { inbound443ToNdesFromInternet: false, ndesToCaRpcOpen: true, externalDnsRecords: [] },
  };
}

/** The tenant's lab for the rule engine; undefined when the tenant has no lab (so the lab rules stay silent). */
export async function labSnapshot(db: Db, tenantId: string): Promise<LabSnapshot | undefined> {
  return toLabSnapshot(await LabDraft.load(db, tenantId, { readOnly: true }));
}
