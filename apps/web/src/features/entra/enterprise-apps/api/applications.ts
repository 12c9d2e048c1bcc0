// Enterprise applications over Graph beta: the application list and one application with onPremisesPublishing
// ($select, §8.4), its service principal and assignments (appRoleAssignedTo), the application's connector group,
// PATCH (204), and the tenant's domains for the External URL dropdown.
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TApplicationPatch } from "@certlab/domain/entra/on-premises-publishing";
import { graph, request } from "@/shared/api/http";
import type { Collection } from "@/shared/api/types";
import type { AppRoleAssignment, Application, ConnectorGroup, GraphDomain, ServicePrincipal } from "@/features/entra/enterprise-apps/api/types";

const APP_SELECT = "id,appId,displayName,createdDateTime,applicationTemplateId,publisherDomain,identifierUris,web,onPremisesPublishing";

export const appsKey = (tenantId: string) => ["tenant", tenantId, "enterprise-apps"] as const;

export const applicationsQuery = (tenantId: string) =>
  queryOptions({
    queryKey: [...appsKey(tenantId), "applications"],
    queryFn: () => request<Collection<Application>>(graph(`/applications?$select=${APP_SELECT}`)).then((c) => c.value),
  });

export function useApplications(tenantId: string) {
  return useQuery(applicationsQuery(tenantId));
}

export const applicationQuery = (tenantId: string, id: string) =>
  queryOptions({
    queryKey: [...appsKey(tenantId), "application", id],
    queryFn: () => request<Application>(graph(`/applications/${encodeURIComponent(id)}?$select=${APP_SELECT}`)),
  });

export function useApplication(tenantId: string, id: string) {
  return useQuery(applicationQuery(tenantId, id));
}

export const servicePrincipalsQuery = (tenantId: string) =>
  queryOptions({
    queryKey: [...appsKey(tenantId), "servicePrincipals"],
    queryFn: () => request<Collection<ServicePrincipal>>(graph("/servicePrincipals")).then((c) => c.value),
  });

/** The enterprise application (service principal) of an application registration. */
export function useServicePrincipalOf(tenantId: string, appId: string | undefined) {
  const q = useQuery({ ...servicePrincipalsQuery(tenantId), enabled: !!appId });
  return { ...q, data: q.data?.find((s) => s.appId === appId) };
}

export function useAssignments(tenantId: string, servicePrincipalId: string | undefined) {
  return useQuery({
    queryKey: [...appsKey(tenantId), "assignments", servicePrincipalId],
    queryFn: () => request<Collection<AppRoleAssignment>>(graph(`/servicePrincipals/${servicePrincipalId}/appRoleAssignedTo`)).then((c) => c.value),
    enabled: !!servicePrincipalId,
  });
}

/** The default app role: "User" access without a specific role. */
export const DEFAULT_APP_ROLE_ID = "00000000-0000-0000-0000-000000000000";

export function useAssignUser(tenantId: string, servicePrincipalId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (user: { id: string; displayName: string }) =>
      request<AppRoleAssignment>(graph(`/servicePrincipals/${servicePrincipalId}/appRoleAssignedTo`), {
        method: "POST",
        body: { principalId: user.id, resourceId: servicePrincipalId, appRoleId: DEFAULT_APP_ROLE_ID },
      }),
    meta: { success: (_d, v) => `Assigned ${(v as { displayName: string }).displayName} to the application`, error: "Could not assign the user" },
    onSuccess: () => qc.invalidateQueries({ queryKey: [...appsKey(tenantId), "assignments"] }),
  });
}

export function useRemoveAssignment(tenantId: string, servicePrincipalId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (assignmentId: string) =>
      request<void>(graph(`/servicePrincipals/${servicePrincipalId}/appRoleAssignedTo/${assignmentId}`), { method: "DELETE" }),
    meta: { success: "Removed the assignment", error: "Could not remove the assignment" },
    onSuccess: () => qc.invalidateQueries({ queryKey: [...appsKey(tenantId), "assignments"] }),
  });
}

export function useApplicationConnectorGroup(tenantId: string, appId: string) {
  return useQuery({
    queryKey: [...appsKey(tenantId), "application", appId, "connectorGroup"],
    queryFn: () => request<ConnectorGroup>(graph(`/applications/${appId}/connectorGroup`)),
  });
}

export const connectorGroupRef = (groupId: string) =>
  `${window.location.origin}/graph/beta/onPremisesPublishingProfiles/applicationProxy/connectorGroups/${groupId}`;

export function patchApplication(id: string, body: TApplicationPatch): Promise<void> {
  return request<void>(graph(`/applications/${id}`), { method: "PATCH", body: body as Record<string, unknown> });
}

export function putConnectorGroup(appId: string, groupId: string): Promise<void> {
  return request<void>(graph(`/applications/${appId}/connectorGroup/$ref`), { method: "PUT", body: { "@odata.id": connectorGroupRef(groupId) } });
}

export function setMaintenanceMode(appId: string, enabled: boolean): Promise<unknown> {
  return request(`/api/entra/applications/${appId}/maintenance-mode`, { method: "PUT", body: { enabled } });
}

export function useDeleteApplication(tenantId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (app: Application) => request<void>(graph(`/applications/${app.id}`), { method: "DELETE" }),
    meta: { success: (_d, v) => `Deleted ${(v as Application).displayName}`, error: "Could not delete the application" },
    onSuccess: () => qc.invalidateQueries({ queryKey: appsKey(tenantId) }),
  });
}

/** GET /domains: every domain of the directory, verified or not (the External URL dropdown lists the verified ones). */
export function useDomains(tenantId: string) {
  return useQuery({
    queryKey: ["tenant", tenantId, "domains"],
    queryFn: () => request<Collection<GraphDomain>>(graph("/domains")).then((c) => c.value),
  });
}
