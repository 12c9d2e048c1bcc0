// Personal API tokens: GET/POST /api/tokens, DELETE /api/tokens/{id}. The secret comes back once, on create.
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZApiTokenCreate, type TApiTokenCreate } from "@certlab/domain/schemas/directory";
import { request } from "@/shared/api/http";
import type { ApiToken, ApiTokenCreated } from "@/shared/api/types";

export const createTokenInput = ZApiTokenCreate;

export const tokensQuery = queryOptions({
  queryKey: ["tokens"],
  queryFn: () => request<{ value: ApiToken[] }>("/api/tokens"),
});

export function useTokens() {
  return useQuery(tokensQuery);
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TApiTokenCreate) => request<ApiTokenCreated>("/api/tokens", { method: "POST", body: input }),
    meta: { success: (d) => `Created API token ${(d as ApiToken).displayName}`, error: "Could not create API token" },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQuery.queryKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: ApiToken) => request<void>(`/api/tokens/${encodeURIComponent(token.id)}`, { method: "DELETE" }),
    meta: { success: (_d, t) => `Revoked API token ${(t as ApiToken).displayName}`, error: "Could not revoke API token" },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQuery.queryKey }),
  });
}
