// Devices > All devices (issue 10): Certlab's simulated managed devices with the columns the portal shows (Device
// name, Managed by, Ownership, Compliance, OS, OS version, Primary user UPN, Last check-in), a search by name or
// user, Refresh, and "Create device" (a Certlab simulated device; the real portal enrolls real ones).
import { useState } from "react";
import { Button, SearchBox, Text } from "@fluentui/react-components";
import { Add20Regular, ArrowClockwise20Regular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { SimpleTable } from "@/shared/components/simple-table";
import { formatDateTime } from "@/shared/lib/format";
import { paths } from "@/shared/paths";
import { useSignedInSession } from "@/shared/session/session";
import { useCanWriteDevices } from "@/features/intune/devices/lib/can-write";
import { useDevices, type ManagedDevice } from "@/features/intune/devices/api/devices";
import { complianceText, ownerText } from "@/features/intune/devices/lib/labels";

function matches(d: ManagedDevice, text: string): boolean {
  const q = text.trim().toLowerCase();
  if (!q) return true;
  return [d.deviceName, d.userPrincipalName, d.userDisplayName, d.serialNumber].some((v) => (v ?? "").toLowerCase().includes(q));
}

export default function DevicesListRoute() {
  const session = useSignedInSession();
  const canWrite = useCanWriteDevices();
  const navigate = useNavigate();
  const query = useDevices(session.tenant.id);
  const [search, setSearch] = useState("");
  const rows = (query.data?.value ?? []).filter((d) => matches(d, search)).sort((a, b) => a.deviceName.localeCompare(b.deviceName));

  return (
    <Page
      title="All devices"
      subtitle="Devices"
      commands={
        <>
          {canWrite && (
            <Button appearance="subtle" icon={<Add20Regular />} onClick={() => navigate(paths.intune.createDevice)}>
              Create device
            </Button>
          )}
          <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void query.refetch()}>
            Refresh
          </Button>
        </>
      }
    >
      <Text>Certlab's simulated devices: each one receives the trusted certificate and SCEP profiles assigned to it or its user, and enrolls through the lab when you Sync it.</Text>
      <SearchBox aria-label="Search by device name, user or serial number" placeholder="Search" value={search} onChange={(_e, d) => setSearch(d.value)} style={{ maxWidth: 360 }} />
      {query.isPending && <Loading />}
      {query.error && <ErrorMessage error={query.error} />}
      {query.data && (
        <>
          <Text size={200}>{`Showing ${rows.length} of ${query.data.value.length} records`}</Text>
          <SimpleTable
            aria-label="Devices"
            rows={rows}
            rowKey={(d) => d.id}
            empty={query.data.value.length ? "No devices match the search" : "No devices yet. Create one to see what a device experiences."}
            columns={[
              { header: "Device name", cell: (d) => <AppLink to={paths.intune.device(d.id)}>{d.deviceName}</AppLink> },
              { header: "Managed by", cell: (d) => (d.managementAgent === "mdm" || !d.managementAgent ? "Intune" : d.managementAgent) },
              { header: "Ownership", cell: (d) => ownerText(d.managedDeviceOwnerType) },
              { header: "Compliance", cell: (d) => complianceText(d.complianceState) },
              { header: "OS", cell: (d) => d.operatingSystem },
              { header: "OS version", cell: (d) => d.osVersion ?? "—" },
              { header: "Primary user UPN", cell: (d) => d.userPrincipalName ?? "None" },
              { header: "Last check-in", cell: (d) => formatDateTime(d.lastSyncDateTime) },
            ]}
          />
        </>
      )}
    </Page>
  );
}
