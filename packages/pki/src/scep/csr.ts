/**
 * What NDES and the Intune policy module read from a SCEP PKCS#10 request: subject (as an RDN sequence),
 * subject alternative names, requested key usage and EKU, key size and the challengePassword attribute.
 *
 * One asn1-schema parse of the request (@peculiar/asn1-csr's CertificationRequest, with the request info, the
 * subject and the key kept as received), the two attributes read with @peculiar/asn1-pkcs9 and asn1-x509 classes,
 * the signature checked with node:crypto over the request info's bytes as received. What @peculiar/x509's
 * Pkcs10CertificateRequest gave before, value for value (csr.test.ts compares the two).
 */
import { constants, createPublicKey, verify, type KeyObject } from "node:crypto";
import { AsnConvert, AsnProp } from "@peculiar/asn1-schema";
import { CertificationRequest, CertificationRequestInfo } from "@peculiar/asn1-csr";
import { ChallengePassword, ExtensionRequest, id_pkcs9_at_challengePassword, id_pkcs9_at_extensionRequest } from "@peculiar/asn1-pkcs9";
import * as asnX509 from "@peculiar/asn1-x509";
import { x509 } from "../x509-setup.js";
import { KEY_USAGE_NAMES, normalizeDn, rfc4514, sansFromGeneralNames, type SubjectAlternativeName } from "../certificate-info.js";
import { ScepError, SIGNATURE_DIGEST } from "./message.js";

export interface ScepCsr {
  /** RFC 4514, most specific first (as @peculiar/x509's rfc4514 prints it). */
  subject: string;
  /** The subject Name's DER as in the request (issueCertificate's subjectDer). */
  subjectDer: Uint8Array;
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

/** A key the caller already holds (the pkiMessage's signer certificate normally carries the request's key). */
export interface KnownKey {
  spkiDer: Uint8Array;
  publicKey: KeyObject;
}

// asn1-csr's classes, with the subject and the key also kept as received (`raw`: the bytes the parser decoded,
// no re-encoding); CertificationRequest already keeps certificationRequestInfoRaw, the signed bytes.
class RequestInfo extends CertificationRequestInfo {
  declare subjectRaw?: Uint8Array;
  declare subjectPKInfoRaw?: Uint8Array;
}
AsnProp({ type: asnX509.Name, raw: true })(RequestInfo.prototype, "subject");
AsnProp({ type: asnX509.SubjectPublicKeyInfo, raw: true })(RequestInfo.prototype, "subjectPKInfo");
class Request extends CertificationRequest {
  declare certificationRequestInfo: RequestInfo;
}
AsnProp({ type: RequestInfo, raw: true })(Request.prototype, "certificationRequestInfo");

/**
 * Contents of BIT and OCTET STRINGs (the key, the signature, every extnValue) stay bytes: what is read from them
 * is parsed on its own, and nothing else of them is needed.
 */
const FLAT: Parameters<typeof AsnConvert.parse>[2] = { berOptions: { parseEmbedded: false } };

const OID_UPN = "1.3.6.1.4.1.311.20.2.3";

/**
 * sansFromGeneralNames over asn1-x509's SubjectAlternativeName: DNS, email, URI and UPN (as a DirectoryString)
 * names read here; a list with an IP address or a UPN of another string type goes to sansFromGeneralNames itself.
 */
function sansOf(extnValue: ArrayBuffer): SubjectAlternativeName[] {
  const names = AsnConvert.parse(extnValue, asnX509.SubjectAlternativeName, FLAT);
  const out: SubjectAlternativeName[] = [];
  for (const gn of names) {
    if (gn.dNSName !== undefined) out.push({ type: "dns", value: gn.dNSName });
    else if (gn.rfc822Name !== undefined) out.push({ type: "email", value: gn.rfc822Name });
    else if (gn.uniformResourceIdentifier !== undefined) out.push({ type: "uri", value: gn.uniformResourceIdentifier });
    else if (gn.iPAddress !== undefined) return sansFromGeneralNames(extnValue);
    else if (gn.otherName?.typeId === OID_UPN) {
      let upn: asnX509.DirectoryString;
      try {
        upn = AsnConvert.parse(gn.otherName.value, asnX509.DirectoryString, FLAT);
      } catch {
        return sansFromGeneralNames(extnValue);
      }
      out.push({ type: "upn", value: upn.toString() });
    }
  }
  return out;
}

const RSA_ENCRYPTION = "1.2.840.113549.1.1.1";

/**
 * createPublicKey of the SubjectPublicKeyInfo. An rsaEncryption key is imported from its RSAPublicKey (the BIT
 * STRING's content, PKCS#1): OpenSSL 3 finds its SPKI decoder in ~0.17 ms, the PKCS#1 one in ~5 µs. Taken only when
 * that key's SPKI is byte for byte the request's, i.e. when it is the KeyObject the SPKI import gives.
 */
function publicKeyOf(spki: asnX509.SubjectPublicKeyInfo, spkiDer: Buffer): KeyObject {
  if (spki.algorithm.algorithm === RSA_ENCRYPTION && spki.algorithm.parameters === null) {
    try {
      const key = createPublicKey({ key: Buffer.from(spki.subjectPublicKey), format: "der", type: "pkcs1" });
      if (key.export({ type: "spki", format: "der" }).equals(spkiDer)) return key;
    } catch {
      /* the SPKI import below decides */
    }
  }
  return createPublicKey({ key: spkiDer, format: "der", type: "spki" });
}

/** The first attribute of a type, as Pkcs10CertificateRequest.getAttribute finds it. */
function attribute(info: CertificationRequestInfo, type: string): asnX509.Attribute | undefined {
  for (const a of info.attributes ?? []) if (a.type === type) return a;
  return undefined;
}

/**
 * Read a SCEP PKCS#10 request. `knownKey`: when the request's SubjectPublicKeyInfo is byte for byte its spkiDer,
 * its KeyObject is used instead of importing the key again.
 */
export async function readScepCsr(der: Uint8Array, knownKey?: KnownKey): Promise<ScepCsr> {
  let csr: Request;
  try {
    csr = AsnConvert.parse(der, Request, FLAT);
  } catch {
    throw new ScepError("The message data is not a PKCS#10 certificate request.", "badRequest", 16);
  }
  const info = csr.certificationRequestInfo;
  const spkiDer = Buffer.from(info.subjectPKInfoRaw!);
  const key = knownKey && spkiDer.equals(knownKey.spkiDer) ? knownKey.publicKey : publicKeyOf(info.subjectPKInfo, spkiDer);
  const keySize = key.asymmetricKeyDetails?.modulusLength ?? 0;

  // challengePassword: ChallengePasswordAttribute's reading ("" when the attribute has no value).
  const pw = attribute(info, id_pkcs9_at_challengePassword);
  const challengePassword = pw ? (pw.values[0] ? AsnConvert.parse(pw.values[0], ChallengePassword, FLAT).toString() : "") : undefined;

  // extensionRequest: the first key usage, EKU and SAN extension of the first such attribute's first value.
  const er = attribute(info, id_pkcs9_at_extensionRequest)?.values[0];
  const extensions = er ? AsnConvert.parse(er, ExtensionRequest, FLAT) : [];
  const ext = (oid: string) => extensions.find((e) => e.extnID === oid)?.extnValue.buffer;
  const ku = ext(asnX509.id_ce_keyUsage);
  const eku = ext(asnX509.id_ce_extKeyUsage);
  const san = ext(asnX509.id_ce_subjectAltName);
  const usages = ku ? AsnConvert.parse(ku, asnX509.KeyUsage, FLAT).toNumber() : 0;

  const subject = rfc4514(new x509.Name(info.subject));
  let subjectNormalized: string;
  try {
    subjectNormalized = subject ? normalizeDn(subject) : "";
  } catch {
    subjectNormalized = subject.toLowerCase();
  }
  return {
    subject,
    subjectDer: new Uint8Array(info.subjectRaw!),
    subjectNormalized,
    subjectAlternativeNames: san ? sansOf(san) : [],
    ...(ku ? { keyUsage: KEY_USAGE_NAMES.filter((_, i) => (usages & (1 << i)) !== 0) } : {}),
    ...(eku ? { extendedKeyUsage: AsnConvert.parse(eku, asnX509.ExtendedKeyUsage, FLAT).map(String) } : {}),
    keySize,
    ...(challengePassword !== undefined ? { challengePassword } : {}),
    spkiDer,
    signatureValid: await signatureValid(der, csr, key),
  };
}

/** The parser's raw bytes are a view of the input (typed as ArrayBuffer by asn1-csr). */
const view = (raw: ArrayBuffer | Uint8Array): Uint8Array => (ArrayBuffer.isView(raw) ? raw : new Uint8Array(raw));

async function signatureValid(der: Uint8Array, csr: Request, key: KeyObject): Promise<boolean> {
  // sha*WithRSAEncryption checked with node:crypto on the key already imported (no WebCrypto import per request);
  // anything else as @peculiar/x509 checks it.
  const digest = SIGNATURE_DIGEST[csr.signatureAlgorithm.algorithm];
  if (!digest || key.asymmetricKeyType !== "rsa") return new x509.Pkcs10CertificateRequest(der).verify();
  try {
    return verify(digest, view(csr.certificationRequestInfoRaw!), { key, padding: constants.RSA_PKCS1_PADDING }, new Uint8Array(csr.signature));
  } catch {
    return false;
  }
}
