// Directory object counts for the Overview blade: `$count=true&$top=1` answers @odata.count without the list.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { graph, request } from "@/shared/api/http";
import type { Collection } from "@/shared/api/types";

export const countQuery = (tenantId: string, collection: "users" | "groups") =>
  queryOptions({
    queryKey: ["tenant", tenantId, collection, "count"],
    queryFn: async () => {
      const page = await request<Collection<{ id: string }>>(graph(`/${collection}?$top=1&$count=true&$select=id`));
      return page["@odata.count"] ?? page.value.length;
    },
  });

export function useCount(tenantId: string, collection: "users" | "groups") {
  return useQuery(countQuery(tenantId, collection));
}
