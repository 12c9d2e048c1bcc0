// A.10: WAP and third-party reverse proxies in front of NDES (S1, S29, S53; 002_823a4c777ce30773.txt "Support for
// NDES on the internet").
import { certificateNames, osAtLeast } from "../../../lab/lab-index";
import type { ReverseProxy } from "../../../lab/snapshot";
import type { LabIndex } from "../../../lab/lab-index";
import { labRule, q, ref } from "../lab-rule";

const waps = (ix: LabIndex): ReverseProxy[] => ix.lab.reverseProxies.filter((p) => p.kind === "wap");
const others = (ix: LabIndex): ReverseProxy[] => ix.lab.reverseProxies.filter((p) => p.kind === "thirdParty");
/** A WAP's OS: from its lab server when modelled. */
const osOf = (ix: LabIndex, p: ReverseProxy) => (p.serverId ? ix.serversById.get(p.serverId)?.os : undefined) ?? p.os;

/** "allow URIs up to 40 kb in size" (002_823a4c777ce30773.txt). */
export const LONG_URI_BYTES = 40 * 1024;

export const WAP_MISSING_KB3011135 = labRule(
  {
    code: "WAP_MISSING_KB3011135",
    severity: "error",
    title: "The 2012 R2 WAP server lacks the long-URI update (KB3011135)",
    why: "Without the update, WAP leaves requests over its 16 KB buffer in the http.sys queue; SCEP PKIOperation URIs are longer.",
    fix: "install update",
    symptom:
      'KB text: "When the http.sys request object exceeds the 16-kilobyte (KB) limit of the WAP buffer, WAP cannot handle the request, and therefore it leaves the request in the http.sys queue." ("if the size of a URI is more than 5,100 bytes") → PKIOperation requests hang/time out (device-side text UNCONFIRMED)',
    sources: ["S1", "S53", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const p of waps(ix)) {
      const server = p.serverId ? ix.serversById.get(p.serverId) : undefined;
      const kb = p.kb3011135Installed || server?.hotfixes.some((h) => /^KB30(11135|13769)$/i.test(h));
      if (osOf(ix, p) === "2012R2" && !kb) report([ref.reverseProxy(p)], `${q(p.displayName)} runs Windows Server 2012 R2 without KB3011135 or the December 2014 rollup KB3013769.`);
    }
  },
);

export const WAP_OS_UNSUPPORTED = labRule(
  {
    code: "WAP_OS_UNSUPPORTED",
    severity: "error",
    title: "The WAP server runs Windows Server older than 2012 R2",
    why: "Publishing NDES through Web Application Proxy needs Windows Server 2012 R2 or later.",
    fix: "2012 R2+",
    symptom: "—",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const p of waps(ix)) {
      const os = osOf(ix, p);
      if (os && !osAtLeast(os, "2012R2")) report([ref.reverseProxy(p)], `${q(p.displayName)} runs Windows Server ${os}.`);
    }
  },
);

export const WAP_PREAUTH_NOT_PASSTHROUGH = labRule(
  {
    code: "WAP_PREAUTH_NOT_PASSTHROUGH",
    severity: "error",
    title: "The WAP publishing rule for NDES uses AD FS preauthentication",
    why: "SCEP can't authenticate to a proxy; NDES must be published with Pass-through.",
    fix: "Passthrough",
    symptom: "as APPPROXY_PREAUTH_NOT_PASSTHROUGH",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const p of waps(ix))
      if (p.preauth !== "passthrough") report([ref.reverseProxy(p)], `The publishing rule on ${q(p.displayName)} uses ${p.preauth === "adfs" ? "Active Directory Federation Services (AD FS)" : "an authentication"} preauthentication.`);
  },
);

export const WAP_CERT_NAME_MISMATCH = labRule(
  {
    code: "WAP_CERT_NAME_MISMATCH",
    severity: "error",
    title: "The WAP certificate doesn't match the published external name",
    why: "WAP terminates the devices' TLS with its own certificate, which must name the external host.",
    fix: '"The WAP server must have an SSL certificate that matches the name that\'s published to external clients"',
    symptom: "device TLS failure",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const p of waps(ix))
      if (!p.certificate || !certificateNames(p.certificate, p.externalHostName))
        report([ref.reverseProxy(p)], `${q(p.displayName)} publishes ${q(p.externalHostName)} with ${p.certificate ? `certificate ${q(p.certificate.subject)} (SAN ${p.certificate.san.join(", ") || "none"})` : "no certificate"}.`);
  },
);

export const WAP_DOESNT_TRUST_NDES_CERT = labRule(
  {
    code: "WAP_DOESNT_TRUST_NDES_CERT",
    severity: "error",
    title: "WAP doesn't trust the NDES IIS certificate",
    why: "WAP opens a new TLS connection to NDES and must trust the chain of the NDES IIS certificate.",
    fix: "trust the NDES SSL cert chain on WAP",
    symptom: "WAP can't open backend TLS (UNCONFIRMED text)",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const p of waps(ix))
      if (!p.trustsBackendCertificate) report([ref.reverseProxy(p)], `${q(p.displayName)} doesn't trust the certificate chain of the NDES IIS certificate.`);
  },
);

export const WAP_NOT_DOMAIN_JOINED_OK = labRule(
  {
    code: "WAP_NOT_DOMAIN_JOINED_OK",
    severity: "info",
    title: "The WAP server is not domain-joined (allowed)",
    why: "Every server of the scenario must be domain-joined except the Web Application Proxy server.",
    fix: "—",
    symptom: 'allowed ("with the exception of the Web Application Proxy Server")',
    sources: ["S1"],
  },
  (_lab, ix, report) => {
    for (const p of waps(ix)) {
      const joined = (p.serverId ? ix.serversById.get(p.serverId)?.domainJoined : undefined) ?? p.domainJoined;
      if (joined === false) report([ref.reverseProxy(p)], `${q(p.displayName)} is in a workgroup, which is supported for WAP.`);
    }
  },
);

export const RP_LONG_URI_UNSUPPORTED = labRule(
  {
    code: "RP_LONG_URI_UNSUPPORTED",
    severity: "error",
    title: "The reverse proxy rejects long SCEP URIs",
    why: 'The SCEP request is in the query string; "the URI length can be large, up to 40 kb in size."',
    fix: 'allow URIs "up to 40 kb in size"',
    symptom: 'Validate-NDESUrl: "Error: HTTP Error 414. The <n>KB URI is too long. " / "Please ensure all servers and network devices support long URI\'s"',
    sources: ["S1", "S29", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const p of others(ix))
      if (p.maxUriBytes !== undefined && p.maxUriBytes < LONG_URI_BYTES)
        report([ref.reverseProxy(p)], `${q(p.displayName)} forwards URIs up to ${p.maxUriBytes} bytes; SCEP needs ${LONG_URI_BYTES}.`);
  },
);

export const RP_PREAUTH_ON = labRule(
  {
    code: "RP_PREAUTH_ON",
    severity: "error",
    title: "The reverse proxy authenticates requests before NDES",
    why: "SCEP clients can't answer a proxy's authentication.",
    fix: 'Passthrough ("SCEP protocol limitations prevent use of preauthentication")',
    symptom: "SCEP can't authenticate",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const p of others(ix))
      if (p.preauth !== "passthrough") report([ref.reverseProxy(p)], `${q(p.displayName)} requires authentication (${p.preauth}) in front of NDES.`);
  },
);
