// A device's "Device configuration" (issue 10): each trusted certificate and SCEP profile that reaches the device
// or its user with the status Intune shows (Succeeded, Error, Pending, Not applicable) and the error text, from the
// last Sync; choosing a profile shows its enrollment trace hop by hop.
import { useState } from "react";
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { AppLink } from "@/shared/components/app-link";
import { SimpleTable } from "@/shared/components/simple-table";
import { paths } from "@/shared/paths";
import { intuneStatusOf, type DeviceConfigurationState, type EnrollmentTrace, type ProfileName } from "@/features/intune/devices/api/devices";
import { HOP_LOOK, STATUS_LOOK } from "@/features/intune/devices/lib/labels";
import { TraceDiagram } from "@/features/intune/devices/components/trace-diagram";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px" },
  h: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/** The trace shown first: the first one in error (where the admin has to look), else the first SCEP one. */
export function defaultTrace(traces: readonly EnrollmentTrace[]): EnrollmentTrace | undefined {
  return traces.find((t) => t.intuneStatus === "Error") ?? traces.find((t) => t.request) ?? traces[0];
}

const STATUS_ORDER: readonly EnrollmentTrace["intuneStatus"][] = ["Error", "Pending", "Succeeded", "Not applicable"];

type Row = { profileId: string; intuneStatus: EnrollmentTrace["intuneStatus"]; statusText: string; trace: EnrollmentTrace | undefined };

export function DeviceConfiguration(props: {
  traces: readonly EnrollmentTrace[];
  states: readonly DeviceConfigurationState[];
  profiles: readonly ProfileName[];
  synced: boolean;
}) {
  const s = useStyles();
  const [chosen, setChosen] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  // One row per profile: the last Sync's trace, or the stored state when the trace isn't at hand.
  const rows: Row[] = props.traces.map((t) => ({ profileId: t.profileId, intuneStatus: t.intuneStatus, statusText: t.statusText, trace: t }));
  for (const st of props.states)
    if (!rows.some((r) => r.profileId === st.profileId)) rows.push({ profileId: st.profileId, intuneStatus: intuneStatusOf(st.status), statusText: st.statusText, trace: undefined });
  // Errors first, then pending and succeeded; profiles that don't apply to this platform last.
  rows.sort((a, b) => STATUS_ORDER.indexOf(a.intuneStatus) - STATUS_ORDER.indexOf(b.intuneStatus));
  const notApplicable = rows.filter((r) => r.intuneStatus === "Not applicable").length;
  const shown = showAll ? rows : rows.filter((r) => r.intuneStatus !== "Not applicable");
  const nameOf = (id: string) => props.profiles.find((p) => p.id === id)?.displayName ?? props.traces.find((t) => t.profileId === id)?.profileDisplayName ?? id;
  const open = props.traces.find((t) => t.profileId === chosen) ?? defaultTrace(props.traces);

  return (
    <div className={s.root}>
      <section aria-labelledby="device-configuration-h" className={s.root}>
        <h2 id="device-configuration-h" className={s.h}>
          Device configuration
        </h2>
        {!props.synced ? (
          <Text>This device hasn't synced yet. Sync it to receive its profiles and enroll its certificates.</Text>
        ) : (
          <SimpleTable
            aria-label="Device configuration"
            rows={shown}
            rowKey={(t) => t.profileId}
            empty={rows.length ? "Every profile that reaches this device is for another platform." : "No trusted certificate or SCEP profile is assigned to this device or its user."}
            columns={[
              { header: "Profile", cell: (t) => <AppLink to={paths.intune.profile(t.profileId)}>{nameOf(t.profileId)}</AppLink> },
              {
                header: "Status",
                cell: (t) => (
                  <Text weight="semibold" style={{ color: (STATUS_LOOK[t.intuneStatus] ?? STATUS_LOOK.Pending).colour }}>
                    {t.intuneStatus}
                  </Text>
                ),
              },
              { header: "Details", cell: (t) => <span style={{ overflowWrap: "anywhere" }}>{t.statusText || "—"}</span> },
              {
                header: "Failed at",
                cell: (r) => {
                  const t = r.trace;
                  const hop = t && (t.hops.find((h) => h.id === t.failedHop) ?? t.hops.find((h) => h.outcome === "failed"));
                  return hop ? <span style={{ color: HOP_LOOK.failed.colour }}>{hop.title}</span> : "—";
                },
              },
              {
                header: <span className="sr-only">Trace</span>,
                cell: (t) =>
                  t.trace?.hops.length ? (
                    <Button size="small" aria-pressed={open?.profileId === t.profileId} aria-label={`Show the enrollment trace of ${nameOf(t.profileId)}`} onClick={() => setChosen(t.profileId)}>
                      Trace
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
        {props.synced && notApplicable > 0 && (
          <Button appearance="subtle" size="small" style={{ alignSelf: "flex-start" }} onClick={() => setShowAll((v) => !v)}>
            {showAll ? "Hide the profiles that don't apply to this device" : `Show ${notApplicable} assigned profile${notApplicable === 1 ? "" : "s"} that don't apply to this device (Not applicable)`}
          </Button>
        )}
      </section>
      {open && open.hops.length > 0 && (
        <section aria-labelledby="enrollment-trace-h" className={s.root}>
          <h2 id="enrollment-trace-h" className={s.h}>
            Last enrollment: {nameOf(open.profileId)}
          </h2>
          <TraceDiagram key={open.profileId} trace={open} label={`Enrollment trace of ${nameOf(open.profileId)}`} />
        </section>
      )}
    </div>
  );
}
