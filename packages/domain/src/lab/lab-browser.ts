// The lab browser: what a real browser gets for a URL in the lab — DNS, TCP (bindings), TLS (the bound
// certificate), HTTP.sys and IIS request limits, then IIS and NDES — per rules-reference.md Part B (Hop 2, Hop 3)
// and D.5. The answer is decided by the rules: the lab rules are evaluated and the findings about the NDES server
// pick the page; the limits are compared with the actual URL. Each result names the rule codes that explain it.
import { LAB_RULES } from "../rules/lab/lab-rules";
import { buildIndex, emptySnapshot } from "../rules/snapshot";
import type { Finding } from "../rules/types";
import { buildLabIndex, certificateNames, isExpired, isSelfSigned, serverTrustsChain, type LabIndex } from "./lab-index";
import { HTTPSYS_DEFAULT_LIMITS } from "../rules/lab/iis/request-limits";
import type { LabServer, LabSnapshot, NdesInstance, ReverseProxy } from "./snapshot";

export type BrowseResult = {
  /** HTTP status; 0 when no HTTP response came back (DNS, connection or certificate error page of the browser). */
  status: number;
  title: string;
  /** Short text of what the page shows. */
  body: string;
  contentType?: string;
  /** Rule codes that explain this result (empty when it is the healthy answer). */
  reasonCodes: string[];
};

export type BrowseOptions = {
  /** The lab server the browser runs on (default: a domain-joined admin workstation inside the network). */
  fromServerId?: string;
  now?: Date;
};

/** The lab server (and its NDES) a host name reaches inside the network: FQDN, short name or an NDES alias. */
export function resolveInternalHost(lab: LabSnapshot, host: string): { server: LabServer; ndes: NdesInstance | undefined } | undefined {
  const h = host.toLowerCase().replace(/\.$/, "");
  for (const server of lab.servers) {
    const ndes = lab.ndes.find((n) => n.serverId === server.id);
    if (server.fqdn.toLowerCase() === h || server.name.toLowerCase() === h || ndes?.aliasHostNames.some((a) => a.toLowerCase() === h))
      return { server, ndes };
  }
  return undefined;
}

/**
 * NDES's GetCACaps answer (scep-reference.md §1.3: the commonly reported list, not confirmed from a primary
 * source) plus AES and SHA-384: Debian's strongSwan 5.9.8 checks caps against the wrong bits and can only enroll
 * when they are advertised (§4.1 pitfall 5); every other client ignores them or uses AES.
 */
export const GET_CA_CAPS = "POSTPKIOperation\nRenewal\nSHA-512\nSHA-384\nSHA-256\nSHA-1\nDES3\nAES";

/** Findings that make the SCEP app pool crash or stop → 503 (S13 causes; seed 002 "503 Service unavailable"). */
const APP_POOL_DOWN = ["NDES_APPPOOL_STOPPED", "NDES_SVC_NOT_IN_IIS_IUSRS", "NDES_INTERMEDIATE_IN_ROOT_STORE", "CA_CRL_UNREACHABLE", "NDES_CRP_WINDOWS_AUTH"];
/** Findings that make mscep.dll fail inside the pool → "500 - Internal server error" (S13, S50). */
const NDES_CANNOT_START = [
  "NDES_SVC_ACCOUNT_UNHEALTHY",
  "NDES_RA_CERTS_EXPIRED",
  "NDES_RA_KEY_ACL",
  "NDES_IMPERSONATE_RIGHT_MISSING",
  "NDES_INSTALLED_WITHOUT_ENTERPRISE_ADMIN",
  "CA_SINGLE_CA_PER_NDES",
];
/** Why the policy module isn't answering: the general NDES page (D.5, Hop 3). */
export const NO_POLICY_MODULE = ["CONN_NOT_INSTALLED", "CONN_SCEP_FEATURE_OFF", "NDES_INTERNAL_URL_200", "NDES_NOT_RESTARTED"];

const unreachable = (body: string, reasonCodes: string[] = []): BrowseResult => ({ status: 0, title: "This site can’t be reached", body, reasonCodes });

/** Lab findings about one server (or its NDES), by code. */
export function findingsAbout(lab: LabSnapshot, ids: readonly string[]): Set<string> {
  const snapshot = { ...emptySnapshot({ id: "lab", displayName: "Lab" }), lab };
  const index = buildIndex(snapshot);
  const idSet = new Set(ids);
  const out = new Set<string>();
  for (const rule of LAB_RULES)
    for (const f of rule.check(snapshot, index) as Finding[]) if (f.objects.some((o) => idSet.has(o.id))) out.add(f.code);
  return out;
}

const pick = (codes: Set<string>, wanted: readonly string[]) => wanted.filter((c) => codes.has(c));

export function browse(lab0: LabSnapshot, url: string, opts: BrowseOptions = {}): BrowseResult {
  const lab: LabSnapshot = opts.now ? { ...lab0, asOf: opts.now.toISOString() } : lab0;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return unreachable(`${url} is not a valid address.`);
  }
  const ix = buildLabIndex(lab);
  const host = u.hostname.toLowerCase();
  const from = opts.fromServerId ? ix.serversById.get(opts.fromServerId) : undefined;

  const internal = resolveInternalHost(lab, host);
  if (!internal) {
    const proxy = lab.reverseProxies.find((p) => p.externalHostName.toLowerCase() === host);
    if (proxy) return throughReverseProxy(lab, ix, proxy, u, opts);
    return unreachable(`DNS_PROBE_FINISHED_NXDOMAIN — ${host}’s server IP address could not be found.`);
  }
  const { server, ndes } = internal;
  if (from?.network.reachableHosts && !from.network.reachableHosts.some((h) => h.toLowerCase() === server.fqdn.toLowerCase()))
    return unreachable(`ERR_CONNECTION_TIMED_OUT — ${host} took too long to respond from ${from.fqdn}.`);
  return fromIis(lab, ix, server, ndes, u, from);
}

function throughReverseProxy(lab: LabSnapshot, ix: LabIndex, proxy: ReverseProxy, u: URL, opts: BrowseOptions): BrowseResult {
  const host = u.hostname;
  if (!lab.network.externalDnsRecords.some((r) => r.name.toLowerCase() === host.toLowerCase()))
    return unreachable(`DNS_PROBE_FINISHED_NXDOMAIN — ${host}’s server IP address could not be found.`, ["NET_DNS_EXTERNAL_MISSING"]);
  const uriBytes = u.pathname.length + u.search.length;
  if (proxy.preauth !== "passthrough") {
    const code = proxy.kind === "wap" ? "WAP_PREAUTH_NOT_PASSTHROUGH" : "RP_PREAUTH_ON";
    return { status: proxy.preauth === "adfs" ? 302 : 401, title: "Sign in", body: `${proxy.displayName} asks for a sign-in before the request reaches NDES.`, reasonCodes: [code] };
  }
  if (proxy.kind === "wap" && proxy.os === "2012R2" && !proxy.kb3011135Installed && uriBytes > 5100)
    return unreachable(`ERR_TIMED_OUT — ${proxy.displayName} left the ${Math.round(uriBytes / 1024)} KB request in the http.sys queue.`, ["WAP_MISSING_KB3011135"]);
  if (proxy.maxUriBytes !== undefined && uriBytes > proxy.maxUriBytes)
    return { status: 414, title: "HTTP Error 414", body: `HTTP Error 414. The ${Math.round(uriBytes / 1024)}KB URI is too long.`, reasonCodes: ["RP_LONG_URI_UNSUPPORTED"] };
  const target = ix.ndesContexts.find((c) => c.ndes.configured && c.server);
  if (!target?.server) return { status: 502, title: "502 - Bad Gateway", body: `${proxy.displayName} has no NDES server to forward to.`, reasonCodes: [] };
  if (!proxy.trustsBackendCertificate)
    return { status: 502, title: "502 - Bad Gateway", body: `${proxy.displayName} can't open TLS to ${target.server.fqdn}.`, reasonCodes: [proxy.kind === "wap" ? "WAP_DOESNT_TRUST_NDES_CERT" : "IIS_CERT_CHAIN_UNTRUSTED_BY_PROXY"] };
  const inner = new URL(u.toString());
  inner.hostname = target.server.fqdn;
  inner.protocol = "https:";
  inner.port = "";
  return browse(lab, inner.toString(), { ...opts, fromServerId: proxy.serverId });
}

function fromIis(lab: LabSnapshot, ix: LabIndex, server: LabServer, ndes: NdesInstance | undefined, u: URL, from: LabServer | undefined): BrowseResult {
  const host = u.hostname.toLowerCase();
  const https = u.protocol === "https:";
  const port = Number(u.port || (https ? 443 : 80));
  const codes = findingsAbout(lab, [server.id, ...(ndes ? [ndes.id] : [])]);

  // TCP: a binding on that protocol and port (IIS only exists on the server as NDES's IIS in this model).
  const site = ndes?.iis.sites.find((s) => s.id === 1);
  const binding = site?.bindings.find((b) => b.protocol === (https ? "https" : "http") && b.port === port);
  if (!binding)
    return unreachable(`ERR_CONNECTION_REFUSED — ${host} refused to connect.`, https && port === 443 ? pick(codes, ["IIS_NO_HTTPS_443_BINDING"]) : []);

  // TLS: the certificate bound to the binding, as the browser checks it.
  if (https) {
    const cert = server.certificates.my.find((c) => c.thumbprint.toUpperCase() === binding.certificateThumbprint?.toUpperCase());
    if (!cert) return unreachable(`ERR_CONNECTION_RESET — ${host} unexpectedly closed the connection.`, pick(codes, ["IIS_NO_HTTPS_443_BINDING"]));
    const privateError = (code: string, error: string, reason: string) => ({
      status: 0,
      title: "Your connection isn’t private",
      body: `${error} — ${reason}`,
      reasonCodes: [code],
    });
    if (isExpired(cert, ix.now)) return privateError("IIS_CERT_EXPIRED", "NET::ERR_CERT_DATE_INVALID", `the certificate of ${host} expired on ${cert.notAfter.slice(0, 10)}.`);
    if (!certificateNames(cert, host)) return privateError("IIS_CERT_NAME_MISMATCH", "NET::ERR_CERT_COMMON_NAME_INVALID", `the certificate is for ${cert.san.join(", ") || cert.subject}, not ${host}.`);
    if (isSelfSigned(cert)) return privateError("IIS_CERT_SELF_SIGNED", "NET::ERR_CERT_AUTHORITY_INVALID", `the certificate of ${host} is self-signed.`);
    if (from && !serverTrustsChain(ix, from, cert.issuer))
      return privateError("IIS_CERT_CHAIN_UNTRUSTED_BY_PROXY", "NET::ERR_CERT_AUTHORITY_INVALID", `${from.fqdn} doesn't trust ${cert.issuer}.`);
  }
  if (binding.hostName && binding.hostName.toLowerCase() !== host)
    return { status: 400, title: "Bad Request - Invalid Hostname", body: "HTTP Error 400. The request hostname is invalid.", reasonCodes: pick(codes, ["IIS_BINDING_HOSTNAME_SET"]) };

  // HTTP.sys, then IIS request filtering: compared with this URL's real length.
  const requestLine = u.pathname.length + u.search.length;
  const query = Math.max(0, u.search.length - 1);
  const sys = ndes!.httpSysParameters;
  const tooLong: string[] = [];
  if (requestLine > (sys.MaxFieldLength ?? HTTPSYS_DEFAULT_LIMITS.MaxFieldLength)) tooLong.push("HTTPSYS_MAXFIELDLENGTH_LOW");
  if (requestLine > (sys.MaxRequestBytes ?? HTTPSYS_DEFAULT_LIMITS.MaxRequestBytes)) tooLong.push("HTTPSYS_MAXREQUESTBYTES_LOW");
  if (!tooLong.length) {
    if (requestLine > ndes!.iis.requestFiltering.maxUrl) tooLong.push("IIS_REQFILTER_MAXURL_LOW");
    if (query > ndes!.iis.requestFiltering.maxQueryString) tooLong.push("IIS_REQFILTER_MAXQUERY_LOW");
  }
  if (tooLong.length)
    return { status: 414, title: "HTTP 414 Request-URI Too Long", body: `The request URL (${requestLine} bytes, query ${query} bytes) is too long.`, reasonCodes: tooLong };

  const path = u.pathname.toLowerCase().replace(/\/+$/, "");
  if (path === "") return { status: 200, title: "IIS Windows Server", body: "Internet Information Services welcome page.", contentType: "text/html", reasonCodes: [] };
  if (path === "/certsrv/mscep_admin" && ndes?.iis.mscepAdminPublished)
    return { status: 401, title: "401 - Unauthorized: Access is denied due to invalid credentials.", body: "The server asks for Windows (NTLM) authentication.", reasonCodes: pick(codes, ["NDES_ADMIN_PAGE_EXPOSED"]) };
  if (path === "/certsrv/mscep/mscep.dll" || path === "/certsrv/mscep/mscep.dll/pkiclient.exe") return mscep(ix, server, ndes!, codes, u);
  return { status: 404, title: "HTTP Error 404.0 - Not Found", body: "The resource you are looking for has been removed, had its name changed, or is temporarily unavailable.", reasonCodes: [] };
}

function mscep(ix: LabIndex, server: LabServer, ndes: NdesInstance, codes: Set<string>, u: URL): BrowseResult {
  if (!ndes.configured || !ndes.mscepRegistry.present)
    return { status: 404, title: "HTTP Error 404.0 - Not Found", body: "NDES is installed but not configured: /certsrv/mscep doesn't exist yet.", reasonCodes: pick(codes, ["NDES_MSCEP_KEY_MISSING"]) };
  const down = pick(codes, APP_POOL_DOWN);
  if (down.length) return { status: 503, title: "HTTP Error 503. The service is unavailable.", body: "Service Unavailable — the SCEP application pool is stopped.", reasonCodes: down };
  const broken = pick(codes, NDES_CANNOT_START);
  if (broken.length)
    return { status: 500, title: "500 - Internal server error.", body: "There is a problem with the resource you are looking for, and it cannot be displayed.", reasonCodes: broken };

  const operation = u.searchParams.get("operation")?.toLowerCase();
  if (operation === "getcacaps") return { status: 200, title: "GetCACaps", body: GET_CA_CAPS, contentType: "text/plain", reasonCodes: [] };
  if (operation === "getcacert") {
    const ca = ix.casById.get(ndes.caId);
    const chain = ca ? ix.chain(ca).map((c) => c.certificate.subject) : [];
    return {
      status: 200,
      title: "GetCACert",
      body: `application/x-x509-ca-ra-cert: ${[...ndes.raCertificates.map((r) => r.subject + ` (${r.template ?? "RA"})`), ...chain].join("; ")}`,
      contentType: "application/x-x509-ca-ra-cert",
      reasonCodes: [],
    };
  }
  if (operation === "pkioperation") {
    const kb = Math.round((u.pathname.length + u.search.length) / 1024);
    return { status: 200, title: "PKIOperation", body: `Server accepts a ${kb}KB URI.`, contentType: "application/x-pki-message", reasonCodes: [] };
  }

  const connector = (ix.intuneConnectorsByServer.get(server.id) ?? []).find((k) => k.features.scep);
  const policyActive = !!connector && !!ndes.mscepRegistry.policyModule && !server.pendingRestart;
  if (policyActive)
    return {
      status: 403,
      title: "403 - Forbidden: Access is denied.",
      body: "HTTP Error 403.0 – Forbidden. You do not have permission to view this directory or page using the credentials that you supplied.",
      reasonCodes: [],
    };
  return {
    status: 200,
    title: "Network Device Enrollment Service",
    body: "Network Device Enrollment Service allows you to obtain certificates for routers or other network devices using the Simple Certificate Enrollment Protocol (SCEP).",
    contentType: "text/html",
    reasonCodes: pick(codes, NO_POLICY_MODULE),
  };
}
