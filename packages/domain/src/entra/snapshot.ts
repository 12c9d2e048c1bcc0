// What the rule engine, the lab browser and the portal's live checks see of Entra application proxy: connectors,
// connector groups, the published on-premises applications and the custom domains they use. Plain, serialisable
// data the API assembles from the store (graph-reference.md §8; seeds 000, 003, 004). Property names follow Graph.

/** `externalAuthenticationType`: the portal's Pre Authentication "Microsoft Entra ID" / "Passthrough" (§8.4). */
export type ExternalAuthenticationType = "aadPreAuthentication" | "passthru";
/** `applicationServerTimeout`: Backend Application Timeout "Default" (85 s) / "Long" (180 s). */
export type ApplicationServerTimeout = "default" | "long";
/** `connectorGroup.region` (§8.3). */
export type ConnectorGroupRegion = "nam" | "eur" | "aus" | "asia" | "ind";
export type ConnectorStatus = "active" | "inactive";

export type SingleSignOnMode = "none" | "onPremisesKerberos" | "saml" | "pingHeaderBased" | "aadHeaderBased";

/** Read-only `verifiedCustomDomainCertificatesMetadata`; null on the default msappproxy.net domain. */
export type VerifiedCustomDomainCertificatesMetadata = {
  expiryDate: string;
  issueDate: string;
  issuerName: string;
  subjectName: string;
  thumbprint: string;
};

/**
 * `application.onPremisesPublishing` as stored (defaults applied, §8.4). The uploaded PFX and its password
 * (`verifiedCustomDomainKeyCredential` / `…PasswordCredential`) are write-only secrets and never in a snapshot;
 * what was parsed from the PFX is `EntraApplication.customDomainCertificate`.
 */
export type EntraOnPremisesPublishing = {
  externalUrl: string;
  internalUrl: string;
  externalAuthenticationType: ExternalAuthenticationType;
  applicationServerTimeout: ApplicationServerTimeout;
  /** Read-only, system-set. */
  applicationType?: string | null;
  isTranslateHostHeaderEnabled: boolean;
  isTranslateLinksInBodyEnabled: boolean;
  isHttpOnlyCookieEnabled: boolean;
  isSecureCookieEnabled: boolean;
  isPersistentCookieEnabled: boolean;
  isBackendCertificateValidationEnabled: boolean;
  isOnPremPublishingEnabled: boolean;
  isStateSessionEnabled?: boolean;
  isAccessibleViaZTNAClient?: boolean;
  isDnsResolutionEnabled?: boolean;
  alternateUrl?: string | null;
  useAlternateUrlForTranslationAndRedirect?: boolean;
  verifiedCustomDomainCertificatesMetadata?: VerifiedCustomDomainCertificatesMetadata | null;
  singleSignOnSettings?: { singleSignOnMode: SingleSignOnMode } | null;
};

/** Facts parsed from the custom-domain PFX (by packages/pki with a real X.509 library). Dates are ISO 8601. */
export type CustomDomainCertificateFacts = {
  subject: string;
  /** DNS names of the subjectAltName extension, as written ("*.contoso.com", "ndes.contoso.com"). */
  sanDns: string[];
  notBefore: string;
  notAfter: string;
  isSelfSigned: boolean;
  hasPrivateKey: boolean;
  issuer: string;
  thumbprint?: string;
};

export type EntraAssignedPrincipal = {
  principalId: string;
  principalType: "User" | "Group";
  displayName: string;
};

export type EntraApplication = {
  /** The application object id (`/applications/{id}`). */
  id: string;
  appId: string;
  displayName: string;
  servicePrincipalId: string;
  /** Null until application proxy is configured on the app (instantiate, then PATCH, §8.5). */
  onPremisesPublishing: EntraOnPremisesPublishing | null;
  /** The app's connector group; null means the portal's "Default" group (seed 003: "your app is assigned to Default"). */
  connectorGroupId: string | null;
  /** Maintenance Mode: "temporarily disable access for all users to the application" (seed 003). */
  maintenanceMode: boolean;
  /** The uploaded custom-domain certificate, parsed; absent on the default msappproxy.net domain. */
  customDomainCertificate?: CustomDomainCertificateFacts;
  /** Users and groups assigned to the app (seed 003 "Assign a user for testing"). */
  assignedPrincipals: EntraAssignedPrincipal[];
};

export type EntraConnectorGroup = {
  id: string;
  name: string;
  region: ConnectorGroupRegion | null;
  /** System-set; exactly one default group, named "Default". */
  isDefault: boolean;
};

export type EntraConnector = {
  id: string;
  /** FQDN of the connector server, e.g. "APPPROXY01.corp.contoso.com". */
  machineName: string;
  externalIp: string;
  status: ConnectorStatus;
  version: string;
  /** Its connector group (`memberOf`); null means the Default group. */
  connectorGroupId: string | null;
  /** The lab server (LabSnapshot) the connector runs on; null when it is not a modelled lab server. */
  serverId: string | null;
};

/**
 * A custom domain used for app proxy external URLs (seed 004, S40): either a tenant domain ("contoso.com") or an
 * external host name under it ("ndes.contoso.com"). `isVerified` says whether the tenant domain is verified
 * (a domain that is not verified is not in the External URL dropdown). For a host name, `cnameTarget` is the
 * `*.msappproxy.net` name the portal's info bar shows and `publicDnsCname` what public DNS answers as the host's
 * CNAME: null = no CNAME (or an A record), undefined = not modelled.
 */
export type EntraCustomDomain = {
  name: string;
  isVerified: boolean;
  cnameTarget?: string;
  publicDnsCname?: string | null;
};

export type EntraSnapshot = {
  applications: EntraApplication[];
  connectorGroups: EntraConnectorGroup[];
  connectors: EntraConnector[];
  customDomains: EntraCustomDomain[];
  /**
   * The admin saving a draft (a wizard's snapshot): APPPROXY_NOT_ADMIN checks their roles, read from
   * `roleDefinitionIds` or else from the directory. Absent on Health, where no one is saving.
   */
  caller?: { userId: string; displayName: string; roleDefinitionIds?: string[] };
  /** The time certificates are judged at (ISO 8601); defaults to now. Tests and scenarios pin it. */
  asOf?: string;
};

export function emptyEntraSnapshot(): EntraSnapshot {
  return { applications: [], connectorGroups: [], connectors: [], customDomains: [] };
}
