// What the portal calls each Graph value (rules-reference.md C.1–C.2).
import type { SampleDevice, SampleUser } from "@certlab/domain/intune/subject-name";

export const CERTIFICATE_TYPE_LABELS = { user: "User", machine: "Device" } as const;

export const KSP_LABELS: Record<string, string> = {
  useTpmKspOtherwiseUseSoftwareKsp: "Enroll to Trusted Platform Module (TPM) KSP if present, otherwise Software KSP",
  useTpmKspOtherwiseFail: "Enroll to Trusted Platform Module (TPM) KSP, otherwise fail",
  usePassportForWorkKspOtherwiseFail: "Enroll to Windows Hello for Business, otherwise fail",
  useSoftwareKsp: "Enroll to Software KSP",
};

export const KEY_SIZE_LABELS: Record<string, string> = { size1024: "1024", size2048: "2048", size4096: "4096" };
export const HASH_LABELS: Record<string, string> = { sha1: "SHA-1", sha2: "SHA-2" };
export const SCALE_LABELS: Record<string, string> = { days: "Days", months: "Months", years: "Years" };

export const SAN_LABELS: Record<string, string> = {
  emailAddress: "Email address",
  userPrincipalName: "User principal name (UPN)",
  domainNameService: "DNS",
  universalResourceIdentifier: "Uniform Resource Identifier (URI)",
};

export const DESTINATION_STORE_LABELS: Record<string, string> = {
  computerCertStoreRoot: "Computer certificate store - Root",
  computerCertStoreIntermediate: "Computer certificate store - Intermediate",
  userCertStoreIntermediate: "User certificate store - Intermediate",
};

export const DEPLOYMENT_CHANNEL_LABELS: Record<string, string> = { deviceChannel: "Device channel", userChannel: "User channel" };

export const CERTIFICATE_ACCESS_LABELS: Record<string, string> = {
  userApproval: "Require user approval for apps",
  specificApps: "Grant silently for specific apps (require user approval for other apps)",
};

export const KEY_USAGE_LABELS: Record<string, string> = { digitalSignature: "Digital signature", keyEncipherment: "Key encipherment" };

/** The sample the subject name preview resolves variables for. */
export function sampleUser(upn: string, displayName: string): SampleUser {
  const alias = upn.split("@")[0] ?? upn;
  const [given, ...rest] = displayName.split(" ");
  return {
    userPrincipalName: upn,
    userName: alias,
    emailAddress: upn,
    onPremisesSamAccountName: alias,
    onPremisesUserPrincipalName: `${alias}@corp.contoso.com`,
    onPremisesDistinguishedName: `CN=${displayName},OU=Users,DC=corp,DC=contoso,DC=com`,
    onPremisesSecurityIdentifier: "S-1-5-21-1004336348-1177238915-682003330-1108",
    department: "IT",
    givenName: given,
    surname: rest.join(" ") || undefined,
  };
}

export const SAMPLE_DEVICE: SampleDevice = {
  aadDeviceId: "4f1c2b7e-91a3-4c55-b0de-6a8f1e2d3c4b",
  deviceId: "b3e8d2a1-5c6f-4e7a-9b0c-1d2e3f4a5b6c",
  serialNumber: "F2LXK1JHJGH5",
  imei: "352099001761481",
  meid: "35209900176148",
  deviceName: "CONTOSO-DEVICE-01",
  fullyQualifiedDomainName: "contoso-device-01.corp.contoso.com",
  wifiMacAddress: "3C22FB0A1B2C",
};
