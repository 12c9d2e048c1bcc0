// Directory role definitions and assignments (roleManagement/directory): read by the Entra roles blades, a
// user's "Assigned roles" tab and Intune's Tenant administration > Roles.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { graph, odataString, request } from "@/shared/api/http";
import type { Collection, RoleAssignment, RoleDefinition } from "@/shared/api/types";

export const roleDefinitionsQuery = (tenantId: string) =>
  queryOptions({
    queryKey: ["tenant", tenantId, "roleDefinitions"],
    queryFn: () => request<Collection<RoleDefinition>>(graph("/roleManagement/directory/roleDefinitions")),
    staleTime: 5 * 60_000,
  });

export function useRoleDefinitions(tenantId: string) {
  return useQuery(roleDefinitionsQuery(tenantId));
}

export const roleAssignmentsQuery = (tenantId: string, by: "roleDefinitionId" | "principalId", id: string) =>
  queryOptions({
    queryKey: ["tenant", tenantId, "roleAssignments", by, id],
    queryFn: () =>
      request<Collection<RoleAssignment>>(
        graph(`/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`${by} eq ${odataString(id)}`)}`),
      ),
  });

export function useRoleAssignments(tenantId: string, by: "roleDefinitionId" | "principalId", id: string) {
  return useQuery(roleAssignmentsQuery(tenantId, by, id));
}
