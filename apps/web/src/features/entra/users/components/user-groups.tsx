// A user's Groups tab (memberOf).
import { AppLink } from "@/shared/components/app-link";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { SimpleTable } from "@/shared/components/simple-table";
import { usePortal } from "@/shared/portal/portal-context";
import { useMemberOf } from "@/features/entra/users/api/get-member-of";

export function UserGroups(props: { tenantId: string; userId: string }) {
  const portal = usePortal();
  const query = useMemberOf(props.tenantId, props.userId);
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorMessage error={query.error} />;
  const groups = query.data.value.filter((o) => !o["@odata.type"] || o["@odata.type"] === "#microsoft.graph.group");
  return (
    <SimpleTable
      aria-label="Group memberships"
      size="small"
      rows={groups}
      rowKey={(g) => g.id}
      empty="No groups found"
      columns={[
        {
          header: "Name",
          cell: (g) => <AppLink to={`${portal.basePath === "/intune" ? "/intune" : "/entra"}/groups/${g.id}`}>{g.displayName ?? g.id}</AppLink>,
        },
        { header: "Description", cell: (g) => g.description ?? "" },
      ]}
    />
  );
}
