/**
 * What NDES and the Intune policy module read from a SCEP PKCS#10 request: subject (as an RDN sequence),
 * subject alternative names, requested key usage and EKU, key size and the challengePassword attribute.
 */
import { constants, createPublicKey, verify, type KeyObject } from "node:crypto";
import { x509 } from "../x509-setup.js";
import { KEY_USAGE_NAMES, normalizeDn, rfc4514, sansFromGeneralNames, type SubjectAlternativeName } from "../certificate-info.js";
import { ScepError, SIGNATURE_DIGEST } from "./message.js";

export interface ScepCsr {
  /** RFC 4514, most specific first (as @peculiar/x509's rfc4514 prints it). */
  subject: string;
  /** Lower-cased, normalised for comparison. */
  subjectNormalized: string;
  subjectAlternativeNames: SubjectAlternativeName[];
  /** Key usage names from the extensionRequest; absent = the request has no key usage extension. */
  keyUsage?: string[];
  /** EKU OIDs from the extensionRequest; absent = none requested. */
  extendedKeyUsage?: string[];
  keySize: number;
  challengePassword?: string;
  /** The SubjectPublicKeyInfo DER: the signer certificate of the PKCSReq must carry the same key. */
  spkiDer: Buffer;
  signatureValid: boolean;
}

async function signatureValid(csr: x509.Pkcs10CertificateRequest, key: KeyObject): Promise<boolean> {
  // @peculiar/x509 keeps the parsed request (`asn`) and the signed bytes as received (`tbs`) out of its typings.
  const inner = csr as unknown as { asn: { signatureAlgorithm: { algorithm: string } }; tbs: ArrayBuffer };
  // sha*WithRSAEncryption checked with node:crypto on the key already imported (no WebCrypto import per request).
  const digest = SIGNATURE_DIGEST[inner.asn.signatureAlgorithm.algorithm];
  if (!digest || key.asymmetricKeyType !== "rsa") return csr.verify();
  try {
    return verify(digest, new Uint8Array(inner.tbs), { key, padding: constants.RSA_PKCS1_PADDING }, new Uint8Array(csr.signature));
  } catch {
    return false;
  }
}

export async function readScepCsr(der: Uint8Array): Promise<ScepCsr> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(der);
  } catch {
    throw new ScepError("The message data is not a PKCS#10 certificate request.", "badRequest", 16);
  }
  const spkiDer = Buffer.from(csr.publicKey.rawData);
  const key = createPublicKey({ key: spkiDer, format: "der", type: "spki" });
  const keySize = key.asymmetricKeyDetails?.modulusLength ?? 0;
  const pw = csr.getAttribute("1.2.840.113549.1.9.7");
  const challengePassword = pw ? (pw instanceof x509.ChallengePasswordAttribute ? pw : new x509.ChallengePasswordAttribute(pw.rawData)).password : undefined;
  const ku = csr.extensions.find((e): e is x509.KeyUsagesExtension => e instanceof x509.KeyUsagesExtension);
  const eku = csr.extensions.find((e): e is x509.ExtendedKeyUsageExtension => e instanceof x509.ExtendedKeyUsageExtension);
  const san = csr.extensions.find((e) => e.type === "2.5.29.17");
  const subject = rfc4514(csr.subjectName);
  let subjectNormalized: string;
  try {
    subjectNormalized = subject ? normalizeDn(subject) : "";
  } catch {
    subjectNormalized = subject.toLowerCase();
  }
  return {
    subject,
    subjectNormalized,
    subjectAlternativeNames: san ? sansFromGeneralNames(san.value) : [],
    ...(ku ? { keyUsage: KEY_USAGE_NAMES.filter((_, i) => (ku.usages & (1 << i)) !== 0) } : {}),
    ...(eku ? { extendedKeyUsage: eku.usages.map(String) } : {}),
    keySize,
    ...(challengePassword !== undefined ? { challengePassword } : {}),
    spkiDer,
    signatureValid: await signatureValid(csr, key),
  };
}
