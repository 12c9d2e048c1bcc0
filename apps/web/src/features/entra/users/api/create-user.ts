// POST /users. The form's input is checked with the schema the API validates with (ZUserCreate).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ZUserCreate, type TUserCreate } from "@certlab/domain/schemas/directory";
import { graph, request } from "@/shared/api/http";
import type { User } from "@/shared/api/types";

export const createUserInput = ZUserCreate;

export function useCreateUser(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TUserCreate) => request<User>(graph("/users"), { method: "POST", body: input }),
    meta: { success: (data) => `Created user ${(data as User).displayName}`, error: "Could not create user" },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "users"] }),
  });
}
