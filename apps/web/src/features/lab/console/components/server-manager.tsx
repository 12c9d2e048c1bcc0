// Server Manager on one server: Local Server properties, installed roles and features, the Add Roles and Features
// wizard and the AD CS Configuration wizard for NDES (rules-reference C.6; seed 001 part 1, seed 002 "Install/
// Configure the NDES service").
import { useState } from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Text,
} from "@fluentui/react-components";
import { errorBody } from "@/shared/api/query-client";
import { PropertyList } from "@/shared/components/property-list";
import { api, useLabMutation, type Lab, type LabServerOut } from "@/features/lab/console/api/lab-api";
import { FEATURE_TREE, LABEL_OF, NDES_REQUIRED, ROLE_NAMES, ROLE_TREE } from "@/features/lab/console/components/server-roles";
import { Section, useLabWrite } from "@/features/lab/console/components/ui";
import { Wizard } from "@/features/lab/console/components/wizard";

export function LocalServer(props: { server: LabServerOut }) {
  const s = props.server;
  const canWrite = useLabWrite();
  const update = useLabMutation((b: Record<string, unknown>) => api.updateServer(s.id, b, s.version), { success: `Updated ${s.name}`, error: `Could not update ${s.name}` });
  return (
    <Section title="Properties">
      <PropertyList
        items={[
          ["Computer name", s.name],
          ["Domain", s.domainJoined ? s.domainFqdn : "WORKGROUP"],
          ["Operating system", `Windows Server ${s.os} ${s.edition}`],
          ["Domain controller", s.isDomainController ? "Yes" : "No"],
          [".NET Framework release", String(s.dotNetRelease)],
          ["TLS 1.2", `client ${s.tls12.client ? "on" : "off"}, server ${s.tls12.server ? "on" : "off"}, SchUseStrongCrypto ${s.tls12.schUseStrongCrypto ? "1" : "0"}`],
          ["Pending restart", s.pendingRestart ? "Yes — restart the server to complete the changes" : "No"],
          ["Installed programs", s.installedAgents.join(", ") || "—"],
        ]}
      />
      <Switch
        label="IE Enhanced Security Configuration"
        checked={s.ieEscEnabled}
        disabled={!canWrite || update.isPending}
        onChange={(_e, d) => update.mutate({ ieEscEnabled: d.checked })}
      />
      <Switch
        label="TLS 1.2 (client, server and SchUseStrongCrypto)"
        checked={s.tls12.client && s.tls12.server && s.tls12.schUseStrongCrypto}
        disabled={!canWrite || update.isPending}
        onChange={(_e, d) => update.mutate({ tls12: { client: d.checked, server: d.checked, schUseStrongCrypto: d.checked } })}
      />
    </Section>
  );
}

export function RolesAndFeatures(props: { server: LabServerOut; lab: Lab }) {
  const s = props.server;
  const canWrite = useLabWrite();
  const [addOpen, setAddOpen] = useState(false);
  const [adcsOpen, setAdcsOpen] = useState(false);
  const ndes = props.lab.ndes.find((n) => n.serverId === s.id);
  const needsConfig = s.features.includes("ADCS-Device-Enrollment") && !ndes?.configured;
  return (
    <Section
      title="Roles and Features"
      actions={
        canWrite && (
          <>
            <Button onClick={() => setAddOpen(true)}>Add Roles and Features</Button>
            {s.features.includes("ADCS-Device-Enrollment") && <Button onClick={() => setAdcsOpen(true)}>AD CS Configuration</Button>}
          </>
        )
      }
    >
      {needsConfig && (
        <MessageBar intent="warning">
          <MessageBarBody>
            Post-deployment Configuration: Configuration required for Active Directory Certificate Services at {s.name}.{" "}
            {canWrite && <Link onClick={() => setAdcsOpen(true)}>Configure Active Directory Certificate Services on the destination server</Link>}
          </MessageBarBody>
        </MessageBar>
      )}
      {ndes?.configured && (
        <Text>
          Network Device Enrollment Service is configured (service account {props.lab.accounts.find((a) => a.id === ndes.serviceAccountId)?.samAccountName ?? ndes.serviceAccountId}, CA{" "}
          {props.lab.cas.find((c) => c.id === ndes.caId)?.name ?? ndes.caId}).
        </Text>
      )}
      <ul aria-label="Installed roles and features" style={{ margin: 0, paddingLeft: 18 }}>
        {s.features.map((f) => (
          <li key={f}>
            {ROLE_NAMES[f] ?? LABEL_OF.get(f) ?? f} <Text size={200}>({f})</Text>
          </li>
        ))}
        {s.features.length === 0 && <li>No roles or features installed</li>}
      </ul>
      {addOpen && (
        <AddRolesWizard
          server={s}
          onClose={() => setAddOpen(false)}
          onConfigure={() => {
            setAddOpen(false);
            setAdcsOpen(true);
          }}
        />
      )}
      {adcsOpen && <AdcsConfigurationWizard server={s} lab={props.lab} onClose={() => setAdcsOpen(false)} />}
    </Section>
  );
}

const ADD_STEPS = ["Before You Begin", "Installation Type", "Server Selection", "Server Roles", "Features", "Confirmation", "Results"];

function AddRolesWizard(props: { server: LabServerOut; onClose: () => void; onConfigure: () => void }) {
  const s = props.server;
  const [step, setStep] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set(s.features));
  const install = useLabMutation((f: string[]) => api.features(s.id, f), { success: `Installed roles and features on ${s.name}`, error: "Feature installation failed" });
  const toInstall = [...selected].filter((f) => !s.features.includes(f));
  const toggle = (f: string, on: boolean) => {
    const next = new Set(selected);
    if (on) {
      next.add(f);
      if (f === "ADCS-Device-Enrollment") for (const x of NDES_REQUIRED) next.add(x);
    } else next.delete(f);
    setSelected(next);
  };
  const tree = (groups: typeof ROLE_TREE) =>
    groups.map((g) => (
      <fieldset key={g.heading} style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600 }}>{g.heading}</legend>
        {g.items.map(([name, label]) => (
          <Checkbox
            key={name}
            label={label}
            checked={selected.has(name)}
            disabled={s.features.includes(name)}
            onChange={(_e, d) => toggle(name, !!d.checked)}
            style={{ display: "flex", marginLeft: 16 }}
          />
        ))}
      </fieldset>
    ));
  return (
    <Wizard
      open
      title="Add Roles and Features Wizard"
      steps={ADD_STEPS}
      step={step}
      onStep={setStep}
      finishLabel="Install"
      finishStep={5}
      busy={install.isPending}
      nextDisabled={step === 5 && toInstall.length === 0}
      done={step === 6}
      onFinish={() => install.mutate(toInstall, { onSuccess: () => setStep(6) })}
      onClose={props.onClose}
    >
      {step === 0 && <Text>This wizard helps you install roles, role services, or features on {s.name}.</Text>}
      {step === 1 && (
        <RadioGroup value="role" aria-label="Installation type">
          <Radio value="role" label="Role-based or feature-based installation" />
        </RadioGroup>
      )}
      {step === 2 && <Text>Destination server: {s.fqdn}</Text>}
      {step === 3 && tree(ROLE_TREE)}
      {step === 4 && tree(FEATURE_TREE)}
      {step === 5 && (
        <>
          <Text>Install the following roles, role services, or features on {s.fqdn}:</Text>
          <ul aria-label="To install">
            {toInstall.map((f) => (
              <li key={f}>{ROLE_NAMES[f] ?? LABEL_OF.get(f) ?? f}</li>
            ))}
          </ul>
          {toInstall.length === 0 && <Text>Nothing new is selected.</Text>}
        </>
      )}
      {step === 6 && (
        <>
          <Text role="status">Installation succeeded on {s.fqdn}. A restart is pending.</Text>
          {toInstall.includes("ADCS-Device-Enrollment") || s.features.includes("ADCS-Device-Enrollment") ? (
            <Link onClick={props.onConfigure}>Configure Active Directory Certificate Services on the destination server</Link>
          ) : null}
        </>
      )}
    </Wizard>
  );
}

const ADCS_STEPS = ["Credentials", "Role Services", "Service Account for NDES", "CA for NDES", "RA Information", "Cryptography for NDES", "Confirmation", "Results"];
const CSPS = [
  "Microsoft Strong Cryptographic Provider",
  "Microsoft Enhanced Cryptographic Provider v1.0",
  "Microsoft Base Cryptographic Provider v1.0",
  "Microsoft Enhanced RSA and AES Cryptographic Provider",
  "Microsoft Software Key Storage Provider",
  "Microsoft Platform Crypto Provider",
];
const KEY_LENGTHS = [1024, 2048, 3072, 4096];

function AdcsConfigurationWizard(props: { server: LabServerOut; lab: Lab; onClose: () => void }) {
  const s = props.server;
  const nb = props.lab.forest?.domains[0]?.netbiosName ?? "CONTOSO";
  const [step, setStep] = useState(0);
  const [runAs, setRunAs] = useState(`${nb}\\Administrator`);
  const [ndesRole, setNdesRole] = useState(false);
  const [svc, setSvc] = useState("");
  const [caId, setCaId] = useState("");
  const [raName, setRaName] = useState(`${s.name}-MSCEP-RA`);
  const [ra, setRa] = useState({ email: "", company: "", department: "", city: "", state: "", country: "US" });
  const [crypto, setCrypto] = useState({ signatureProvider: CSPS[0]!, encryptionProvider: CSPS[0]!, signatureKeyLength: 2048, encryptionKeyLength: 2048 });
  const [failure, setFailure] = useState<string | null>(null);
  const configure = useLabMutation((b: Record<string, unknown>) => api.adcsConfiguration(s.id, b), {
    success: `Configured Network Device Enrollment Service on ${s.name}`,
    error: "AD CS Configuration failed",
  });
  const enterpriseCas = props.lab.cas.filter((c) => c.type.startsWith("enterprise") || true);
  const body = () => {
    const raInformation: Record<string, string> = { name: raName };
    for (const [k, v] of Object.entries(ra)) if (v.trim()) raInformation[k] = v.trim();
    return { roleServices: ["Network Device Enrollment Service"], serviceAccount: svc.trim(), caId, runAs: runAs.trim() || undefined, raInformation, cryptography: crypto };
  };
  const nextDisabled = (step === 1 && !ndesRole) || (step === 2 && !svc.trim()) || (step === 3 && !caId) || (step === 4 && !raName.trim());
  return (
    <Wizard
      open
      title="AD CS Configuration"
      steps={ADCS_STEPS}
      step={step}
      onStep={(n) => {
        setFailure(null);
        setStep(n);
      }}
      finishLabel="Configure"
      finishStep={6}
      busy={configure.isPending}
      nextDisabled={nextDisabled}
      done={step === 7}
      onFinish={() =>
        configure.mutate(body(), {
          onSuccess: () => setStep(7),
          onError: (e) => setFailure(errorBody(e)),
        })
      }
      onClose={props.onClose}
    >
      {step === 0 && (
        <Field label="Credentials" hint="To install the following role services you must belong to the Enterprise Admins group.">
          <Input value={runAs} onChange={(_e, d) => setRunAs(d.value)} />
        </Field>
      )}
      {step === 1 && (
        <>
          <Text>Select Role Services to configure</Text>
          <Checkbox label="Certification Authority" disabled checked={false} />
          <Checkbox label="Network Device Enrollment Service" checked={ndesRole} onChange={(_e, d) => setNdesRole(!!d.checked)} />
        </>
      )}
      {step === 2 && (
        <>
          <Text>Specify service account (recommended). The account must be a member of the IIS_IUSRS group.</Text>
          <Field label="Service account for NDES" hint={`e.g. ${nb}\\svc-ndes`}>
            <Input value={svc} onChange={(_e, d) => setSvc(d.value)} list="adcs-accounts" />
          </Field>
          <datalist id="adcs-accounts">
            {props.lab.accounts
              .filter((a) => a.kind !== "computer")
              .map((a) => (
                <option key={a.id} value={`${a.domain}\\${a.samAccountName}`} />
              ))}
          </datalist>
        </>
      )}
      {step === 3 && (
        <>
          <Text>Specify CA for NDES: select the CA by CA name.</Text>
          <RadioGroup aria-label="CA for NDES" value={caId} onChange={(_e, d) => setCaId(d.value)}>
            {enterpriseCas.map((c) => (
              <Radio
                key={c.id}
                value={c.id}
                label={`${c.name} (${props.lab.servers.find((x) => x.id === c.serverId)?.fqdn ?? c.serverId})`}
              />
            ))}
          </RadioGroup>
        </>
      )}
      {step === 4 && (
        <>
          <Text>Specify Registration Authority information. The RA certificates are issued with it.</Text>
          <Field label="RA Name" required>
            <Input value={raName} onChange={(_e, d) => setRaName(d.value)} />
          </Field>
          {(["email", "company", "department", "city", "state", "country"] as const).map((k) => (
            <Field key={k} label={k === "country" ? "Country/Region" : k === "email" ? "E-mail" : k[0]!.toUpperCase() + k.slice(1)}>
              <Input value={ra[k]} onChange={(_e, d) => setRa({ ...ra, [k]: d.value })} />
            </Field>
          ))}
        </>
      )}
      {step === 5 && (
        <>
          <Field label="Signature key provider">
            <Select value={crypto.signatureProvider} onChange={(_e, d) => setCrypto({ ...crypto, signatureProvider: d.value })}>
              {CSPS.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </Select>
          </Field>
          <Field label="Signature key length">
            <Select value={String(crypto.signatureKeyLength)} onChange={(_e, d) => setCrypto({ ...crypto, signatureKeyLength: Number(d.value) })}>
              {KEY_LENGTHS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </Select>
          </Field>
          <Field label="Encryption key provider">
            <Select value={crypto.encryptionProvider} onChange={(_e, d) => setCrypto({ ...crypto, encryptionProvider: d.value })}>
              {CSPS.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </Select>
          </Field>
          <Field label="Encryption key length">
            <Select value={String(crypto.encryptionKeyLength)} onChange={(_e, d) => setCrypto({ ...crypto, encryptionKeyLength: Number(d.value) })}>
              {KEY_LENGTHS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </Select>
          </Field>
        </>
      )}
      {step === 6 && (
        <>
          <Text>To configure the following roles, role services, or features, click Configure.</Text>
          <PropertyList
            items={[
              ["Role service", "Network Device Enrollment Service"],
              ["Credentials", runAs],
              ["Service account", svc],
              ["CA for NDES", props.lab.cas.find((c) => c.id === caId)?.name ?? caId],
              ["RA Name", raName],
              ["Signature", `${crypto.signatureProvider}, ${crypto.signatureKeyLength}`],
              ["Encryption", `${crypto.encryptionProvider}, ${crypto.encryptionKeyLength}`],
            ]}
          />
          {failure && (
            <MessageBar intent="error">
              <MessageBarBody style={{ whiteSpace: "pre-line" }}>Configuration failed. {failure}</MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
      {step === 7 && <Text role="status">Network Device Enrollment Service: Configuration succeeded</Text>}
    </Wizard>
  );
}
