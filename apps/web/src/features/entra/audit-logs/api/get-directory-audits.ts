// GET /auditLogs/directoryAudits, newest first, 50 at a time.
import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { graph, request, sameOriginPath } from "@/shared/api/http";
import type { Collection, DirectoryAudit } from "@/shared/api/types";

export const directoryAuditsQuery = (tenantId: string) =>
  infiniteQueryOptions({
    queryKey: ["tenant", tenantId, "directoryAudits"],
    queryFn: ({ pageParam }) =>
      request<Collection<DirectoryAudit>>(
        pageParam ? sameOriginPath(pageParam) : graph(`/auditLogs/directoryAudits?$top=50&$orderby=${encodeURIComponent("activityDateTime desc")}`),
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last["@odata.nextLink"],
  });

export function useDirectoryAudits(tenantId: string) {
  return useInfiniteQuery(directoryAuditsQuery(tenantId));
}
