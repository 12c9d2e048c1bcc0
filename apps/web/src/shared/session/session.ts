// The signed-in session (GET /api/session): who, which directory, which roles, what the UI may offer.
import { createContext, useContext } from "react";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Action } from "@certlab/domain/directory/permissions";
import { ApiError, request, setCsrfToken } from "@/shared/api/http";
import type { SessionInfo } from "@/shared/api/types";

export const sessionKey = ["session"] as const;

/** null when nobody is signed in (401), so route guards can redirect instead of showing an error. */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const session = await request<SessionInfo>("/api/session", { allowUnauthenticated: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export const sessionQuery = queryOptions({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });

export function useSession() {
  return useQuery(sessionQuery);
}

/**
 * Provided by the auth guard. Pages read the session from it rather than from the query, so a page being torn
 * down while the user signs out never sees "no session".
 */
export const SignedInSessionContext = createContext<SessionInfo | null>(null);

/** The session of a page rendered under the auth guard: always present there. */
export function useSignedInSession(): SessionInfo {
  const session = useContext(SignedInSessionContext);
  if (!session) throw new Error("useSignedInSession used outside the signed-in routes");
  return session;
}

/** Whether the signed-in user's roles allow the action: drives which buttons a page shows. */
export function useCan(action: Action): boolean {
  const { data } = useSession();
  return !!data && (data.allowedActions as readonly string[]).includes(action);
}
