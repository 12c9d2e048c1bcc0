// Tenant administration: the blades it holds in this milestone.
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
        <li>Connectors and tokens — certificate connectors arrive in a later Certlab milestone</li>
      </ul>
    </Page>
  );
}
