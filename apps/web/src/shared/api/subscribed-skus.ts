// GET /subscribedSkus: the tenant's licences (total = prepaidUnits.enabled, assigned = consumedUnits). Overview and
// the user's Licenses tab both read it.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { graph, request } from "@/shared/api/http";
import type { Collection, SubscribedSku } from "@/shared/api/types";

export const subscribedSkusQuery = (tenantId: string) =>
  queryOptions({
    queryKey: ["tenant", tenantId, "subscribedSkus"],
    queryFn: () => request<Collection<SubscribedSku>>(graph("/subscribedSkus")),
  });

export function useSubscribedSkus(tenantId: string) {
  return useQuery(subscribedSkusQuery(tenantId));
}
