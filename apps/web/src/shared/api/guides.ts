// Guided flows (issue 8): GET /api/guides, GET /api/guides/{id}, POST /api/guides/{id}/restart. The API evaluates
// each step's check on the tenant's snapshot; the portal only shows the result. These reads are "tenant derived"
// (shared/api/query-client.ts): every successful write marks them stale, so the guide panel ticks by itself.
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { GuideProgress, GuidesResponse } from "@certlab/domain/guides/types";
import { request } from "@/shared/api/http";
import { useSignedInSession } from "@/shared/session/session";

export type { GuideProgress, GuideStepProgress, GuidesResponse } from "@certlab/domain/guides/types";

const enc = encodeURIComponent;

export const guidesKey = (tenantId: string) => ["tenant", tenantId, "guides"] as const;

export const guidesQuery = (tenantId: string) =>
  queryOptions({
    queryKey: guidesKey(tenantId),
    queryFn: () => request<GuidesResponse>("/api/guides"),
    // A guide's progress is the lab's state right now: read again whenever a guide screen mounts.
    staleTime: 0,
  });

export const guideQuery = (tenantId: string, guideId: string) =>
  queryOptions({
    queryKey: [...guidesKey(tenantId), guideId] as const,
    queryFn: () => request<GuideProgress>(`/api/guides/${enc(guideId)}`),
    staleTime: 0,
  });

export function useGuides() {
  const { tenant } = useSignedInSession();
  return useQuery(guidesQuery(tenant.id));
}

export function useGuide(guideId: string | undefined) {
  const { tenant } = useSignedInSession();
  return useQuery({ ...guideQuery(tenant.id, guideId ?? ""), enabled: !!guideId });
}

/** Resets the lab to the guide's starting point (it replaces the lab: the caller confirms first). */
export function useRestartGuide() {
  const { tenant } = useSignedInSession();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (guideId: string) => request<GuideProgress>(`/api/guides/${enc(guideId)}/restart`, { method: "POST", body: {} }),
    meta: { success: (g) => `Restarted the guide “${(g as GuideProgress).title}”`, error: "Could not restart the guide" },
    // The whole tenant changed: everything cached for it is stale, not only the derived reads.
    onSuccess: (g) => {
      qc.setQueryData(guideQuery(tenant.id, g.id).queryKey, g);
      return qc.invalidateQueries({ queryKey: ["tenant", tenant.id] });
    },
  });
}
