// Devices > Configuration > Create > New policy > (platform, profile type) > Create: the wizard
// Basics → Configuration settings → Assignments → Applicability rules (Windows) → Review + create, with the
// draft's findings live beside every page after Basics (rules-reference.md C.1, C.2).
import { useMemo, useState } from "react";
import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, tokens } from "@fluentui/react-components";
import { useNavigate, useSearchParams } from "react-router";
import { normalizeProfileType } from "@certlab/domain/intune/profiles";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { PropertyList } from "@/shared/components/property-list";
import { paths } from "@/shared/paths";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { useCreateProfile, useProfiles } from "@/features/intune/configuration/api/profiles";
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
import { createBody, isWindows, newDraft, profileInfo, rootCandidates, toTargets, type Draft } from "@/features/intune/configuration/lib/draft";

const useStyles = makeStyles({
  steps: { display: "flex", gap: "4px", listStyle: "none", margin: 0, padding: 0, flexWrap: "wrap" },
  step: { padding: "4px 10px", borderBottom: `2px solid transparent`, color: tokens.colorNeutralForeground3 },
  current: { borderBottomColor: tokens.colorBrandStroke1, color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  layout: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(280px, 420px)", gap: "24px", alignItems: "start" },
  footer: { display: "flex", gap: "8px", paddingTop: "12px", borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  h: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  review: { display: "flex", flexDirection: "column", gap: "16px" },
});

type StepId = "basics" | "settings" | "assignments" | "applicability" | "review";
const STEP_LABEL: Record<StepId, string> = {
  basics: "Basics",
  settings: "Configuration settings",
  assignments: "Assignments",
  applicability: "Applicability rules",
  review: "Review + create",
};

export default function ProfileCreateRoute() {
  const [params] = useSearchParams();
  const odataType = normalizeProfileType(params.get("type"));
  if (!odataType)
    return (
      <Page title="Create profile">
        <MessageBar intent="warning">
          <MessageBarBody>Choose a platform and a profile type first.</MessageBarBody>
        </MessageBar>
        <AppLink to={paths.intune.configuration}>Back to Configuration</AppLink>
      </Page>
    );
  return <Wizard key={odataType} initial={newDraft(odataType)} />;
}

function Wizard(props: { initial: Draft }) {
  const s = useStyles();
  const session = useSignedInSession();
  const tenantId = session.tenant.id;
  const canWrite = useCan("intune.configuration.write");
  const navigate = useNavigate();
  const [draft, setDraft] = useState(props.initial);
  const [step, setStep] = useState<StepId>("basics");
  const [basicsTried, setBasicsTried] = useState(false);
  const info = profileInfo(draft.odataType)!;
  const steps: StepId[] = ["basics", "settings", "assignments", ...(isWindows(draft.odataType) ? (["applicability"] as const) : []), "review"];
  const index = steps.indexOf(step);
  const profiles = useProfiles(tenantId);
  const roots = useMemo(() => rootCandidates(draft.odataType, profiles.data?.value ?? []), [draft.odataType, profiles.data]);
  const live = useLiveFindings(tenantId, draft);
  const create = useCreateProfile(tenantId);
  const validation = live.evaluation?.validation ?? [];

  const go = (to: StepId) => {
    if (to !== "basics" && !draft.displayName.trim()) {
      setBasicsTried(true);
      setStep("basics");
      return;
    }
    setStep(to);
  };

  const submit = () =>
    create.mutate(
      { body: createBody(draft), assignments: toTargets(draft.assignments) },
      { onSuccess: (p) => navigate(paths.intune.profile(p.id)) },
    );

  const rootName = roots.find((r) => r.id === draft.rootCertificateId)?.displayName;

  return (
    <Page title="Create profile" subtitle={`${info.platformDisplayName} - ${info.profileTypeName}`}>
      {!canWrite && (
        <MessageBar intent="warning">
          <MessageBarBody>Your role can read Intune configuration but not create profiles.</MessageBarBody>
        </MessageBar>
      )}
      <nav aria-label="Wizard steps">
        <ol className={s.steps}>
          {steps.map((id, i) => (
            <li key={id} className={`${s.step} ${id === step ? s.current : ""}`} aria-current={id === step ? "step" : undefined}>
              {i + 1}. {STEP_LABEL[id]}
            </li>
          ))}
        </ol>
      </nav>
      <div className={s.layout}>
        <section aria-label={STEP_LABEL[step]}>
          <h2 className={s.h} style={{ marginBottom: 12 }}>
            {STEP_LABEL[step]}
          </h2>
          {step === "basics" && <BasicsStep draft={draft} showErrors={basicsTried} onChange={(d) => setDraft((x) => ({ ...x, ...d }))} />}
          {step === "settings" && (
            <SettingsForm
              draft={draft}
              onChange={(settings, extra) => setDraft((x) => ({ ...x, ...extra, settings }))}
              validation={validation}
              rootCandidates={roots}
              certificate={live.evaluation?.certificate}
              onCertificateChosen={live.uploaded}
              sampleUpn={session.user.userPrincipalName}
              sampleName={session.user.displayName}
            />
          )}
          {step === "assignments" && (
            <AssignmentsStep tenantId={tenantId} value={draft.assignments} onChange={(assignments) => setDraft((x) => ({ ...x, assignments }))} />
          )}
          {step === "applicability" && (
            <ApplicabilityStep value={draft.applicability} onChange={(applicability) => setDraft((x) => ({ ...x, applicability }))} />
          )}
          {step === "review" && (
            <div className={s.review}>
              {validation.length > 0 && (
                <MessageBar intent="error">
                  <MessageBarBody>
                    <MessageBarTitle>Some settings can&apos;t be saved</MessageBarTitle>
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {validation.map((v) => (
                        <li key={`${v.target}-${v.message}`}>
                          {v.target}: {v.message}
                        </li>
                      ))}
                    </ul>
                  </MessageBarBody>
                </MessageBar>
              )}
              <h3 className={s.h}>Basics</h3>
              <PropertyList
                items={[
                  ["Name", draft.displayName],
                  ["Description", draft.description || "—"],
                  ["Platform", info.platformDisplayName],
                  ["Profile type", info.profileTypeName],
                ]}
              />
              <h3 className={s.h}>Configuration settings</h3>
              <PropertyList items={settingsSummary(draft, rootName, live.evaluation?.certificate?.subject)} />
              <h3 className={s.h}>Assignments</h3>
              <PropertyList items={assignmentsSummary(draft.assignments)} />
            </div>
          )}
          <div className={s.footer} style={{ marginTop: 16 }}>
            {index > 0 && <Button onClick={() => go(steps[index - 1]!)}>Previous</Button>}
            {step !== "review" ? (
              <Button appearance="primary" onClick={() => go(steps[index + 1]!)}>
                Next
              </Button>
            ) : (
              <Button appearance="primary" disabled={!canWrite || create.isPending} onClick={submit}>
                {create.isPending ? "Creating…" : "Create"}
              </Button>
            )}
            <Button appearance="subtle" onClick={() => navigate(paths.intune.configuration)}>
              Cancel
            </Button>
          </div>
        </section>
        {step !== "basics" ? (
          <FindingsPanel evaluation={live.evaluation} error={live.error} busy={live.busy} />
        ) : (
          <Text size={200} style={{ color: tokens.colorNeutralForeground3 }}>
            Certlab checks the profile against the tenant, the lab and the rules as you fill in the settings.
          </Text>
        )}
      </div>
    </Page>
  );
}
