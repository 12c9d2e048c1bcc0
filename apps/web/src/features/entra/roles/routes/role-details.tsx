// A role's Assignments: who holds it, Add assignments (a user, directory scope) and Remove.
import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
} from "@fluentui/react-components";
import { PersonAdd20Regular } from "@fluentui/react-icons";
import { useParams } from "react-router";
import { useRoleAssignments, useRoleDefinitions } from "@/shared/api/role-definitions";
import { usePrincipalNames } from "@/shared/api/user";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { ACTION_HEADER, RemoveButton, SimpleTable } from "@/shared/components/simple-table";
import { UserPicker } from "@/shared/components/user-picker";
import { paths } from "@/shared/paths";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { useAddRoleAssignment, useRemoveRoleAssignment } from "@/features/entra/roles/api/role-assignments";

export default function RoleDetailsRoute() {
  const { roleId = "" } = useParams();
  const session = useSignedInSession();
  const canWrite = useCan("directory.roles.write");
  const definitions = useRoleDefinitions(session.tenant.id);
  const assignments = useRoleAssignments(session.tenant.id, "roleDefinitionId", roleId);
  const role = definitions.data?.value.find((r) => r.id === roleId || r.templateId === roleId);
  const roleName = role?.displayName ?? "Role";
  const list = assignments.data?.value ?? [];
  const names = usePrincipalNames(session.tenant.id, list.map((a) => a.principalId));
  const rows = list.map((a) => {
    const user = names.get(a.principalId);
    return { a, user, name: user?.displayName ?? a.principalId };
  });
  const add = useAddRoleAssignment(session.tenant.id, roleId, roleName);
  const remove = useRemoveRoleAssignment(session.tenant.id, roleName);
  const [adding, setAdding] = useState(false);

  return (
    <Page
      title={roleName}
      subtitle="Assignments"
      commands={
        canWrite ? (
          <Button appearance="subtle" icon={<PersonAdd20Regular />} onClick={() => setAdding(true)}>
            Add assignments
          </Button>
        ) : undefined
      }
    >
      {definitions.error && <ErrorMessage error={definitions.error} />}
      {role && <Text>{role.description}</Text>}
      {assignments.isPending && <Loading />}
      {assignments.error && <ErrorMessage error={assignments.error} />}
      {assignments.data && (
        <SimpleTable
          aria-label="Assignments"
          rows={rows}
          rowKey={(r) => r.a.id}
          empty="No assignments found"
          columns={[
            { header: "Name", cell: ({ user, name }) => (user ? <AppLink to={paths.entra.user(user.id)}>{name}</AppLink> : name) },
            { header: "User principal name", cell: ({ user }) => user?.userPrincipalName ?? "" },
            { header: "Scope", cell: ({ a }) => (a.directoryScopeId === "/" ? "Directory" : a.directoryScopeId) },
            {
              header: ACTION_HEADER,
              cell: ({ a, name }) =>
                canWrite && (
                  <RemoveButton
                    aria-label={`Remove assignment for ${name}`}
                    disabled={remove.isPending}
                    onClick={() => remove.mutate({ ...a, principalName: name })}
                  />
                ),
            },
          ]}
        />
      )}
      <Dialog open={adding} onOpenChange={(_e, d) => setAdding(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Add assignments</DialogTitle>
            <DialogContent>
              <Text block style={{ marginBottom: 8 }}>
                Assign {roleName} at directory scope.
              </Text>
              <UserPicker
                label="Select member"
                exclude={list.map((a) => a.principalId)}
                onPick={(u) => add.mutate(u, { onSuccess: () => setAdding(false) })}
              />
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setAdding(false)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </Page>
  );
}
