// Entra admin center Home: the signed-in directory and shortcuts to the blades this milestone has.
import { Card, CardHeader, makeStyles, Text, tokens } from "@fluentui/react-components";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { PropertyList } from "@/shared/components/property-list";
import { useSignedInSession } from "@/shared/session/session";
import { paths } from "@/shared/paths";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))", gap: "16px" },
  links: { margin: 0, paddingLeft: "20px", display: "flex", flexDirection: "column", gap: "6px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export default function EntraHomeRoute() {
  const s = useStyles();
  const session = useSignedInSession();
  return (
    <Page title="Home" subtitle="Microsoft Entra admin center">
      <div className={s.grid}>
        <Card>
          <CardHeader header={<Text weight="semibold">{session.tenant.displayName}</Text>} description={<Text className={s.muted}>Tenant</Text>} />
          <PropertyList
            items={[
              ["Tenant ID", <code key="id">{session.tenant.id}</code>],
              ["Primary domain", session.tenant.defaultDomain],
              ["Your role", session.roles.map((r) => r.displayName).join(", ") || "No administrator role"],
            ]}
          />
        </Card>
        <Card>
          <CardHeader header={<Text weight="semibold">Identity</Text>} />
          <ul className={s.links}>
            <li><AppLink to={paths.entra.overview}>Overview</AppLink></li>
            <li><AppLink to={paths.entra.users}>Users</AppLink></li>
            <li><AppLink to={paths.entra.groups}>Groups</AppLink></li>
            <li><AppLink to={paths.entra.roles}>Roles & admins</AppLink></li>
            <li><AppLink to={paths.entra.auditLogs}>Audit logs</AppLink></li>
          </ul>
        </Card>
        <Card>
          <CardHeader header={<Text weight="semibold">Certlab Health</Text>} />
          <Text>What the rules find wrong in this directory, with the reason and the fix.</Text>
          <AppLink to={paths.health}>Open Certlab Health</AppLink>
        </Card>
      </div>
    </Page>
  );
}
