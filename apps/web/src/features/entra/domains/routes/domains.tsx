// Custom domain names: the organization's domains, Add custom domain, the TXT record to add at the registrar (with
// the lab's "Add record at the registrar"), Verify. A verified custom domain joins the External URL dropdown of
// application proxy apps (S40: "if the domain isn't in the list, it might not be verified").
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
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { Add20Regular, ArrowClockwise20Regular } from "@fluentui/react-icons";
import { Page } from "@/shared/components/page";
import { PropertyList } from "@/shared/components/property-list";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { useAddDomain, useAddPublicDnsRecord, useDomainList, useVerificationRecords, useVerifyDomain } from "@/features/entra/domains/api/domains";

function VerifyPanel(props: { name: string; onDone: () => void }) {
  const session = useSignedInSession();
  const canWrite = useCan("directory.domains.write");
  const canLab = useCan("lab.write");
  const records = useVerificationRecords(session.tenant.id, props.name);
  const verify = useVerifyDomain(session.tenant.id);
  const registrar = useAddPublicDnsRecord();
  const txt = records.data?.find((r) => r.recordType === "Txt");
  return (
    <section aria-label={`Verify ${props.name}`} style={{ display: "flex", flexDirection: "column", gap: 8, maxWidth: 640 }}>
      <h2 style={{ fontSize: 16, margin: 0 }}>{props.name}</h2>
      <Text>To use {props.name} with Microsoft Entra ID, create a new TXT record with your domain name registrar using the info below.</Text>
      {records.isPending && <Loading />}
      {records.error && <ErrorMessage error={records.error} />}
      {txt && (
        <PropertyList
          items={[
            ["Record type", "TXT"],
            ["Alias or host name", "@"],
            ["Destination or points to address", txt.text ?? ""],
            ["TTL", `${txt.ttl}`],
          ]}
        />
      )}
      <div style={{ display: "flex", gap: 8 }}>
        {canLab && txt && (
          <Button disabled={registrar.isPending} onClick={() => registrar.mutate({ name: props.name, type: "TXT", value: txt.text ?? "" })}>
            Add record at the registrar
          </Button>
        )}
        {canWrite && (
          <Button appearance="primary" disabled={verify.isPending} onClick={() => verify.mutate(props.name, { onSuccess: props.onDone })}>
            Verify
          </Button>
        )}
      </div>
    </section>
  );
}

export default function DomainsRoute() {
  const session = useSignedInSession();
  const canWrite = useCan("directory.domains.write");
  const domains = useDomainList(session.tenant.id);
  const add = useAddDomain(session.tenant.id);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <Page
      title="Custom domain names"
      subtitle={session.tenant.displayName}
      commands={
        <>
          {canWrite && (
            <Button appearance="subtle" icon={<Add20Regular />} onClick={() => setAdding(true)}>
              Add custom domain
            </Button>
          )}
          <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void domains.refetch()}>
            Refresh
          </Button>
        </>
      }
    >
      {domains.isPending && <Loading />}
      {domains.error && <ErrorMessage error={domains.error} />}
      {domains.data && (
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
            {domains.data.map((d) => (
              <TableRow key={d.id}>
                <TableCell>
                  {d.isVerified ? (
                    d.id
                  ) : (
                    <Button appearance="transparent" size="small" onClick={() => setSelected(d.id)}>
                      {d.id}
                    </Button>
                  )}{" "}
                  {d.isInitial && <Badge appearance="outline">Initial</Badge>}
                </TableCell>
                <TableCell>{d.isVerified ? "Verified" : <Badge color="warning" appearance="tint">Unverified</Badge>}</TableCell>
                <TableCell>{d.authenticationType === "Federated" ? "Yes" : ""}</TableCell>
                <TableCell>{d.isDefault ? "✓" : ""}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {selected && <VerifyPanel key={selected} name={selected} onDone={() => setSelected(null)} />}
      {domains.data?.some((d) => !d.isVerified) && !selected && (
        <MessageBar intent="info">
          <MessageBarBody>Select an unverified domain to see the TXT record to add and verify it.</MessageBarBody>
        </MessageBar>
      )}
      <Dialog open={adding} onOpenChange={(_e, d) => !d.open && setAdding(false)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Custom domain name</DialogTitle>
            <DialogContent>
              <Field label="Custom domain name" required hint="For example contoso.com">
                <Input value={name} onChange={(_e, d) => setName(d.value)} />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                disabled={add.isPending || name.trim() === ""}
                onClick={() =>
                  add.mutate(name.trim().toLowerCase(), {
                    onSuccess: (d) => {
                      setAdding(false);
                      setName("");
                      setSelected(d.id);
                    },
                  })
                }
              >
                Add domain
              </Button>
              <Button onClick={() => setAdding(false)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </Page>
  );
}
