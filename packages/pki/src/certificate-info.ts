/**
 * Read an X.509 certificate (DER, PEM or base64 DER) into the facts the admin-center UI shows
 * (subject, issuer, thumbprint, validity, key usages, EKUs, SANs, CDP/AIA), and sniff uploaded files.
 *
 * DN strings are RFC 4514 style, most specific RDN first, as Windows shows them:
 * "CN=Contoso Root CA, DC=corp, DC=contoso, DC=com" (the DER order is DC=com first).
 */
import { createHash, createPublicKey, X509Certificate as NodeX509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { x509 } from "./x509-setup.js";

/** An input the user gave us is not what it should be. `message` is written for people. */
export class PkiInputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PkiInputError";
  }
}

export type SanType = "dns" | "email" | "upn" | "uri" | "ip";
export interface SubjectAlternativeName {
  type: SanType;
  value: string;
}
export interface ExtendedKeyUsageInfo {
  oid: string;
  name: string;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  subjectCommonName: string | null;
  /** Upper-case hex, no separators (as Windows shows it, minus the spaces). */
  serialNumber: string;
  /** SHA-1 over the DER, upper-case hex: the Windows "Thumbprint". */
  thumbprint: string;
  sha256Thumbprint: string;
  notBefore: string;
  notAfter: string;
  isCa: boolean;
  pathLength: number | null;
  isSelfSigned: boolean;
  keyAlgorithm: "RSA" | "EC" | "Ed25519" | "Ed448" | "unknown";
  keySize: number | null;
  /** OpenSSL-style name, e.g. "sha256WithRSAEncryption". */
  signatureAlgorithm: string;
  signatureAlgorithmOid: string;
  /** Windows certificate dialog name, e.g. "sha256RSA". */
  signatureAlgorithmFriendly: string;
  keyUsage: string[];
  extendedKeyUsage: ExtendedKeyUsageInfo[];
  subjectAlternativeNames: SubjectAlternativeName[];
  crlDistributionPoints: string[];
  /** caIssuers and OCSP URLs from the AIA extension. */
  authorityInfoAccess: string[];
  subjectKeyIdentifier: string | null;
  authorityKeyIdentifier: string | null;
  derBase64: string;
}

export const EKU_NAMES: Readonly<Record<string, string>> = {
  "1.3.6.1.5.5.7.3.1": "Server Authentication",
  "1.3.6.1.5.5.7.3.2": "Client Authentication",
  "1.3.6.1.5.5.7.3.3": "Code Signing",
  "1.3.6.1.5.5.7.3.4": "Secure Email",
  "1.3.6.1.5.5.7.3.5": "IP security end system",
  "1.3.6.1.5.5.7.3.6": "IP security tunnel termination",
  "1.3.6.1.5.5.7.3.7": "IP security user",
  "1.3.6.1.5.5.7.3.8": "Time Stamping",
  "1.3.6.1.5.5.7.3.9": "OCSP Signing",
  "1.3.6.1.5.5.7.3.17": "IP security IKE intermediate",
  "1.3.6.1.4.1.311.20.2.1": "Certificate Request Agent",
  "1.3.6.1.4.1.311.20.2.2": "Smart Card Logon",
  "1.3.6.1.4.1.311.10.3.4": "Encrypting File System",
  "1.3.6.1.4.1.311.10.3.12": "Document Signing",
  "1.3.6.1.4.1.311.21.5": "Private Key Archival",
  "1.3.6.1.4.1.311.21.6": "Key Recovery Agent",
  "1.3.6.1.4.1.311.10.3.1": "Microsoft Trust List Signing",
  "1.3.6.1.5.2.3.5": "KDC Authentication",
  "2.5.29.37.0": "Any Purpose",
};

export const EKU = {
  serverAuthentication: "1.3.6.1.5.5.7.3.1",
  clientAuthentication: "1.3.6.1.5.5.7.3.2",
  secureEmail: "1.3.6.1.5.5.7.3.4",
  certificateRequestAgent: "1.3.6.1.4.1.311.20.2.1",
  smartCardLogon: "1.3.6.1.4.1.311.20.2.2",
  anyPurpose: "2.5.29.37.0",
} as const;

export const KEY_USAGE_NAMES = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
] as const;
export type KeyUsageName = (typeof KEY_USAGE_NAMES)[number];

const SIGNATURE_ALGORITHMS: Readonly<Record<string, { name: string; friendly: string }>> = {
  "1.2.840.113549.1.1.4": { name: "md5WithRSAEncryption", friendly: "md5RSA" },
  "1.2.840.113549.1.1.5": { name: "sha1WithRSAEncryption", friendly: "sha1RSA" },
  "1.2.840.113549.1.1.11": { name: "sha256WithRSAEncryption", friendly: "sha256RSA" },
  "1.2.840.113549.1.1.12": { name: "sha384WithRSAEncryption", friendly: "sha384RSA" },
  "1.2.840.113549.1.1.13": { name: "sha512WithRSAEncryption", friendly: "sha512RSA" },
  "1.2.840.113549.1.1.10": { name: "rsassaPss", friendly: "RSASSA-PSS" },
  "1.2.840.10045.4.1": { name: "ecdsa-with-SHA1", friendly: "sha1ECDSA" },
  "1.2.840.10045.4.3.2": { name: "ecdsa-with-SHA256", friendly: "sha256ECDSA" },
  "1.2.840.10045.4.3.3": { name: "ecdsa-with-SHA384", friendly: "sha384ECDSA" },
  "1.2.840.10045.4.3.4": { name: "ecdsa-with-SHA512", friendly: "sha512ECDSA" },
  "1.3.101.112": { name: "ED25519", friendly: "Ed25519" },
};

const OID_EXT = {
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  crlDistributionPoints: "2.5.29.31",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
} as const;
const OID_UPN = "1.3.6.1.4.1.311.20.2.3";

const NOT_A_CERTIFICATE = "The file is not an X.509 certificate (.cer).";

// ---------------------------------------------------------------------------------------------------------------
// Input decoding
// ---------------------------------------------------------------------------------------------------------------

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

interface PemBlock {
  label: string;
  der: Uint8Array;
}

/** Every PEM block in a text, with its label ("CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", ...). */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const body = (m[2] ?? "").replace(/^[A-Za-z-]+:.*$/gm, "").replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) continue;
    out.push({ label: m[1] ?? "", der: new Uint8Array(Buffer.from(body, "base64")) });
  }
  return out;
}

function looksLikeBase64(text: string): boolean {
  const compact = text.replace(/\s+/g, "");
  return compact.length >= 16 && compact.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact);
}

function base64ToBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ""), "base64"));
}

function isProbablyText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 9 || b === 10 || b === 13) continue;
    if (b < 32 || b > 126) return false;
  }
  return true;
}

function toText(input: Uint8Array | string): string | null {
  if (typeof input === "string") return input;
  if (!isProbablyText(input)) return null;
  return Buffer.from(input).toString("latin1");
}

/** DER bytes of the first certificate in DER / PEM / base64 input. Throws PkiInputError otherwise. */
export function certificateDer(input: Uint8Array | string): Uint8Array {
  const text = toText(input);
  if (text !== null) {
    if (text.includes("-----BEGIN")) {
      const blocks = pemBlocks(text);
      if (blocks.some((b) => b.label.includes("PRIVATE KEY"))) {
        throw new PkiInputError(
          "The file contains a private key. Upload only the certificate (.cer), without its private key.",
        );
      }
      const cert = blocks.find((b) => b.label === "CERTIFICATE" || b.label === "X509 CERTIFICATE" || b.label === "TRUSTED CERTIFICATE");
      if (!cert) throw new PkiInputError(NOT_A_CERTIFICATE);
      return cert.der;
    }
    if (looksLikeBase64(text)) return base64ToBytes(text);
    throw new PkiInputError(NOT_A_CERTIFICATE);
  }
  if (typeof input === "string") throw new PkiInputError(NOT_A_CERTIFICATE);
  return input;
}

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------

/** RFC 4514 string (most specific first) of a DER Name as @peculiar/x509 parsed it (which is in DER order). */
export function rfc4514(name: x509.Name): string {
  const json = name.toJSON();
  if (json.length === 0) return "";
  return new x509.Name([...json].reverse()).toString();
}

/**
 * Build an x509.Name from an RFC 4514 string ("CN=host, O=Contoso, C=US" / "CN=CA, DC=corp, DC=contoso, DC=com"):
 * the first RDN in the string is the last one in DER, so the certificate reads the same way back.
 */
export function nameFromRfc4514(dn: string): x509.Name {
  let parsed: x509.Name;
  try {
    parsed = new x509.Name(dn, DN_ALIASES);
  } catch (err) {
    throw new PkiInputError(`"${dn}" is not a valid distinguished name (expected e.g. "CN=ndes01.corp.contoso.com").`, {
      cause: err,
    });
  }
  const json = parsed.toJSON();
  if (json.length === 0) throw new PkiInputError("The distinguished name is empty.");
  return new x509.Name([...json].reverse(), DN_ALIASES);
}

/** Attribute names Windows uses that @peculiar/x509 does not know (output always uses the RFC names, e.g. ST). */
const DN_ALIASES: Record<string, string> = { S: "2.5.4.8" };

/** Normalise an RFC 4514 DN string for comparison (spacing, attribute-name case). */
export function normalizeDn(dn: string): string {
  return rfc4514(nameFromRfc4514(dn)).toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------------------------

function hexUpper(buf: ArrayBuffer | Uint8Array): string {
  return Buffer.from(buf instanceof Uint8Array ? buf : new Uint8Array(buf)).toString("hex").toUpperCase();
}

function keyUsageNames(flags: number): string[] {
  return KEY_USAGE_NAMES.filter((_, i) => (flags & (1 << i)) !== 0);
}

export function sansFromGeneralNames(raw: ArrayBuffer): SubjectAlternativeName[] {
  // Parse with pkijs: x509.GeneralName throws on otherNames it does not know, and we only want the five kinds.
  const asn = asn1js.fromBER(raw);
  if (asn.offset === -1) return [];
  const names = new pkijs.GeneralNames({ schema: asn.result });
  const out: SubjectAlternativeName[] = [];
  for (const gn of names.names) {
    switch (gn.type) {
      case 0: {
        const other = gn.value as { valueBlock?: { value?: asn1js.AsnType[] } };
        const items = other.valueBlock?.value ?? [];
        const oid = items[0] instanceof asn1js.ObjectIdentifier ? items[0].valueBlock.toString() : "";
        if (oid !== OID_UPN) break;
        const wrapped = items[1] as asn1js.Constructed | undefined;
        const inner = wrapped?.valueBlock.value[0];
        if (inner && "valueBlock" in inner && inner instanceof asn1js.BaseStringBlock) {
          out.push({ type: "upn", value: inner.getValue() });
        } else if (inner instanceof asn1js.Utf8String) {
          out.push({ type: "upn", value: inner.valueBlock.value });
        }
        break;
      }
      case 1:
        out.push({ type: "email", value: String(gn.value) });
        break;
      case 2:
        out.push({ type: "dns", value: String(gn.value) });
        break;
      case 6:
        out.push({ type: "uri", value: String(gn.value) });
        break;
      case 7: {
        const octets = new Uint8Array((gn.value as asn1js.OctetString).valueBlock.valueHexView);
        out.push({ type: "ip", value: ipToString(octets) });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function ipToString(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join(".");
  if (bytes.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
    return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
  }
  return hexUpper(bytes);
}

function generalNameUrl(gn: x509.GeneralName | undefined): string | null {
  if (!gn) return null;
  return gn.type === "url" ? gn.value : null;
}

function keyInfo(spkiDer: ArrayBuffer): { keyAlgorithm: CertificateInfo["keyAlgorithm"]; keySize: number | null } {
  try {
    const key = createPublicKey({ key: Buffer.from(spkiDer), format: "der", type: "spki" });
    const details = key.asymmetricKeyDetails ?? {};
    switch (key.asymmetricKeyType) {
      case "rsa":
      case "rsa-pss":
        return { keyAlgorithm: "RSA", keySize: details.modulusLength ?? null };
      case "ec": {
        const curve = details.namedCurve ?? "";
        const size = curve.includes("256") ? 256 : curve.includes("384") ? 384 : curve.includes("521") ? 521 : null;
        return { keyAlgorithm: "EC", keySize: size };
      }
      case "ed25519":
        return { keyAlgorithm: "Ed25519", keySize: 256 };
      case "ed448":
        return { keyAlgorithm: "Ed448", keySize: 456 };
      default:
        return { keyAlgorithm: "unknown", keySize: null };
    }
  } catch {
    return { keyAlgorithm: "unknown", keySize: null };
  }
}

/** The outer signatureAlgorithm OID, from the ASN.1 @peculiar/x509 already parsed (its `asn` is protected in the typings). */
function signatureAlgorithmOid(cert: x509.X509Certificate): string {
  const oid = (cert as unknown as { asn?: { signatureAlgorithm?: { algorithm?: unknown } } }).asn?.signatureAlgorithm?.algorithm;
  if (typeof oid !== "string") throw new Error("no signature algorithm");
  return oid;
}

/** Parse a certificate given as DER bytes, PEM text or base64 DER. Throws PkiInputError on anything else. */
export function parseCertificate(input: Uint8Array | string): CertificateInfo {
  const der = certificateDer(input);
  let cert: x509.X509Certificate;
  let nodeCert: NodeX509Certificate;
  let sigOid: string;
  try {
    cert = new x509.X509Certificate(der);
    nodeCert = new NodeX509Certificate(der);
    sigOid = signatureAlgorithmOid(cert);
  } catch (err) {
    throw new PkiInputError(NOT_A_CERTIFICATE, { cause: err });
  }
  return describe(der, cert, nodeCert, sigOid);
}

/** parseCertificate for a certificate already in hand as @peculiar/x509 (one just issued): not parsed again. */
export function describeCertificate(cert: x509.X509Certificate): CertificateInfo {
  const der = new Uint8Array(cert.rawData);
  return describe(der, cert, new NodeX509Certificate(der), signatureAlgorithmOid(cert));
}

function describe(der: Uint8Array, cert: x509.X509Certificate, nodeCert: NodeX509Certificate, sigOid: string): CertificateInfo {
  const subject = rfc4514(cert.subjectName);
  const issuer = rfc4514(cert.issuerName);

  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const sanExt = cert.extensions.find((e) => e.type === OID_EXT.subjectAltName);
  const cdp = cert.getExtension(x509.CRLDistributionPointsExtension);
  const aia = cert.getExtension(x509.AuthorityInfoAccessExtension);
  const ski = cert.getExtension(x509.SubjectKeyIdentifierExtension);
  const aki = cert.getExtension(x509.AuthorityKeyIdentifierExtension);

  const crlDistributionPoints: string[] = [];
  for (const dp of cdp?.distributionPoints ?? []) {
    for (const gn of dp.distributionPoint?.fullName ?? []) {
      if (gn.uniformResourceIdentifier) crlDistributionPoints.push(gn.uniformResourceIdentifier);
    }
  }
  const authorityInfoAccess = [...(aia?.caIssuers ?? []), ...(aia?.ocsp ?? [])]
    .map((gn) => generalNameUrl(gn))
    .filter((u): u is string => u !== null);

  let isSelfSigned = false;
  if (subject === issuer) {
    try {
      isSelfSigned = nodeCert.verify(nodeCert.publicKey);
    } catch {
      isSelfSigned = false;
    }
  }

  const sig = SIGNATURE_ALGORITHMS[sigOid];
  const cn = cert.subjectName.getField("CN");
  return {
    subject,
    issuer,
    subjectCommonName: cn.length > 0 ? cn[cn.length - 1]! : null,
    serialNumber: cert.serialNumber.toUpperCase(),
    thumbprint: createHash("sha1").update(der).digest("hex").toUpperCase(),
    sha256Thumbprint: createHash("sha256").update(der).digest("hex").toUpperCase(),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    isCa: bc?.ca ?? false,
    pathLength: bc?.pathLength ?? null,
    isSelfSigned,
    ...keyInfo(cert.publicKey.rawData),
    signatureAlgorithm: sig?.name ?? sigOid,
    signatureAlgorithmOid: sigOid,
    signatureAlgorithmFriendly: sig?.friendly ?? sigOid,
    keyUsage: ku ? keyUsageNames(ku.usages) : [],
    extendedKeyUsage: (eku?.usages ?? []).map((u) => {
      const oid = String(u);
      return { oid, name: EKU_NAMES[oid] ?? oid };
    }),
    subjectAlternativeNames: sanExt ? sansFromGeneralNames(sanExt.value) : [],
    crlDistributionPoints,
    authorityInfoAccess,
    subjectKeyIdentifier: ski ? ski.keyId.toUpperCase() : null,
    authorityKeyIdentifier: aki?.keyId ? aki.keyId.toUpperCase() : null,
    derBase64: Buffer.from(der).toString("base64"),
  };
}

/** True when `now` is after notAfter. (A not-yet-valid certificate is not "expired"; see isNotYetValid.) */
export function isExpired(info: Pick<CertificateInfo, "notAfter">, now: Date = new Date()): boolean {
  return now.getTime() > new Date(info.notAfter).getTime();
}

export function isNotYetValid(info: Pick<CertificateInfo, "notBefore">, now: Date = new Date()): boolean {
  return now.getTime() < new Date(info.notBefore).getTime();
}

/** PEM text of a DER certificate. */
export function toPem(der: Uint8Array, label = "CERTIFICATE"): string {
  const b64 = Buffer.from(der).toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// File sniffing (Intune trusted-certificate upload)
// ---------------------------------------------------------------------------------------------------------------

export type CertificateFileKind = "der-certificate" | "pem-certificate" | "pfx" | "private-key" | "unknown";

function derKind(der: Uint8Array): CertificateFileKind {
  const asn = asn1js.fromBER(der);
  if (asn.offset === -1 || asn.offset !== der.byteLength) return "unknown";
  // PKCS#12: PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
  try {
    const pfx = new pkijs.PFX({ schema: asn.result });
    if (pfx.version === 3) return "pfx";
  } catch {
    /* not a PFX */
  }
  try {
    new pkijs.Certificate({ schema: asn.result });
    new NodeX509Certificate(der);
    return "der-certificate";
  } catch {
    /* not a certificate */
  }
  try {
    new pkijs.PrivateKeyInfo({ schema: asn.result });
    return "private-key";
  } catch {
    /* not PKCS#8 */
  }
  // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
  const encryptedPkcs8 = new asn1js.Sequence({
    value: [pkijs.AlgorithmIdentifier.schema(), new asn1js.OctetString({ name: "data" })],
  });
  if (asn1js.compareSchema(asn.result, asn.result, encryptedPkcs8).verified) return "private-key";
  try {
    new pkijs.RSAPrivateKey({ schema: asn.result });
    return "private-key";
  } catch {
    /* not PKCS#1 */
  }
  return "unknown";
}

/**
 * What kind of file was uploaded. A file holding any private key (PEM "... PRIVATE KEY" block, DER PKCS#8/PKCS#1)
 * is "private-key" even if it also holds a certificate; a PKCS#12 (DER, or base64 of it) is "pfx".
 */
export function detectCertificateFile(bytes: Uint8Array | string): CertificateFileKind {
  const text = toText(bytes);
  if (text !== null) {
    if (text.includes("-----BEGIN")) {
      if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) return "private-key";
      const blocks = pemBlocks(text);
      if (blocks.some((b) => b.label === "PKCS12")) return "pfx";
      const cert = blocks.find((b) => b.label === "CERTIFICATE" || b.label === "X509 CERTIFICATE" || b.label === "TRUSTED CERTIFICATE");
      return cert && derKind(cert.der) === "der-certificate" ? "pem-certificate" : "unknown";
    }
    if (looksLikeBase64(text)) {
      const kind = derKind(base64ToBytes(text));
      // Base64 DER without armour is what certutil -encode writes without headers; treat it like PEM.
      return kind === "der-certificate" ? "pem-certificate" : kind;
    }
    return "unknown";
  }
  if (typeof bytes === "string") return "unknown";
  return derKind(bytes);
}
