// The JSON kept in Application.data, ServicePrincipal.data and AppProxyConnector.data (prisma/schema.prisma),
// with Graph's property names, and the small helpers every Entra store shares.
import { createHash } from "node:crypto";
import type { CustomDomainCertificateFacts, EntraOnPremisesPublishing } from "@certlab/domain/entra/snapshot";
import type { Application, ServicePrincipal } from "../../generated/sqlite/client.ts";

export interface ApplicationWeb {
  homePageUrl: string | null;
  redirectUris: string[];
  logoutUrl: string | null;
  implicitGrantSettings: { enableAccessTokenIssuance: boolean; enableIdTokenIssuance: boolean };
}

export interface ApplicationData {
  signInAudience: string;
  identifierUris: string[];
  web: ApplicationWeb;
  tags: string[];
  /** Null until application proxy is configured (instantiate, then PATCH, graph-reference.md §8.5). */
  onPremisesPublishing: EntraOnPremisesPublishing | null;
  /** Maintenance Mode of the portal's form (seed 003); not a Graph property. */
  maintenanceMode: boolean;
  /** What packages/pki parsed from the uploaded custom-domain PFX (the PFX and its password are not kept). */
  customDomainCertificate: CustomDomainCertificateFacts | null;
}

export interface ServicePrincipalData {
  accountEnabled: boolean;
  appRoleAssignmentRequired: boolean;
  servicePrincipalType: string;
  tags: string[];
  applicationTemplateId: string | null;
  preferredSingleSignOnMode: string | null;
  homepage: string | null;
}

export const CUSTOM_SSO_TAGS = ["WindowsAzureActiveDirectoryCustomSingleSignOnApplication", "WindowsAzureActiveDirectoryIntegratedApp"];
export const ON_PREM_APP_TAG = "WindowsAzureActiveDirectoryOnPremApp";

export function defaultApplicationData(): ApplicationData {
  return {
    signInAudience: "AzureADMyOrg",
    identifierUris: [],
    web: {
      homePageUrl: null,
      redirectUris: [],
      logoutUrl: null,
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: true },
    },
    tags: [],
    onPremisesPublishing: null,
    maintenanceMode: false,
    customDomainCertificate: null,
  };
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function applicationData(app: Pick<Application, "data">): ApplicationData {
  const d = defaultApplicationData();
  const raw = parseJson(app.data) as Partial<ApplicationData>;
  return { ...d, ...raw, web: { ...d.web, ...(raw.web ?? {}) } };
}

export function servicePrincipalData(sp: Pick<ServicePrincipal, "data">): ServicePrincipalData {
  const raw = parseJson(sp.data) as Partial<ServicePrincipalData>;
  return {
    accountEnabled: true,
    appRoleAssignmentRequired: true,
    servicePrincipalType: "Application",
    tags: [],
    applicationTemplateId: null,
    preferredSingleSignOnMode: null,
    homepage: null,
    ...raw,
  };
}

export function jsonObject(text: string): Record<string, unknown> {
  return parseJson(text);
}

/** A stable GUID-shaped id derived from text (the tenant's Default connector group). */
export function stableGuid(text: string): string {
  const h = createHash("sha1").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
