// Builders: each lab object exactly as it looks on a real server right after the step that created it. The API's
// wizards start from these and the tests describe labs with them. Where a default comes from is said beside it.
import { connectorServices, runningService, SERVICE } from "./services";
import {
  DEFAULT_INTERFACE_FLAGS,
  EKU,
  MSCEP_DEFAULT_TEMPLATE,
  WEB_ENROLLMENT_DEFAULTS,
  type AdAccount,
  type AdAccountKind,
  type AdGroup,
  type AppProxyConnector,
  type CaType,
  type CertRef,
  type CertificateTemplate,
  type CertificationAuthority,
  type IntuneCertificateConnector,
  type LabServer,
  type LabSnapshot,
  type NdesInstance,
  type TemplateCompatibility,
  type WindowsServerVersion,
} from "./snapshot";

const DAY = 86_400_000;
export const addDays = (iso: string | Date, days: number): string =>
  new Date((typeof iso === "string" ? Date.parse(iso) : iso.getTime()) + days * DAY).toISOString();

/** A deterministic 40-hex-digit "thumbprint" for a certificate (FNV-1a, five rounds): stable across runs, no I/O. */
export function fakeThumbprint(seed: string): string {
  let out = "";
  for (let round = 0; round < 5; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.toUpperCase();
}

export type CertSpec = Partial<CertRef> & { subject: string; issuer: string; notBefore: string; notAfter: string };
export function aCertificate(spec: CertSpec): CertRef {
  return {
    thumbprint: spec.thumbprint ?? fakeThumbprint(`${spec.subject}|${spec.issuer}|${spec.notBefore}|${spec.template ?? ""}`),
    isCa: false,
    eku: [],
    san: [],
    hasPrivateKey: true,
    signatureAlgorithm: "sha256RSA",
    keySize: 2048,
    ...spec,
  };
}

// ───────────────────────────── Active Directory ─────────────────────────────

/** A new forest's built-in groups (AD DS promotion creates them; Cert Publishers is where Enterprise CAs go). */
export function builtInGroups(netbios: string): AdGroup[] {
  const g = (name: string, scope: AdGroup["scope"]): AdGroup => ({ id: `grp-${name.toLowerCase().replace(/\s+/g, "-")}`, name, domain: netbios, scope, memberOf: [] });
  return [
    g("Domain Admins", "global"),
    g("Enterprise Admins", "universal"),
    g("Domain Users", "global"),
    g("Domain Computers", "global"),
    g("Domain Controllers", "global"),
    g("Cert Publishers", "domainLocal"),
  ];
}

/** ADUC › New › User (or a computer joining the domain): enabled, not locked, no SPNs. */
export function newAdAccount(spec: {
  id?: string;
  samAccountName: string;
  domain: string;
  kind?: AdAccountKind;
  userPrincipalName?: string;
  memberOf?: string[];
  spns?: string[];
}): AdAccount {
  const kind = spec.kind ?? "user";
  return {
    id: spec.id ?? `acct-${spec.samAccountName.toLowerCase()}`,
    samAccountName: spec.samAccountName,
    userPrincipalName: spec.userPrincipalName,
    displayName: spec.samAccountName,
    kind,
    domain: spec.domain,
    enabled: true,
    lockedOut: false,
    passwordExpired: false,
    memberOf: spec.memberOf ?? [],
    // A computer joining the domain registers HOST/ SPNs (not HTTP/).
    spns: spec.spns ?? [],
  };
}

// ───────────────────────────── Windows Server ─────────────────────────────

/** The .NET Framework 4.x each release ships with (NDP\v4\Full Release): 4.5.1, 4.6.2, 4.7.2, 4.8, 4.8.1. */
export const INBOX_DOTNET_RELEASE: Record<WindowsServerVersion, number> = {
  "2008R2SP1": 0,
  "2012": 378389,
  "2012R2": 378675,
  "2016": 394802,
  "2019": 461814,
  "2022": 528449,
  "2025": 533320,
};

/** A freshly installed Windows Server with Desktop Experience, joined to `domain` (or a workgroup server):
 * IE ESC on for administrators (Server Manager default), TLS 1.2 on from 2016 (earlier SCHANNEL defaults leave
 * it off for clients of older .NET), SchUseStrongCrypto not set, WinHttp HTTP/2 on from 2019, Edge built in from
 * 2022, .NET as shipped, no roles, local Administrators = Administrator + Domain Admins, default user rights. */
export function newServer(spec: {
  id?: string;
  name: string;
  os: WindowsServerVersion;
  domain?: { fqdn: string; netbiosName: string };
  edition?: LabServer["edition"];
}): LabServer {
  const { name, os, domain } = spec;
  const modern = os === "2016" || os === "2019" || os === "2022" || os === "2025";
  return {
    id: spec.id ?? `srv-${name.toLowerCase()}`,
    name,
    fqdn: `${name.toLowerCase()}.${domain?.fqdn ?? "localdomain"}`,
    os,
    edition: spec.edition ?? "standard",
    domainJoined: !!domain,
    domainFqdn: domain?.fqdn,
    isDomainController: false,
    // .NET Framework 4.x core is installed with every release from 2012 on.
    features: os === "2008R2SP1" ? [] : ["NET-Framework-45-Core"],
    localGroups: { IIS_IUSRS: [], Administrators: ["Administrator", ...(domain ? [`${domain.netbiosName}\\Domain Admins`] : [])] },
    userRights: {
      impersonateClient: ["Administrators", "SERVICE", "LOCAL SERVICE", "NETWORK SERVICE"],
      logOnAsService: ["NT SERVICE\\ALL SERVICES"],
      logOnLocally: ["Administrators", "Backup Operators", "Users"],
      logOnAsBatchJob: ["Administrators", "Backup Operators", "Performance Log Users"],
    },
    ieEscEnabled: true,
    tls12: { client: modern || os === "2012R2", server: modern || os === "2012R2", schUseStrongCrypto: false },
    winHttpHttp2Enabled: os === "2019" || os === "2022" || os === "2025",
    dotNetRelease: INBOX_DOTNET_RELEASE[os],
    desktopExperience: true,
    edgeInstalled: os === "2022" || os === "2025",
    services: [],
    hotfixes: [],
    certificates: { my: [], root: [] },
    network: { outbound443: true, outbound80: true, tlsInspection: false, proxyConfiguredForConnector: false },
    pendingRestart: false,
    installedAgents: [],
  };
}

/** The computer account a server gets when it joins the domain ("NDES01$", in Domain Computers). */
export function computerAccountOf(server: LabServer, netbios: string): AdAccount {
  return newAdAccount({ id: `acct-${server.name.toLowerCase()}$`, samAccountName: `${server.name}$`, domain: netbios, kind: "computer" });
}

/** The features seed 002 installs for NDES (Add Roles and Features › Web Server › …; .NET 3.5 + HTTP Activation;
 * .NET 4.7 + ASP.NET 4.7 + WCF HTTP Activation; IIS 6 Metabase and WMI Compatibility; the management console). */
export const NDES_FEATURES = [
  "ADCS-Device-Enrollment",
  "Web-Server",
  "Web-Filtering",
  "Web-Net-Ext",
  "Web-Asp-Net",
  "Web-Net-Ext45",
  "Web-Asp-Net45",
  "Web-Metabase",
  "Web-WMI",
  "Web-Mgmt-Console",
  "NET-Framework-Core",
  "NET-HTTP-Activation",
  "NET-Framework-45-Core",
  "NET-Framework-45-ASPNET",
  "NET-WCF-HTTP-Activation45",
];

/** Add Roles and Features. Installing IIS (Web-Server) creates IIS_IUSRS, gives it "Impersonate a client after
 * authentication" and adds the World Wide Web Publishing Service. */
export function installFeatures(server: LabServer, features: readonly string[]): LabServer {
  const next: LabServer = { ...server, features: [...new Set([...server.features, ...features])] };
  if (features.includes("Web-Server") && !server.features.includes("Web-Server")) {
    next.userRights = { ...server.userRights, impersonateClient: [...server.userRights.impersonateClient, "IIS_IUSRS"] };
    next.services = [...server.services, runningService("w3svc")];
  }
  if (features.includes("ADCS-Cert-Authority") && !server.features.includes("ADCS-Cert-Authority"))
    next.services = [...next.services, runningService("certSvc")];
  // Certification Authority Web Enrollment: /certsrv over http with Windows Authentication (Negotiate, NTLM) and
  // Extended Protection off, as the role installs it (issue 14, ESC8).
  if (features.includes("ADCS-Web-Enrollment") && !server.webEnrollment) next.webEnrollment = { ...WEB_ENROLLMENT_DEFAULTS };
  return next;
}

// ───────────────────────────── AD CS ─────────────────────────────

/** AD CS Configuration › Certification Authority: an Enterprise or Standalone, root or subordinate CA with a
 * 2048-bit sha256RSA key. Default ACL (certsrv.msc › Security): Authenticated Users Request Certificates;
 * Administrators, Domain Admins, Enterprise Admins Issue and Manage + Manage CA. No EditFlags beyond the defaults
 * that matter here; DN length enforcement on; the built-in templates to issue. */
export function newCa(spec: {
  id?: string;
  name: string;
  server: LabServer;
  netbios: string;
  type: CaType;
  parent?: CertificationAuthority;
  notBefore: string;
  validityYears: number;
}): CertificationAuthority {
  const subject = `CN=${spec.name}`;
  const crlHost = `pki.${spec.server.domainFqdn ?? "localdomain"}`;
  const file = spec.name.replace(/\s+/g, "%20");
  return {
    id: spec.id ?? `ca-${spec.name.toLowerCase().replace(/\s+/g, "-")}`,
    name: spec.name,
    serverId: spec.server.id,
    type: spec.type,
    parentCaId: spec.parent?.id,
    certificate: {
      ...aCertificate({
        subject,
        issuer: spec.parent ? spec.parent.certificate.subject : subject,
        notBefore: spec.notBefore,
        notAfter: addDays(spec.notBefore, 365 * spec.validityYears),
        isCa: true,
      }),
      signatureAlgorithm: "sha256RSA",
      keySize: 2048,
    },
    acl: [
      { principal: "Authenticated Users", read: false, request: true, issueAndManage: false, manageCa: false },
      { principal: "BUILTIN\\Administrators", read: true, request: false, issueAndManage: true, manageCa: true },
      { principal: `${spec.netbios}\\Domain Admins`, read: true, request: false, issueAndManage: true, manageCa: true },
      { principal: `${spec.netbios}\\Enterprise Admins`, read: true, request: false, issueAndManage: true, manageCa: true },
    ],
    editFlags: ["EDITF_DEFAULT"],
    interfaceFlags: [...DEFAULT_INTERFACE_FLAGS],
    templatesToIssue: spec.type.startsWith("enterprise")
      ? ["DirectoryEmailReplication", "DomainControllerAuthentication", "KerberosAuthentication", "EFSRecovery", "EFS", "DomainController", "WebServer", "Machine", "User", "SubCA", "Administrator"]
      : [],
    // The default CDP/AIA: ldap:// and http:// (CertEnroll) on the CA itself; reachable inside, not from the internet.
    crlDistributionPoints: [{ url: `http://${crlHost}/CertEnroll/${file}.crl`, reachableInternally: true, reachableFromInternet: false }],
    aia: [{ url: `http://${crlHost}/CertEnroll/${file}.crt`, reachableInternally: true, reachableFromInternet: false }],
    dnLengthEnforced: true,
    running: true,
  };
}

const XP: TemplateCompatibility = { ca: "2003", recipient: "XP" };
const BASE_SECURITY = (netbios: string) => [
  { principal: "Authenticated Users", read: true, write: false, enroll: false, autoenroll: false },
  { principal: `${netbios}\\Domain Admins`, read: true, write: true, enroll: true, autoenroll: false },
  { principal: `${netbios}\\Enterprise Admins`, read: true, write: true, enroll: true, autoenroll: false },
];

/** The built-in (version 1) templates the scenario touches, as certtmpl.msc shows them on a new Enterprise CA. */
export function builtInTemplates(netbios: string): CertificateTemplate[] {
  const v1 = (name: string, displayName: string, t: Partial<CertificateTemplate>): CertificateTemplate => ({
    id: `tpl-${name.toLowerCase()}`,
    name,
    displayName,
    builtIn: true,
    schemaVersion: 1,
    compatibility: { ca: "2003", recipient: "XP" },
    validity: { value: 1, unit: "years" },
    renewal: { value: 6, unit: "weeks" },
    publishInAd: false,
    purpose: "signatureAndEncryption",
    allowPrivateKeyExport: false,
    minimumKeySize: 2048,
    providerCategory: "legacyCsp",
    subjectName: "supplyInRequest",
    applicationPolicies: [],
    keyUsage: { digitalSignature: true, keyEncipherment: true, nonRepudiation: false, dataEncipherment: false },
    security: BASE_SECURITY(netbios),
    issuanceRequirements: { caManagerApproval: false, authorizedSignatures: 0 },
    ...t,
  });
  return [
    v1("User", "User", {
      subjectName: "buildFromAd",
      publishInAd: true,
      allowPrivateKeyExport: true,
      applicationPolicies: ["1.3.6.1.4.1.311.10.3.4", "1.3.6.1.5.5.7.3.4", EKU.clientAuthentication],
      security: [...BASE_SECURITY(netbios), { principal: `${netbios}\\Domain Users`, read: true, write: false, enroll: true, autoenroll: false }],
    }),
    v1("WebServer", "Web Server", { validity: { value: 2, unit: "years" }, applicationPolicies: [EKU.serverAuthentication] }),
    v1("Machine", "Computer", {
      subjectName: "buildFromAd",
      applicationPolicies: [EKU.clientAuthentication, EKU.serverAuthentication],
      security: [...BASE_SECURITY(netbios), { principal: `${netbios}\\Domain Computers`, read: true, write: false, enroll: true, autoenroll: false }],
    }),
    // NDES's own templates: the MSCEP default and the two RA templates (written by the AD CS Configuration wizard).
    v1(MSCEP_DEFAULT_TEMPLATE, "IPSec (Offline request)", { validity: { value: 2, unit: "years" }, applicationPolicies: ["1.3.6.1.5.5.8.2.2"] }),
    v1("CEPEncryption", "CEP Encryption", { purpose: "encryption", validity: { value: 2, unit: "years" }, applicationPolicies: ["1.3.6.1.4.1.311.20.2.1"] }),
    v1("EnrollmentAgentOffline", "Exchange Enrollment Agent (Offline request)", {
      purpose: "signature",
      validity: { value: 2, unit: "years" },
      applicationPolicies: [EKU.certificateRequestAgent],
    }),
  ];
}

/** certtmpl.msc › right-click › Duplicate Template. The console opens the Compatibility tab at Windows Server 2003
 * / Windows XP, which makes a version 2 template; choosing a newer CA makes v3 (2008) or v4 (2012+). The copy keeps
 * the source's tabs, with "Copy of <display name>" and a template name without spaces unless one is typed. */
export function duplicateTemplate(
  source: CertificateTemplate,
  spec: { displayName?: string; name?: string; compatibility?: TemplateCompatibility } = {},
): CertificateTemplate {
  const displayName = spec.displayName ?? `Copy of ${source.displayName}`;
  const name = spec.name ?? displayName.replace(/\s+/g, "");
  const compatibility = spec.compatibility ?? XP;
  const schemaVersion = compatibility.ca === "2003" ? 2 : compatibility.ca === "2008" || compatibility.ca === "2008R2" ? 3 : 4;
  return {
    ...structuredClone(source),
    id: `tpl-${name.toLowerCase()}`,
    name,
    displayName,
    basedOn: source.displayName,
    builtIn: false,
    schemaVersion,
    compatibility,
    providerCategory: schemaVersion >= 3 ? "ksp" : "legacyCsp",
  };
}

// ───────────────────────────── NDES ─────────────────────────────

/** The AD CS Configuration wizard for NDES, run by an Enterprise Admin: RA certificates CEP Encryption and Exchange
 * Enrollment Agent (Offline request) from the CA for NDES (2 years, key in the Microsoft Strong Cryptographic
 * Provider, readable by the service account); MSCEP with IPSECIntermediateOffline in all three values (S28: "Default
 * values have _not_ been changed"); IIS as installed: Default Web Site with only http:80, request filtering at IIS's
 * defaults maxUrl 4096 / maxQueryString 2048, SCEP app pool running as the service account, mscep_admin published;
 * HTTP\Parameters without MaxFieldLength/MaxRequestBytes (S10, S13). */
export function configureNdes(spec: {
  id?: string;
  server: LabServer;
  serviceAccount: AdAccount;
  ca: CertificationAuthority;
  at: string;
  byEnterpriseAdmin?: boolean;
  raName?: string;
  signatureProvider?: string;
  encryptionProvider?: string;
  keyLength?: number;
}): NdesInstance {
  const { server, serviceAccount: svc, ca, at } = spec;
  const byEa = spec.byEnterpriseAdmin ?? true;
  const signatureProvider = spec.signatureProvider ?? "Microsoft Strong Cryptographic Provider";
  const encryptionProvider = spec.encryptionProvider ?? "Microsoft Strong Cryptographic Provider";
  const cryptoApi = ![signatureProvider, encryptionProvider].some((p) => /Key Storage Provider/i.test(p));
  const raName = spec.raName ?? `${server.name}-MSCEP-RA`;
  const keyLength = spec.keyLength ?? 2048;
  const ra = (template: string, eku: string[]) =>
    aCertificate({
      subject: `CN=${raName}, C=US`,
      issuer: ca.certificate.subject,
      notBefore: at,
      notAfter: addDays(at, 730),
      eku,
      template,
      keyProvider: cryptoApi ? "cryptoApi" : "cng",
      keySize: keyLength,
      privateKeyReadableBy: ["Administrators", "NT AUTHORITY\\SYSTEM", `${svc.domain}\\${svc.samAccountName}`],
    });
  return {
    id: spec.id ?? `ndes-${server.name.toLowerCase()}`,
    serverId: server.id,
    configured: true,
    serviceAccountId: svc.id,
    caId: ca.id,
    raInfo: { name: raName, country: "US" },
    cryptography: { signatureProvider, encryptionProvider, signatureKeyLength: keyLength, encryptionKeyLength: keyLength, providerIsCryptoApi: cryptoApi },
    raCertificates: byEa ? [ra("EnrollmentAgentOffline", [EKU.certificateRequestAgent]), ra("CEPEncryption", [EKU.certificateRequestAgent])] : [],
    configuredAt: at,
    configuredByEnterpriseAdmin: byEa,
    mscepRegistry: {
      present: true,
      SignatureTemplate: MSCEP_DEFAULT_TEMPLATE,
      EncryptionTemplate: MSCEP_DEFAULT_TEMPLATE,
      GeneralPurposeTemplate: MSCEP_DEFAULT_TEMPLATE,
    },
    iis: {
      sites: [{ id: 1, name: "Default Web Site", bindings: [{ protocol: "http", port: 80, hostName: "" }] }],
      requestFiltering: { maxUrl: 4096, maxQueryString: 2048 },
      appPools: [
        { name: "DefaultAppPool", identity: "ApplicationPoolIdentity", state: "started" },
        { name: "SCEP", identity: `${svc.domain}\\${svc.samAccountName}`, state: "started" },
      ],
      mscepAdminPublished: true,
    },
    httpSysParameters: {},
    tempWritableByNetworkService: true,
    aliasHostNames: [],
  };
}

// ───────────────────────────── Connectors ─────────────────────────────

/** Certificate Connector for Microsoft Intune, configured and signed in: its services running (Automatic), the
 * agent listed, with SCEP the Intune policy module registered in MSCEP, and a restart pending — seed 001:
 * "Restart the NDES server after the installation of Intune Connector." The Intune client certificate is valid
 * for a year. */
export function installIntuneConnector(
  server: LabServer,
  ndes: NdesInstance | undefined,
  spec: {
    id?: string;
    at: string;
    signedInUpn: string;
    signedInUserRoles: string[];
    signedInUserHasIntuneLicense: boolean;
    features?: Partial<IntuneCertificateConnector["features"]>;
    serviceAccount?: "SYSTEM" | string;
    proxy?: string;
    generation?: IntuneCertificateConnector["generation"];
    version?: string;
  },
): { server: LabServer; ndes: NdesInstance | undefined; connector: IntuneCertificateConnector } {
  const generation = spec.generation ?? "current";
  const features = { scep: true, pkcs: false, pkcsImported: false, revocation: false, ...spec.features };
  if (generation === "legacy") features.scep = true;
  const connector: IntuneCertificateConnector = {
    id: spec.id ?? `conn-${server.name.toLowerCase()}`,
    serverId: server.id,
    generation,
    version: spec.version ?? (generation === "legacy" ? "6.2008.60.612" : "6.2406.0.2002"),
    features,
    serviceAccount: spec.serviceAccount ?? "SYSTEM",
    proxy: spec.proxy,
    signedInUpn: spec.signedInUpn,
    signedInUserRoles: spec.signedInUserRoles,
    signedInUserHasIntuneLicense: spec.signedInUserHasIntuneLicense,
    enrolledDateTime: spec.at,
    lastCheckinDateTime: spec.at,
    clientCertificate: aCertificate({
      subject: `CN=${server.fqdn}`,
      issuer: "CN=Microsoft Intune MDM Device CA",
      notBefore: spec.at,
      notAfter: addDays(spec.at, 365),
      eku: [EKU.clientAuthentication],
    }),
    signingCertificatePresent: generation === "legacy" ? true : undefined,
  };
  const services = [...server.services.filter((s) => !connectorServices(connector).some((id) => SERVICE[id].name === s.name))];
  for (const id of connectorServices(connector)) services.push(runningService(id));
  const agent = generation === "legacy" ? "Microsoft Intune Connector" : "Certificate Connector for Microsoft Intune";
  const nextServer: LabServer = { ...server, services, installedAgents: [...new Set([...server.installedAgents, agent])], pendingRestart: true };
  const nextNdes =
    ndes && features.scep
      ? {
          ...ndes,
          mscepRegistry: { ...ndes.mscepRegistry, policyModule: "NDESPolicy" },
          iis:
            generation === "legacy"
              ? { ...ndes.iis, certificateRegistrationSvc: { windowsAuth: false, anonymousAuth: true } }
              : ndes.iis,
        }
      : ndes;
  return { server: nextServer, ndes: nextNdes, connector };
}

/** MicrosoftEntraPrivateNetworkConnectorInstaller.exe: accept terms, sign in, register. The connector service and
 * its updater run (Automatic); the trust certificate from connectorregistrationca.msappproxy.net is valid for 180
 * days and renews while the connector is online. */
export function installAppProxyConnector(
  server: LabServer,
  spec: { id?: string; at: string; registeredByUpn: string; registeredByRoles: string[]; registeredTenantMatches?: boolean; connectorGroupId?: string },
): { server: LabServer; connector: AppProxyConnector } {
  const connector: AppProxyConnector = {
    id: spec.id ?? `appx-${server.name.toLowerCase()}`,
    serverId: server.id,
    version: "1.5.4522.0",
    registeredByUpn: spec.registeredByUpn,
    registeredByRoles: spec.registeredByRoles,
    registeredTenantMatches: spec.registeredTenantMatches ?? true,
    trustCertificateNotAfter: addDays(spec.at, 180),
    connectorGroupId: spec.connectorGroupId,
  };
  const services = [
    ...server.services.filter((s) => s.name !== SERVICE.appProxyConnector.name && s.name !== SERVICE.appProxyUpdater.name),
    runningService("appProxyConnector"),
    runningService("appProxyUpdater"),
  ];
  return {
    server: { ...server, services, installedAgents: [...new Set([...server.installedAgents, "Microsoft Entra private network connector"])] },
    connector,
  };
}

/** An empty lab: a forest with its built-in groups and nothing else. */
export function emptyLab(forest: { fqdn: string; netbiosName: string }, asOf?: string): LabSnapshot {
  return {
    asOf,
    forest: { name: forest.fqdn, domains: [{ ...forest }] },
    accounts: [newAdAccount({ id: "acct-administrator", samAccountName: "Administrator", domain: forest.netbiosName, memberOf: ["Domain Admins", "Enterprise Admins"] })],
    groups: builtInGroups(forest.netbiosName),
    servers: [],
    cas: [],
    templates: builtInTemplates(forest.netbiosName),
    ndes: [],
    intuneCertificateConnectors: [],
    appProxyConnectors: [],
    reverseProxies: [],
    network: { inbound443ToNdesFromInternet: false, ndesToCaRpcOpen: true, externalDnsRecords: [] },
  };
}
