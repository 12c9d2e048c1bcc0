// GET /api/request-flow: seed 004's SCEP request flow (004_0623edc70b4e3354.txt, a–f) with each hop's health and
// the findings that break it, for the tenant. Shown on Health and on the guides (shared/components/request-flow).
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { RequestFlow } from "@certlab/domain/topology/types";
import { request } from "@/shared/api/http";
import { useSignedInSession } from "@/shared/session/session";

export type { RequestFlow, RequestFlowHopState } from "@certlab/domain/topology/types";

export const requestFlowQuery = (tenantId: string) =>
  queryOptions({
    queryKey: ["tenant", tenantId, "request-flow"] as const,
    queryFn: () => request<RequestFlow>("/api/request-flow"),
  });

export function useRequestFlow() {
  const { tenant } = useSignedInSession();
  return useQuery(requestFlowQuery(tenant.id));
}
