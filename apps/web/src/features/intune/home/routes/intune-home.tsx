// Intune admin center Home: the Tenant status card (name, MDM authority, connector status).
import { Card, CardHeader, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useOrganization } from "@/shared/api/organization";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { PropertyList } from "@/shared/components/property-list";
import { ErrorMessage } from "@/shared/components/query-state";
import { useSignedInSession } from "@/shared/session/session";
import { paths } from "@/shared/paths";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(340px, 1fr))", gap: "16px", alignItems: "start" },
  muted: { color: tokens.colorNeutralForeground3 },
});

const MDM_AUTHORITY: Record<string, string> = { intune: "Microsoft Intune", sccm: "Configuration Manager", office365: "Office 365", unknown: "Not set" };

export default function IntuneHomeRoute() {
  const s = useStyles();
  const session = useSignedInSession();
  const org = useOrganization(session.tenant.id);
  const authority = org.data?.mobileDeviceManagementAuthority;
  return (
    <Page title="Home" subtitle="Microsoft Intune admin center">
      {org.error && <ErrorMessage error={org.error} />}
      <div className={s.grid}>
        <Card>
          <CardHeader header={<Text weight="semibold">Tenant status</Text>} />
          <PropertyList
            items={[
              ["Tenant name", org.data?.displayName ?? session.tenant.displayName],
              ["Tenant location", org.data?.countryLetterCode ?? "—"],
              ["MDM authority", authority ? (MDM_AUTHORITY[authority] ?? authority) : org.isPending ? "…" : "Microsoft Intune"],
              ["Certificate connectors", <AppLink key="c" to={paths.intune.certificateConnectors}>View certificate connectors</AppLink>],
            ]}
          />
          <Text size={200} className={s.muted}>
            Certificate connectors are listed under Tenant administration &gt; Connectors and tokens.
          </Text>
        </Card>
        <Card>
          <CardHeader header={<Text weight="semibold">Certlab Health</Text>} />
          <Text>What stands between this tenant and a working SCEP deployment.</Text>
          <AppLink to={paths.health}>Open Certlab Health</AppLink>
        </Card>
      </div>
    </Page>
  );
}
