// The "Add your own on-premises application" form as data: its fields with seed 003's defaults, the External URL
// the prefix and domain make, the Graph bodies of the §8.5 flow, the save-time checks of seed 003's troubleshooting
// list (the same functions the API refuses with), and the rules engine's findings on the draft.
import {
  ON_PREMISES_PUBLISHING_DEFAULTS as D,
  classifyExternalHost,
  defaultAppProxyDomain,
  externalDomainOptions,
  externalUrlFor,
  urlHost,
  validateAppProxySave,
  type AppProxyFieldError,
  type TOnPremisesPublishingPatch,
} from "@certlab/domain/entra/on-premises-publishing";
import { evaluate } from "@certlab/domain/rules/engine";
import { ENTRA_RULES } from "@certlab/domain/rules/entra/entra-rules";
import type { TenantSnapshot } from "@certlab/domain/rules/snapshot";
import type { EntraApplication } from "@certlab/domain/entra/snapshot";
import type { Finding } from "@certlab/domain/rules/types";
import type { Application } from "@/features/entra/enterprise-apps/api/types";

export type OnPremDraft = {
  name: string;
  maintenanceMode: boolean;
  internalUrl: string;
  /** What the admin types before the domain dropdown. */
  externalPrefix: string;
  /** The dropdown's domain: the default `<tenant>.msappproxy.net` or a verified custom domain. */
  externalDomain: string;
  externalAuthenticationType: "aadPreAuthentication" | "passthru";
  /** Empty: the Default group. */
  connectorGroupId: string;
  applicationServerTimeout: "default" | "long";
  isHttpOnlyCookieEnabled: boolean;
  isSecureCookieEnabled: boolean;
  isPersistentCookieEnabled: boolean;
  isTranslateHostHeaderEnabled: boolean;
  isTranslateLinksInBodyEnabled: boolean;
  isBackendCertificateValidationEnabled: boolean;
};

export function newDraft(tenantInitialDomain: string): OnPremDraft {
  return {
    name: "",
    maintenanceMode: false,
    internalUrl: "",
    externalPrefix: "",
    externalDomain: defaultAppProxyDomain(tenantInitialDomain),
    externalAuthenticationType: D.externalAuthenticationType,
    connectorGroupId: "",
    applicationServerTimeout: D.applicationServerTimeout,
    isHttpOnlyCookieEnabled: D.isHttpOnlyCookieEnabled,
    isSecureCookieEnabled: D.isSecureCookieEnabled,
    isPersistentCookieEnabled: D.isPersistentCookieEnabled,
    isTranslateHostHeaderEnabled: D.isTranslateHostHeaderEnabled,
    isTranslateLinksInBodyEnabled: D.isTranslateLinksInBodyEnabled,
    isBackendCertificateValidationEnabled: D.isBackendCertificateValidationEnabled,
  };
}

/** The draft of an existing application (its Application proxy page). */
export function draftOf(app: Application, tenantInitialDomain: string, domains: { name: string; isVerified: boolean }[], extra: { maintenanceMode: boolean; connectorGroupId: string }): OnPremDraft {
  const p = app.onPremisesPublishing;
  const base = newDraft(tenantInitialDomain);
  if (!p) return { ...base, name: app.displayName, ...extra };
  const host = urlHost(p.externalUrl) ?? "";
  const kind = classifyExternalHost(host, tenantInitialDomain, domains);
  return {
    name: app.displayName,
    maintenanceMode: extra.maintenanceMode,
    internalUrl: p.internalUrl,
    externalPrefix: kind.kind === "foreign" ? host : kind.prefix,
    externalDomain: kind.kind === "custom" ? kind.domain : defaultAppProxyDomain(tenantInitialDomain),
    externalAuthenticationType: p.externalAuthenticationType,
    connectorGroupId: extra.connectorGroupId,
    applicationServerTimeout: p.applicationServerTimeout,
    isHttpOnlyCookieEnabled: p.isHttpOnlyCookieEnabled,
    isSecureCookieEnabled: p.isSecureCookieEnabled,
    isPersistentCookieEnabled: p.isPersistentCookieEnabled,
    isTranslateHostHeaderEnabled: p.isTranslateHostHeaderEnabled,
    isTranslateLinksInBodyEnabled: p.isTranslateLinksInBodyEnabled,
    isBackendCertificateValidationEnabled: p.isBackendCertificateValidationEnabled,
  };
}

/** "NDES Server" → "ndes-server": the prefix the portal proposes from the Name. */
export function prefixFromName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function externalUrlOf(d: OnPremDraft, tenantInitialDomain: string): string {
  return externalUrlFor(d.externalPrefix, d.externalDomain, tenantInitialDomain);
}

export { externalDomainOptions };

/** The onPremisesPublishing PATCH of §8.5 step 3. */
export function publishingBody(d: OnPremDraft, tenantInitialDomain: string): TOnPremisesPublishingPatch {
  return {
    externalAuthenticationType: d.externalAuthenticationType,
    internalUrl: d.internalUrl.trim(),
    externalUrl: externalUrlOf(d, tenantInitialDomain),
    isTranslateHostHeaderEnabled: d.isTranslateHostHeaderEnabled,
    isTranslateLinksInBodyEnabled: d.isTranslateLinksInBodyEnabled,
    isHttpOnlyCookieEnabled: d.isHttpOnlyCookieEnabled,
    isSecureCookieEnabled: d.isSecureCookieEnabled,
    isPersistentCookieEnabled: d.isPersistentCookieEnabled,
    isOnPremPublishingEnabled: true,
    applicationServerTimeout: d.applicationServerTimeout,
    isBackendCertificateValidationEnabled: d.isBackendCertificateValidationEnabled,
  };
}

export type SaveContext = {
  tenantInitialDomain: string;
  domains: readonly { name: string; isVerified: boolean }[];
  applications: readonly Application[];
  callerRoleIds?: readonly string[];
  /** The application being edited. */
  applicationId?: string;
};

/** Every reason the portal refuses to save (seed 003), plus an empty Name. Empty: Add/Save may go ahead. */
export function saveErrors(d: OnPremDraft, ctx: SaveContext): AppProxyFieldError[] {
  const errors = validateAppProxySave(
    { ...(ctx.applicationId ? { applicationId: ctx.applicationId } : {}), internalUrl: d.internalUrl, externalUrl: externalUrlOf(d, ctx.tenantInitialDomain) },
    {
      tenantInitialDomain: ctx.tenantInitialDomain,
      domains: ctx.domains,
      applications: ctx.applications.map((a) => ({
        id: a.id,
        displayName: a.displayName,
        onPremisesPublishing: a.onPremisesPublishing ? { internalUrl: a.onPremisesPublishing.internalUrl, externalUrl: a.onPremisesPublishing.externalUrl } : null,
      })),
      ...(ctx.callerRoleIds ? { callerRoleIds: ctx.callerRoleIds } : {}),
    },
  );
  if (d.externalPrefix.trim() === "")
    errors.unshift({ code: "APPPROXY_URL_FORMAT", field: "onPremisesPublishing.externalUrl", message: "Enter the External URL prefix.", checklist: "" });
  return errors;
}

export const DRAFT_APP_ID = "00000000-0000-4000-8000-00000000d7af";

/**
 * The application proxy rules (rules-reference A.8, A.9) on the tenant as it would be with the draft saved:
 * the findings about the draft application (including the cross-object ones: NDES must be Passthrough, the
 * connector group needs an active connector that reaches the internal URL).
 */
export function draftFindings(snapshot: TenantSnapshot, d: OnPremDraft, opts: { applicationId?: string; caller?: { userId: string; displayName: string; roleDefinitionIds: string[] } }): Finding[] {
  const tenantInitialDomain = snapshot.directory.domains.find((x) => x.isInitial)?.name ?? "";
  const entra = snapshot.entra ?? { applications: [], connectorGroups: [], connectors: [], customDomains: [] };
  const id = opts.applicationId ?? DRAFT_APP_ID;
  const existing = entra.applications.find((a) => a.id === id);
  const defaultGroup = entra.connectorGroups.find((g) => g.isDefault);
  const draftApp: EntraApplication = {
    id,
    appId: existing?.appId ?? id,
    displayName: d.name.trim() || "New application",
    servicePrincipalId: existing?.servicePrincipalId ?? id,
    onPremisesPublishing: { ...D, ...publishingBody(d, tenantInitialDomain), internalUrl: d.internalUrl.trim(), externalUrl: externalUrlOf(d, tenantInitialDomain) },
    connectorGroupId: d.connectorGroupId && d.connectorGroupId !== defaultGroup?.id ? d.connectorGroupId : null,
    maintenanceMode: d.maintenanceMode,
    ...(existing?.customDomainCertificate ? { customDomainCertificate: existing.customDomainCertificate } : {}),
    assignedPrincipals: existing?.assignedPrincipals ?? [],
  };
  const next: TenantSnapshot = {
    ...snapshot,
    entra: { ...entra, applications: [...entra.applications.filter((a) => a.id !== id), draftApp], ...(opts.caller ? { caller: opts.caller } : {}) },
  };
  const seen = new Set<string>();
  return evaluate(next, ENTRA_RULES).filter((f) => {
    if (!f.objects.some((o) => o.id === id)) return false;
    const key = `${f.code}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
