// Catalogue A.7: the trusted certificate profile and the certificate uploaded to it. "When you create your profile,
// you need to upload the root certificate that you just exported from the root CA" (001_6feb1c2e8b30dee5.txt).
import { isApplePlatform, platformOf, TRUSTED_ROOT_TYPES } from "../../../intune/profile-types";
import { intuneRule, named, ref } from "../intune-rule";
import { sameDn } from "../scep/root";

export const TRUST_NOT_CA_CERT = intuneRule(
  {
    code: "TRUST_NOT_CA_CERT",
    severity: "error",
    title: "The trusted certificate profile holds a certificate that is not a CA certificate",
    why: "A trusted certificate profile installs a root or intermediate CA; a leaf certificate anchors nothing.",
    fix: "Upload the root (or intermediate) CA certificate, e.g. exported with certutil -ca.cert C:\\root.cer.",
    symptom: '"You might be blocked from importing certificates which are not deemed to be root or intermediate certificates"',
    sources: ["S6", "001_6feb1c2e8b30dee5.txt"],
  },
  (ix, report) => {
    for (const p of ix.trusted)
      if (p.certificate && !p.certificate.isCa)
        report([ref.profile(p)], `Trusted certificate profile ${named(p)} holds '${p.certificate.subject}', which is not a CA certificate.`);
  },
);

export const TRUST_PFX_UPLOADED = intuneRule(
  {
    code: "TRUST_PFX_UPLOADED",
    severity: "error",
    title: "A .pfx with a private key was uploaded to a trusted certificate profile",
    why: "The trusted certificate profile needs only the public certificate; a private key must never leave the CA.",
    fix: '"export the public certificate as a DER-encoded .cer file. Don\'t export the private key, a .pfx file."',
    symptom: "—",
    sources: ["S6"],
  },
  (ix, report) => {
    for (const p of ix.trusted)
      if (p.certificate?.hasPrivateKey)
        report([ref.profile(p)], `Trusted certificate profile ${named(p)} was given '${p.settings.certFileName ?? "a file"}' with a private key.`);
  },
);

export const TRUST_EXPIRED = intuneRule(
  {
    code: "TRUST_EXPIRED",
    severity: "error",
    title: "The trusted certificate has expired",
    why: "An expired root can't anchor the chain of the SCEP certificate.",
    fix: "Upload the current root CA certificate.",
    symptom: "chain fails on device (UNCONFIRMED text)",
    // The catalogue has no source for this row; S6 is the trusted certificate profile article it belongs to.
    sources: ["S6"],
  },
  (ix, report) => {
    for (const p of ix.trusted) {
      const notAfter = p.certificate ? Date.parse(p.certificate.notAfter) : NaN;
      if (notAfter < ix.now)
        report([ref.profile(p)], `Trusted certificate profile ${named(p)} holds '${p.certificate!.subject}', which expired on ${p.certificate!.notAfter}.`);
    }
  },
);

/** Signature algorithms iOS refuses in a SCEP chain (S21). */
export function isWeakSignature(alg: string | undefined): boolean {
  return !!alg && /sha1|pss/i.test(alg);
}

export const TRUST_WEAK_SIGNATURE_ALG = intuneRule(
  {
    code: "TRUST_WEAK_SIGNATURE_ALG",
    severity: "error",
    title: "The trusted root is signed with SHA-1 or RSASSA-PSS (Apple devices)",
    why: "iOS/iPadOS and macOS don't accept a SCEP CA chain signed with SHA-1 or RSASSA-PSS.",
    fix: '"Reissue new Root and Intermediate certificates with a supported … Signature algorithm, such as SHA256RSA."',
    symptom:
      'iOS: no GetCACaps in IIS after GetCACert; console "Desc   : The Registration Authority...s response is invalid." / ' +
      '"(Error) MC: Cannot retrieve SCEP identity"; browser ERROR_WINHTTP_SECURE_FAILURE',
    sources: ["S21"],
  },
  (ix, report) => {
    for (const p of ix.trusted)
      if (isApplePlatform(platformOf(p.odataType)) && isWeakSignature(p.certificate?.signatureAlgorithm))
        report([ref.profile(p)], `Trusted certificate profile ${named(p)} holds '${p.certificate!.subject}', signed with ${p.certificate!.signatureAlgorithm}.`);
  },
);

export const TRUST_WINDOWS_DEST_STORE = intuneRule(
  {
    code: "TRUST_WINDOWS_DEST_STORE",
    severity: "warning",
    title: "The Windows destination store doesn't fit the certificate",
    why: "A root belongs in the computer Root store; an intermediate in an Intermediate store.",
    fix:
      'root → "Computer certificate store - Root"; intermediates → "Computer certificate store - Intermediate" / ' +
      '"User certificate store - Intermediate"',
    symptom: "chain build issues (UNCONFIRMED)",
    sources: ["S6"],
  },
  (ix, report) => {
    for (const p of ix.trusted) {
      if (p.odataType !== TRUSTED_ROOT_TYPES.windows || !p.certificate) continue;
      const store = p.settings.destinationStore;
      const selfSigned = sameDn(p.certificate.subject, p.certificate.issuer);
      if (selfSigned && store !== "computerCertStoreRoot" && typeof store === "string")
        report([ref.profile(p)], `Trusted certificate profile ${named(p)} puts the root '${p.certificate.subject}' in ${store}.`);
      else if (!selfSigned && store === "computerCertStoreRoot")
        report([ref.profile(p)], `Trusted certificate profile ${named(p)} puts the intermediate '${p.certificate.subject}' in computerCertStoreRoot.`);
    }
  },
);

export const TRUST_WIN_PLATFORM_LABEL = intuneRule(
  {
    code: "TRUST_WIN_PLATFORM_LABEL",
    severity: "info",
    title: 'Windows 10 trusted certificate profiles show as "Windows 8.1 and later"',
    why: "A known display issue; the profile applies to Windows 10 and later as created.",
    fix: "none",
    symptom:
      '"Trusted root profiles that you create for the platform Windows 10 and later, display … as profiles for the platform Windows 8.1 and later."',
    sources: ["S6"],
  },
  (ix, report) => {
    for (const p of ix.trusted)
      if (p.odataType === TRUSTED_ROOT_TYPES.windows)
        report([ref.profile(p)], `Trusted certificate profile '${p.displayName}' is listed under Windows 8.1 and later.`);
  },
);
