// The custom-domain certificate of an application proxy application (seed 003 "Upload certificates for custom
// domains"; S40). The PFX is parsed elsewhere with a real X.509 library (packages/pki); this file judges the parsed
// facts. Seed 003: "Common certificate problems include: • Expired certificate • Certificate is self-signed
// • Certificate is missing the private key". S40: "You can use wildcard certificates as long as the wildcard
// matches the external URL", "You must use a PFX certificate, to ensure all required intermediate certificates are
// included. The certificate must include the private key." The exact portal messages are UNCONFIRMED; messages
// lead with the seed's wording and name the concrete values.
import type { CustomDomainCertificateFacts } from "./snapshot";

export type CustomDomainCertificateCode =
  | "APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED"
  | "APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED"
  | "APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY"
  | "APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH";

/** The seed 003 / S40 wording each problem is reported with. */
export const CUSTOM_DOMAIN_CERT_WORDING: Record<CustomDomainCertificateCode, string> = {
  APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED: "Expired certificate",
  APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED: "Certificate is self-signed",
  APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY: "Certificate is missing the private key",
  APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH:
    "You can use wildcard certificates as long as the wildcard matches the external URL",
};

export type CustomDomainCertificateProblem = {
  code: CustomDomainCertificateCode;
  /** The form field the problem is shown against. */
  field: "onPremisesPublishing.verifiedCustomDomainKeyCredential";
  message: string;
};

/** "CN=ndes.contoso.com, O=Contoso" → "ndes.contoso.com". */
export function commonName(dn: string): string | undefined {
  for (const part of dn.split(/,(?=\s*[A-Za-z.0-9]+\s*=)/)) {
    const m = /^\s*CN\s*=\s*(.+?)\s*$/i.exec(part);
    if (m) return m[1]!.replace(/^"|"$/g, "");
  }
  return undefined;
}

/**
 * Whether a certificate DNS name covers a host: exact match (case-insensitive, trailing dot ignored), or a
 * wildcard `*.<domain>` that stands for exactly one label ("*.contoso.com" covers "ndes.contoso.com", not
 * "contoso.com" nor "a.ndes.contoso.com"). Only a whole leftmost "*" label is a wildcard.
 */
export function dnsNameCovers(pattern: string, host: string): boolean {
  const p = pattern.trim().toLowerCase().replace(/\.$/, "");
  const h = host.trim().toLowerCase().replace(/\.$/, "");
  if (p === "" || h === "") return false;
  if (!p.startsWith("*.")) return p === h;
  const rest = p.slice(2);
  if (rest.includes("*") || !rest.includes(".")) return false;
  const dot = h.indexOf(".");
  return dot > 0 && h.slice(dot + 1) === rest;
}

/** The names a TLS client checks: the SAN DNS names, or the subject CN when there is no SAN (legacy behaviour). */
export function certificateNames(cert: Pick<CustomDomainCertificateFacts, "sanDns" | "subject">): string[] {
  if (cert.sanDns.length > 0) return cert.sanDns;
  const cn = commonName(cert.subject);
  return cn ? [cn] : [];
}

export function certificateCoversHost(cert: Pick<CustomDomainCertificateFacts, "sanDns" | "subject">, host: string): boolean {
  return certificateNames(cert).some((n) => dnsNameCovers(n, host));
}

const day = (iso: string) => iso.slice(0, 10);

/**
 * Every seed 003 / S40 problem of an uploaded custom-domain certificate for an app whose External URL host is
 * `externalHost`, judged at `asOf`: expired, self-signed, missing private key, name not covering the host.
 */
export function checkCustomDomainCertificate(
  cert: CustomDomainCertificateFacts,
  externalHost: string,
  asOf: Date = new Date(),
): CustomDomainCertificateProblem[] {
  const field = "onPremisesPublishing.verifiedCustomDomainKeyCredential" as const;
  const problems: CustomDomainCertificateProblem[] = [];
  const W = CUSTOM_DOMAIN_CERT_WORDING;
  const expired = Date.parse(cert.notAfter) < asOf.getTime();
  if (expired)
    problems.push({
      code: "APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED",
      field,
      message: `${W.APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED}: '${cert.subject}' expired on ${day(cert.notAfter)}.`,
    });
  if (cert.isSelfSigned)
    problems.push({
      code: "APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED",
      field,
      message: `${W.APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED}: '${cert.subject}' is issued by itself; upload a certificate issued by a certification authority.`,
    });
  if (!cert.hasPrivateKey)
    problems.push({
      code: "APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY",
      field,
      message: `${W.APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY}: the file for '${cert.subject}' holds no private key. The certificate must include the private key (upload a PFX).`,
    });
  const host = externalHost.toLowerCase().replace(/\.$/, "");
  if (host !== "" && !certificateCoversHost(cert, host)) {
    const names = certificateNames(cert);
    problems.push({
      code: "APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH",
      field,
      message:
        `The certificate's names (${names.length > 0 ? names.join(", ") : "none"}) do not cover the external URL host ${host}. ` +
        `${W.APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH} (a wildcard stands for exactly one label).`,
    });
  }
  return problems;
}

/**
 * The info bar of an app on a custom domain (seed 004): "To access your application using a custom domain you must
 * configure a CNAME entry in your DNS provider which points 'ndes.oceanleaf.tech' to 'ndes-oceanleaf.msappproxy.net'".
 */
export function cnameNotice(externalHost: string, msappproxyTarget: string): string {
  return (
    "To access your application using a custom domain you must configure a CNAME entry in your DNS provider " +
    `which points '${externalHost}' to '${msappproxyTarget}'`
  );
}
