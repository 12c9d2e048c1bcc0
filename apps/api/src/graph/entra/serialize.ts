// Database rows → Graph shapes for application proxy (graph-reference.md §8; property names exactly as Graph's).
import { CUSTOM_APPLICATION_TEMPLATE_ID } from "@certlab/domain/entra/on-premises-publishing";
import type { EntraOnPremisesPublishing } from "@certlab/domain/entra/snapshot";
import type { AppRoleAssignment, ConnectorGroup, Domain } from "../../generated/sqlite/client.ts";
import type { ApplicationRow, ServicePrincipalRow } from "../../store/entra/applications.ts";
import type { ConnectorRow } from "../../store/entra/connectors.ts";

const iso = (d: Date) => d.toISOString();

/** The "Custom" non-gallery template (§8.5 step 1), the only template Certlab serves. */
export const CUSTOM_TEMPLATE = {
  id: CUSTOM_APPLICATION_TEMPLATE_ID,
  displayName: "Custom",
  homePageUrl: null,
  logoUrl: null,
  publisher: "Microsoft Corporation",
  description: null,
  categories: [],
  supportedSingleSignOnModes: ["password", "saml", "notSupported"],
  supportedProvisioningTypes: [],
};

/** Every §8.4 property; the write-only credentials answer null (the PFX and its password are never returned). */
export function toGraphOnPremisesPublishing(p: EntraOnPremisesPublishing): Record<string, unknown> {
  return {
    externalUrl: p.externalUrl,
    internalUrl: p.internalUrl,
    alternateUrl: p.alternateUrl ?? null,
    externalAuthenticationType: p.externalAuthenticationType,
    applicationServerTimeout: p.applicationServerTimeout,
    applicationType: p.applicationType ?? "webapp",
    isTranslateHostHeaderEnabled: p.isTranslateHostHeaderEnabled,
    isTranslateLinksInBodyEnabled: p.isTranslateLinksInBodyEnabled,
    isHttpOnlyCookieEnabled: p.isHttpOnlyCookieEnabled,
    isSecureCookieEnabled: p.isSecureCookieEnabled,
    isPersistentCookieEnabled: p.isPersistentCookieEnabled,
    isBackendCertificateValidationEnabled: p.isBackendCertificateValidationEnabled,
    isOnPremPublishingEnabled: p.isOnPremPublishingEnabled,
    isStateSessionEnabled: p.isStateSessionEnabled ?? false,
    isAccessibleViaZTNAClient: p.isAccessibleViaZTNAClient ?? false,
    isDnsResolutionEnabled: p.isDnsResolutionEnabled ?? false,
    useAlternateUrlForTranslationAndRedirect: p.useAlternateUrlForTranslationAndRedirect ?? false,
    isContinuousAccessEvaluationEnabled: false,
    verifiedCustomDomainCertificatesMetadata: p.verifiedCustomDomainCertificatesMetadata ?? null,
    verifiedCustomDomainKeyCredential: null,
    verifiedCustomDomainPasswordCredential: null,
    singleSignOnSettings: { singleSignOnMode: p.singleSignOnSettings?.singleSignOnMode ?? "none", kerberosSignOnSettings: null },
    segmentsConfiguration: null,
    onPremisesApplicationSegments: [],
  };
}

/** The application with onPremisesPublishing (callers drop it unless $select names it, §8.4). */
export function toGraphApplication(a: ApplicationRow, publisherDomain: string): Record<string, unknown> {
  return {
    id: a.id,
    appId: a.appId,
    applicationTemplateId: a.applicationTemplateId,
    displayName: a.displayName,
    createdDateTime: iso(a.createdDateTime),
    publisherDomain,
    signInAudience: a.parsed.signInAudience,
    identifierUris: a.parsed.identifierUris,
    tags: a.parsed.tags,
    web: { ...a.parsed.web, redirectUriSettings: a.parsed.web.redirectUris.map((uri) => ({ uri, index: null })) },
    onPremisesPublishing: a.parsed.onPremisesPublishing ? toGraphOnPremisesPublishing(a.parsed.onPremisesPublishing) : null,
  };
}

export function toGraphServicePrincipal(s: ServicePrincipalRow, tenantId: string): Record<string, unknown> {
  return {
    id: s.id,
    appId: s.appId,
    applicationTemplateId: s.parsed.applicationTemplateId,
    appDisplayName: s.displayName,
    displayName: s.displayName,
    accountEnabled: s.parsed.accountEnabled,
    appRoleAssignmentRequired: s.parsed.appRoleAssignmentRequired,
    servicePrincipalType: s.parsed.servicePrincipalType,
    preferredSingleSignOnMode: s.parsed.preferredSingleSignOnMode,
    homepage: s.parsed.homepage,
    appOwnerOrganizationId: tenantId,
    signInAudience: "AzureADMyOrg",
    servicePrincipalNames: [s.appId],
    tags: s.parsed.tags,
    appRoles: [],
  };
}

export function toGraphAppRoleAssignment(a: AppRoleAssignment, resourceDisplayName: string): Record<string, unknown> {
  return {
    id: a.id,
    deletedDateTime: null,
    appRoleId: a.appRoleId,
    createdDateTime: iso(a.createdDateTime),
    principalDisplayName: a.principalDisplayName,
    principalId: a.principalId,
    principalType: a.principalType,
    resourceDisplayName,
    resourceId: a.resourceId,
  };
}

export function toGraphConnector(c: ConnectorRow): Record<string, unknown> {
  return { id: c.id, machineName: c.machineName, externalIp: c.externalIp, status: c.status, version: c.connectorVersion };
}

export function toGraphConnectorGroup(g: ConnectorGroup): Record<string, unknown> {
  return { id: g.id, name: g.name, connectorGroupType: "applicationProxy", isDefault: g.isDefault, region: g.region };
}

export function toGraphVerificationRecords(d: Domain): Record<string, unknown>[] {
  const code = d.verificationCode.replace(/^MS=/i, "");
  return [
    { "@odata.type": "#microsoft.graph.domainDnsTxtRecord", id: `aceff52c-06a5-447f-ac5f-256ad243cc5c-${d.name}`, isOptional: false, label: d.name, recordType: "Txt", supportedService: "Email", ttl: 3600, text: d.verificationCode },
    { "@odata.type": "#microsoft.graph.domainDnsMxRecord", id: `5fbde38c-0865-497f-82b1-126f596bcee9-${d.name}`, isOptional: false, label: d.name, recordType: "Mx", supportedService: "Email", ttl: 3600, mailExchange: `${code}.msv1.invalid`, preference: 32767 },
  ];
}
