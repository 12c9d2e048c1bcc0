// Monitoring > Audit logs: every directory change, newest first; select a row for the modified properties.
import { useState } from "react";
import {
  Badge,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { ArrowClockwise20Regular } from "@fluentui/react-icons";
import type { DirectoryAudit } from "@/shared/api/types";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { formatDateTime } from "@/shared/lib/format";
import { useSignedInSession } from "@/shared/session/session";
import { useDirectoryAudits } from "@/features/entra/audit-logs/api/get-directory-audits";
import { AuditDetailsDrawer } from "@/features/entra/audit-logs/components/audit-details-drawer";
import { initiatedBy } from "@/features/entra/audit-logs/components/initiated-by";

export default function AuditLogsRoute() {
  const session = useSignedInSession();
  const query = useDirectoryAudits(session.tenant.id);
  const [selected, setSelected] = useState<DirectoryAudit>();
  const rows = query.data?.pages.flatMap((p) => p.value) ?? [];
  return (
    <Page
      title="Audit logs"
      subtitle={session.tenant.displayName}
      commands={
        <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void query.refetch()}>
          Refresh
        </Button>
      }
    >
      {query.isPending && <Loading />}
      {query.error && <ErrorMessage error={query.error} />}
      {query.data && (
        <Table aria-label="Audit logs" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Date</TableHeaderCell>
              <TableHeaderCell>Service</TableHeaderCell>
              <TableHeaderCell>Category</TableHeaderCell>
              <TableHeaderCell>Activity</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>Target(s)</TableHeaderCell>
              <TableHeaderCell>Initiated by (actor)</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((a) => (
              <TableRow key={a.id}>
                <TableCell>
                  <Button appearance="transparent" size="small" onClick={() => setSelected(a)} aria-label={`Details of ${a.activityDisplayName} at ${formatDateTime(a.activityDateTime)}`}>
                    {formatDateTime(a.activityDateTime)}
                  </Button>
                </TableCell>
                <TableCell>{a.loggedByService}</TableCell>
                <TableCell>{a.category}</TableCell>
                <TableCell>{a.activityDisplayName}</TableCell>
                <TableCell>
                  <Badge appearance="tint" color={a.result === "success" ? "success" : "danger"}>
                    {a.result === "success" ? "Success" : a.result === "failure" ? "Failure" : a.result}
                  </Badge>
                </TableCell>
                <TableCell>{a.targetResources.map((t) => t.displayName ?? t.userPrincipalName ?? t.id).join(", ")}</TableCell>
                <TableCell>{initiatedBy(a)}</TableCell>
              </TableRow>
            ))}
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={7}>No audit logs found</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      )}
      {query.hasNextPage && (
        <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} style={{ alignSelf: "flex-start" }}>
          Load more
        </Button>
      )}
      <AuditDetailsDrawer audit={selected} onClose={() => setSelected(undefined)} />
    </Page>
  );
}
