// Catalogue A.8/A.9 conditions that cross from Entra application proxy into the on-premises lab (NDES server,
// IIS binding certificate, connector server reachability) and into Intune (SCEP profile URLs, trusted roots).
// Each rule stays silent when the snapshot lacks the section it needs.
import { certificateNames as labCertCovers, type NdesContext } from "../../../lab/lab-index";
import { normalizeAppProxyUrl, urlHost } from "../../../entra/on-premises-publishing";
import { defineRule, finding, listNames, type Finding, type ObjectRef, type Rule } from "../../types";
import { appRef, connectorRef, entraContext, groupKey, groupName, type PublishedApp } from "../entra-context";
import { customDomainApps } from "../custom-domain/custom-domain-rules";
import {
  connectorsOfApp,
  hostOf,
  intuneOf,
  labOf,
  ndesAppReason,
  ndesNames,
  ndesTargetOf,
  scepUrlFor,
  serverReaches,
} from "./ndes-apps";

const SEED_000 = "000_6abfab919ea0a4d2.txt";
const SEED_003 = "003_43f76a8e56847852.txt";
const SEED_004 = "004_0623edc70b4e3354.txt";

const ndesRef = (fqdn: string, id: string) => ({ type: "ndesServer", id, displayName: fqdn });
/** The app and, when its Internal URL names an NDES server of the lab, that server. */
const appAndNdesRefs = (app: PublishedApp, target: NdesContext | undefined): ObjectRef[] => [
  appRef(app),
  ...(target?.server ? [ndesRef(target.server.fqdn, target.ndes.id)] : []),
];

export const APPPROXY_PREAUTH_NOT_PASSTHROUGH: Rule = defineRule({
  code: "APPPROXY_PREAUTH_NOT_PASSTHROUGH",
  severity: "error",
  area: "entra",
  title: "The NDES application uses Microsoft Entra ID pre-authentication",
  why:
    "Devices call NDES anonymously with SCEP; \"It’s not possible to use any form of pre authentication. The protocol " +
    "used for certificate requests, Simple Certificate Enrollment Protocol (SCEP), doesn't provide such option.\"",
  fix: "Set Pre Authentication to **Passthrough** — \"you must have *Pre Authentication* set to *Passthrough*\" (externalAuthenticationType = passthru).",
  symptom:
    "device SCEP calls get an Entra sign-in redirect instead of NDES (exact HTTP trace UNCONFIRMED; likely 302 to login.microsoftonline.com)",
  sources: ["S1", "S32", SEED_000],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    const lab = labOf(snapshot);
    const intune = intuneOf(snapshot, index);
    if (!lab && !intune) return [];
    const out: Finding[] = [];
    for (const app of ctx.published) {
      if (app.onPremisesPublishing.externalAuthenticationType === "passthru") continue;
      const reason = ndesAppReason(app, lab, intune, { byName: false });
      if (!reason) continue;
      const target = ndesTargetOf(lab, app);
      const why =
        target && target.server
          ? `its Internal URL ${app.onPremisesPublishing.internalUrl} is the NDES server ${target.server.fqdn}`
          : "Intune SCEP profiles send devices to its External URL";
      out.push(
        finding(
          APPPROXY_PREAUTH_NOT_PASSTHROUGH,
          appAndNdesRefs(app, target),
          `'${app.displayName}' has Pre Authentication = Microsoft Entra ID (aadPreAuthentication), and ${why}.`,
        ),
      );
    }
    return out;
  },
});

export const APPPROXY_INTERNAL_URL_WRONG: Rule = defineRule({
  code: "APPPROXY_INTERNAL_URL_WRONG",
  severity: "error",
  area: "entra",
  title: "The NDES application's Internal URL is not the NDES server's FQDN root",
  why:
    "The connector forwards requests to the Internal URL; it must be the root of the NDES server, https://<NDES FQDN>/. " +
    "\"A typo or mistake is in the internal URL.\"; \"The root of the application isn't published.\"",
  fix: "`https://<NDES FQDN>/`",
  symptom: "\"Bad gateway\" (\"A typo or mistake is in the internal URL.\"; \"The root of the application isn't published.\")",
  sources: ["S32", "S39", SEED_000],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    const lab = labOf(snapshot);
    if (!ctx || !lab || lab.ndesContexts.length === 0) return [];
    const intune = intuneOf(snapshot, index);
    const out: Finding[] = [];
    for (const app of ctx.published) {
      if (!ndesAppReason(app, lab, intune)) continue;
      const url = app.onPremisesPublishing.internalUrl.trim();
      const host = urlHost(url);
      const target = ndesTargetOf(lab, app);
      const fqdns = lab.ndesContexts.flatMap((c) => (c.server ? [c.server.fqdn.toLowerCase()] : []));
      const right = (target?.server?.fqdn ?? fqdns[0] ?? "").toLowerCase();
      let path = "/";
      try {
        path = new URL(url).pathname;
      } catch {
        /* malformed: APPPROXY_URL_FORMAT reports it */
      }
      const hostOk = host !== undefined && (fqdns.includes(host) || (target !== undefined && ndesNames(target).includes(host) && host.includes(".")));
      if (hostOk && path === "/") continue;
      const problem = !hostOk
        ? host === undefined
          ? "is not a valid URL"
          : target
            ? `names the NDES server as ${host} rather than its FQDN`
            : `names ${host}, which is not an NDES server of the lab (${listNames(fqdns)})`
        : `publishes the path ${path} instead of the root of the server`;
      out.push(
        finding(
          APPPROXY_INTERNAL_URL_WRONG,
          appAndNdesRefs(app, target),
          `'${app.displayName}' has Internal URL '${url}', which ${problem}; use https://${right}/.`,
        ),
      );
    }
    return out;
  },
});

export const APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT: Rule = defineRule({
  code: "APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT",
  severity: "error",
  area: "entra",
  title: "The NDES IIS certificate does not name the Internal URL host while backend TLS validation is on",
  why:
    "With Validate Backend TLS/SSL Certificate selected, the connector checks the certificate IIS presents on the " +
    "NDES server against the Internal URL host; a certificate for another name fails the check.",
  fix: "Bind an IIS certificate whose SAN names the Internal URL host (the NDES FQDN), or clear Validate Backend TLS/SSL Certificate.",
  symptom: "UNCONFIRMED (Bad gateway)",
  sources: ["S33", "S44", SEED_003],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    const lab = labOf(snapshot);
    if (!ctx || !lab) return [];
    const out: Finding[] = [];
    for (const app of ctx.published) {
      const p = app.onPremisesPublishing;
      if (!p.isBackendCertificateValidationEnabled || !/^https:/i.test(p.internalUrl.trim())) continue;
      const target = ndesTargetOf(lab, app);
      const host = urlHost(p.internalUrl.trim());
      const cert = target?.boundCertificate;
      if (!target || !host || !cert || labCertCovers(cert, host)) continue;
      const names = cert.san.length > 0 ? cert.san.join(", ") : cert.subject;
      out.push(
        finding(
          APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT,
          [appRef(app), ndesRef(target.server?.fqdn ?? host, target.ndes.id), { type: "certificate", id: cert.thumbprint, displayName: cert.subject }],
          `'${app.displayName}' validates the backend certificate, but IIS on ${target.server?.fqdn ?? host} presents '${cert.subject}' (names: ${names}), which does not name ${host}.`,
        ),
      );
    }
    return out;
  },
});

export const APPX_NO_LINE_OF_SIGHT: Rule = defineRule({
  code: "APPX_NO_LINE_OF_SIGHT",
  severity: "error",
  area: "entra",
  title: "A connector serving the NDES application cannot reach its Internal URL",
  why:
    "The connector opens the connection to the Internal URL from its own server; DNS or a firewall between the " +
    "connector's server and NDES breaks every request it handles.",
  fix: "Test the internal URL from the connector host; use a connector that can (or open the firewall / fix DNS).",
  symptom: "\"Bad gateway: The connector can't reach the back-end application.\"",
  sources: ["S39", SEED_000],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    const lab = labOf(snapshot);
    if (!ctx || !lab) return [];
    const out: Finding[] = [];
    for (const app of ctx.published) {
      const host = urlHost(app.onPremisesPublishing.internalUrl.trim());
      if (!host) continue;
      const active = connectorsOfApp(ctx, app).filter((c) => c.status === "active");
      const blind = active.filter((c) => {
        const server = c.serverId ? lab.serversById.get(c.serverId) : undefined;
        return server !== undefined && !serverReaches(lab, server, host);
      });
      if (blind.length === 0) continue;
      const key = groupKey(ctx, app.connectorGroupId);
      const scope =
        blind.length === active.length
          ? "none of its Active connectors can reach it"
          : `${blind.length} of its ${active.length} Active connectors cannot reach it, so some requests fail`;
      out.push(
        finding(
          APPX_NO_LINE_OF_SIGHT,
          [appRef(app), ...blind.map(connectorRef)],
          `'${app.displayName}' forwards to ${host} through '${groupName(ctx, key)}', but ${scope}: ${listNames(blind.map((c) => c.machineName))}.`,
        ),
      );
    }
    return out;
  },
});

export const APPPROXY_INTUNE_URL_NOT_UPDATED: Rule = defineRule({
  code: "APPPROXY_INTUNE_URL_NOT_UPDATED",
  severity: "error",
  area: "entra",
  title: "A SCEP profile does not use the NDES application's External URL",
  why:
    "Once NDES is published through application proxy, devices on the internet reach it only at the External URL; a " +
    "profile that still has the internal or an old URL sends devices nowhere.",
  fix: "\"For Intune standalone, either edit or create a new SCEP policy and add the new URL.\" — <External URL>certsrv/mscep/mscep.dll",
  symptom: "see PROF_URL_NOT_APPPROXY_EXTERNAL",
  sources: ["S32", SEED_000],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    const intune = intuneOf(snapshot, index);
    if (!ctx || !intune) return [];
    const lab = labOf(snapshot);
    const apps = ctx.published.filter((a) => {
      const reason = ndesAppReason(a, lab, undefined);
      return reason !== undefined && !a.maintenanceMode;
    });
    if (apps.length === 0) return [];
    const good = new Set(apps.map((a) => normalizeAppProxyUrl(scepUrlFor(a.onPremisesPublishing.externalUrl))));
    const goodHosts = new Set(apps.flatMap((a) => hostOf(a.onPremisesPublishing.externalUrl) ?? []));
    // Another documented way in (a WAP or third-party reverse proxy of the lab) is not this rule's business.
    const otherPublished = new Set((lab?.lab.reverseProxies ?? []).map((r) => r.externalHostName.toLowerCase()));
    const out: Finding[] = [];
    for (const c of intune.scep) {
      const urls = c.settings.scepServerUrls;
      if (urls.length === 0) continue;
      if (urls.some((u) => good.has(normalizeAppProxyUrl(u)))) continue;
      if (urls.some((u) => otherPublished.has(hostOf(u) ?? ""))) continue;
      // Right host, wrong path: PROF_URL_NOT_MSCEP_PATH reports it.
      if (urls.some((u) => goodHosts.has(hostOf(u) ?? ""))) continue;
      const expected = apps.map((a) => scepUrlFor(a.onPremisesPublishing.externalUrl));
      out.push(
        finding(
          APPPROXY_INTUNE_URL_NOT_UPDATED,
          [{ type: "scepProfile", id: c.profile.id, displayName: c.profile.displayName }, ...apps.map(appRef)],
          `SCEP profile '${c.profile.displayName}' uses ${listNames(urls.map((u) => `'${u}'`))}; '${apps[0]!.displayName}' publishes NDES at ${listNames(expected)}.`,
        ),
      );
    }
    return out;
  },
});

export const APPPROXY_BACKEND_TIMEOUT: Rule = defineRule({
  code: "APPPROXY_BACKEND_TIMEOUT",
  severity: "info",
  area: "entra",
  title: "The NDES application uses the Default backend timeout (85 s)",
  why:
    "A PKIOperation waits for NDES, the Intune policy module and the CA; when they are slow the request outlives the " +
    "Default 85-second backend timeout. \"Set this value to Long only if your application is slow to authenticate and connect.\"",
  fix: "Additional settings › Backend Application Timeout › Long (180 s) if enrollments time out.",
  symptom: "status \"Backend Timeout\"",
  sources: ["S33", "S44", SEED_003],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    const lab = labOf(snapshot);
    const intune = intuneOf(snapshot, index);
    return ctx.published
      .filter((a) => a.onPremisesPublishing.applicationServerTimeout === "default" && ndesAppReason(a, lab, intune) !== undefined)
      .map((a) =>
        finding(APPPROXY_BACKEND_TIMEOUT, [appRef(a)], `'${a.displayName}' has Backend Application Timeout = Default (85 seconds).`),
      );
  },
});

export const APPPROXY_CUSTOM_DOMAIN_PRIVATE_PKI: Rule = defineRule({
  code: "APPPROXY_CUSTOM_DOMAIN_PRIVATE_PKI",
  severity: "warning",
  area: "entra",
  title: "The custom domain certificate comes from the lab's own PKI and devices are not given its root",
  why:
    "Devices must trust the External URL's certificate before any SCEP call. \"You can use certificates issued by your " +
    "own public key infrastructure (PKI) if the certificate chain is installed on your client devices.\"",
  fix: "Deploy the root (and intermediate) with a trusted certificate profile, or use a certificate from a public CA.",
  symptom: "device TLS failure",
  sources: ["S40", SEED_004],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    const lab = labOf(snapshot);
    const intune = intuneOf(snapshot, index);
    if (!ctx || !lab || !intune) return [];
    const out: Finding[] = [];
    for (const { app } of customDomainApps(ctx)) {
      const cert = app.customDomainCertificate;
      const issuing = cert ? lab.casBySubject.get(cert.issuer.toLowerCase()) : undefined;
      if (!cert || !issuing) continue;
      const root = lab.chain(issuing).at(-1)!;
      const thumb = root.certificate.thumbprint.toUpperCase();
      const deployed = intune.trusted.some((p) => p.certificate?.thumbprint.toUpperCase() === thumb);
      if (deployed) continue;
      out.push(
        finding(
          APPPROXY_CUSTOM_DOMAIN_PRIVATE_PKI,
          [appRef(app), { type: "certificationAuthority", id: root.id, displayName: root.name }],
          `'${app.displayName}' presents '${cert.subject}' issued by '${issuing.name}'; no trusted certificate profile deploys its root '${root.name}'.`,
        ),
      );
    }
    return out;
  },
});

export const CROSS_RULES: readonly Rule[] = [
  APPPROXY_PREAUTH_NOT_PASSTHROUGH,
  APPPROXY_INTERNAL_URL_WRONG,
  APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT,
  APPX_NO_LINE_OF_SIGHT,
  APPPROXY_INTUNE_URL_NOT_UPDATED,
  APPPROXY_BACKEND_TIMEOUT,
  APPPROXY_CUSTOM_DOMAIN_PRIVATE_PKI,
];
