// What $filter / $orderby / $select may name on each directory collection (shared OData layer).
import type { EntityTypeInfo } from "../odata/types.ts";

export const USER_TYPE: EntityTypeInfo = {
  navigationProperties: [],
  name: "microsoft.graph.user",
  properties: {
    id: "guid",
    displayName: "string",
    userPrincipalName: "string",
    givenName: "string",
    surname: "string",
    mail: "string",
    jobTitle: "string",
    department: "string",
    usageLocation: "string",
    userType: "string",
    accountEnabled: "boolean",
    assignedLicenses: "collection",
    createdDateTime: "datetime",
  },
  nested: { assignedLicenses: { name: "microsoft.graph.assignedLicense", properties: { skuId: "guid", disabledPlans: "collection" } } },
};

export const GROUP_TYPE: EntityTypeInfo = {
  navigationProperties: [],
  name: "microsoft.graph.group",
  properties: {
    id: "guid",
    displayName: "string",
    description: "string",
    mail: "string",
    mailEnabled: "boolean",
    mailNickname: "string",
    securityEnabled: "boolean",
    groupTypes: "collection",
    createdDateTime: "datetime",
  },
  elementKinds: { groupTypes: "string" },
};

/** Members of a group and memberOf answers: users and groups together, told apart by @odata.type. */
export const DIRECTORY_OBJECT_TYPE: EntityTypeInfo = {
  navigationProperties: [],
  name: "microsoft.graph.directoryObject",
  properties: { ...USER_TYPE.properties, ...GROUP_TYPE.properties },
  nested: USER_TYPE.nested,
  elementKinds: GROUP_TYPE.elementKinds,
  derivedTypes: ["microsoft.graph.user", "microsoft.graph.group"],
};

export const ORGANIZATION_TYPE: EntityTypeInfo = {
  navigationProperties: [],
  name: "microsoft.graph.organization",
  properties: {
    id: "guid",
    displayName: "string",
    tenantType: "string",
    countryLetterCode: "string",
    preferredLanguage: "string",
    createdDateTime: "datetime",
    mobileDeviceManagementAuthority: "enum",
    verifiedDomains: "collection",
    technicalNotificationMails: "collection",
    marketingNotificationEmails: "collection",
    privacyProfile: "complex",
  },
};

export const DOMAIN_TYPE: EntityTypeInfo = {
  navigationProperties: [],
  name: "microsoft.graph.domain",
  properties: { id: "string", authenticationType: "string", isDefault: "boolean", isInitial: "boolean", isRoot: "boolean", isVerified: "boolean", supportedServices: "collection" },
};

export const SUBSCRIBED_SKU_TYPE: EntityTypeInfo = {
  navigationProperties: [],
  name: "microsoft.graph.subscribedSku",
  properties: { id: "string", capabilityStatus: "string", appliesTo: "string", skuId: "guid", skuPartNumber: "string", consumedUnits: "number", prepaidUnits: "complex", servicePlans: "collection" },
};

export const ROLE_DEFINITION_TYPE: EntityTypeInfo = {
  navigationProperties: [],
  name: "microsoft.graph.unifiedRoleDefinition",
  properties: { id: "guid", templateId: "guid", displayName: "string", description: "string", isBuiltIn: "boolean", isEnabled: "boolean", resourceScopes: "collection", version: "string", rolePermissions: "collection" },
};

export const ROLE_ASSIGNMENT_TYPE: EntityTypeInfo = {
  navigationProperties: [],
  name: "microsoft.graph.unifiedRoleAssignment",
  properties: { id: "string", principalId: "guid", roleDefinitionId: "guid", directoryScopeId: "string", appScopeId: "string", condition: "string", roleDefinitionDisplayName: "string" },
};

export const DIRECTORY_AUDIT_TYPE: EntityTypeInfo = {
  navigationProperties: [],
  name: "microsoft.graph.directoryAudit",
  properties: {
    id: "string",
    category: "string",
    correlationId: "guid",
    result: "enum",
    resultReason: "string",
    activityDisplayName: "string",
    activityDateTime: "datetime",
    loggedByService: "string",
    operationType: "string",
    initiatedBy: "complex",
    targetResources: "collection",
    additionalDetails: "collection",
  },
  nested: {
    initiatedBy: {
      name: "microsoft.graph.auditActivityInitiator",
      properties: { user: "complex", app: "complex" },
    },
    targetResources: { name: "microsoft.graph.targetResource", properties: { id: "string", displayName: "string", type: "string", userPrincipalName: "string", modifiedProperties: "collection" } },
  },
};
