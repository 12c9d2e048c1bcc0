// An enterprise application: its menu (Overview, Properties, Users and groups, Application proxy, Audit logs) and
// the page chosen in it.
import { Outlet, useParams } from "react-router";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { paths } from "@/shared/paths";
import { useSignedInSession } from "@/shared/session/session";
import { useApplication } from "@/features/entra/enterprise-apps/api/applications";
import type { AppContext } from "@/features/entra/enterprise-apps/components/app-context";
import { BladeMenu } from "@/features/entra/enterprise-apps/components/blade-menu";

export default function ApplicationLayoutRoute() {
  const { appId = "" } = useParams();
  const session = useSignedInSession();
  const app = useApplication(session.tenant.id, appId);
  if (app.isPending) return <Loading />;
  if (app.error) return <ErrorMessage error={app.error} />;
  const ctx: AppContext = { app: app.data };
  return (
    <BladeMenu
      label={`Application ${app.data.displayName}`}
      items={[
        { label: "Overview", to: paths.entra.application(appId) },
        { label: "Properties", to: paths.entra.application(appId, "properties") },
        { label: "Users and groups", to: paths.entra.application(appId, "users") },
        { label: "Application proxy", to: paths.entra.application(appId, "app-proxy") },
        { label: "Audit logs", to: paths.entra.application(appId, "audit-logs") },
      ]}
    >
      <Outlet context={ctx} />
    </BladeMenu>
  );
}
