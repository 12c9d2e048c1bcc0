// Builders of Intune objects done the way seed 001 part 3 (001_6feb1c2e8b30dee5.txt) does them: the SCEP settings
// of a correct profile, assignment targets, the facts of an uploaded CA certificate, and the Graph create body of a
// profile. Shared by the complete correct setup (setup/complete-setup.ts) and the tests (intune/testing.ts).
import { ASSIGNMENT_TARGET_TYPES, type TAssignmentTarget } from "./assignments";
import { CLIENT_AUTHENTICATION_OID, newProfileSettings, ROOT_CERTIFICATE_BIND, SCEP_TYPES, deviceConfigurationRef, type TPlatform } from "./profiles";
import type { SnapProfile, TrustedCertificateFacts } from "./snapshot";

/**
 * A SCEP profile's settings done right (seed 001 part 3): subject CN={{UserName}},E={{EmailAddress}}, SAN UPN, key
 * usage Digital signature + Key encipherment, Client Authentication, the portal's presets (2048 bits, renewal 20 %,
 * 1 year), the NDES URL; User certificates where the platform asks for the certificate type.
 */
export function scepSettings(platform: TPlatform, scepServerUrl: string): Record<string, unknown> {
  return {
    ...newProfileSettings(SCEP_TYPES[platform]),
    subjectNameFormat: "custom",
    subjectNameFormatString: "CN={{UserName}},E={{EmailAddress}}",
    customSubjectAlternativeNames: [{ sanType: "userPrincipalName", name: "{{UserPrincipalName}}" }],
    keyUsage: "keyEncipherment,digitalSignature",
    extendedKeyUsages: [{ name: "Client Authentication", objectIdentifier: CLIENT_AUTHENTICATION_OID }],
    scepServerUrls: [scepServerUrl],
    ...(platform === "windows" || platform === "androidDeviceOwner" || platform === "aosp" ? { certificateStore: "user" } : {}),
  };
}

export const groupTarget = (groupId: string): TAssignmentTarget => ({
  "@odata.type": `#${ASSIGNMENT_TARGET_TYPES.group}`,
  groupId,
  deviceAndAppManagementAssignmentFilterId: null,
  deviceAndAppManagementAssignmentFilterType: "none",
});
export const exclusionTarget = (groupId: string): TAssignmentTarget => ({
  "@odata.type": `#${ASSIGNMENT_TARGET_TYPES.exclusionGroup}`,
  groupId,
  deviceAndAppManagementAssignmentFilterId: null,
  deviceAndAppManagementAssignmentFilterType: "none",
});
export const allDevicesTarget = (): TAssignmentTarget => ({
  "@odata.type": `#${ASSIGNMENT_TARGET_TYPES.allDevices}`,
  deviceAndAppManagementAssignmentFilterId: null,
  deviceAndAppManagementAssignmentFilterType: "none",
});
export const allUsersTarget = (): TAssignmentTarget => ({
  "@odata.type": `#${ASSIGNMENT_TARGET_TYPES.allLicensedUsers}`,
  deviceAndAppManagementAssignmentFilterId: null,
  deviceAndAppManagementAssignmentFilterType: "none",
});
/** The trusted certificate facts of a lab CA's own certificate (what uploading its certutil -ca.cert export gives). */
export function factsOfCaCertificate(cert: {
  thumbprint: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  isCa: boolean;
  signatureAlgorithm?: string;
}): TrustedCertificateFacts {
  const { thumbprint, subject, issuer, notBefore, notAfter, isCa, signatureAlgorithm } = cert;
  return { thumbprint, subject, issuer, notBefore, notAfter, isCa, signatureAlgorithm, hasPrivateKey: false };
}


/**
 * The POST /deviceManagement/deviceConfigurations body that creates `p` (what the portal's wizard sends): the type,
 * the name, every setting that has a value, and for a SCEP profile the bind to its trusted certificate profile
 * `rootId` (default: the one it references). A trusted profile's body carries `trustedRootCertificate` only when
 * the caller gives the certificate (base64 of the DER .cer).
 */
export function profileCreateBody(p: SnapProfile, opts: { rootId?: string; trustedRootCertificate?: string } = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { "@odata.type": `#${p.odataType}`, displayName: p.displayName };
  for (const [key, value] of Object.entries(p.settings)) if (value !== null && value !== undefined) body[key] = structuredClone(value);
  if (opts.trustedRootCertificate !== undefined) body.trustedRootCertificate = opts.trustedRootCertificate;
  const rootId = opts.rootId ?? p.rootCertificateId;
  if (rootId) body[ROOT_CERTIFICATE_BIND] = deviceConfigurationRef(rootId);
  return body;
}
