// A certificate template's properties, tab by tab as certtmpl.msc shows them; each tab saves on its own (Apply).
// Version 1 (built-in) templates only allow the Security tab, as in the console.
import { useState, type ReactNode } from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Tab,
  TabList,
  Text,
} from "@fluentui/react-components";
import { useParams, useSearchParams } from "react-router";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { api, useLab, useLabMutation, type LabTemplate } from "@/features/lab/console/api/lab-api";
import { FindingBadge, FindingList, TAB_CODES, codeIn, useFindingsFor } from "@/features/lab/console/components/findings";
import { EKU_NAMES, ReadOnlyNotice, useLabWrite } from "@/features/lab/console/components/ui";
import { AclAddDialog, AclTable } from "@/features/lab/console/components/acl-editor";
import { CA_COMPAT, RECIPIENT_COMPAT } from "@/features/lab/console/routes/templates";

const TABS = [
  ["general", "General", TAB_CODES.general],
  ["compatibility", "Compatibility", TAB_CODES.compatibility],
  ["request-handling", "Request Handling", TAB_CODES.requestHandling],
  ["cryptography", "Cryptography", TAB_CODES.cryptography],
  ["subject-name", "Subject Name", TAB_CODES.subjectName],
  ["extensions", "Extensions", TAB_CODES.extensions],
  ["security", "Security", TAB_CODES.security],
  ["issuance-requirements", "Issuance Requirements", /^$/],
] as const;
type TabId = (typeof TABS)[number][0];

function TemplateTab(props: { id: TabId; label: string; templateId: string; re: RegExp }) {
  const f = useFindingsFor([props.templateId], codeIn(props.re));
  return (
    <Tab value={props.id}>
      {props.label}
      <FindingBadge findings={f} />
    </Tab>
  );
}

export default function TemplateRoute() {
  const { templateId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const lab = useLab();
  const tab = (params.get("tab") ?? "general") as TabId;
  const t = lab.data?.templates.find((x) => x.id === templateId);
  const findings = useFindingsFor([t?.id]);
  if (lab.isPending) return <Loading />;
  if (lab.error) return <ErrorMessage error={lab.error} />;
  if (!t) return <ErrorMessage error={new Error(`No template '${templateId}'.`)} title="Template not found" />;
  return (
    <Page title={`${t.displayName} Properties`} subtitle={`Template name ${t.name} — schema version ${t.schemaVersion}${t.basedOn ? `, duplicated from ${t.basedOn}` : ""}`}>
      <ReadOnlyNotice />
      <FindingList findings={findings} />
      <TabList selectedValue={tab} onTabSelect={(_e, d) => setParams({ tab: String(d.value) }, { replace: true })} aria-label="Template properties" style={{ flexWrap: "wrap" }}>
        {TABS.map(([id, label, re]) => (
          <TemplateTab key={id} id={id} label={label} templateId={t.id} re={re} />
        ))}
      </TabList>
      <div role="tabpanel" aria-label={TABS.find((x) => x[0] === tab)?.[1]} style={{ display: "flex", flexDirection: "column", gap: 10, maxWidth: 760 }}>
        {tab === "security" ? <SecurityTab t={t} /> : <EditTab key={`${t.id}-${tab}`} t={t} tab={tab} />}
      </div>
    </Page>
  );
}

const KEY_USAGE = [
  ["digitalSignature", "Digital signature"],
  ["nonRepudiation", "Signature is proof of origin (nonrepudiation)"],
  ["keyEncipherment", "Allow key exchange only with key encryption (key encipherment)"],
  ["dataEncipherment", "Allow encryption of user data"],
] as const;

function EditTab(props: { t: LabTemplate; tab: Exclude<TabId, "security"> }) {
  const t = props.t;
  const canWrite = useLabWrite();
  const readOnly = !canWrite || t.schemaVersion === 1;
  const [g, setG] = useState({ displayName: t.displayName, validity: t.validity, renewal: t.renewal, publishInAd: t.publishInAd });
  const [compat, setCompat] = useState(t.compatibility);
  const [rh, setRh] = useState({ purpose: t.purpose, allowPrivateKeyExport: t.allowPrivateKeyExport });
  const [crypto, setCrypto] = useState({ minimumKeySize: t.minimumKeySize, providerCategory: t.providerCategory });
  const [subject, setSubject] = useState(t.subjectName);
  const [eku, setEku] = useState<string[]>(t.applicationPolicies);
  const [ku, setKu] = useState(t.keyUsage);
  const [ir, setIr] = useState(t.issuanceRequirements);
  const save = useLabMutation((b: Record<string, unknown>) => api.templateTab(t.id, props.tab, b, t.version), {
    success: `Saved ${t.displayName} (${props.tab})`,
    error: `Could not save ${t.displayName}`,
  });
  const body = (): Record<string, unknown> => {
    switch (props.tab) {
      case "general":
        return g;
      case "compatibility":
        return compat;
      case "request-handling":
        return rh;
      case "cryptography":
        return crypto;
      case "subject-name":
        return { subjectName: subject };
      case "extensions":
        return { applicationPolicies: eku, keyUsage: ku };
      case "issuance-requirements":
        return ir;
    }
  };
  const ekuChoices = [...new Set([...Object.keys(EKU_NAMES), ...eku])];
  let content: ReactNode = null;
  switch (props.tab) {
    case "general":
      content = (
        <>
          <Field label="Template display name">
            <Input value={g.displayName} disabled={readOnly} onChange={(_e, d) => setG({ ...g, displayName: d.value })} />
          </Field>
          <Text>Template name: {t.name}</Text>
          <div style={{ display: "flex", gap: 8 }}>
            <Field label="Validity period">
              <Input type="number" value={String(g.validity.value)} disabled={readOnly} onChange={(_e, d) => setG({ ...g, validity: { ...g.validity, value: Number(d.value) } })} />
            </Field>
            <Field label="Validity period unit">
              <Select value={g.validity.unit} disabled={readOnly} onChange={(_e, d) => setG({ ...g, validity: { ...g.validity, unit: d.value as LabTemplate["validity"]["unit"] } })}>
                {["hours", "days", "weeks", "months", "years"].map((u) => (
                  <option key={u}>{u}</option>
                ))}
              </Select>
            </Field>
          </div>
          <Checkbox label="Publish certificate in Active Directory" checked={g.publishInAd} disabled={readOnly} onChange={(_e, d) => setG({ ...g, publishInAd: !!d.checked })} />
        </>
      );
      break;
    case "compatibility":
      content = (
        <>
          <Field label="Certification Authority">
            <Select value={compat.ca} disabled={readOnly} onChange={(_e, d) => setCompat({ ...compat, ca: d.value as typeof compat.ca })}>
              {CA_COMPAT.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Certificate recipient">
            <Select value={compat.recipient} disabled={readOnly} onChange={(_e, d) => setCompat({ ...compat, recipient: d.value as typeof compat.recipient })}>
              {RECIPIENT_COMPAT.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </Select>
          </Field>
        </>
      );
      break;
    case "request-handling":
      content = (
        <>
          <Field label="Purpose">
            <Select value={rh.purpose} disabled={readOnly} onChange={(_e, d) => setRh({ ...rh, purpose: d.value as typeof rh.purpose })}>
              <option value="signature">Signature</option>
              <option value="encryption">Encryption</option>
              <option value="signatureAndEncryption">Signature and encryption</option>
            </Select>
          </Field>
          <Checkbox label="Allow private key to be exported" checked={rh.allowPrivateKeyExport} disabled={readOnly} onChange={(_e, d) => setRh({ ...rh, allowPrivateKeyExport: !!d.checked })} />
        </>
      );
      break;
    case "cryptography":
      content = (
        <>
          <Field label="Provider Category">
            <Select value={crypto.providerCategory} disabled={readOnly} onChange={(_e, d) => setCrypto({ ...crypto, providerCategory: d.value as typeof crypto.providerCategory })}>
              <option value="legacyCsp">Legacy Cryptographic Service Provider</option>
              <option value="ksp">Key Storage Provider</option>
            </Select>
          </Field>
          <Field label="Minimum key size">
            <Select value={String(crypto.minimumKeySize)} disabled={readOnly} onChange={(_e, d) => setCrypto({ ...crypto, minimumKeySize: Number(d.value) })}>
              {[1024, 2048, 3072, 4096].map((k) => (
                <option key={k}>{k}</option>
              ))}
            </Select>
          </Field>
        </>
      );
      break;
    case "subject-name":
      content = (
        <RadioGroup aria-label="Subject name" value={subject} disabled={readOnly} onChange={(_e, d) => setSubject(d.value as typeof subject)}>
          <Radio value="supplyInRequest" label="Supply in the request" />
          <Radio value="buildFromAd" label="Build from this Active Directory information" />
        </RadioGroup>
      );
      break;
    case "extensions":
      content = (
        <>
          <fieldset style={{ border: 0, padding: 0 }}>
            <legend style={{ fontWeight: 600 }}>Application Policies</legend>
            {ekuChoices.map((oid) => (
              <Checkbox
                key={oid}
                style={{ display: "flex" }}
                label={EKU_NAMES[oid] ?? oid}
                checked={eku.includes(oid)}
                disabled={readOnly}
                onChange={(_e, d) => setEku(d.checked ? [...eku, oid] : eku.filter((x) => x !== oid))}
              />
            ))}
          </fieldset>
          <fieldset style={{ border: 0, padding: 0 }}>
            <legend style={{ fontWeight: 600 }}>Key Usage</legend>
            {KEY_USAGE.map(([k, label]) => (
              <Checkbox key={k} style={{ display: "flex" }} label={label} checked={ku[k]} disabled={readOnly} onChange={(_e, d) => setKu({ ...ku, [k]: !!d.checked })} />
            ))}
          </fieldset>
        </>
      );
      break;
    case "issuance-requirements":
      content = (
        <>
          <Checkbox label="CA certificate manager approval" checked={ir.caManagerApproval} disabled={readOnly} onChange={(_e, d) => setIr({ ...ir, caManagerApproval: !!d.checked })} />
          <Field label="This number of authorized signatures">
            <Input type="number" value={String(ir.authorizedSignatures)} disabled={readOnly} onChange={(_e, d) => setIr({ ...ir, authorizedSignatures: Number(d.value) })} />
          </Field>
        </>
      );
      break;
  }
  return (
    <>
      {t.schemaVersion === 1 && (
        <MessageBar intent="info">
          <MessageBarBody>This is a version 1 template: only its Security tab can be changed. Duplicate it to change the others.</MessageBarBody>
        </MessageBar>
      )}
      {content}
      {!readOnly && (
        <div>
          <Button appearance="primary" disabled={save.isPending} onClick={() => save.mutate(body())}>
            Apply
          </Button>{" "}
          {save.isSuccess && !save.isPending && <Text role="status">Changes applied.</Text>}
        </div>
      )}
    </>
  );
}

const PERMS = [
  ["read", "Read"],
  ["write", "Write"],
  ["enroll", "Enroll"],
  ["autoenroll", "Autoenroll"],
] as const;
type TAce = LabTemplate["security"][number];

function SecurityTab(props: { t: LabTemplate }) {
  const t = props.t;
  const canWrite = useLabWrite();
  const [adding, setAdding] = useState(false);
  const [principal, setPrincipal] = useState("");
  const [perms, setPerms] = useState({ read: true, write: false, enroll: false, autoenroll: false });
  const save = useLabMutation((b: { set?: TAce[]; remove?: string[] }) => api.templateTab(t.id, "security", b, t.version), {
    success: `Saved the security of ${t.displayName}`,
    error: `Could not change the security of ${t.displayName}`,
  });
  return (
    <>
      <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
        <Text weight="semibold">Group or user names</Text>
        {canWrite && (
          <Button size="small" onClick={() => { setPrincipal(""); setPerms({ read: true, write: false, enroll: false, autoenroll: false }); setAdding(true); }}>
            Add…
          </Button>
        )}
      </div>
      <AclTable
        label="Template permissions"
        permissions={PERMS}
        entries={t.security}
        canWrite={canWrite}
        busy={save.isPending}
        onToggle={(a, k, allowed) => save.mutate({ set: [{ ...a, [k]: allowed }] })}
        onRemove={(p) => save.mutate({ remove: [p] })}
      />
      <AclAddDialog
        open={adding}
        busy={save.isPending}
        permissions={PERMS}
        principal={principal}
        onPrincipalChange={setPrincipal}
        allowed={perms}
        onAllowedChange={setPerms}
        onClose={() => setAdding(false)}
        onSubmit={() => save.mutate({ set: [{ principal: principal.trim(), ...perms }] }, { onSuccess: () => setAdding(false) })}
      />
    </>
  );
}
