// Enterprise applications | All applications: the directory's applications, "New application" for those who may.
import { Badge, Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { Add20Regular, ArrowClockwise20Regular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { formatDate } from "@/shared/lib/format";
import { paths } from "@/shared/paths";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { useApplications } from "@/features/entra/enterprise-apps/api/applications";
import { EnterpriseAppsMenu } from "@/features/entra/enterprise-apps/components/blade-menu";

export default function ApplicationsListRoute() {
  const session = useSignedInSession();
  const canWrite = useCan("entra.applications.write");
  const navigate = useNavigate();
  const apps = useApplications(session.tenant.id);
  return (
    <EnterpriseAppsMenu>
      <Page
        title="Enterprise applications"
        subtitle="All applications"
        commands={
          <>
            {canWrite && (
              <Button appearance="subtle" icon={<Add20Regular />} onClick={() => navigate(paths.entra.newApplication)}>
                New application
              </Button>
            )}
            <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void apps.refetch()}>
              Refresh
            </Button>
          </>
        }
      >
        {apps.isPending && <Loading />}
        {apps.error && <ErrorMessage error={apps.error} />}
        {apps.data && (
          <Table aria-label="Applications">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Application ID</TableHeaderCell>
                <TableHeaderCell>Application proxy</TableHeaderCell>
                <TableHeaderCell>Created</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {apps.data.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>
                    <AppLink to={paths.entra.application(a.id)}>{a.displayName}</AppLink>
                  </TableCell>
                  <TableCell>{a.appId}</TableCell>
                  <TableCell>
                    {a.onPremisesPublishing ? (
                      <Badge appearance="tint" color="brand">
                        {a.onPremisesPublishing.externalUrl}
                      </Badge>
                    ) : (
                      ""
                    )}
                  </TableCell>
                  <TableCell>{formatDate(a.createdDateTime)}</TableCell>
                </TableRow>
              ))}
              {apps.data.length === 0 && (
                <TableRow>
                  <TableCell colSpan={4}>No applications found</TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        )}
      </Page>
    </EnterpriseAppsMenu>
  );
}
