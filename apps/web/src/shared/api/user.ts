// GET /users/{id}: one user. Role assignments name only the principal id, so several blades resolve names here.
import { queryOptions, useQueries, useQuery } from "@tanstack/react-query";
import { graph, request } from "@/shared/api/http";
import type { User } from "@/shared/api/types";

export const userQuery = (tenantId: string, id: string) =>
  queryOptions({
    queryKey: ["tenant", tenantId, "users", "item", id],
    queryFn: () => request<User>(graph(`/users/${encodeURIComponent(id)}`)),
  });

export function useUser(tenantId: string, id: string) {
  return useQuery(userQuery(tenantId, id));
}

/** Display names for principal ids; an id that isn't a user (or is gone) shows as the id. */
export function usePrincipalNames(tenantId: string, ids: readonly string[]): Map<string, User | undefined> {
  const results = useQueries({ queries: ids.map((id) => ({ ...userQuery(tenantId, id), retry: false })) });
  return new Map(ids.map((id, i) => [id, results[i]?.data]));
}
