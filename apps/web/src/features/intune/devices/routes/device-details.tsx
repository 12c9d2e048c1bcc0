// A device (issue 10): Overview (the managedDevice's properties), Sync (the whole enrollment chain from the
// tenant's current state), Device configuration with the status per profile and the last enrollment trace hop by
// hop, the certificates on the device, Enroll a real client, and Delete.
import { useState } from "react";
import { Button, makeStyles, Tab, TabList, Text } from "@fluentui/react-components";
import { ArrowClockwise20Regular, ArrowSync20Regular, Delete20Regular } from "@fluentui/react-icons";
import { useNavigate, useParams } from "react-router";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { Page } from "@/shared/components/page";
import { PropertyList } from "@/shared/components/property-list";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { formatDateTime } from "@/shared/lib/format";
import { paths } from "@/shared/paths";
import { useSignedInSession } from "@/shared/session/session";
import { useCanWriteDevices } from "@/features/intune/devices/lib/can-write";
import {
  deviceConfigurationStates,
  lastSyncTraces,
  useDeleteDevice,
  useDevice,
  useProfileNames,
  useSyncDevice,
  type ManagedDevice,
} from "@/features/intune/devices/api/devices";
import { DeviceCertificates } from "@/features/intune/devices/components/device-certificates";
import { DeviceConfiguration } from "@/features/intune/devices/components/device-configuration";
import { EnrollRealClient } from "@/features/intune/devices/components/enroll-real-client";
import { complianceText, ownerText } from "@/features/intune/devices/lib/labels";
import { enrollmentTypeLabel } from "@/features/intune/devices/lib/device-form";

const useStyles = makeStyles({
  body: { display: "flex", flexDirection: "column", gap: "16px" },
});

type TabId = "overview" | "configuration" | "certificates" | "real-client";

export default function DeviceDetailsRoute() {
  const { deviceId = "" } = useParams();
  const session = useSignedInSession();
  const device = useDevice(session.tenant.id, deviceId);
  if (device.isPending) return <Page title="Device"><Loading /></Page>;
  if (device.error) return <Page title="Device"><ErrorMessage error={device.error} /></Page>;
  return <DeviceView device={device.data} onRefresh={() => void device.refetch()} />;
}

function DeviceView(props: { device: ManagedDevice; onRefresh: () => void }) {
  const s = useStyles();
  const d = props.device;
  const session = useSignedInSession();
  const tenantId = session.tenant.id;
  const canWrite = useCanWriteDevices();
  const navigate = useNavigate();
  const [tab, setTab] = useState<TabId>("overview");
  const [confirm, setConfirm] = useState(false);
  const sync = useSyncDevice(tenantId, d.id);
  const del = useDeleteDevice(tenantId);
  const profiles = useProfileNames(tenantId);
  const profileList = profiles.data?.value ?? [];
  const traces = lastSyncTraces(d).length ? lastSyncTraces(d) : (sync.data?.traces ?? []);
  // Graph's lastSyncDateTime starts at the enrollment; the API's lastSync is null until the first Sync.
  const synced = !!d["lastSync"] || !!sync.data;

  return (
    <Page
      title={d.deviceName}
      subtitle="Device"
      commands={
        <>
          {canWrite && (
            <Button appearance="subtle" icon={<ArrowSync20Regular />} disabled={sync.isPending} onClick={() => sync.mutate(undefined, { onSuccess: () => setTab("configuration") })}>
              {sync.isPending ? "Syncing…" : "Sync"}
            </Button>
          )}
          {canWrite && (
            <Button appearance="subtle" icon={<Delete20Regular />} onClick={() => setConfirm(true)}>
              Delete
            </Button>
          )}
          <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={props.onRefresh}>
            Refresh
          </Button>
        </>
      }
    >
      <TabList selectedValue={tab} onTabSelect={(_e, data) => setTab(data.value as TabId)} aria-label="Device">
        <Tab value="overview">Overview</Tab>
        <Tab value="configuration">Device configuration</Tab>
        <Tab value="certificates">Certificates</Tab>
        <Tab value="real-client">Enroll a real client</Tab>
      </TabList>
      <div className={s.body} role="tabpanel" aria-label={tab}>
        {tab === "overview" && (
          <section aria-label="Essentials">
            <PropertyList
              items={[
                ["Device name", d.deviceName],
                ["Primary user", d.userDisplayName ? `${d.userDisplayName} (${d.userPrincipalName ?? ""})` : "None"],
                ["Operating system", d.operatingSystem],
                ["OS version", d.osVersion ?? "—"],
                ["Serial number", d.serialNumber || "—"],
                ["IMEI", d.imei || "—"],
                ["MEID", d.meid || "—"],
                ["Ownership", ownerText(d.managedDeviceOwnerType)],
                ["Enrollment type", typeof d["enrollmentType"] === "string" ? enrollmentTypeLabel(d["enrollmentType"]) : (d.deviceEnrollmentType ?? "—")],
                ["Compliance", complianceText(d.complianceState)],
                ["Encrypted", d.isEncrypted === undefined ? "—" : d.isEncrypted ? "Yes" : "No"],
                ["Microsoft Entra device ID", d.azureADDeviceId ?? "—"],
                ["Enrolled", formatDateTime(d.enrolledDateTime)],
                ["Last check-in", formatDateTime(d.lastSyncDateTime)],
              ]}
            />
            {!synced && <Text>Sync the device to receive its profiles and enroll its certificates.</Text>}
          </section>
        )}
        {tab === "configuration" && <DeviceConfiguration traces={traces} states={deviceConfigurationStates(d)} profiles={profileList} synced={synced} />}
        {tab === "certificates" && <DeviceCertificates tenantId={tenantId} deviceId={d.id} deviceName={d.deviceName} profiles={profileList} />}
        {tab === "real-client" && <EnrollRealClient tenantId={tenantId} deviceId={d.id} deviceName={d.deviceName} profiles={profileList} canWrite={canWrite} />}
      </div>
      <ConfirmDialog
        open={confirm}
        title="Delete device"
        confirmLabel="Delete"
        busy={del.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={() =>
          del.mutate(d, {
            onSuccess: () => navigate(paths.intune.allDevices),
            onSettled: () => setConfirm(false),
          })
        }
      >
        Delete {d.deviceName}? Its certificates and its enrollment history are removed from Intune.
      </ConfirmDialog>
    </Page>
  );
}
