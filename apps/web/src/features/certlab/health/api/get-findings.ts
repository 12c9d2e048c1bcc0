// GET /api/tenants/{tenantId}/findings: every rule run over the tenant, with a count per severity.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "@/shared/api/http";
import type { FindingsResponse } from "@/shared/api/types";

export const findingsQuery = (tenantId: string) =>
  queryOptions({
    queryKey: ["tenant", tenantId, "findings"],
    queryFn: () => request<FindingsResponse>(`/api/tenants/${encodeURIComponent(tenantId)}/findings`),
  });

export function useFindings(tenantId: string) {
  return useQuery(findingsQuery(tenantId));
}
