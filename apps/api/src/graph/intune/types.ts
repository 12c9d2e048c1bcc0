// What $filter / $orderby / $select may name on the Intune collections (shared OData layer). deviceConfigurations is
// polymorphic: its type lists every property of the twelve certificate profile types, and isof() follows the
// inheritance of graph-reference.md §4.1 (so isof('microsoft.graph.windowsCertificateProfileBase') matches too).
import { PLATFORMS, SCEP_TYPES, TRUSTED_ROOT_TYPES } from "@certlab/domain/intune/profile-types";
import type { EntityTypeInfo, PropKind } from "../odata/types.ts";

const DEVICE_CONFIGURATION = "microsoft.graph.deviceConfiguration";

/** Direct base of each type, up to deviceConfiguration (abstract intermediates included). */
const BASE_TYPES: Record<string, string> = {
  [SCEP_TYPES.iOS]: "microsoft.graph.iosCertificateProfileBase",
  "microsoft.graph.iosCertificateProfileBase": "microsoft.graph.iosCertificateProfile",
  "microsoft.graph.iosCertificateProfile": DEVICE_CONFIGURATION,
  [SCEP_TYPES.macOS]: "microsoft.graph.macOSCertificateProfileBase",
  "microsoft.graph.macOSCertificateProfileBase": DEVICE_CONFIGURATION,
  [SCEP_TYPES.windows]: "microsoft.graph.windows81CertificateProfileBase",
  "microsoft.graph.windows81CertificateProfileBase": "microsoft.graph.windowsCertificateProfileBase",
  "microsoft.graph.windowsCertificateProfileBase": DEVICE_CONFIGURATION,
  [SCEP_TYPES.androidWorkProfile]: "microsoft.graph.androidWorkProfileCertificateProfileBase",
  "microsoft.graph.androidWorkProfileCertificateProfileBase": DEVICE_CONFIGURATION,
  [SCEP_TYPES.androidDeviceOwner]: "microsoft.graph.androidDeviceOwnerCertificateProfileBase",
  "microsoft.graph.androidDeviceOwnerCertificateProfileBase": DEVICE_CONFIGURATION,
  [SCEP_TYPES.aosp]: "microsoft.graph.aospDeviceOwnerCertificateProfileBase",
  "microsoft.graph.aospDeviceOwnerCertificateProfileBase": DEVICE_CONFIGURATION,
  ...Object.fromEntries(PLATFORMS.map((p) => [TRUSTED_ROOT_TYPES[p], DEVICE_CONFIGURATION])),
};

const str: PropKind = "string";

export const DEVICE_CONFIGURATION_TYPE: EntityTypeInfo = {
  name: DEVICE_CONFIGURATION,
  properties: {
    id: str,
    createdDateTime: "datetime",
    lastModifiedDateTime: "datetime",
    roleScopeTagIds: "collection",
    supportsScopeTags: "boolean",
    deviceManagementApplicabilityRuleOsEdition: "complex",
    deviceManagementApplicabilityRuleOsVersion: "complex",
    deviceManagementApplicabilityRuleDeviceMode: "complex",
    description: str,
    displayName: str,
    version: "number",
    // trusted certificate
    trustedRootCertificate: str,
    certFileName: str,
    destinationStore: "enum",
    deploymentChannel: "enum",
    // SCEP
    renewalThresholdPercentage: "number",
    subjectNameFormat: "enum",
    subjectAlternativeNameType: "flags",
    certificateValidityPeriodValue: "number",
    certificateValidityPeriodScale: "enum",
    extendedKeyUsages: "collection",
    customSubjectAlternativeNames: "collection",
    scepServerUrls: "collection",
    subjectNameFormatString: str,
    subjectAlternativeNameFormatString: str,
    keyUsage: "flags",
    keySize: "enum",
    certificateStore: "enum",
    hashAlgorithm: "flags",
    keyStorageProvider: "enum",
    allowAllAppsAccess: "boolean",
    certificateAccessType: "enum",
    silentCertificateAccessDetails: "collection",
  },
  elementKinds: { roleScopeTagIds: str, scepServerUrls: str },
  nested: {
    extendedKeyUsages: { name: "microsoft.graph.extendedKeyUsage", properties: { name: str, objectIdentifier: str } },
    customSubjectAlternativeNames: { name: "microsoft.graph.customSubjectAlternativeName", properties: { sanType: "flags", name: str } },
    silentCertificateAccessDetails: { name: "microsoft.graph.androidDeviceOwnerSilentCertificateAccess", properties: { packageId: str } },
  },
  derivedTypes: [...new Set([...Object.keys(BASE_TYPES), ...Object.values(BASE_TYPES)])].filter((t) => t !== DEVICE_CONFIGURATION),
  baseTypes: BASE_TYPES,
};

export const ASSIGNMENT_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.deviceConfigurationAssignment",
  properties: { id: str, source: "enum", sourceId: str, intent: "enum", target: "complex" },
  nested: {
    target: {
      name: "microsoft.graph.deviceAndAppManagementAssignmentTarget",
      properties: { groupId: str, deviceAndAppManagementAssignmentFilterId: str, deviceAndAppManagementAssignmentFilterType: "enum" },
    },
  },
};

export const NDES_CONNECTOR_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.ndesConnector",
  properties: {
    id: str,
    lastConnectionDateTime: "datetime",
    state: "enum",
    displayName: str,
    machineName: str,
    enrolledDateTime: "datetime",
    roleScopeTagIds: "collection",
    connectorVersion: str,
  },
  elementKinds: { roleScopeTagIds: str },
};

export const CERTIFICATE_CONNECTOR_DETAILS_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.certificateConnectorDetails",
  properties: {
    id: str,
    connectorName: str,
    machineName: str,
    enrollmentDateTime: "datetime",
    lastCheckinDateTime: "datetime",
    connectorVersion: str,
  },
};
