// Tenant administration > Roles: the Entra roles that administer Intune, and who holds Intune Administrator
// (read-only here; assignments are changed in the Entra admin center).
import { Text } from "@fluentui/react-components";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { useRoleAssignments, useRoleDefinitions } from "@/shared/api/role-definitions";
import { usePrincipalNames } from "@/shared/api/user";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { SimpleTable } from "@/shared/components/simple-table";
import { paths } from "@/shared/paths";
import { useSignedInSession } from "@/shared/session/session";

const INTUNE_ROLES: string[] = [ROLE_IDS.intuneAdministrator, ROLE_IDS.globalAdministrator, ROLE_IDS.globalReader];

export default function TenantRolesRoute() {
  const session = useSignedInSession();
  const definitions = useRoleDefinitions(session.tenant.id);
  const assignments = useRoleAssignments(session.tenant.id, "roleDefinitionId", ROLE_IDS.intuneAdministrator);
  const list = assignments.data?.value ?? [];
  const names = usePrincipalNames(session.tenant.id, list.map((a) => a.principalId));
  const roles = (definitions.data?.value ?? []).filter((r) => INTUNE_ROLES.includes(r.templateId ?? r.id) || INTUNE_ROLES.includes(r.id));
  return (
    <Page title="Roles" subtitle="Tenant administration">
      {definitions.isPending && <Loading />}
      {definitions.error && <ErrorMessage error={definitions.error} />}
      {definitions.data && (
        <SimpleTable
          aria-label="Intune roles"
          rows={roles}
          rowKey={(r) => r.id}
          columns={[
            { header: "Role", cell: (r) => r.displayName },
            { header: "Description", cell: (r) => r.description },
          ]}
        />
      )}
      <h2 style={{ fontSize: 16, margin: "16px 0 0" }}>Intune Administrator assignments</h2>
      <Text>
        Read-only. Change assignments in the Microsoft Entra admin center under{" "}
        <AppLink to={paths.entra.role(ROLE_IDS.intuneAdministrator)}>Roles &amp; admins</AppLink>.
      </Text>
      {assignments.isPending && <Loading />}
      {assignments.error && <ErrorMessage error={assignments.error} />}
      {assignments.data && (
        <SimpleTable
          aria-label="Intune Administrator assignments"
          size="small"
          rows={list}
          rowKey={(a) => a.id}
          empty="No one holds Intune Administrator"
          columns={[
            { header: "Name", cell: (a) => names.get(a.principalId)?.displayName ?? a.principalId },
            { header: "User principal name", cell: (a) => names.get(a.principalId)?.userPrincipalName ?? "" },
            { header: "Scope", cell: (a) => (a.directoryScopeId === "/" ? "Directory" : a.directoryScopeId) },
          ]}
        />
      )}
    </Page>
  );
}
