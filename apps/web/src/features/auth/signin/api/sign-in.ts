// POST /api/session: the portal sign-in. The body is checked with the same schema the API uses.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ZSignIn, type TSignIn } from "@certlab/domain/schemas/directory";
import { request, setCsrfToken } from "@/shared/api/http";
import type { SessionInfo } from "@/shared/api/types";
import { sessionKey } from "@/shared/session/session";

export const signInInput = ZSignIn;
export const usernameInput = ZSignIn.shape.username;

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TSignIn) =>
      request<SessionInfo>("/api/session", { method: "POST", body: input, allowUnauthenticated: true }),
    meta: { silent: true },
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session);
    },
  });
}
