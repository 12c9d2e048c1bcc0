// The on-premises picture a rule needs: the forest, the Windows servers, the Enterprise CA and its templates,
// NDES with IIS and its registry, the Intune certificate connector, the Entra private network connector and the
// perimeter. Plain serialisable data (ids are strings, times are ISO 8601 strings) that the API assembles from
// the store and tests build with lab/defaults.ts. Names follow what an admin sees in the consoles
// (Server Manager, ADUC, certsrv.msc, certtmpl.msc, IIS Manager, regedit, services.msc) and in the seeds.
//
// Principals. Wherever an ACL, a local group or a user right lists members, a member is written as the console
// shows it: "CONTOSO\svc-ndes", "CONTOSO\NDES01$", "CONTOSO\Domain Computers", or a well-known name
// ("Authenticated Users", "Everyone", "NT AUTHORITY\SYSTEM", "NETWORK SERVICE", "IIS_IUSRS", "Administrators").
// lab/principals.ts resolves them against the AD accounts and groups (domain prefix and case ignored).

/** Windows Server releases the scenario documents (2008 R2 SP1 is the oldest any source mentions). */
export const WINDOWS_SERVER_VERSIONS = ["2008R2SP1", "2012", "2012R2", "2016", "2019", "2022", "2025"] as const;
export type WindowsServerVersion = (typeof WINDOWS_SERVER_VERSIONS)[number];

/** A certificate as the Certificates MMC shows it (LocalMachine\My, Root; a CA's own certificate; a bound cert). */
export type CertRef = {
  /** SHA-1 thumbprint, upper-case hex without spaces. */
  thumbprint: string;
  /** Distinguished name, e.g. "CN=ndes01.corp.contoso.com" or "CN=Contoso Issuing CA, DC=corp, DC=contoso, DC=com". */
  subject: string;
  /** Issuer distinguished name; equal to `subject` for a self-signed (root) certificate. */
  issuer: string;
  /** ISO 8601. */
  notBefore: string;
  /** ISO 8601. */
  notAfter: string;
  /** Basic Constraints: Subject Type = CA. */
  isCa: boolean;
  /** Enhanced Key Usage OIDs ("1.3.6.1.5.5.7.3.1" Server Authentication, "1.3.6.1.5.5.7.3.2" Client Authentication). */
  eku: string[];
  /** Subject Alternative Name DNS names. */
  san: string[];
  /** "You have a private key that corresponds to this certificate." */
  hasPrivateKey: boolean;
  /** Manage Private Keys… : principals with Read on the private key (absent = only Administrators and SYSTEM). */
  privateKeyReadableBy?: string[];
  /** Certificate Template Name extension (template *name*), when issued from an Enterprise CA template. */
  template?: string;
  /** Key storage: CryptoAPI CSP ("Microsoft Strong Cryptographic Provider") or a CNG KSP. */
  keyProvider?: "cryptoApi" | "cng";
  /** e.g. "sha256RSA". */
  signatureAlgorithm?: string;
  /** Public key length in bits. */
  keySize?: number;
};

// ───────────────────────────── Active Directory ─────────────────────────────

export type AdDomain = { fqdn: string; netbiosName: string };
export type AdForest = {
  /** Forest root domain name, e.g. "corp.contoso.com". */
  name: string;
  domains: AdDomain[];
};

/** user = a person; serviceAccount = a domain user used as a service account (seed 001's svc-ndes); gmsa = group
 * Managed Service Account (seed 004's best practice); computer = a computer account ("NDES01$"). */
export type AdAccountKind = "user" | "serviceAccount" | "gmsa" | "computer";

export type AdAccount = {
  id: string;
  /** sAMAccountName, e.g. "svc-ndes" or "NDES01$". */
  samAccountName: string;
  userPrincipalName?: string;
  displayName?: string;
  kind: AdAccountKind;
  /** NetBIOS domain name the account lives in, e.g. "CONTOSO". */
  domain: string;
  enabled: boolean;
  lockedOut: boolean;
  passwordExpired: boolean;
  /** AD group names the account is a direct member of ("Domain Users", "Enterprise Admins", …). */
  memberOf: string[];
  /** servicePrincipalName values, e.g. "HTTP/ndes.contoso.com". */
  spns: string[];
};

export type AdGroup = {
  id: string;
  /** Group name as ADUC shows it: "Enterprise Admins", "Domain Computers", "NDES Servers". */
  name: string;
  domain: string;
  scope: "domainLocal" | "global" | "universal";
  /** Groups this group is a direct member of (nesting). */
  memberOf: string[];
};

// ───────────────────────────── Windows servers ─────────────────────────────

export type ServiceStatus = "running" | "stopped";
export type StartupType = "automatic" | "manual" | "disabled";
/** A Windows service as services.msc lists it. */
export type WindowsService = { name: string; displayName: string; status: ServiceStatus; startupType: StartupType };

export type ServerNetwork = {
  /** Outbound TCP 443 to the internet (Intune, msappproxy.net, login endpoints). */
  outbound443: boolean;
  /** Outbound TCP 80 (CRL/OCSP downloads the private network connector needs). */
  outbound80: boolean;
  /** A firewall or proxy terminates and inspects outbound TLS. */
  tlsInspection: boolean;
  /** The organisation's outbound proxy this server must use, e.g. "http://proxy.contoso.com:8080" (absent = direct). */
  outboundProxy?: string;
  /** The connectors on this server are configured to use `outboundProxy`. */
  proxyConfiguredForConnector: boolean;
  /** Internet hosts blocked by the firewall/proxy (e.g. "autoupdate.msappproxy.net", "*.manage.microsoft.com"). */
  blockedHosts?: string[];
  /** Internal host names this server can reach; absent = every host of the forest. */
  reachableHosts?: string[];
};

/** secpol.msc › Local Policies › User Rights Assignment, as principals per right. */
export type UserRights = {
  /** "Impersonate a client after authentication" (IIS adds IIS_IUSRS; NDES_IMPERSONATE_RIGHT_MISSING). */
  impersonateClient: string[];
  /** "Log on as a service". */
  logOnAsService: string[];
  /** "Allow log on locally". */
  logOnLocally: string[];
  /** "Log on as a batch job". */
  logOnAsBatchJob: string[];
};

/** Agents (installed programs) that matter for co-location rules. */
export type InstalledAgent =
  | "Intune Connector for Active Directory"
  | "Microsoft Entra Password Protection Proxy"
  | "Microsoft Entra private network connector"
  | "Certificate Connector for Microsoft Intune"
  | "Microsoft Intune Connector"
  | (string & {});

export type LabServer = {
  id: string;
  /** Computer name, e.g. "NDES01". */
  name: string;
  /** e.g. "ndes01.corp.contoso.com". */
  fqdn: string;
  os: WindowsServerVersion;
  /** Datacenter/Standard; "Enterprise" only exists up to 2008 R2 (CA_OS_UNSUPPORTED's old wording). */
  edition: "standard" | "datacenter" | "enterprise";
  domainJoined: boolean;
  /** The AD domain it is joined to (absent when in a workgroup). */
  domainFqdn?: string;
  isDomainController: boolean;
  /** Installed roles and features by their Install-WindowsFeature names ("Web-Server", "ADCS-Device-Enrollment"…). */
  features: string[];
  /** Local groups (lusrmgr.msc). A domain controller has none (NDES_ON_DC's script message). */
  localGroups: { IIS_IUSRS: string[]; Administrators: string[] };
  userRights: UserRights;
  /** IE Enhanced Security Configuration (…\{A509B1A7-37EF-4b3f-8CFC-4F3A74704073} IsInstalled = 1). */
  ieEscEnabled: boolean;
  /** SCHANNEL\Protocols\TLS 1.2\Client|Server Enabled, and .NET SchUseStrongCrypto = 1. */
  tls12: { client: boolean; server: boolean; schUseStrongCrypto: boolean };
  /** WinHttp EnableDefaultHTTP2 not 0 (on by default on 2019+). */
  winHttpHttp2Enabled: boolean;
  /** HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full Release (528040 = 4.8, 461808 = 4.7.2, 461308 = 4.7.1). */
  dotNetRelease: number;
  /** Server with Desktop Experience (false = Server Core). */
  desktopExperience: boolean;
  /** Microsoft Edge installed (built in from 2022; manual on 2019 and earlier). */
  edgeInstalled: boolean;
  services: WindowsService[];
  /** Installed updates, e.g. "KB2483564". */
  hotfixes: string[];
  /** LocalMachine certificate stores: Personal (My) and Trusted Root Certification Authorities (Root). */
  certificates: { my: CertRef[]; root: CertRef[] };
  network: ServerNetwork;
  /** A change that needs a restart was made and the server has not been restarted since (iisreset does not count). */
  pendingRestart: boolean;
  installedAgents: InstalledAgent[];
  /** Certification Authority Web Enrollment (/certsrv), present when the ADCS-Web-Enrollment role service is
   * installed: how IIS serves it (ESC8, issue 14). */
  webEnrollment?: WebEnrollment;
};

/** Certification Authority Web Enrollment as IIS serves /certsrv: the bindings it answers on, Windows
 * Authentication's providers (Negotiate with NTLM fallback by default) and Extended Protection (off by default). */
export type WebEnrollment = {
  /** The CA it submits requests to. */
  caId?: string;
  /** Reachable over http (port 80): the role's default on a site without an https binding. */
  http: boolean;
  https: boolean;
  /** Windows Authentication › Providers lists NTLM (or Negotiate falls back to it). */
  ntlm: boolean;
  /** Windows Authentication › Advanced Settings › Extended Protection. */
  extendedProtection: "off" | "accept" | "required";
};

/** The Web Enrollment settings right after Add Roles and Features › Certification Authority Web Enrollment. */
export const WEB_ENROLLMENT_DEFAULTS: WebEnrollment = { http: true, https: false, ntlm: true, extendedProtection: "off" };

// ───────────────────────────── AD CS ─────────────────────────────

export type CaType = "enterpriseRoot" | "enterpriseSubordinate" | "standaloneRoot" | "standaloneSubordinate";

/** certsrv.msc › CA › Properties › Security. */
export type CaAce = { principal: string; read: boolean; request: boolean; issueAndManage: boolean; manageCa: boolean };

/** A CRL Distribution Point or Authority Information Access URL as published in the certificates the CA issues. */
export type PublicationPoint = { url: string; reachableInternally: boolean; reachableFromInternet: boolean };

export type CertificationAuthority = {
  id: string;
  /** CA common name, e.g. "Contoso Issuing CA". */
  name: string;
  serverId: string;
  type: CaType;
  /** The CA that issued this CA's certificate (two-tier PKI, seed 004). */
  parentCaId?: string;
  certificate: CertRef & { signatureAlgorithm: string; keySize: number };
  acl: CaAce[];
  /** certutil -getreg Policy\EditFlags, e.g. "EDITF_ATTRIBUTEENDDATE". */
  editFlags: string[];
  /** certutil -getreg CA\InterfaceFlags (issue 14, ESC11): the default since Windows Server 2012 is
   * IF_LOCKICERTREQUEST | IF_NOREMOTEICERTADMINBACKUP | IF_ENFORCEENCRYPTICERTREQUEST | IF_ENFORCEENCRYPTICERTADMIN.
   * Absent (a CA built before the field existed) = that default; the lab store fills it in on load. */
  interfaceFlags?: string[];
  /** Certificate Templates to Issue: template *names*. */
  templatesToIssue: string[];
  crlDistributionPoints: PublicationPoint[];
  aia: PublicationPoint[];
  /** Subject DN length enforcement (64 characters per RDN) is on — the default. */
  dnLengthEnforced: boolean;
  /** The Certification Authority service (CertSvc) runs. */
  running: boolean;
};

/** CA\InterfaceFlags as a new CA gets them (0x641). */
export const DEFAULT_INTERFACE_FLAGS: readonly string[] = ["IF_LOCKICERTREQUEST", "IF_NOREMOTEICERTADMINBACKUP", "IF_ENFORCEENCRYPTICERTREQUEST", "IF_ENFORCEENCRYPTICERTADMIN"];

export type TemplateValidity = { value: number; unit: "hours" | "days" | "weeks" | "months" | "years" };
export type TemplateCompatibility = {
  /** Certification Authority: "2003" (→ schema v2), "2008" (v3), "2008R2", "2012", "2012R2", "2016" (v4). */
  ca: "2003" | "2008" | "2008R2" | "2012" | "2012R2" | "2016";
  /** Certificate recipient: "XP" = Windows XP / Server 2003, "7" = Windows 7 / Server 2008 R2, … */
  recipient: "XP" | "Vista" | "7" | "8" | "8.1" | "10";
};
/** certtmpl.msc › Security tab. */
export type TemplateAce = { principal: string; read: boolean; write: boolean; enroll: boolean; autoenroll: boolean };

export type CertificateTemplate = {
  id: string;
  /** Template name (no spaces by convention): what the CA and the MSCEP registry use, e.g. "IntuneSCEP". */
  name: string;
  /** Template display name (General tab), e.g. "Intune SCEP". */
  displayName: string;
  /** Built-in template it was duplicated from ("User", "Web Server", "Computer", …); absent for built-ins. */
  basedOn?: string;
  /** Built-in templates that ship with AD CS (User, Web Server, IPSECIntermediateOffline…). */
  builtIn: boolean;
  schemaVersion: 1 | 2 | 3 | 4;
  compatibility: TemplateCompatibility;
  validity: TemplateValidity;
  renewal: TemplateValidity;
  /** General › "Publish certificate in Active Directory". */
  publishInAd: boolean;
  /** Request Handling › Purpose. */
  purpose: "signature" | "encryption" | "signatureAndEncryption";
  /** Request Handling › "Allow private key to be exported". */
  allowPrivateKeyExport: boolean;
  /** Cryptography › Minimum key size. */
  minimumKeySize: number;
  /** Cryptography › Provider Category: Legacy Cryptographic Service Provider or Key Storage Provider. */
  providerCategory: "legacyCsp" | "ksp";
  /** Subject Name › "Supply in the request" / "Build from this Active Directory information". */
  subjectName: "supplyInRequest" | "buildFromAd";
  /** Extensions › Application Policies (EKU OIDs). */
  applicationPolicies: string[];
  /** Extensions › Key Usage; nonRepudiation is "Signature is proof of origin (nonrepudiation)". */
  keyUsage: { digitalSignature: boolean; keyEncipherment: boolean; nonRepudiation: boolean; dataEncipherment: boolean };
  security: TemplateAce[];
  issuanceRequirements: { caManagerApproval: boolean; authorizedSignatures: number };
};

// ───────────────────────────── NDES and IIS ─────────────────────────────

export const MSCEP_DEFAULT_TEMPLATE = "IPSECIntermediateOffline";

/** HKLM\SOFTWARE\Microsoft\Cryptography\MSCEP. */
export type MscepRegistry = {
  /** The key exists (it is written by the AD CS Configuration wizard). */
  present: boolean;
  SignatureTemplate?: string;
  EncryptionTemplate?: string;
  GeneralPurposeTemplate?: string;
  /** MSCEP\HashAlgorithm\HashAlgorithm (absent = SHA1, NDES's default). */
  HashAlgorithm?: string;
  /** The policy module NDES loads (MSCEP\Modules\Policy): the connector's SCEP feature installs the Intune policy
   * module ("NDESPolicy"); absent = NDES's own one-time-password policy, which answers the general NDES page. */
  policyModule?: string;
};

export type IisBinding = {
  protocol: "http" | "https";
  port: number;
  /** Host name (SNI); "" = all names. */
  hostName: string;
  /** SSL certificate (LocalMachine\My thumbprint) for https. */
  certificateThumbprint?: string;
};
export type IisSite = { id: number; name: string; bindings: IisBinding[] };
export type IisAppPool = { name: string; /** "CONTOSO\svc-ndes", "ApplicationPoolIdentity", "NETWORK SERVICE". */ identity: string; state: "started" | "stopped" };

export type NdesIis = {
  /** Sites; site ID 1 is "Default Web Site" unless someone renamed it. */
  sites: IisSite[];
  /** Default Web Site › Request Filtering › Edit Feature Settings (IIS defaults 4096 / 2048). */
  requestFiltering: { maxUrl: number; maxQueryString: number };
  appPools: IisAppPool[];
  /** CertificateRegistrationSvc application authentication (legacy connector only; absent otherwise). */
  certificateRegistrationSvc?: { windowsAuth: boolean; anonymousAuth: boolean };
  /** /certsrv/mscep_admin is still published. */
  mscepAdminPublished: boolean;
};

export type NdesInstance = {
  id: string;
  serverId: string;
  /** The AD CS Configuration wizard has run for NDES (the role can be installed but not configured). */
  configured: boolean;
  /** AD account id of the "Service Account for NDES" (also the SCEP app pool identity). */
  serviceAccountId: string;
  /** "CA for NDES". */
  caId: string;
  /** RA Information page. */
  raInfo: { name: string; email?: string; company?: string; department?: string; city?: string; state?: string; country?: string };
  /** Cryptography for NDES page. */
  cryptography: {
    signatureProvider: string;
    encryptionProvider: string;
    signatureKeyLength: number;
    encryptionKeyLength: number;
    /** Both providers are CryptoAPI CSPs (a CNG KSP is not supported). */
    providerIsCryptoApi: boolean;
  };
  /** The RA certificates: CEP Encryption ("CEPEncryption") and Exchange Enrollment Agent (Offline request)
   * ("EnrollmentAgentOffline"), in the NDES server's LocalMachine\My. */
  raCertificates: CertRef[];
  /** When the wizard issued the RA certificates (ISO). */
  configuredAt: string;
  /** The account that ran the configuration wizard was an Enterprise Admin. */
  configuredByEnterpriseAdmin: boolean;
  mscepRegistry: MscepRegistry;
  iis: NdesIis;
  /** HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters (both absent by default). */
  httpSysParameters: { MaxFieldLength?: number; MaxRequestBytes?: number };
  /** NETWORK SERVICE can write to C:\Windows\Temp (legacy CRP needs it). */
  tempWritableByNetworkService: boolean;
  /** Other names NDES is published under (CNAME, custom A record, load-balanced name); needs HTTP/<name> SPNs. */
  aliasHostNames: string[];
};

// ───────────────────────────── Connectors ─────────────────────────────

export type IntuneCertificateConnector = {
  id: string;
  serverId: string;
  /** current = Certificate Connector for Microsoft Intune; legacy = Microsoft Intune Connector (NDESConnectorSetup.exe). */
  generation: "current" | "legacy";
  version: string;
  /** Features page checkboxes (legacy connector: scep is always true). */
  features: { scep: boolean; pkcs: boolean; pkcsImported: boolean; revocation: boolean };
  /** Service Account page: "SYSTEM" or the AD account id of a domain user. */
  serviceAccount: "SYSTEM" | string;
  /** Proxy page, e.g. "http://proxy.contoso.com:8080". */
  proxy?: string;
  /** The account used on the "Azure AD Sign-In" page, with what the wizard saw of it. */
  signedInUpn: string;
  /** Entra role template ids the sign-in account held (Global Administrator, Intune Administrator…). */
  signedInUserRoles: string[];
  signedInUserHasIntuneLicense: boolean;
  enrolledDateTime: string;
  lastCheckinDateTime: string;
  /** The connector's client certificate from Intune (registry EncryptionCertThumbprint); absent = missing. */
  clientCertificate?: CertRef;
  /** Legacy: HKLM\SOFTWARE\Microsoft\MicrosoftIntune\NDESConnector SigningCertificate is present. */
  signingCertificatePresent?: boolean;
};

export type AppProxyConnector = {
  id: string;
  serverId: string;
  version: string;
  /** The account that registered the connector and what it was. */
  registeredByUpn: string;
  registeredByRoles: string[];
  /** The registering account belongs to this tenant (not another tenant or a Microsoft account). */
  registeredTenantMatches: boolean;
  /** Connector trust certificate (issuer connectorregistrationca.msappproxy.net) NotAfter. */
  trustCertificateNotAfter: string;
  connectorGroupId?: string;
};

// ───────────────────────────── Perimeter ─────────────────────────────

export type ReverseProxy = {
  id: string;
  kind: "wap" | "thirdParty";
  displayName: string;
  /** The lab server it runs on, when modelled (a WAP is a Windows server). */
  serverId?: string;
  os?: WindowsServerVersion;
  domainJoined?: boolean;
  /** KB3011135 (or the December 2014 rollup KB3013769) on a 2012 R2 WAP. */
  kb3011135Installed?: boolean;
  /** Publishing rule preauthentication: passthrough, AD FS, or another authentication in front of NDES. */
  preauth: "passthrough" | "adfs" | "other";
  /** The external name devices use, e.g. "ndes.contoso.com". */
  externalHostName: string;
  /** Largest URI (bytes) it forwards; absent = no limit below 40 KB. */
  maxUriBytes?: number;
  /** The certificate it presents to devices. */
  certificate?: CertRef;
  /** It trusts the NDES IIS certificate chain (backend TLS). */
  trustsBackendCertificate: boolean;
};

export type LabNetwork = {
  /** The perimeter firewall lets TCP 443 from the internet reach NDES directly. */
  inbound443ToNdesFromInternet: boolean;
  /** RPC/DCOM, LDAP and DNS from NDES to the CA and domain controllers are open. */
  ndesToCaRpcOpen: boolean;
  /** Public DNS records. */
  externalDnsRecords: { name: string; type: "A" | "CNAME"; value: string }[];
};

export type LabSnapshot = {
  /** The moment the snapshot describes (ISO); expiry rules compare against it. Absent = now. */
  asOf?: string;
  forest: AdForest;
  accounts: AdAccount[];
  groups: AdGroup[];
  servers: LabServer[];
  cas: CertificationAuthority[];
  templates: CertificateTemplate[];
  ndes: NdesInstance[];
  intuneCertificateConnectors: IntuneCertificateConnector[];
  appProxyConnectors: AppProxyConnector[];
  reverseProxies: ReverseProxy[];
  network: LabNetwork;
};

/** EKU OIDs by the names the consoles show. */
export const EKU = {
  serverAuthentication: "1.3.6.1.5.5.7.3.1",
  clientAuthentication: "1.3.6.1.5.5.7.3.2",
  certificateRequestAgent: "1.3.6.1.4.1.311.20.2.1",
  anyPurpose: "2.5.29.37.0",
  smartCardLogon: "1.3.6.1.4.1.311.20.2.2",
  pkinitClientAuthentication: "1.3.6.1.5.2.3.4",
} as const;
