// The on-server consoles: Local Users and Groups (lusrmgr.msc), Services (services.msc), Certificates (Local
// Computer), IIS Manager and Registry Editor (MSCEP, HTTP\Parameters). rules-reference C.6; seed 001 parts 1–2.
import { useState } from "react";
import {
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { formatDate } from "@/shared/lib/format";
import { api, useLabMutation, type CertRef, type Lab, type LabNdes, type LabServerOut } from "@/features/lab/console/api/lab-api";
import { FindingBadge, TAB_CODES, codeIn, useFindingsFor } from "@/features/lab/console/components/findings";
import { FormDialog } from "@/features/lab/console/components/form-dialog";
import { Section, ekuName, useLabWrite } from "@/features/lab/console/components/ui";

const cn = (dn: string) => /CN=([^,]+)/i.exec(dn)?.[1] ?? dn;

// ───────── Local Users and Groups ─────────

export function LocalGroups(props: { server: LabServerOut }) {
  const s = props.server;
  const canWrite = useLabWrite();
  const [addTo, setAddTo] = useState<"IIS_IUSRS" | "Administrators" | null>(null);
  const [member, setMember] = useState("");
  const add = useLabMutation((v: { group: string; member: string }) => api.addLocalMember(s.id, v.group, v.member), {
    success: (_d, v) => `Added ${(v as { member: string }).member} to ${(v as { group: string }).group}`,
    error: "Could not add the member",
  });
  const remove = useLabMutation((v: { group: string; member: string }) => api.removeLocalMember(s.id, v.group, v.member), {
    success: (_d, v) => `Removed ${(v as { member: string }).member} from ${(v as { group: string }).group}`,
    error: "Could not remove the member",
  });
  if (s.isDomainController) return <Text>A domain controller has no local users and groups; use Active Directory Users and Computers.</Text>;
  return (
    <>
      {(["IIS_IUSRS", "Administrators"] as const).map((g) => (
        <Section
          key={g}
          title={g}
          actions={
            canWrite && (
              <Button size="small" onClick={() => { setMember(""); setAddTo(g); }} aria-label={`Add member to ${g}`}>
                Add…
              </Button>
            )
          }
        >
          <ul aria-label={`Members of ${g}`} style={{ margin: 0, paddingLeft: 18 }}>
            {s.localGroups[g].map((m) => (
              <li key={m}>
                {m}{" "}
                {canWrite && (
                  <Button size="small" appearance="subtle" aria-label={`Remove ${m} from ${g}`} onClick={() => remove.mutate({ group: g, member: m })}>
                    Remove
                  </Button>
                )}
              </li>
            ))}
            {s.localGroups[g].length === 0 && <li>No members</li>}
          </ul>
        </Section>
      ))}
      <FormDialog
        open={addTo !== null}
        title={`Select Users, Computers, Service Accounts, or Groups — ${addTo ?? ""}`}
        busy={add.isPending}
        okDisabled={!member.trim()}
        onClose={() => setAddTo(null)}
        onSubmit={() => addTo && add.mutate({ group: addTo, member: member.trim() }, { onSuccess: () => setAddTo(null) })}
      >
        <Field label="Enter the object names to select" hint="e.g. CONTOSO\svc-ndes">
          <Input value={member} onChange={(_e, d) => setMember(d.value)} autoFocus />
        </Field>
      </FormDialog>
    </>
  );
}

// ───────── Services ─────────

export function Services(props: { server: LabServerOut }) {
  const s = props.server;
  const canWrite = useLabWrite();
  const change = useLabMutation((v: { name: string; body: Record<string, unknown> }) => api.service(s.id, v.name, v.body, s.version), {
    success: (_d, v) => `Changed service ${(v as { name: string }).name}`,
    error: "Windows could not change the service",
  });
  return (
    <Table aria-label="Services" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Service name</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Startup Type</TableHeaderCell>
          <TableHeaderCell>Actions</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {s.services.map((svc) => (
          <TableRow key={svc.name}>
            <TableCell>{svc.displayName}</TableCell>
            <TableCell>{svc.name}</TableCell>
            <TableCell>{svc.status === "running" ? "Running" : "Stopped"}</TableCell>
            <TableCell>
              <Select
                aria-label={`Startup type of ${svc.displayName}`}
                size="small"
                value={svc.startupType}
                disabled={!canWrite}
                onChange={(_e, d) => change.mutate({ name: svc.name, body: { startupType: d.value } })}
              >
                <option value="automatic">Automatic</option>
                <option value="manual">Manual</option>
                <option value="disabled">Disabled</option>
              </Select>
            </TableCell>
            <TableCell>
              {canWrite && (
                <Button
                  size="small"
                  aria-label={`${svc.status === "running" ? "Stop" : "Start"} ${svc.displayName}`}
                  onClick={() => change.mutate({ name: svc.name, body: { status: svc.status === "running" ? "stopped" : "running" } })}
                >
                  {svc.status === "running" ? "Stop" : "Start"}
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

// ───────── Certificates (Local Computer) ─────────

function CertTable(props: { label: string; certs: CertRef[]; onDelete?: (c: CertRef) => void }) {
  return (
    <Table aria-label={props.label} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Issued To</TableHeaderCell>
          <TableHeaderCell>Issued By</TableHeaderCell>
          <TableHeaderCell>Expiration Date</TableHeaderCell>
          <TableHeaderCell>Intended Purposes</TableHeaderCell>
          <TableHeaderCell>Certificate Template</TableHeaderCell>
          <TableHeaderCell>Thumbprint</TableHeaderCell>
          {props.onDelete && <TableHeaderCell>Actions</TableHeaderCell>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.certs.map((c) => (
          <TableRow key={c.thumbprint}>
            <TableCell>{cn(c.subject)}</TableCell>
            <TableCell>{cn(c.issuer)}</TableCell>
            <TableCell>{formatDate(c.notAfter)}</TableCell>
            <TableCell>{c.eku.map(ekuName).join(", ") || "<All>"}</TableCell>
            <TableCell>{c.template ?? ""}</TableCell>
            <TableCell style={{ fontFamily: "monospace", fontSize: 11 }}>{c.thumbprint}</TableCell>
            {props.onDelete && (
              <TableCell>
                <Button size="small" appearance="subtle" aria-label={`Delete certificate ${cn(c.subject)} ${c.thumbprint}`} onClick={() => props.onDelete!(c)}>
                  Delete
                </Button>
              </TableCell>
            )}
          </TableRow>
        ))}
        {props.certs.length === 0 && (
          <TableRow>
            <TableCell colSpan={6}>There are no items to show in this view.</TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}

export function Certificates(props: { server: LabServerOut; lab: Lab }) {
  const s = props.server;
  const canWrite = useLabWrite();
  const [open, setOpen] = useState(false);
  const del = useLabMutation((c: CertRef) => api.deleteCertificate(s.id, "my", c.thumbprint), { success: "Deleted the certificate", error: "Could not delete the certificate" });
  return (
    <>
      <Section title="Personal › Certificates" actions={canWrite && <Button onClick={() => setOpen(true)}>Request New Certificate…</Button>}>
        <CertTable label="Personal certificates" certs={s.certificates.my} onDelete={canWrite ? (c) => del.mutate(c) : undefined} />
      </Section>
      <Section title="Trusted Root Certification Authorities › Certificates">
        <CertTable label="Trusted Root Certification Authorities certificates" certs={s.certificates.root} />
      </Section>
      {open && <RequestCertificateDialog server={s} lab={props.lab} onClose={() => setOpen(false)} />}
    </>
  );
}

function RequestCertificateDialog(props: { server: LabServerOut; lab: Lab; onClose: () => void }) {
  const s = props.server;
  const cas = props.lab.cas.filter((c) => c.type.startsWith("enterprise"));
  const [caId, setCaId] = useState(cas.find((c) => c.parentCaId)?.id ?? cas[0]?.id ?? "");
  const ca = props.lab.cas.find((c) => c.id === caId);
  const templates = props.lab.templates.filter((t) => ca?.templatesToIssue.some((n) => n.toLowerCase() === t.name.toLowerCase()));
  const [template, setTemplate] = useState("");
  const [subject, setSubject] = useState(`CN=${s.fqdn}`);
  const [dns, setDns] = useState(s.fqdn);
  const req = useLabMutation((b: Record<string, unknown>) => api.requestCertificate(s.id, b), { success: "Certificate Enrollment: STATUS: Succeeded", error: "Certificate Enrollment failed" });
  return (
    <FormDialog
      open
      title="Certificate Enrollment"
      okLabel="Enroll"
      busy={req.isPending}
      okDisabled={!template || !caId}
      onClose={props.onClose}
      onSubmit={() =>
        req.mutate(
          { caId, template, subject: subject.trim() || undefined, dnsNames: dns.split(/[\s,;]+/).filter(Boolean) },
          { onSuccess: props.onClose },
        )
      }
    >
      <Text>Active Directory Enrollment Policy</Text>
      <Field label="Certification authority">
        <Select value={caId} onChange={(_e, d) => setCaId(d.value)}>
          {cas.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Certificate template">
        <Select value={template} onChange={(_e, d) => setTemplate(d.value)}>
          <option value="">Select a template</option>
          {templates.map((t) => (
            <option key={t.id} value={t.name}>
              {t.displayName}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Subject name (Common name)" hint="Type = Common name; e.g. CN=ndes01.corp.contoso.com">
        <Input value={subject} onChange={(_e, d) => setSubject(d.value)} />
      </Field>
      <Field label="Alternative name (DNS)" hint="One or more DNS names, separated by commas">
        <Input value={dns} onChange={(_e, d) => setDns(d.value)} />
      </Field>
    </FormDialog>
  );
}

// ───────── IIS Manager ─────────

export function IisManager(props: { server: LabServerOut; ndes: LabNdes | undefined }) {
  const s = props.server;
  const n = props.ndes;
  const canWrite = useLabWrite();
  const iisFindings = useFindingsFor([n?.id, s.id], codeIn(TAB_CODES.iis));
  const [bindOpen, setBindOpen] = useState(false);
  const [rfOpen, setRfOpen] = useState(false);
  const [identityOf, setIdentityOf] = useState<string | null>(null);
  const [identity, setIdentity] = useState("");
  const removeBinding = useLabMutation((b: Record<string, unknown>) => api.removeBinding(s.id, b, n?.version), { success: "Removed the binding", error: "Could not remove the binding" });
  const pool = useLabMutation((v: { pool: string; body: Record<string, unknown> }) => api.appPool(s.id, v.pool, v.body, n?.version), {
    success: (_d, v) => `Application pool ${(v as { pool: string }).pool} changed`,
    error: "Could not change the application pool",
  });
  const crp = useLabMutation((b: Record<string, unknown>) => api.crpAuth(s.id, b, n?.version), { success: "Authentication changed", error: "Could not change authentication" });
  const iis = useLabMutation((b: Record<string, unknown>) => api.iis(s.id, b, n?.version), { success: "IIS configuration changed", error: "Could not change IIS" });
  if (!s.features.includes("Web-Server")) return <Text>IIS (Web Server) is not installed on this server.</Text>;
  if (!n)
    return (
      <Text>
        Default Web Site (http:80). The SCEP application (/certsrv/mscep) appears once the Network Device Enrollment Service is configured (AD CS
        Configuration).
      </Text>
    );
  const site = n.iis.sites[0];
  return (
    <>
      <FindingBadge findings={iisFindings} label="IIS" />
      <Section title={`Sites › ${site?.name ?? "Default Web Site"} › Site Bindings`} actions={canWrite && <Button onClick={() => setBindOpen(true)}>Add…</Button>}>
        <Table aria-label="Site Bindings" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Type</TableHeaderCell>
              <TableHeaderCell>Host Name</TableHeaderCell>
              <TableHeaderCell>Port</TableHeaderCell>
              <TableHeaderCell>SSL certificate</TableHeaderCell>
              <TableHeaderCell>Actions</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(site?.bindings ?? []).map((b) => {
              const cert = s.certificates.my.find((c) => c.thumbprint === b.certificateThumbprint);
              return (
                <TableRow key={`${b.protocol}:${b.port}:${b.hostName}`}>
                  <TableCell>{b.protocol}</TableCell>
                  <TableCell>{b.hostName}</TableCell>
                  <TableCell>{b.port}</TableCell>
                  <TableCell>{cert ? `${cn(cert.subject)} (${cert.thumbprint})` : b.certificateThumbprint ?? ""}</TableCell>
                  <TableCell>
                    {canWrite && (
                      <Button size="small" appearance="subtle" aria-label={`Remove binding ${b.protocol} ${b.port}`} onClick={() => removeBinding.mutate({ protocol: b.protocol, port: b.port, hostName: b.hostName })}>
                        Remove
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Section>
      <Section title="Request Filtering" actions={canWrite && <Button onClick={() => setRfOpen(true)}>Edit Feature Settings…</Button>}>
        <Text>
          Maximum URL length (Bytes): {n.iis.requestFiltering.maxUrl}; Maximum query string (Bytes): {n.iis.requestFiltering.maxQueryString}
        </Text>
      </Section>
      <Section title="Application Pools">
        <Table aria-label="Application Pools" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>Identity</TableHeaderCell>
              <TableHeaderCell>Actions</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {n.iis.appPools.map((p) => (
              <TableRow key={p.name}>
                <TableCell>{p.name}</TableCell>
                <TableCell>{p.state === "started" ? "Started" : "Stopped"}</TableCell>
                <TableCell>{p.identity}</TableCell>
                <TableCell>
                  {canWrite && (
                    <>
                      <Button size="small" aria-label={`${p.state === "started" ? "Stop" : "Start"} application pool ${p.name}`} onClick={() => pool.mutate({ pool: p.name, body: { state: p.state === "started" ? "stopped" : "started" } })}>
                        {p.state === "started" ? "Stop" : "Start"}
                      </Button>{" "}
                      <Button size="small" aria-label={`Identity of application pool ${p.name}`} onClick={() => { setIdentity(p.identity); setIdentityOf(p.name); }}>
                        Identity…
                      </Button>
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section title="Sites › Default Web Site › CertSrv">
        <Text>/certsrv/mscep (SCEP application pool){n.iis.mscepAdminPublished ? ", /certsrv/mscep_admin" : ""}</Text>
        {canWrite && n.iis.mscepAdminPublished && (
          <div>
            <Button size="small" onClick={() => iis.mutate({ mscepAdminPublished: false })}>
              Remove the mscep_admin application
            </Button>
          </div>
        )}
      </Section>
      {n.iis.certificateRegistrationSvc && (
        <Section title="CertificateRegistrationSvc › Authentication">
          {(["anonymousAuth", "windowsAuth"] as const).map((k) => (
            <div key={k} style={{ display: "flex", gap: 8, alignItems: "center" }}>
              <Text>
                {k === "anonymousAuth" ? "Anonymous Authentication" : "Windows Authentication"}: {n.iis.certificateRegistrationSvc![k] ? "Enabled" : "Disabled"}
              </Text>
              {canWrite && (
                <Button size="small" aria-label={`${n.iis.certificateRegistrationSvc![k] ? "Disable" : "Enable"} ${k === "anonymousAuth" ? "Anonymous" : "Windows"} Authentication`} onClick={() => crp.mutate({ [k]: !n.iis.certificateRegistrationSvc![k] })}>
                  {n.iis.certificateRegistrationSvc![k] ? "Disable" : "Enable"}
                </Button>
              )}
            </div>
          ))}
        </Section>
      )}
      {bindOpen && <AddBindingDialog server={s} onClose={() => setBindOpen(false)} />}
      {rfOpen && <RequestFilteringDialog server={s} ndes={n} onClose={() => setRfOpen(false)} />}
      <FormDialog
        open={identityOf !== null}
        title={`Application Pool Identity — ${identityOf ?? ""}`}
        busy={pool.isPending}
        okDisabled={!identity.trim()}
        onClose={() => setIdentityOf(null)}
        onSubmit={() => identityOf && pool.mutate({ pool: identityOf, body: { identity: identity.trim() } }, { onSuccess: () => setIdentityOf(null) })}
      >
        <Field label="Identity" hint="ApplicationPoolIdentity, NETWORK SERVICE, or a custom account such as CONTOSO\svc-ndes">
          <Input value={identity} onChange={(_e, d) => setIdentity(d.value)} />
        </Field>
      </FormDialog>
    </>
  );
}

function AddBindingDialog(props: { server: LabServerOut; onClose: () => void }) {
  const s = props.server;
  const [protocol, setProtocol] = useState<"http" | "https">("https");
  const [port, setPort] = useState("443");
  const [hostName, setHostName] = useState("");
  const [thumb, setThumb] = useState("");
  const add = useLabMutation((b: Record<string, unknown>) => api.addBinding(s.id, b), { success: "Added the site binding", error: "Could not add the binding" });
  return (
    <FormDialog
      open
      title="Add Site Binding"
      busy={add.isPending}
      okDisabled={protocol === "https" && !thumb}
      onClose={props.onClose}
      onSubmit={() =>
        add.mutate({ protocol, port: Number(port), hostName: hostName.trim(), ...(protocol === "https" ? { certificateThumbprint: thumb } : {}) }, { onSuccess: props.onClose })
      }
    >
      <Field label="Type">
        <Select value={protocol} onChange={(_e, d) => { setProtocol(d.value as "http" | "https"); setPort(d.value === "https" ? "443" : "80"); }}>
          <option value="http">http</option>
          <option value="https">https</option>
        </Select>
      </Field>
      <Field label="Port">
        <Input value={port} onChange={(_e, d) => setPort(d.value)} inputMode="numeric" />
      </Field>
      <Field label="Host name">
        <Input value={hostName} onChange={(_e, d) => setHostName(d.value)} />
      </Field>
      {protocol === "https" && (
        <Field label="SSL certificate">
          <Select value={thumb} onChange={(_e, d) => setThumb(d.value)}>
            <option value="">Not selected</option>
            {s.certificates.my.map((c) => (
              <option key={c.thumbprint} value={c.thumbprint}>
                {cn(c.subject)} {c.template ? `(${c.template})` : ""} {c.thumbprint.slice(0, 8)}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </FormDialog>
  );
}

function RequestFilteringDialog(props: { server: LabServerOut; ndes: LabNdes; onClose: () => void }) {
  const [maxUrl, setMaxUrl] = useState(String(props.ndes.iis.requestFiltering.maxUrl));
  const [maxQs, setMaxQs] = useState(String(props.ndes.iis.requestFiltering.maxQueryString));
  const save = useLabMutation((b: Record<string, unknown>) => api.requestFiltering(props.server.id, b, props.ndes.version), { success: "Request Filtering settings saved", error: "Could not save Request Filtering settings" });
  const valid = /^\d+$/.test(maxUrl) && /^\d+$/.test(maxQs);
  return (
    <FormDialog
      open
      title="Edit Request Filtering Settings"
      busy={save.isPending}
      okDisabled={!valid}
      onClose={props.onClose}
      onSubmit={() => save.mutate({ maxUrl: Number(maxUrl), maxQueryString: Number(maxQs) }, { onSuccess: props.onClose })}
    >
      <Text weight="semibold">Request Limits</Text>
      <Field label="Maximum URL length (Bytes)">
        <Input value={maxUrl} onChange={(_e, d) => setMaxUrl(d.value)} inputMode="numeric" />
      </Field>
      <Field label="Maximum query string (Bytes)">
        <Input value={maxQs} onChange={(_e, d) => setMaxQs(d.value)} inputMode="numeric" />
      </Field>
    </FormDialog>
  );
}

// ───────── Registry Editor ─────────

type RegValue = { name: string; type: "REG_SZ" | "REG_DWORD"; data: string | number | undefined };

export function RegistryEditor(props: { server: LabServerOut; ndes: LabNdes | undefined }) {
  const s = props.server;
  const n = props.ndes;
  const canWrite = useLabWrite();
  const [edit, setEdit] = useState<{ key: "mscep" | "http"; value: RegValue } | null>(null);
  const findings = useFindingsFor([n?.id, s.id], codeIn(TAB_CODES.registry));
  const mscep: RegValue[] = n?.mscepRegistry.present
    ? [
        { name: "EncryptionTemplate", type: "REG_SZ", data: n.mscepRegistry.EncryptionTemplate },
        { name: "GeneralPurposeTemplate", type: "REG_SZ", data: n.mscepRegistry.GeneralPurposeTemplate },
        { name: "SignatureTemplate", type: "REG_SZ", data: n.mscepRegistry.SignatureTemplate },
      ]
    : [];
  const hash: RegValue[] = n?.mscepRegistry.present
    ? [{ name: "HashAlgorithm", type: "REG_SZ", data: n.mscepRegistry.HashAlgorithm }]
    : [];
  const http: RegValue[] = n
    ? [
        { name: "MaxFieldLength", type: "REG_DWORD", data: n.httpSysParameters.MaxFieldLength },
        { name: "MaxRequestBytes", type: "REG_DWORD", data: n.httpSysParameters.MaxRequestBytes },
      ]
    : [];
  const key = (title: string, k: "mscep" | "http", values: RegValue[]) => (
    <Section title={title}>
      <Table aria-label={title} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Type</TableHeaderCell>
            <TableHeaderCell>Data</TableHeaderCell>
            <TableHeaderCell>Actions</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow>
            <TableCell>(Default)</TableCell>
            <TableCell>REG_SZ</TableCell>
            <TableCell>(value not set)</TableCell>
            <TableCell />
          </TableRow>
          {values.map((v) => (
            <TableRow key={v.name}>
              <TableCell>{v.name}</TableCell>
              <TableCell>{v.type}</TableCell>
              <TableCell>
                {v.data === undefined ? "(value not set)" : v.type === "REG_DWORD" ? `0x${Number(v.data).toString(16).padStart(8, "0")} (${v.data})` : v.data}
              </TableCell>
              <TableCell>
                {canWrite && (
                  <Button size="small" aria-label={`${v.data === undefined ? "New" : "Modify"} ${v.name}`} onClick={() => setEdit({ key: k, value: v })}>
                    {v.data === undefined ? "New…" : "Modify…"}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
  return (
    <>
      <FindingBadge findings={findings} label="the registry" />
      {n?.mscepRegistry.present ? (
        <>
          {key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP", "mscep", mscep)}
          {key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\HashAlgorithm", "mscep", hash)}
        </>
      ) : (
        <Text>HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Cryptography\MSCEP does not exist (the AD CS Configuration wizard creates it).</Text>
      )}
      {n ? key("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters", "http", http) : <Text>HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\HTTP\Parameters: no values set.</Text>}
      {edit && <EditValueDialog server={s} ndesVersion={n?.version} edit={edit} onClose={() => setEdit(null)} />}
    </>
  );
}

function EditValueDialog(props: { server: LabServerOut; ndesVersion?: number; edit: { key: "mscep" | "http"; value: RegValue }; onClose: () => void }) {
  const v = props.edit.value;
  const dword = v.type === "REG_DWORD";
  const [base, setBase] = useState<"hex" | "dec">("hex");
  const [data, setData] = useState(v.data === undefined ? "" : dword ? Number(v.data).toString(16) : String(v.data));
  const save = useLabMutation(
    (b: Record<string, unknown>) => (props.edit.key === "mscep" ? api.mscep(props.server.id, b, props.ndesVersion) : api.httpParameters(props.server.id, b, props.ndesVersion)),
    { success: `Saved ${v.name}`, error: `Error Editing Value: cannot edit ${v.name}` },
  );
  const parsed = dword ? parseInt(data, base === "hex" ? 16 : 10) : data.trim();
  const valid = dword ? /^[0-9a-fA-F]+$/.test(data) && (base === "hex" || /^\d+$/.test(data)) && Number.isFinite(parsed) : !!data.trim();
  return (
    <FormDialog
      open
      title={dword ? "Edit DWORD (32-bit) Value" : "Edit String"}
      busy={save.isPending}
      okDisabled={!valid}
      onClose={props.onClose}
      onSubmit={() => save.mutate({ [v.name]: parsed }, { onSuccess: props.onClose })}
    >
      <Field label="Value name">
        <Input value={v.name} readOnly />
      </Field>
      <Field label="Value data">
        <Input
          value={data}
          onChange={(_e, d) => setData(d.value)}
          autoFocus
        />
      </Field>
      {dword && (
        <RadioGroup
          aria-label="Base"
          value={base}
          onChange={(_e, d) => {
            const n = parseInt(data, base === "hex" ? 16 : 10);
            if (Number.isFinite(n)) setData(d.value === "hex" ? n.toString(16) : String(n));
            setBase(d.value as "hex" | "dec");
          }}
        >
          <Radio value="hex" label="Hexadecimal" />
          <Radio value="dec" label="Decimal" />
        </RadioGroup>
      )}
    </FormDialog>
  );
}
