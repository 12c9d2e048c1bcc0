// A user's Groups tab (memberOf).
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { AppLink } from "@/shared/components/app-link";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { usePortal } from "@/shared/portal/portal-context";
import { useMemberOf } from "@/features/entra/users/api/get-member-of";

export function UserGroups(props: { tenantId: string; userId: string }) {
  const portal = usePortal();
  const query = useMemberOf(props.tenantId, props.userId);
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorMessage error={query.error} />;
  const groups = query.data.value.filter((o) => !o["@odata.type"] || o["@odata.type"] === "#microsoft.graph.group");
  return (
    <Table aria-label="Group memberships" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Description</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {groups.map((g) => (
          <TableRow key={g.id}>
            <TableCell>
              <AppLink to={`${portal.basePath === "/intune" ? "/intune" : "/entra"}/groups/${g.id}`}>{g.displayName ?? g.id}</AppLink>
            </TableCell>
            <TableCell>{g.description ?? ""}</TableCell>
          </TableRow>
        ))}
        {groups.length === 0 && (
          <TableRow>
            <TableCell colSpan={2}>No groups found</TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}
