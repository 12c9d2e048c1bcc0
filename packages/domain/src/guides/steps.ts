// The steps the guides are made of (issue 8), each a completion check over the TenantSnapshot the rules read and an
// `apply` that does what the step asks. A check is "the rules that guard this step are quiet" AND a positive state
// assertion, so nothing is ever done on an empty lab by accident (rules are silent about objects that don't exist).
// `apply` copies the step's slice of the complete correct setup (setup/complete-setup.ts, built on the tenant's own
// directory and moment) into the tenant, or uses the lab builders of lab/defaults.ts: following every step of a
// guide from the fresh lab arrives at the answer key for the parts the guide covers.
import { findRuleByCode } from "../rules/catalogue";
import { buildIndex, type SnapshotIndex, type TenantSnapshot } from "../rules/snapshot";
import { emptyIntuneSnapshot } from "../intune/snapshot";
import { emptyEntraSnapshot } from "../entra/snapshot";
import { SCEP_TYPES, TRUSTED_ROOT_TYPES } from "../intune/profiles";
import { browseExternal } from "../entra/external-access";
import { browse } from "../lab/lab-browser";
import { configureNdes, installFeatures, NDES_FEATURES } from "../lab/defaults";
import { EKU, MSCEP_DEFAULT_TEMPLATE, type LabServer, type LabSnapshot, type NdesInstance } from "../lab/snapshot";
import { completeSetupPlan, COMPLETE_SETUP, type CompleteSetupPlan } from "../setup/complete-setup";
import type { GuideScreen, GuideStep } from "./types";

type Check = GuideStep["check"];
type Apply = NonNullable<GuideStep["apply"]>;

// ── Checks ─────────────────────────────────────────────────────────────────────────────────────────────────

/** No error or warning of these rules on the tenant (info findings never block). */
export function quiet(snapshot: TenantSnapshot, index: SnapshotIndex, codes: readonly string[]): boolean {
  for (const code of codes) {
    const rule = findRuleByCode(code);
    if (!rule) throw new Error(`guides: unknown rule code ${code}`);
    if (rule.check(snapshot, index).some((f) => f.severity !== "info")) return false;
  }
  return true;
}

const SCEP_TYPE_SET = new Set<string>(Object.values(SCEP_TYPES));
const TRUSTED_TYPE_SET = new Set<string>(Object.values(TRUSTED_ROOT_TYPES));

const lab = (s: TenantSnapshot): LabSnapshot | undefined => s.lab;
const serviceAccounts = (l: LabSnapshot) => l.accounts.filter((a) => a.kind === "serviceAccount" && a.enabled && !a.lockedOut && !a.passwordExpired);
/** Servers with the NDES role that are neither a DC nor a CA (seed 002). */
const ndesServers = (l: LabSnapshot) => l.servers.filter((s) => s.features.includes("ADCS-Device-Enrollment") && !s.isDomainController && !l.cas.some((c) => c.serverId === s.id));
const enterpriseIssuing = (l: LabSnapshot) => l.cas.filter((c) => c.type.startsWith("enterprise"));
/** A template fit for SCEP: subject supplied in the request, Client Authentication, not published in AD (seed 002). */
const scepTemplates = (l: LabSnapshot) => l.templates.filter((t) => t.subjectName === "supplyInRequest" && t.applicationPolicies.includes(EKU.clientAuthentication) && !t.publishInAd);
const ndesOf = (l: LabSnapshot): NdesInstance | undefined => l.ndes[0];
const publishedApps = (s: TenantSnapshot) => (s.entra?.applications ?? []).filter((a) => a.onPremisesPublishing);
const ndesApp = (s: TenantSnapshot) => {
  const l = lab(s);
  const hosts = new Set((l ? ndesServers(l) : []).map((srv) => srv.fqdn.toLowerCase()));
  return publishedApps(s).find((a) => {
    try {
      return hosts.has(new URL(a.onPremisesPublishing!.internalUrl).hostname.toLowerCase());
    } catch {
      return false;
    }
  });
};
const scepProfiles = (s: TenantSnapshot) => (s.intune?.profiles ?? []).filter((p) => SCEP_TYPE_SET.has(p.odataType));
const trustedProfiles = (s: TenantSnapshot) => (s.intune?.profiles ?? []).filter((p) => TRUSTED_TYPE_SET.has(p.odataType));

/** What a browser on the internet sees at the NDES application's External URL + `path` (entra/external-access.ts). */
export function browseNdesExternally(s: TenantSnapshot, path: string): number {
  const app = ndesApp(s);
  const l = lab(s);
  if (!app || !l) return 0;
  const url = `${app.onPremisesPublishing!.externalUrl.replace(/\/$/, "")}${path}`;
  return browseExternal(s, url, (internalUrl, fromServerId) => browse(l, internalUrl, { fromServerId: fromServerId ?? undefined })).status;
}

// ── Apply: copy the step's slice of the complete setup ──────────────────────────────────────────────────────

function plan(s: TenantSnapshot): CompleteSetupPlan {
  const at = s.lab?.asOf ?? s.intune?.asOf ?? s.entra?.asOf;
  return completeSetupPlan({ now: at ? new Date(at) : new Date(), base: { tenant: s.tenant, directory: s.directory } });
}

function upsert<T extends { id: string }>(list: T[], item: T): void {
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) list[i] = item;
  else list.push(item);
}

/** Clone the tenant, hand the step the clone and the answer key; the clone is the result. */
function edit(f: (t: TenantSnapshot, key: CompleteSetupPlan) => void): Apply {
  return (s) => {
    const t = structuredClone(s);
    f(t, plan(s));
    return t;
  };
}

const NDES_SERVER_ID = `srv-${COMPLETE_SETUP.lab.ndesServer.toLowerCase()}`;
const keyLab = (k: CompleteSetupPlan) => k.snapshot.lab!;
const keyServer = (k: CompleteSetupPlan, id: string) => keyLab(k).servers.find((x) => x.id === id)!;
const keyIssuing = (k: CompleteSetupPlan) => keyLab(k).cas.find((c) => c.parentCaId)!;
function server(t: TenantSnapshot, id: string): LabServer {
  const srv = t.lab!.servers.find((x) => x.id === id);
  if (!srv) throw new Error(`guides: the lab has no server ${id}`);
  return srv;
}
function issuing(t: TenantSnapshot) {
  const ca = t.lab!.cas.find((c) => c.parentCaId) ?? t.lab!.cas[0];
  if (!ca) throw new Error("guides: the lab has no CA");
  return ca;
}
function ndesEntry(t: TenantSnapshot, k: CompleteSetupPlan): NdesInstance {
  const n = t.lab!.ndes.find((x) => x.serverId === NDES_SERVER_ID);
  if (n) return n;
  // Not configured yet: the NDES configuration wizard's result (lab/defaults.ts configureNdes).
  const key = keyLab(k).ndes[0]!;
  const built = configureNdes({ server: server(t, NDES_SERVER_ID), serviceAccount: t.lab!.accounts.find((a) => a.id === key.serviceAccountId)!, ca: issuing(t), at: key.configuredAt ?? t.lab!.asOf ?? new Date().toISOString() });
  t.lab!.ndes.push(built);
  return built;
}
const intuneOf = (t: TenantSnapshot, k: CompleteSetupPlan) => {
  const intune = (t.intune ??= emptyIntuneSnapshot());
  intune.asOf ??= k.snapshot.intune!.asOf;
  return intune;
};
const entraOf = (t: TenantSnapshot) => (t.entra ??= emptyEntraSnapshot());

// ── The step library: what a step does, checks and applies; the guides add their source and wording ──────────

export type StepKind = {
  id: string;
  title: string;
  instruction: string;
  screen: GuideScreen;
  blockingCodes: readonly string[];
  check: Check;
  apply?: Apply;
};

const S = {
  lab: (path: string, label: string): GuideScreen => ({ portal: "lab", path, label }),
  intune: (path: string, label: string): GuideScreen => ({ portal: "intune", path, label }),
  entra: (path: string, label: string): GuideScreen => ({ portal: "entra", path, label }),
};
const NDES_SCREEN = S.lab(`/lab/servers/${NDES_SERVER_ID}`, "Lab › Servers › NDES01");

const step = (k: StepKind): StepKind => k;

export const STEP = {
  // Seed 002 "Accounts", seed 001 part 1: the NDES service account.
  serviceAccount: step({
    id: "service-account",
    title: "Create the NDES service account",
    instruction: "Create a domain user account (e.g. svc-ndes) that the SCEP application pool runs as.",
    screen: S.lab("/lab/ad", "Lab › Active Directory"),
    blockingCodes: ["NDES_SVC_ACCOUNT_UNHEALTHY"],
    check: (s, ix) => !!lab(s) && serviceAccounts(lab(s)!).length > 0 && quiet(s, ix, ["NDES_SVC_ACCOUNT_UNHEALTHY"]),
    apply: edit((t, k) => {
      const svc = keyLab(k).accounts.find((a) => a.kind === "serviceAccount")!;
      upsert(t.lab!.accounts, { ...svc, spns: t.lab!.accounts.find((a) => a.id === svc.id)?.spns ?? [] });
    }),
  }),
  serviceAccountSpn: step({
    id: "service-account-spn",
    title: "Register the HTTP SPN for NDES",
    instruction: "setspn -s HTTP/<NDES FQDN> <domain>\\svc-ndes, so Kerberos works for the name NDES is published under.",
    screen: S.lab("/lab/ad", "Lab › Active Directory"),
    blockingCodes: ["NDES_SPN_MISSING"],
    check: (s, ix) => !!lab(s) && serviceAccounts(lab(s)!).some((a) => a.spns.some((p) => p.toUpperCase().startsWith("HTTP/"))) && quiet(s, ix, ["NDES_SPN_MISSING"]),
    apply: edit((t, k) => {
      const svc = keyLab(k).accounts.find((a) => a.kind === "serviceAccount")!;
      const mine = t.lab!.accounts.find((a) => a.id === svc.id);
      if (mine) mine.spns = [...svc.spns];
    }),
  }),
  installNdesRole: step({
    id: "install-ndes-role",
    title: "Install the NDES role and IIS on a member server",
    instruction: "On a domain-joined member server (not the CA, not a DC), add Network Device Enrollment Service with the IIS and .NET features; turn IE Enhanced Security Configuration off.",
    screen: NDES_SCREEN,
    blockingCodes: ["NDES_ROLE_NOT_INSTALLED", "IIS_FEATURES_MISSING", "NDES_ON_CA_SERVER", "NDES_ON_DC", "NDES_IE_ESC_ON", "NDES_DOTNET_MISSING", "NDES_OS_UNSUPPORTED", "NDES_NOT_DOMAIN_JOINED"],
    check: (s, ix) => !!lab(s) && ndesServers(lab(s)!).some((x) => !x.ieEscEnabled) && quiet(s, ix, ["NDES_ROLE_NOT_INSTALLED", "IIS_FEATURES_MISSING", "NDES_ON_CA_SERVER", "NDES_ON_DC", "NDES_IE_ESC_ON", "NDES_DOTNET_MISSING", "NDES_OS_UNSUPPORTED", "NDES_NOT_DOMAIN_JOINED"]),
    apply: edit((t, k) => {
      const key = keyServer(k, NDES_SERVER_ID);
      // Add Roles and Features (lab/defaults.ts installFeatures: IIS_IUSRS, its user right, the web services).
      const srv = installFeatures(server(t, NDES_SERVER_ID), NDES_FEATURES);
      upsert(t.lab!.servers, { ...srv, ieEscEnabled: key.ieEscEnabled, tls12: { ...key.tls12 } });
    }),
  }),
  iisIusrs: step({
    id: "iis-iusrs",
    title: "Add the service account to IIS_IUSRS",
    instruction: "Make the NDES service account a member of the local IIS_IUSRS group on the NDES server.",
    screen: NDES_SCREEN,
    blockingCodes: ["NDES_SVC_NOT_IN_IIS_IUSRS"],
    check: (s, ix) => {
      const l = lab(s);
      if (!l) return false;
      const names = serviceAccounts(l).map((a) => `${a.domain}\\${a.samAccountName}`.toLowerCase());
      return ndesServers(l).some((x) => x.localGroups.IIS_IUSRS.some((m) => names.includes(m.toLowerCase()))) && quiet(s, ix, ["NDES_SVC_NOT_IN_IIS_IUSRS"]);
    },
    apply: edit((t, k) => {
      server(t, NDES_SERVER_ID).localGroups.IIS_IUSRS = [...keyServer(k, NDES_SERVER_ID).localGroups.IIS_IUSRS];
    }),
  }),
  requestPermission: step({
    id: "request-permission",
    title: "Give the service account Request Certificates on the CA",
    instruction: "In the issuing CA's Security tab, allow the NDES service account Request Certificates.",
    screen: S.lab("/lab/ca", "Lab › Certification Authority"),
    blockingCodes: ["CA_REQUEST_PERMISSION_MISSING"],
    check: (s, ix) => {
      const l = lab(s);
      if (!l) return false;
      const names = serviceAccounts(l).map((a) => `${a.domain}\\${a.samAccountName}`.toLowerCase());
      return enterpriseIssuing(l).some((c) => c.acl.some((e) => e.request && names.includes(e.principal.toLowerCase()))) && quiet(s, ix, ["CA_REQUEST_PERMISSION_MISSING"]);
    },
    apply: edit((t, k) => {
      const ca = issuing(t);
      const svc = keyLab(k).accounts.find((a) => a.kind === "serviceAccount")!;
      const principal = `${svc.domain}\\${svc.samAccountName}`;
      const entry = keyIssuing(k).acl.find((e) => e.principal === principal)!;
      ca.acl = [...ca.acl.filter((e) => e.principal !== principal), { ...entry }];
    }),
  }),
  caSettings: step({
    id: "ca-settings",
    title: "Configure the CA: revocation, validity period and CRL",
    instruction: "Give the connector's account (the NDES computer) Issue and Manage Certificates, run certutil -setreg Policy\\EditFlags +EDITF_ATTRIBUTEENDDATE and publish the CRL where devices on the internet reach it.",
    screen: S.lab("/lab/ca", "Lab › Certification Authority"),
    blockingCodes: ["CA_REVOKE_PERMISSION_MISSING", "CA_EDITF_ATTRIBUTEENDDATE_MISSING", "CA_CRL_EXTERNAL_DEVICES", "CA_CRL_UNREACHABLE"],
    check: (s, ix) => {
      const l = lab(s);
      return !!l && enterpriseIssuing(l).some((c) => c.editFlags.includes("EDITF_ATTRIBUTEENDDATE") && c.acl.some((e) => e.issueAndManage) && c.crlDistributionPoints.some((d) => d.reachableFromInternet)) && quiet(s, ix, ["CA_REVOKE_PERMISSION_MISSING", "CA_EDITF_ATTRIBUTEENDDATE_MISSING", "CA_CRL_EXTERNAL_DEVICES", "CA_CRL_UNREACHABLE"]);
    },
    apply: edit((t, k) => {
      const ca = issuing(t);
      const key = keyIssuing(k);
      const extra = key.acl.filter((e) => e.issueAndManage && !ca.acl.some((m) => m.principal === e.principal));
      ca.acl = [...ca.acl, ...extra];
      ca.editFlags = [...key.editFlags];
      ca.crlDistributionPoints = structuredClone(key.crlDistributionPoints);
    }),
  }),
  scepTemplate: step({
    id: "scep-template",
    title: "Create the SCEP certificate template",
    instruction: "Duplicate the User template (Windows Server 2003 compatibility): Supply in the request, not published in AD, Client Authentication, key not exportable, the NDES service account Read + Enroll.",
    screen: S.lab("/lab/templates", "Lab › Certificate Templates"),
    blockingCodes: ["TPL_NOT_V2", "TPL_SUBJECT_NOT_SUPPLY_IN_REQUEST", "TPL_NO_CLIENT_AUTH_EKU", "TPL_PUBLISH_IN_AD_CHECKED", "TPL_VALIDITY_LT_5_DAYS", "TPL_ACL_NDES_READ_ENROLL", "TPL_ACL_CONNECTOR_ACCOUNT", "TPL_APPLE_NONREPUDIATION"],
    check: (s, ix) => !!lab(s) && scepTemplates(lab(s)!).some((x) => !x.allowPrivateKeyExport) && quiet(s, ix, ["TPL_NOT_V2", "TPL_SUBJECT_NOT_SUPPLY_IN_REQUEST", "TPL_NO_CLIENT_AUTH_EKU", "TPL_PUBLISH_IN_AD_CHECKED", "TPL_VALIDITY_LT_5_DAYS", "TPL_ACL_NDES_READ_ENROLL", "TPL_ACL_CONNECTOR_ACCOUNT", "TPL_APPLE_NONREPUDIATION"]),
    apply: edit((t, k) => {
      upsert(t.lab!.templates, structuredClone(keyLab(k).templates.find((x) => x.name === COMPLETE_SETUP.lab.scepTemplate.name)!));
    }),
  }),
  publishTemplate: step({
    id: "publish-template",
    title: "Publish the SCEP template on the CA",
    instruction: "In the CA console, Certificate Templates › New › Certificate Template to Issue: the SCEP template.",
    screen: S.lab("/lab/ca", "Lab › Certification Authority"),
    blockingCodes: ["CA_TEMPLATE_NOT_PUBLISHED", "CA_TEMPLATE_UNREADABLE_BY_CA"],
    check: (s, ix) => {
      const l = lab(s);
      if (!l) return false;
      const names = new Set(scepTemplates(l).map((x) => x.name));
      return enterpriseIssuing(l).some((c) => c.templatesToIssue.some((n) => names.has(n))) && quiet(s, ix, ["CA_TEMPLATE_NOT_PUBLISHED", "CA_TEMPLATE_UNREADABLE_BY_CA"]);
    },
    apply: edit((t, k) => {
      // The SCEP template, and the RA and default MSCEP templates NDES names until it is configured.
      const ca = issuing(t);
      const iis = COMPLETE_SETUP.lab.iisTemplate.name;
      const names = keyIssuing(k).templatesToIssue.filter((n) => n !== iis || ca.templatesToIssue.includes(iis));
      ca.templatesToIssue = [...new Set([...ca.templatesToIssue, ...names])];
    }),
  }),
  configureNdes: step({
    id: "configure-ndes",
    title: "Configure NDES and point it at the SCEP template",
    instruction: "Run the NDES configuration as an Enterprise Admin against the issuing CA with the service account; then write the SCEP template's NAME into the MSCEP registry value its Purpose maps to.",
    screen: S.lab("/lab/ndes", "Lab › NDES"),
    blockingCodes: ["NDES_MSCEP_KEY_MISSING", "NDES_TEMPLATE_REGISTRY_DEFAULT", "NDES_TEMPLATE_REGISTRY_DISPLAY_NAME", "NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH", "NDES_INSTALLED_WITHOUT_ENTERPRISE_ADMIN", "NDES_APPPOOL_IDENTITY_MISMATCH", "CA_SINGLE_CA_PER_NDES", "NDES_APPPOOL_STOPPED"],
    check: (s, ix) => {
      const l = lab(s);
      const n = l && ndesOf(l);
      if (!n) return false;
      const names = new Set(scepTemplates(l).map((x) => x.name));
      const reg = n.mscepRegistry;
      return [reg.GeneralPurposeTemplate, reg.SignatureTemplate, reg.EncryptionTemplate].some((v) => v && v !== MSCEP_DEFAULT_TEMPLATE && names.has(v)) && quiet(s, ix, ["NDES_MSCEP_KEY_MISSING", "NDES_TEMPLATE_REGISTRY_DEFAULT", "NDES_TEMPLATE_REGISTRY_DISPLAY_NAME", "NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH", "NDES_INSTALLED_WITHOUT_ENTERPRISE_ADMIN", "NDES_APPPOOL_IDENTITY_MISMATCH", "CA_SINGLE_CA_PER_NDES", "NDES_APPPOOL_STOPPED"]);
    },
    apply: edit((t, k) => {
      const n = ndesEntry(t, k);
      const key = keyLab(k).ndes[0]!;
      n.mscepRegistry = { ...n.mscepRegistry, GeneralPurposeTemplate: key.mscepRegistry.GeneralPurposeTemplate, SignatureTemplate: key.mscepRegistry.SignatureTemplate, EncryptionTemplate: key.mscepRegistry.EncryptionTemplate, HashAlgorithm: key.mscepRegistry.HashAlgorithm };
      // The RA certificates the wizard enrolled (CEP Encryption, Exchange Enrollment Agent) in LocalMachine\My.
      const srv = server(t, NDES_SERVER_ID);
      const ra = new Set(n.raCertificates.map((c) => c.thumbprint));
      srv.certificates = { ...srv.certificates, my: [...srv.certificates.my.filter((c) => !ra.has(c.thumbprint)), ...n.raCertificates] };
    }),
  }),
  urlLengths: step({
    id: "url-lengths",
    title: "Allow long SCEP URLs (request filtering and HTTP.sys)",
    instruction: "Set IIS request filtering Maximum URL length and Maximum query string to 65534, and HTTP.sys MaxFieldLength and MaxRequestBytes to 65534.",
    screen: S.lab("/lab/ndes", "Lab › NDES"),
    blockingCodes: ["IIS_REQFILTER_MAXURL_LOW", "IIS_REQFILTER_MAXQUERY_LOW", "HTTPSYS_MAXFIELDLENGTH_LOW", "HTTPSYS_MAXREQUESTBYTES_LOW"],
    check: (s, ix) => {
      const n = lab(s) && ndesOf(lab(s)!);
      return !!n && n.iis.requestFiltering.maxUrl >= 65534 && n.iis.requestFiltering.maxQueryString >= 65534 && quiet(s, ix, ["IIS_REQFILTER_MAXURL_LOW", "IIS_REQFILTER_MAXQUERY_LOW", "HTTPSYS_MAXFIELDLENGTH_LOW", "HTTPSYS_MAXREQUESTBYTES_LOW"]);
    },
    apply: edit((t, k) => {
      const n = ndesEntry(t, k);
      const key = keyLab(k).ndes[0]!;
      n.iis = { ...n.iis, requestFiltering: { ...key.iis.requestFiltering } };
      n.httpSysParameters = { ...key.httpSysParameters };
    }),
  }),
  iisCertificate: step({
    id: "iis-certificate",
    title: "Issue the NDES server certificate and bind it to https 443",
    instruction: "Duplicate Web Server for the NDES server, enroll a certificate with the NDES FQDN (and the external name) in the SAN, bind it to Default Web Site on https 443 with an empty host name; remove the http 80 binding.",
    screen: NDES_SCREEN,
    blockingCodes: ["IIS_NO_HTTPS_443_BINDING", "IIS_CERT_NAME_MISMATCH", "IIS_CERT_NO_SERVER_AUTH", "IIS_CERT_SELF_SIGNED", "IIS_CERT_EXPIRED", "IIS_BINDING_HOSTNAME_SET", "TPL_IIS_NO_SERVER_AUTH"],
    check: (s, ix) => {
      const l = lab(s);
      const n = l && ndesOf(l);
      if (!n) return false;
      const my = new Set(l.servers.find((x) => x.id === n.serverId)?.certificates.my.map((c) => c.thumbprint));
      const bound = n.iis.sites.some((site) => site.bindings.some((b) => b.protocol === "https" && b.port === 443 && !!b.certificateThumbprint && my.has(b.certificateThumbprint)));
      return bound && quiet(s, ix, ["IIS_NO_HTTPS_443_BINDING", "IIS_CERT_NAME_MISMATCH", "IIS_CERT_NO_SERVER_AUTH", "IIS_CERT_SELF_SIGNED", "IIS_CERT_EXPIRED", "IIS_BINDING_HOSTNAME_SET", "TPL_IIS_NO_SERVER_AUTH"]);
    },
    apply: edit((t, k) => {
      const name = COMPLETE_SETUP.lab.iisTemplate.name;
      upsert(t.lab!.templates, structuredClone(keyLab(k).templates.find((x) => x.name === name)!));
      const ca = issuing(t);
      if (!ca.templatesToIssue.includes(name)) ca.templatesToIssue = [...ca.templatesToIssue, name];
      const n = ndesEntry(t, k);
      const key = keyLab(k).ndes[0]!;
      n.iis = { ...n.iis, sites: structuredClone(key.iis.sites), mscepAdminPublished: key.iis.mscepAdminPublished };
      const srv = server(t, NDES_SERVER_ID);
      const cert = keyServer(k, NDES_SERVER_ID).certificates.my.find((c) => c.template === name)!;
      srv.certificates = { ...srv.certificates, my: [...srv.certificates.my.filter((c) => c.thumbprint !== cert.thumbprint), cert] };
    }),
  }),
  installConnector: step({
    id: "install-certificate-connector",
    title: "Install the Certificate Connector for Microsoft Intune",
    instruction: "Download the connector from Tenant administration › Connectors and tokens, install it on the NDES server with SCEP (and revocation) selected, and sign in with an Intune Administrator that has an Intune licence.",
    screen: { portal: "intune", path: "/intune/tenant-admin/certificate-connectors", label: "Intune › Tenant administration › Certificate connectors" },
    blockingCodes: ["CONN_NOT_INSTALLED", "CONN_SCEP_FEATURE_OFF", "CONN_SIGNIN_ROLE", "CONN_SIGNIN_NO_LICENSE", "CONN_ON_CA_SERVER", "CONN_NOT_ON_NDES_SERVER", "CONN_SERVICE_STOPPED", "CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT", "NDES_INTERNAL_URL_200"],
    check: (s, ix) => {
      const l = lab(s);
      if (!l || !ndesOf(l)) return false;
      const ndesHosts = new Set(l.ndes.map((n) => n.serverId));
      return l.intuneCertificateConnectors.some((c) => c.features.scep && ndesHosts.has(c.serverId)) && quiet(s, ix, ["CONN_NOT_INSTALLED", "CONN_SCEP_FEATURE_OFF", "CONN_SIGNIN_ROLE", "CONN_SIGNIN_NO_LICENSE", "CONN_ON_CA_SERVER", "CONN_NOT_ON_NDES_SERVER", "CONN_SERVICE_STOPPED", "CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT", "NDES_INTERNAL_URL_200"]);
    },
    apply: edit((t, k) => {
      const key = keyLab(k);
      const srv = server(t, NDES_SERVER_ID);
      const already = t.lab!.intuneCertificateConnectors.some((c) => c.serverId === srv.id);
      for (const c of key.intuneCertificateConnectors) upsert(t.lab!.intuneCertificateConnectors, structuredClone(c));
      const keySrv = keyServer(k, NDES_SERVER_ID);
      Object.assign(srv, { services: structuredClone(keySrv.services), installedAgents: [...keySrv.installedAgents], pendingRestart: srv.pendingRestart || !already });
      const n = ndesEntry(t, k);
      n.mscepRegistry = { ...n.mscepRegistry, policyModule: key.ndes[0]!.mscepRegistry.policyModule };
      const intune = intuneOf(t, k);
      for (const c of k.snapshot.intune!.certificateConnectors) upsert(intune.certificateConnectors, structuredClone(c));
    }),
  }),
  restartNdes: step({
    id: "restart-ndes",
    title: "Restart the NDES server",
    instruction: "Restart the NDES server after configuring NDES and installing the connector (an iisreset is not enough).",
    screen: NDES_SCREEN,
    blockingCodes: ["NDES_NOT_RESTARTED"],
    check: (s, ix) => {
      const l = lab(s);
      const n = l && ndesOf(l);
      return !!n && l.intuneCertificateConnectors.some((c) => c.serverId === n.serverId) && !l.servers.find((x) => x.id === n.serverId)?.pendingRestart && quiet(s, ix, ["NDES_NOT_RESTARTED"]);
    },
    apply: edit((t) => {
      server(t, NDES_SERVER_ID).pendingRestart = false;
    }),
  }),

  // ── Entra application proxy (seeds 000 and 003)
  appProxyConnector: step({
    id: "install-private-network-connector",
    title: "Install and register the private network connector",
    instruction: "Download the connector service from Entra ID › Enterprise apps › Application proxy, run MicrosoftEntraPrivateNetworkConnectorInstaller.exe on a server that reaches NDES, register it as an Application Administrator; it shows as Active.",
    screen: S.entra("/entra/enterprise-apps/application-proxy", "Entra › Enterprise apps › Application proxy"),
    blockingCodes: ["APPX_NO_APP_ADMIN", "APPX_REGISTERED_BY_WRONG_ACCOUNT", "APPX_OS_UNSUPPORTED", "APPX_DOTNET_OLD", "APPX_TLS12_DISABLED", "APPX_OUTBOUND_BLOCKED", "APPX_TLS_INSPECTION", "APPX_SERVICE_STOPPED", "APPX_INACTIVE", "APPX_IE_ESC_BLOCKS_REGISTRATION", "APPX_WITH_PASSWORD_PROTECTION_PROXY", "APPX_TRUST_CERT_EXPIRED"],
    check: (s, ix) =>
      !!lab(s) &&
      (s.entra?.connectors ?? []).some((c) => c.status === "active" && !!c.serverId && lab(s)!.appProxyConnectors.some((a) => a.id === c.id)) &&
      quiet(s, ix, ["APPX_NO_APP_ADMIN", "APPX_REGISTERED_BY_WRONG_ACCOUNT", "APPX_OS_UNSUPPORTED", "APPX_DOTNET_OLD", "APPX_TLS12_DISABLED", "APPX_OUTBOUND_BLOCKED", "APPX_TLS_INSPECTION", "APPX_SERVICE_STOPPED", "APPX_INACTIVE", "APPX_IE_ESC_BLOCKS_REGISTRATION", "APPX_WITH_PASSWORD_PROTECTION_PROXY", "APPX_TRUST_CERT_EXPIRED"]),
    apply: edit((t, k) => copyAppProxyServer(t, k, 0)),
  }),
  secondConnector: step({
    id: "second-connector",
    title: "Add a second connector to the group",
    instruction: "For high availability, install the connector on another server and put both in the connector group that serves NDES.",
    screen: S.entra("/entra/enterprise-apps/application-proxy", "Entra › Enterprise apps › Application proxy"),
    blockingCodes: ["APPX_INACTIVE", "APPX_GROUP_NO_CONNECTOR"],
    check: (s, ix) => {
      const active = (s.entra?.connectors ?? []).filter((c) => c.status === "active");
      const perGroup = new Map<string, number>();
      for (const c of active) perGroup.set(c.connectorGroupId ?? "default", (perGroup.get(c.connectorGroupId ?? "default") ?? 0) + 1);
      return [...perGroup.values()].some((n) => n >= 2) && quiet(s, ix, ["APPX_INACTIVE", "APPX_GROUP_NO_CONNECTOR"]);
    },
    apply: edit((t, k) => copyAppProxyServer(t, k, 1)),
  }),
  publishNdes: step({
    id: "publish-ndes",
    title: "Add NDES as an on-premises application with Passthrough",
    instruction: "Enterprise applications › New application › On-premises application: a name, Internal URL https://<NDES FQDN>/, Pre Authentication Passthrough, the connector group with the connectors; copy the External URL; Add.",
    screen: S.entra("/entra/enterprise-apps/new/on-premises", "Entra › Enterprise apps › Add your own on-premises application"),
    blockingCodes: ["APPPROXY_PREAUTH_NOT_PASSTHROUGH", "APPPROXY_INTERNAL_URL_WRONG", "APPPROXY_URL_FORMAT", "APPPROXY_URL_IS_IP", "APPPROXY_INTERNAL_URL_NOT_UNIQUE", "APPPROXY_EXTERNAL_URL_NOT_UNIQUE", "APPPROXY_EXTERNAL_URL_DOMAIN_INVALID", "APPPROXY_MAINTENANCE_MODE", "APPX_GROUP_NO_CONNECTOR", "APPPROXY_CONNECTOR_GROUP_EMPTY", "APPX_LICENSE_MISSING", "APPPROXY_NOT_ADMIN"],
    check: (s, ix) => {
      const app = ndesApp(s);
      return !!app && app.onPremisesPublishing!.externalAuthenticationType === "passthru" && quiet(s, ix, ["APPPROXY_PREAUTH_NOT_PASSTHROUGH", "APPPROXY_INTERNAL_URL_WRONG", "APPPROXY_URL_FORMAT", "APPPROXY_URL_IS_IP", "APPPROXY_INTERNAL_URL_NOT_UNIQUE", "APPPROXY_EXTERNAL_URL_NOT_UNIQUE", "APPPROXY_EXTERNAL_URL_DOMAIN_INVALID", "APPPROXY_MAINTENANCE_MODE", "APPX_GROUP_NO_CONNECTOR", "APPPROXY_CONNECTOR_GROUP_EMPTY", "APPX_LICENSE_MISSING", "APPPROXY_NOT_ADMIN"]);
    },
    apply: edit((t, k) => {
      const entra = entraOf(t);
      for (const g of k.snapshot.entra!.connectorGroups) upsert(entra.connectorGroups, structuredClone(g));
      for (const a of k.snapshot.entra!.applications) upsert(entra.applications, structuredClone(a));
    }),
  }),
  testWelcomePage: step({
    id: "test-welcome-page",
    title: "Open the External URL: the IIS welcome page",
    instruction: "Paste the External URL into a browser on the internet: you see the default IIS welcome page.",
    screen: S.lab("/lab/browser", "Lab › Browser"),
    blockingCodes: ["APPX_NO_LINE_OF_SIGHT", "IIS_CERT_CHAIN_UNTRUSTED_BY_PROXY", "APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT", "APPPROXY_CNAME_MISSING"],
    check: (s, ix) => browseNdesExternally(s, "/") === 200 && quiet(s, ix, ["APPX_NO_LINE_OF_SIGHT", "IIS_CERT_CHAIN_UNTRUSTED_BY_PROXY", "APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT", "APPPROXY_CNAME_MISSING"]),
  }),
  testMscep403: step({
    id: "test-mscep-403",
    title: "Open …/certsrv/mscep/mscep.dll: HTTP Error 403 – Forbidden",
    instruction: "Add /certsrv/mscep/mscep.dll to the External URL: with the connector's policy module in place the answer is 403 Forbidden.",
    screen: S.lab("/lab/browser", "Lab › Browser"),
    blockingCodes: ["NDES_INTERNAL_URL_200", "NDES_APPPOOL_STOPPED", "RP_LONG_URI_UNSUPPORTED"],
    check: (s, ix) => browseNdesExternally(s, "/certsrv/mscep/mscep.dll") === 403 && quiet(s, ix, ["NDES_INTERNAL_URL_200", "NDES_APPPOOL_STOPPED", "RP_LONG_URI_UNSUPPORTED"]),
  }),
  scepUrlExternal: step({
    id: "scep-url-external",
    title: "Use the External URL in the SCEP profiles",
    instruction: "Edit (or create) the SCEP certificate profiles so their SCEP Server URL is <External URL>certsrv/mscep/mscep.dll.",
    screen: S.intune("/intune/devices/configuration", "Intune › Devices › Configuration"),
    blockingCodes: ["PROF_URL_NOT_APPPROXY_EXTERNAL", "APPPROXY_INTUNE_URL_NOT_UPDATED", "PROF_URL_INTERNAL_ONLY", "PROF_URL_NOT_MSCEP_PATH"],
    check: (s, ix) => {
      const app = ndesApp(s);
      if (!app) return false;
      const ext = app.onPremisesPublishing!.externalUrl.toLowerCase();
      const profiles = scepProfiles(s);
      const urls = (p: (typeof profiles)[number]) => ((p.settings as { scepServerUrls?: string[] }).scepServerUrls ?? []).map((u) => u.toLowerCase());
      return profiles.length > 0 && profiles.every((p) => urls(p).some((u) => u.startsWith(ext))) && quiet(s, ix, ["PROF_URL_NOT_APPPROXY_EXTERNAL", "APPPROXY_INTUNE_URL_NOT_UPDATED", "PROF_URL_INTERNAL_ONLY", "PROF_URL_NOT_MSCEP_PATH"]);
    },
    apply: edit((t, k) => {
      for (const p of scepProfiles(t)) (p.settings as { scepServerUrls?: string[] }).scepServerUrls = [k.scepUrl];
    }),
  }),
  assignTestUser: step({
    id: "assign-test-user",
    title: "Assign a user for testing",
    instruction: "In the application's Users and groups, assign a test user (or group) who can then open the application.",
    screen: S.entra("/entra/enterprise-apps", "Entra › Enterprise apps"),
    blockingCodes: [],
    check: (s) => {
      const app = ndesApp(s);
      return !!app && app.assignedPrincipals.length > 0;
    },
    apply: edit((t, k) => {
      const app = ndesApp(t);
      if (app) app.assignedPrincipals = [{ principalType: "Group", principalId: k.directory.scepGroup.id, displayName: k.directory.scepGroup.displayName }];
    }),
  }),

  // ── Intune (seed 001 part 3)
  trustedRoot: step({
    id: "trusted-root-profiles",
    title: "Create the trusted certificate profiles",
    instruction: "For every platform the SCEP profiles target, a Trusted certificate profile with the root CA's .cer (for Android also the issuing CA's).",
    screen: S.intune("/intune/devices/configuration/create", "Intune › Devices › Configuration › Create"),
    blockingCodes: ["TRUST_NOT_CA_CERT", "TRUST_PFX_UPLOADED", "TRUST_EXPIRED", "TRUST_WEAK_SIGNATURE_ALG", "TRUST_WINDOWS_DEST_STORE", "TRUST_INTERMEDIATE_AS_ROOT", "TRUST_ISSUING_CA_NOT_DEPLOYED"],
    check: (s, ix) => {
      const root = lab(s)?.cas.find((c) => !c.parentCaId);
      return !!root && trustedProfiles(s).some((p) => p.certificate?.thumbprint === root.certificate.thumbprint) && quiet(s, ix, ["TRUST_NOT_CA_CERT", "TRUST_PFX_UPLOADED", "TRUST_EXPIRED", "TRUST_WEAK_SIGNATURE_ALG", "TRUST_WINDOWS_DEST_STORE", "TRUST_INTERMEDIATE_AS_ROOT", "TRUST_ISSUING_CA_NOT_DEPLOYED"]);
    },
    apply: edit((t, k) => {
      const intune = intuneOf(t, k);
      for (const p of k.profiles.filter((x) => x.kind !== "scep")) upsert(intune.profiles, structuredClone(p.profile));
    }),
  }),
  scepProfiles: step({
    id: "scep-profiles",
    title: "Create the SCEP certificate profiles",
    instruction: "For each platform a SCEP certificate profile: certificate type, subject name format, key usage matching the template's purpose, Client Authentication, the platform's trusted root profile, the SCEP Server URL.",
    screen: S.intune("/intune/devices/configuration/create", "Intune › Devices › Configuration › Create"),
    blockingCodes: ["PROF_NO_ROOT_CERT", "PROF_ROOT_PLATFORM_MISMATCH", "PROF_ROOT_NOT_TOP_LEVEL", "PROF_URL_NOT_MSCEP_PATH", "PROF_URL_INTERNAL_ONLY", "PROF_KEYUSAGE_REGISTRY_MISMATCH", "PROF_EKU_NO_CLIENT_AUTH", "PROF_SUBJECT_VARIABLE_BRACES", "PROF_VALIDITY_GT_24M", "PROF_VALIDITY_LT_5D", "PROF_RENEWAL_THRESHOLD_RANGE", "PROF_MACOS_CHANNEL_MISMATCH", "PROF_KEYSIZE_BELOW_TEMPLATE_MIN", "TPL_MIN_KEY_SIZE_GT_PROFILE"],
    check: (s, ix) => scepProfiles(s).length > 0 && scepProfiles(s).every((p) => !!p.rootCertificateId) && quiet(s, ix, ["PROF_NO_ROOT_CERT", "PROF_ROOT_PLATFORM_MISMATCH", "PROF_ROOT_NOT_TOP_LEVEL", "PROF_URL_NOT_MSCEP_PATH", "PROF_URL_INTERNAL_ONLY", "PROF_KEYUSAGE_REGISTRY_MISMATCH", "PROF_EKU_NO_CLIENT_AUTH", "PROF_SUBJECT_VARIABLE_BRACES", "PROF_VALIDITY_GT_24M", "PROF_VALIDITY_LT_5D", "PROF_RENEWAL_THRESHOLD_RANGE", "PROF_MACOS_CHANNEL_MISMATCH", "PROF_KEYSIZE_BELOW_TEMPLATE_MIN", "TPL_MIN_KEY_SIZE_GT_PROFILE"]),
    apply: edit((t, k) => {
      const intune = intuneOf(t, k);
      for (const p of k.profiles.filter((x) => x.kind === "scep")) upsert(intune.profiles, structuredClone(p.profile));
    }),
  }),
  assignProfiles: step({
    id: "assign-profiles",
    title: "Assign the trusted root and SCEP profiles to the same groups",
    instruction: "Assign every SCEP profile and the trusted certificate profile it uses to the same user group.",
    screen: S.intune("/intune/devices/configuration", "Intune › Devices › Configuration"),
    blockingCodes: ["PROF_ROOT_ASSIGNMENT_MISMATCH"],
    check: (s, ix) => {
      const assigned = new Set((s.intune?.assignments ?? []).map((a) => a.profileId));
      const scep = scepProfiles(s);
      return scep.length > 0 && scep.every((p) => assigned.has(p.id)) && quiet(s, ix, ["PROF_ROOT_ASSIGNMENT_MISMATCH"]);
    },
    apply: edit((t, k) => {
      const intune = intuneOf(t, k);
      const present = new Set(intune.profiles.map((p) => p.id));
      const keep = intune.assignments.filter((a) => !k.snapshot.intune!.assignments.some((b) => b.profileId === a.profileId));
      intune.assignments = [...keep, ...k.snapshot.intune!.assignments.filter((a) => present.has(a.profileId)).map((a) => structuredClone(a))];
    }),
  }),
} satisfies Record<string, StepKind>;

/** Copy the answer key's `i`-th private network connector server: server hardening, the lab connector, its Entra
 * connector and the connector groups (seed 000: "Repeat the same steps … to install the connector on other servers"). */
function copyAppProxyServer(t: TenantSnapshot, k: CompleteSetupPlan, i: number): void {
  const name = COMPLETE_SETUP.appProxyServers[i]!;
  const keySrv = keyLab(k).servers.find((x) => x.name === name)!;
  const mine = t.lab!.servers.find((x) => x.name === name);
  if (mine) upsert(t.lab!.servers, { ...structuredClone(keySrv), id: mine.id });
  else {
    t.lab!.servers.push(structuredClone(keySrv));
    const acct = keyLab(k).accounts.find((a) => a.samAccountName === `${name}$`);
    if (acct && !t.lab!.accounts.some((a) => a.id === acct.id)) t.lab!.accounts.push(structuredClone(acct));
  }
  const conn = keyLab(k).appProxyConnectors.find((c) => c.serverId === keySrv.id)!;
  upsert(t.lab!.appProxyConnectors, structuredClone(conn));
  const entra = entraOf(t);
  for (const g of k.snapshot.entra!.connectorGroups) upsert(entra.connectorGroups, structuredClone(g));
  upsert(entra.connectors, structuredClone(k.snapshot.entra!.connectors.find((c) => c.id === conn.id)!));
}

/** The index a check receives (built once per evaluation by guideProgress; tests build their own). */
export const indexOf = (s: TenantSnapshot): SnapshotIndex => buildIndex(s);
