// For every lab rule, correctLab() broken in exactly that one way: the rule's code is the only error or warning it
// yields (an info rule's variant yields that info and no error or warning). Used by the rule tests and by the API
// test that must get exactly that rule's code.
import { ROLE_IDS } from "../directory/roles";
import { addDays, aCertificate, installIntuneConnector, newAdAccount, newServer } from "./defaults";
import { correctLab, CORRECT_LAB_NAMES as N } from "./correct-lab";
import { SERVICE } from "./services";
import { EKU, MSCEP_DEFAULT_TEMPLATE, type LabServer, type LabSnapshot, type ReverseProxy } from "./snapshot";

/** Handles on the objects of correctLab() that variants break. */
export function partsOf(lab: LabSnapshot) {
  const server = (name: string) => lab.servers.find((s) => s.name === name)!;
  const ndesSrv = server(N.ndesServer);
  const ndes = lab.ndes[0]!;
  return {
    ndesSrv,
    caSrv: server("CA01"),
    appxSrv: server("APPPROXY01"),
    ndes,
    svc: lab.accounts.find((a) => a.samAccountName === N.serviceAccount)!,
    root: lab.cas.find((c) => c.name === N.rootCa)!,
    issuing: lab.cas.find((c) => c.name === N.issuingCa)!,
    scep: lab.templates.find((t) => t.name === N.scepTemplate.name)!,
    iisTpl: lab.templates.find((t) => t.name === N.iisTemplate.name)!,
    iisCert: ndesSrv.certificates.my.find((c) => c.template === N.iisTemplate.name)!,
    scepPool: ndes.iis.appPools.find((p) => p.name === "SCEP")!,
    conn: lab.intuneCertificateConnectors[0]!,
    appx: lab.appProxyConnectors[0]!,
  };
}

const past = (lab: LabSnapshot) => addDays(lab.asOf ?? new Date(), -1);
const svcName = (lab: LabSnapshot) => `${N.forest.netbiosName}\\${partsOf(lab).svc.samAccountName}`;

/** The correct lab with the legacy connector (NDESConnectorSetup.exe, seed 001) instead of the current one. */
export function withLegacyConnector(lab: LabSnapshot): void {
  const p = partsOf(lab);
  p.conn.generation = "legacy";
  p.conn.version = "6.2008.60.612";
  p.conn.signingCertificatePresent = true;
  p.conn.clientCertificate = { ...p.iisCert, eku: [EKU.serverAuthentication, EKU.clientAuthentication] };
  const current: string[] = [SERVICE.pfxConnector.name, SERVICE.pkiConnector.name, SERVICE.revokeConnector.name];
  p.ndesSrv.services = [...p.ndesSrv.services.filter((s) => !current.includes(s.name)), { ...SERVICE.legacyConnector, status: "running", startupType: "automatic" }];
  p.ndes.iis.certificateRegistrationSvc = { windowsAuth: false, anonymousAuth: true };
  const r = p.ndesSrv.userRights;
  const svc = svcName(lab);
  r.logOnLocally.push(svc);
  r.logOnAsService.push(svc);
  r.logOnAsBatchJob.push(svc);
}

/** The correct lab also published through a correct Web Application Proxy (2022, domain member, Pass-through). */
export function withWap(lab: LabSnapshot, patch: Partial<ReverseProxy> = {}): ReverseProxy {
  const now = lab.asOf ?? new Date().toISOString();
  const wap: ReverseProxy = {
    id: "wap-wap01",
    kind: "wap",
    displayName: "WAP01",
    os: "2022",
    domainJoined: true,
    preauth: "passthrough",
    externalHostName: "ndes.contoso.com",
    certificate: aCertificate({
      subject: "CN=ndes.contoso.com",
      issuer: "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1",
      notBefore: addDays(now, -10),
      notAfter: addDays(now, 300),
      eku: [EKU.serverAuthentication],
      san: ["ndes.contoso.com"],
    }),
    trustsBackendCertificate: true,
    ...patch,
  };
  lab.reverseProxies.push(wap);
  lab.network.externalDnsRecords.push({ name: wap.externalHostName, type: "A", value: "203.0.113.10" });
  return wap;
}

/** The correct lab also behind a correct third-party reverse proxy. */
export function withThirdPartyProxy(lab: LabSnapshot, patch: Partial<ReverseProxy> = {}): ReverseProxy {
  const rp: ReverseProxy = {
    id: "rp-f5",
    kind: "thirdParty",
    displayName: "F5 BIG-IP",
    preauth: "passthrough",
    externalHostName: "scep.contoso.com",
    maxUriBytes: 65536,
    trustsBackendCertificate: true,
    ...patch,
  };
  lab.reverseProxies.push(rp);
  lab.network.externalDnsRecords.push({ name: rp.externalHostName, type: "A", value: "203.0.113.20" });
  return rp;
}

/** Another domain member with its own Certificate Connector (PKCS only unless `scep`). */
function extraConnectorServer(lab: LabSnapshot, name: string, os: LabServer["os"], opts: { scep?: boolean; onto?: LabServer } = {}): LabServer {
  const base = opts.onto ?? { ...newServer({ name, os, domain: N.forest }), tls12: { client: true, server: true, schUseStrongCrypto: true }, edgeInstalled: true };
  const installed = installIntuneConnector(base, undefined, {
    id: `conn-${base.name.toLowerCase()}`,
    at: addDays(lab.asOf ?? new Date(), -5),
    signedInUpn: N.intuneAdmin,
    signedInUserRoles: [ROLE_IDS.intuneAdministrator],
    signedInUserHasIntuneLicense: true,
    features: { scep: !!opts.scep, pkcs: !opts.scep },
  });
  if (opts.onto) lab.servers[lab.servers.indexOf(opts.onto)] = installed.server;
  else lab.servers.push(installed.server);
  lab.intuneCertificateConnectors.push(installed.connector);
  return installed.server;
}

/** A domain account for the connector's Domain user account option, with what the template and CA need. */
function connectorDomainAccount(lab: LabSnapshot, admin: boolean): void {
  const p = partsOf(lab);
  const a = newAdAccount({ samAccountName: "svc-certconn", domain: N.forest.netbiosName, kind: "serviceAccount" });
  lab.accounts.push(a);
  const name = `${N.forest.netbiosName}\\svc-certconn`;
  p.conn.serviceAccount = a.id;
  p.scep.security.push({ principal: name, read: true, write: false, enroll: true, autoenroll: false });
  p.issuing.acl.push({ principal: name, read: false, request: false, issueAndManage: true, manageCa: false });
  p.ndesSrv.userRights.logOnAsService.push(name);
  if (admin) p.ndesSrv.localGroups.Administrators.push(name);
}

export type Breaker = (lab: LabSnapshot) => void;

const BREAKERS: Record<string, Breaker> = {
  // A.1
  CA_NOT_ENTERPRISE: (l) => void (partsOf(l).issuing.type = "standaloneSubordinate"),
  CA_OS_UNSUPPORTED: (l) => void (partsOf(l).caSrv.os = "2012R2"),
  CA_2008R2_HOTFIX_MISSING: (l) => {
    l.asOf = "2019-11-01T00:00:00.000Z";
    Object.assign(partsOf(l).caSrv, { os: "2008R2SP1", edition: "enterprise" });
  },
  CA_TEMPLATE_NOT_PUBLISHED: (l) => {
    const { issuing } = partsOf(l);
    issuing.templatesToIssue = issuing.templatesToIssue.filter((t) => t !== N.scepTemplate.name);
  },
  CA_TEMPLATE_UNREADABLE_BY_CA: (l) => {
    const { scep } = partsOf(l);
    scep.security = scep.security.filter((a) => a.principal !== "Authenticated Users");
  },
  CA_REQUEST_PERMISSION_MISSING: (l) => {
    for (const a of partsOf(l).issuing.acl) a.request = false;
  },
  CA_REVOKE_PERMISSION_MISSING: (l) => {
    const { issuing } = partsOf(l);
    issuing.acl = issuing.acl.filter((a) => !a.principal.endsWith(`${N.ndesServer}$`));
  },
  CA_EDITF_ATTRIBUTEENDDATE_MISSING: (l) => {
    const { issuing } = partsOf(l);
    issuing.editFlags = issuing.editFlags.filter((f) => f !== "EDITF_ATTRIBUTEENDDATE");
  },
  CA_CERT_REMAINING_LT_PROFILE_VALIDITY: (l) => void (partsOf(l).scep.validity = { value: 10, unit: "years" }),
  CA_CRL_UNREACHABLE: (l) => void (partsOf(l).issuing.crlDistributionPoints[0]!.reachableInternally = false),
  CA_CRL_EXTERNAL_DEVICES: (l) => {
    const { issuing } = partsOf(l);
    issuing.crlDistributionPoints = issuing.crlDistributionPoints.filter((p) => !p.reachableFromInternet);
  },
  CA_SINGLE_CA_PER_NDES: (l) => {
    const { ndes, root } = partsOf(l);
    for (const c of ndes.raCertificates) c.issuer = root.certificate.subject;
  },
  CA_RENEWED_RA_CERTS_STALE: (l) => {
    const { issuing, ndes } = partsOf(l);
    issuing.certificate.notBefore = addDays(ndes.configuredAt, 5);
    issuing.certificate.thumbprint = "0".repeat(40);
  },
  // A.2
  TPL_NOT_V2: (l) => Object.assign(partsOf(l).scep, { schemaVersion: 4, compatibility: { ca: "2016", recipient: "10" }, providerCategory: "ksp" }),
  TPL_SUBJECT_NOT_SUPPLY_IN_REQUEST: (l) => void (partsOf(l).scep.subjectName = "buildFromAd"),
  TPL_NO_CLIENT_AUTH_EKU: (l) => void (partsOf(l).scep.applicationPolicies = ["1.3.6.1.5.5.7.3.4"]),
  TPL_PUBLISH_IN_AD_CHECKED: (l) => void (partsOf(l).scep.publishInAd = true),
  TPL_VALIDITY_LT_5_DAYS: (l) => void (partsOf(l).scep.validity = { value: 2, unit: "days" }),
  TPL_EXPORTABLE_KEY: (l) => void (partsOf(l).scep.allowPrivateKeyExport = true),
  TPL_ACL_NDES_READ_ENROLL: (l) => {
    const { scep } = partsOf(l);
    scep.security = scep.security.filter((a) => !a.principal.endsWith(N.serviceAccount));
  },
  TPL_ACL_CONNECTOR_ACCOUNT: (l) => {
    const { scep } = partsOf(l);
    scep.security = scep.security.filter((a) => !a.principal.endsWith(`${N.ndesServer}$`));
  },
  TPL_IIS_NO_SERVER_AUTH: (l) => void (partsOf(l).iisTpl.applicationPolicies = [EKU.clientAuthentication]),
  TPL_LEGACY_CLIENT_CERT_V1: (l) => {
    withLegacyConnector(l);
    partsOf(l).conn.clientCertificate!.template = "WebServer";
  },
  // A.3
  NDES_ON_CA_SERVER: (l) => void partsOf(l).ndesSrv.features.push("ADCS-Cert-Authority"),
  NDES_ON_DC: (l) => void (partsOf(l).ndesSrv.isDomainController = true),
  NDES_NOT_DOMAIN_JOINED: (l) => Object.assign(partsOf(l).ndesSrv, { domainJoined: false, domainFqdn: undefined }),
  NDES_DIFFERENT_FOREST: (l) => void (partsOf(l).ndesSrv.domainFqdn = "fabrikam.com"),
  NDES_OS_UNSUPPORTED: (l) => void (partsOf(l).ndesSrv.os = "2012"),
  NDES_ROLE_NOT_INSTALLED: (l) => {
    const { ndesSrv } = partsOf(l);
    ndesSrv.features = ndesSrv.features.filter((f) => f !== "ADCS-Device-Enrollment");
  },
  NDES_INSTALLED_WITHOUT_ENTERPRISE_ADMIN: (l) => Object.assign(partsOf(l).ndes, { raCertificates: [], configuredByEnterpriseAdmin: false }),
  NDES_RA_CERTS_EXPIRED: (l) => {
    for (const c of partsOf(l).ndes.raCertificates) c.notAfter = past(l);
  },
  NDES_RA_KEY_ACL: (l) => {
    for (const c of partsOf(l).ndes.raCertificates) c.privateKeyReadableBy = ["Administrators", "NT AUTHORITY\\SYSTEM"];
  },
  NDES_CSP_NOT_CRYPTOAPI: (l) => {
    const { ndes } = partsOf(l);
    ndes.cryptography = { ...ndes.cryptography, signatureProvider: "Microsoft Software Key Storage Provider", providerIsCryptoApi: false };
  },
  NDES_IE_ESC_ON: (l) => void (partsOf(l).ndesSrv.ieEscEnabled = true),
  NDES_SVC_NOT_IN_IIS_IUSRS: (l) => void (partsOf(l).ndesSrv.localGroups.IIS_IUSRS = []),
  NDES_SVC_LOCAL_ADMIN: (l) => void partsOf(l).ndesSrv.localGroups.Administrators.push(svcName(l)),
  NDES_SVC_ACCOUNT_UNHEALTHY: (l) => void (partsOf(l).svc.lockedOut = true),
  NDES_SVC_LOGON_RIGHTS: (l) => {
    withLegacyConnector(l);
    const r = partsOf(l).ndesSrv.userRights;
    r.logOnAsBatchJob = r.logOnAsBatchJob.filter((p) => p !== svcName(l));
  },
  NDES_IMPERSONATE_RIGHT_MISSING: (l) => {
    const r = partsOf(l).ndesSrv.userRights;
    r.impersonateClient = r.impersonateClient.filter((p) => p !== "IIS_IUSRS");
  },
  NDES_SPN_MISSING: (l) => {
    const { ndes, iisCert } = partsOf(l);
    ndes.aliasHostNames = ["ndes.corp.contoso.com"];
    iisCert.san.push("ndes.corp.contoso.com");
  },
  NDES_APPPOOL_IDENTITY_MISMATCH: (l) => void (partsOf(l).scepPool.identity = "ApplicationPoolIdentity"),
  NDES_APPPOOL_STOPPED: (l) => void (partsOf(l).scepPool.state = "stopped"),
  NDES_INTERMEDIATE_IN_ROOT_STORE: (l) => {
    const { ndesSrv, issuing } = partsOf(l);
    ndesSrv.certificates.root.push({ ...issuing.certificate });
  },
  NDES_MSCEP_KEY_MISSING: (l) => void (partsOf(l).ndes.mscepRegistry = { present: false }),
  NDES_TEMPLATE_REGISTRY_DEFAULT: (l) =>
    Object.assign(partsOf(l).ndes.mscepRegistry, {
      SignatureTemplate: MSCEP_DEFAULT_TEMPLATE,
      EncryptionTemplate: MSCEP_DEFAULT_TEMPLATE,
      GeneralPurposeTemplate: MSCEP_DEFAULT_TEMPLATE,
    }),
  NDES_TEMPLATE_REGISTRY_DISPLAY_NAME: (l) => {
    const d = N.scepTemplate.displayName;
    Object.assign(partsOf(l).ndes.mscepRegistry, { SignatureTemplate: d, EncryptionTemplate: d, GeneralPurposeTemplate: d });
  },
  // The name written under the wrong key: SignatureTemplate instead of GeneralPurposeTemplate.
  NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH: (l) => {
    const { ndes, scep } = partsOf(l);
    Object.assign(ndes.mscepRegistry, { SignatureTemplate: scep.name, GeneralPurposeTemplate: MSCEP_DEFAULT_TEMPLATE });
  },
  NDES_NOT_RESTARTED: (l) => void (partsOf(l).ndesSrv.pendingRestart = true),
  NDES_CRP_WINDOWS_AUTH: (l) => {
    withLegacyConnector(l);
    partsOf(l).ndes.iis.certificateRegistrationSvc = { windowsAuth: true, anonymousAuth: false };
  },
  NDES_TEMP_NOT_WRITABLE: (l) => {
    withLegacyConnector(l);
    partsOf(l).ndes.tempWritableByNetworkService = false;
  },
  NDES_DEFAULT_WEB_SITE_RENAMED: (l) => void (partsOf(l).ndes.iis.sites[0]!.name = "NDES"),
  NDES_INTERNAL_URL_200: (l) => void delete partsOf(l).ndes.mscepRegistry.policyModule,
  NDES_DOTNET_MISSING: (l) => void (partsOf(l).ndesSrv.dotNetRelease = 394802),
  NDES_ADMIN_PAGE_EXPOSED: (l) => void (partsOf(l).ndes.iis.mscepAdminPublished = true),
  NDES_HASH_SHA1: (l) => void delete partsOf(l).ndes.mscepRegistry.HashAlgorithm,
  // A.4
  IIS_FEATURES_MISSING: (l) => {
    const { ndesSrv } = partsOf(l);
    ndesSrv.features = ndesSrv.features.filter((f) => f !== "Web-Metabase");
  },
  IIS_REQFILTER_MAXURL_LOW: (l) => void (partsOf(l).ndes.iis.requestFiltering.maxUrl = 4096),
  IIS_REQFILTER_MAXQUERY_LOW: (l) => void (partsOf(l).ndes.iis.requestFiltering.maxQueryString = 2048),
  HTTPSYS_MAXFIELDLENGTH_LOW: (l) => void delete partsOf(l).ndes.httpSysParameters.MaxFieldLength,
  HTTPSYS_MAXREQUESTBYTES_LOW: (l) => void delete partsOf(l).ndes.httpSysParameters.MaxRequestBytes,
  IIS_NO_HTTPS_443_BINDING: (l) => void (partsOf(l).ndes.iis.sites[0]!.bindings = []),
  IIS_BINDING_HOSTNAME_SET: (l) => void (partsOf(l).ndes.iis.sites[0]!.bindings[0]!.hostName = N.ndesFqdn),
  IIS_HTTP_BINDING_PRESENT: (l) => void partsOf(l).ndes.iis.sites[0]!.bindings.push({ protocol: "http", port: 80, hostName: "" }),
  IIS_CERT_NO_SERVER_AUTH: (l) => void (partsOf(l).iisCert.eku = [EKU.clientAuthentication]),
  IIS_CERT_NAME_MISMATCH: (l) => Object.assign(partsOf(l).iisCert, { subject: "CN=ndes.contoso.com", san: ["ndes.contoso.com"] }),
  IIS_CERT_SELF_SIGNED: (l) => {
    const c = partsOf(l).iisCert;
    c.issuer = c.subject;
  },
  IIS_CERT_EXPIRED: (l) => void (partsOf(l).iisCert.notAfter = past(l)),
  IIS_CERT_CHAIN_UNTRUSTED_BY_PROXY: (l) => Object.assign(partsOf(l).appxSrv, { domainJoined: false, domainFqdn: undefined }),
  // A.5 (on the server)
  CONN_ON_CA_SERVER: (l) => void extraConnectorServer(l, "CA01", "2022", { onto: partsOf(l).caSrv }),
  CONN_NOT_ON_NDES_SERVER: (l) => void extraConnectorServer(l, "CONN02", "2022", { scep: true }),
  CONN_NOT_INSTALLED: (l) => {
    l.intuneCertificateConnectors = [];
    delete partsOf(l).ndes.mscepRegistry.policyModule;
  },
  CONN_SCEP_FEATURE_OFF: (l) => void (partsOf(l).conn.features.scep = false),
  CONN_SIGNIN_ROLE: (l) => void (partsOf(l).conn.signedInUserRoles = [ROLE_IDS.globalReader]),
  CONN_SIGNIN_NO_LICENSE: (l) => void (partsOf(l).conn.signedInUserHasIntuneLicense = false),
  CONN_TLS12_OFF: (l) => void (partsOf(l).ndesSrv.tls12.client = false),
  CONN_NET_ENDPOINTS_BLOCKED: (l) => void (partsOf(l).ndesSrv.network.outbound443 = false),
  CONN_PROXY_NO_SCHEME: (l) => {
    partsOf(l).ndesSrv.network.outboundProxy = "http://proxy.contoso.com:8080";
    partsOf(l).conn.proxy = "proxy.contoso.com:8080";
  },
  CONN_AUTOUPDATE_BLOCKED: (l) => void (partsOf(l).ndesSrv.network.blockedHosts = ["autoupdate.msappproxy.net"]),
  CONN_CERT_EXPIRED: (l) => void (partsOf(l).conn.clientCertificate!.notAfter = past(l)),
  CONN_SIGNING_CERT_MISSING: (l) => {
    withLegacyConnector(l);
    partsOf(l).conn.signingCertificatePresent = false;
  },
  CONN_SERVICE_ACCOUNT_RIGHTS: (l) => connectorDomainAccount(l, false),
  CONN_SVC_ACCOUNT_DIFFERS_FROM_APPPOOL: (l) => connectorDomainAccount(l, true),
  CONN_WITH_INTUNE_AD_CONNECTOR: (l) => void partsOf(l).ndesSrv.installedAgents.push("Intune Connector for Active Directory"),
  CONN_NO_DESKTOP_EXPERIENCE_OR_EDGE: (l) => void (partsOf(l).ndesSrv.desktopExperience = false),
  CONN_OS_UNSUPPORTED: (l) => void extraConnectorServer(l, "PKCS01", "2012"),
  CONN_SERVICE_STOPPED: (l) => void (partsOf(l).ndesSrv.services.find((s) => s.name === SERVICE.pfxConnector.name)!.status = "stopped"),
  // A.8 (on the server)
  APPX_OS_UNSUPPORTED: (l) => void (partsOf(l).appxSrv.os = "2012"),
  APPX_DOTNET_OLD: (l) => void (partsOf(l).appxSrv.dotNetRelease = 394802),
  APPX_TLS12_DISABLED: (l) => void (partsOf(l).appxSrv.tls12.schUseStrongCrypto = false),
  APPX_HTTP2_ON_2019: (l) => void (partsOf(l).appxSrv.winHttpHttp2Enabled = true),
  APPX_WITH_PASSWORD_PROTECTION_PROXY: (l) => void partsOf(l).appxSrv.installedAgents.push("Microsoft Entra Password Protection Proxy"),
  APPX_OUTBOUND_BLOCKED: (l) => void (partsOf(l).appxSrv.network.outbound80 = false),
  APPX_TLS_INSPECTION: (l) => void (partsOf(l).appxSrv.network.tlsInspection = true),
  APPX_OUTBOUND_PROXY_UNCONFIGURED: (l) => void (partsOf(l).appxSrv.network.outboundProxy = "http://proxy.contoso.com:8080"),
  APPX_REGISTERED_BY_WRONG_ACCOUNT: (l) => Object.assign(partsOf(l).appx, { registeredByUpn: "admin@fabrikam.onmicrosoft.com", registeredTenantMatches: false }),
  APPX_IE_ESC_BLOCKS_REGISTRATION: (l) => void (partsOf(l).appxSrv.ieEscEnabled = true),
  APPX_SERVICE_STOPPED: (l) => void (partsOf(l).appxSrv.services.find((s) => s.name === SERVICE.appProxyConnector.name)!.status = "stopped"),
  APPX_TRUST_CERT_EXPIRED: (l) => void (partsOf(l).appx.trustCertificateNotAfter = past(l)),
  APPX_UPDATER_MISSING: (l) => {
    const s = partsOf(l).appxSrv;
    s.services = s.services.filter((x) => x.name !== SERVICE.appProxyUpdater.name);
  },
  // A.10
  WAP_MISSING_KB3011135: (l) => void withWap(l, { os: "2012R2", kb3011135Installed: false }),
  WAP_OS_UNSUPPORTED: (l) => void withWap(l, { os: "2012" }),
  WAP_PREAUTH_NOT_PASSTHROUGH: (l) => void withWap(l, { preauth: "adfs" }),
  WAP_CERT_NAME_MISMATCH: (l) => {
    const wap = withWap(l);
    wap.certificate = { ...wap.certificate!, subject: "CN=www.contoso.com", san: ["www.contoso.com"] };
  },
  WAP_DOESNT_TRUST_NDES_CERT: (l) => void withWap(l, { trustsBackendCertificate: false }),
  WAP_NOT_DOMAIN_JOINED_OK: (l) => void withWap(l, { domainJoined: false }),
  RP_LONG_URI_UNSUPPORTED: (l) => void withThirdPartyProxy(l, { maxUriBytes: 16384 }),
  RP_PREAUTH_ON: (l) => void withThirdPartyProxy(l, { preauth: "other" }),
  NET_NO_REVERSE_PROXY_NO_443: (l) => void (l.appProxyConnectors = []),
  NET_NDES_TO_INFRA_BLOCKED: (l) => void (l.network.ndesToCaRpcOpen = false),
  NET_DNS_EXTERNAL_MISSING: (l) => {
    withWap(l);
    l.network.externalDnsRecords = [];
  },
};

/** code → a function that returns correctLab() broken by that code's breaker (shared with security-variants.ts). */
export function variantsOf(breakers: Readonly<Record<string, Breaker>>, opts: { now?: Date } = {}): Record<string, () => LabSnapshot> {
  return Object.fromEntries(
    Object.entries(breakers).map(([code, breakIt]) => [
      code,
      () => {
        const lab = correctLab(opts);
        breakIt(lab);
        return lab;
      },
    ]),
  );
}

/** code → a function that returns correctLab() broken in exactly that way. */
export function brokenVariants(opts: { now?: Date } = {}): Record<string, () => LabSnapshot> {
  return variantsOf(BREAKERS, opts);
}

export const BROKEN_VARIANT_CODES: readonly string[] = Object.keys(BREAKERS);

/** Breaks `lab` (built on correctLab(), e.g. the complete setup's) in the way of `code`'s variant, in place. */
export function breakLab(lab: LabSnapshot, code: string): LabSnapshot {
  const breakIt = BREAKERS[code];
  if (!breakIt) throw new Error(`No broken variant for ${code}.`);
  breakIt(lab);
  return lab;
}
