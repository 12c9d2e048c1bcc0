// The lab topology and seed 004's request flow (004_0623edc70b4e3354.txt) on the complete correct setup and on it
// broken one way at a time: what turns red is what an admin would look at first.
import { describe, expect, it } from "vitest";
import { evaluate } from "../rules/engine";
import { ALL_RULES } from "../rules/catalogue";
import { completeSetup } from "../setup/complete-setup";
import { partsOf, brokenVariants } from "../lab/broken-variants";
import { securityBrokenVariants } from "../lab/security-variants";
import type { TenantSnapshot } from "../rules/snapshot";
import type { Finding } from "../rules/types";
import type { Topology } from "./types";
import { topology, EDGE_CODE_GROUPS } from "./topology";
import { CODE_GROUPS, OFF_REQUEST_PATH, REQUEST_FLOW_HOPS, requestFlow } from "./request-flow";

const NOW = new Date("2026-03-12T08:00:00Z");
const quietish = (h: string) => h === "ok" || h === "info";

function picture(t: TenantSnapshot) {
  const findings = evaluate(t);
  return { findings, topo: topology(t, findings), flow: requestFlow(findings) };
}
const edgeTo = (topo: Topology, source: string, target: string) => topo.edges.filter((e) => e.source === source && e.target === target);
const hopHealth = (flow: ReturnType<typeof requestFlow>) => Object.fromEntries(flow.hops.map((h) => [h.id, h.health]));
const codes = (fs: readonly Finding[]) => [...new Set(fs.map((f) => f.code))].sort();
const loud = (topo: Topology) => [
  ...topo.nodes.filter((n) => !quietish(n.health)).map((n) => `${n.id} ${n.health} ${codes(n.findings)}`),
  ...topo.edges.filter((e) => !quietish(e.health)).map((e) => `${e.id} ${e.health} ${codes(e.findings)}`),
];
/** Every finding is on some node or edge (nothing the rules say is invisible). */
function invisible(topo: Topology, findings: readonly Finding[]): string[] {
  const shown = new Set<Finding>([...topo.nodes, ...topo.edges].flatMap((x) => x.findings));
  return findings.filter((f) => !shown.has(f)).map((f) => f.code);
}

describe("topology() on the complete correct setup", () => {
  const t = completeSetup({ now: NOW });
  const { findings, topo, flow } = picture(t);

  it("draws every part of the lab, Intune and Entra, each linked to its screen", () => {
    const kinds = topo.nodes.map((n) => n.kind);
    for (const k of ["device", "internet", "intune", "entra", "appProxyService", "ndes", "intuneConnector", "issuingCa", "rootCa", "domainController"] as const) expect(kinds).toContain(k);
    expect(kinds.filter((k) => k === "appProxyConnector")).toHaveLength(2);
    const app = t.entra!.applications[0]!;
    const proxy = topo.nodes.find((n) => n.kind === "appProxyService")!;
    expect(proxy.detail).toBe(app.onPremisesPublishing!.externalUrl);
    expect(proxy.link).toBe(`/entra/enterprise-apps/${app.id}/app-proxy`);
    expect(topo.nodes.find((n) => n.kind === "ndes")!.link).toBe("/lab/ndes");
    expect(topo.nodes.find((n) => n.kind === "issuingCa")!.link).toBe("/lab/ca");
    expect(topo.nodes.find((n) => n.kind === "intuneConnector")!.link).toBe("/intune/tenant-admin/certificate-connectors");
    const dc = topo.nodes.find((n) => n.kind === "domainController")!;
    expect(dc.link).toBe(`/lab/servers/${dc.object!.id}`);
    for (const n of topo.nodes) if (n.kind !== "internet") expect(n.link, n.id).toMatch(/^\/(lab|entra|intune)\//);
  });

  it("connects them with the ports and URLs of the request path", () => {
    const app = t.entra!.applications[0]!.onPremisesPublishing!;
    const ndes = topo.nodes.find((n) => n.kind === "ndes")!.id;
    const issuing = topo.nodes.find((n) => n.kind === "issuingCa")!.id;
    const root = topo.nodes.find((n) => n.kind === "rootCa")!.id;
    expect(edgeTo(topo, "device", "appProxyService").map((e) => e.label)).toEqual([`HTTPS 443 ${app.externalUrl}`]);
    const connectors = topo.nodes.filter((n) => n.kind === "appProxyConnector");
    for (const c of connectors) {
      expect(edgeTo(topo, "appProxyService", c.id).map((e) => e.label)).toEqual(["outbound 443 (connector → Entra)"]);
      expect(edgeTo(topo, c.id, ndes).map((e) => e.label)).toEqual([`HTTPS 443 ${app.internalUrl}`]);
    }
    expect(edgeTo(topo, ndes, issuing).map((e) => e.label)).toEqual(["RPC/DCOM 135 + dynamic ports"]);
    expect(edgeTo(topo, issuing, root).map((e) => e.label)).toEqual(["issued by"]);
    expect(edgeTo(topo, "device", "intune")).toHaveLength(1);
    const conn = topo.nodes.find((n) => n.kind === "intuneConnector")!.id;
    expect(edgeTo(topo, conn, "intune").map((e) => e.label)).toEqual(["outbound 443 (connector → Intune)"]);
    expect(edgeTo(topo, ndes, topo.nodes.find((n) => n.kind === "domainController")!.id)).toHaveLength(1);
    const ids = new Set(topo.nodes.map((n) => n.id));
    for (const e of topo.edges) expect(ids.has(e.source) && ids.has(e.target), e.id).toBe(true);
    expect(new Set(topo.edges.map((e) => e.id)).size).toBe(topo.edges.length);
  });

  it("is all ok (info at most), and so is every hop of the request flow", () => {
    expect(loud(topo)).toEqual([]);
    expect(flow.hops.filter((h) => !quietish(h.health)).map((h) => h.id)).toEqual([]);
    expect(flow.hops.map((h) => h.id)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(invisible(topo, findings)).toEqual([]);
  });
});

describe("topology() on the complete setup broken one way", () => {
  it("NDES behind Microsoft Entra ID pre-authentication: the device → application proxy edge and hop b are errors", () => {
    const t = completeSetup({ now: NOW });
    t.entra!.applications[0]!.onPremisesPublishing!.externalAuthenticationType = "aadPreAuthentication";
    const { topo, flow, findings } = picture(t);
    const [e] = edgeTo(topo, "device", "appProxyService");
    expect(e!.health).toBe("error");
    expect(codes(e!.findings)).toContain("APPPROXY_PREAUTH_NOT_PASSTHROUGH");
    expect(hopHealth(flow)).toMatchObject({ a: "info", b: "error", d: "ok", e: "ok", f: "ok" });
    expect(topo.nodes.find((n) => n.kind === "appProxyService")!.health).toBe("error");
    // The CA side stays green: the picture points at Entra, not at the PKI.
    expect(topo.edges.filter((x) => x.health === "error").every((x) => x.source === "device" || x.target === "appProxyService")).toBe(true);
    expect(invisible(topo, findings)).toEqual([]);
  });

  it("every connector of the NDES group Inactive: the application proxy ↔ connector edges and hop b are errors", () => {
    const t = completeSetup({ now: NOW });
    for (const c of t.entra!.connectors) c.status = "inactive";
    const { topo, flow, findings } = picture(t);
    const edges = topo.edges.filter((e) => e.source === "appProxyService");
    expect(edges).toHaveLength(2);
    for (const e of edges) {
      expect(e.health).toBe("error");
      expect(codes(e.findings)).toEqual(expect.arrayContaining(["APPPROXY_CONNECTOR_GROUP_EMPTY"]));
    }
    expect(hopHealth(flow).b).toBe("error");
    expect(hopHealth(flow).f).toBe("ok");
    expect(invisible(topo, findings)).toEqual([]);
  });

  it("one connector's server without outbound ports: only that connector and its edge turn red", () => {
    const t = completeSetup({ now: NOW });
    const srv = t.lab!.servers.find((s) => s.name === "APPPROXY02")!;
    srv.network.outbound443 = false;
    const { topo } = picture(t);
    const bad = topo.nodes.find((n) => n.kind === "appProxyConnector" && n.detail?.startsWith(srv.fqdn))!;
    const good = topo.nodes.find((n) => n.kind === "appProxyConnector" && n !== bad)!;
    expect(bad.health).toBe("error");
    expect(good.health).toBe("ok");
    expect(edgeTo(topo, "appProxyService", bad.id)[0]!.health).toBe("error");
    expect(edgeTo(topo, "appProxyService", good.id)[0]!.health).toBe("ok");
  });

  it("the MSCEP registry naming the template's display name: the NDES node, the NDES → CA edge and hop f are errors", () => {
    const t = completeSetup({ now: NOW });
    const d = partsOf(t.lab!).scep.displayName;
    Object.assign(partsOf(t.lab!).ndes.mscepRegistry, { SignatureTemplate: d, EncryptionTemplate: d, GeneralPurposeTemplate: d });
    const { topo, flow, findings } = picture(t);
    const ndes = topo.nodes.find((n) => n.kind === "ndes")!;
    expect(ndes.health).toBe("error");
    expect(codes(ndes.findings)).toContain("NDES_TEMPLATE_REGISTRY_DISPLAY_NAME");
    const issuing = topo.nodes.find((n) => n.kind === "issuingCa")!;
    expect(edgeTo(topo, ndes.id, issuing.id)[0]!.health).toBe("error");
    expect(hopHealth(flow)).toMatchObject({ b: "ok", f: "error" });
    expect(edgeTo(topo, "device", "appProxyService")[0]!.health).toBe("ok");
    expect(invisible(topo, findings)).toEqual([]);
  });

  it("NDES's server blocked from Intune: the Certificate Connector → Intune edge and hop e are errors", () => {
    const t = completeSetup({ now: NOW });
    partsOf(t.lab!).ndesSrv.network.outbound443 = false;
    const { topo, flow } = picture(t);
    const conn = topo.nodes.find((n) => n.kind === "intuneConnector")!;
    const e = edgeTo(topo, conn.id, "intune")[0]!;
    expect(e.health).toBe("error");
    expect(codes(e.findings)).toContain("CONN_NET_ENDPOINTS_BLOCKED");
    expect(hopHealth(flow).e).toBe("error");
  });

  it("a broken request flow recovers: fixing the break turns every element back to ok", () => {
    const t = completeSetup({ now: NOW });
    const app = t.entra!.applications[0]!.onPremisesPublishing!;
    app.externalAuthenticationType = "aadPreAuthentication";
    expect(loud(picture(t).topo)).not.toEqual([]);
    app.externalAuthenticationType = "passthru";
    expect(loud(picture(t).topo)).toEqual([]);
  });
});

describe("lab broken variants (lab/broken-variants.ts) on the topology", () => {
  const variants = { ...brokenVariants({ now: NOW }), ...securityBrokenVariants({ now: NOW }) };
  const snap = (code: string): TenantSnapshot => {
    const base = completeSetup({ now: NOW });
    return { tenant: base.tenant, directory: base.directory, lab: variants[code]!() };
  };

  it("every finding of every variant is on at least one node or edge, and the variant's own code colours something", () => {
    const problems: string[] = [];
    for (const code of Object.keys(variants)) {
      const { topo, findings } = picture(snap(code));
      for (const c of invisible(topo, findings)) problems.push(`${code}: ${c} invisible`);
      const sev = findings.find((f) => f.code === code)?.severity;
      const coloured = [...topo.nodes, ...topo.edges].some((x) => x.findings.some((f) => f.code === code) && x.health === sev);
      if (!coloured) problems.push(`${code}: nothing coloured ${sev}`);
    }
    expect(problems).toEqual([]);
  });

  const where: [code: string, kind: string][] = [
    ["NDES_TEMPLATE_REGISTRY_DISPLAY_NAME", "ndes"],
    ["CA_TEMPLATE_NOT_PUBLISHED", "issuingCa"],
    ["IIS_CERT_EXPIRED", "ndes"],
    ["NDES_CRP_WINDOWS_AUTH", "ndes"],
    ["CONN_NET_ENDPOINTS_BLOCKED", "intuneConnector"],
    ["APPX_SERVICE_STOPPED", "appProxyConnector"],
    ["WAP_PREAUTH_NOT_PASSTHROUGH", "reverseProxy"],
  ];
  it.each(where)("%s lands on the %s node", (code, kind) => {
    const { topo } = picture(snap(code));
    const hits = topo.nodes.filter((n) => n.findings.some((f) => f.code === code)).map((n) => n.kind);
    expect(hits).toContain(kind);
    expect(topo.nodes.find((n) => n.kind === kind && n.findings.some((f) => f.code === code))!.health).toBe("error");
  });

  it("a WAP in front of NDES is drawn between the device and NDES, with its external name", () => {
    const { topo } = picture(snap("WAP_PREAUTH_NOT_PASSTHROUGH"));
    const wap = topo.nodes.find((n) => n.kind === "reverseProxy")!;
    const front = edgeTo(topo, "device", wap.id)[0]!;
    expect(front.label).toMatch(/^HTTPS 443 https:\/\//);
    expect(front.health).toBe("error");
    expect(edgeTo(topo, wap.id, topo.nodes.find((n) => n.kind === "ndes")!.id)).toHaveLength(1);
  });
});

describe("the code maps are data about real rules", () => {
  const real = new Set(ALL_RULES.map((r) => r.code));
  it("every code of a hop, a code group and the off-path list is a rule code", () => {
    const used = [...Object.values(CODE_GROUPS).flat(), ...REQUEST_FLOW_HOPS.flatMap((h) => h.codes), ...Object.keys(OFF_REQUEST_PATH)];
    expect(used.filter((c) => !real.has(c))).toEqual([]);
    for (const groups of Object.values(EDGE_CODE_GROUPS)) for (const g of groups) expect(Object.keys(CODE_GROUPS)).toContain(g);
  });
  it("every enrollment rule either breaks a hop of seed 004's flow or is listed as off the request path", () => {
    const onPath = new Set(REQUEST_FLOW_HOPS.flatMap((h) => h.codes));
    const missing = ALL_RULES.filter((r) => (r.category ?? "enrollment") === "enrollment" && !onPath.has(r.code) && !(r.code in OFF_REQUEST_PATH)).map((r) => r.code);
    expect(missing).toEqual([]);
    expect(Object.keys(OFF_REQUEST_PATH).filter((c) => onPath.has(c))).toEqual([]);
  });
  it("every hop cites seed 004 and says where it goes", () => {
    for (const h of REQUEST_FLOW_HOPS) {
      expect(h.source).toBe("004_0623edc70b4e3354.txt");
      expect(h.from && h.to && h.title && h.description).toBeTruthy();
      expect(h.codes.length).toBeGreaterThan(0);
    }
  });
});

describe("requestFlow()", () => {
  it("marks a hop with the worst severity of its findings and carries them", () => {
    const t = completeSetup({ now: NOW });
    partsOf(t.lab!).ndesSrv.pendingRestart = true; // NDES_NOT_RESTARTED, a warning on the policy module (hop d)
    const { flow } = picture(t);
    const d = flow.hops.find((h) => h.id === "d")!;
    expect(d.health).toBe("warning");
    expect(codes(d.findings)).toEqual(["NDES_NOT_RESTARTED"]);
  });
});
