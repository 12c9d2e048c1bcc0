// A profile's Device status report (issue 10): Graph GET .../deviceConfigurations/{id}/deviceStatusOverview (the
// counts) and .../deviceStatuses (deviceConfigurationDeviceStatus: deviceDisplayName, userPrincipalName, status,
// lastReportedDateTime), filled by the simulated devices' Syncs.
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { useQuery } from "@tanstack/react-query";
import { graph, request } from "@/shared/api/http";
import type { Collection } from "@/shared/api/types";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { SimpleTable } from "@/shared/components/simple-table";
import { formatDateTime } from "@/shared/lib/format";
import { HEALTH_LOOK } from "@/shared/lib/health";

type DeviceStatus = {
  id: string;
  deviceDisplayName: string;
  userName?: string | null;
  userPrincipalName: string | null;
  status: string;
  lastReportedDateTime: string | null;
};

type Overview = { pendingCount?: number; notApplicableCount?: number; successCount?: number; errorCount?: number; failedCount?: number; conflictCount?: number };

/** Graph's complianceStatus values → the words and colours of the portal's report. */
const STATUS: Record<string, { text: string; colour: string }> = {
  succeeded: { text: "Succeeded", colour: HEALTH_LOOK.ok.colour },
  compliant: { text: "Succeeded", colour: HEALTH_LOOK.ok.colour },
  remediated: { text: "Succeeded", colour: HEALTH_LOOK.ok.colour },
  error: { text: "Error", colour: HEALTH_LOOK.error.colour },
  nonCompliant: { text: "Error", colour: HEALTH_LOOK.error.colour },
  conflict: { text: "Conflict", colour: HEALTH_LOOK.warning.colour },
  pending: { text: "Pending", colour: HEALTH_LOOK.warning.colour },
  notApplicable: { text: "Not applicable", colour: HEALTH_LOOK.info.colour },
  notAssigned: { text: "Not assigned", colour: HEALTH_LOOK.info.colour },
  unknown: { text: "Unknown", colour: HEALTH_LOOK.info.colour },
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px" },
  counts: { display: "flex", gap: "24px", flexWrap: "wrap", margin: 0, padding: 0, listStyle: "none" },
  h: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

export function DeviceStatusReport(props: { tenantId: string; profileId: string }) {
  const s = useStyles();
  const base = `/deviceManagement/deviceConfigurations/${props.profileId}`;
  const key = ["tenant", props.tenantId, "intune", "deviceConfigurations", "deviceStatuses", props.profileId];
  const statuses = useQuery({ queryKey: key, queryFn: () => request<Collection<DeviceStatus>>(graph(`${base}/deviceStatuses`)) });
  const overview = useQuery({ queryKey: [...key, "overview"], queryFn: () => request<Overview>(graph(`${base}/deviceStatusOverview`)) });
  const o = overview.data;
  return (
    <section className={s.root} aria-labelledby="device-status-h">
      <h2 id="device-status-h" className={s.h}>
        Device status
      </h2>
      {o && (
        <ul className={s.counts} aria-label="Device status summary">
          <li>Succeeded: {o.successCount ?? 0}</li>
          <li>Error: {(o.errorCount ?? 0) + (o.failedCount ?? 0)}</li>
          <li>Pending: {o.pendingCount ?? 0}</li>
          <li>Not applicable: {o.notApplicableCount ?? 0}</li>
          {(o.conflictCount ?? 0) > 0 && <li>Conflict: {o.conflictCount}</li>}
        </ul>
      )}
      {statuses.isPending && <Loading />}
      {statuses.error && <ErrorMessage error={statuses.error} />}
      {statuses.data && (
        <SimpleTable
          aria-label="Device status"
          rows={statuses.data.value}
          rowKey={(r) => r.id}
          empty="No device has reported this profile yet. Devices report it when they sync."
          columns={[
            { header: "Device", cell: (r) => r.deviceDisplayName },
            { header: "User principal name", cell: (r) => r.userPrincipalName ?? "—" },
            {
              header: "Status",
              cell: (r) => {
                const look = STATUS[r.status] ?? { text: r.status, colour: HEALTH_LOOK.info.colour };
                return (
                  <Text weight="semibold" style={{ color: look.colour }}>
                    {look.text}
                  </Text>
                );
              },
            },
            { header: "Last reported", cell: (r) => formatDateTime(r.lastReportedDateTime) },
          ]}
        />
      )}
    </section>
  );
}
