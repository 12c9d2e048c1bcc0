// Roles & admins > All roles: the built-in directory roles.
import { useState } from "react";
import { SearchBox, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useRoleDefinitions } from "@/shared/api/role-definitions";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { useSignedInSession } from "@/shared/session/session";

export default function RolesListRoute() {
  const session = useSignedInSession();
  const roles = useRoleDefinitions(session.tenant.id);
  const [search, setSearch] = useState("");
  const text = search.trim().toLowerCase();
  const list = (roles.data?.value ?? [])
    .filter((r) => !text || r.displayName.toLowerCase().includes(text))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <Page title="Roles and administrators" subtitle={session.tenant.displayName}>
      <SearchBox aria-label="Search roles" placeholder="Search by name" value={search} onChange={(_e, d) => setSearch(d.value)} style={{ maxWidth: 360 }} />
      {roles.isPending && <Loading />}
      {roles.error && <ErrorMessage error={roles.error} />}
      {roles.data && (
        <Table aria-label="Roles">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Role</TableHeaderCell>
              <TableHeaderCell>Description</TableHeaderCell>
              <TableHeaderCell>Type</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <AppLink to={r.id}>{r.displayName}</AppLink>
                </TableCell>
                <TableCell>{r.description}</TableCell>
                <TableCell>{r.isBuiltIn ? "Built-in" : "Custom"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Page>
  );
}
