// The certificate uploaded to a trusted certificate profile (`trustedRootCertificate`, base64 of the DER .cer):
// read for real with packages/pki. A .pfx or anything carrying a private key is refused with the wording of
// TRUST_PFX_UPLOADED; anything that isn't a certificate is refused naming the field.
import { detectCertificateFile, parseCertificate, PkiInputError } from "@certlab/pki/certificate-info";
import type { TrustedCertificateFacts } from "@certlab/domain/intune/snapshot";
import { TRUST_PFX_UPLOADED } from "@certlab/domain/rules/intune/trusted/trusted";
import { AppError } from "../../http/errors.ts";

export const TRUSTED_ROOT_FIELD = "trustedRootCertificate";

/** Where Certlab keeps the parsed facts inside a profile's settings JSON (never serialised as a Graph property). */
export const CERTIFICATE_FACTS_KEY = "certificateInfo";

export type CertificateReading =
  | { kind: "certificate"; facts: TrustedCertificateFacts }
  | { kind: "privateKey"; what: "pfx" | "private-key" }
  | { kind: "invalid"; message: string };

/** Reads the upload without throwing (the wizard evaluates drafts with it). */
export function readTrustedCertificate(base64: string): CertificateReading {
  let detected: ReturnType<typeof detectCertificateFile>;
  try {
    detected = detectCertificateFile(base64);
  } catch {
    detected = "unknown";
  }
  if (detected === "pfx" || detected === "private-key") return { kind: "privateKey", what: detected };
  if (detected === "unknown") return { kind: "invalid", message: "The file is not an X.509 certificate (.cer)." };
  try {
    const info = parseCertificate(base64);
    return {
      kind: "certificate",
      facts: {
        thumbprint: info.thumbprint,
        subject: info.subject,
        issuer: info.issuer,
        notBefore: info.notBefore,
        notAfter: info.notAfter,
        isCa: info.isCa,
        signatureAlgorithm: info.signatureAlgorithmFriendly,
        hasPrivateKey: false,
      },
    };
  } catch (err) {
    return { kind: "invalid", message: err instanceof PkiInputError ? err.message : "The file is not an X.509 certificate (.cer)." };
  }
}

/** The message a refused .pfx / private key answers with: TRUST_PFX_UPLOADED's own words. */
export function pfxRefusal(what: "pfx" | "private-key"): string {
  const file = what === "pfx" ? "a .pfx (PKCS#12) file" : "a private key";
  return `${TRUST_PFX_UPLOADED.title}: the upload is ${file}. ${TRUST_PFX_UPLOADED.why} Instead, ${TRUST_PFX_UPLOADED.fix.replace(/^"|"$/g, "")}`;
}

/** Parsed facts of a trusted root upload, or a 400 naming `trustedRootCertificate` (at `path`). */
export function requireTrustedCertificate(base64: string, path = TRUSTED_ROOT_FIELD): TrustedCertificateFacts {
  const reading = readTrustedCertificate(base64);
  if (reading.kind === "certificate") return reading.facts;
  const message = reading.kind === "privateKey" ? pfxRefusal(reading.what) : `${reading.message} Upload the base64 of the DER-encoded certificate.`;
  throw new AppError("badRequest", `Invalid request body. ${path}: ${message}`, {
    details: [{ code: reading.kind === "privateKey" ? "TRUST_PFX_UPLOADED" : "InvalidField", target: path, message }],
  });
}
