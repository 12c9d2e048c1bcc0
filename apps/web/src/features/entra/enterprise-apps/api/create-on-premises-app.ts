// "Add" on the on-premises application form: the documented Graph flow of §8.5 —
//   1. POST applicationTemplates/8adf8e6e-…/instantiate {displayName}
//   2. PATCH applications/{id} {identifierUris, web} (the URIs must be set before onPremisesPublishing)
//   3. PATCH applications/{id} {onPremisesPublishing}
//   4. PUT applications/{id}/connectorGroup/$ref
// then Maintenance Mode (not a Graph property). A refusal at step 2 or later deletes the half-made application, so
// a refused Add leaves nothing behind, as in the portal.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CUSTOM_APPLICATION_TEMPLATE_ID } from "@certlab/domain/entra/on-premises-publishing";
import { graph, request } from "@/shared/api/http";
import { appsKey, patchApplication, putConnectorGroup, setMaintenanceMode } from "@/features/entra/enterprise-apps/api/applications";
import type { Application, ServicePrincipal } from "@/features/entra/enterprise-apps/api/types";
import { externalUrlOf, publishingBody, type OnPremDraft } from "@/features/entra/enterprise-apps/lib/draft";

export type Instantiated = { application: Application; servicePrincipal: ServicePrincipal };

export async function addOnPremisesApplication(d: OnPremDraft, tenantInitialDomain: string): Promise<Instantiated> {
  const created = await request<Instantiated>(graph(`/applicationTemplates/${CUSTOM_APPLICATION_TEMPLATE_ID}/instantiate`), {
    method: "POST",
    body: { displayName: d.name.trim() },
  });
  const id = created.application.id;
  try {
    const externalUrl = externalUrlOf(d, tenantInitialDomain);
    await patchApplication(id, {
      identifierUris: [`api://${created.application.appId}`],
      web: { redirectUris: [externalUrl], homePageUrl: externalUrl },
    });
    await patchApplication(id, { onPremisesPublishing: publishingBody(d, tenantInitialDomain) });
    if (d.connectorGroupId) await putConnectorGroup(id, d.connectorGroupId);
    if (d.maintenanceMode) await setMaintenanceMode(id, true);
  } catch (e) {
    await request<void>(graph(`/applications/${id}`), { method: "DELETE" }).catch(() => undefined);
    throw e;
  }
  return created;
}

export function useAddOnPremisesApplication(tenantId: string, tenantInitialDomain: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: OnPremDraft) => addOnPremisesApplication(d, tenantInitialDomain),
    meta: { success: (data) => `Added ${(data as Instantiated).application.displayName}`, error: "Could not add the application" },
    onSettled: () => qc.invalidateQueries({ queryKey: appsKey(tenantId) }),
  });
}

/** Save on the Application proxy page: PATCH onPremisesPublishing (+ displayName), the connector group, Maintenance Mode. */
export function useSaveApplicationProxy(tenantId: string, tenantInitialDomain: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { app: Application; draft: OnPremDraft; groupChanged: boolean; maintenanceChanged: boolean }) => {
      const body = publishingBody(v.draft, tenantInitialDomain);
      const { isOnPremPublishingEnabled: _e, ...settable } = body;
      await patchApplication(v.app.id, {
        ...(v.draft.name.trim() !== v.app.displayName ? { displayName: v.draft.name.trim() } : {}),
        onPremisesPublishing: settable,
      });
      if (v.groupChanged && v.draft.connectorGroupId) await putConnectorGroup(v.app.id, v.draft.connectorGroupId);
      if (v.maintenanceChanged) await setMaintenanceMode(v.app.id, v.draft.maintenanceMode);
    },
    meta: { success: "Saved the application proxy settings", error: "Could not save the application proxy settings" },
    onSettled: () => qc.invalidateQueries({ queryKey: appsKey(tenantId) }),
  });
}

/** Upload Certificate → Save: the PFX and its password in onPremisesPublishing (parsed for real by the API). */
export function useUploadCertificate(tenantId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { appId: string; pfxBase64: string; password: string }) =>
      patchApplication(v.appId, {
        onPremisesPublishing: {
          verifiedCustomDomainKeyCredential: { type: "X509CertAndPassword", key: v.pfxBase64, usage: "Sign" },
          verifiedCustomDomainPasswordCredential: { secretText: v.password },
        },
      }),
    meta: { success: "Uploaded the certificate", error: "Could not upload the certificate" },
    onSettled: () => qc.invalidateQueries({ queryKey: appsKey(tenantId) }),
  });
}
