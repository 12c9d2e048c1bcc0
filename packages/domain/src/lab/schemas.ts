// Request bodies of the lab REST API (/api/lab): one zod schema per console action. The API validates with
// them, the OpenAPI document is generated from them, and the lab consoles can validate forms with them.
// Bodies are strict: an unknown property answers 400 naming it, as Graph does. They accept what the real
// consoles accept, even when it is a mistake (a connector proxy without a scheme, a CNG provider for NDES):
// trainers break labs on purpose, and the rules then say what is wrong.
import { z } from "zod";
import { DEFAULT_INTERFACE_FLAGS, WINDOWS_SERVER_VERSIONS } from "./snapshot";

const Name = z.string().trim().min(1).max(256);
const Bool = z.boolean();
const Dword = z.int().min(0).max(4294967295);
const Oid = z.string().regex(/^[0-2](\.\d+)+$/, "must be an object identifier such as 1.3.6.1.5.5.7.3.2");

/**
 * POST /api/lab/reset: "fresh" (an empty lab, issue 3), "correct" (seed 002's lab only) or "complete" (issue 8: the
 * complete correct setup of setup/complete-setup.ts — lab, Intune profiles, Entra application proxy, directory).
 */
export const ZLabReset = z.strictObject({ scenario: z.enum(["fresh", "correct", "complete"]) });

// ───────────── Active Directory Users and Computers ─────────────

/** sAMAccountName: at most 20 characters, none of " / \ [ ] : ; | = , + * ? < > @ (a computer's ends with $). */
const SamAccountName = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[^"/\\[\]:;|=,+*?<>@\s][^"/\\[\]:;|=,+*?<>@]*$/, 'sAMAccountName can\'t contain " / \\ [ ] : ; | = , + * ? < > @');
export const ZAdAccountCreate = z.strictObject({
  samAccountName: SamAccountName,
  kind: z.enum(["user", "serviceAccount", "gmsa", "computer"]).default("user"),
  domain: z.string().trim().min(1).max(15).optional(),
  userPrincipalName: z.string().regex(/^[^@\s]+@[^@\s]+$/, "userPrincipalName must look like name@domain").optional(),
  displayName: Name.optional(),
  enabled: Bool.default(true),
  memberOf: z.array(Name).max(100).default([]),
});
export const ZAdAccountUpdate = z.strictObject({
  displayName: Name.optional(),
  userPrincipalName: z.string().regex(/^[^@\s]+@[^@\s]+$/, "userPrincipalName must look like name@domain").optional(),
  enabled: Bool.optional(),
  lockedOut: Bool.optional(),
  passwordExpired: Bool.optional(),
});
/** setspn -s HTTP/ndes01.corp.contoso.com CONTOSO\svc-ndes */
export const ZSpn = z.strictObject({
  spn: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9-]*\/[^\s/]+(:\d{1,5})?(\/[^\s]+)?$/, "an SPN looks like HTTP/ndes01.corp.contoso.com"),
});
export const ZAdGroupCreate = z.strictObject({
  name: Name,
  domain: z.string().trim().min(1).max(15).optional(),
  scope: z.enum(["domainLocal", "global", "universal"]).default("global"),
});
export const ZGroupMember = z.strictObject({ memberId: z.string().min(1) });

// ───────────── Server Manager ─────────────

export const ZServerCreate = z.strictObject({
  /** NetBIOS computer name: at most 15 characters. */
  name: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,14}$/, "a computer name has 1 to 15 letters, digits or hyphens"),
  os: z.enum(WINDOWS_SERVER_VERSIONS),
  edition: z.enum(["standard", "datacenter", "enterprise"]).default("standard"),
  /** Join the lab's forest root domain (false = workgroup). */
  domainJoined: Bool.default(true),
});
const ZTls12 = z.strictObject({ client: Bool.optional(), server: Bool.optional(), schUseStrongCrypto: Bool.optional() });
const ZUserRights = z.strictObject({
  impersonateClient: z.array(Name).optional(),
  logOnAsService: z.array(Name).optional(),
  logOnLocally: z.array(Name).optional(),
  logOnAsBatchJob: z.array(Name).optional(),
});
export const ZServerUpdate = z.strictObject({
  os: z.enum(WINDOWS_SERVER_VERSIONS).optional(),
  edition: z.enum(["standard", "datacenter", "enterprise"]).optional(),
  domainJoined: Bool.optional(),
  domainFqdn: z.string().trim().min(1).max(255).optional(),
  isDomainController: Bool.optional(),
  /** Server Manager › Local Server › IE Enhanced Security Configuration. */
  ieEscEnabled: Bool.optional(),
  tls12: ZTls12.optional(),
  /** HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp EnableDefaultHTTP2 ≠ 0. */
  winHttpHttp2Enabled: Bool.optional(),
  /** NDP\v4\Full Release (461808 = 4.7.2, 528040 = 4.8). */
  dotNetRelease: z.int().min(0).max(999999).optional(),
  desktopExperience: Bool.optional(),
  edgeInstalled: Bool.optional(),
  hotfixes: z.array(z.string().regex(/^KB\d{6,7}$/, "a hotfix id looks like KB2483564")).optional(),
  userRights: ZUserRights.optional(),
  installedAgents: z.array(Name).optional(),
});
export const ZFeatures = z
  .strictObject({
    install: z.array(z.string().regex(/^[A-Za-z0-9-]+$/, "a feature name as Install-WindowsFeature takes it, e.g. Web-Server")).default([]),
    remove: z.array(z.string().regex(/^[A-Za-z0-9-]+$/, "a feature name as Uninstall-WindowsFeature takes it")).default([]),
  })
  .refine((b) => b.install.length + b.remove.length > 0, { message: "Name at least one feature to install or remove.", path: ["install"] });
export const ZLocalGroupMember = z.strictObject({ member: Name });
export const ZServerNetworkUpdate = z.strictObject({
  outbound443: Bool.optional(),
  outbound80: Bool.optional(),
  tlsInspection: Bool.optional(),
  outboundProxy: z.string().trim().max(256).nullable().optional(),
  proxyConfiguredForConnector: Bool.optional(),
  blockedHosts: z.array(Name).optional(),
  reachableHosts: z.array(Name).nullable().optional(),
});
export const ZServiceUpdate = z
  .strictObject({ status: z.enum(["running", "stopped"]).optional(), startupType: z.enum(["automatic", "manual", "disabled"]).optional() })
  .refine((b) => b.status !== undefined || b.startupType !== undefined, { message: "Give status or startupType.", path: ["status"] });
export const ZCertificateImport = z.strictObject({
  store: z.enum(["my", "root"]),
  /** The certificate as PEM or base64 DER (a .cer file). */
  certificate: z.string().min(16).max(20000),
});
/** Certificates snap-in › Personal › All Tasks › Request New Certificate. */
export const ZCertificateRequest = z.strictObject({
  caId: z.string().min(1),
  /** Template name (or display name, as the enrollment wizard lists it). */
  template: Name,
  /** e.g. "CN=ndes01.corp.contoso.com"; default CN=<server FQDN>. */
  subject: z.string().trim().min(3).max(1024).optional(),
  dnsNames: z.array(z.string().trim().regex(/^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, "a DNS name such as ndes01.corp.contoso.com")).max(20).default([]),
  keySize: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).optional(),
});

// ───────────── Certification Authority ─────────────

export const ZCaUpdate = z.strictObject({ dnLengthEnforced: Bool.optional(), running: Bool.optional() });
export const ZCaAce = z.strictObject({
  principal: Name,
  read: Bool.default(false),
  request: Bool.default(false),
  issueAndManage: Bool.default(false),
  manageCa: Bool.default(false),
});
/** certutil -setreg Policy\EditFlags +EDITF_ATTRIBUTEENDDATE, or certutil -setreg CA\InterfaceFlags
 * -IF_ENFORCEENCRYPTICERTREQUEST (issue 14, ESC11). */
export const ZCaSetReg = z.discriminatedUnion("name", [
  z.strictObject({
    name: z.literal("Policy\\EditFlags"),
    value: z.string().regex(/^[+-]EDITF_[A-Z0-9_]+$/, "a value such as +EDITF_ATTRIBUTEENDDATE or -EDITF_ATTRIBUTEENDDATE"),
  }),
  z.strictObject({
    name: z.literal("CA\\InterfaceFlags"),
    value: z.string().regex(/^[+-]IF_[A-Z0-9_]+$/, "a value such as +IF_ENFORCEENCRYPTICERTREQUEST or -IF_ENFORCEENCRYPTICERTREQUEST"),
  }),
]);

/** A UPN or DNS subject alternative name as certreq's -attrib "SAN:upn=…&dns=…" or the request form takes it. */
export const ZSubjectAlternativeName = z.strictObject({
  type: z.enum(["upn", "dns"]),
  value: z.string().trim().min(1).max(256),
}).superRefine((san, ctx) => {
  const ok = san.type === "upn" ? /^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(san.value) : /^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(san.value);
  if (!ok) ctx.addIssue({ code: "custom", path: ["value"], message: san.type === "upn" ? "a UPN looks like administrator@corp.contoso.com" : "a DNS name such as ndes01.corp.contoso.com" });
});

/** certreq -submit / "Request a certificate as…" (issue 14): the lab CA evaluates it as the real one does. */
export const ZCaRequestSubmit = z.strictObject({
  /** The requester: a lab AD account id or DOMAIN\\sAMAccountName. */
  account: Name,
  /** Template name (or display name). */
  template: Name,
  /** Subject DN, e.g. "CN=Administrator"; with "Build from this Active Directory information" the CA ignores it. */
  subject: z.string().trim().min(3).max(1024).regex(/^[A-Za-z][A-Za-z0-9.]*=/, "a distinguished name such as CN=Administrator").optional(),
  subjectAlternativeNames: z.array(ZSubjectAlternativeName).max(20).default([]),
  /** A PKCS#10 request (PEM); without one the lab generates the key pair as certreq -new would. */
  csr: z.string().trim().min(64).max(20000).optional(),
});
export type TCaRequestSubmit = z.infer<typeof ZCaRequestSubmit>;

/** IIS Manager › Default Web Site › certsrv: bindings, Windows Authentication providers, Extended Protection. */
export const ZWebEnrollmentUpdate = z.strictObject({
  caId: z.string().min(1).optional(),
  http: Bool.optional(),
  https: Bool.optional(),
  ntlm: Bool.optional(),
  extendedProtection: z.enum(["off", "accept", "required"]).optional(),
});

/** Fields added to stored lab rows after they were first written: loading an older row fills them in
 * (apps/api/src/store/lab/state.ts), so existing labs keep loading. */
export const ZStoredCaDefaults = z.looseObject({ interfaceFlags: z.array(z.string()).default([...DEFAULT_INTERFACE_FLAGS]) });
export const ZTemplateToIssue = z.strictObject({ template: Name });
const ZPublicationPoint = z.strictObject({
  url: z.string().regex(/^(https?|ldap|file):\/\//i, "a CDP/AIA location starts with http://, ldap:// or file://"),
  reachableInternally: Bool.default(true),
  reachableFromInternet: Bool.default(false),
});
export const ZCaPublication = z.strictObject({
  crlDistributionPoints: z.array(ZPublicationPoint).optional(),
  aia: z.array(ZPublicationPoint).optional(),
});

// ───────────── Certificate Templates ─────────────

const ZValidity = z.strictObject({ value: z.int().min(1).max(999), unit: z.enum(["hours", "days", "weeks", "months", "years"]) });
const ZCompatibility = z.strictObject({
  ca: z.enum(["2003", "2008", "2008R2", "2012", "2012R2", "2016"]),
  recipient: z.enum(["XP", "Vista", "7", "8", "8.1", "10"]),
});
export const ZTemplateDuplicate = z.strictObject({
  displayName: z.string().trim().min(1).max(64),
  /** Default: the display name without spaces, as certtmpl.msc derives it. */
  name: z.string().trim().regex(/^[^\s]{1,64}$/, "a template name has no spaces").optional(),
  compatibility: ZCompatibility.optional(),
});
export const ZTemplateTabs = {
  general: z.strictObject({ displayName: z.string().trim().min(1).max(64).optional(), validity: ZValidity.optional(), renewal: ZValidity.optional(), publishInAd: Bool.optional() }),
  compatibility: ZCompatibility,
  "request-handling": z.strictObject({ purpose: z.enum(["signature", "encryption", "signatureAndEncryption"]).optional(), allowPrivateKeyExport: Bool.optional() }),
  cryptography: z.strictObject({ minimumKeySize: z.union([z.literal(1024), z.literal(2048), z.literal(3072), z.literal(4096)]).optional(), providerCategory: z.enum(["legacyCsp", "ksp"]).optional() }),
  "subject-name": z.strictObject({ subjectName: z.enum(["supplyInRequest", "buildFromAd"]) }),
  extensions: z.strictObject({
    applicationPolicies: z.array(Oid).optional(),
    keyUsage: z.strictObject({ digitalSignature: Bool.optional(), keyEncipherment: Bool.optional(), nonRepudiation: Bool.optional(), dataEncipherment: Bool.optional() }).optional(),
  }),
  security: z.strictObject({
    /** Entries to add or replace, by principal. */
    set: z.array(z.strictObject({ principal: Name, read: Bool.default(false), write: Bool.default(false), enroll: Bool.default(false), autoenroll: Bool.default(false) })).default([]),
    /** Principals to remove. */
    remove: z.array(Name).default([]),
  }),
  "issuance-requirements": z.strictObject({ caManagerApproval: Bool.optional(), authorizedSignatures: z.int().min(0).max(10).optional() }),
} as const;
export type TemplateTab = keyof typeof ZTemplateTabs;

// ───────────── NDES: AD CS Configuration, registry, IIS ─────────────

export const CRYPTOAPI_CSPS = [
  "Microsoft Strong Cryptographic Provider",
  "Microsoft Enhanced Cryptographic Provider v1.0",
  "Microsoft Base Cryptographic Provider v1.0",
  "Microsoft Enhanced RSA and AES Cryptographic Provider",
] as const;
export const CNG_KSPS = ["Microsoft Software Key Storage Provider", "Microsoft Platform Crypto Provider", "Microsoft Smart Card Key Storage Provider"] as const;
const Provider = z.enum([...CRYPTOAPI_CSPS, ...CNG_KSPS]);
const KeyLength = z.union([z.literal(1024), z.literal(2048), z.literal(3072), z.literal(4096)]);

export const ZAdcsConfiguration = z.strictObject({
  /** Role Services page. */
  roleServices: z.array(z.literal("Network Device Enrollment Service")).min(1, "Select Network Device Enrollment Service."),
  /** Service Account for NDES: an AD account id or DOMAIN\name. */
  serviceAccount: Name,
  /** CA for NDES: the lab CA's id. */
  caId: z.string().min(1),
  /** The account running the wizard (default CONTOSO\Administrator, an Enterprise Admin). */
  runAs: Name.optional(),
  raInformation: z
    .strictObject({
      name: z.string().trim().min(1).max(64),
      email: z.string().max(128).optional(),
      company: z.string().max(64).optional(),
      department: z.string().max(64).optional(),
      city: z.string().max(128).optional(),
      state: z.string().max(128).optional(),
      country: z.string().regex(/^[A-Z]{2}$/, "a two-letter country code such as US").optional(),
    })
    .optional(),
  cryptography: z
    .strictObject({
      signatureProvider: Provider.default("Microsoft Strong Cryptographic Provider"),
      encryptionProvider: Provider.default("Microsoft Strong Cryptographic Provider"),
      signatureKeyLength: KeyLength.default(2048),
      encryptionKeyLength: KeyLength.default(2048),
    })
    .default({ signatureProvider: "Microsoft Strong Cryptographic Provider", encryptionProvider: "Microsoft Strong Cryptographic Provider", signatureKeyLength: 2048, encryptionKeyLength: 2048 }),
});

const TemplateValue = z.string().trim().min(1).max(256);
/** Registry Editor › HKLM\SOFTWARE\Microsoft\Cryptography\MSCEP (REG_SZ values). */
export const ZMscepUpdate = z.strictObject({
  SignatureTemplate: TemplateValue.optional(),
  EncryptionTemplate: TemplateValue.optional(),
  GeneralPurposeTemplate: TemplateValue.optional(),
  /** MSCEP\HashAlgorithm\HashAlgorithm. */
  HashAlgorithm: z.enum(["SHA1", "SHA256", "SHA384", "SHA512"]).optional(),
});
/** HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters (REG_DWORD, decimal; null deletes the value). */
export const ZHttpParametersUpdate = z.strictObject({
  MaxFieldLength: z.int().min(64).max(65534).nullable().optional(),
  MaxRequestBytes: z.int().min(256).max(16777216).nullable().optional(),
});
const Thumbprint = z.string().trim().regex(/^[0-9A-Fa-f]{40}$/, "a SHA-1 thumbprint: 40 hexadecimal digits");
export const ZBindingCreate = z
  .strictObject({
    protocol: z.enum(["http", "https"]),
    port: z.int().min(1).max(65535),
    hostName: z.string().trim().max(255).default(""),
    certificateThumbprint: Thumbprint.optional(),
  })
  .refine((b) => b.protocol === "http" || !!b.certificateThumbprint, { message: "An https binding needs an SSL certificate.", path: ["certificateThumbprint"] });
export const ZBindingRemove = z.strictObject({ protocol: z.enum(["http", "https"]), port: z.int().min(1).max(65535), hostName: z.string().trim().max(255).default("") });
export const ZSiteUpdate = z.strictObject({ name: z.string().trim().min(1).max(256) });
export const ZRequestFiltering = z.strictObject({ maxUrl: Dword.optional(), maxQueryString: Dword.optional() });
export const ZAppPoolUpdate = z.strictObject({ state: z.enum(["started", "stopped"]).optional(), identity: Name.optional() });
export const ZCrpAuthentication = z.strictObject({ windowsAuth: Bool.optional(), anonymousAuth: Bool.optional() });
export const ZIisUpdate = z.strictObject({ mscepAdminPublished: Bool.optional() });

// ───────────── Connector installers ─────────────

const SignIn = z.strictObject({ userPrincipalName: z.string().trim().min(3).max(256), password: z.string().min(1).max(256) });
export const ZIntuneConnectorInstall = z.strictObject({
  /** current = Certificate Connector for Microsoft Intune (IntuneCertificateConnector.exe); legacy = NDESConnectorSetup.exe. */
  generation: z.enum(["current", "legacy"]).default("current"),
  features: z
    .strictObject({ scep: Bool.default(true), pkcs: Bool.default(false), pkcsImported: Bool.default(false), revocation: Bool.default(false) })
    .default({ scep: true, pkcs: false, pkcsImported: false, revocation: false }),
  /** Service Account page: SYSTEM, or a domain account (id or DOMAIN\name). */
  serviceAccount: Name.default("SYSTEM"),
  /** Proxy page, e.g. http://proxy.contoso.com:8080. */
  proxy: z.string().trim().min(1).max(256).optional(),
  environment: z.enum(["Public Commercial Cloud", "US Government"]).default("Public Commercial Cloud"),
  signIn: SignIn,
});
export const ZPrivateNetworkConnectorInstall = z.strictObject({
  acceptTerms: z.literal(true, "Accept the terms to install the connector."),
  registerAsUpn: z.string().trim().min(3).max(256),
  password: z.string().min(1).max(256),
});

// ───────────── Lab network, reverse proxies, browser ─────────────

export const ZLabNetworkUpdate = z.strictObject({
  inbound443ToNdesFromInternet: Bool.optional(),
  ndesToCaRpcOpen: Bool.optional(),
  externalDnsRecords: z.array(z.strictObject({ name: Name, type: z.enum(["A", "CNAME"]), value: Name })).optional(),
});
const ReverseProxyFields = {
  kind: z.enum(["wap", "thirdParty"]),
  displayName: Name,
  serverId: z.string().min(1).optional(),
  os: z.enum(WINDOWS_SERVER_VERSIONS).optional(),
  domainJoined: Bool.optional(),
  kb3011135Installed: Bool.optional(),
  preauth: z.enum(["passthrough", "adfs", "other"]),
  externalHostName: z.string().trim().regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, "a host name such as ndes.contoso.com"),
  maxUriBytes: z.int().min(256).max(16777216).optional(),
  certificateThumbprint: Thumbprint.optional(),
  trustsBackendCertificate: Bool.default(true),
};
export const ZReverseProxyCreate = z.strictObject(ReverseProxyFields);
export const ZReverseProxyUpdate = z.strictObject({
  displayName: Name.optional(),
  os: z.enum(WINDOWS_SERVER_VERSIONS).optional(),
  domainJoined: Bool.optional(),
  kb3011135Installed: Bool.optional(),
  preauth: z.enum(["passthrough", "adfs", "other"]).optional(),
  externalHostName: ReverseProxyFields.externalHostName.optional(),
  maxUriBytes: z.int().min(256).max(16777216).nullable().optional(),
  trustsBackendCertificate: Bool.optional(),
});
export const ZBrowseQuery = z.strictObject({ url: z.string().trim().min(1).max(70000), from: z.string().min(1).optional() });

export const ZBrowseResult = z.object({ status: z.int(), title: z.string(), body: z.string(), reasonCodes: z.array(z.string()) });
