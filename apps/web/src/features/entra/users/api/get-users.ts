// GET /users, 100 at a time, optionally filtered by the start of the display name; "Load more" follows
// @odata.nextLink.
import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { graph, odataString, request, sameOriginPath } from "@/shared/api/http";
import type { Collection, User } from "@/shared/api/types";

const SELECT = "id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime,assignedLicenses";

export function usersUrl(search: string): string {
  const params = new URLSearchParams({ $top: "100", $count: "true", $select: SELECT });
  if (search.trim()) params.set("$filter", `startswith(displayName,${odataString(search.trim())})`);
  return graph(`/users?${params}`);
}

export const usersQuery = (tenantId: string, search: string) =>
  infiniteQueryOptions({
    queryKey: ["tenant", tenantId, "users", "list", search],
    queryFn: ({ pageParam }) => request<Collection<User>>(pageParam ? sameOriginPath(pageParam) : usersUrl(search)),
    initialPageParam: "",
    getNextPageParam: (last) => last["@odata.nextLink"],
  });

export function useUsers(tenantId: string, search: string) {
  return useInfiniteQuery(usersQuery(tenantId, search));
}
