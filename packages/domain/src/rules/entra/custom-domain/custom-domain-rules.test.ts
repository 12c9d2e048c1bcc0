import { describe, expect, it } from "vitest";
import { aTenantWithEntra, correctEntra, withNdesApp, withPublishing } from "../../../entra/testing";
import type { CustomDomainCertificateFacts, EntraSnapshot } from "../../../entra/snapshot";
import { evaluate } from "../../engine";
import type { Rule } from "../../types";
import {
  APPPROXY_CNAME_MISSING,
  APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED,
  APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY,
  APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED,
  APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH,
} from "./custom-domain-rules";

const cert: CustomDomainCertificateFacts = {
  subject: "CN=*.oceanleaf.tech",
  sanDns: ["*.oceanleaf.tech"],
  notBefore: "2026-01-01T00:00:00Z",
  notAfter: "2027-01-01T00:00:00Z",
  isSelfSigned: false,
  hasPrivateKey: true,
  issuer: "CN=R11, O=Let's Encrypt, C=US",
  thumbprint: "AB12",
};

/** Seed 004: the NDES app on ndes.oceanleaf.tech with its certificate and the CNAME in place. */
function oceanleaf(change: { cert?: Partial<CustomDomainCertificateFacts>; publicDnsCname?: string | null } = {}): EntraSnapshot {
  const e = withNdesApp(withPublishing(correctEntra({ tenant: "oceanleaf" }), { externalUrl: "https://ndes.oceanleaf.tech/" }), (a) => ({
    ...a,
    customDomainCertificate: { ...cert, ...change.cert },
  }));
  return {
    ...e,
    asOf: "2026-06-01T00:00:00Z",
    customDomains: [
      { name: "oceanleaf.tech", isVerified: true },
      { name: "ndes.oceanleaf.tech", isVerified: true, cnameTarget: "ndes-oceanleaf.msappproxy.net", publicDnsCname: "publicDnsCname" in change ? change.publicDnsCname! : "ndes-oceanleaf.msappproxy.net" },
    ],
  };
}
const run = (entra: EntraSnapshot, rule: Rule) => evaluate(aTenantWithEntra(entra, { domain: "oceanleaf" }), [rule]);

describe("custom domain certificate rules", () => {
  it("are all quiet for seed 004's valid wildcard PFX", () => {
    for (const r of [APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED, APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED, APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY, APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH, APPPROXY_CNAME_MISSING])
      expect(run(oceanleaf(), r)).toEqual([]);
  });

  it("APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED fires for an expired certificate", () => {
    expect(run(oceanleaf({ cert: { notAfter: "2026-03-01T00:00:00Z" } }), APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED)[0]?.message).toBe(
      "'NDES': Expired certificate: 'CN=*.oceanleaf.tech' expired on 2026-03-01.",
    );
  });

  it("APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED fires for a self-signed certificate", () => {
    expect(run(oceanleaf({ cert: { isSelfSigned: true } }), APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED)[0]?.message).toContain("Certificate is self-signed");
  });

  it("APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY fires without the private key", () => {
    expect(run(oceanleaf({ cert: { hasPrivateKey: false } }), APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY)[0]?.message).toContain("Certificate is missing the private key");
  });

  it("APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH fires for a certificate of another name", () => {
    expect(run(oceanleaf({ cert: { subject: "CN=www.oceanleaf.tech", sanDns: ["www.oceanleaf.tech"] } }), APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH)[0]?.message).toContain(
      "(www.oceanleaf.tech) do not cover the external URL host ndes.oceanleaf.tech",
    );
  });

  it("ignores a certificate left on an app that uses the default msappproxy.net domain", () => {
    const e = withNdesApp(correctEntra(), (a) => ({ ...a, customDomainCertificate: { ...cert, isSelfSigned: true } }));
    expect(run(e, APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED)).toEqual([]);
  });
});

describe("APPPROXY_CNAME_MISSING", () => {
  it("fires without a CNAME, quoting seed 004's notice", () => {
    expect(run(oceanleaf({ publicDnsCname: null }), APPPROXY_CNAME_MISSING)[0]?.message).toBe(
      "'NDES': public DNS has no CNAME for ndes.oceanleaf.tech. To access your application using a custom domain you must configure a CNAME entry in your DNS provider which points 'ndes.oceanleaf.tech' to 'ndes-oceanleaf.msappproxy.net'.",
    );
  });

  it("fires for a CNAME to the wrong name", () => {
    expect(run(oceanleaf({ publicDnsCname: "ndes-contoso.msappproxy.net" }), APPPROXY_CNAME_MISSING)[0]?.message).toContain("as a CNAME of ndes-contoso.msappproxy.net");
  });

  it("is quiet with the right CNAME, and when public DNS is not modelled", () => {
    expect(run(oceanleaf(), APPPROXY_CNAME_MISSING)).toEqual([]);
    expect(run(oceanleaf({ publicDnsCname: undefined }), APPPROXY_CNAME_MISSING)).toEqual([]);
  });
});
