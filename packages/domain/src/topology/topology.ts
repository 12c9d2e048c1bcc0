// The lab topology of issue 8, computed from the snapshot the rules read and the findings they produced: a node
// for each thing an admin can open (the managed devices, public DNS, Intune, Entra, the application proxy service
// with the NDES application's External URL, each private network connector, any reverse proxy, each NDES server,
// each Certificate Connector, the CA hierarchy, the domain controllers and the other lab servers) and an edge for
// each network path between them (ports and URLs, seeds 000, 002 and 004). A node carries the findings whose
// `objects` name something it stands for; an edge carries the findings of its code groups (request-flow.ts, shared
// with seed 004's hops) that touch one of its ends. A finding that names nothing drawn lands on the node of its
// rule's area, so nothing the rules say is invisible.
import { findRuleByCode } from "../rules/catalogue";
import { buildIndex, type TenantSnapshot } from "../rules/snapshot";
import type { Finding, ObjectRef } from "../rules/types";
import { labIndex } from "../lab/lab-index";
import type { CertificationAuthority, LabServer, LabSnapshot } from "../lab/snapshot";
import { entraContext, type PublishedApp } from "../rules/entra/entra-context";
import { connectorsOfApp, ndesAppReason, ndesTargetOf } from "../rules/entra/cross/ndes-apps";
import { intuneIndex } from "../intune/snapshot";
import { CODE_GROUPS, healthOf, type CodeGroup } from "./request-flow";
import type { Topology, TopologyEdge, TopologyNode, TopologyNodeKind } from "./types";

/** Which code groups each kind of edge carries (data; request-flow.ts defines the groups). */
export const EDGE_CODE_GROUPS = {
  deviceToDns: ["publicDns"],
  deviceToAppProxy: ["externalUrl"],
  appProxyToConnector: ["connectorOutbound"],
  connectorToNdes: ["internalUrl"],
  deviceToReverseProxy: ["reverseProxyFront", "publicDns"],
  reverseProxyToNdes: ["internalUrl"],
  ndesToCa: ["ndesToCa"],
  ndesToPolicyModule: ["policyModule"],
  connectorToIntune: ["connectorToIntune"],
  caHierarchy: ["caHierarchy"],
  deviceToIntune: ["profileDelivery"],
  ndesToDc: ["ndesToDomain"],
} as const satisfies Record<string, readonly CodeGroup[]>;
export type EdgeKind = keyof typeof EDGE_CODE_GROUPS;

const CA_TYPE_LABEL: Record<CertificationAuthority["type"], string> = {
  enterpriseRoot: "Enterprise root CA",
  enterpriseSubordinate: "Enterprise subordinate CA",
  standaloneRoot: "Standalone root CA",
  standaloneSubordinate: "Standalone subordinate CA",
};

const key = (type: string, id: string) => `${type}:${id}`.toLowerCase();
const refKey = (o: ObjectRef) => key(o.type, o.id);
const norm = (h: string) => h.trim().toLowerCase().replace(/\.$/, "");

type Draft = Omit<TopologyNode, "health" | "findings"> & { owns: Set<string> };
type DraftEdge = { id: string; source: string; target: string; label: string; kind: EdgeKind };

export function topology(snapshot: TenantSnapshot, findings: readonly Finding[]): Topology {
  const index = buildIndex(snapshot);
  const lab = snapshot.lab as LabSnapshot | undefined;
  const lx = lab ? labIndex(lab) : undefined;
  const ex = entraContext(snapshot, index);
  const ix = intuneIndex(snapshot, index);
  const nodes: Draft[] = [];
  const edges: DraftEdge[] = [];
  const byId = new Map<string, Draft>();
  const add = (n: Omit<Draft, "owns">, owns: string[] = []): Draft => {
    const d: Draft = { ...n, owns: new Set(owns.map((o) => o.toLowerCase())) };
    nodes.push(d);
    byId.set(d.id, d);
    return d;
  };
  const edge = (kind: EdgeKind, source: string, target: string, label: string, suffix = "") => {
    const id = `${source}>${target}${suffix}`;
    if (!edges.some((e) => e.id === id)) edges.push({ id, source, target, label, kind });
  };

  // ── Cloud and internet.
  const devices = ix?.intune.managedDevices ?? [];
  const profiles = snapshot.intune?.profiles ?? [];
  add(
    {
      id: "device",
      kind: "device",
      label: "Managed device",
      detail: devices.length ? `${devices.length} enrolled device${devices.length === 1 ? "" : "s"}` : "iOS/iPadOS, Android, Windows, macOS",
      link: "/intune/devices/configuration",
      zone: "internet",
    },
    devices.map((d) => key("managedDevice", d.id)),
  );
  add({ id: "internet", kind: "internet", label: "Internet", detail: "Public DNS", link: "/entra/domains", zone: "internet" }, (snapshot.entra?.customDomains ?? []).map((d) => key("customDomain", d.name)));
  add(
    { id: "intune", kind: "intune", label: "Microsoft Intune", detail: `${profiles.length} configuration profile${profiles.length === 1 ? "" : "s"}`, link: "/intune/devices/configuration", zone: "cloud" },
    profiles.flatMap((p) => [key("scepCertificateProfile", p.id), key("trustedCertificateProfile", p.id), key("scepProfile", p.id), ...(p.certificate ? [key("certificate", p.certificate.thumbprint)] : [])]),
  );
  add(
    { id: "entra", kind: "entra", label: "Microsoft Entra ID", detail: snapshot.tenant.displayName, object: { type: "tenant", ...snapshot.tenant }, link: "/entra/overview", zone: "cloud" },
    [
      ...snapshot.directory.users.map((u) => key("user", u.id)),
      ...snapshot.directory.groups.map((g) => key("group", g.id)),
    ],
  );

  // The NDES application(s): those whose internal URL reaches an NDES server, or that a SCEP profile uses.
  const apps: PublishedApp[] = ex ? ex.published.filter((a) => ndesAppReason(a, lx, ix) !== undefined) : [];
  const firstApp = apps[0];
  add(
    {
      id: "appProxyService",
      kind: "appProxyService",
      label: "Application proxy service",
      detail: firstApp ? firstApp.onPremisesPublishing.externalUrl : "No NDES application published",
      ...(firstApp ? { object: { type: "application", id: firstApp.id, displayName: firstApp.displayName } } : {}),
      link: firstApp ? `/entra/enterprise-apps/${encodeURIComponent(firstApp.id)}/app-proxy` : "/entra/enterprise-apps/application-proxy",
      zone: "cloud",
    },
    [
      ...(snapshot.entra?.applications ?? []).flatMap((a) => [key("application", a.id), ...(a.customDomainCertificate?.thumbprint ? [key("certificate", a.customDomainCertificate.thumbprint)] : [])]),
      ...(snapshot.entra?.connectorGroups ?? []).map((g) => key("connectorGroup", g.id)),
      key("connectorGroup", "default"),
    ],
  );
  edge("deviceToIntune", "device", "intune", "MDM check-in (profiles, HTTPS 443)");
  edge("deviceToDns", "device", "internet", "DNS lookup of the External URL host");

  // ── On-premises: each lab server belongs to the first role node that claims it (NDES, CA, connectors, DC).
  const serverOwner = new Map<string, Draft>();
  const serverRefs = (s: LabServer | undefined): string[] =>
    s ? [key("server", s.id), ...s.certificates.my.map((c) => key("certificate", c.thumbprint)), ...s.certificates.root.map((c) => key("certificate", c.thumbprint))] : [];
  const claim = (node: Draft, serverId: string | undefined) => {
    if (!serverId || serverOwner.has(serverId)) return;
    serverOwner.set(serverId, node);
    for (const k of serverRefs(lx?.serversById.get(serverId))) node.owns.add(k);
  };
  const serverLink = (id: string | undefined) => (id ? `/lab/servers/${encodeURIComponent(id)}` : "/lab");

  if (lab && lx) {
    // NDES servers, with their service account and RA certificates.
    for (const c of lx.ndesContexts) {
      const n = add(
        {
          id: `ndes:${c.ndes.id}`,
          kind: "ndes",
          label: c.server ? `NDES (${c.server.name})` : "NDES",
          detail: c.server?.fqdn ?? c.ndes.serverId,
          object: { type: "ndes", id: c.ndes.id, displayName: `NDES on ${c.server?.fqdn ?? c.ndes.serverId}` },
          link: "/lab/ndes",
          zone: "onPremises",
        },
        [key("ndes", c.ndes.id), key("ndesServer", c.ndes.id), ...c.ndes.raCertificates.map((r) => key("certificate", r.thumbprint)), ...(c.serviceAccount ? [key("adAccount", c.serviceAccount.id)] : [])],
      );
      claim(n, c.ndes.serverId);
    }
    // The CA hierarchy; a CA that NDES uses or that has a parent is the issuing CA.
    const ndesCaIds = new Set(lab.ndes.map((n) => n.caId));
    for (const ca of lab.cas) {
      const issuing = !!ca.parentCaId || ndesCaIds.has(ca.id) || lab.cas.length === 1;
      const srv = lx.serversById.get(ca.serverId);
      const templates = lab.templates.filter((t) => ca.templatesToIssue.includes(t.name));
      const n = add(
        {
          id: `ca:${ca.id}`,
          kind: issuing ? "issuingCa" : "rootCa",
          label: ca.name,
          detail: `${CA_TYPE_LABEL[ca.type]}${srv ? ` on ${srv.name}` : ""}`,
          object: { type: "certificationAuthority", id: ca.id, displayName: ca.name },
          link: "/lab/ca",
          zone: "onPremises",
        },
        [key("certificationAuthority", ca.id), key(ca.type, ca.id), key("certificate", ca.certificate.thumbprint), ...templates.map((t) => key("certificateTemplate", t.id))],
      );
      claim(n, ca.serverId);
    }
    // Templates no CA publishes: the CA of the NDES whose registry names them, else the first issuing CA.
    const published = new Set(lab.cas.flatMap((ca) => ca.templatesToIssue));
    for (const t of lab.templates.filter((t) => !published.has(t.name))) {
      const viaNdes = lx.ndesContexts.find((c) => c.scepTemplates.some((s) => s.id === t.id));
      const target = byId.get(`ca:${viaNdes?.ndes.caId}`) ?? nodes.find((n) => n.kind === "issuingCa");
      target?.owns.add(key("certificateTemplate", t.id));
    }
    // Certificate Connectors, joined with Intune's view of them (same id, or the same machine).
    const intuneConnectors = snapshot.intune?.certificateConnectors ?? [];
    const seenIntune = new Set<string>();
    for (const c of lab.intuneCertificateConnectors) {
      const srv = lx.serversById.get(c.serverId);
      const twin = intuneConnectors.find((i) => i.id === c.id || (srv && norm(i.machineName) === norm(srv.fqdn)));
      if (twin) seenIntune.add(twin.id);
      const n = add(
        {
          id: `intuneConnector:${c.id}`,
          kind: "intuneConnector",
          label: "Certificate Connector for Intune",
          detail: srv?.fqdn ?? c.serverId,
          object: { type: "certificateConnector", id: c.id, displayName: `Certificate Connector on ${srv?.fqdn ?? c.serverId}` },
          link: "/intune/tenant-admin/certificate-connectors",
          zone: "onPremises",
        },
        [key("certificateConnector", c.id), ...(twin ? [key("certificateConnector", twin.id)] : []), ...(c.clientCertificate ? [key("certificate", c.clientCertificate.thumbprint)] : [])],
      );
      claim(n, c.serverId);
      edge("connectorToIntune", n.id, "intune", "outbound 443 (connector → Intune)");
      const ndesHere = lab.ndes.find((x) => x.serverId === c.serverId);
      if (ndesHere) edge("ndesToPolicyModule", `ndes:${ndesHere.id}`, n.id, "Policy module: verify the challenge (local)");
    }
    for (const i of intuneConnectors.filter((i) => !seenIntune.has(i.id))) {
      const n = add(
        { id: `intuneConnector:${i.id}`, kind: "intuneConnector", label: i.connectorName, detail: i.machineName, object: { type: "certificateConnector", id: i.id, displayName: i.connectorName }, link: "/intune/tenant-admin/certificate-connectors", zone: "onPremises" },
        [key("certificateConnector", i.id)],
      );
      edge("connectorToIntune", n.id, "intune", "outbound 443 (connector → Intune)");
    }
    // Reverse proxies (WAP or third party) in front of NDES.
    for (const rp of lab.reverseProxies) {
      const n = add(
        {
          id: `reverseProxy:${rp.id}`,
          kind: "reverseProxy",
          label: rp.displayName,
          detail: rp.kind === "wap" ? `Web Application Proxy · ${rp.externalHostName}` : `Reverse proxy · ${rp.externalHostName}`,
          object: { type: "reverseProxy", id: rp.id, displayName: rp.displayName },
          link: serverLink(rp.serverId),
          zone: "onPremises",
        },
        [key("reverseProxy", rp.id), ...(rp.certificate ? [key("certificate", rp.certificate.thumbprint)] : [])],
      );
      claim(n, rp.serverId);
      edge("deviceToReverseProxy", "device", n.id, `HTTPS 443 https://${rp.externalHostName}/`);
      for (const c of lx.ndesContexts) edge("reverseProxyToNdes", n.id, `ndes:${c.ndes.id}`, `HTTPS 443 https://${c.server?.fqdn ?? c.ndes.serverId}/`);
    }
  }

  // Private network connectors: Entra's list joined with the lab's by server.
  const labAppx = lab?.appProxyConnectors ?? [];
  const entraConnectors = snapshot.entra?.connectors ?? [];
  const connectorNode = new Map<string, Draft>();
  const usedLab = new Set<string>();
  const appxNode = (id: string, serverId: string | null | undefined, machine: string, owns: string[]) => {
    const srv = serverId ? lx?.serversById.get(serverId) : undefined;
    const n = add(
      { id, kind: "appProxyConnector", label: "Private network connector", detail: srv?.fqdn ?? machine, link: "/entra/enterprise-apps/application-proxy", zone: "onPremises" },
      owns,
    );
    if (serverId) claim(n, serverId);
    edge("appProxyToConnector", "appProxyService", n.id, "outbound 443 (connector → Entra)");
    return n;
  };
  for (const c of entraConnectors) {
    const twin = labAppx.find((l) => (c.serverId && l.serverId === c.serverId) || l.id === c.id);
    if (twin) usedLab.add(twin.id);
    const n = appxNode(`appProxyConnector:${c.id}`, c.serverId ?? twin?.serverId, c.machineName, [key("connector", c.id), ...(twin ? [key("appProxyConnector", twin.id)] : [])]);
    n.object = { type: "connector", id: c.id, displayName: c.machineName };
    n.detail = `${n.detail} · ${c.status === "active" ? "Active" : "Inactive"}`;
    connectorNode.set(c.id, n);
  }
  for (const l of labAppx.filter((l) => !usedLab.has(l.id))) {
    const n = appxNode(`appProxyConnector:${l.id}`, l.serverId, l.serverId, [key("appProxyConnector", l.id)]);
    n.object = { type: "appProxyConnector", id: l.id, displayName: n.detail ?? l.id };
  }

  // The NDES application's path: device → External URL → connectors of its group → Internal URL → NDES.
  for (const app of apps) {
    const suffix = apps.length > 1 ? `:${app.id}` : "";
    edge("deviceToAppProxy", "device", "appProxyService", `HTTPS 443 ${app.onPremisesPublishing.externalUrl}`, suffix);
    const target = ndesTargetOf(lx, app);
    if (!target || !ex) continue;
    for (const c of connectorsOfApp(ex, app)) {
      const n = connectorNode.get(c.id);
      if (n) edge("connectorToNdes", n.id, `ndes:${target.ndes.id}`, `HTTPS 443 ${app.onPremisesPublishing.internalUrl}`);
    }
  }

  if (lab && lx) {
    // Domain controllers and the remaining servers; NDES → CA and NDES → DC.
    const dcs = lab.servers.filter((s) => s.isDomainController);
    for (const s of dcs) {
      const n = add({ id: `dc:${s.id}`, kind: "domainController", label: s.name, detail: `Domain controller · ${s.domainFqdn ?? lab.forest.name}`, object: { type: "server", id: s.id, displayName: s.fqdn }, link: serverLink(s.id), zone: "onPremises" }, [
        ...lab.groups.map((g) => key("adGroup", g.id)),
      ]);
      claim(n, s.id);
    }
    for (const s of lab.servers.filter((s) => !serverOwner.has(s.id))) {
      const n = add({ id: `server:${s.id}`, kind: "server", label: s.name, detail: s.fqdn, object: { type: "server", id: s.id, displayName: s.fqdn }, link: serverLink(s.id), zone: "onPremises" });
      claim(n, s.id);
    }
    // Role nodes link to their server's page when the role has no console of its own.
    for (const n of nodes) if (n.kind === "appProxyConnector") for (const [sid, owner] of serverOwner) if (owner === n) n.link = serverLink(sid);
    const firstDc = nodes.find((n) => n.kind === "domainController");
    if (firstDc) for (const a of lab.accounts) if (![...nodes].some((n) => n.owns.has(key("adAccount", a.id)))) firstDc.owns.add(key("adAccount", a.id));
    for (const c of lx.ndesContexts) {
      if (byId.has(`ca:${c.ndes.caId}`)) edge("ndesToCa", `ndes:${c.ndes.id}`, `ca:${c.ndes.caId}`, "RPC/DCOM 135 + dynamic ports");
      const dc = dcs.find((d) => d.domainFqdn && d.domainFqdn === c.server?.domainFqdn) ?? dcs[0];
      if (dc) edge("ndesToDc", `ndes:${c.ndes.id}`, `dc:${dc.id}`, "Kerberos 88 / LDAP 389");
    }
    for (const ca of lab.cas) if (ca.parentCaId && byId.has(`ca:${ca.parentCaId}`)) edge("caHierarchy", `ca:${ca.id}`, `ca:${ca.parentCaId}`, "issued by");
  }

  // ── Findings onto nodes (by the objects they name) and edges (by code group, touching an end).
  const nodeFindings = new Map<string, Finding[]>(nodes.map((n) => [n.id, []]));
  const touched = new Map<Finding, Set<string>>();
  for (const f of findings) {
    const keys = new Set(f.objects.map(refKey));
    const hit = new Set(nodes.filter((n) => [...keys].some((k) => n.owns.has(k))).map((n) => n.id));
    touched.set(f, hit);
  }
  const edgeFindings = new Map<string, Finding[]>(edges.map((e) => [e.id, []]));
  const onEdge = new Set<Finding>();
  for (const e of edges) {
    const codes = new Set<string>(EDGE_CODE_GROUPS[e.kind].flatMap((g) => CODE_GROUPS[g]));
    for (const f of findings) {
      if (!codes.has(f.code)) continue;
      const hit = touched.get(f)!;
      if (hit.has(e.source) || hit.has(e.target) || hit.size === 0) {
        edgeFindings.get(e.id)!.push(f);
        onEdge.add(f);
      }
    }
  }
  for (const f of findings) {
    const hit = touched.get(f)!;
    if (hit.size === 0 && !onEdge.has(f)) hit.add(fallbackNode(f, nodes));
    for (const id of hit) nodeFindings.get(id)!.push(f);
  }

  return {
    nodes: nodes.map(({ owns: _owns, ...n }) => {
      const fs = nodeFindings.get(n.id)!;
      return { ...n, health: healthOf(fs), findings: fs };
    }),
    edges: edges.map(({ kind: _kind, ...e }): TopologyEdge => {
      const fs = edgeFindings.get(e.id)!;
      return { ...e, health: healthOf(fs), findings: fs };
    }),
  };
}

/** A finding that names nothing drawn: the node of its rule's area (lab → the first domain controller or server). */
function fallbackNode(f: Finding, nodes: readonly Draft[]): string {
  const area = findRuleByCode(f.code)?.area;
  const first = (...kinds: TopologyNodeKind[]) => kinds.map((k) => nodes.find((n) => n.kind === k)).find(Boolean)?.id;
  if (area === "intune") return first("intune")!;
  if (area === "lab") return first("domainController", "server", "ndes", "issuingCa") ?? "entra";
  return "entra";
}
