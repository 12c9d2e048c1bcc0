// A.1: the CA's certificate, policy flags and publication points, and the RA certificates NDES got from it.
import { validityDays } from "../../../lab/lab-index";
import { configuredNdes, labRule, q, ref } from "../lab-rule";

const DAY = 86_400_000;
const day = (iso: string) => iso.slice(0, 10);

export const CA_EDITF_ATTRIBUTEENDDATE_MISSING = labRule(
  {
    code: "CA_EDITF_ATTRIBUTEENDDATE_MISSING",
    severity: "warning",
    title: "The CA ignores the validity period a SCEP profile asks for",
    why: "A SCEP profile's Certificate validity period is honoured only when the CA's policy module accepts the requested end date (EDITF_ATTRIBUTEENDDATE); otherwise every certificate gets the template's validity.",
    fix: "`certutil -setreg Policy\\EditFlags +EDITF_ATTRIBUTEENDDATE` then `net stop certsvc` / `net start certsvc`",
    symptom: "profile value silently not honoured; certificate gets the template validity (UNCONFIRMED as a visible message)",
    sources: ["S1", "S10", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    const seen = new Set<string>();
    for (const c of configuredNdes(ix)) {
      if (!c.ca || seen.has(c.ca.id) || c.ca.editFlags.includes("EDITF_ATTRIBUTEENDDATE")) continue;
      seen.add(c.ca.id);
      report([ref.ca(c.ca)], `Policy\\EditFlags of ${q(c.ca.name)} are ${c.ca.editFlags.join(" | ") || "empty"}, without EDITF_ATTRIBUTEENDDATE.`);
    }
  },
);

export const CA_CERT_REMAINING_LT_PROFILE_VALIDITY = labRule(
  {
    code: "CA_CERT_REMAINING_LT_PROFILE_VALIDITY",
    severity: "warning",
    title: "The issuing CA's certificate expires before certificates from the SCEP template would",
    why: "A CA can't issue a certificate that outlives its own; the validity of SCEP certificates (the template's, or the profile's when lower) must stay below the remaining lifetime of the issuing CA's certificate. The SCEP profile side of this check belongs to the Intune rules.",
    fix: '"The value must also be lower than the remaining validity period of the issuing CA\'s certificate." Renew CA or shorten validity',
    symptom: "none documented (issued cert capped/unaccepted, UNCONFIRMED)",
    sources: ["S5"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      if (!c.ca) continue;
      const remaining = (Date.parse(c.ca.certificate.notAfter) - ix.now) / DAY;
      for (const t of c.scepTemplates) {
        const days = validityDays(t.validity);
        if (days >= remaining)
          report(
            [ref.ca(c.ca), ref.template(t)],
            `Template ${q(t.name)} issues for ${t.validity.value} ${t.validity.unit}, but the certificate of ${q(c.ca.name)} expires on ${day(c.ca.certificate.notAfter)}, ${Math.max(0, Math.floor(remaining))} days from now.`,
          );
      }
    }
  },
);

export const CA_CRL_UNREACHABLE = labRule(
  {
    code: "CA_CRL_UNREACHABLE",
    severity: "error",
    title: "NDES can't reach a CRL or AIA location of its CA chain",
    why: "NDES and the connector check revocation of the RA certificates, their own certificates and the CA chain; a CRL Distribution Point or AIA URL that can't be reached from the NDES server fails those checks and crashes the SCEP app pool.",
    fix: "Publish reachable CDP/AIA; enable CAPI2 Operational log to confirm",
    symptom:
      'Cause 2 of SCEP app-pool crash → browsing URL gives "HTTP Error 503. The service is unavailable"; NDES Event 31 example "…(The revocation function was unable to check revocation because the revocation server was offline.). 0x80004005"; NDES Events 2/10 "The Network Device Enrollment Service cannot retrieve one of its required certificates (0x80070057). The parameter is incorrect." when RA certs fail revocation checks',
    sources: ["S13", "S49", "S50"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      if (!c.ca) continue;
      for (const ca of ix.chain(c.ca)) {
        const bad = [...ca.crlDistributionPoints, ...ca.aia].filter((p) => !p.reachableInternally).map((p) => p.url);
        if (bad.length)
          report(
            [ref.ca(ca), ref.server(c.server), ref.ndes(c)],
            `From ${c.server.fqdn}, ${bad.map(q).join(", ")} (published by ${q(ca.name)}) can't be reached.`,
          );
      }
    }
  },
);

export const CA_CRL_EXTERNAL_DEVICES = labRule(
  {
    code: "CA_CRL_EXTERNAL_DEVICES",
    severity: "warning",
    title: "The issuing CA's CRL isn't published where devices on the internet can reach it",
    why: "Certificates issued through NDES are used by devices anywhere (Wi-Fi, VPN); relying parties that check revocation need a CRL Distribution Point reachable from the internet (seed 004: the CRL is published externally).",
    fix: "Publish CRL where relying parties can reach it",
    symptom: "UNCONFIRMED (not documented in the SCEP articles)",
    sources: ["004_0623edc70b4e3354.txt"],
  },
  (_lab, ix, report) => {
    const seen = new Set<string>();
    for (const c of configuredNdes(ix)) {
      if (!c.ca || seen.has(c.ca.id)) continue;
      seen.add(c.ca.id);
      if (!c.ca.crlDistributionPoints.some((p) => p.reachableFromInternet))
        report(
          [ref.ca(c.ca)],
          `None of the CRL Distribution Points of ${q(c.ca.name)} (${c.ca.crlDistributionPoints.map((p) => p.url).join(", ") || "none"}) is reachable from the internet.`,
        );
    }
  },
);

export const CA_SINGLE_CA_PER_NDES = labRule(
  {
    code: "CA_SINGLE_CA_PER_NDES",
    severity: "error",
    title: "NDES RA certificates come from a CA other than the CA for NDES",
    why: "One NDES instance serves one CA, the one chosen in \"CA for NDES\"; its RA certificates must be issued by that CA (seed 004: \"There is always a 1:1 relationship between an issuing/subordinate CA and an NDES server\").",
    fix: "One NDES instance targets one CA (the CA chosen in \"CA for NDES\"); use another NDES server per additional issuing CA; re-enrol RA certs from the configured CA",
    symptom: 'NDES Events 2 and 10 "…cannot retrieve one of its required certificates (0x80070057). The parameter is incorrect."',
    sources: ["S1", "S42", "S50", "004_0623edc70b4e3354.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      if (!c.ca) continue;
      const expected = c.ca.certificate.subject.toLowerCase();
      for (const cert of c.ndes.raCertificates)
        if (cert.issuer.toLowerCase() !== expected)
          report(
            [ref.ndes(c), ref.ca(c.ca), ref.certificate(cert)],
            `RA certificate ${q(cert.subject)} (${cert.template ?? "RA"}) was issued by ${q(cert.issuer)}, but the CA for NDES is ${q(c.ca.name)}.`,
          );
    }
  },
);

export const CA_RENEWED_RA_CERTS_STALE = labRule(
  {
    code: "CA_RENEWED_RA_CERTS_STALE",
    severity: "error",
    title: "A CA certificate was renewed after NDES got its RA certificates",
    why: "NDES sends devices its RA certificates with the CA chain they were issued under; after the root or issuing CA certificate is renewed, Windows devices no longer chain them to a trusted root.",
    fix: "Reinstall the NDES role and the Intune certificate connector so RA certs are reissued",
    symptom:
      'Windows device DeviceManagement-Enterprise-Diagnostic-Provider Admin Events 32 and 307; CAPI2 Event 30 "A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider. 800B0109"',
    sources: ["S22"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      if (!c.ca) continue;
      for (const ca of ix.chain(c.ca))
        if (Date.parse(ca.certificate.notBefore) > Date.parse(c.ndes.configuredAt))
          report(
            [ref.ca(ca), ref.ndes(c)],
            `The certificate of ${q(ca.name)} is valid from ${day(ca.certificate.notBefore)}, after NDES on ${c.server.fqdn} was configured on ${day(c.ndes.configuredAt)}.`,
          );
    }
  },
);
