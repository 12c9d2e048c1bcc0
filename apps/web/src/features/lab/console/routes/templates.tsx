// Certificate Templates console (certtmpl.msc): the templates, Duplicate Template on any of them (the copy opens at
// Windows Server 2003 compatibility, a version 2 template, as seed 002 asks), and each template's properties.
import { useState } from "react";
import { Button, Field, Input, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useNavigate } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { api, useLab, useLabMutation, type LabTemplate } from "@/features/lab/console/api/lab-api";
import { FindingBadge, useFindingsFor } from "@/features/lab/console/components/findings";
import { FormDialog } from "@/features/lab/console/components/form-dialog";
import { ReadOnlyNotice, ekuName, useLabWrite } from "@/features/lab/console/components/ui";

export const CA_COMPAT = [
  ["2003", "Windows Server 2003"],
  ["2008", "Windows Server 2008"],
  ["2008R2", "Windows Server 2008 R2"],
  ["2012", "Windows Server 2012"],
  ["2012R2", "Windows Server 2012 R2"],
  ["2016", "Windows Server 2016"],
] as const;
export const RECIPIENT_COMPAT = [
  ["XP", "Windows XP / Server 2003"],
  ["Vista", "Windows Vista / Server 2008"],
  ["7", "Windows 7 / Server 2008 R2"],
  ["8", "Windows 8 / Windows Server 2012"],
  ["8.1", "Windows 8.1 / Windows Server 2012 R2"],
  ["10", "Windows 10 / Windows Server 2016"],
] as const;

export default function TemplatesRoute() {
  const lab = useLab();
  const canWrite = useLabWrite();
  const [dup, setDup] = useState<LabTemplate | null>(null);
  if (lab.isPending) return <Loading />;
  if (lab.error) return <ErrorMessage error={lab.error} />;
  return (
    <Page title="Certificate Templates Console" subtitle={`Certificate Templates (${lab.data.servers.find((s) => s.isDomainController)?.fqdn ?? lab.data.forest?.name ?? ""})`}>
      <ReadOnlyNotice />
      <Table aria-label="Certificate templates" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Template Display Name</TableHeaderCell>
            <TableHeaderCell>Template name</TableHeaderCell>
            <TableHeaderCell>Schema Version</TableHeaderCell>
            <TableHeaderCell>Intended Purposes</TableHeaderCell>
            <TableHeaderCell>Actions</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {lab.data.templates.map((t) => (
            <TemplateRow key={t.id} template={t} canWrite={canWrite} onDuplicate={() => setDup(t)} />
          ))}
        </TableBody>
      </Table>
      {dup && <DuplicateDialog source={dup} onClose={() => setDup(null)} />}
    </Page>
  );
}

function TemplateRow(props: { template: LabTemplate; canWrite: boolean; onDuplicate: () => void }) {
  const t = props.template;
  const f = useFindingsFor([t.id]);
  return (
    <TableRow>
      <TableCell>
        <AppLink to={`/lab/templates/${encodeURIComponent(t.id)}`}>{t.displayName}</AppLink>
        <FindingBadge findings={f} label={t.displayName} />
      </TableCell>
      <TableCell>{t.name}</TableCell>
      <TableCell>{t.schemaVersion}</TableCell>
      <TableCell>{t.applicationPolicies.map(ekuName).join(", ")}</TableCell>
      <TableCell>
        {props.canWrite && (
          <Button size="small" aria-label={`Duplicate Template ${t.displayName}`} onClick={props.onDuplicate}>
            Duplicate Template
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}

function DuplicateDialog(props: { source: LabTemplate; onClose: () => void }) {
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState(`Copy of ${props.source.displayName}`);
  const [name, setName] = useState("");
  const [ca, setCa] = useState("2003");
  const [recipient, setRecipient] = useState("XP");
  const dup = useLabMutation((b: Record<string, unknown>) => api.duplicateTemplate(props.source.id, b), {
    success: (d) => `Created the template ${(d as LabTemplate).displayName}`,
    error: "Could not create the template",
  });
  const derived = displayName.replace(/\s+/g, "");
  return (
    <FormDialog
      open
      title="Properties of New Template"
      busy={dup.isPending}
      okDisabled={!displayName.trim()}
      onClose={props.onClose}
      onSubmit={() =>
        dup.mutate(
          { displayName: displayName.trim(), ...(name.trim() ? { name: name.trim() } : {}), compatibility: { ca, recipient } },
          { onSuccess: (d) => navigate(`/lab/templates/${encodeURIComponent((d as LabTemplate).id)}`) },
        )
      }
    >
      <Text>Duplicate of {props.source.displayName}.</Text>
      <Field label="Certification Authority">
        <Select value={ca} onChange={(_e, d) => setCa(d.value)}>
          {CA_COMPAT.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Certificate recipient">
        <Select value={recipient} onChange={(_e, d) => setRecipient(d.value)}>
          {RECIPIENT_COMPAT.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Template display name">
        <Input value={displayName} onChange={(_e, d) => setDisplayName(d.value)} />
      </Field>
      <Field label="Template name" hint={`Default: ${derived}`}>
        <Input value={name} placeholder={derived} onChange={(_e, d) => setName(d.value)} />
      </Field>
    </FormDialog>
  );
}
