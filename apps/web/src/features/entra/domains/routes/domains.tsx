// Custom domain names: the organization's verified domains (read-only in this milestone).
import { Badge, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useOrganization } from "@/shared/api/organization";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { useSignedInSession } from "@/shared/session/session";

export default function DomainsRoute() {
  const session = useSignedInSession();
  const org = useOrganization(session.tenant.id);
  return (
    <Page title="Custom domain names" subtitle={session.tenant.displayName}>
      {org.isPending && <Loading />}
      {org.error && <ErrorMessage error={org.error} />}
      {org.data && (
        <Table aria-label="Domain names">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>Federated</TableHeaderCell>
              <TableHeaderCell>Primary</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {org.data.verifiedDomains.map((d) => (
              <TableRow key={d.name}>
                <TableCell>
                  {d.name} {d.isInitial && <Badge appearance="outline">Initial</Badge>}
                </TableCell>
                <TableCell>Verified</TableCell>
                <TableCell>{d.type === "Federated" ? "Yes" : ""}</TableCell>
                <TableCell>{d.isDefault ? "✓" : ""}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Page>
  );
}
