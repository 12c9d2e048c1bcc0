/**
 * PKCS#10 certificate requests (certreq -new output, a .req file): parse and verify one for the lab CA, and make
 * one for tests and the console's examples.
 */
import { x509, webcrypto } from "./x509-setup.js";
import { PkiInputError } from "./certificate-info.js";

export interface ParsedCsr {
  /** RFC 4514 subject, "" when the request has none. */
  subject: string;
  /** The subject public key info (DER), for issuing against it. */
  publicKeySpki: Uint8Array;
  /** RSA modulus length in bits (undefined for other key types). */
  keySize?: number;
  /** UPN and DNS names of the request's Subject Alternative Name extension. */
  subjectAlternativeNames: { type: "upn" | "dns"; value: string }[];
}

/** Parses a PEM (or base64 DER) PKCS#10 request and checks its self-signature; PkiInputError when it isn't one. */
export async function parseCsr(text: string): Promise<ParsedCsr> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(text.trim().replace(/(-----(?:BEGIN|END)) NEW CERTIFICATE REQUEST-----/g, "$1 CERTIFICATE REQUEST-----"));
  } catch {
    throw new PkiInputError("The request is not a PKCS #10 certificate request (expected -----BEGIN NEW CERTIFICATE REQUEST----- or -----BEGIN CERTIFICATE REQUEST-----).");
  }
  let valid = false;
  try {
    valid = await csr.verify();
  } catch {
    valid = false;
  }
  if (!valid) throw new PkiInputError("The request's signature does not verify against its public key.");
  let keySize: number | undefined;
  try {
    const key = await csr.publicKey.export();
    const alg = key.algorithm as { modulusLength?: number };
    keySize = alg.modulusLength;
  } catch {
    keySize = undefined;
  }
  const raw = csr.extensions.find((e) => e.type === "2.5.29.17");
  const sanExt = raw ? new x509.SubjectAlternativeNameExtension(raw.rawData) : undefined;
  const subjectAlternativeNames: ParsedCsr["subjectAlternativeNames"] = [];
  for (const n of sanExt?.names.items ?? []) if (n.type === "upn" || n.type === "dns") subjectAlternativeNames.push({ type: n.type, value: n.value });
  return { subject: csr.subject, publicKeySpki: new Uint8Array(csr.publicKey.rawData), keySize, subjectAlternativeNames };
}

/** certreq -new: an RSA key pair and a signed request for `subject` with optional UPN/DNS SANs. */
export async function createCsr(spec: { subject: string; keySize?: number; subjectAlternativeNames?: { type: "upn" | "dns"; value: string }[] }): Promise<{ pem: string }> {
  const alg = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: spec.keySize ?? 2048 };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const sans = spec.subjectAlternativeNames ?? [];
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: spec.subject,
    keys,
    signingAlgorithm: alg,
    extensions: sans.length ? [new x509.SubjectAlternativeNameExtension(sans.map((s) => ({ type: s.type, value: s.value })))] : [],
  });
  return { pem: csr.toString("pem") };
}
