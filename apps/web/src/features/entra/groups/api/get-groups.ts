// GET /groups with search by display name and "Load more" via @odata.nextLink.
import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { graph, odataString, request, sameOriginPath } from "@/shared/api/http";
import type { Collection, Group } from "@/shared/api/types";

const SELECT = "id,displayName,description,mailEnabled,securityEnabled,groupTypes,createdDateTime";

export const groupsQuery = (tenantId: string, search: string) =>
  infiniteQueryOptions({
    queryKey: ["tenant", tenantId, "groups", "list", search],
    queryFn: ({ pageParam }) => {
      if (pageParam) return request<Collection<Group>>(sameOriginPath(pageParam));
      const params = new URLSearchParams({ $top: "100", $count: "true", $select: SELECT });
      if (search.trim()) params.set("$filter", `startswith(displayName,${odataString(search.trim())})`);
      return request<Collection<Group>>(graph(`/groups?${params}`));
    },
    initialPageParam: "",
    getNextPageParam: (last) => last["@odata.nextLink"],
  });

export function useGroups(tenantId: string, search: string) {
  return useInfiniteQuery(groupsQuery(tenantId, search));
}

/** "Security" for a security group, "Microsoft 365" for a Unified one, as the Groups blade labels them. */
export function groupTypeLabel(g: Group): string {
  return g.groupTypes?.includes("Unified") ? "Microsoft 365" : g.securityEnabled === false ? "Distribution" : "Security";
}
