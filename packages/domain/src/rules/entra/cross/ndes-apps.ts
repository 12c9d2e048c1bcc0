// Where application proxy meets the lab and Intune: which published application is the NDES one, which NDES server
// its internal URL reaches, and whether a connector's server can reach it. Each helper is silent (undefined / [])
// when the section it needs is absent from the snapshot.
import { labIndex, type LabIndex, type NdesContext } from "../../../lab/lab-index";
import type { LabServer, LabSnapshot } from "../../../lab/snapshot";
import { intuneIndex, type IntuneIndex } from "../../../intune/snapshot";
import type { EntraConnector } from "../../../entra/snapshot";
import type { SnapshotIndex, TenantSnapshot } from "../../snapshot";
import { externalHost, internalHost, type EntraContext, type PublishedApp } from "../entra-context";

export const MSCEP_PATH = "/certsrv/mscep/mscep.dll";

export function labOf(snapshot: TenantSnapshot): LabIndex | undefined {
  const lab = snapshot.lab as LabSnapshot | undefined;
  return lab ? labIndex(lab) : undefined;
}

export function intuneOf(snapshot: TenantSnapshot, index: SnapshotIndex): IntuneIndex | undefined {
  return intuneIndex(snapshot, index);
}

const norm = (h: string) => h.trim().toLowerCase().replace(/\.$/, "");

/** The names an NDES server answers to: FQDN, computer name, alias host names. */
export function ndesNames(ctx: NdesContext): string[] {
  const names = [...ctx.ndes.aliasHostNames];
  if (ctx.server) names.push(ctx.server.fqdn, ctx.server.name);
  return names.map(norm);
}

/** The NDES instance whose server (by FQDN, computer name or alias) `host` names. */
export function ndesForHost(lab: LabIndex, host: string): NdesContext | undefined {
  const h = norm(host);
  return lab.ndesContexts.find((c) => ndesNames(c).includes(h));
}

/** The NDES instance the app's internal URL points at, if any. */
export function ndesTargetOf(lab: LabIndex | undefined, app: PublishedApp): NdesContext | undefined {
  const host = internalHost(app);
  return lab && host ? ndesForHost(lab, host) : undefined;
}

const NDES_NAME = /ndes|scep/i;

/** SCEP server URLs of the Intune profiles whose host is the app's external host. */
export function profilesUsingApp(intune: IntuneIndex | undefined, app: PublishedApp) {
  const host = externalHost(app);
  if (!intune || !host) return [];
  return intune.scep.filter((c) => c.settings.scepServerUrls.some((u) => hostOf(u) === host));
}

export function hostOf(url: string): string | undefined {
  try {
    return norm(new URL(url.trim()).hostname);
  } catch {
    return undefined;
  }
}

/**
 * Why an application is taken to publish NDES: its internal URL names an NDES server of the lab, an Intune SCEP
 * profile uses its external URL, or (failing both) its name says NDES/SCEP. Undefined for other applications.
 */
export function ndesAppReason(
  app: PublishedApp,
  lab: LabIndex | undefined,
  intune: IntuneIndex | undefined,
  options: { byName?: boolean } = {},
): "internalUrl" | "scepProfile" | "name" | undefined {
  if (ndesTargetOf(lab, app)) return "internalUrl";
  if (profilesUsingApp(intune, app).length > 0) return "scepProfile";
  if ((options.byName ?? true) && NDES_NAME.test(app.displayName)) return "name";
  return undefined;
}

/** The service of the private network connector on a server (old and new names), if listed. */
export function connectorService(server: LabServer) {
  return server.services.find(
    (s) => /(application proxy|private network) connector/i.test(s.displayName) && !/updater/i.test(s.displayName),
  );
}

/** Can `server` open a connection to internal `host`? `reachableHosts` absent = every host of the forest. */
export function serverReaches(lab: LabIndex, server: LabServer, host: string): boolean {
  const h = norm(host);
  const list = server.network.reachableHosts;
  if (list === undefined) return true;
  const names = new Set([h]);
  // A short name and its FQDN are the same host.
  for (const s of lab.lab.servers)
    if (norm(s.fqdn) === h || norm(s.name) === h) {
      names.add(norm(s.fqdn));
      names.add(norm(s.name));
    }
  return list.some((r) => names.has(norm(r)));
}

/** The connectors of the app's group, Active ones first. */
export function connectorsOfApp(ctx: EntraContext, app: PublishedApp): readonly EntraConnector[] {
  const key = app.connectorGroupId ?? ctx.defaultGroup?.id ?? "default";
  return ctx.connectorsByGroup.get(key) ?? [];
}

/** "https://ndes-contoso.msappproxy.net/" → "https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll" */
export function scepUrlFor(externalUrl: string): string {
  return `${externalUrl.trim().replace(/\/+$/, "")}${MSCEP_PATH}`;
}
