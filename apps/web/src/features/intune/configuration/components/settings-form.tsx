// Configuration settings of a trusted certificate profile (certificate file, Windows destination store) and of a
// SCEP certificate profile (every setting of rules-reference.md C.2, only those the platform has).
import { useId, useState, type ReactNode } from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular, Delete20Regular } from "@fluentui/react-icons";
import { KEY_USAGES, formatFlags, parseFlags, type TKeyUsage } from "@certlab/domain/intune/enums";
import { PREDEFINED_EXTENDED_KEY_USAGES, isScepType, isTrustedRootType } from "@certlab/domain/intune/profiles";
import { SUBJECT_VARIABLES, previewSubject } from "@certlab/domain/intune/subject-name";
import type { TrustedCertificateFacts } from "@certlab/domain/intune/snapshot";
import { certificateFileToBase64, hasSetting, profileInfo, type Draft } from "@/features/intune/configuration/lib/draft";
import {
  CERTIFICATE_ACCESS_LABELS,
  DEPLOYMENT_CHANNEL_LABELS,
  DESTINATION_STORE_LABELS,
  HASH_LABELS,
  KEY_SIZE_LABELS,
  KSP_LABELS,
  SAMPLE_DEVICE,
  SAN_LABELS,
  SCALE_LABELS,
  sampleUser,
} from "@/features/intune/configuration/lib/labels";
import type { ValidationDetail } from "@/features/intune/configuration/api/profiles";
import { CertificateDetails } from "@/features/intune/configuration/components/certificate-details";
import { LabelOptions, LabelledSelect } from "@/features/intune/configuration/components/labelled-select";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "16px", maxWidth: "760px" },
  row: { display: "flex", gap: "8px", alignItems: "flex-end", flexWrap: "wrap" },
  table: { borderCollapse: "collapse", width: "100%" },
  th: { textAlign: "left", fontWeight: tokens.fontWeightSemibold, padding: "4px 8px 4px 0" },
  td: { padding: "4px 8px 4px 0", verticalAlign: "top" },
  preview: {
    fontFamily: tokens.fontFamilyMonospace,
    padding: "6px 8px",
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    wordBreak: "break-all",
  },
  muted: { color: tokens.colorNeutralForeground3 },
  fieldset: { border: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "4px" },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: "4px" },
});

export type SettingsFormProps = {
  draft: Draft;
  onChange: (settings: Record<string, unknown>, extra?: Partial<Draft>) => void;
  validation: readonly ValidationDetail[];
  /** Trusted certificate profiles of the SAME platform (the Root Certificate choices). */
  rootCandidates: readonly { id: string; displayName: string }[];
  /** What the API read from the uploaded certificate. */
  certificate?: TrustedCertificateFacts;
  /** A new .cer was chosen (the caller re-evaluates and reports a refusal). */
  onCertificateChosen?: (fileName: string, base64: string) => void;
  sampleUpn: string;
  sampleName: string;
};

function messageFor(validation: readonly ValidationDetail[], key: string): string | undefined {
  const hit = validation.filter((v) => v.target === key || v.target.startsWith(`${key}.`) || v.target.startsWith(`${key}[`));
  return hit.length ? hit.map((v) => v.message).join(" ") : undefined;
}

/** A fieldset's error, announced when it appears. */
function ErrorText({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <Text role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
      {message}
    </Text>
  );
}

export function SettingsForm(props: SettingsFormProps) {
  if (isTrustedRootType(props.draft.odataType)) return <TrustedSettings {...props} />;
  if (isScepType(props.draft.odataType)) return <ScepSettings {...props} />;
  return null;
}

// ------------------------------------------------------------------------------------------ trusted

function TrustedSettings(props: SettingsFormProps) {
  const s = useStyles();
  const { draft, onChange, validation } = props;
  const inputId = useId();
  const set = (key: string, value: unknown) => onChange({ ...draft.settings, [key]: value });
  const fileName = typeof draft.settings.certFileName === "string" ? draft.settings.certFileName : "";
  const facts = props.certificate;
  const problem = messageFor(validation, "trustedRootCertificate");

  async function onFile(file: File | undefined) {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const base64 = certificateFileToBase64(bytes);
    props.onCertificateChosen?.(file.name, base64);
    onChange({ ...draft.settings, trustedRootCertificate: base64, certFileName: file.name });
  }

  return (
    <div className={s.form}>
      <Field label="Certificate file" hint="A .cer file: the DER or Base-64 encoded public certificate of the CA, never a .pfx." required>
        <input
          id={inputId}
          type="file"
          aria-label="Certificate file"
          accept=".cer,.crt,.der,.pem"
          onChange={(e) => void onFile(e.currentTarget.files?.[0])}
        />
      </Field>
      {fileName && <Text>Selected file: {fileName}</Text>}
      {problem && draft.settings.trustedRootCertificate ? (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      ) : null}
      {facts && !facts.hasPrivateKey && (
        <CertificateDetails facts={facts} withSignatureAlgorithm />
      )}
      {hasSetting(draft.odataType, "destinationStore") && (
        <LabelledSelect
          label="Destination store"
          value={String(draft.settings.destinationStore ?? "computerCertStoreRoot")}
          labels={DESTINATION_STORE_LABELS}
          onChange={(v) => set("destinationStore", v)}
        />
      )}
      {hasSetting(draft.odataType, "deploymentChannel") && (
        <LabelledSelect
          label="Deployment channel"
          value={String(draft.settings.deploymentChannel ?? "")}
          labels={DEPLOYMENT_CHANNEL_LABELS}
          emptyOption="Not configured"
          onChange={(v) => set("deploymentChannel", v || null)}
        />
      )}
    </div>
  );
}

// ------------------------------------------------------------------------------------------ SCEP

type Row = Record<string, string>;

function RowsTable(props: {
  label: string;
  columns: { key: string; label: string; options?: Record<string, string> }[];
  rows: Row[];
  onChange: (rows: Row[]) => void;
  newRow: Row;
  error?: string;
  extra?: ReactNode;
}) {
  const s = useStyles();
  const set = (i: number, key: string, value: string) => props.onChange(props.rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <fieldset className={s.fieldset}>
      <legend className={s.legend}>{props.label}</legend>
      <table className={s.table} aria-label={props.label}>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.key} className={s.th} scope="col">
                {c.label}
              </th>
            ))}
            <th className={s.th} scope="col">
              <span style={{ position: "absolute", left: -9999 }}>Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={i}>
              {props.columns.map((c) => (
                <td key={c.key} className={s.td}>
                  {c.options ? (
                    <Select aria-label={`${props.label} ${i + 1} ${c.label}`} value={r[c.key] ?? ""} onChange={(_e, d) => set(i, c.key, d.value)}>
                      <LabelOptions labels={c.options} />
                    </Select>
                  ) : (
                    <Input aria-label={`${props.label} ${i + 1} ${c.label}`} value={r[c.key] ?? ""} onChange={(_e, d) => set(i, c.key, d.value)} style={{ width: "100%" }} />
                  )}
                </td>
              ))}
              <td className={s.td}>
                <Button
                  appearance="subtle"
                  icon={<Delete20Regular />}
                  aria-label={`Remove ${props.label} ${i + 1}`}
                  onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className={s.row}>
        <Button icon={<Add20Regular />} onClick={() => props.onChange([...props.rows, { ...props.newRow }])} aria-label={`Add ${props.label}`}>
          Add
        </Button>
        {props.extra}
      </div>
      <ErrorText message={props.error} />
    </fieldset>
  );
}

function ScepSettings(props: SettingsFormProps) {
  const s = useStyles();
  const { draft, onChange, validation } = props;
  const st = draft.settings;
  const has = (key: string) => hasSetting(draft.odataType, key);
  const set = (key: string, value: unknown) => onChange({ ...st, [key]: value });
  const platform = profileInfo(draft.odataType)?.platform;
  const [predefined, setPredefined] = useState("");

  const certificateStore = String(st.certificateStore ?? "user");
  const userChannelOnly = platform === "macOS" && st.deploymentChannel === "userChannel";
  const format = String(st.subjectNameFormatString ?? "");
  const isDevice = certificateStore === "machine";
  const sample = isDevice ? { device: SAMPLE_DEVICE } : { user: sampleUser(props.sampleUpn, props.sampleName), device: SAMPLE_DEVICE };
  const preview = previewSubject(format, sample);
  const variables = SUBJECT_VARIABLES.filter((v) => !isDevice || v.scope === "device");
  const keyUsage = parseFlags(KEY_USAGES, String(st.keyUsage ?? "")).members;
  const toggleUsage = (m: TKeyUsage, on: boolean) => {
    const next = on ? [...keyUsage, m] : keyUsage.filter((x) => x !== m);
    set("keyUsage", next.length ? formatFlags(KEY_USAGES, next) : "");
  };
  const sans = (Array.isArray(st.customSubjectAlternativeNames) ? st.customSubjectAlternativeNames : []) as Row[];
  const ekus = (Array.isArray(st.extendedKeyUsages) ? st.extendedKeyUsages : []) as Row[];
  const urls = (Array.isArray(st.scepServerUrls) ? st.scepServerUrls : []) as string[];
  const apps = (Array.isArray(st.silentCertificateAccessDetails) ? st.silentCertificateAccessDetails : []) as Row[];
  const num = (v: string) => (v.trim() === "" || Number.isNaN(Number(v)) ? v : Number(v));

  return (
    <div className={s.form}>
      {platform === "macOS" && (
        <LabelledSelect
          label="Deployment channel"
          hint="User channel stores the certificate in the user keychain, Device channel in the system keychain. It can't be changed after deployment."
          value={String(st.deploymentChannel ?? "deviceChannel")}
          labels={DEPLOYMENT_CHANNEL_LABELS}
          onChange={(v) => onChange({ ...st, deploymentChannel: v, ...(v === "userChannel" ? { certificateStore: "user" } : {}) })}
        />
      )}
      <Field label="Certificate type">
        <Select value={certificateStore} onChange={(_e, d) => set("certificateStore", d.value)}>
          <option value="user">User</option>
          {!userChannelOnly && <option value="machine">Device</option>}
        </Select>
      </Field>
      <Field
        label="Subject name format"
        hint={`Variables in double curly brackets, e.g. CN={{UserPrincipalName}}. ${isDevice ? "Device certificates can only contain device attributes." : ""}`}
        validationMessage={messageFor(validation, "subjectNameFormatString") ?? messageFor(validation, "subjectNameFormat")}
      >
        <Input value={format} onChange={(_e, d) => onChange({ ...st, subjectNameFormat: "custom", subjectNameFormatString: d.value })} />
      </Field>
      <div>
        <Text weight="semibold" id="subject-preview-label">
          Preview for a sample {isDevice ? "device" : "user"}
        </Text>
        <div className={s.preview} role="status" aria-labelledby="subject-preview-label" data-testid="subject-preview">
          {preview.text || "(empty)"}
        </div>
        {preview.unresolved.length > 0 && (
          <Text size={200} className={s.muted}>
            Not available for a {isDevice ? "device" : "user"} certificate: {preview.unresolved.map((v) => `{{${v}}}`).join(", ")}
          </Text>
        )}
        {preview.issues.map((i) => (
          <div key={`${i.at}-${i.kind}`}>
            <Text size={200} style={{ color: tokens.colorPaletteRedForeground1 }}>
              {i.message}
            </Text>
          </div>
        ))}
        <details>
          <summary>Supported variables</summary>
          <Text size={200}>{variables.map((v) => `{{${v.name}}}`).join(" ")}</Text>
        </details>
      </div>
      <RowsTable
        label="Subject alternative name"
        columns={[
          { key: "sanType", label: "Attribute", options: SAN_LABELS },
          { key: "name", label: "Value" },
        ]}
        rows={sans}
        newRow={{ sanType: "userPrincipalName", name: "{{UserPrincipalName}}" }}
        onChange={(rows) => set("customSubjectAlternativeNames", rows)}
        error={messageFor(validation, "customSubjectAlternativeNames")}
      />
      <div className={s.row}>
        <Field label="Certificate validity period" validationMessage={messageFor(validation, "certificateValidityPeriodValue")}>
          <Input
            type="number"
            min={1}
            value={String(st.certificateValidityPeriodValue ?? "")}
            onChange={(_e, d) => set("certificateValidityPeriodValue", num(d.value))}
          />
        </Field>
        <LabelledSelect
          label="Validity period unit"
          value={String(st.certificateValidityPeriodScale ?? "years")}
          labels={SCALE_LABELS}
          onChange={(v) => set("certificateValidityPeriodScale", v)}
        />
      </div>
      {has("keyStorageProvider") && (
        <LabelledSelect
          label="Key storage provider (KSP)"
          value={String(st.keyStorageProvider ?? "useTpmKspOtherwiseUseSoftwareKsp")}
          labels={KSP_LABELS}
          onChange={(v) => set("keyStorageProvider", v)}
        />
      )}
      <fieldset className={s.fieldset}>
        <legend className={s.legend}>Key usage</legend>
        <Checkbox label="Digital signature" checked={keyUsage.includes("digitalSignature")} onChange={(_e, d) => toggleUsage("digitalSignature", !!d.checked)} />
        <Checkbox label="Key encipherment" checked={keyUsage.includes("keyEncipherment")} onChange={(_e, d) => toggleUsage("keyEncipherment", !!d.checked)} />
        <ErrorText message={messageFor(validation, "keyUsage")} />
      </fieldset>
      <LabelledSelect label="Key size (bits)" value={String(st.keySize ?? "size2048")} labels={KEY_SIZE_LABELS} onChange={(v) => set("keySize", v)} />
      {has("hashAlgorithm") && (
        <LabelledSelect label="Hash algorithm" value={String(st.hashAlgorithm ?? "sha2")} labels={HASH_LABELS} onChange={(v) => set("hashAlgorithm", v)} />
      )}
      <Field
        label="Root Certificate"
        hint={props.rootCandidates.length ? "Trusted certificate profiles of this platform." : "Create a trusted certificate profile for this platform first."}
        validationMessage={messageFor(validation, "rootCertificate@odata.bind")}
      >
        <Select value={draft.rootCertificateId ?? ""} onChange={(_e, d) => onChange(st, { rootCertificateId: d.value || null })}>
          <option value="">Select a root certificate</option>
          {props.rootCandidates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </Select>
      </Field>
      <RowsTable
        label="Extended key usage"
        columns={[
          { key: "name", label: "Name" },
          { key: "objectIdentifier", label: "Object identifier" },
        ]}
        rows={ekus}
        newRow={{ name: "", objectIdentifier: "" }}
        onChange={(rows) => set("extendedKeyUsages", rows)}
        error={messageFor(validation, "extendedKeyUsages")}
        extra={
          <>
            <Select aria-label="Predefined values" value={predefined} onChange={(_e, d) => setPredefined(d.value)}>
              <option value="">Predefined values</option>
              {PREDEFINED_EXTENDED_KEY_USAGES.map((e) => (
                <option key={e.objectIdentifier} value={e.objectIdentifier}>
                  {e.name} ({e.objectIdentifier})
                </option>
              ))}
            </Select>
            <Button
              disabled={!predefined}
              onClick={() => {
                const e = PREDEFINED_EXTENDED_KEY_USAGES.find((x) => x.objectIdentifier === predefined);
                if (e && !ekus.some((r) => r.objectIdentifier === e.objectIdentifier)) set("extendedKeyUsages", [...ekus, { ...e }]);
                setPredefined("");
              }}
            >
              Add predefined value
            </Button>
          </>
        }
      />
      <Field label="Renewal threshold (%)" validationMessage={messageFor(validation, "renewalThresholdPercentage")}>
        <Input type="number" min={1} max={99} value={String(st.renewalThresholdPercentage ?? "")} onChange={(_e, d) => set("renewalThresholdPercentage", num(d.value))} />
      </Field>
      <fieldset className={s.fieldset}>
        <legend className={s.legend}>SCEP Server URLs</legend>
        {urls.map((u, i) => (
          <div key={i} className={s.row}>
            <Input
              aria-label={`SCEP Server URL ${i + 1}`}
              value={u}
              placeholder="https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll"
              onChange={(_e, d) => set("scepServerUrls", urls.map((x, j) => (j === i ? d.value : x)))}
              style={{ flex: 1, minWidth: 360 }}
            />
            <Button appearance="subtle" icon={<Delete20Regular />} aria-label={`Remove SCEP Server URL ${i + 1}`} onClick={() => set("scepServerUrls", urls.filter((_, j) => j !== i))} />
          </div>
        ))}
        <div className={s.row}>
          <Button icon={<Add20Regular />} onClick={() => set("scepServerUrls", [...urls, ""])}>
            Add SCEP Server URL
          </Button>
        </div>
        <ErrorText message={messageFor(validation, "scepServerUrls")} />
      </fieldset>
      {has("allowAllAppsAccess") && (
        <Checkbox label="Allow all apps access to private key" checked={st.allowAllAppsAccess === true} onChange={(_e, d) => set("allowAllAppsAccess", !!d.checked)} />
      )}
      {has("certificateAccessType") && (
        <>
          <LabelledSelect
            label="Certificate access"
            value={String(st.certificateAccessType ?? "userApproval")}
            labels={CERTIFICATE_ACCESS_LABELS}
            onChange={(v) => set("certificateAccessType", v)}
          />
          {st.certificateAccessType === "specificApps" && (
            <RowsTable
              label="Apps"
              columns={[{ key: "packageId", label: "Package ID" }]}
              rows={apps}
              newRow={{ packageId: "" }}
              onChange={(rows) => set("silentCertificateAccessDetails", rows)}
              error={messageFor(validation, "silentCertificateAccessDetails")}
            />
          )}
        </>
      )}
    </div>
  );
}
