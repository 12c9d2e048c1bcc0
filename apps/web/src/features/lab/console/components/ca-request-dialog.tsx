// Issue 14: Certification Authority › "Request a certificate as…" — submit a request to the lab CA as any lab AD
// account (certreq -submit as that user), with a template, a subject and SANs. The lab CA decides like the real one
// (packages/domain lab/ca-request.ts) and answers with a real certificate or its own refusal text.
import { useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Text, Textarea } from "@fluentui/react-components";
import { api, useLabMutation, type CaRequest, type CaRequestSubmit, type Lab, type LabCa } from "@/features/lab/console/api/lab-api";
import { FormDialog } from "@/features/lab/console/components/form-dialog";
import { PropertyList } from "@/shared/components/property-list";
import { formatDate } from "@/shared/lib/format";

type San = CaRequestSubmit["subjectAlternativeNames"][number];

export function CaRequestDialog(props: { ca: LabCa; lab: Lab; open: boolean; onClose: () => void }) {
  const { ca, lab } = props;
  const accounts = lab.accounts.map((a) => `${a.domain}\\${a.samAccountName}`);
  const published = ca.templatesToIssue.map((n) => lab.templates.find((t) => t.name.toLowerCase() === n.toLowerCase())).filter((t) => !!t);
  const [account, setAccount] = useState(accounts.find((a) => !a.endsWith("$") && !/administrator$/i.test(a)) ?? accounts[0] ?? "");
  const [template, setTemplate] = useState(published[0]?.name ?? "");
  const [subject, setSubject] = useState("CN=Administrator");
  const [sans, setSans] = useState<San[]>([{ type: "upn", value: `administrator@${lab.forest?.name ?? "corp.contoso.com"}` }]);
  const [answer, setAnswer] = useState<CaRequest | undefined>();
  const submit = useLabMutation((b: CaRequestSubmit) => api.submitRequest(ca.id, b), { error: "The request could not be submitted" });
  const close = () => {
    setAnswer(undefined);
    submit.reset();
    props.onClose();
  };
  const send = () =>
    submit.mutate(
      { account, template, ...(subject.trim() ? { subject: subject.trim() } : {}), subjectAlternativeNames: sans.filter((s) => s.value.trim()).map((s) => ({ ...s, value: s.value.trim() })) },
      { onSuccess: (data) => setAnswer(data as CaRequest) },
    );
  return (
    <FormDialog open={props.open} title={`Request a certificate as… (${ca.name})`} okLabel="Submit" busy={submit.isPending} okDisabled={!account || !template} onClose={close} onSubmit={send} wide>
      <Field label="Account (the requester)" hint="Any lab AD account; the CA checks its rights and its groups (Domain Users, Authenticated Users…).">
        <Select aria-label="Account" value={account} onChange={(_e, d) => setAccount(d.value)}>
          {accounts.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </Select>
      </Field>
      <Field label="Certificate template" hint="The templates this CA issues.">
        <Select aria-label="Certificate template" value={template} onChange={(_e, d) => setTemplate(d.value)}>
          {published.map((t) => (
            <option key={t.id} value={t.name}>
              {t.displayName}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Subject" hint="e.g. CN=Administrator; a template that builds the subject from AD ignores it.">
        <Input aria-label="Subject" value={subject} onChange={(_e, d) => setSubject(d.value)} />
      </Field>
      <Text weight="semibold">Subject alternative names</Text>
      {sans.map((san, i) => (
        <div key={i} style={{ display: "flex", gap: 8, alignItems: "end" }}>
          <Select aria-label={`SAN ${i + 1} type`} value={san.type} onChange={(_e, d) => setSans((v) => v.map((x, j) => (j === i ? { ...x, type: d.value as San["type"] } : x)))}>
            <option value="upn">User principal name</option>
            <option value="dns">DNS</option>
          </Select>
          <Input aria-label={`SAN ${i + 1} value`} style={{ flex: 1 }} value={san.value} onChange={(_e, d) => setSans((v) => v.map((x, j) => (j === i ? { ...x, value: d.value } : x)))} />
          <Button appearance="subtle" aria-label={`Remove SAN ${i + 1}`} onClick={() => setSans((v) => v.filter((_x, j) => j !== i))}>
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button size="small" onClick={() => setSans((v) => [...v, { type: "upn", value: "" }])}>
          Add SAN
        </Button>
      </div>
      {answer && <CaAnswer answer={answer} />}
    </FormDialog>
  );
}

function CaAnswer(props: { answer: CaRequest }) {
  const a = props.answer;
  if (a.disposition === "issued")
    return (
      <div role="region" aria-label="Issued certificate" style={{ display: "flex", flexDirection: "column", gap: 8 }}>
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Certificate issued (request {a.requestId})</MessageBarTitle>
            The CA issued a certificate to {a.requesterName}.
          </MessageBarBody>
        </MessageBar>
        <PropertyList
          items={[
            ["Subject", a.subject],
            ["Subject Alternative Name", (a.subjectAlternativeNames ?? []).map((n) => n.replace(/^upn:/, "Principal Name=").replace(/^dns:/, "DNS Name=")).join(", ") || "(none)"],
            ["Serial number", a.serialNumber ?? ""],
            ["Thumbprint", a.thumbprint ?? ""],
            ["Valid to", formatDate(a.notAfter)],
          ]}
        />
        {(a.notes ?? []).map((n) => (
          <Text key={n} size={200}>
            {n}
          </Text>
        ))}
        <Textarea aria-label="Certificate (PEM)" readOnly value={a.certificatePem ?? ""} rows={6} style={{ fontFamily: "monospace" }} />
      </div>
    );
  return (
    <MessageBar intent={a.disposition === "pending" ? "warning" : "error"} role="alert">
      <MessageBarBody>
        <MessageBarTitle>{a.disposition === "pending" ? `Request ${a.requestId} is pending` : `Request ${a.requestId} was denied by the CA`}</MessageBarTitle>
        {a.statusMessage}
      </MessageBarBody>
    </MessageBar>
  );
}
