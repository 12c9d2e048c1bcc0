// The topology's colouring and layout (issue 8): what an admin sees is a red line where the rules found an error,
// amber and dashed for a warning, green where nothing is wrong, grey for info, laid out left to right.
import { describe, expect, it } from "vitest";
import type { Finding } from "@certlab/domain/rules/types";
import type { Topology, TopologyEdge, TopologyNode } from "@certlab/domain/topology/types";
import { edgeLook, healthSummary, layout, nodeLook, toFlow } from "@/features/lab/topology/lib/flow";

const finding = (code: string, severity: Finding["severity"]): Finding => ({
  code,
  severity,
  category: "enrollment",
  title: code,
  message: "m",
  fix: "f",
  why: "w",
  symptom: "s",
  sources: ["000_6abfab919ea0a4d2.txt"],
  objects: [],
});

const node = (id: string, zone: TopologyNode["zone"], over: Partial<TopologyNode> = {}): TopologyNode => ({
  id,
  kind: "server",
  label: id,
  zone,
  health: "ok",
  findings: [],
  ...over,
});

const edge = (id: string, source: string, target: string, over: Partial<TopologyEdge> = {}): TopologyEdge => ({
  id,
  source,
  target,
  label: "HTTPS 443",
  health: "ok",
  findings: [],
  ...over,
});

const topology: Topology = {
  nodes: [
    node("device", "internet", { kind: "device", label: "Device" }),
    node("appproxy", "cloud", { kind: "appProxyService", label: "Application proxy" }),
    node("connector", "onPremises", { kind: "appProxyConnector", label: "APPPROXY01", health: "warning", findings: [finding("CONN_X", "warning")] }),
    node("ndes", "onPremises", { kind: "ndes", label: "NDES01", detail: "ndes01.corp.contoso.com" }),
  ],
  edges: [
    edge("e1", "device", "appproxy", {
      label: "HTTPS 443 https://ndes-contoso.msappproxy.net/",
      health: "error",
      findings: [finding("APPPROXY_PREAUTH_NOT_PASSTHROUGH", "error")],
    }),
    edge("e2", "appproxy", "connector", { label: "outbound 443", health: "warning", findings: [finding("W", "warning")] }),
    edge("e3", "connector", "ndes", { label: "HTTPS 443 https://ndes01.corp.contoso.com/", health: "ok" }),
    edge("e4", "connector", "ghost"),
  ],
};

describe("topology colours", () => {
  it("draws an edge with an error red and thicker, a warning amber and dashed, ok green, info grey", () => {
    const { edges } = toFlow(topology, null);
    const byId = new Map(edges.map((e) => [e.id, e]));
    expect(byId.get("e1")!.style).toMatchObject({ stroke: "#c50f1f", strokeWidth: 3 });
    expect(byId.get("e1")!.markerEnd).toMatchObject({ color: "#c50f1f" });
    expect(byId.get("e2")!.style).toMatchObject({ stroke: "#bc4b09", strokeDasharray: "6 4" });
    expect(byId.get("e3")!.style).toMatchObject({ stroke: "#107c10", strokeWidth: 2 });
    expect(byId.get("e3")!.style).not.toHaveProperty("strokeDasharray");
    expect(edgeLook("info", false).style.stroke).toBe("#616161");
  });

  it("names each edge with its ends, what travels and its health, and keeps the label (port, URL)", () => {
    const { edges } = toFlow(topology, null);
    const e1 = edges.find((e) => e.id === "e1")!;
    expect(e1.label).toBe("HTTPS 443 https://ndes-contoso.msappproxy.net/");
    expect(e1.ariaLabel).toBe("Device to Application proxy, HTTPS 443 https://ndes-contoso.msappproxy.net/: Error, 1 finding");
    expect(edges.find((e) => e.id === "e3")!.ariaLabel).toMatch(/: OK$/);
  });

  it("colours a node by its health and marks the selected one", () => {
    expect(nodeLook("error", false)).toMatchObject({ borderColor: "#c50f1f", borderWidth: 3, boxShadow: undefined });
    expect(nodeLook("ok", true).boxShadow).toContain("#107c10");
    const { nodes } = toFlow(topology, "connector");
    const connector = nodes.find((n) => n.id === "connector")!;
    expect(connector.data).toMatchObject({ selected: true });
    expect(connector.ariaLabel).toBe("APPPROXY01: Warning, 1 finding");
    expect(healthSummary("warning", 2)).toBe("Warning, 2 findings");
  });

  it("drops an edge whose end is not in the picture instead of failing the whole drawing", () => {
    expect(toFlow(topology, null).edges.map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
  });
});

describe("topology layout", () => {
  it("lays the request path out top to bottom and puts every node inside its zone's box", () => {
    const { nodes, zones } = layout(topology);
    const y = (id: string) => nodes.get(id)!.y;
    expect(y("device")).toBeLessThan(y("appproxy"));
    expect(y("appproxy")).toBeLessThan(y("connector"));
    expect(y("connector")).toBeLessThan(y("ndes"));
    for (const n of topology.nodes) {
      const p = nodes.get(n.id)!;
      const z = zones.get(n.zone)!;
      expect(p.x).toBeGreaterThanOrEqual(z.x);
      expect(p.y).toBeGreaterThanOrEqual(z.y);
      expect(p.x + 210).toBeLessThanOrEqual(z.x + z.width);
      expect(p.y + 72).toBeLessThanOrEqual(z.y + z.height);
    }
    // xyflow wants parents before children, and child positions relative to the parent.
    const flow = toFlow(topology, null).nodes;
    expect(flow.findIndex((n) => n.id === "zone:onPremises")).toBeLessThan(flow.findIndex((n) => n.id === "ndes"));
    const ndes = flow.find((n) => n.id === "ndes")!;
    expect(ndes.position.x).toBe(nodes.get("ndes")!.x - zones.get("onPremises")!.x);
  });
});
