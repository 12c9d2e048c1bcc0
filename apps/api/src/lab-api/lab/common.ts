// Shared pieces of the lab routes: finding objects by what an admin types ("CONTOSO\svc-ndes"), the lab as the
// consoles read it (secrets left out, versions and live connector status added), and ETag'd responses.
import type { Request, Response } from "express";
import type { AdAccount, AdGroup, CertificateTemplate, LabServer, NdesInstance } from "@certlab/domain/lab/snapshot";
import { principalKey } from "@certlab/domain/lab/lab-index";
import { requireStore } from "../../http/context.ts";
import { AppError, badRequest, notFound } from "../../http/errors.ts";
import { etagOf } from "../../store/etag.ts";
import type { LabDraft, StoredServer } from "../../store/lab/state.ts";
import { appProxyConnectorStatus, intuneConnectorStatus, publicCa, publicServer } from "../../store/lab/snapshot.ts";

/** The tenant's lab store for this request, carrying its If-Match header to every console write (LabStore.change). */
export const labStore = (req: Request) => {
  const lab = requireStore(req).lab;
  lab.requestIfMatch = req.get("if-match") ?? undefined;
  return lab;
};
export const ifMatchOf = (req: Request) => req.get("if-match") ?? undefined;

export function withVersion<T extends object>(d: LabDraft, id: string, o: T): T & { version: number } {
  return { ...o, version: d.versionOf(id) };
}

export function sendVersioned<T extends { version: number }>(res: Response, body: T, status = 200): void {
  res.setHeader("ETag", etagOf(body.version));
  res.status(status).json(body);
}

export function netbiosOf(d: LabDraft): string {
  return d.forest().forest.domains[0]?.netbiosName ?? "CONTOSO";
}

/** An AD account by id, DOMAIN\sAMAccountName, sAMAccountName or UPN. */
export function findAccount(d: LabDraft, ref: string): AdAccount | undefined {
  const byId = d.find("adAccount", ref);
  if (byId) return byId;
  const key = principalKey(ref);
  const domain = ref.includes("\\") ? ref.slice(0, ref.lastIndexOf("\\")).toLowerCase() : undefined;
  return d
    .list("adAccount")
    .find((a) => (a.samAccountName.toLowerCase() === key || a.userPrincipalName?.toLowerCase() === key) && (!domain || a.domain.toLowerCase() === domain));
}

export function findGroup(d: LabDraft, ref: string): AdGroup | undefined {
  return d.find("adGroup", ref) ?? d.list("adGroup").find((g) => g.name.toLowerCase() === principalKey(ref));
}

export function requireAccount(d: LabDraft, ref: string, target: string): AdAccount {
  const a = findAccount(d, ref);
  if (!a) throw badRequest(`The account '${ref}' was not found in Active Directory.`, [{ code: "InvalidValue", target, message: `No AD account '${ref}'.` }]);
  return a;
}

export function findTemplate(d: LabDraft, ref: string): CertificateTemplate | undefined {
  const k = ref.toLowerCase();
  return d.find("template", ref) ?? d.list("template").find((t) => t.name.toLowerCase() === k) ?? d.list("template").find((t) => t.displayName.toLowerCase() === k);
}

export function ndesOf(d: LabDraft, serverId: string): NdesInstance | undefined {
  return d.list("ndes").find((n) => n.serverId === serverId);
}

export function requireNdes(d: LabDraft, serverId: string): NdesInstance {
  d.get("server", serverId);
  const n = ndesOf(d, serverId);
  if (!n || !n.configured) {
    throw new AppError("conflict", "The Network Device Enrollment Service is not configured on this server. Run the AD CS Configuration wizard first.", { code: "NdesNotConfigured" });
  }
  return n;
}

export const accountLabel = (a: AdAccount) => `${a.domain}\\${a.samAccountName}`;

export function serverOut(d: LabDraft, s: StoredServer | LabServer) {
  const ndes = ndesOf(d, s.id);
  return { ...publicServer(s as StoredServer), version: d.versionOf(s.id), ndesId: ndes?.id ?? null };
}

/** GET /api/lab: the whole lab by kind, as the consoles need it. */
export function labOut(d: LabDraft) {
  const servers = d.list("server");
  const byId = new Map(servers.map((s) => [s.id, s]));
  const forest = d.list("forest")[0];
  const forestId = forest ? d.idOf("forest", forest) : undefined;
  const groups = [...d.connectorGroups];
  return {
    forest: forest && forestId ? { ...forest.forest, version: d.versionOf(forestId) } : null,
    network: forest?.network ?? null,
    accounts: d.list("adAccount").map((a) => withVersion(d, a.id, a)),
    groups: d.list("adGroup").map((g) => withVersion(d, g.id, g)),
    servers: servers.map((s) => serverOut(d, s)),
    cas: d.list("ca").map((c) => withVersion(d, c.id, publicCa(c))),
    templates: d.list("template").map((t) => withVersion(d, t.id, t)),
    ndes: d.list("ndes").map((n) => withVersion(d, n.id, n)),
    intuneCertificateConnectors: d.intuneConnectors().map((c) => ({ ...c, status: intuneConnectorStatus(byId.get(c.serverId), c) })),
    appProxyConnectors: d.appProxyConnectors().map((c) => ({
      ...c,
      status: appProxyConnectorStatus(byId.get(c.serverId)),
      connectorGroupName: groups.find((g) => g.id === c.connectorGroupId)?.name ?? "Default",
    })),
    connectorGroups: groups,
    reverseProxies: d.list("reverseProxy").map((r) => withVersion(d, r.id, r)),
  };
}

export function requireLab(d: LabDraft): void {
  if (d.isEmpty) throw notFound("lab");
}
