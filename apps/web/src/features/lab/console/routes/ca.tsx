// Certification Authority (certsrv.msc): each CA's properties and Security tab (Read, Request Certificates, Issue
// and Manage Certificates, Manage CA), the policy module's EditFlags, Certificate Templates to Issue (New ›
// Certificate Template to Issue), Issued Certificates, Failed Requests, and certutil -ca.cert.
import { useState } from "react";
import {
  Button,
  Checkbox,
  Link,
  Radio,
  RadioGroup,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { useSearchParams } from "react-router";
import { Page } from "@/shared/components/page";
import { PropertyList } from "@/shared/components/property-list";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { formatDate } from "@/shared/lib/format";
import { api, useCaRequests, useLab, useLabMutation, type Lab, type LabCa } from "@/features/lab/console/api/lab-api";
import { FindingBadge, FindingList, TAB_CODES, codeIn, useFindingsFor } from "@/features/lab/console/components/findings";
import { FormDialog } from "@/features/lab/console/components/form-dialog";
import { ReadOnlyNotice, Section, useLabWrite } from "@/features/lab/console/components/ui";
import { AclAddDialog, AclTable } from "@/features/lab/console/components/acl-editor";
import { CaRequestDialog } from "@/features/lab/console/components/ca-request-dialog";

const TYPE: Record<string, string> = {
  enterpriseRoot: "Enterprise root CA",
  enterpriseSubordinate: "Enterprise subordinate CA",
  standaloneRoot: "Standalone root CA",
  standaloneSubordinate: "Standalone subordinate CA",
};
const VIEWS = [
  ["security", "Security", TAB_CODES.caSecurity],
  ["policy", "Policy Module", TAB_CODES.caPolicy],
  ["templates", "Certificate Templates", TAB_CODES.caTemplates],
  ["issued", "Issued Certificates", undefined],
  ["failed", "Failed Requests", undefined],
  ["pending", "Pending Requests", undefined],
  ["general", "General", /^CA_(OS|2008|NOT_ENT|CERT|CRL|DN|RENEWED|SINGLE)/],
] as const;
type View = (typeof VIEWS)[number][0];

function ViewTab(props: { id: View; label: string; caId: string; re: RegExp | undefined }) {
  const f = useFindingsFor([props.caId], props.re ? codeIn(props.re) : () => false);
  return (
    <Tab value={props.id}>
      {props.label}
      <FindingBadge findings={f} />
    </Tab>
  );
}

export default function CaRoute() {
  const lab = useLab();
  const [params, setParams] = useSearchParams();
  const canWrite = useLabWrite();
  const [requesting, setRequesting] = useState(false);
  if (lab.isPending) return <Loading />;
  if (lab.error) return <ErrorMessage error={lab.error} />;
  const cas = lab.data.cas;
  const ca = cas.find((c) => c.id === params.get("ca")) ?? cas.find((c) => c.parentCaId) ?? cas[0];
  const view = (params.get("view") ?? "security") as View;
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  return (
    <Page
      title="Certification Authority (Local)"
      subtitle={ca ? `${ca.name} — ${lab.data.servers.find((s) => s.id === ca.serverId)?.fqdn ?? ""}` : "No CA in the lab"}
      commands={
        ca && (
          <>
            {canWrite && ca.type.startsWith("enterprise") && (
              <Button appearance="primary" onClick={() => setRequesting(true)}>
                Request a certificate as…
              </Button>
            )}
            <Link href={api.caCertificateUrl(ca.id, "der")} download={`${ca.name}.cer`}>
              Export CA certificate
            </Link>
            <Link href={api.caCertificateUrl(ca.id, "base64")} download={`${ca.name}.pem.cer`}>
              Export CA certificate (Base-64)
            </Link>
          </>
        )
      }
    >
      <ReadOnlyNotice />
      {cas.length > 1 && (
        <TabList selectedValue={ca?.id} onTabSelect={(_e, d) => set("ca", String(d.value))} aria-label="Certification authorities">
          {cas.map((c) => (
            <Tab key={c.id} value={c.id}>
              {c.name}
            </Tab>
          ))}
        </TabList>
      )}
      {ca && (
        <>
          <TabList selectedValue={view} onTabSelect={(_e, d) => set("view", String(d.value))} aria-label={`${ca.name} views`}>
            {VIEWS.map(([id, label, re]) => (
              <ViewTab key={id} id={id} label={label} caId={ca.id} re={re} />
            ))}
          </TabList>
          <div role="tabpanel" aria-label={VIEWS.find((v) => v[0] === view)?.[1]} style={{ display: "flex", flexDirection: "column", gap: 12 }}>
            {view === "general" && <General ca={ca} lab={lab.data} />}
            {view === "security" && <Security key={ca.id} ca={ca} />}
            {view === "policy" && <Policy ca={ca} />}
            {view === "templates" && <TemplatesToIssue ca={ca} lab={lab.data} />}
            {(view === "issued" || view === "failed" || view === "pending") && <Requests ca={ca} disposition={view} />}
          </div>
          {requesting && <CaRequestDialog ca={ca} lab={lab.data} open={requesting} onClose={() => setRequesting(false)} />}
        </>
      )}
    </Page>
  );
}

function General(props: { ca: LabCa; lab: Lab }) {
  const c = props.ca;
  const f = useFindingsFor([c.id]);
  return (
    <>
      <PropertyList
        items={[
          ["CA name", c.name],
          ["CA type", TYPE[c.type] ?? c.type],
          ["Parent CA", props.lab.cas.find((p) => p.id === c.parentCaId)?.name ?? "—"],
          ["Certificate", `${c.certificate.subject}, issued by ${c.certificate.issuer}`],
          ["Valid", `${formatDate(c.certificate.notBefore)} – ${formatDate(c.certificate.notAfter)}`],
          ["Thumbprint", c.certificate.thumbprint],
          ["Cryptographic provider", `${c.certificate.signatureAlgorithm}, ${c.certificate.keySize} bits`],
          ["CRL Distribution Points", c.crlDistributionPoints.map((p) => p.url).join(", ")],
          ["Authority Information Access", c.aia.map((p) => p.url).join(", ")],
          ["Service (CertSvc)", c.running ? "Running" : "Stopped"],
        ]}
      />
      <Publication ca={c} />
      <FindingList findings={f} />
    </>
  );
}

type Point = LabCa["crlDistributionPoints"][number];

/** Properties › Extensions: where the CRL (CDP) and the CA certificate (AIA) are published, and who reaches them. */
function Publication(props: { ca: LabCa }) {
  const c = props.ca;
  const canWrite = useLabWrite();
  const save = useLabMutation((b: { crlDistributionPoints?: Point[]; aia?: Point[] }) => api.publication(c.id, b, c.version), { success: "Saved the CA's extensions", error: "Could not save the CA's extensions" });
  const list = (kind: "crlDistributionPoints" | "aia", title: string) => (
    <Section title={title}>
      <Table aria-label={title} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Location</TableHeaderCell>
            <TableHeaderCell>Reachable inside the network</TableHeaderCell>
            <TableHeaderCell>Reachable from the internet</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {c[kind].map((p, i) => (
            <TableRow key={p.url}>
              <TableCell>{p.url}</TableCell>
              {(["reachableInternally", "reachableFromInternet"] as const).map((k) => (
                <TableCell key={k}>
                  <Checkbox
                    aria-label={`${p.url} ${k === "reachableInternally" ? "reachable inside the network" : "reachable from the internet"}`}
                    checked={p[k]}
                    disabled={!canWrite || save.isPending}
                    onChange={(_e, d) => save.mutate({ [kind]: c[kind].map((x, j) => (j === i ? { ...x, [k]: !!d.checked } : x)) })}
                  />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
  return (
    <>
      {list("crlDistributionPoints", "Extensions › CRL Distribution Point (CDP)")}
      {list("aia", "Extensions › Authority Information Access (AIA)")}
    </>
  );
}

const RIGHTS = [
  ["read", "Read"],
  ["request", "Request Certificates"],
  ["issueAndManage", "Issue and Manage Certificates"],
  ["manageCa", "Manage CA"],
] as const;
type Ace = LabCa["acl"][number];

function Security(props: { ca: LabCa }) {
  const c = props.ca;
  const canWrite = useLabWrite();
  const [adding, setAdding] = useState(false);
  const [principal, setPrincipal] = useState("");
  const [rights, setRights] = useState({ read: true, request: false, issueAndManage: false, manageCa: false });
  const setAce = useLabMutation((b: Ace) => api.setCaAce(c.id, b, c.version), { success: (_d, v) => `Security updated for ${(v as Ace).principal}`, error: "Could not change the CA's security" });
  const remove = useLabMutation((p: string) => api.removeCaAce(c.id, p, c.version), { success: (_d, v) => `Removed ${String(v)} from the CA's security`, error: "Could not remove the entry" });
  return (
    <Section title={`${c.name} Properties — Security`} actions={canWrite && <Button onClick={() => { setPrincipal(""); setAdding(true); }}>Add…</Button>}>
      <AclTable
        label="Group or user names"
        permissions={RIGHTS}
        entries={c.acl}
        canWrite={canWrite}
        busy={setAce.isPending}
        onToggle={(a, k, allowed) => setAce.mutate({ ...a, [k]: allowed })}
        onRemove={(p) => remove.mutate(p)}
      />
      <AclAddDialog
        open={adding}
        busy={setAce.isPending}
        permissions={RIGHTS}
        principal={principal}
        onPrincipalChange={setPrincipal}
        allowed={rights}
        onAllowedChange={setRights}
        heading="Permissions (Allow)"
        onClose={() => setAdding(false)}
        onSubmit={() => setAce.mutate({ principal: principal.trim(), ...rights }, { onSuccess: () => setAdding(false) })}
      />
    </Section>
  );
}

const KNOWN_FLAGS = ["EDITF_ATTRIBUTEENDDATE", "EDITF_ATTRIBUTESUBJECTALTNAME2", "EDITF_REQUESTEXTENSIONLIST"];

function Policy(props: { ca: LabCa }) {
  const c = props.ca;
  const canWrite = useLabWrite();
  const setreg = useLabMutation((v: string) => api.setreg(c.id, v, undefined, c.version), {
    success: (_d, v) => `certutil -setreg Policy\\EditFlags ${String(v)}: CertUtil: -setreg command completed successfully. The CertSvc service may need to be restarted for changes to take effect.`,
    error: "certutil -setreg failed",
  });
  const setIf = useLabMutation((v: string) => api.setreg(c.id, v, "CA\\InterfaceFlags", c.version), {
    success: (_d, v) => `certutil -setreg CA\\InterfaceFlags ${String(v)}: CertUtil: -setreg command completed successfully. The CertSvc service may need to be restarted for changes to take effect.`,
    error: "certutil -setreg failed",
  });
  const svc = useLabMutation((running: boolean) => api.updateCa(c.id, { running }, c.version), { success: (_d, v) => (v ? "net start certsvc: started" : "net stop certsvc: stopped"), error: "Could not change CertSvc" });
  return (
    <Section title="Policy Module — Windows default (EditFlags)">
      <Text>Current EditFlags: {c.editFlags.join(" | ") || "(none)"}</Text>
      {KNOWN_FLAGS.map((f) => (
        <Checkbox
          key={f}
          label={f}
          checked={c.editFlags.includes(f)}
          disabled={!canWrite || setreg.isPending}
          onChange={(_e, d) => setreg.mutate(`${d.checked ? "+" : "-"}${f}`)}
        />
      ))}
      {canWrite && (
        <div style={{ display: "flex", gap: 8 }}>
          <Button onClick={() => svc.mutate(false)} disabled={!c.running}>
            net stop certsvc
          </Button>
          <Button onClick={() => svc.mutate(true)} disabled={c.running}>
            net start certsvc
          </Button>
        </div>
      )}
      <Text>CertSvc: {c.running ? "Running" : "Stopped"}</Text>
      {/* Issue 14 (ESC11): certutil -setreg CA\InterfaceFlags. */}
      <Text>Current InterfaceFlags: {(c.interfaceFlags ?? []).join(" | ") || "(none)"}</Text>
      <Checkbox
        label="IF_ENFORCEENCRYPTICERTREQUEST (CA\InterfaceFlags)"
        checked={(c.interfaceFlags ?? []).includes("IF_ENFORCEENCRYPTICERTREQUEST")}
        disabled={!canWrite || setIf.isPending}
        onChange={(_e, d) => setIf.mutate(`${d.checked ? "+" : "-"}IF_ENFORCEENCRYPTICERTREQUEST`)}
      />
    </Section>
  );
}

function TemplatesToIssue(props: { ca: LabCa; lab: Lab }) {
  const c = props.ca;
  const canWrite = useLabWrite();
  const [open, setOpen] = useState(false);
  const [pick, setPick] = useState("");
  const issue = useLabMutation((t: string) => api.issueTemplate(c.id, t, c.version), { success: (_d, v) => `${String(v)} is now a certificate template to issue`, error: "Could not enable the certificate template" });
  const unissue = useLabMutation((t: string) => api.unissueTemplate(c.id, t, c.version), { success: (_d, v) => `${String(v)} is no longer issued`, error: "Could not delete the certificate template from the CA" });
  const byName = (n: string) => props.lab.templates.find((t) => t.name.toLowerCase() === n.toLowerCase());
  const candidates = props.lab.templates.filter((t) => !c.templatesToIssue.some((n) => n.toLowerCase() === t.name.toLowerCase()));
  return (
    <Section title="Certificate Templates" actions={canWrite && <Button onClick={() => { setPick(""); setOpen(true); }}>New › Certificate Template to Issue</Button>}>
      <Table aria-label="Certificate Templates to Issue" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Template name</TableHeaderCell>
            <TableHeaderCell>Intended Purpose</TableHeaderCell>
            <TableHeaderCell>Actions</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {c.templatesToIssue.map((n) => (
            <TableRow key={n}>
              <TableCell>{byName(n)?.displayName ?? n}</TableCell>
              <TableCell>{n}</TableCell>
              <TableCell>{byName(n)?.applicationPolicies.join(", ")}</TableCell>
              <TableCell>
                {canWrite && (
                  <Button size="small" appearance="subtle" aria-label={`Delete ${byName(n)?.displayName ?? n} from templates to issue`} onClick={() => unissue.mutate(n)}>
                    Delete
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <FormDialog open={open} title="Enable Certificate Templates" busy={issue.isPending} okDisabled={!pick} onClose={() => setOpen(false)} onSubmit={() => issue.mutate(pick, { onSuccess: () => setOpen(false) })}>
        <Text>Select one Certificate Template to enable on this Certification Authority.</Text>
        <RadioGroup aria-label="Certificate templates" value={pick} onChange={(_e, d) => setPick(d.value)}>
          {candidates.map((t) => (
            <Radio key={t.id} value={t.name} label={t.displayName} />
          ))}
        </RadioGroup>
      </FormDialog>
    </Section>
  );
}

function Requests(props: { ca: LabCa; disposition: "issued" | "failed" | "pending" }) {
  const q = useCaRequests(props.ca.id, props.disposition);
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const rows = q.data.value;
  return (
    <Table aria-label={props.disposition === "issued" ? "Issued Certificates" : props.disposition === "failed" ? "Failed Requests" : "Pending Requests"} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Request ID</TableHeaderCell>
          <TableHeaderCell>Requester Name</TableHeaderCell>
          <TableHeaderCell>Certificate Template</TableHeaderCell>
          <TableHeaderCell>{props.disposition === "issued" ? "Issued Common Name" : "Request Common Name"}</TableHeaderCell>
          <TableHeaderCell>{props.disposition === "issued" ? "Certificate Expiration Date" : "Request Status Code"}</TableHeaderCell>
          {props.disposition !== "issued" && <TableHeaderCell>Request Disposition Message</TableHeaderCell>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.requestId}>
            <TableCell>{r.requestId}</TableCell>
            <TableCell>{r.requesterName}</TableCell>
            <TableCell>{r.template}</TableCell>
            <TableCell>{r.subject}</TableCell>
            <TableCell>{props.disposition === "issued" ? formatDate(r.notAfter) : r.statusCode}</TableCell>
            {props.disposition !== "issued" && <TableCell>{r.statusMessage}</TableCell>}
          </TableRow>
        ))}
        {rows.length === 0 && (
          <TableRow>
            <TableCell colSpan={5}>There are no items to show in this view.</TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}
