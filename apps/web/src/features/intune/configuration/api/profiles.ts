// Graph /deviceManagement/deviceConfigurations (beta) for the trusted certificate and SCEP profiles: list, read
// (with $expand=rootCertificate), create (polymorphic on @odata.type), PATCH, DELETE, assignments + assign; and
// the portal's draft evaluation (POST /api/intune/profile-drafts/evaluate) for the wizard's live findings.
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TAssignmentTarget } from "@certlab/domain/intune/assignments";
import type { TrustedCertificateFacts } from "@certlab/domain/intune/snapshot";
import { graph, odataString, request } from "@/shared/api/http";
import type { Collection, Finding, Group, Severity } from "@/shared/api/types";

const CONFIGS = "/deviceManagement/deviceConfigurations";

/** A profile as Graph returns it: base properties plus the type's own, Graph names. */
export type GraphProfile = {
  "@odata.type": string;
  id: string;
  displayName: string;
  description: string | null;
  createdDateTime: string;
  lastModifiedDateTime: string;
  version: number;
  rootCertificate?: GraphProfile | null;
  assignments?: GraphAssignment[];
  "trustedRootCertificate@certlab.certificateInfo"?: TrustedCertificateFacts;
  [key: string]: unknown;
};

export type GraphAssignment = { id: string; target: TAssignmentTarget; intent?: string; source?: string };

export const profileKeys = {
  all: (tenantId: string) => ["tenant", tenantId, "intune", "deviceConfigurations"] as const,
  list: (tenantId: string) => [...profileKeys.all(tenantId), "list"] as const,
  item: (tenantId: string, id: string) => [...profileKeys.all(tenantId), "item", id] as const,
  assignments: (tenantId: string, id: string) => [...profileKeys.all(tenantId), "assignments", id] as const,
};

/** Every certificate profile with its assignments (the list's Assigned column); the lists are small. */
export const profilesQuery = (tenantId: string) =>
  queryOptions({
    queryKey: profileKeys.list(tenantId),
    queryFn: () => request<Collection<GraphProfile>>(graph(`${CONFIGS}?$expand=assignments`)),
  });

export function useProfiles(tenantId: string) {
  return useQuery(profilesQuery(tenantId));
}

export function useProfile(tenantId: string, id: string) {
  return useQuery({
    queryKey: profileKeys.item(tenantId, id),
    queryFn: () => request<GraphProfile>(graph(`${CONFIGS}/${id}?$expand=rootCertificate`)),
    enabled: !!id,
  });
}

export function useProfileAssignments(tenantId: string, id: string) {
  return useQuery({
    queryKey: profileKeys.assignments(tenantId, id),
    queryFn: () => request<Collection<GraphAssignment>>(graph(`${CONFIGS}/${id}/assignments`)),
    enabled: !!id,
  });
}

function invalidate(queryClient: ReturnType<typeof useQueryClient>, tenantId: string) {
  void queryClient.invalidateQueries({ queryKey: profileKeys.all(tenantId) });
  void queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "findings"] });
}

export type CreateProfileInput = { body: Record<string, unknown>; assignments: TAssignmentTarget[] };

/** POST the profile, then (if any) POST …/assign with the Assignments page — as the portal's Create does. */
export function useCreateProfile(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, assignments }: CreateProfileInput) => {
      const created = await request<GraphProfile>(graph(CONFIGS), { method: "POST", body });
      if (assignments.length)
        await request(graph(`${CONFIGS}/${created.id}/assign`), { method: "POST", body: { assignments: assignments.map((target) => ({ target })) } });
      return created;
    },
    meta: { success: (d) => `Created profile ${(d as GraphProfile).displayName}`, error: "Could not create profile" },
    onSettled: () => invalidate(queryClient, tenantId),
  });
}

export function useUpdateProfile(tenantId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => request<GraphProfile>(graph(`${CONFIGS}/${id}`), { method: "PATCH", body }),
    meta: { success: (d) => `Saved profile ${(d as GraphProfile).displayName}`, error: "Could not save profile" },
    onSettled: () => invalidate(queryClient, tenantId),
  });
}

export function useAssignProfile(tenantId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assignments: TAssignmentTarget[]) =>
      request<Collection<GraphAssignment>>(graph(`${CONFIGS}/${id}/assign`), { method: "POST", body: { assignments: assignments.map((target) => ({ target })) } }),
    meta: { success: "Saved assignments", error: "Could not save assignments" },
    onSettled: () => invalidate(queryClient, tenantId),
  });
}

export function useDeleteProfile(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (p: GraphProfile) => request<void>(graph(`${CONFIGS}/${p.id}`), { method: "DELETE" }),
    meta: { success: (_d, p) => `Deleted profile ${(p as GraphProfile).displayName}`, error: "Could not delete profile" },
    onSuccess: (_d, p) => queryClient.removeQueries({ queryKey: profileKeys.item(tenantId, p.id) }),
    onSettled: () => invalidate(queryClient, tenantId),
  });
}

// ------------------------------------------------------------------------------------------ groups

export function useGroupSearch(tenantId: string, text: string) {
  return useQuery({
    queryKey: ["tenant", tenantId, "groups", "search", text],
    queryFn: () => {
      const params = new URLSearchParams({ $top: "15", $select: "id,displayName,description" });
      if (text.trim()) params.set("$filter", `startswith(displayName,${odataString(text.trim())})`);
      return request<Collection<Group>>(graph(`/groups?${params}`));
    },
    placeholderData: keepPreviousData,
  });
}

/** Display names of the groups an assignment list names (one GET per group, cached). */
export function useGroupNames(tenantId: string, ids: readonly string[]) {
  const sorted = [...new Set(ids)].sort();
  return useQuery({
    queryKey: ["tenant", tenantId, "groups", "names", sorted],
    queryFn: async () => {
      const out: Record<string, string> = {};
      await Promise.all(
        sorted.map(async (id) => {
          try {
            out[id] = (await request<Group>(graph(`/groups/${id}?$select=id,displayName`))).displayName;
          } catch {
            out[id] = id;
          }
        }),
      );
      return out;
    },
    enabled: sorted.length > 0,
  });
}

// ------------------------------------------------------------------------------------------ evaluate

export type ValidationDetail = { code: string; target: string; message: string };

export type DraftEvaluation = {
  value: Finding[];
  summary: Record<Severity, number>;
  /** What POST/PATCH would refuse, as field paths. */
  validation: ValidationDetail[];
  /** Trusted certificate profiles: what the API read from the uploaded certificate. */
  certificate?: TrustedCertificateFacts;
};

export type EvaluateInput = {
  draft: Record<string, unknown>;
  existingId?: string;
  assignments?: TAssignmentTarget[];
};

/** The findings the draft would trigger, re-asked whenever the draft changes (the caller debounces). */
export function useDraftEvaluation(tenantId: string, input: EvaluateInput | undefined) {
  return useQuery({
    queryKey: ["tenant", tenantId, "intune", "draft-evaluation", input],
    queryFn: ({ signal }) =>
      request<DraftEvaluation>("/api/intune/profile-drafts/evaluate", {
        method: "POST",
        signal,
        body: {
          draft: input!.draft,
          ...(input!.existingId ? { existingId: input!.existingId } : {}),
          ...(input!.assignments ? { assignments: input!.assignments.map((target) => ({ target })) } : {}),
        },
      }),
    enabled: !!input,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    retry: false,
  });
}
