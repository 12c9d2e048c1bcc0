// What $filter / $orderby / $select may name on the Entra application proxy collections (shared OData layer).
import type { EntityTypeInfo } from "../odata/types.ts";

const ON_PREMISES_PUBLISHING_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.onPremisesPublishing",
  properties: {
    externalUrl: "string",
    internalUrl: "string",
    alternateUrl: "string",
    externalAuthenticationType: "enum",
    applicationServerTimeout: "string",
    applicationType: "string",
    isTranslateHostHeaderEnabled: "boolean",
    isTranslateLinksInBodyEnabled: "boolean",
    isHttpOnlyCookieEnabled: "boolean",
    isSecureCookieEnabled: "boolean",
    isPersistentCookieEnabled: "boolean",
    isBackendCertificateValidationEnabled: "boolean",
    isOnPremPublishingEnabled: "boolean",
    isStateSessionEnabled: "boolean",
    isAccessibleViaZTNAClient: "boolean",
    isDnsResolutionEnabled: "boolean",
    useAlternateUrlForTranslationAndRedirect: "boolean",
    isContinuousAccessEvaluationEnabled: "boolean",
    verifiedCustomDomainCertificatesMetadata: "complex",
    verifiedCustomDomainKeyCredential: "complex",
    verifiedCustomDomainPasswordCredential: "complex",
    singleSignOnSettings: "complex",
    segmentsConfiguration: "complex",
    onPremisesApplicationSegments: "collection",
  },
};

export const APPLICATION_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.application",
  properties: {
    id: "guid",
    appId: "guid",
    applicationTemplateId: "guid",
    displayName: "string",
    createdDateTime: "datetime",
    signInAudience: "string",
    publisherDomain: "string",
    identifierUris: "collection",
    tags: "collection",
    web: "complex",
    onPremisesPublishing: "complex",
  },
  nested: {
    onPremisesPublishing: ON_PREMISES_PUBLISHING_TYPE,
    web: { name: "microsoft.graph.webApplication", properties: { homePageUrl: "string", logoutUrl: "string", redirectUris: "collection", implicitGrantSettings: "complex" } },
  },
  elementKinds: { identifierUris: "string", tags: "string" },
};

export const SERVICE_PRINCIPAL_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.servicePrincipal",
  properties: {
    id: "guid",
    appId: "guid",
    applicationTemplateId: "guid",
    appDisplayName: "string",
    displayName: "string",
    accountEnabled: "boolean",
    appRoleAssignmentRequired: "boolean",
    servicePrincipalType: "string",
    preferredSingleSignOnMode: "string",
    homepage: "string",
    appOwnerOrganizationId: "guid",
    signInAudience: "string",
    servicePrincipalNames: "collection",
    tags: "collection",
    appRoles: "collection",
  },
  elementKinds: { servicePrincipalNames: "string", tags: "string" },
};

export const APP_ROLE_ASSIGNMENT_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.appRoleAssignment",
  properties: {
    id: "string",
    appRoleId: "guid",
    createdDateTime: "datetime",
    principalDisplayName: "string",
    principalId: "guid",
    principalType: "string",
    resourceDisplayName: "string",
    resourceId: "guid",
  },
};

export const APPLICATION_TEMPLATE_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.applicationTemplate",
  properties: {
    id: "guid",
    displayName: "string",
    homePageUrl: "string",
    logoUrl: "string",
    publisher: "string",
    description: "string",
    categories: "collection",
    supportedSingleSignOnModes: "collection",
    supportedProvisioningTypes: "collection",
  },
  elementKinds: { categories: "string", supportedSingleSignOnModes: "string", supportedProvisioningTypes: "string" },
};

export const CONNECTOR_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.connector",
  properties: { id: "string", machineName: "string", externalIp: "string", status: "enum", version: "string" },
};

export const CONNECTOR_GROUP_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.connectorGroup",
  properties: { id: "string", name: "string", connectorGroupType: "enum", isDefault: "boolean", region: "enum" },
};

export const PUBLISHING_PROFILE_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.onPremisesPublishingProfile",
  properties: { id: "string", isEnabled: "boolean", isDefaultAccessEnabled: "boolean", hybridAgentUpdaterConfiguration: "complex" },
};

export const DOMAIN_DNS_RECORD_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.domainDnsRecord",
  properties: { id: "string", isOptional: "boolean", label: "string", recordType: "string", supportedService: "string", ttl: "number", text: "string", mailExchange: "string", preference: "number" },
  derivedTypes: ["microsoft.graph.domainDnsTxtRecord", "microsoft.graph.domainDnsMxRecord"],
};
