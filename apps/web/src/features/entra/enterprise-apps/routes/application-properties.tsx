// An application's Properties: name (editable), ids, home page, the service principal's settings.
import { useState } from "react";
import { Button, Field, Input } from "@fluentui/react-components";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Page } from "@/shared/components/page";
import { PropertyList } from "@/shared/components/property-list";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { appsKey, patchApplication, useServicePrincipalOf } from "@/features/entra/enterprise-apps/api/applications";
import { useApp } from "@/features/entra/enterprise-apps/components/app-context";

export default function ApplicationPropertiesRoute() {
  const app = useApp();
  const session = useSignedInSession();
  const canWrite = useCan("entra.applications.write");
  const sp = useServicePrincipalOf(session.tenant.id, app.appId);
  const [name, setName] = useState(app.displayName);
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: () => patchApplication(app.id, { displayName: name.trim() }),
    meta: { success: "Saved the application's properties", error: "Could not save the properties" },
    onSettled: () => qc.invalidateQueries({ queryKey: appsKey(session.tenant.id) }),
  });
  return (
    <Page
      title={`${app.displayName} | Properties`}
      commands={
        canWrite && (
          <Button appearance="subtle" disabled={save.isPending || name.trim() === "" || name.trim() === app.displayName} onClick={() => save.mutate()}>
            Save
          </Button>
        )
      }
    >
      <Field label="Name" style={{ maxWidth: 480 }}>
        <Input value={name} disabled={!canWrite} onChange={(_e, d) => setName(d.value)} />
      </Field>
      <PropertyList
        items={[
          ["Application ID", app.appId],
          ["Object ID", sp.data?.id ?? "…"],
          ["Home page URL", app.web?.homePageUrl ?? "—"],
          ["Identifier URIs", (app.identifierUris ?? []).join(", ") || "—"],
          ["Enabled for users to sign-in", sp.data ? (sp.data.accountEnabled ? "Yes" : "No") : "…"],
          ["Assignment required", sp.data ? (sp.data.appRoleAssignmentRequired ? "Yes" : "No") : "…"],
          ["Publisher domain", app.publisherDomain ?? "—"],
        ]}
      />
    </Page>
  );
}
