// Tenant administration: Roles, and Connectors and tokens > Certificate connectors.
import { Page } from "@/shared/components/page";
import { AppLink } from "@/shared/components/app-link";
import { paths } from "@/shared/paths";

export default function TenantAdminRoute() {
  return (
    <Page title="Tenant administration">
      <ul style={{ margin: 0, paddingLeft: 20, display: "flex", flexDirection: "column", gap: 6 }}>
        <li>
          <AppLink to={paths.intune.tenantRoles}>Roles</AppLink> — who administers Intune in this tenant
        </li>
        <li>
          Connectors and tokens:{" "}
          <AppLink to={paths.intune.certificateConnectors}>Certificate connectors</AppLink> — the Certificate Connector for
          Microsoft Intune on the NDES server
        </li>
      </ul>
    </Page>
  );
}
