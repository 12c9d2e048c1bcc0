// Devices: All devices (Certlab's simulated devices, issue 10) and the Manage devices menu, of which Certlab models
// Configuration (trusted certificate and SCEP profiles).
import { Text } from "@fluentui/react-components";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { paths } from "@/shared/paths";

export default function DevicesHomeRoute() {
  return (
    <Page title="Devices" subtitle="Manage devices">
      <ul style={{ margin: 0, paddingLeft: 20, display: "flex", flexDirection: "column", gap: 6 }}>
        <li>
          <AppLink to={paths.intune.allDevices}>All devices</AppLink> — Certlab's simulated devices: Sync, the enrollment trace, their certificates
        </li>
        <li>
          <AppLink to={paths.intune.configuration}>Configuration</AppLink> — trusted certificate and SCEP certificate profiles
        </li>
      </ul>
      <Text size={200}>Compliance, scripts and enrollment restrictions are not part of the SCEP scenario.</Text>
    </Page>
  );
}
