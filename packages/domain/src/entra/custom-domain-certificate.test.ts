import { describe, expect, it } from "vitest";
import { checkCustomDomainCertificate, cnameNotice, commonName, dnsNameCovers } from "./custom-domain-certificate";
import type { CustomDomainCertificateFacts } from "./snapshot";

const good: CustomDomainCertificateFacts = {
  subject: "CN=*.oceanleaf.tech",
  sanDns: ["*.oceanleaf.tech", "oceanleaf.tech"],
  notBefore: "2026-01-01T00:00:00Z",
  notAfter: "2027-01-01T00:00:00Z",
  isSelfSigned: false,
  hasPrivateKey: true,
  issuer: "CN=R11, O=Let's Encrypt, C=US",
};
const asOf = new Date("2026-06-01T00:00:00Z");

describe("custom domain certificate (seed 003, S40)", () => {
  it("accepts a CA-issued wildcard PFX with its key that covers the host", () => {
    expect(checkCustomDomainCertificate(good, "ndes.oceanleaf.tech", asOf)).toEqual([]);
  });

  it("reports an expired certificate with its date", () => {
    const [p] = checkCustomDomainCertificate({ ...good, notAfter: "2026-02-01T00:00:00Z" }, "ndes.oceanleaf.tech", asOf);
    expect(p).toMatchObject({ code: "APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED" });
    expect(p?.message).toBe("Expired certificate: 'CN=*.oceanleaf.tech' expired on 2026-02-01.");
  });

  it("reports a self-signed certificate and a missing private key", () => {
    const problems = checkCustomDomainCertificate({ ...good, isSelfSigned: true, hasPrivateKey: false }, "ndes.oceanleaf.tech", asOf);
    expect(problems.map((p) => p.code)).toEqual(["APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED", "APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY"]);
    expect(problems[0]?.message).toContain("Certificate is self-signed");
    expect(problems[1]?.message).toContain("Certificate is missing the private key");
  });

  it("reports a wildcard that does not cover a two-label prefix", () => {
    const [p] = checkCustomDomainCertificate(good, "ndes.pki.oceanleaf.tech", asOf);
    expect(p?.code).toBe("APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH");
    expect(p?.message).toContain("*.oceanleaf.tech, oceanleaf.tech");
    expect(p?.message).toContain("ndes.pki.oceanleaf.tech");
  });

  it("uses single-label wildcard semantics and falls back to the CN without SAN", () => {
    expect(dnsNameCovers("*.contoso.com", "ndes.contoso.com")).toBe(true);
    expect(dnsNameCovers("*.contoso.com", "contoso.com")).toBe(false);
    expect(dnsNameCovers("*.contoso.com", "a.ndes.contoso.com")).toBe(false);
    expect(dnsNameCovers("*.com", "contoso.com")).toBe(false);
    expect(dnsNameCovers("NDES.contoso.com.", "ndes.CONTOSO.com")).toBe(true);
    expect(commonName("CN=ndes.contoso.com, O=Contoso")).toBe("ndes.contoso.com");
    expect(checkCustomDomainCertificate({ ...good, subject: "CN=ndes.contoso.com", sanDns: [] }, "ndes.contoso.com", asOf)).toEqual([]);
  });

  it("writes the CNAME notice of seed 004", () => {
    expect(cnameNotice("ndes.oceanleaf.tech", "ndes-oceanleaf.msappproxy.net")).toBe(
      "To access your application using a custom domain you must configure a CNAME entry in your DNS provider which points 'ndes.oceanleaf.tech' to 'ndes-oceanleaf.msappproxy.net'",
    );
  });
});
