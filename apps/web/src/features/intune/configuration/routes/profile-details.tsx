// A profile: Properties with Edit per section (Basics, Configuration settings, Assignments, Applicability rules
// on Windows), each edit checked live by the same rules as the wizard; Delete (a trusted certificate profile a
// SCEP profile uses answers 409, shown in the notifications); the Device status report of the devices that synced it.
import { useMemo, useState, type ReactNode } from "react";
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { Delete20Regular, Edit16Regular } from "@fluentui/react-icons";
import { useNavigate, useParams } from "react-router";
import { targetGroupId, targetKind } from "@certlab/domain/intune/assignments";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { PropertyList } from "@/shared/components/property-list";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { formatDateTime } from "@/shared/lib/format";
import { paths } from "@/shared/paths";
import { useCan, useSignedInSession } from "@/shared/session/session";
import {
  useAssignProfile,
  useDeleteProfile,
  useGroupNames,
  useProfile,
  useProfileAssignments,
  useProfiles,
  useUpdateProfile,
  type GraphProfile,
} from "@/features/intune/configuration/api/profiles";
import { CertificateDetails } from "@/features/intune/configuration/components/certificate-details";
import { DeviceStatusReport } from "@/features/intune/configuration/components/device-status";
import { FindingsPanel } from "@/features/intune/configuration/components/findings-panel";
import { SettingsForm } from "@/features/intune/configuration/components/settings-form";
import { useLiveFindings } from "@/features/intune/configuration/components/use-live-findings";
import {
  ApplicabilityStep,
  AssignmentsStep,
  BasicsStep,
  assignmentsSummary,
  settingsSummary,
} from "@/features/intune/configuration/components/wizard-steps";
import {
  basicsBody,
  draftFromProfile,
  isWindows,
  profileInfo,
  rootCandidates,
  settingsBody,
  toTargets,
  type Draft,
} from "@/features/intune/configuration/lib/draft";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px", paddingBottom: "16px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  head: { display: "flex", alignItems: "center", gap: "8px" },
  h: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  editor: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(280px, 420px)", gap: "24px", alignItems: "start" },
  actions: { display: "flex", gap: "8px", paddingTop: "12px" },
});

type SectionId = "basics" | "settings" | "assignments" | "applicability";
const SECTION_LABEL: Record<SectionId, string> = {
  basics: "Basics",
  settings: "Configuration settings",
  assignments: "Assignments",
  applicability: "Applicability rules",
};

export default function ProfileDetailsRoute() {
  const { profileId = "" } = useParams();
  const session = useSignedInSession();
  const tenantId = session.tenant.id;
  const profile = useProfile(tenantId, profileId);
  const assignments = useProfileAssignments(tenantId, profileId);
  const targets = useMemo(() => (assignments.data?.value ?? []).map((a) => a.target), [assignments.data]);
  const groupIds = targets.filter((t) => targetKind(t) === "group" || targetKind(t) === "exclusionGroup").map((t) => targetGroupId(t));
  const names = useGroupNames(tenantId, groupIds);

  if (profile.isPending || assignments.isPending) return <Page title="Profile"><Loading /></Page>;
  if (profile.error) return <Page title="Profile"><ErrorMessage error={profile.error} /></Page>;
  if (assignments.error) return <Page title="Profile"><ErrorMessage error={assignments.error} /></Page>;
  return <ProfileView profile={profile.data} draft={draftFromProfile(profile.data, targets, names.data ?? {})} />;
}

function ProfileView(props: { profile: GraphProfile; draft: Draft }) {
  const s = useStyles();
  const session = useSignedInSession();
  const tenantId = session.tenant.id;
  const canWrite = useCan("intune.configuration.write");
  const navigate = useNavigate();
  const p = props.profile;
  const info = profileInfo(p["@odata.type"]);
  const [editing, setEditing] = useState<SectionId | null>(null);
  const [confirm, setConfirm] = useState(false);
  const del = useDeleteProfile(tenantId);
  const facts = p["trustedRootCertificate@certlab.certificateInfo"];
  const root = p.rootCertificate;

  const section = (id: SectionId, body: ReactNode) => (
    <section className={s.section} aria-label={SECTION_LABEL[id]}>
      <div className={s.head}>
        <h2 className={s.h}>{SECTION_LABEL[id]}</h2>
        {canWrite && editing === null && (
          <Button appearance="transparent" size="small" icon={<Edit16Regular />} aria-label={`Edit ${SECTION_LABEL[id]}`} onClick={() => setEditing(id)}>
            Edit
          </Button>
        )}
      </div>
      {editing === id ? <SectionEditor section={id} profile={p} initial={props.draft} onDone={() => setEditing(null)} /> : body}
    </section>
  );

  return (
    <Page
      title={p.displayName}
      subtitle={info ? `${info.listedPlatformDisplayName} - ${info.profileTypeName}` : p["@odata.type"]}
      commands={
        canWrite ? (
          <Button appearance="subtle" icon={<Delete20Regular />} onClick={() => setConfirm(true)}>
            Delete
          </Button>
        ) : undefined
      }
    >
      {/* Issue 10: the devices that reported this profile at their last Sync (the Overview's Device status). */}
      <DeviceStatusReport tenantId={tenantId} profileId={p.id} />
      <Text weight="semibold">Properties</Text>
      {section(
        "basics",
        <PropertyList
          items={[
            ["Name", p.displayName],
            ["Description", p.description || "—"],
            ["Platform", info?.listedPlatformDisplayName ?? "—"],
            ["Profile type", info?.profileTypeName ?? "—"],
            ["Last modified", formatDateTime(p.lastModifiedDateTime)],
            ["Version", String(p.version)],
          ]}
        />,
      )}
      {section(
        "settings",
        <>
          <PropertyList items={settingsSummary(props.draft, root?.displayName)} />
          {root && (
            <Text>
              Root certificate profile: <AppLink to={paths.intune.profile(root.id)}>{root.displayName}</AppLink>
            </Text>
          )}
          {facts && (
            <CertificateDetails facts={facts} />
          )}
        </>,
      )}
      {section("assignments", <PropertyList items={assignmentsSummary(props.draft.assignments)} />)}
      {isWindows(p["@odata.type"]) &&
        section(
          "applicability",
          <Text>
            {props.draft.applicability.enabled
              ? `${props.draft.applicability.rule === "assignIf" ? "Assign profile if" : "Don't assign profile if"} ${
                  props.draft.applicability.property === "osVersion"
                    ? `OS version is ${props.draft.applicability.minVersion} to ${props.draft.applicability.maxVersion}`
                    : `OS edition is ${props.draft.applicability.editions.join(", ")}`
                }`
              : "No applicability rules"}
          </Text>,
        )}
      <ConfirmDialog
        open={confirm}
        title="Delete profile"
        confirmLabel="Delete"
        busy={del.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={() =>
          del.mutate(p, {
            onSuccess: () => navigate(paths.intune.configuration),
            onSettled: () => setConfirm(false),
          })
        }
      >
        Delete {p.displayName}? Devices that received it lose its settings at their next check-in.
      </ConfirmDialog>
    </Page>
  );
}

function SectionEditor(props: { section: SectionId; profile: GraphProfile; initial: Draft; onDone: () => void }) {
  const s = useStyles();
  const session = useSignedInSession();
  const tenantId = session.tenant.id;
  const [draft, setDraft] = useState(props.initial);
  const profiles = useProfiles(tenantId);
  const roots = useMemo(() => rootCandidates(draft.odataType, profiles.data?.value ?? []), [draft.odataType, profiles.data]);
  const live = useLiveFindings(tenantId, draft, props.profile.id);
  const update = useUpdateProfile(tenantId, props.profile.id);
  const assign = useAssignProfile(tenantId, props.profile.id);
  const busy = update.isPending || assign.isPending;

  const save = () => {
    const done = { onSuccess: props.onDone };
    if (props.section === "assignments") assign.mutate(toTargets(draft.assignments), done);
    else if (props.section === "basics") update.mutate(basicsBody(draft), done);
    else update.mutate(settingsBody(draft), done);
  };

  return (
    <div className={s.editor}>
      <div>
        {props.section === "basics" && <BasicsStep draft={draft} showErrors onChange={(d) => setDraft((x) => ({ ...x, ...d }))} />}
        {props.section === "settings" && (
          <SettingsForm
            draft={draft}
            onChange={(settings, extra) => setDraft((x) => ({ ...x, ...extra, settings }))}
            validation={live.evaluation?.validation ?? []}
            rootCandidates={roots}
            certificate={live.evaluation?.certificate}
            onCertificateChosen={live.uploaded}
            sampleUpn={session.user.userPrincipalName}
            sampleName={session.user.displayName}
          />
        )}
        {props.section === "assignments" && (
          <AssignmentsStep tenantId={tenantId} value={draft.assignments} onChange={(assignments) => setDraft((x) => ({ ...x, assignments }))} />
        )}
        {props.section === "applicability" && (
          <ApplicabilityStep value={draft.applicability} onChange={(applicability) => setDraft((x) => ({ ...x, applicability }))} />
        )}
        <div className={s.actions}>
          <Button appearance="primary" disabled={busy || (props.section === "basics" && !draft.displayName.trim())} onClick={save}>
            {busy ? "Saving…" : "Save"}
          </Button>
          <Button onClick={props.onDone}>Cancel</Button>
        </div>
      </div>
      <FindingsPanel evaluation={live.evaluation} error={live.error} busy={live.busy} />
    </div>
  );
}
