// Request bodies of the lab API (/api/lab/...): strict, Graph-style camelCase, one per console action. A body that
// a real console or wizard refuses is refused here too (e.g. a connector proxy without http:// or https://, a CNG
// provider for NDES); everything else a trainer may set to break the lab on purpose is accepted.
import { z } from "zod";
import { WINDOWS_SERVER_VERSIONS } from "./snapshot";

const name = (max: number) => z.string().trim().min(1).max(max);
/** A NetBIOS computer name: 1–15 characters, letters, digits and hyphens. */
export const ZComputerName = z.string().regex(/^[A-Za-z0-9-]{1,15}$/, "1–15 letters, digits or hyphens");
/** A DNS name, e.g. ndes01.corp.contoso.com. */
export const ZFqdn = z
  .string()
  .max(253)
  .regex(/^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, "a DNS name");
/** "CONTOSO\svc-ndes", "svc-ndes", "Authenticated Users", "NT AUTHORITY\SYSTEM". */
export const ZPrincipal = name(256);
export const ZThumbprint = z.string().regex(/^[0-9A-Fa-f]{40}$/, "40 hexadecimal digits");
export const ZWindowsServerVersion = z.enum(WINDOWS_SERVER_VERSIONS);
const ZWhen = z.iso.datetime({ offset: true });

// ───────────────────────────── Active Directory ─────────────────────────────

export const ZAdAccountCreate = z.strictObject({
  samAccountName: z.string().regex(/^[^"/\\[\]:;|=,+*?<>@]{1,20}$/, "1–20 characters without \" / \\ [ ] : ; | = , + * ? < > @"),
  userPrincipalName: z.email().optional(),
  displayName: name(256).optional(),
  kind: z.enum(["user", "serviceAccount", "gmsa"]).default("user"),
  password: z.string().min(1).max(256).optional(),
  memberOf: z.array(name(256)).max(100).default([]),
});
export type TAdAccountCreate = z.infer<typeof ZAdAccountCreate>;

export const ZAdAccountUpdate = z.strictObject({
  enabled: z.boolean().optional(),
  lockedOut: z.literal(false).optional().describe("Unlock account (AD only lets an admin clear the lockout)"),
  passwordExpired: z.boolean().optional(),
  displayName: name(256).optional(),
});

export const ZAdGroupCreate = z.strictObject({ name: name(256), scope: z.enum(["domainLocal", "global", "universal"]).default("global") });

/** ADUC › Member Of › Add, or lusrmgr.msc for the local groups of a server. */
export const ZGroupMembership = z.strictObject({ member: ZPrincipal });

/** `setspn -s HTTP/<name> <domain\account>`. */
export const ZSpnAdd = z.strictObject({
  spn: z.string().regex(/^[A-Za-z][A-Za-z0-9]*\/[^\s/]+(:\d+)?$/, "service class/host, e.g. HTTP/ndes01.corp.contoso.com"),
});

// ───────────────────────────── Servers ─────────────────────────────

export const ZServerCreate = z.strictObject({
  name: ZComputerName,
  os: ZWindowsServerVersion,
  edition: z.enum(["standard", "datacenter", "enterprise"]).default("standard"),
  /** Join the forest's domain (absent = workgroup). */
  domainFqdn: ZFqdn.optional(),
  desktopExperience: z.boolean().default(true),
});
export type TServerCreate = z.infer<typeof ZServerCreate>;

const ZNetwork = z.strictObject({
  outbound443: z.boolean().optional(),
  outbound80: z.boolean().optional(),
  tlsInspection: z.boolean().optional(),
  outboundProxy: z.url({ protocol: /^https?$/ }).nullable().optional(),
  proxyConfiguredForConnector: z.boolean().optional(),
  blockedHosts: z.array(name(253)).max(100).optional(),
  reachableHosts: z.array(ZFqdn).max(1000).nullable().optional(),
});

export const ZServerUpdate = z.strictObject({
  os: ZWindowsServerVersion.optional(),
  domainJoined: z.boolean().optional(),
  domainFqdn: ZFqdn.nullable().optional(),
  isDomainController: z.boolean().optional(),
  ieEscEnabled: z.boolean().optional(),
  tls12: z.strictObject({ client: z.boolean().optional(), server: z.boolean().optional(), schUseStrongCrypto: z.boolean().optional() }).optional(),
  winHttpHttp2Enabled: z.boolean().optional(),
  dotNetRelease: z.number().int().min(0).max(999_999).optional(),
  desktopExperience: z.boolean().optional(),
  edgeInstalled: z.boolean().optional(),
  hotfixes: z.array(z.string().regex(/^KB\d{6,7}$/)).max(200).optional(),
  network: ZNetwork.optional(),
  installedAgents: z.array(name(128)).max(50).optional(),
});
export type TServerUpdate = z.infer<typeof ZServerUpdate>;

/** Add Roles and Features / Remove Roles and Features, by Install-WindowsFeature names. */
export const ZFeaturesUpdate = z.strictObject({
  add: z.array(z.string().regex(/^[A-Za-z0-9-]{2,64}$/)).max(100).default([]),
  remove: z.array(z.string().regex(/^[A-Za-z0-9-]{2,64}$/)).max(100).default([]),
});

/** services.msc: Start / Stop / Startup type. */
export const ZServiceUpdate = z.strictObject({
  status: z.enum(["running", "stopped"]).optional(),
  startupType: z.enum(["automatic", "manual", "disabled"]).optional(),
});

/** secpol.msc › User Rights Assignment: one right, its principals. */
export const ZUserRightUpdate = z.strictObject({
  right: z.enum(["impersonateClient", "logOnAsService", "logOnLocally", "logOnAsBatchJob"]),
  principals: z.array(ZPrincipal).max(100),
});

/** Restart (clears the pending restart) or iisreset (does not, per seed 002). */
export const ZServerRestart = z.strictObject({ kind: z.enum(["restart", "iisreset"]).default("restart") });

/** Certificates MMC: import into LocalMachine\My or Root, or request from an Enterprise CA template. */
export const ZCertificateRequest = z.strictObject({
  store: z.enum(["my", "root"]).default("my"),
  caId: name(64),
  template: name(64),
  subject: z.string().regex(/^CN=.+/, "a distinguished name starting with CN="),
  san: z.array(ZFqdn).max(50).default([]),
});

// ───────────────────────────── AD CS ─────────────────────────────

export const ZCaCreate = z.strictObject({
  name: name(64),
  serverId: name(64),
  type: z.enum(["enterpriseRoot", "enterpriseSubordinate", "standaloneRoot", "standaloneSubordinate"]),
  parentCaId: name(64).optional(),
  keySize: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).default(2048),
  validityYears: z.number().int().min(1).max(50).default(5),
});

const ZPublicationPoint = z.strictObject({ url: z.url(), reachableInternally: z.boolean(), reachableFromInternet: z.boolean() });

export const ZCaUpdate = z.strictObject({
  acl: z
    .array(z.strictObject({ principal: ZPrincipal, read: z.boolean(), request: z.boolean(), issueAndManage: z.boolean(), manageCa: z.boolean() }))
    .max(100)
    .optional(),
  editFlags: z.array(z.string().regex(/^EDITF_[A-Z0-9_]+$/)).max(32).optional(),
  templatesToIssue: z.array(name(64)).max(500).optional(),
  crlDistributionPoints: z.array(ZPublicationPoint).max(10).optional(),
  aia: z.array(ZPublicationPoint).max(10).optional(),
  dnLengthEnforced: z.boolean().optional(),
  running: z.boolean().optional(),
});
export type TCaUpdate = z.infer<typeof ZCaUpdate>;

/** certtmpl.msc › Duplicate Template. The template name defaults to the display name without spaces. */
export const ZTemplateDuplicate = z.strictObject({
  sourceTemplate: name(64),
  displayName: name(64),
  name: z.string().regex(/^[^\s]{1,64}$/, "no spaces").optional(),
  compatibility: z
    .strictObject({
      ca: z.enum(["2003", "2008", "2008R2", "2012", "2012R2", "2016"]),
      recipient: z.enum(["XP", "Vista", "7", "8", "8.1", "10"]),
    })
    .optional(),
});
export type TTemplateDuplicate = z.infer<typeof ZTemplateDuplicate>;

const ZValidity = z.strictObject({ value: z.number().int().min(1).max(1000), unit: z.enum(["hours", "days", "weeks", "months", "years"]) });
const ZOid = z.string().regex(/^\d+(\.\d+)+$/, "an OID");

/** The template's tabs; every tab and field optional (PATCH). */
export const ZTemplateUpdate = z.strictObject({
  general: z.strictObject({ displayName: name(64).optional(), validity: ZValidity.optional(), renewal: ZValidity.optional(), publishInAd: z.boolean().optional() }).optional(),
  requestHandling: z
    .strictObject({ purpose: z.enum(["signature", "encryption", "signatureAndEncryption"]).optional(), allowPrivateKeyExport: z.boolean().optional() })
    .optional(),
  cryptography: z
    .strictObject({
      providerCategory: z.enum(["legacyCsp", "ksp"]).optional(),
      minimumKeySize: z.union([z.literal(1024), z.literal(2048), z.literal(3072), z.literal(4096)]).optional(),
    })
    .optional(),
  subjectName: z.strictObject({ source: z.enum(["supplyInRequest", "buildFromAd"]) }).optional(),
  extensions: z
    .strictObject({
      applicationPolicies: z.array(ZOid).max(30).optional(),
      keyUsage: z
        .strictObject({ digitalSignature: z.boolean().optional(), keyEncipherment: z.boolean().optional(), nonRepudiation: z.boolean().optional(), dataEncipherment: z.boolean().optional() })
        .optional(),
    })
    .optional(),
  security: z
    .array(z.strictObject({ principal: ZPrincipal, read: z.boolean(), write: z.boolean(), enroll: z.boolean(), autoenroll: z.boolean() }))
    .max(100)
    .optional(),
  issuanceRequirements: z.strictObject({ caManagerApproval: z.boolean().optional(), authorizedSignatures: z.number().int().min(0).max(10).optional() }).optional(),
});
export type TTemplateUpdate = z.infer<typeof ZTemplateUpdate>;

// ───────────────────────────── NDES and IIS ─────────────────────────────

/** Cryptographic providers the NDES page offers; only CryptoAPI CSPs are supported (S28, S42). */
export const NDES_CSPS = ["Microsoft Strong Cryptographic Provider", "Microsoft Enhanced Cryptographic Provider v1.0", "Microsoft Base Cryptographic Provider v1.0", "Microsoft Enhanced RSA and AES Cryptographic Provider"] as const;

/** Server Manager › AD CS Configuration for NDES. */
export const ZNdesConfigure = z.strictObject({
  serverId: name(64),
  roleServices: z.array(z.literal("networkDeviceEnrollmentService")).min(1),
  /** AD account id or "CONTOSO\svc-ndes". */
  serviceAccount: ZPrincipal,
  caId: name(64),
  raInfo: z
    .strictObject({
      name: name(64),
      email: z.email().optional(),
      company: name(64).optional(),
      department: name(64).optional(),
      city: name(64).optional(),
      state: name(64).optional(),
      country: z.string().regex(/^[A-Z]{2}$/).optional(),
    })
    .optional(),
  cryptography: z
    .strictObject({
      signatureProvider: z.enum(NDES_CSPS).default("Microsoft Strong Cryptographic Provider"),
      encryptionProvider: z.enum(NDES_CSPS).default("Microsoft Strong Cryptographic Provider"),
      keyLength: z.union([z.literal(1024), z.literal(2048), z.literal(4096)]).default(2048),
    })
    .optional(),
});
export type TNdesConfigure = z.infer<typeof ZNdesConfigure>;

/** regedit › HKLM\SOFTWARE\Microsoft\Cryptography\MSCEP. Any string: a typo or a display name is a lesson. */
export const ZMscepRegistryUpdate = z.strictObject({
  SignatureTemplate: name(64).optional(),
  EncryptionTemplate: name(64).optional(),
  GeneralPurposeTemplate: name(64).optional(),
  HashAlgorithm: z.enum(["SHA1", "SHA256", "SHA384", "SHA512"]).nullable().optional(),
});

const ZBinding = z.strictObject({
  protocol: z.enum(["http", "https"]),
  port: z.number().int().min(1).max(65535),
  hostName: z.string().max(253).default(""),
  certificateThumbprint: ZThumbprint.optional(),
});

/** IIS Manager: bindings of Default Web Site, Request Filtering › Edit Feature Settings, app pool SCEP, site name. */
export const ZIisUpdate = z.strictObject({
  siteName: name(128).optional(),
  bindings: z
    .array(ZBinding)
    .max(20)
    .refine((bs) => bs.every((b) => b.protocol === "http" || !!b.certificateThumbprint), "An https binding needs an SSL certificate")
    .optional(),
  requestFiltering: z
    .strictObject({ maxUrl: z.number().int().min(0).max(4_294_967_295).optional(), maxQueryString: z.number().int().min(0).max(4_294_967_295).optional() })
    .optional(),
  scepAppPool: z.strictObject({ identity: ZPrincipal.optional(), state: z.enum(["started", "stopped"]).optional() }).optional(),
  certificateRegistrationSvc: z.strictObject({ windowsAuth: z.boolean().optional(), anonymousAuth: z.boolean().optional() }).optional(),
  mscepAdminPublished: z.boolean().optional(),
});
export type TIisUpdate = z.infer<typeof ZIisUpdate>;

/** regedit › HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters (DWORD, decimal); null deletes the value. */
export const ZHttpSysUpdate = z.strictObject({
  MaxFieldLength: z.number().int().min(64).max(65534).nullable().optional(),
  MaxRequestBytes: z.number().int().min(256).max(16_777_216).nullable().optional(),
});

// ───────────────────────────── Connectors ─────────────────────────────

/** The Certificate Connector for Microsoft Intune wizard: Features, Service Account, Proxy, Azure AD Sign-In. */
export const ZConnectorInstall = z.strictObject({
  serverId: name(64),
  features: z
    .strictObject({ scep: z.boolean(), pkcs: z.boolean(), pkcsImported: z.boolean(), revocation: z.boolean() })
    .refine((f) => f.scep || f.pkcs || f.pkcsImported || f.revocation, "Select at least one feature"),
  serviceAccount: z.union([z.literal("SYSTEM"), z.strictObject({ account: ZPrincipal, password: z.string().min(1).max(256) })]).default("SYSTEM"),
  /** CONN_PROXY_NO_SCHEME: "Be sure to include the HTTP or HTTPS prefix." (S3) */
  proxy: z
    .strictObject({
      address: z.string().regex(/^https?:\/\/[^\s/:]+$/i, "Include the HTTP or HTTPS prefix, e.g. http://proxy.contoso.com"),
      port: z.number().int().min(1).max(65535),
      username: z.string().max(256).optional(),
      password: z.string().max(256).optional(),
    })
    .optional(),
  environment: z.enum(["Public Commercial Cloud", "US Government (GCC High)", "US Government (DoD)"]).default("Public Commercial Cloud"),
  signIn: z.strictObject({ upn: z.email(), password: z.string().min(1).max(256) }),
  generation: z.enum(["current", "legacy"]).default("current"),
});
export type TConnectorInstall = z.infer<typeof ZConnectorInstall>;

/** MicrosoftEntraPrivateNetworkConnectorInstaller.exe: accept the terms, sign in to register. */
export const ZAppProxyConnectorInstall = z.strictObject({
  serverId: name(64),
  acceptTerms: z.literal(true, { error: "Accept the license terms and conditions to install" }),
  registerAsUpn: z.email(),
  password: z.string().min(1).max(256),
});
export type TAppProxyConnectorInstall = z.infer<typeof ZAppProxyConnectorInstall>;

// ───────────────────────────── Perimeter ─────────────────────────────

export const ZReverseProxyCreate = z.strictObject({
  kind: z.enum(["wap", "thirdParty"]),
  displayName: name(128),
  serverId: name(64).optional(),
  os: ZWindowsServerVersion.optional(),
  domainJoined: z.boolean().optional(),
  kb3011135Installed: z.boolean().optional(),
  preauth: z.enum(["passthrough", "adfs", "other"]).default("passthrough"),
  externalHostName: ZFqdn,
  maxUriBytes: z.number().int().min(256).max(10_000_000).optional(),
  trustsBackendCertificate: z.boolean().default(true),
});

export const ZLabNetworkUpdate = z.strictObject({
  inbound443ToNdesFromInternet: z.boolean().optional(),
  ndesToCaRpcOpen: z.boolean().optional(),
  externalDnsRecords: z
    .array(z.strictObject({ name: ZFqdn, type: z.enum(["A", "CNAME"]), value: name(253) }))
    .max(100)
    .optional(),
});

/** The lab browser's request. */
export const ZLabBrowse = z.strictObject({ url: z.string().min(1).max(200_000), fromServerId: name(64).optional(), at: ZWhen.optional() });
