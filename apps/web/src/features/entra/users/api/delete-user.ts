// DELETE /users/{id}.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { graph, request } from "@/shared/api/http";
import type { User } from "@/shared/api/types";

export function useDeleteUser(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: User) => request<void>(graph(`/users/${user.id}`), { method: "DELETE" }),
    meta: { success: (_d, user) => `Deleted user ${(user as User).displayName}`, error: "Could not delete user" },
    onSuccess: (_d, user) => {
      queryClient.removeQueries({ queryKey: ["tenant", tenantId, "users", "item", user.id] });
      void queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "users", "list"] });
    },
  });
}
