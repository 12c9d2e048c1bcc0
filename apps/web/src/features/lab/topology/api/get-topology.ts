// GET /api/topology: the lab's servers, CA hierarchy, NDES, connectors, proxies, Intune and Entra with the network
// edges between them, each coloured by the findings the rules produce (issue 8). A "tenant derived" read: every
// write marks it stale (shared/api/query-client.ts), so the picture recolours after a fix.
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Topology } from "@certlab/domain/topology/types";
import { request } from "@/shared/api/http";
import { useSignedInSession } from "@/shared/session/session";

export type { Topology, TopologyEdge, TopologyNode } from "@certlab/domain/topology/types";

export const topologyQuery = (tenantId: string) =>
  queryOptions({
    queryKey: ["tenant", tenantId, "topology"] as const,
    queryFn: () => request<Topology>("/api/topology"),
  });

export function useTopology() {
  const { tenant } = useSignedInSession();
  return useQuery(topologyQuery(tenant.id));
}
