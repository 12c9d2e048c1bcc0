// Catalogue A.9, custom domains: the uploaded certificate (seed 003 "Common certificate problems include: Expired
// certificate, Certificate is self-signed, Certificate is missing the private key"; S40 wildcard rule) and the public
// DNS CNAME the portal's info bar asks for (seed 004, S40, S36).
import {
  CUSTOM_DOMAIN_CERT_WORDING,
  checkCustomDomainCertificate,
  cnameNotice,
  type CustomDomainCertificateCode,
} from "../../../entra/custom-domain-certificate";
import { classifyExternalHost, cnameTargetFor } from "../../../entra/on-premises-publishing";
import type { LabSnapshot } from "../../../lab/snapshot";
import { defineRule, finding, type Finding, type Rule } from "../../types";
import { appRef, entraContext, externalHost, type EntraContext, type PublishedApp } from "../entra-context";

const SEED_003 = "003_43f76a8e56847852.txt";
const SEED_004 = "004_0623edc70b4e3354.txt";

/** Published apps whose External URL is on a custom domain, with the host and the domain. */
export function customDomainApps(ctx: EntraContext): { app: PublishedApp; host: string; domain: string }[] {
  const out: { app: PublishedApp; host: string; domain: string }[] = [];
  if (ctx.tenantInitialDomain === "") return out;
  for (const app of ctx.published) {
    const host = externalHost(app);
    if (!host) continue;
    const kind = classifyExternalHost(host, ctx.tenantInitialDomain, ctx.domains);
    if (kind.kind === "custom") out.push({ app, host, domain: kind.domain });
  }
  return out;
}

function certRule(
  code: CustomDomainCertificateCode,
  rule: Omit<Rule, "check" | "code" | "area" | "severity">,
): Rule {
  const self: Rule = defineRule({
    ...rule,
    code,
    severity: "error",
    area: "entra",
    check(snapshot, index) {
      const ctx = entraContext(snapshot, index);
      if (!ctx) return [];
      const out: Finding[] = [];
      for (const { app, host } of customDomainApps(ctx)) {
        const cert = app.customDomainCertificate;
        if (!cert) continue;
        for (const p of checkCustomDomainCertificate(cert, host, ctx.asOf))
          if (p.code === code)
            out.push(finding(self, [appRef(app), { type: "certificate", id: cert.thumbprint ?? cert.subject, displayName: cert.subject }], `'${app.displayName}': ${p.message}`));
      }
      return out;
    },
  });
  return self;
}

export const APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED = certRule("APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED", {
  title: "The custom domain certificate has expired",
  why: "Application proxy presents this certificate to devices for the External URL; an expired one fails every TLS handshake.",
  fix: "Upload a valid PFX (Application proxy › Certificate › Upload Certificate › Save).",
  symptom: `listed as a common upload problem ("${CUSTOM_DOMAIN_CERT_WORDING.APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED}"; exact portal message UNCONFIRMED); later "When a certificate expires, you get a warning telling you to upload another certificate."`,
  sources: ["S33", "S40", SEED_003],
});

export const APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED = certRule("APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED", {
  title: "The custom domain certificate is self-signed",
  why: "Devices do not trust a self-signed certificate for the External URL.",
  fix: "Upload a certificate issued by a certification authority.",
  symptom: `listed as a common upload problem "${CUSTOM_DOMAIN_CERT_WORDING.APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED}" (exact portal message UNCONFIRMED)`,
  sources: ["S33", SEED_003],
});

export const APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY = certRule("APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY", {
  title: "The custom domain certificate is missing its private key",
  why: "Application proxy terminates TLS for the External URL and needs the certificate's private key to do so.",
  fix: "\"You must use a PFX certificate, to ensure all required intermediate certificates are included. The certificate must include the private key.\"",
  symptom: `listed as a common upload problem "${CUSTOM_DOMAIN_CERT_WORDING.APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY}" (exact portal message UNCONFIRMED)`,
  sources: ["S33", "S40", SEED_003, SEED_004],
});

export const APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH = certRule("APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH", {
  title: "The custom domain certificate does not cover the External URL host",
  why: "A device checks that the certificate names the host it connects to; a wildcard stands for exactly one label.",
  fix: `"${CUSTOM_DOMAIN_CERT_WORDING.APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH}" — upload a certificate whose SAN names the host, or *.<its parent domain>.`,
  symptom: "TLS failure (UNCONFIRMED text)",
  sources: ["S40"],
});

/** What public DNS answers for `host`: the app proxy model first, else the lab's public records; undefined = not modelled. */
export function publicCname(
  ctx: EntraContext,
  lab: LabSnapshot | undefined,
  host: string,
): { modelled: false } | { modelled: true; cname: string | null; aRecord?: string } {
  const entry = ctx.entra.customDomains.find((d) => d.name.toLowerCase() === host);
  if (entry && entry.publicDnsCname !== undefined) return { modelled: true, cname: entry.publicDnsCname?.toLowerCase() ?? null };
  if (lab?.network?.externalDnsRecords) {
    const records = lab.network.externalDnsRecords.filter((r) => r.name.toLowerCase().replace(/\.$/, "") === host);
    const cname = records.find((r) => r.type === "CNAME");
    const a = records.find((r) => r.type === "A");
    return { modelled: true, cname: cname ? cname.value.toLowerCase().replace(/\.$/, "") : null, ...(a ? { aRecord: a.value } : {}) };
  }
  return { modelled: false };
}

/** The msappproxy.net name a custom-domain host must point to: the portal's info bar value, or computed. */
export function expectedCnameTarget(ctx: EntraContext, host: string, domain: string): string {
  const entry = ctx.entra.customDomains.find((d) => d.name.toLowerCase() === host);
  return (entry?.cnameTarget ?? cnameTargetFor(host, domain, ctx.tenantInitialDomain)).toLowerCase();
}

export const APPPROXY_CNAME_MISSING: Rule = defineRule({
  code: "APPPROXY_CNAME_MISSING",
  severity: "error",
  area: "entra",
  title: "Public DNS has no CNAME from the custom External URL host to its msappproxy.net name",
  why:
    "Devices resolve the custom-domain External URL in public DNS; it must be a CNAME to the *.msappproxy.net name " +
    "the portal shows, or devices never reach application proxy.",
  fix: "Add the CNAME to the `*.msappproxy.net` target shown in the info bar; \"Do not point records to IP addresses\".",
  symptom: "end-user: \"A server with the specified host name could not be found.\"",
  sources: ["S36", "S40", SEED_004],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    const lab = snapshot.lab as LabSnapshot | undefined;
    const out: Finding[] = [];
    for (const { app, host, domain } of customDomainApps(ctx)) {
      const dns = publicCname(ctx, lab, host);
      if (!dns.modelled) continue;
      const target = expectedCnameTarget(ctx, host, domain);
      if (dns.cname === target) continue;
      const found =
        dns.cname !== null
          ? `public DNS has ${host} as a CNAME of ${dns.cname}`
          : dns.aRecord !== undefined
            ? `public DNS has an A record ${host} → ${dns.aRecord} instead of a CNAME`
            : `public DNS has no CNAME for ${host}`;
      out.push(finding(APPPROXY_CNAME_MISSING, [appRef(app), { type: "customDomain", id: host, displayName: host }], `'${app.displayName}': ${found}. ${cnameNotice(host, target)}.`));
    }
    return out;
  },
});

export const CUSTOM_DOMAIN_RULES: readonly Rule[] = [
  APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED,
  APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED,
  APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY,
  APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH,
  APPPROXY_CNAME_MISSING,
];
