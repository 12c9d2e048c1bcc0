// Tenant administration > Connectors and tokens > Certificate connectors: the connectors installed in the lab
// (name, machine, version, status, last check-in) and Add, which explains the installer and links to the lab.
import { useState } from "react";
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
} from "@fluentui/react-components";
import { Add20Regular, ArrowClockwise20Regular } from "@fluentui/react-icons";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { SimpleTable } from "@/shared/components/simple-table";
import { formatDateTime } from "@/shared/lib/format";
import { paths } from "@/shared/paths";
import { useSignedInSession } from "@/shared/session/session";
import { useCertificateConnectors } from "@/features/intune/connectors/api/connectors";
import { connectorStatus } from "@/features/intune/connectors/api/status";

const COLOR = { Active: "success", Warning: "warning", Error: "danger", Inactive: "subtle" } as const;

function ConnectorStatus({ connector }: { connector: Parameters<typeof connectorStatus>[0] }) {
  const st = connectorStatus(connector);
  return (
    <>
      <Badge appearance="tint" color={COLOR[st.label]} title={st.reason}>
        {st.label}
      </Badge>{" "}
      <Text size={200}>{st.label === "Active" ? "" : st.reason}</Text>
    </>
  );
}

export default function CertificateConnectorsRoute() {
  const session = useSignedInSession();
  const query = useCertificateConnectors(session.tenant.id);
  const [add, setAdd] = useState(false);
  const rows = query.data ?? [];
  return (
    <Page
      title="Certificate connectors"
      subtitle="Tenant administration | Connectors and tokens"
      commands={
        <>
          <Button appearance="subtle" icon={<Add20Regular />} onClick={() => setAdd(true)}>
            Add
          </Button>
          <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void query.refetch()}>
            Refresh
          </Button>
        </>
      }
    >
      {query.isPending && <Loading />}
      {query.error && <ErrorMessage error={query.error} />}
      {query.data && (
        <SimpleTable
          aria-label="Certificate connectors"
          rows={rows}
          rowKey={(c) => c.id}
          empty="No certificate connectors are installed. Select Add to install one in the lab."
          columns={[
            { header: "Name", cell: (c) => `${c.name}${c.generation === "legacy" ? " (legacy NDES connector)" : ""}` },
            { header: "Machine", cell: (c) => c.machineName },
            { header: "Version", cell: (c) => c.version },
            { header: "Status", cell: (c) => <ConnectorStatus connector={c} /> },
            { header: "Last check-in", cell: (c) => formatDateTime(c.lastCheckin) },
          ]}
        />
      )}
      <Dialog open={add} onOpenChange={(_e, d) => setAdd(d.open)}>
        <DialogSurface aria-label="Install the certificate connector">
          <DialogBody>
            <DialogTitle>Install the certificate connector</DialogTitle>
            <DialogContent style={{ display: "flex", flexDirection: "column", gap: 8 }}>
              <Text>
                Download the certificate connector (IntuneCertificateConnector.exe) and run it on the Windows Server that hosts NDES —
                not on the issuing CA. In the configuration wizard select <b>SCEP</b> under Features, choose the service account
                (SYSTEM or a domain account), and sign in with a Global Administrator or Intune Administrator who has an Intune
                licence.
              </Text>
              <Text>In Certlab, the connector is installed on a server of the on-premises lab.</Text>
              <AppLink to={paths.lab.home}>Open the lab installer</AppLink>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setAdd(false)}>Close</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </Page>
  );
}
