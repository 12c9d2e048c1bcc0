// Catalogue A.5, the conditions Intune itself sees of its certificate connectors (Tenant administration ›
// Connectors and tokens › Certificate connectors): version, agreement between instances, check-in, count, certificate.
import type { SnapCertificateConnector } from "../../../intune/snapshot";
import { intuneRule, ref } from "../intune-rule";

/** Connectors before 6.2109.51.0 are unsupported (S4; the legacy NDES connector's support ended with it). */
export const MIN_SUPPORTED_CONNECTOR_VERSION = "6.2109.51.0";
/** Versions before 6.2101.13.0 "will show a status of Error" (S4). */
export const DEPRECATED_CONNECTOR_VERSION = "6.2101.13.0";
/** Latest listed release: 6.2406.0.2002, July 22 2025 (S4). */
export const LATEST_CONNECTOR_VERSION = "6.2406.0.2002";
/** "Last sync date is not updated for more than 1 day." (S30; the diagnostic module's default is 24 h). */
export const STALE_CHECKIN_MS = 24 * 60 * 60 * 1000;
export const MAX_CONNECTORS = 100;

/** Compares dotted versions numerically: -1, 0, 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(".").map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

const describe = (c: SnapCertificateConnector) => `'${c.connectorName}' on ${c.machineName}`;

export const CONN_VERSION_OUT_OF_SUPPORT = intuneRule(
  {
    code: "CONN_VERSION_OUT_OF_SUPPORT",
    severity: "warning",
    title: "The certificate connector's version is out of support",
    why:
      "Connectors older than 6.2109.51.0, and the legacy Microsoft Intune Connector, are no longer supported. " +
      '"Deprecated connectors show a Warning. After the six-month grace period, the warning changes to an Error."',
    fix: `Update or reinstall the Certificate Connector for Microsoft Intune (latest listed ${LATEST_CONNECTOR_VERSION}, July 22 2025).`,
    symptom:
      'admin center status **Warning** → **Error** ("Deprecated connectors show a Warning. After the six-month grace ' +
      'period, the warning changes to an Error.")',
    sources: ["S4"],
  },
  (ix, report) => {
    for (const c of ix.intune.certificateConnectors) {
      const old = compareVersions(c.version, MIN_SUPPORTED_CONNECTOR_VERSION) < 0;
      if (!old && c.generation !== "legacy") continue;
      const status = compareVersions(c.version, DEPRECATED_CONNECTOR_VERSION) < 0 ? "Error" : "Warning";
      const what = c.generation === "legacy" ? "the legacy Microsoft Intune Connector" : "a Certificate Connector";
      report(
        [ref.connector(c)],
        `${describe(c)} runs ${what} version ${c.version}, older than ${MIN_SUPPORTED_CONNECTOR_VERSION}; the admin center shows it as ${status}.`,
      );
    }
  },
);

export const CONN_VERSION_SKEW = intuneRule(
  {
    code: "CONN_VERSION_SKEW",
    severity: "warning",
    title: "The certificate connectors run different versions",
    why: "Several connector instances serve the same tenant and should behave the same.",
    fix: '"Each instance of the connector should be at the same version."',
    symptom: "none",
    sources: ["S4"],
  },
  (ix, report) => {
    const all = ix.intune.certificateConnectors;
    const versions = [...new Set(all.map((c) => c.version))];
    if (versions.length < 2) return;
    report(
      all.map(ref.connector),
      `The certificate connectors run ${versions.length} versions: ${all.map((c) => `${describe(c)} ${c.version}`).join(", ")}.`,
    );
  },
);

export const CONN_STALE_CHECKIN = intuneRule(
  {
    code: "CONN_STALE_CHECKIN",
    severity: "warning",
    title: "The certificate connector hasn't checked in for more than a day",
    why: "A connector that doesn't check in can't validate SCEP challenges or report issued certificates.",
    fix: "Check the connector's service, its network access to Intune, and its certificate.",
    symptom: '"Last sync date is not updated for more than 1 day."',
    sources: ["S30", "S31", "S46"],
  },
  (ix, report) => {
    for (const c of ix.intune.certificateConnectors) {
      const last = Date.parse(c.lastCheckinDateTime);
      if (!(ix.now - last > STALE_CHECKIN_MS)) continue;
      const hours = Math.floor((ix.now - last) / 3_600_000);
      const ago = hours >= 48 ? `${Math.floor(hours / 24)} days` : `${hours} hours`;
      report([ref.connector(c)], `${describe(c)} last checked in at ${c.lastCheckinDateTime}, ${ago} ago.`);
    }
  },
);

export const CONN_COUNT_LIMIT = intuneRule(
  {
    code: "CONN_COUNT_LIMIT",
    severity: "info",
    title: "More than 100 certificate connectors",
    why: "Intune supports up to 100 connector instances per tenant.",
    fix: '"up to 100 instances of the connector per Intune tenant, with each instance on a separate Windows Server"',
    symptom: "—",
    sources: ["S4"],
  },
  (ix, report, snapshot) => {
    const n = ix.intune.certificateConnectors.length;
    if (n > MAX_CONNECTORS)
      report([{ type: "tenant", ...snapshot.tenant }], `The tenant has ${n} certificate connectors; Intune supports up to ${MAX_CONNECTORS}.`);
  },
);
