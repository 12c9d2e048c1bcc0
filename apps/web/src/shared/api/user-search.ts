// Users whose display name starts with the text typed: what every people picker (group members, role
// assignments) offers, as the Entra pickers do.
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { graph, odataString, request } from "@/shared/api/http";
import type { Collection, User } from "@/shared/api/types";

export const userSearchQuery = (tenantId: string, text: string) =>
  queryOptions({
    queryKey: ["tenant", tenantId, "users", "search", text],
    queryFn: () => {
      const params = new URLSearchParams({ $top: "15", $select: "id,displayName,userPrincipalName" });
      if (text.trim()) params.set("$filter", `startswith(displayName,${odataString(text.trim())})`);
      return request<Collection<User>>(graph(`/users?${params}`));
    },
    placeholderData: keepPreviousData,
  });

export function useUserSearch(tenantId: string, text: string) {
  return useQuery(userSearchQuery(tenantId, text));
}
