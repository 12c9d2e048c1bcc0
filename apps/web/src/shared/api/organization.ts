// GET /organization: the tenant's one organization object (name, id, verified domains, MDM authority).
// Several portals read it, so it lives here rather than in one feature.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { graph, request } from "@/shared/api/http";
import type { Collection, Organization } from "@/shared/api/types";

export const organizationQuery = (tenantId: string) =>
  queryOptions({
    queryKey: ["tenant", tenantId, "organization"],
    queryFn: async () => {
      const page = await request<Collection<Organization>>(graph("/organization"));
      const org = page.value[0];
      if (!org) throw new Error("The directory has no organization object.");
      return org;
    },
  });

export function useOrganization(tenantId: string) {
  return useQuery(organizationQuery(tenantId));
}
