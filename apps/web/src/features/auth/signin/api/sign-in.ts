// POST /api/session: the portal sign-in. The body is checked with the same schema the API uses (the name with
// api/username-input.ts, loaded on first submit so zod stays off the sign-in page's first load).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TSignIn } from "@certlab/domain/schemas/directory";
import { request, setCsrfToken } from "@/shared/api/http";
import type { SessionInfo } from "@/shared/api/types";
import { sessionKey } from "@/shared/session/session";

/** The sign-in name's schema, loaded when first needed. */
export const loadUsernameInput = () => import("./username-input").then((m) => m.usernameInput);

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
