// A user's Assigned roles tab: role assignments whose principal is this user.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useRoleAssignments, useRoleDefinitions } from "@/shared/api/role-definitions";
import { AppLink } from "@/shared/components/app-link";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { paths } from "@/shared/paths";

export function UserRoles(props: { tenantId: string; userId: string }) {
  const assignments = useRoleAssignments(props.tenantId, "principalId", props.userId);
  const definitions = useRoleDefinitions(props.tenantId);
  if (assignments.isPending) return <Loading />;
  if (assignments.error) return <ErrorMessage error={assignments.error} />;
  const role = (id: string) => definitions.data?.value.find((d) => d.id === id || d.templateId === id);
  return (
    <Table aria-label="Assigned roles" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Role</TableHeaderCell>
          <TableHeaderCell>Description</TableHeaderCell>
          <TableHeaderCell>Scope</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {assignments.data.value.map((a) => (
          <TableRow key={a.id}>
            <TableCell>
              <AppLink to={paths.entra.role(a.roleDefinitionId)}>{role(a.roleDefinitionId)?.displayName ?? a.roleDefinitionId}</AppLink>
            </TableCell>
            <TableCell>{role(a.roleDefinitionId)?.description ?? ""}</TableCell>
            <TableCell>{a.directoryScopeId === "/" ? "Directory" : a.directoryScopeId}</TableCell>
          </TableRow>
        ))}
        {assignments.data.value.length === 0 && (
          <TableRow>
            <TableCell colSpan={3}>No role assignments found</TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}
