// Entity types and sample entities shared by the OData layer's tests (not used by production code).
import type { EntityTypeInfo } from "./types";

export const userType: EntityTypeInfo = {
  name: "microsoft.graph.user",
  properties: {
    id: "string",
    displayName: "string",
    userPrincipalName: "string",
    mail: "string",
    givenName: "string",
    accountEnabled: "boolean",
    createdDateTime: "datetime",
    userType: "enum",
    assignedLicenses: "collection",
    businessPhones: "collection",
    employeeOrgData: "complex",
  },
  nested: {
    assignedLicenses: {
      name: "microsoft.graph.assignedLicense",
      properties: { skuId: "guid", disabledPlans: "collection" },
      elementKinds: { disabledPlans: "guid" },
    },
    employeeOrgData: { name: "microsoft.graph.employeeOrgData", properties: { division: "string", costCenter: "string" } },
  },
  elementKinds: { businessPhones: "string" },
};

export const INTUNE_SKU = "061f9ace-7d42-4136-88ac-31dc755f143f";
export const E3_SKU = "6fd2c87f-b296-42f0-b197-1e91e994b900";

export const users: Record<string, unknown>[] = [
  {
    id: "u1", displayName: "Adele Vance", userPrincipalName: "AdeleV@contoso.com", mail: "AdeleV@contoso.com", givenName: "Adele",
    accountEnabled: true, createdDateTime: "2025-03-01T10:00:00Z", userType: "Member",
    assignedLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }], businessPhones: ["+1 425 555 0109"],
    employeeOrgData: { division: "Sales", costCenter: "CC-1" },
  },
  {
    id: "u2", displayName: "alex wilber", userPrincipalName: "AlexW@contoso.com", mail: null, givenName: "Alex",
    accountEnabled: false, createdDateTime: "2026-02-15T08:30:00Z", userType: "Member",
    assignedLicenses: [{ skuId: E3_SKU, disabledPlans: [] }], businessPhones: [],
    employeeOrgData: null,
  },
  {
    id: "u3", displayName: "Megan O'Brien", userPrincipalName: "MeganB@contoso.com", mail: "MeganB@contoso.com", givenName: null,
    accountEnabled: true, createdDateTime: "2024-12-31T23:59:59Z", userType: "Guest",
    assignedLicenses: [
      { skuId: E3_SKU, disabledPlans: [] },
      { skuId: INTUNE_SKU.toUpperCase(), disabledPlans: ["c1ec4a95-1f05-45b3-a911-aa3fa01094f5"] },
    ],
    businessPhones: ["+1 412 555 0109", "+1 206 555 0100"],
    employeeOrgData: { division: "Engineering", costCenter: null },
  },
  {
    id: "u4", displayName: "Zoe Archer", userPrincipalName: "ZoeA@contoso.com", mail: "zoe@fabrikam.com", givenName: "Zoe",
    accountEnabled: true, createdDateTime: null, userType: "Member",
    assignedLicenses: [], businessPhones: [],
    employeeOrgData: { division: "sales", costCenter: "CC-2" },
  },
];

export const groupType: EntityTypeInfo = {
  name: "microsoft.graph.group",
  properties: { id: "string", displayName: "string", groupTypes: "collection", securityEnabled: "boolean", mailEnabled: "boolean" },
};

export const groups: Record<string, unknown>[] = [
  { id: "g1", displayName: "Intune Pilot", groupTypes: [], securityEnabled: true, mailEnabled: false },
  { id: "g2", displayName: "All Company", groupTypes: ["Unified"], securityEnabled: false, mailEnabled: true },
  { id: "g3", displayName: "Dynamic devices", groupTypes: ["DynamicMembership", "unified"], securityEnabled: true, mailEnabled: false },
];

export const applicationType: EntityTypeInfo = {
  name: "microsoft.graph.application",
  properties: { id: "string", displayName: "string", onPremisesPublishing: "complex" },
  nested: {
    onPremisesPublishing: {
      name: "microsoft.graph.onPremisesPublishing",
      properties: { externalUrl: "string", internalUrl: "string", externalAuthenticationType: "enum", isOnPremPublishingEnabled: "boolean" },
    },
  },
};

const ns = "microsoft.graph.";
export const deviceConfigurationType: EntityTypeInfo = {
  name: `${ns}deviceConfiguration`,
  caseInsensitive: false,
  properties: {
    id: "guid",
    displayName: "string",
    version: "number",
    createdDateTime: "datetime",
    lastModifiedDateTime: "datetime",
    renewalThresholdPercentage: "number",
    keyUsage: "flags",
    keySize: "enum",
    scepServerUrls: "collection",
    extendedKeyUsages: "collection",
  },
  nested: {
    extendedKeyUsages: { name: `${ns}extendedKeyUsage`, properties: { name: "string", objectIdentifier: "string" } },
  },
  elementKinds: { scepServerUrls: "string" },
  derivedTypes: [
    `${ns}iosTrustedRootCertificate`, `${ns}windows81TrustedRootCertificate`,
    `${ns}iosScepCertificateProfile`, `${ns}windows81SCEPCertificateProfile`,
  ],
  baseTypes: {
    [`${ns}iosTrustedRootCertificate`]: `${ns}deviceConfiguration`,
    [`${ns}windows81TrustedRootCertificate`]: `${ns}deviceConfiguration`,
    [`${ns}iosScepCertificateProfile`]: `${ns}iosCertificateProfileBase`,
    [`${ns}iosCertificateProfileBase`]: `${ns}iosCertificateProfile`,
    [`${ns}iosCertificateProfile`]: `${ns}deviceConfiguration`,
    [`${ns}windows81SCEPCertificateProfile`]: `${ns}windows81CertificateProfileBase`,
    [`${ns}windows81CertificateProfileBase`]: `${ns}windowsCertificateProfileBase`,
    [`${ns}windowsCertificateProfileBase`]: `${ns}deviceConfiguration`,
  },
};

export const deviceConfigurations: Record<string, unknown>[] = [
  {
    "@odata.type": "#microsoft.graph.iosTrustedRootCertificate", id: "0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0001",
    displayName: "iOS root", version: 1, createdDateTime: "2026-01-05T09:00:00Z", lastModifiedDateTime: "2026-01-05T09:00:00Z",
  },
  {
    "@odata.type": "#microsoft.graph.iosScepCertificateProfile", id: "0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0002",
    displayName: "iOS SCEP", version: 3, createdDateTime: "2026-01-06T09:00:00Z", lastModifiedDateTime: "2026-02-01T12:00:00Z",
    renewalThresholdPercentage: 20, keyUsage: "keyEncipherment,digitalSignature", keySize: "size2048",
    scepServerUrls: ["https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll"],
    extendedKeyUsages: [{ name: "Client Authentication", objectIdentifier: "1.3.6.1.5.5.7.3.2" }],
  },
  {
    "@odata.type": "#microsoft.graph.windows81SCEPCertificateProfile", id: "0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0003",
    displayName: "Windows SCEP", version: 2, createdDateTime: "2026-01-07T09:00:00Z", lastModifiedDateTime: "2026-01-07T09:00:00Z",
    renewalThresholdPercentage: 5, keyUsage: "digitalSignature", keySize: "size4096",
    scepServerUrls: [], extendedKeyUsages: [{ name: "Server Authentication", objectIdentifier: "1.3.6.1.5.5.7.3.1" }],
  },
  {
    "@odata.type": "microsoft.graph.windows81TrustedRootCertificate", id: "0B6F2A8E-58A4-4C1D-9D5E-1F1B7A0C0004",
    displayName: "windows root", version: 1, createdDateTime: "2026-01-04T09:00:00Z", lastModifiedDateTime: "2026-01-04T09:00:00Z",
  },
];

/** Ids of the entities a predicate keeps, in order. */
export function ids(entities: Record<string, unknown>[]): unknown[] {
  return entities.map((e) => e.id);
}
