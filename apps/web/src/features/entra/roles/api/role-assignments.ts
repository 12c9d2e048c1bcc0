// POST / DELETE roleManagement/directory/roleAssignments (scope "/": the whole directory).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ZRoleAssignmentCreate } from "@certlab/domain/schemas/directory";
import { graph, request } from "@/shared/api/http";
import type { RoleAssignment, User } from "@/shared/api/types";

export const roleAssignmentInput = ZRoleAssignmentCreate;

export function useAddRoleAssignment(tenantId: string, roleDefinitionId: string, roleName: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: User) => {
      const body = roleAssignmentInput.parse({ principalId: user.id, roleDefinitionId, directoryScopeId: "/" });
      return request<RoleAssignment>(graph("/roleManagement/directory/roleAssignments"), { method: "POST", body });
    },
    meta: { success: (_d, u) => `Assigned ${roleName} to ${(u as User).displayName}`, error: "Could not add assignment" },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "roleAssignments"] }),
  });
}

export function useRemoveRoleAssignment(tenantId: string, roleName: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assignment: RoleAssignment & { principalName: string }) =>
      request<void>(graph(`/roleManagement/directory/roleAssignments/${encodeURIComponent(assignment.id)}`), { method: "DELETE" }),
    meta: {
      success: (_d, a) => `Removed ${roleName} from ${(a as { principalName: string }).principalName}`,
      error: "Could not remove assignment",
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "roleAssignments"] }),
  });
}
