// application.onPremisesPublishing and the other request bodies of the application proxy Graph surface
// (graph-reference.md §8), with the portal's defaults (§8.4; seed 003 "Additional settings"), and the save-time
// checks of seed 003's troubleshooting list ("Create the Application/Setting the URLs"):
//   • You're an administrator with permission to create an application proxy application
//   • The internal URL is unique
//   • The external URL is unique
//   • The URLs start with http or https, and end with a “/”
//   • The URL should be a domain name, not an IP address
// Each check is a pure function returning field-named errors; the portal shows them top-right and refuses to save.
import { z } from "zod";
import { findRole } from "../directory/roles";
import { ACTION_ROLES } from "../directory/permissions";
import { ZDateTime, ZGuid, ZRef } from "../schemas/common";
import type { EntraOnPremisesPublishing } from "./snapshot";

// ── enums ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** Pre Authentication: "Microsoft Entra ID" (default) or "Passthrough" (NDES must use Passthrough, seed 000). */
export const ZExternalAuthenticationType = z.enum(["aadPreAuthentication", "passthru"]);
/** Backend Application Timeout: Default = 85 seconds, Long = 180 seconds (seed 003). */
export const ZApplicationServerTimeout = z.enum(["default", "long"]);
export const APPLICATION_SERVER_TIMEOUT_SECONDS = { default: 85, long: 180 } as const;
export const ZConnectorGroupRegion = z.enum(["nam", "eur", "aus", "asia", "ind"]);
export const ZSingleSignOnMode = z.enum(["none", "onPremisesKerberos", "saml", "pingHeaderBased", "aadHeaderBased"]);
export const ZKerberosSignOnMappingAttributeType = z.enum([
  "userPrincipalName",
  "onPremisesUserPrincipalName",
  "userPrincipalUsername",
  "onPremisesUserPrincipalUsername",
  "onPremisesSAMAccountName",
]);

// ── complex types ───────────────────────────────────────────────────────────────────────────────────────────────

/** Base64 (standard alphabet, padded or not): Edm.Binary in JSON. */
const ZBase64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "Expected base64 data");

/**
 * `verifiedCustomDomainKeyCredential` (keyCredential): the custom-domain PFX. Graph documents `key`; real
 * scripts send the PFX base64 as `value` (graph-reference.md §8.4, UNCONFIRMED), so both are accepted and the
 * output always carries `key`.
 */
export const ZVerifiedCustomDomainKeyCredential = z
  .object({
    customKeyIdentifier: ZBase64.nullish(),
    displayName: z.string().nullish(),
    endDateTime: ZDateTime.nullish(),
    key: ZBase64.optional(),
    value: ZBase64.optional(),
    keyId: ZGuid.nullish(),
    startDateTime: ZDateTime.nullish(),
    /** Custom-domain PFX uploads use "X509CertAndPassword". */
    type: z.string().nullish(),
    usage: z.string().nullish(),
  })
  .strict()
  .refine((k) => (k.key ?? k.value) !== undefined, { message: "Provide the PFX as 'key' (or 'value')", path: ["key"] })
  .transform(({ value, key, ...rest }) => ({ ...rest, key: (key ?? value) as string }));
export type TVerifiedCustomDomainKeyCredential = z.output<typeof ZVerifiedCustomDomainKeyCredential>;

/**
 * `verifiedCustomDomainPasswordCredential` (passwordCredential): the PFX password. Graph documents `secretText`;
 * scripts send `{"value":"<pfx password>"}`; both are accepted and the output always carries `secretText`.
 */
export const ZVerifiedCustomDomainPasswordCredential = z
  .object({
    secretText: z.string().optional(),
    value: z.string().optional(),
    hint: z.string().nullish(),
    keyId: ZGuid.nullish(),
    displayName: z.string().nullish(),
    startDateTime: ZDateTime.nullish(),
    endDateTime: ZDateTime.nullish(),
    customKeyIdentifier: ZBase64.nullish(),
  })
  .strict()
  .refine((p) => (p.secretText ?? p.value) !== undefined, {
    message: "Provide the PFX password as 'secretText' (or 'value')",
    path: ["secretText"],
  })
  .transform(({ value, secretText, ...rest }) => ({ ...rest, secretText: (secretText ?? value) as string }));
export type TVerifiedCustomDomainPasswordCredential = z.output<typeof ZVerifiedCustomDomainPasswordCredential>;

/** Read-only; `null` on the default msappproxy.net domain. */
export const ZVerifiedCustomDomainCertificatesMetadata = z.object({
  expiryDate: ZDateTime,
  issueDate: ZDateTime,
  issuerName: z.string(),
  subjectName: z.string(),
  thumbprint: z.string(),
});

export const ZOnPremisesPublishingSingleSignOn = z
  .object({
    singleSignOnMode: ZSingleSignOnMode,
    kerberosSignOnSettings: z
      .object({
        kerberosServicePrincipalName: z.string().nullish(),
        kerberosSignOnMappingAttributeType: ZKerberosSignOnMappingAttributeType.nullish(),
      })
      .strict()
      .nullish(),
  })
  .strict();

/** The defaults of a new application (§8.4; seed 003 "For most applications, you should keep these settings in their default states."). */
export const ON_PREMISES_PUBLISHING_DEFAULTS = {
  externalAuthenticationType: "aadPreAuthentication",
  applicationServerTimeout: "default",
  isTranslateHostHeaderEnabled: true,
  isTranslateLinksInBodyEnabled: false,
  isHttpOnlyCookieEnabled: false,
  isSecureCookieEnabled: true,
  isPersistentCookieEnabled: false,
  isBackendCertificateValidationEnabled: true,
  isOnPremPublishingEnabled: true,
  isStateSessionEnabled: false,
  isAccessibleViaZTNAClient: false,
  isDnsResolutionEnabled: false,
  useAlternateUrlForTranslationAndRedirect: false,
} as const satisfies Partial<EntraOnPremisesPublishing>;

const D = ON_PREMISES_PUBLISHING_DEFAULTS;

/** Every settable property of onPremisesPublishing, none defaulted: the shape of a PATCH. */
const publishingFields = {
  externalUrl: z.string(),
  internalUrl: z.string(),
  externalAuthenticationType: ZExternalAuthenticationType,
  applicationServerTimeout: ZApplicationServerTimeout,
  /** Read-only and system-set, but scripts send "nonwebapp"; accepted and ignored by the store. */
  applicationType: z.string().nullish(),
  isTranslateHostHeaderEnabled: z.boolean(),
  isTranslateLinksInBodyEnabled: z.boolean(),
  isHttpOnlyCookieEnabled: z.boolean(),
  isSecureCookieEnabled: z.boolean(),
  isPersistentCookieEnabled: z.boolean(),
  isBackendCertificateValidationEnabled: z.boolean(),
  /** Read-only, "preset by the system"; the tutorial still sends it (§8.5). */
  isOnPremPublishingEnabled: z.boolean(),
  isStateSessionEnabled: z.boolean(),
  isAccessibleViaZTNAClient: z.boolean(),
  isDnsResolutionEnabled: z.boolean(),
  alternateUrl: z.string().nullish(),
  useAlternateUrlForTranslationAndRedirect: z.boolean(),
  /** Read-only: accepted (a GET-then-PATCH script sends it back) and ignored by the store. */
  verifiedCustomDomainCertificatesMetadata: ZVerifiedCustomDomainCertificatesMetadata.nullish(),
  verifiedCustomDomainKeyCredential: ZVerifiedCustomDomainKeyCredential.nullish(),
  verifiedCustomDomainPasswordCredential: ZVerifiedCustomDomainPasswordCredential.nullish(),
  singleSignOnSettings: ZOnPremisesPublishingSingleSignOn.nullish(),
};

/** The whole `onPremisesPublishing` of a new application: URLs required, everything else defaulted (§8.4). */
export const ZOnPremisesPublishing = z
  .object({
    ...publishingFields,
    externalAuthenticationType: ZExternalAuthenticationType.default(D.externalAuthenticationType),
    applicationServerTimeout: ZApplicationServerTimeout.default(D.applicationServerTimeout),
    isTranslateHostHeaderEnabled: z.boolean().default(D.isTranslateHostHeaderEnabled),
    isTranslateLinksInBodyEnabled: z.boolean().default(D.isTranslateLinksInBodyEnabled),
    isHttpOnlyCookieEnabled: z.boolean().default(D.isHttpOnlyCookieEnabled),
    isSecureCookieEnabled: z.boolean().default(D.isSecureCookieEnabled),
    isPersistentCookieEnabled: z.boolean().default(D.isPersistentCookieEnabled),
    isBackendCertificateValidationEnabled: z.boolean().default(D.isBackendCertificateValidationEnabled),
    isOnPremPublishingEnabled: z.boolean().default(D.isOnPremPublishingEnabled),
    isStateSessionEnabled: z.boolean().default(D.isStateSessionEnabled),
    isAccessibleViaZTNAClient: z.boolean().default(D.isAccessibleViaZTNAClient),
    isDnsResolutionEnabled: z.boolean().default(D.isDnsResolutionEnabled),
    useAlternateUrlForTranslationAndRedirect: z.boolean().default(D.useAlternateUrlForTranslationAndRedirect),
  })
  .strict();
export type TOnPremisesPublishing = z.output<typeof ZOnPremisesPublishing>;

/** `onPremisesPublishing` in a PATCH: any subset, nothing defaulted, unknown properties refused. */
export const ZOnPremisesPublishingPatch = z.object(publishingFields).partial().strict();
export type TOnPremisesPublishingPatch = z.output<typeof ZOnPremisesPublishingPatch>;

// Compile-time check: a parsed onPremisesPublishing fits the snapshot's shape.
const _fits: (p: TOnPremisesPublishing) => EntraOnPremisesPublishing = (p) => p;
void _fits;

/**
 * The stored object after a PATCH: the existing one (or the defaults of a new app) with the patch applied.
 * Secrets and read-only properties are not part of the result; null URLs stay "" until the admin sets them.
 */
export function applyOnPremisesPublishingPatch(
  existing: EntraOnPremisesPublishing | null,
  patch: TOnPremisesPublishingPatch,
): EntraOnPremisesPublishing {
  const base: EntraOnPremisesPublishing = existing ?? { ...D, externalUrl: "", internalUrl: "" };
  const {
    applicationType: _t,
    verifiedCustomDomainCertificatesMetadata: _m,
    verifiedCustomDomainKeyCredential: _k,
    verifiedCustomDomainPasswordCredential: _p,
    isOnPremPublishingEnabled: _e,
    ...settable
  } = patch;
  const next: EntraOnPremisesPublishing = { ...base };
  for (const [key, value] of Object.entries(settable)) if (value !== undefined) Object.assign(next, { [key]: value });
  return next;
}

// ── other request bodies ────────────────────────────────────────────────────────────────────────────────────────

/** PATCH /applications/{id} (§8.5 steps 2–3). */
export const ZApplicationPatch = z
  .object({
    displayName: z.string().trim().min(1).max(256),
    identifierUris: z.array(z.string().min(1)),
    web: z
      .object({
        redirectUris: z.array(z.string().min(1)),
        homePageUrl: z.string().nullable(),
      })
      .partial()
      .strict(),
    onPremisesPublishing: ZOnPremisesPublishingPatch,
  })
  .partial()
  .strict();
export type TApplicationPatch = z.output<typeof ZApplicationPatch>;

/** The "Custom" non-gallery application template that instantiate uses (§8.5 step 1). */
export const CUSTOM_APPLICATION_TEMPLATE_ID = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";

/** POST /applicationTemplates/{id}/instantiate. */
export const ZInstantiateBody = z.object({ displayName: z.string().trim().min(1).max(256) }).strict();
export type TInstantiateBody = z.output<typeof ZInstantiateBody>;

/** POST …/connectorGroups: `{"name":"..."}`, optionally `region` (§8.3). */
export const ZConnectorGroupCreate = z
  .object({ name: z.string().trim().min(1).max(256), region: ZConnectorGroupRegion.optional() })
  .strict();
export type TConnectorGroupCreate = z.output<typeof ZConnectorGroupCreate>;

/** PATCH …/connectorGroups/{id}. `region` is settable only while the group has no connectors or applications. */
export const ZConnectorGroupUpdate = ZConnectorGroupCreate.partial().strict();
export type TConnectorGroupUpdate = z.output<typeof ZConnectorGroupUpdate>;

/** Body of the `$ref` writes (`connectors/{id}/memberOf/$ref`, `applications/{id}/connectorGroup/$ref`, …). */
export const ZAppProxyRef = ZRef.strict();
export type TAppProxyRef = z.output<typeof ZAppProxyRef>;

/**
 * The id an `@odata.id` points at inside the application proxy profile, or undefined if it names something else.
 * Matching is case-insensitive: the docs write both `applicationProxy` and `applicationproxy` (§8.1).
 */
export function refTargetId(odataId: string, collection: "connectorGroups" | "connectors"): string | undefined {
  const m = new RegExp(
    String.raw`/onPremisesPublishingProfiles/applicationProxy/${collection}(?:/|\(')([^/'()?#]+)'?\)?/?(?:[?#].*)?$`,
    "i",
  ).exec(odataId);
  return m?.[1];
}

/** The application id an `@odata.id` of `…/applications/{id}` points at. */
export function applicationRefId(odataId: string): string | undefined {
  return /\/applications(?:\/|\(')([^/'()?#]+)'?\)?\/?(?:[?#].*)?$/i.exec(odataId)?.[1];
}

// ── external URL and the default domain ────────────────────────────────────────────────────────────────────────

const APP_PROXY_DOMAIN_SUFFIX = "msappproxy.net";

/** "contoso.onmicrosoft.com" → "contoso": the tenant part of msappproxy.net host names. */
export function tenantPrefix(tenantInitialDomain: string): string {
  const d = tenantInitialDomain.trim().toLowerCase().replace(/\.$/, "");
  return d.split(".")[0] ?? d;
}

/** The default application proxy domain of the External URL dropdown: "contoso.onmicrosoft.com" → "contoso.msappproxy.net". */
export function defaultAppProxyDomain(tenantInitialDomain: string): string {
  return `${tenantPrefix(tenantInitialDomain)}.${APP_PROXY_DOMAIN_SUFFIX}`;
}

/** One entry of the External URL domain dropdown: what follows the prefix the admin types. */
export type ExternalDomainOption = { value: string; label: string; isDefault: boolean };

/**
 * The External URL domain dropdown: the default `-<tenant>.msappproxy.net/` and every VERIFIED custom domain
 * (an unverified domain is not listed: "it might not be verified", S40).
 */
export function externalDomainOptions(
  tenantInitialDomain: string,
  domains: readonly { name: string; isVerified: boolean }[],
): ExternalDomainOption[] {
  const def = defaultAppProxyDomain(tenantInitialDomain);
  const custom = domains
    .filter((d) => d.isVerified && !isMicrosoftDomain(d.name))
    .map((d) => d.name.toLowerCase())
    .filter((n, i, all) => all.indexOf(n) === i)
    .sort();
  return [
    { value: def, label: `-${def}/`, isDefault: true },
    ...custom.map((n) => ({ value: n, label: `.${n}/`, isDefault: false })),
  ];
}

function isMicrosoftDomain(name: string): boolean {
  const n = name.toLowerCase();
  return n.endsWith(".onmicrosoft.com") || n.endsWith(`.${APP_PROXY_DOMAIN_SUFFIX}`) || n === APP_PROXY_DOMAIN_SUFFIX;
}

/**
 * The External URL the form shows for a prefix and a dropdown choice: the default domain ("default", or the
 * default domain's name) gives `https://<prefix>-<tenant>.msappproxy.net/`; a custom domain gives
 * `https://<prefix>.<domain>/`.
 */
export function externalUrlFor(prefix: string, domainChoice: string, tenantInitialDomain: string): string {
  const p = prefix.trim().toLowerCase();
  const def = defaultAppProxyDomain(tenantInitialDomain);
  const choice = domainChoice.trim().toLowerCase().replace(/^[-.]/, "").replace(/\/$/, "");
  if (choice === "default" || choice === def) return `https://${p}-${def}/`;
  return `https://${p}.${choice}/`;
}

/** How an External URL's host relates to the tenant's domains. */
export type ExternalHostKind =
  | { kind: "default"; prefix: string }
  | { kind: "custom"; domain: string; isVerified: boolean; prefix: string }
  | { kind: "foreign" };

/**
 * Classifies an external host: `<prefix>-<tenant>.msappproxy.net` is the default domain; a host equal to or
 * under one of `domains` (longest match) is a custom domain; anything else (including another tenant's
 * msappproxy.net name) is foreign.
 */
export function classifyExternalHost(
  host: string,
  tenantInitialDomain: string,
  domains: readonly { name: string; isVerified: boolean }[],
): ExternalHostKind {
  const h = host.toLowerCase().replace(/\.$/, "");
  const suffix = `-${defaultAppProxyDomain(tenantInitialDomain)}`;
  if (h.endsWith(suffix)) {
    const prefix = h.slice(0, -suffix.length);
    if (/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(prefix)) return { kind: "default", prefix };
  }
  let best: { name: string; isVerified: boolean } | undefined;
  for (const d of domains) {
    const n = d.name.toLowerCase().replace(/\.$/, "");
    if (isMicrosoftDomain(n)) continue;
    if (h.endsWith(`.${n}`) && (!best || n.length > best.name.length || (n.length === best.name.length && d.isVerified)))
      best = { name: n, isVerified: d.isVerified };
  }
  if (best) return { kind: "custom", domain: best.name, isVerified: best.isVerified, prefix: h.slice(0, -best.name.length - 1) };
  return { kind: "foreign" };
}

/**
 * The `*.msappproxy.net` name a custom-domain external host must be a CNAME of, as the portal's info bar shows it
 * (seed 004: 'ndes.oceanleaf.tech' → 'ndes-oceanleaf.msappproxy.net'). Dots in a multi-label prefix become dashes
 * (UNCONFIRMED).
 */
export function cnameTargetFor(externalHost: string, customDomain: string, tenantInitialDomain: string): string {
  const h = externalHost.toLowerCase().replace(/\.$/, "");
  const d = customDomain.toLowerCase();
  const prefix = h.endsWith(`.${d}`) ? h.slice(0, -d.length - 1) : (h.split(".")[0] ?? h);
  return `${prefix.replace(/\./g, "-")}-${defaultAppProxyDomain(tenantInitialDomain)}`;
}

// ── save-time validation (seed 003 troubleshooting) ────────────────────────────────────────────────────────────

export type AppProxySaveErrorCode =
  | "APPPROXY_URL_FORMAT"
  | "APPPROXY_URL_IS_IP"
  | "APPPROXY_INTERNAL_URL_NOT_UNIQUE"
  | "APPPROXY_EXTERNAL_URL_NOT_UNIQUE"
  | "APPPROXY_EXTERNAL_URL_DOMAIN_INVALID"
  | "APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED"
  | "APPPROXY_NOT_ADMIN";

/** The troubleshooting bullet of seed 003 (or of S40 for custom domains) each save-time error stands for. */
export const APPPROXY_SAVE_CHECKLIST: Record<AppProxySaveErrorCode, string> = {
  APPPROXY_NOT_ADMIN: "You're an administrator with permission to create an application proxy application",
  APPPROXY_INTERNAL_URL_NOT_UNIQUE: "The internal URL is unique",
  APPPROXY_EXTERNAL_URL_NOT_UNIQUE: "The external URL is unique",
  APPPROXY_URL_FORMAT: "The URLs start with http or https, and end with a “/”",
  APPPROXY_URL_IS_IP: "The URL should be a domain name, not an IP address",
  APPPROXY_EXTERNAL_URL_DOMAIN_INVALID:
    "the External URL uses the default application proxy domain or one of your verified custom domains",
  APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED: "the custom domain is verified (if the domain isn't in the list, it might not be verified)",
};

export type AppProxyUrlField = "onPremisesPublishing.internalUrl" | "onPremisesPublishing.externalUrl";

/** A save-time error: the field (Graph path) it is about, the code, the concrete message, the seed's checklist text. */
export type AppProxyFieldError = {
  code: AppProxySaveErrorCode;
  field: AppProxyUrlField | "caller";
  message: string;
  checklist: string;
};

const LABEL: Record<AppProxyUrlField, string> = {
  "onPremisesPublishing.internalUrl": "Internal URL",
  "onPremisesPublishing.externalUrl": "External URL",
};

function fieldError(code: AppProxySaveErrorCode, field: AppProxyFieldError["field"], found: string): AppProxyFieldError {
  const checklist = APPPROXY_SAVE_CHECKLIST[code];
  return { code, field, message: `${found} Verify that: ${checklist.replace(/\.$/, "")}.`, checklist };
}

/** The host of an http(s) URL, lower-case, without brackets or trailing dot; undefined if unparseable. */
export function urlHost(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
    return u.hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  } catch {
    return undefined;
  }
}

/** True for a dotted IPv4 address or an IPv6 literal (with or without brackets). */
export function isIpAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(h)) return h.split(".").every((o) => Number(o) <= 255);
  return h.includes(":") && /^[0-9a-f:.]+$/i.test(h);
}

/** APPPROXY_URL_FORMAT and APPPROXY_URL_IS_IP for one URL field. */
export function validateAppProxyUrl(field: AppProxyUrlField, url: string): AppProxyFieldError[] {
  const label = LABEL[field];
  const value = url.trim();
  if (value === "") return [fieldError("APPPROXY_URL_FORMAT", field, `${label} is empty.`)];
  const problems: string[] = [];
  if (!/^https?:\/\//i.test(value)) problems.push("does not start with http:// or https://");
  if (!value.endsWith("/")) problems.push("does not end with a “/”");
  const host = urlHost(value);
  if (problems.length === 0 && host === undefined) problems.push("is not a valid URL");
  const errors: AppProxyFieldError[] = [];
  if (problems.length > 0)
    errors.push(fieldError("APPPROXY_URL_FORMAT", field, `${label} '${value}' ${problems.join(" and ")}.`));
  if (host !== undefined && isIpAddress(host))
    errors.push(fieldError("APPPROXY_URL_IS_IP", field, `${label} '${value}' uses the IP address ${host}.`));
  return errors;
}

/** URLs compare case-insensitively, ignoring a default port. */
export function normalizeAppProxyUrl(url: string): string {
  try {
    const u = new URL(url.trim());
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname}`.toLowerCase();
  } catch {
    return url.trim().toLowerCase();
  }
}

export type AppProxySaveInput = {
  /** The application being edited; omitted when creating one. Excluded from the uniqueness checks. */
  applicationId?: string;
  internalUrl: string;
  externalUrl: string;
};

export type AppProxySaveContext = {
  /** "contoso.onmicrosoft.com" */
  tenantInitialDomain: string;
  /** The tenant's domains (directory domains and app proxy custom domains) with their verification state. */
  domains: readonly { name: string; isVerified: boolean }[];
  /** The tenant's other applications. */
  applications: readonly {
    id: string;
    displayName: string;
    onPremisesPublishing: { internalUrl: string; externalUrl: string } | null;
  }[];
  /** The caller's role definition (or template) ids; omit to skip APPPROXY_NOT_ADMIN (checked elsewhere). */
  callerRoleIds?: readonly string[];
};

/** The roles that may create application proxy applications: Global Administrator, Application Administrator. */
export const APP_PROXY_CREATOR_ROLES: readonly string[] = ACTION_ROLES["entra.appProxy.write"];

/** APPPROXY_NOT_ADMIN: the caller's roles do not allow creating application proxy applications. */
export function validateAppProxyCaller(callerRoleIds: readonly string[]): AppProxyFieldError[] {
  const allowed = new Set(APP_PROXY_CREATOR_ROLES.map((r) => r.toLowerCase()));
  if (callerRoleIds.some((r) => allowed.has(r.toLowerCase()))) return [];
  return [fieldError("APPPROXY_NOT_ADMIN", "caller", notAdminMessage(callerRoleIds))];
}

/** "The signed-in account holds Cloud Application Administrator; …" */
export function notAdminMessage(roleIds: readonly string[]): string {
  const need = APP_PROXY_CREATOR_ROLES.map((r) => findRole(r)?.displayName ?? r).join(" or ");
  const held = roleIds.map((r) => findRole(r)?.displayName ?? r);
  const cloudAppAdmin = held.includes("Cloud Application Administrator")
    ? ' (Cloud Application Administrator manages enterprise applications "except App Proxy")'
    : "";
  const holds = held.length === 0 ? "holds no administrator role" : `holds ${held.join(", ")}${cloudAppAdmin}`;
  return `The account ${holds}; creating an application proxy application needs ${need}.`;
}

/**
 * Every save-time error of seed 003 for an application proxy application, each naming its field: URL format,
 * IP addresses, uniqueness of both URLs across the tenant's applications, the external URL's domain (the default
 * `<prefix>-<tenant>.msappproxy.net` or a verified custom domain), and — when `callerRoleIds` is given — the
 * caller's roles. An empty list means the portal saves.
 */
export function validateAppProxySave(input: AppProxySaveInput, ctx: AppProxySaveContext): AppProxyFieldError[] {
  const errors: AppProxyFieldError[] = [];
  if (ctx.callerRoleIds !== undefined) errors.push(...validateAppProxyCaller(ctx.callerRoleIds));

  const internalErrors = validateAppProxyUrl("onPremisesPublishing.internalUrl", input.internalUrl);
  const externalErrors = validateAppProxyUrl("onPremisesPublishing.externalUrl", input.externalUrl);
  errors.push(...internalErrors, ...externalErrors);

  const others = ctx.applications.filter((a) => a.id !== input.applicationId && a.onPremisesPublishing);
  if (input.internalUrl.trim() !== "") {
    const url = normalizeAppProxyUrl(input.internalUrl);
    const clash = others.find((a) => normalizeAppProxyUrl(a.onPremisesPublishing!.internalUrl) === url);
    if (clash)
      errors.push(
        fieldError(
          "APPPROXY_INTERNAL_URL_NOT_UNIQUE",
          "onPremisesPublishing.internalUrl",
          `Internal URL '${input.internalUrl.trim()}' is already used by the application '${clash.displayName}'.`,
        ),
      );
  }
  if (input.externalUrl.trim() !== "") {
    const url = normalizeAppProxyUrl(input.externalUrl);
    const clash = others.find((a) => normalizeAppProxyUrl(a.onPremisesPublishing!.externalUrl) === url);
    if (clash)
      errors.push(
        fieldError(
          "APPPROXY_EXTERNAL_URL_NOT_UNIQUE",
          "onPremisesPublishing.externalUrl",
          `External URL '${input.externalUrl.trim()}' is already used by the application '${clash.displayName}'.`,
        ),
      );
  }

  const host = urlHost(input.externalUrl.trim());
  if (host !== undefined && !isIpAddress(host)) errors.push(...validateExternalDomain(input.externalUrl.trim(), host, ctx));
  return errors;
}

/** APPPROXY_EXTERNAL_URL_DOMAIN_INVALID / APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED for an external URL's host. */
export function validateExternalDomain(
  externalUrl: string,
  host: string,
  ctx: Pick<AppProxySaveContext, "tenantInitialDomain" | "domains">,
): AppProxyFieldError[] {
  const field = "onPremisesPublishing.externalUrl";
  const kind = classifyExternalHost(host, ctx.tenantInitialDomain, ctx.domains);
  const def = defaultAppProxyDomain(ctx.tenantInitialDomain);
  if (kind.kind === "default") return [];
  if (kind.kind === "custom") {
    if (kind.isVerified) return [];
    return [
      fieldError(
        "APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED",
        field,
        `External URL '${externalUrl}' uses the domain ${kind.domain}, which is not verified in this directory.`,
      ),
    ];
  }
  return [
    fieldError(
      "APPPROXY_EXTERNAL_URL_DOMAIN_INVALID",
      field,
      `External URL '${externalUrl}': ${host} is neither <prefix>-${def} nor under a verified custom domain of this tenant.`,
    ),
  ];
}
