// Seed 004's SCEP request flow (004_0623edc70b4e3354.txt, "Solution concept" a–f) as data: each hop with the seed's
// description in short and the rule codes that break it. The codes come in groups (CODE_GROUPS) that the lab
// topology's edges share (topology.ts), so a hop and the network edge it travels over blame the same findings.
// Which code breaks which hop follows shared/design/rules-reference.md part B (hops 0–8 folded onto a–f).
import type { Finding } from "../rules/types";
import type { Health, RequestFlow, RequestFlowHop, RequestFlowHopId } from "./types";

export const REQUEST_FLOW_SOURCE = "004_0623edc70b4e3354.txt";

/** Rule codes by the part of the path they break. Hops and topology edges are unions of these groups. */
export const CODE_GROUPS = {
  /** Intune → device: the trusted root and SCEP profiles the device must install before it can ask (part B, hops 0–1). */
  profileDelivery: [
    "PROF_NO_ROOT_CERT", "PROF_ROOT_PLATFORM_MISMATCH", "PROF_ROOT_NOT_TOP_LEVEL", "PROF_ROOT_ASSIGNMENT_MISMATCH",
    "PROF_RENEWAL_THRESHOLD_RANGE", "PROF_APPLE_RENEWAL_RISK", "PROF_KEYSIZE_4096_UNSUPPORTED", "PROF_HASH_SHA1",
    "PROF_EKU_NO_CLIENT_AUTH", "PROF_SUBJECT_VARIABLE_BRACES", "PROF_SAN_ILLEGAL_CHARS", "PROF_SUBJECT_DN_COMMA_UNQUOTED",
    "PROF_SUBJECT_GT_64", "PROF_USER_VARS_ON_USERLESS", "PROF_DEVICE_CERT_USER_VARS", "PROF_UNSUPPORTED_DEVICE_VARIABLE",
    "PROF_ANDROID12_BYOD_HW_IDS", "PROF_AE_COBO_USERNAME_SAN", "PROF_AOSP_UNSUPPORTED_VARS", "PROF_DEVICEID_WINDOWS_SUBJECT",
    "PROF_AE_DEVICE_NO_SAN", "PROF_STRONG_MAPPING_SID_MISSING", "PROF_MACOS_CHANNEL_MISMATCH", "PROF_ASSIGNED_TO_DEVICE_GROUP_DELAY",
    "PROF_WINDOWS_KSP_WHFB_4096", "PROF_VALIDITY_GT_24M", "PROF_COMANAGED_WORKLOAD",
    "TRUST_NOT_CA_CERT", "TRUST_PFX_UPLOADED", "TRUST_EXPIRED", "TRUST_WEAK_SIGNATURE_ALG", "TRUST_WINDOWS_DEST_STORE",
    "TRUST_WIN_PLATFORM_LABEL", "TRUST_INTERMEDIATE_AS_ROOT", "TRUST_ISSUING_CA_NOT_DEPLOYED",
    "DEV_ANDROID_ENTERPRISE_PIN", "DEV_PLATFORM_NOT_SUPPORTED", "DEV_IOS_MULTIPLE_CERTS", "DEV_WINDOWS_KSP_TPM_ABSENT",
  ],
  /** Device → public DNS: the External URL's host must resolve (part B hop 2, "A server with the specified host name could not be found"). */
  publicDns: ["APPPROXY_CNAME_MISSING", "NET_DNS_EXTERNAL_MISSING"],
  /** Device → application proxy service over the External URL (part B hop 2). */
  externalUrl: [
    "APPX_LICENSE_MISSING", "APPPROXY_URL_FORMAT", "APPPROXY_URL_IS_IP", "APPPROXY_EXTERNAL_URL_NOT_UNIQUE",
    "APPPROXY_EXTERNAL_URL_DOMAIN_INVALID", "APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED", "APPPROXY_MAINTENANCE_MODE",
    "APPPROXY_TRANSLATE_BODY", "APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED", "APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED",
    "APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY", "APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH", "APPPROXY_CUSTOM_DOMAIN_PRIVATE_PKI",
    "APPPROXY_PREAUTH_NOT_PASSTHROUGH", "APPPROXY_INTUNE_URL_NOT_UPDATED", "PROF_URL_NOT_APPPROXY_EXTERNAL",
    "PROF_URL_INTERNAL_ONLY", "PROF_URL_NOT_MSCEP_PATH", "PROF_URL_HTTP_ANDROID", "PROF_URL_MULTI_NONSTICKY",
    "NET_NO_REVERSE_PROXY_NO_443",
  ],
  /** Application proxy service ↔ private network connector: the connector's outbound 443 session (part B hop 2, "Gateway time-out"). */
  connectorOutbound: [
    "APPX_GROUP_NO_CONNECTOR", "APPPROXY_CONNECTOR_GROUP_EMPTY", "APPX_SINGLE_CONNECTOR", "APPX_INACTIVE",
    "APPX_OS_UNSUPPORTED", "APPX_DOTNET_OLD", "APPX_TLS12_DISABLED", "APPX_HTTP2_ON_2019",
    "APPX_WITH_PASSWORD_PROTECTION_PROXY", "APPX_OUTBOUND_BLOCKED", "APPX_TLS_INSPECTION", "APPX_OUTBOUND_PROXY_UNCONFIGURED",
    "APPX_REGISTERED_BY_WRONG_ACCOUNT", "APPX_SERVICE_STOPPED", "APPX_TRUST_CERT_EXPIRED", "APPX_UPDATER_MISSING",
    "APPX_IE_ESC_BLOCKS_REGISTRATION",
  ],
  /** Device → a WAP or third-party reverse proxy in front of NDES (the alternative to application proxy). */
  reverseProxyFront: [
    "WAP_MISSING_KB3011135", "WAP_OS_UNSUPPORTED", "WAP_PREAUTH_NOT_PASSTHROUGH", "WAP_CERT_NAME_MISMATCH",
    "WAP_NOT_DOMAIN_JOINED_OK", "RP_LONG_URI_UNSUPPORTED", "RP_PREAUTH_ON",
  ],
  /** Connector or reverse proxy → NDES over the Internal URL: TLS to IIS (part B hop 2 "Bad gateway", hop 3 TLS failures). */
  internalUrl: [
    "APPPROXY_INTERNAL_URL_WRONG", "APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT", "APPPROXY_INTERNAL_URL_NOT_UNIQUE",
    "APPX_NO_LINE_OF_SIGHT", "APPPROXY_BACKEND_TIMEOUT", "WAP_DOESNT_TRUST_NDES_CERT", "IIS_CERT_CHAIN_UNTRUSTED_BY_PROXY",
    "IIS_NO_HTTPS_443_BINDING", "IIS_BINDING_HOSTNAME_SET", "IIS_HTTP_BINDING_PRESENT", "IIS_CERT_NO_SERVER_AUTH",
    "IIS_CERT_NAME_MISMATCH", "IIS_CERT_SELF_SIGNED", "IIS_CERT_EXPIRED", "TPL_IIS_NO_SERVER_AUTH",
  ],
  /** NDES itself: the role, IIS, the SCEP app pool, its account and RA certificates (part B hop 3: 500, 503, 414). */
  ndesIis: [
    "NDES_ROLE_NOT_INSTALLED", "NDES_MSCEP_KEY_MISSING", "NDES_INSTALLED_WITHOUT_ENTERPRISE_ADMIN", "NDES_ON_CA_SERVER",
    "NDES_ON_DC", "NDES_OS_UNSUPPORTED", "NDES_IE_ESC_ON", "NDES_DOTNET_MISSING", "NDES_RA_CERTS_EXPIRED", "NDES_RA_KEY_ACL",
    "NDES_CSP_NOT_CRYPTOAPI", "NDES_SVC_NOT_IN_IIS_IUSRS", "NDES_SVC_LOGON_RIGHTS", "NDES_IMPERSONATE_RIGHT_MISSING",
    "NDES_APPPOOL_IDENTITY_MISMATCH", "NDES_APPPOOL_STOPPED", "NDES_DEFAULT_WEB_SITE_RENAMED", "NDES_INTERNAL_URL_200",
    "IIS_FEATURES_MISSING", "IIS_REQFILTER_MAXURL_LOW", "IIS_REQFILTER_MAXQUERY_LOW", "HTTPSYS_MAXFIELDLENGTH_LOW",
    "HTTPSYS_MAXREQUESTBYTES_LOW",
  ],
  /** NDES → the domain: Kerberos and LDAP for its service account (NDES_SPN_MISSING, an unhealthy account). */
  ndesToDomain: ["NDES_SPN_MISSING", "NDES_SVC_ACCOUNT_UNHEALTHY", "NDES_NOT_DOMAIN_JOINED", "NET_NDES_TO_INFRA_BLOCKED"],
  /** NDES → the Intune policy module of the Certificate Connector on the same server (part B hop 4). */
  policyModule: [
    "CONN_NOT_INSTALLED", "CONN_SCEP_FEATURE_OFF", "CONN_NOT_ON_NDES_SERVER", "CONN_ON_CA_SERVER", "CONN_OS_UNSUPPORTED",
    "CONN_SERVICE_ACCOUNT_RIGHTS", "CONN_SVC_ACCOUNT_DIFFERS_FROM_APPPOOL", "CONN_SIGNING_CERT_MISSING",
    "TPL_LEGACY_CLIENT_CERT_V1", "NDES_CRP_WINDOWS_AUTH", "NDES_TEMP_NOT_WRITABLE", "NDES_INTERMEDIATE_IN_ROOT_STORE",
    "NDES_NOT_RESTARTED", "PROF_SUBJECT_ESCAPED_SPECIAL",
  ],
  /** Certificate Connector → Intune: outbound 443, its certificate from Intune, the account that signed it in (part B hop 5). */
  connectorToIntune: [
    "CONN_NET_ENDPOINTS_BLOCKED", "CONN_CERT_EXPIRED", "CONN_SERVICE_STOPPED", "CONN_TLS12_OFF", "CONN_PROXY_NO_SCHEME",
    "CONN_SIGNIN_ROLE", "CONN_SIGNIN_NO_LICENSE", "CONN_NO_DESKTOP_EXPERIENCE_OR_EDGE", "CONN_WITH_INTUNE_AD_CONNECTOR",
    "CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT", "CONN_STALE_CHECKIN", "CONN_VERSION_OUT_OF_SUPPORT", "CONN_VERSION_SKEW",
    "CONN_COUNT_LIMIT",
  ],
  /** NDES → the issuing CA over RPC/DCOM: reachability, permission, the template the MSCEP registry names (part B hop 6). */
  ndesToCa: [
    "NET_NDES_TO_INFRA_BLOCKED", "CA_NOT_ENTERPRISE", "CA_REQUEST_PERMISSION_MISSING", "CA_SINGLE_CA_PER_NDES",
    "CA_RENEWED_RA_CERTS_STALE", "CA_CRL_UNREACHABLE", "NDES_DIFFERENT_FOREST", "NDES_TEMPLATE_REGISTRY_DEFAULT",
    "NDES_TEMPLATE_REGISTRY_DISPLAY_NAME", "NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH", "PROF_KEYUSAGE_REGISTRY_MISMATCH",
    "NDES_HASH_SHA1",
  ],
  /** The issuing CA and the SCEP template: what it will issue, and the certificate the device installs (part B hops 6–7). */
  caIssuance: [
    "CA_OS_UNSUPPORTED", "CA_2008R2_HOTFIX_MISSING", "CA_TEMPLATE_NOT_PUBLISHED", "CA_TEMPLATE_UNREADABLE_BY_CA",
    "CA_EDITF_ATTRIBUTEENDDATE_MISSING", "CA_CERT_REMAINING_LT_PROFILE_VALIDITY", "CA_DN_LENGTH_ENFORCED", "TPL_NOT_V2",
    "TPL_SUBJECT_NOT_SUPPLY_IN_REQUEST", "TPL_NO_CLIENT_AUTH_EKU", "TPL_PUBLISH_IN_AD_CHECKED", "TPL_VALIDITY_LT_5_DAYS",
    "TPL_EXPORTABLE_KEY", "TPL_ACL_NDES_READ_ENROLL", "TPL_ACL_CONNECTOR_ACCOUNT", "TPL_MIN_KEY_SIZE_GT_PROFILE",
    "TPL_APPLE_NONREPUDIATION", "PROF_KEYSIZE_BELOW_TEMPLATE_MIN", "PROF_VALIDITY_GT_TEMPLATE",
    "PROF_VALIDITY_CUSTOM_WITHOUT_EDITF", "PROF_VALIDITY_CUSTOM_APPLE", "PROF_VALIDITY_LT_5D",
  ],
  /** Issuing CA → root CA: the chain NDES and devices build (CRL/AIA of every CA in it). */
  caHierarchy: ["CA_CRL_UNREACHABLE", "CA_RENEWED_RA_CERTS_STALE", "TRUST_INTERMEDIATE_AS_ROOT"],
} as const satisfies Record<string, readonly string[]>;

export type CodeGroup = keyof typeof CODE_GROUPS;

/**
 * Enrollment rules that do not break a request on its way (they are still drawn on their object in the topology):
 * revocation, reporting, registration and admin hygiene. Every other enrollment rule belongs to a hop; the tests
 * check that the two lists together cover the catalogue.
 */
export const OFF_REQUEST_PATH: Readonly<Record<string, string>> = {
  CA_REVOKE_PERMISSION_MISSING: "revocation, after issuance",
  CA_CRL_EXTERNAL_DEVICES: "relying parties checking the issued certificate, after the flow",
  PROF_AE_DO_NO_REVOKE_REPORT: "reporting and revocation, after issuance",
  CONN_AUTOUPDATE_BLOCKED: "connector updates",
  APPX_NO_APP_ADMIN: "registering a new private network connector",
  APPPROXY_NOT_ADMIN: "saving an application in a wizard",
  DIR_ADMIN_ACCOUNT_DISABLED: "directory hygiene",
  NDES_SVC_LOCAL_ADMIN: "least privilege of the NDES service account",
  NDES_ADMIN_PAGE_EXPOSED: "the /certsrv/mscep_admin page, not the device's path",
};

const hop = (id: RequestFlowHopId, title: string, description: string, from: string, to: string, groups: readonly CodeGroup[]): RequestFlowHop => ({
  id,
  title,
  description,
  from,
  to,
  codes: [...new Set(groups.flatMap((g) => CODE_GROUPS[g]))],
  source: REQUEST_FLOW_SOURCE,
});

/** Seed 004's a–f. */
export const REQUEST_FLOW_HOPS: readonly RequestFlowHop[] = [
  hop("a", "SCEP profile applied to the device", "An Intune SCEP profile (with its trusted root) reaches the device; the device builds its key pair and CSR from it. The most important setting is the NDES URL.", "Intune", "Device", ["profileDelivery"]),
  hop("b", "Device → application proxy", "The NDES URL is published externally through application proxy; the device sends its request to the External URL and a connector of the app's group takes it.", "Device", "Application proxy → private network connector", ["publicDns", "externalUrl", "connectorOutbound", "reverseProxyFront"]),
  hop("c", "Connector → NDES (IIS)", "The Internal URL is the IIS server on the NDES server; the SCEP application pool answers /certsrv/mscep/mscep.dll.", "Private network connector", "NDES server (IIS)", ["internalUrl", "ndesIis", "ndesToDomain"]),
  hop("d", "NDES policy module", "The Intune policy module on the NDES server checks the request together with step e.", "NDES (mscep.dll)", "Intune policy module", ["policyModule"]),
  hop("e", "Certificate connector ↔ Intune", "The Certificate Connector sends the challenge and CSR to Intune, which validates signature, payload and integrity; only then does f continue.", "Certificate Connector", "Intune", ["connectorToIntune"]),
  hop("f", "NDES → CA → device", "NDES asks the issuing CA for a certificate from the template the MSCEP registry names; the certificate goes back to the device.", "NDES", "Issuing CA → device", ["ndesToCa", "caIssuance", "caHierarchy"]),
];

/** The worst severity among `findings`, or "ok". */
export function healthOf(findings: readonly Finding[]): Health {
  if (findings.some((f) => f.severity === "error")) return "error";
  if (findings.some((f) => f.severity === "warning")) return "warning";
  return findings.length ? "info" : "ok";
}

/** GET /api/request-flow: each hop with the tenant's findings that break it. */
export function requestFlow(findings: readonly Finding[]): RequestFlow {
  return {
    hops: REQUEST_FLOW_HOPS.map((h) => {
      const codes = new Set(h.codes);
      const mine = findings.filter((f) => codes.has(f.code));
      return { ...h, codes: [...h.codes], health: healthOf(mine), findings: mine };
    }),
  };
}
