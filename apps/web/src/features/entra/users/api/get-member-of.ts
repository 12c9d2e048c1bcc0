// GET /users/{id}/memberOf: the groups (and directory roles) the user belongs to.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { graph, request } from "@/shared/api/http";
import type { Collection, DirectoryObject } from "@/shared/api/types";

export const memberOfQuery = (tenantId: string, userId: string) =>
  queryOptions({
    queryKey: ["tenant", tenantId, "users", "item", userId, "memberOf"],
    queryFn: () => request<Collection<DirectoryObject>>(graph(`/users/${userId}/memberOf`)),
  });

export function useMemberOf(tenantId: string, userId: string) {
  return useQuery(memberOfQuery(tenantId, userId));
}
