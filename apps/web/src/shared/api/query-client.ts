// TanStack Query: reads are queries; every mutation reports its outcome in the notifications panel, so a save
// error is never silent. A mutation names itself through `meta` ({ success, error }).
import { MutationCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "@/shared/api/http";
import { notifications } from "@/shared/notifications/notification-store";

export type MutationMeta = {
  /** Title of the success notification, e.g. "Created user Jane Doe"; a function sees the mutation's result. */
  success?: string | ((data: unknown, variables: unknown) => string);
  /** Title of the error notification, e.g. "Could not create user". */
  error?: string;
  /** The page shows the outcome itself (the sign-in box's "Your account or password is incorrect."). */
  silent?: boolean;
};

declare module "@tanstack/react-query" {
  interface Register {
    mutationMeta: MutationMeta;
  }
}

/** The text under an error notification: Graph's message, and the request id an admin would quote. */
export function errorBody(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.details.filter((d) => d.target && !error.message.includes(d.target));
    const extra = fields.map((d) => `${d.target}: ${d.message}`).join("; ");
    return [error.message, extra, error.requestId ? `Request ID: ${error.requestId}` : ""].filter(Boolean).join("\n");
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads computed from the whole tenant state (issue 8): every rule's findings, the guides' step checks, the lab
 * topology and seed 004's request flow. Any successful write may change them, so every mutation marks them stale
 * and the guide panel ticks, Health and the pictures recolour without each screen having to know about them.
 * "workshop" is a trainee's seat (GET /api/workshop, issue 11): its Tasks panel ticks the same way.
 */
export const TENANT_DERIVED = ["findings", "guides", "topology", "request-flow", "workshop"] as const;

export function isTenantDerived(queryKey: readonly unknown[]): boolean {
  return queryKey[0] === "tenant" && (TENANT_DERIVED as readonly unknown[]).includes(queryKey[2]);
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
    mutationCache: new MutationCache({
      onSuccess: (data, variables, _ctx, mutation) => {
        void client.invalidateQueries({ predicate: (q) => isTenantDerived(q.queryKey) });
        const success = mutation.meta?.success;
        if (!success || mutation.meta?.silent) return;
        notifications.push({ intent: "success", title: typeof success === "function" ? success(data, variables) : success });
      },
      onError: (error, _variables, _ctx, mutation) => {
        if (mutation.meta?.silent) return;
        notifications.push({ intent: "error", title: mutation.meta?.error ?? "The change could not be saved", body: errorBody(error) });
      },
    }),
  });
  return client;
}
