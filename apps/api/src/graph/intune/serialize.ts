// Stored Intune objects → Graph shapes (graph-reference.md §2–§7; property names exactly as Graph's).
import { toGraphProfile, type StoredProfile } from "@certlab/domain/intune/profiles";
import { toGraphAssignment } from "@certlab/domain/intune/assignments";
import { certificateFactsOf, targetOf, type AssignmentRow } from "../../store/intune/rows.ts";
import type { ConnectorView } from "../../store/intune/store.ts";

/**
 * Beyond Graph (an OData property annotation, which Graph clients ignore): what Certlab read from the uploaded
 * certificate — subject, issuer, thumbprint, validity, whether it is a CA — for the portal's profile page.
 */
export const CERTIFICATE_ANNOTATION = "trustedRootCertificate@certlab.certificateInfo";

export function toGraphDeviceConfiguration(p: StoredProfile): Record<string, unknown> {
  const out = toGraphProfile(p);
  const facts = certificateFactsOf(p);
  if (facts && "trustedRootCertificate" in out) {
    // OData writes a property annotation just before the property it annotates
    const ordered: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(out)) {
      if (k === "trustedRootCertificate") ordered[CERTIFICATE_ANNOTATION] = facts;
      ordered[k] = v;
    }
    return ordered;
  }
  return out;
}

export function toGraphDeviceConfigurationAssignment(row: AssignmentRow): Record<string, unknown> {
  return toGraphAssignment(row.deviceConfigurationId, targetOf(row), row.intent === "remove" ? "remove" : "apply");
}

const iso = (d: Date) => d.toISOString();

export function toGraphNdesConnector({ row, state, lastCheckin }: ConnectorView): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.ndesConnector",
    id: row.id,
    lastConnectionDateTime: iso(lastCheckin),
    state,
    displayName: row.connectorName,
    machineName: row.machineName,
    enrolledDateTime: iso(row.enrollmentDateTime),
    roleScopeTagIds: ["0"],
    connectorVersion: row.connectorVersion,
  };
}

export function toGraphCertificateConnectorDetails({ row, lastCheckin }: ConnectorView): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.certificateConnectorDetails",
    id: row.id,
    connectorName: row.connectorName,
    machineName: row.machineName,
    enrollmentDateTime: iso(row.enrollmentDateTime),
    lastCheckinDateTime: iso(lastCheckin),
    connectorVersion: row.connectorVersion,
  };
}
