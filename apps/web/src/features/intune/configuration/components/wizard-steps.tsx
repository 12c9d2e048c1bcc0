// The wizard pages other than Configuration settings: Basics, Assignments (include / exclude groups, All users,
// All devices), Applicability rules (Windows) and the Review + create summary.
import { useState } from "react";
import { Button, Checkbox, Field, Input, makeStyles, Select, Text, Textarea, tokens } from "@fluentui/react-components";
import { Delete20Regular } from "@fluentui/react-icons";
import { KEY_USAGES, parseFlags } from "@certlab/domain/intune/enums";
import { isScepType } from "@certlab/domain/intune/profiles";
import { PropertyList } from "@/shared/components/property-list";
import { useDebounced } from "@/shared/hooks/use-debounced";
import { useGroupSearch } from "@/features/intune/configuration/api/profiles";
import type { Applicability, AssignmentsDraft, Draft, GroupRef } from "@/features/intune/configuration/lib/draft";
import { profileInfo } from "@/features/intune/configuration/lib/draft";
import {
  DESTINATION_STORE_LABELS,
  HASH_LABELS,
  KEY_SIZE_LABELS,
  KEY_USAGE_LABELS,
  KSP_LABELS,
  SAN_LABELS,
  SCALE_LABELS,
} from "@/features/intune/configuration/lib/labels";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "16px", maxWidth: "760px" },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "4px" },
  section: { display: "flex", flexDirection: "column", gap: "8px" },
  h: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function BasicsStep(props: { draft: Draft; onChange: (d: Partial<Draft>) => void; showErrors?: boolean }) {
  const s = useStyles();
  const info = profileInfo(props.draft.odataType);
  const missing = props.showErrors && !props.draft.displayName.trim();
  return (
    <div className={s.form}>
      <Field label="Name" required validationMessage={missing ? "Name is required." : undefined}>
        <Input value={props.draft.displayName} onChange={(_e, d) => props.onChange({ displayName: d.value })} maxLength={1000} />
      </Field>
      <Field label="Description">
        <Textarea value={props.draft.description} onChange={(_e, d) => props.onChange({ description: d.value })} maxLength={1500} />
      </Field>
      <PropertyList
        items={[
          ["Platform", info?.platformDisplayName ?? "—"],
          ["Profile type", info?.profileTypeName ?? "—"],
        ]}
      />
    </div>
  );
}

function GroupAdder(props: { tenantId: string; label: string; verb: string; exclude: readonly string[]; onAdd: (g: GroupRef) => void }) {
  const s = useStyles();
  const [text, setText] = useState("");
  const q = useGroupSearch(props.tenantId, useDebounced(text));
  const groups = (q.data?.value ?? []).filter((g) => !props.exclude.includes(g.id));
  return (
    <div className={s.section}>
      <Field label={props.label}>
        <Input value={text} onChange={(_e, d) => setText(d.value)} placeholder="Search by group name" />
      </Field>
      <ul className={s.list} aria-label={`Matching groups to ${props.verb.toLowerCase()}`}>
        {groups.slice(0, 8).map((g) => (
          <li key={g.id} className={s.row}>
            <Button size="small" onClick={() => props.onAdd({ id: g.id, displayName: g.displayName })} aria-label={`${props.verb} ${g.displayName}`}>
              {props.verb}
            </Button>
            <Text>{g.displayName}</Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AssignmentsStep(props: { tenantId: string; value: AssignmentsDraft; onChange: (a: AssignmentsDraft) => void }) {
  const s = useStyles();
  const a = props.value;
  const taken = [...a.included, ...a.excluded].map((g) => g.id);
  const groupList = (title: string, groups: GroupRef[], key: "included" | "excluded") => (
    <div className={s.section}>
      <h3 className={s.h}>{title}</h3>
      {groups.length === 0 && <Text className={s.muted}>No groups selected</Text>}
      <ul className={s.list} aria-label={title}>
        {groups.map((g) => (
          <li key={g.id} className={s.row}>
            <Text>{g.displayName}</Text>
            <Button
              appearance="subtle"
              size="small"
              icon={<Delete20Regular />}
              aria-label={`Remove ${g.displayName} from ${title.toLowerCase()}`}
              onClick={() => props.onChange({ ...a, [key]: groups.filter((x) => x.id !== g.id) })}
            />
          </li>
        ))}
      </ul>
    </div>
  );
  return (
    <div className={s.form}>
      <div className={s.section}>
        <h3 className={s.h}>Included groups</h3>
        <Checkbox label="Add all users" checked={a.allUsers} onChange={(_e, d) => props.onChange({ ...a, allUsers: !!d.checked })} />
        <Checkbox label="Add all devices" checked={a.allDevices} onChange={(_e, d) => props.onChange({ ...a, allDevices: !!d.checked })} />
      </div>
      {groupList("Included groups", a.included, "included")}
      <GroupAdder tenantId={props.tenantId} label="Search groups to include" verb="Include" exclude={taken} onAdd={(g) => props.onChange({ ...a, included: [...a.included, g] })} />
      {groupList("Excluded groups", a.excluded, "excluded")}
      <GroupAdder tenantId={props.tenantId} label="Search groups to exclude" verb="Exclude" exclude={taken} onAdd={(g) => props.onChange({ ...a, excluded: [...a.excluded, g] })} />
    </div>
  );
}

export const OS_EDITIONS: Record<string, string> = {
  windows10Enterprise: "Windows 10/11 Enterprise",
  windows10Education: "Windows 10/11 Education",
  windows10Professional: "Windows 10/11 Professional",
  windows10ProfessionalEducation: "Windows 10/11 Professional Education",
  windows10ProfessionalWorkstation: "Windows 10/11 Professional for Workstations",
  windows10Home: "Windows 10/11 Home",
};

export function ApplicabilityStep(props: { value: Applicability; onChange: (a: Applicability) => void }) {
  const s = useStyles();
  const a = props.value;
  const set = (patch: Partial<Applicability>) => props.onChange({ ...a, ...patch });
  return (
    <div className={s.form}>
      <Text>Specify how to apply this profile within an assigned group. Devices that don&apos;t match show as Not applicable.</Text>
      <Checkbox label="Use an applicability rule" checked={a.enabled} onChange={(_e, d) => set({ enabled: !!d.checked })} />
      {a.enabled && (
        <>
          <Field label="Rule">
            <Select value={a.rule} onChange={(_e, d) => set({ rule: d.value as Applicability["rule"] })}>
              <option value="assignIf">Assign profile if</option>
              <option value="dontAssignIf">Don&apos;t assign profile if</option>
            </Select>
          </Field>
          <Field label="Property">
            <Select value={a.property} onChange={(_e, d) => set({ property: d.value as Applicability["property"] })}>
              <option value="osEdition">OS edition</option>
              <option value="osVersion">OS version</option>
            </Select>
          </Field>
          {a.property === "osVersion" ? (
            <div className={s.row}>
              <Field label="Minimum OS version" required>
                <Input value={a.minVersion} placeholder="10.0.16299.0" onChange={(_e, d) => set({ minVersion: d.value })} />
              </Field>
              <Field label="Maximum OS version" required>
                <Input value={a.maxVersion} placeholder="10.0.26100.0" onChange={(_e, d) => set({ maxVersion: d.value })} />
              </Field>
            </div>
          ) : (
            <fieldset style={{ border: "none", padding: 0, margin: 0 }}>
              <legend>OS edition</legend>
              {Object.entries(OS_EDITIONS).map(([v, l]) => (
                <Checkbox
                  key={v}
                  label={l}
                  checked={a.editions.includes(v)}
                  onChange={(_e, d) => set({ editions: d.checked ? [...a.editions, v] : a.editions.filter((x) => x !== v) })}
                />
              ))}
            </fieldset>
          )}
        </>
      )}
    </div>
  );
}

// ------------------------------------------------------------------------------------------ review

const label = (map: Record<string, string>, v: unknown) => (typeof v === "string" ? (map[v] ?? v) : "Not configured");

/** The Configuration settings as label/value pairs (Review + create and the profile page's Properties). */
export function settingsSummary(draft: Draft, rootName: string | undefined, certificateSubject?: string): [string, string][] {
  const st = draft.settings;
  const has = (k: string) => k in st;
  if (!isScepType(draft.odataType)) {
    const out: [string, string][] = [["Certificate file", String(st.certFileName ?? (st.trustedRootCertificate ? "(uploaded)" : "Not configured"))]];
    if (certificateSubject) out.push(["Certificate subject", certificateSubject]);
    if (has("destinationStore")) out.push(["Destination store", label(DESTINATION_STORE_LABELS, st.destinationStore)]);
    if (has("deploymentChannel")) out.push(["Deployment channel", st.deploymentChannel ? String(st.deploymentChannel) : "Not configured"]);
    return out;
  }
  const usage = parseFlags(KEY_USAGES, String(st.keyUsage ?? "")).members.map((m) => KEY_USAGE_LABELS[m]).join(", ");
  const sans = (st.customSubjectAlternativeNames as { sanType: string; name: string }[] | undefined) ?? [];
  const ekus = (st.extendedKeyUsages as { name: string; objectIdentifier: string }[] | undefined) ?? [];
  const out: [string, string][] = [];
  if (has("deploymentChannel")) out.push(["Deployment channel", String(st.deploymentChannel ?? "Not configured")]);
  out.push(
    ["Certificate type", st.certificateStore === "machine" ? "Device" : "User"],
    ["Subject name format", String(st.subjectNameFormatString ?? st.subjectNameFormat ?? "Not configured")],
    ["Subject alternative name", sans.length ? sans.map((x) => `${SAN_LABELS[x.sanType] ?? x.sanType}: ${x.name}`).join("; ") : "Not configured"],
    ["Certificate validity period", `${String(st.certificateValidityPeriodValue ?? "")} ${label(SCALE_LABELS, st.certificateValidityPeriodScale)}`],
  );
  if (has("keyStorageProvider")) out.push(["Key storage provider (KSP)", label(KSP_LABELS, st.keyStorageProvider)]);
  out.push(["Key usage", usage || "Not configured"], ["Key size (bits)", label(KEY_SIZE_LABELS, st.keySize)]);
  if (has("hashAlgorithm")) out.push(["Hash algorithm", label(HASH_LABELS, st.hashAlgorithm)]);
  out.push(
    ["Root Certificate", rootName ?? "Not configured"],
    ["Extended key usage", ekus.length ? ekus.map((e) => `${e.name} (${e.objectIdentifier})`).join("; ") : "Not configured"],
    ["Renewal threshold (%)", String(st.renewalThresholdPercentage ?? "")],
    ["SCEP Server URLs", ((st.scepServerUrls as string[] | undefined) ?? []).join(", ") || "Not configured"],
  );
  if (has("certificateAccessType")) out.push(["Certificate access", String(st.certificateAccessType ?? "userApproval") === "specificApps" ? "Grant silently for specific apps" : "Require user approval for apps"]);
  return out;
}

export function assignmentsSummary(a: AssignmentsDraft): [string, string][] {
  const included = [...(a.allUsers ? ["All users"] : []), ...(a.allDevices ? ["All devices"] : []), ...a.included.map((g) => g.displayName)];
  return [
    ["Included groups", included.join(", ") || "None"],
    ["Excluded groups", a.excluded.map((g) => g.displayName).join(", ") || "None"],
  ];
}
