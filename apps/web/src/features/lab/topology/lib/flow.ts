// From the API's topology to what @xyflow/react draws: every node and edge styled by its health (error red,
// warning amber and dashed, ok green, info neutral; shared/lib/health.ts), laid out top to bottom by dagre (the request path reads downwards, which fits the page) with the
// three zones (internet, Microsoft cloud, on-premises) as compound groups. Pure: unit-tested without a browser.
import dagre from "@dagrejs/dagre";
import { MarkerType, type Edge, type Node } from "@xyflow/react";
import type { Topology, TopologyEdge, TopologyNode } from "@certlab/domain/topology/types";
import { HEALTH_LOOK, type Health } from "@/shared/lib/health";

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 72;
const ZONE_PAD = 28;

export const ZONE_LABEL: Record<TopologyNode["zone"], string> = {
  internet: "Internet",
  cloud: "Microsoft cloud",
  onPremises: "On-premises (corp.contoso.com)",
};
const ZONE_ORDER: readonly TopologyNode["zone"][] = ["internet", "cloud", "onPremises"];

export type LabNodeData = { node: TopologyNode; selected: boolean };
export type ZoneNodeData = { label: string };
export type FlowNode = Node<LabNodeData, "lab"> | Node<ZoneNodeData, "zone">;
export type FlowEdge = Edge<{ edge: TopologyEdge }>;

/** How a node looks for its health. */
export function nodeLook(health: Health, selected: boolean) {
  const look = HEALTH_LOOK[health];
  return {
    borderColor: look.colour,
    background: look.fill,
    borderWidth: health === "error" ? 3 : 2,
    boxShadow: selected ? `0 0 0 3px ${look.colour}55` : undefined,
  };
}

/** How an edge looks for its health: colour, width, a dash for warnings (colour is never the only sign). */
export function edgeLook(health: Health, selected: boolean) {
  const colour = HEALTH_LOOK[health].colour;
  return {
    style: {
      stroke: colour,
      strokeWidth: (health === "error" ? 3 : 2) + (selected ? 1.5 : 0),
      ...(health === "warning" ? { strokeDasharray: "6 4" } : {}),
    },
    markerEnd: { type: MarkerType.ArrowClosed, color: colour, width: 18, height: 18 },
    labelStyle: { fill: colour, fontWeight: 600, fontSize: 11 },
  };
}

export function healthSummary(h: Health, findings: number): string {
  return h === "ok" ? "OK" : `${HEALTH_LOOK[h].label}, ${findings} finding${findings === 1 ? "" : "s"}`;
}

/** Positions every node (absolute, top-left) and every zone box with dagre. */
export function layout(topology: Topology): { nodes: Map<string, { x: number; y: number }>; zones: Map<string, { x: number; y: number; width: number; height: number }> } {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 40, ranksep: 70, edgesep: 24, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const zones = ZONE_ORDER.filter((z) => topology.nodes.some((n) => n.zone === z));
  for (const z of zones) g.setNode(`zone:${z}`, { paddingLeft: ZONE_PAD, paddingRight: ZONE_PAD, paddingTop: ZONE_PAD + 8, paddingBottom: ZONE_PAD });
  for (const n of topology.nodes) {
    g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
    g.setParent(n.id, `zone:${n.zone}`);
  }
  const ids = new Set(topology.nodes.map((n) => n.id));
  for (const e of topology.edges) {
    if (ids.has(e.source) && ids.has(e.target)) g.setEdge(e.source, e.target, { width: 120, height: 20, labelpos: "c" }, e.id);
  }
  dagre.layout(g);
  const nodes = new Map<string, { x: number; y: number }>();
  for (const n of topology.nodes) {
    const p = g.node(n.id);
    nodes.set(n.id, { x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 });
  }
  const boxes = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const z of zones) {
    // The zone's box is the bounding box of its nodes plus padding (dagre's compound sizes vary by version).
    const inside = topology.nodes.filter((n) => n.zone === z).map((n) => nodes.get(n.id)!);
    const x = Math.min(...inside.map((p) => p.x)) - ZONE_PAD;
    const y = Math.min(...inside.map((p) => p.y)) - ZONE_PAD - 8;
    const right = Math.max(...inside.map((p) => p.x + NODE_WIDTH)) + ZONE_PAD;
    const bottom = Math.max(...inside.map((p) => p.y + NODE_HEIGHT)) + ZONE_PAD;
    boxes.set(z, { x, y, width: right - x, height: bottom - y });
  }
  return { nodes, zones: boxes };
}

/** The xyflow elements: zone groups first (parents before children, as xyflow requires), then nodes and edges. */
export function toFlow(topology: Topology, selectedId: string | null): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const { nodes: pos, zones } = layout(topology);
  const nodes: FlowNode[] = [];
  for (const [zone, box] of zones) {
    nodes.push({
      id: `zone:${zone}`,
      type: "zone",
      position: { x: box.x, y: box.y },
      data: { label: ZONE_LABEL[zone as TopologyNode["zone"]] },
      style: { width: box.width, height: box.height },
      selectable: false,
      draggable: false,
      focusable: false,
      zIndex: -1,
    });
  }
  for (const n of topology.nodes) {
    const p = pos.get(n.id)!;
    const box = zones.get(n.zone)!;
    nodes.push({
      id: n.id,
      type: "lab",
      parentId: `zone:${n.zone}`,
      extent: "parent",
      position: { x: p.x - box.x, y: p.y - box.y },
      data: { node: n, selected: n.id === selectedId },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      draggable: false,
      ariaLabel: `${n.label}${n.detail ? ` (${n.detail})` : ""}: ${healthSummary(n.health, n.findings.length)}`,
      domAttributes: { "data-health": n.health } as Record<string, string>,
    });
  }
  const ids = new Set(topology.nodes.map((n) => n.id));
  const edges: FlowEdge[] = topology.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.label,
      data: { edge: e },
      ...edgeLook(e.health, e.id === selectedId),
      labelBgStyle: { fill: "#ffffff", fillOpacity: 0.92 },
      labelBgPadding: [4, 2] as [number, number],
      ariaLabel: `${nodeName(topology, e.source)} to ${nodeName(topology, e.target)}, ${e.label}: ${healthSummary(e.health, e.findings.length)}`,
      domAttributes: { "data-health": e.health } as Record<string, string>,
      zIndex: 1,
    }));
  return { nodes, edges };
}

export function nodeName(topology: Topology, id: string): string {
  return topology.nodes.find((n) => n.id === id)?.label ?? id;
}
