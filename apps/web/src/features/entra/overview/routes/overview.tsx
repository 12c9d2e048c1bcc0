// Entra ID > Overview: basic information about the tenant, its licences and object counts.
import {
  Card,
  CardHeader,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { useOrganization } from "@/shared/api/organization";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { PropertyList } from "@/shared/components/property-list";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { useSignedInSession } from "@/shared/session/session";
import { paths } from "@/shared/paths";
import { useCount } from "@/features/entra/overview/api/get-counts";
import { useSubscribedSkus } from "@/shared/api/subscribed-skus";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(360px, 1fr))", gap: "16px", alignItems: "start" },
});

export default function OverviewRoute() {
  const s = useStyles();
  const session = useSignedInSession();
  const org = useOrganization(session.tenant.id);
  const skus = useSubscribedSkus(session.tenant.id);
  const users = useCount(session.tenant.id, "users");
  const groups = useCount(session.tenant.id, "groups");
  const domains = org.data?.verifiedDomains ?? [];
  const initial = domains.find((d) => d.isInitial)?.name ?? session.tenant.initialDomain;
  const primary = domains.find((d) => d.isDefault)?.name ?? session.tenant.defaultDomain;
  const count = (q: typeof users) => (q.isPending ? "…" : q.error ? "—" : q.data.toLocaleString());

  return (
    <Page title="Overview" subtitle={session.tenant.displayName}>
      {org.error && <ErrorMessage error={org.error} />}
      <div className={s.grid}>
        <Card>
          <CardHeader header={<Text weight="semibold">Basic information</Text>} />
          <PropertyList
            items={[
              ["Name", org.data?.displayName ?? session.tenant.displayName],
              ["Tenant ID", <code key="id">{session.tenant.id}</code>],
              ["Primary domain", primary],
              ["Initial domain", initial],
              ["Users", count(users)],
              ["Groups", count(groups)],
            ]}
          />
        </Card>
        <Card>
          <CardHeader header={<Text weight="semibold">Licenses</Text>} />
          {skus.isPending && <Loading />}
          {skus.error && <ErrorMessage error={skus.error} />}
          {skus.data && skus.data.value.length === 0 && <Text>This tenant has no subscriptions.</Text>}
          {skus.data && skus.data.value.length > 0 && (
            <Table size="small" aria-label="Licenses">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Product</TableHeaderCell>
                  <TableHeaderCell>Assigned</TableHeaderCell>
                  <TableHeaderCell>Total</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {skus.data.value.map((sku) => (
                  <TableRow key={sku.skuId}>
                    <TableCell>{sku.skuPartNumber}</TableCell>
                    <TableCell>{sku.consumedUnits}</TableCell>
                    <TableCell>{sku.prepaidUnits.enabled}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Card>
        <Card>
          <CardHeader header={<Text weight="semibold">Certlab Health</Text>} />
          <Text>Rules check this directory for what would break SCEP certificate deployment.</Text>
          <AppLink to={paths.health}>View findings in Certlab Health</AppLink>
        </Card>
      </div>
    </Page>
  );
}
