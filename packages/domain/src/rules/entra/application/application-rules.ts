// Catalogue A.9, the application's own settings: the save-time errors of seed 003's troubleshooting list checked
// over stored applications (an app imported or written before the checks existed still shows them on Health),
// Maintenance Mode and the Additional settings. Sources: S33 (= seed 003), S40, S44.
import {
  APPPROXY_SAVE_CHECKLIST,
  normalizeAppProxyUrl,
  notAdminMessage,
  urlHost,
  validateAppProxyCaller,
  validateAppProxyUrl,
  validateExternalDomain,
  type AppProxyFieldError,
  type AppProxyUrlField,
} from "../../../entra/on-premises-publishing";
import { defineRule, finding, listNames, type Finding, type Rule } from "../../types";
import { appRef, entraContext, type EntraContext, type PublishedApp } from "../entra-context";

const SEED_003 = "003_43f76a8e56847852.txt";
const SEED_000 = "000_6abfab919ea0a4d2.txt";
const SEED_004 = "004_0623edc70b4e3354.txt";
const SAVE_SYMPTOM = "error in top-right notification (the portal refuses to save)";

const FIELDS: readonly AppProxyUrlField[] = ["onPremisesPublishing.internalUrl", "onPremisesPublishing.externalUrl"];
const urlOf = (app: PublishedApp, field: AppProxyUrlField) =>
  field === "onPremisesPublishing.internalUrl" ? app.onPremisesPublishing.internalUrl : app.onPremisesPublishing.externalUrl;

/** A rule over every published app's URL fields, reporting one save-time error code. */
function urlFieldRule(code: "APPPROXY_URL_FORMAT" | "APPPROXY_URL_IS_IP", rule: Omit<Rule, "check" | "code">): Rule {
  const self: Rule = defineRule({
    ...rule,
    code,
    check(snapshot, index) {
      const ctx = entraContext(snapshot, index);
      if (!ctx) return [];
      const out: Finding[] = [];
      for (const app of ctx.published)
        for (const field of FIELDS)
          for (const e of validateAppProxyUrl(field, urlOf(app, field)))
            if (e.code === code) out.push(finding(self, [appRef(app)], `'${app.displayName}': ${e.message}`));
      return out;
    },
  });
  return self;
}

export const APPPROXY_URL_FORMAT = urlFieldRule("APPPROXY_URL_FORMAT", {
  severity: "error",
  area: "entra",
  title: "An application proxy URL does not start with http(s) or does not end with '/'",
  why: "The portal refuses to create or save an application whose Internal or External URL is malformed.",
  fix: `"${APPPROXY_SAVE_CHECKLIST.APPPROXY_URL_FORMAT}" — e.g. https://ndes01.corp.contoso.com/`,
  symptom: SAVE_SYMPTOM,
  sources: ["S33", SEED_003],
});

export const APPPROXY_URL_IS_IP = urlFieldRule("APPPROXY_URL_IS_IP", {
  severity: "error",
  area: "entra",
  title: "An application proxy URL uses an IP address",
  why: "The portal refuses an Internal or External URL that names an IP address instead of a host name.",
  fix: `"${APPPROXY_SAVE_CHECKLIST.APPPROXY_URL_IS_IP}" — for NDES, its FQDN: https://<NDES FQDN>/`,
  symptom: SAVE_SYMPTOM,
  sources: ["S33", SEED_003],
});

/** Published apps grouped by the normalised URL of one field, groups of two or more only. */
function duplicates(ctx: EntraContext, pick: (a: PublishedApp) => string): PublishedApp[][] {
  const byUrl = new Map<string, PublishedApp[]>();
  for (const app of ctx.published) {
    const raw = pick(app).trim();
    if (raw === "") continue;
    const key = normalizeAppProxyUrl(raw);
    const list = byUrl.get(key);
    if (list) list.push(app);
    else byUrl.set(key, [app]);
  }
  return [...byUrl.values()].filter((l) => l.length > 1);
}

export const APPPROXY_INTERNAL_URL_NOT_UNIQUE: Rule = defineRule({
  code: "APPPROXY_INTERNAL_URL_NOT_UNIQUE",
  severity: "error",
  area: "entra",
  title: "Two applications use the same Internal URL",
  why: "Each application proxy application needs its own Internal URL; the portal refuses a second app with the same one.",
  fix: `"${APPPROXY_SAVE_CHECKLIST.APPPROXY_INTERNAL_URL_NOT_UNIQUE}" — delete the duplicate application or publish a different path.`,
  symptom: SAVE_SYMPTOM,
  sources: ["S33", SEED_003],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    return duplicates(ctx, (a) => a.onPremisesPublishing.internalUrl).map((apps) =>
      finding(
        APPPROXY_INTERNAL_URL_NOT_UNIQUE,
        apps.map(appRef),
        `Internal URL '${apps[0]!.onPremisesPublishing.internalUrl.trim()}' is used by ${listNames(apps.map((a) => `'${a.displayName}'`))}.`,
      ),
    );
  },
});

export const APPPROXY_EXTERNAL_URL_NOT_UNIQUE: Rule = defineRule({
  code: "APPPROXY_EXTERNAL_URL_NOT_UNIQUE",
  severity: "error",
  area: "entra",
  title: "Two applications use the same External URL",
  why: "An External URL identifies one application; the portal refuses a second app with the same one.",
  fix: `"${APPPROXY_SAVE_CHECKLIST.APPPROXY_EXTERNAL_URL_NOT_UNIQUE}" — choose another prefix for one of them.`,
  symptom: SAVE_SYMPTOM,
  sources: ["S33", SEED_003],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    return duplicates(ctx, (a) => a.onPremisesPublishing.externalUrl).map((apps) =>
      finding(
        APPPROXY_EXTERNAL_URL_NOT_UNIQUE,
        apps.map(appRef),
        `External URL '${apps[0]!.onPremisesPublishing.externalUrl.trim()}' is used by ${listNames(apps.map((a) => `'${a.displayName}'`))}.`,
      ),
    );
  },
});

function externalDomainErrors(ctx: EntraContext, app: PublishedApp): AppProxyFieldError[] {
  const url = app.onPremisesPublishing.externalUrl.trim();
  const host = urlHost(url);
  if (host === undefined || ctx.tenantInitialDomain === "") return [];
  return validateExternalDomain(url, host, ctx);
}

export const APPPROXY_EXTERNAL_URL_DOMAIN_INVALID: Rule = defineRule({
  // New code in the style of A.9: the External URL is built from a prefix and the domain dropdown, which offers only
  // the tenant's default <tenant>.msappproxy.net domain and its verified custom domains (seed 003, S40).
  code: "APPPROXY_EXTERNAL_URL_DOMAIN_INVALID",
  severity: "error",
  area: "entra",
  title: "The External URL is not on the tenant's application proxy domain or one of its custom domains",
  why:
    "The External URL must be https://<prefix>-<tenant>.msappproxy.net/ (the default application proxy domain) or a " +
    "host under one of the tenant's verified custom domains; application proxy answers for no other name.",
  fix:
    "Pick the domain from the External URL dropdown: the default -<tenant>.msappproxy.net/ (for NDES, e.g. " +
    "https://ndes-contoso.msappproxy.net/) or a verified custom domain.",
  symptom: "\"This page can't be displayed\" / \"A server with the specified host name could not be found.\"",
  sources: ["S33", "S40", SEED_000, SEED_003],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    return ctx.published.flatMap((app) =>
      externalDomainErrors(ctx, app)
        .filter((e) => e.code === "APPPROXY_EXTERNAL_URL_DOMAIN_INVALID")
        .map((e) => finding(APPPROXY_EXTERNAL_URL_DOMAIN_INVALID, [appRef(app)], `'${app.displayName}': ${e.message}`)),
    );
  },
});

export const APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED: Rule = defineRule({
  code: "APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED",
  severity: "error",
  area: "entra",
  title: "The External URL uses a custom domain that is not verified",
  why: "Only verified domains of the directory can carry application proxy External URLs; an unverified one is not even offered in the dropdown.",
  fix: "Verify the domain (Entra ID › Domain names › the domain › add the TXT record shown › Verify), then pick it in the External URL dropdown.",
  symptom: "domain not in External URL dropdown (\"it might not be verified\")",
  sources: ["S40", SEED_004],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    return ctx.published.flatMap((app) =>
      externalDomainErrors(ctx, app)
        .filter((e) => e.code === "APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED")
        .map((e) =>
          finding(APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED, [appRef(app)], `'${app.displayName}': ${e.message.replace(/ Verify that:.*$/, "")}`),
        ),
    );
  },
});

export const APPPROXY_NOT_ADMIN: Rule = defineRule({
  code: "APPPROXY_NOT_ADMIN",
  severity: "error",
  area: "entra",
  title: "The signed-in admin may not create application proxy applications",
  why:
    "Creating or changing an application proxy application needs Application Administrator (or Global " +
    "Administrator). Cloud Application Administrator manages enterprise applications \"except App Proxy\".",
  fix: `"${APPPROXY_SAVE_CHECKLIST.APPPROXY_NOT_ADMIN}" (Application Administrator)`,
  symptom: SAVE_SYMPTOM,
  sources: ["S33", SEED_000, SEED_003],
  check(snapshot, index) {
    const caller = snapshot.entra?.caller;
    if (!caller) return [];
    const roles = caller.roleDefinitionIds ?? [...(index.rolesOfUser.get(caller.userId) ?? [])];
    if (validateAppProxyCaller(roles).length === 0) return [];
    return [
      finding(APPPROXY_NOT_ADMIN, [{ type: "user", id: caller.userId, displayName: caller.displayName }], `${caller.displayName}: ${notAdminMessage(roles)}`),
    ];
  },
});

export const APPPROXY_MAINTENANCE_MODE: Rule = defineRule({
  code: "APPPROXY_MAINTENANCE_MODE",
  severity: "error",
  area: "entra",
  title: "The application is in Maintenance Mode",
  why: "Maintenance Mode \"temporarily disable[s] access for all users to the application\": devices cannot reach NDES through it.",
  fix: "Turn Maintenance Mode off on the application's Application proxy page and Save.",
  symptom: "access disabled for all users",
  sources: ["S33", SEED_003],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    return ctx.published
      .filter((a) => a.maintenanceMode)
      .map((a) =>
        finding(APPPROXY_MAINTENANCE_MODE, [appRef(a)], `'${a.displayName}' (${a.onPremisesPublishing.externalUrl}) is in Maintenance Mode.`),
      );
  },
});

export const APPPROXY_TRANSLATE_BODY: Rule = defineRule({
  code: "APPPROXY_TRANSLATE_BODY",
  severity: "info",
  area: "entra",
  title: "Translate URLs in Application Body is on",
  why:
    "Link translation rewrites response bodies; NDES needs none of it (SCEP responses are binary) and seed 003 says to " +
    "\"Keep the option unselected unless HTML links are hardcoded to other on-premises applications\".",
  fix: "Clear Additional settings › Translate URLs in › Application Body (isTranslateLinksInBodyEnabled = false, the default).",
  symptom: "unnecessary rewriting (UNCONFIRMED impact on SCEP binary bodies)",
  sources: ["S33", SEED_003],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    return ctx.published
      .filter((a) => a.onPremisesPublishing.isTranslateLinksInBodyEnabled)
      .map((a) => finding(APPPROXY_TRANSLATE_BODY, [appRef(a)], `'${a.displayName}' has Translate URLs in Application Body selected.`));
  },
});

export const APPLICATION_RULES: readonly Rule[] = [
  APPPROXY_URL_FORMAT,
  APPPROXY_URL_IS_IP,
  APPPROXY_INTERNAL_URL_NOT_UNIQUE,
  APPPROXY_EXTERNAL_URL_NOT_UNIQUE,
  APPPROXY_EXTERNAL_URL_DOMAIN_INVALID,
  APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED,
  APPPROXY_NOT_ADMIN,
  APPPROXY_MAINTENANCE_MODE,
  APPPROXY_TRANSLATE_BODY,
];
