// An application's Overview: its basic properties and "Getting started" (seed 003: assign a user for testing,
// then Test Application on the Application proxy page).
import { Button, Card, CardHeader, Text } from "@fluentui/react-components";
import { useNavigate } from "react-router";
import { Page } from "@/shared/components/page";
import { PropertyList } from "@/shared/components/property-list";
import { formatDateTime } from "@/shared/lib/format";
import { paths } from "@/shared/paths";
import { useSignedInSession } from "@/shared/session/session";
import { useServicePrincipalOf } from "@/features/entra/enterprise-apps/api/applications";
import { useApp } from "@/features/entra/enterprise-apps/components/app-context";

export default function ApplicationOverviewRoute() {
  const app = useApp();
  const session = useSignedInSession();
  const sp = useServicePrincipalOf(session.tenant.id, app.appId);
  const navigate = useNavigate();
  const p = app.onPremisesPublishing;
  return (
    <Page title={`${app.displayName} | Overview`} subtitle="Enterprise Application">
      <PropertyList
        items={[
          ["Name", app.displayName],
          ["Application ID", app.appId],
          ["Object ID", sp.data?.id ?? "…"],
          ["Created", formatDateTime(app.createdDateTime)],
          ["Internal URL", p?.internalUrl || "—"],
          ["External URL", p?.externalUrl || "—"],
          ["Pre Authentication", p ? (p.externalAuthenticationType === "passthru" ? "Passthrough" : "Microsoft Entra ID") : "—"],
        ]}
      />
      <h2 style={{ fontSize: 16, margin: "8px 0 0" }}>Getting started</h2>
      <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
        <Card style={{ width: 280 }}>
          <CardHeader header={<Text weight="semibold">1. Assign users and groups</Text>} description="Assign a user for testing." />
          <Button onClick={() => navigate(paths.entra.application(app.id, "users"))}>Assign a user for testing</Button>
        </Card>
        <Card style={{ width: 280 }}>
          <CardHeader header={<Text weight="semibold">2. Test the application</Text>} description="Run Test Application and review the resolution guidance." />
          <Button onClick={() => navigate(paths.entra.application(app.id, "app-proxy"))}>Configure application proxy</Button>
        </Card>
      </div>
    </Page>
  );
}
