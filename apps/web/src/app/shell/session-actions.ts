// Sign out and Switch directory: the two session changes the top bar offers.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { request, setCsrfToken } from "@/shared/api/http";
import type { SessionInfo } from "@/shared/api/types";
import { sessionKey } from "@/shared/session/session";
import { paths } from "@/shared/paths";

export function useSignOut() {
  return useMutation({
    mutationFn: () => request<void>("/api/session", { method: "DELETE", allowUnauthenticated: true }),
    meta: { error: "Could not sign out" },
    // A full page load: nothing of the signed-in user (cached directory data included) survives sign-out.
    onSettled: () => {
      setCsrfToken("");
      window.location.assign(paths.signIn);
    },
  });
}

export function useSwitchDirectory(onDone: () => void) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (tenantId: string) =>
      request<SessionInfo>("/api/session/switch", { method: "POST", body: { tenantId } }),
    meta: { success: (data) => `Switched to directory ${(data as SessionInfo).tenant.displayName}`, error: "Could not switch directory" },
    // The object on screen may not exist in the other directory: go to the portal's home before switching, so
    // no page asks the new directory for an object of the old one.
    onMutate: async () => {
      const portal = window.location.pathname.split("/")[1];
      if (portal === "intune" || portal === "lab" || portal === "entra") await navigate(`/${portal}`);
    },
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      onDone();
      // Everything cached belongs to the old directory.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, session);
    },
  });
}
