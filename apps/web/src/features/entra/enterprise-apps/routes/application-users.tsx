// Users and groups (seed 003 "Add a user for testing"): Add user/group → pick → Assign (appRoleAssignedTo).
import { useState } from "react";
import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { PersonAdd20Regular } from "@fluentui/react-icons";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { UserPicker } from "@/shared/components/user-picker";
import { formatDate } from "@/shared/lib/format";
import type { User } from "@/shared/api/types";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { useAssignUser, useAssignments, useRemoveAssignment, useServicePrincipalOf } from "@/features/entra/enterprise-apps/api/applications";
import { useApp } from "@/features/entra/enterprise-apps/components/app-context";

export default function ApplicationUsersRoute() {
  const app = useApp();
  const session = useSignedInSession();
  const canWrite = useCan("entra.applications.write");
  const sp = useServicePrincipalOf(session.tenant.id, app.appId);
  const spId = sp.data?.id ?? "";
  const assignments = useAssignments(session.tenant.id, sp.data?.id);
  const assign = useAssignUser(session.tenant.id, spId);
  const remove = useRemoveAssignment(session.tenant.id, spId);
  const [adding, setAdding] = useState(false);
  const [picked, setPicked] = useState<User | null>(null);
  return (
    <Page
      title={`${app.displayName} | Users and groups`}
      commands={
        canWrite && (
          <Button appearance="subtle" icon={<PersonAdd20Regular />} disabled={!sp.data} onClick={() => setAdding(true)}>
            Add user/group
          </Button>
        )
      }
    >
      {adding && (
        <section aria-label="Add Assignment" style={{ display: "flex", flexDirection: "column", gap: 8, maxWidth: 480 }}>
          <UserPicker label="Users" exclude={(assignments.data ?? []).map((a) => a.principalId)} onPick={setPicked} />
          {picked && <Text>Selected: {picked.displayName}</Text>}
          <div style={{ display: "flex", gap: 8 }}>
            <Button
              appearance="primary"
              disabled={!picked || assign.isPending}
              onClick={() =>
                picked &&
                assign.mutate(picked, {
                  onSuccess: () => {
                    setPicked(null);
                    setAdding(false);
                  },
                })
              }
            >
              Assign
            </Button>
            <Button onClick={() => setAdding(false)}>Cancel</Button>
          </div>
        </section>
      )}
      {(sp.isPending || assignments.isPending) && <Loading />}
      {assignments.error && <ErrorMessage error={assignments.error} />}
      {assignments.data && (
        <Table aria-label="Assigned users and groups">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Display name</TableHeaderCell>
              <TableHeaderCell>Object type</TableHeaderCell>
              <TableHeaderCell>Role assigned</TableHeaderCell>
              <TableHeaderCell>Assigned</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {assignments.data.map((a) => (
              <TableRow key={a.id}>
                <TableCell>{a.principalDisplayName}</TableCell>
                <TableCell>{a.principalType}</TableCell>
                <TableCell>Default Access</TableCell>
                <TableCell>{formatDate(a.createdDateTime)}</TableCell>
                <TableCell>
                  {canWrite && (
                    <Button size="small" aria-label={`Remove ${a.principalDisplayName}`} onClick={() => remove.mutate(a.id)}>
                      Remove
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
            {assignments.data.length === 0 && (
              <TableRow>
                <TableCell colSpan={5}>No users or groups are assigned</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      )}
    </Page>
  );
}
