// Audit logs of one application: the directory's audit events whose target is the application or its service principal.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useQuery } from "@tanstack/react-query";
import { graph, request } from "@/shared/api/http";
import type { Collection, DirectoryAudit } from "@/shared/api/types";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { formatDateTime } from "@/shared/lib/format";
import { useSignedInSession } from "@/shared/session/session";
import { appsKey, useServicePrincipalOf } from "@/features/entra/enterprise-apps/api/applications";
import { useApp } from "@/features/entra/enterprise-apps/components/app-context";

export default function ApplicationAuditLogsRoute() {
  const app = useApp();
  const session = useSignedInSession();
  const sp = useServicePrincipalOf(session.tenant.id, app.appId);
  const audits = useQuery({
    queryKey: [...appsKey(session.tenant.id), "audits"],
    queryFn: () =>
      request<Collection<DirectoryAudit>>(graph(`/auditLogs/directoryAudits?$top=500&$orderby=${encodeURIComponent("activityDateTime desc")}`)).then((c) => c.value),
  });
  const ids = new Set([app.id, sp.data?.id].filter(Boolean));
  const rows = (audits.data ?? []).filter((a) => a.targetResources.some((t) => ids.has(t.id)));
  return (
    <Page title={`${app.displayName} | Audit logs`}>
      {audits.isPending && <Loading />}
      {audits.error && <ErrorMessage error={audits.error} />}
      {audits.data && (
        <Table aria-label="Audit logs">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Date</TableHeaderCell>
              <TableHeaderCell>Service</TableHeaderCell>
              <TableHeaderCell>Activity</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>Initiated by</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((a) => (
              <TableRow key={a.id}>
                <TableCell>{formatDateTime(a.activityDateTime)}</TableCell>
                <TableCell>{a.loggedByService}</TableCell>
                <TableCell>{a.activityDisplayName}</TableCell>
                <TableCell>{a.result}</TableCell>
                <TableCell>{a.initiatedBy.user?.userPrincipalName ?? a.initiatedBy.app?.displayName ?? ""}</TableCell>
              </TableRow>
            ))}
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={5}>No audit events for this application</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      )}
    </Page>
  );
}
