// DeviceConfiguration / assignment / CertificateConnector rows ↔ the domain's shapes (packages/domain intune).
import type { CertificateConnector, DeviceConfiguration, DeviceConfigurationAssignment } from "../../generated/sqlite/client.ts";
import { TYPE_PROPERTIES, type StoredProfile, type TProfileType } from "@certlab/domain/intune/profiles";
import type { TAssignmentTarget } from "@certlab/domain/intune/assignments";
import type { SnapProfile, TrustedCertificateFacts } from "@certlab/domain/intune/snapshot";
import { CERTIFICATE_FACTS_KEY } from "./certificate.ts";

export type ProfileRow = DeviceConfiguration;
export type AssignmentRow = DeviceConfigurationAssignment;
export type ConnectorRow = CertificateConnector;

export function storedOf(row: ProfileRow): StoredProfile {
  return {
    id: row.id,
    odataType: row.odataType as TProfileType,
    displayName: row.displayName,
    description: row.description,
    createdDateTime: row.createdDateTime.toISOString(),
    lastModifiedDateTime: row.lastModifiedDateTime.toISOString(),
    version: row.version,
    roleScopeTagIds: JSON.parse(row.roleScopeTagIds) as string[],
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    rootCertificateId: row.rootCertificateId,
  };
}

/** The parsed certificate Certlab keeps beside a trusted certificate profile's settings. */
export function certificateFactsOf(stored: Pick<StoredProfile, "settings">): TrustedCertificateFacts | undefined {
  const facts = stored.settings[CERTIFICATE_FACTS_KEY];
  return facts && typeof facts === "object" ? (facts as TrustedCertificateFacts) : undefined;
}

/** A stored profile as the rule engine sees it: the type's own properties as Graph returns them. */
export function snapProfileOf(stored: StoredProfile): SnapProfile {
  const settings: Record<string, unknown> = {};
  for (const [key, unset] of Object.entries(TYPE_PROPERTIES[stored.odataType] ?? {})) {
    const value = stored.settings[key];
    settings[key] = value === undefined ? structuredClone(unset) : value;
  }
  const certificate = certificateFactsOf(stored);
  return {
    id: stored.id,
    odataType: stored.odataType,
    displayName: stored.displayName,
    settings,
    rootCertificateId: stored.rootCertificateId,
    ...(certificate ? { certificate } : {}),
  };
}

export function targetOf(row: AssignmentRow): TAssignmentTarget {
  return JSON.parse(row.target) as TAssignmentTarget;
}
