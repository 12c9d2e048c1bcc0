// /onPremisesPublishingProfiles/applicationProxy: connectors and connector groups (graph-reference.md §8.2–8.3),
// and the Test Application diagnostic (POST /api/entra/applications/{id}/test).
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TConnectorGroupCreate, TConnectorGroupUpdate } from "@certlab/domain/entra/on-premises-publishing";
import { graph, request, toApiError } from "@/shared/api/http";
import type { Collection } from "@/shared/api/types";
import { appsKey } from "@/features/entra/enterprise-apps/api/applications";
import type { ApplicationDiagnostic, Connector, ConnectorGroup } from "@/features/entra/enterprise-apps/api/types";

const P = "/onPremisesPublishingProfiles/applicationProxy";
const proxyKey = (tenantId: string) => [...appsKey(tenantId), "appProxy"] as const;

export const connectorsQuery = (tenantId: string) =>
  queryOptions({
    queryKey: [...proxyKey(tenantId), "connectors"],
    queryFn: () => request<Collection<Connector>>(graph(`${P}/connectors`)).then((c) => c.value),
  });

export function useConnectors(tenantId: string) {
  return useQuery(connectorsQuery(tenantId));
}

export type GroupWithMembers = ConnectorGroup & { members: Connector[] };

/** Every connector group with its connectors (…/connectorGroups/{id}/members). */
export const connectorGroupsQuery = (tenantId: string) =>
  queryOptions({
    queryKey: [...proxyKey(tenantId), "groups"],
    queryFn: async (): Promise<GroupWithMembers[]> => {
      const groups = (await request<Collection<ConnectorGroup>>(graph(`${P}/connectorGroups`))).value;
      const members = await Promise.all(groups.map((g) => request<Collection<Connector>>(graph(`${P}/connectorGroups/${g.id}/members`))));
      return groups
        .map((g, i) => ({ ...g, members: members[i]!.value }))
        .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
    },
  });

export function useConnectorGroups(tenantId: string) {
  return useQuery(connectorGroupsQuery(tenantId));
}

export function useGroupApplications(tenantId: string, groupId: string | undefined) {
  return useQuery({
    queryKey: [...proxyKey(tenantId), "groups", groupId, "applications"],
    queryFn: () => request<Collection<{ id: string; displayName: string }>>(graph(`${P}/connectorGroups/${groupId}/applications`)).then((c) => c.value),
    enabled: !!groupId,
  });
}

const groupRef = (id: string) => `${window.location.origin}/graph/beta${P}/connectorGroups/${id}`;
const connectorRef = (id: string) => `${window.location.origin}/graph/beta${P}/connectors/${id}`;

function useProxyMutation<V, R>(tenantId: string, fn: (v: V) => Promise<R>, meta: { success: string | ((d: unknown, v: unknown) => string); error: string }) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, meta, onSettled: () => qc.invalidateQueries({ queryKey: appsKey(tenantId) }) });
}

/** New connector group: POST the group, then move each chosen connector into it (memberOf/$ref). */
export function useCreateConnectorGroup(tenantId: string) {
  return useProxyMutation(
    tenantId,
    async (v: TConnectorGroupCreate & { connectorIds: string[] }) => {
      const { connectorIds, ...body } = v;
      const group = await request<ConnectorGroup>(graph(`${P}/connectorGroups`), { method: "POST", body });
      for (const id of connectorIds) await request<void>(graph(`${P}/connectors/${id}/memberOf/$ref`), { method: "POST", body: { "@odata.id": groupRef(group.id) } });
      return group;
    },
    { success: (d) => `Created connector group ${(d as ConnectorGroup).name}`, error: "Could not create the connector group" },
  );
}

export function useUpdateConnectorGroup(tenantId: string) {
  return useProxyMutation(
    tenantId,
    (v: { id: string; body: TConnectorGroupUpdate }) => request<void>(graph(`${P}/connectorGroups/${v.id}`), { method: "PATCH", body: v.body }),
    { success: "Saved the connector group", error: "Could not save the connector group" },
  );
}

export function useDeleteConnectorGroup(tenantId: string) {
  return useProxyMutation(
    tenantId,
    (g: ConnectorGroup) => request<void>(graph(`${P}/connectorGroups/${g.id}`), { method: "DELETE" }),
    { success: (_d, v) => `Deleted connector group ${(v as ConnectorGroup).name}`, error: "Could not delete the connector group" },
  );
}

/** A connector's Connector Group dropdown + Save: POST connectors/{id}/memberOf/$ref. */
export function useMoveConnector(tenantId: string) {
  return useProxyMutation(
    tenantId,
    (v: { connectorId: string; groupId: string }) =>
      request<void>(graph(`${P}/connectors/${v.connectorId}/memberOf/$ref`), { method: "POST", body: { "@odata.id": groupRef(v.groupId) } }),
    { success: "Moved the connector", error: "Could not move the connector" },
  );
}

export { connectorRef };

/** Test Application: the diagnostic of the application's configuration (issues with resolution guidance). */
export function useTestApplication(appId: string) {
  return useMutation({
    mutationFn: () => request<ApplicationDiagnostic>(`/api/entra/applications/${appId}/test`, { method: "POST" }),
    meta: { error: "Could not test the application" },
  });
}

/** The same diagnostic as a text file (?format=text), saved through a temporary link. */
export async function downloadDiagnostic(appId: string, csrf: string): Promise<void> {
  const res = await fetch(`/api/entra/applications/${appId}/test?format=text`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "X-CSRF-Token": csrf },
  });
  if (!res.ok) throw await toApiError(res);
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? "diagnostic.txt";
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
