// The contract of the pictures (issue 8): the lab topology and the SCEP request flow of seed 004
// (004_0623edc70b4e3354.txt, a–f), computed from the same snapshot and findings the rules produce. The API
// returns these shapes; the portal only lays them out and colours them.
import type { Finding, ObjectRef, Severity } from "../rules/types";

/** ok when no finding touches the element; otherwise the worst severity among its findings. */
export type Health = "ok" | Severity;

export type TopologyNodeKind =
  | "device"
  | "internet"
  | "intune"
  | "entra"
  | "appProxyService"
  | "appProxyConnector"
  | "reverseProxy"
  | "ndes"
  | "intuneConnector"
  | "issuingCa"
  | "rootCa"
  | "domainController"
  | "server";

export type TopologyNode = {
  id: string;
  kind: TopologyNodeKind;
  label: string;
  /** Second line, e.g. the FQDN or "Enterprise subordinate CA". */
  detail?: string;
  /** The lab/Intune/Entra object this node stands for, when there is one. */
  object?: ObjectRef;
  /** Portal path that opens the object ("/lab/servers/…", "/entra/enterprise-apps/…"). */
  link?: string;
  /** Nodes of one zone are drawn together: cloud (Microsoft), internet, on-premises. */
  zone: "cloud" | "internet" | "onPremises";
  health: Health;
  findings: Finding[];
};

export type TopologyEdge = {
  id: string;
  source: string;
  target: string;
  /** What travels: "HTTPS 443 https://ndes-contoso.msappproxy.net/", "RPC/DCOM 135", "outbound 443". */
  label: string;
  health: Health;
  findings: Finding[];
};

/** GET /api/topology */
export type Topology = { nodes: TopologyNode[]; edges: TopologyEdge[] };

/** The hops of seed 004's request flow: a device → app proxy → NDES/IIS → policy module → connector ↔ Intune → CA → device. */
export type RequestFlowHopId = "a" | "b" | "c" | "d" | "e" | "f";

export type RequestFlowHop = {
  id: RequestFlowHopId;
  title: string;
  /** Seed 004's description of the hop, in short. */
  description: string;
  from: string;
  to: string;
  /** Rule codes that break this hop (data; docs and the diagram read it). */
  codes: readonly string[];
  source: string;
};

/** A hop as GET /api/request-flow returns it for the tenant. */
export type RequestFlowHopState = Omit<RequestFlowHop, "codes"> & { codes: string[]; health: Health; findings: Finding[] };
export type RequestFlow = { hops: RequestFlowHopState[] };
