/**
 * SCEP (RFC 8894) messages as Microsoft NDES speaks them: GetCACert's degenerate PKCS#7 (RA signing and
 * encryption certificates plus the CA chain), parsing a client's pkiMessage (CMS SignedData around an
 * EnvelopedData around a PKCS#10 CSR) and building the CertRep (SUCCESS / FAILURE / PENDING) signed by the RA
 * signing certificate. CMS framing with pkijs + asn1js, RSA key transport and AES/3DES with node:crypto, single
 * DES with node-forge (OpenSSL 3 only has it in the legacy provider). Facts and interop pitfalls:
 * ../shared/design/scep-reference.md §1.2, §4.1.
 */
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, randomBytes, sign, verify, constants, type KeyObject } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { AsnConvert } from "@peculiar/asn1-schema";
import { Certificate as AsnCertificate } from "@peculiar/asn1-x509";
import forge from "node-forge";
import { certificateDer } from "../certificate-info.js";
import { privateKeyOf, publicKeyFromSpki, textCache } from "./key-cache.js";
import { ScepCertificate, ScepEnvelopedDataInfo, ScepSignedDataInfo } from "./schemas.js";

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  envelopedData: "1.2.840.113549.1.7.3",
  rsaEncryption: "1.2.840.113549.1.1.1",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  messageType: "2.16.840.1.113733.1.9.2",
  pkiStatus: "2.16.840.1.113733.1.9.3",
  failInfo: "2.16.840.1.113733.1.9.4",
  senderNonce: "2.16.840.1.113733.1.9.5",
  recipientNonce: "2.16.840.1.113733.1.9.6",
  transactionID: "2.16.840.1.113733.1.9.7",
  failInfoText: "1.3.6.1.5.5.7.24.1",
} as const;

export type ScepDigest = "sha1" | "sha224" | "sha256" | "sha384" | "sha512";
const DIGESTS: Record<string, ScepDigest> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.4": "sha224",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};
const DIGEST_OID = Object.fromEntries(Object.entries(DIGESTS).map(([k, v]) => [v, k])) as Record<ScepDigest, string>;
/** Signature algorithms clients put in SignerInfo (rsaEncryption, or shaXWithRSA); the CSR check uses the same table. */
export const SIGNATURE_DIGEST: Readonly<Record<string, ScepDigest | undefined>> = {
  "1.2.840.113549.1.1.1": undefined,
  "1.2.840.113549.1.1.5": "sha1",
  "1.2.840.113549.1.1.14": "sha224",
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
};

export type ScepCipher = "des-cbc" | "des-ede3-cbc" | "aes-128-cbc" | "aes-192-cbc" | "aes-256-cbc";
const CIPHERS: Record<string, { name: ScepCipher; keyLength: number }> = {
  "1.3.14.3.2.7": { name: "des-cbc", keyLength: 8 },
  "1.2.840.113549.3.7": { name: "des-ede3-cbc", keyLength: 24 },
  "2.16.840.1.101.3.4.1.2": { name: "aes-128-cbc", keyLength: 16 },
  "2.16.840.1.101.3.4.1.22": { name: "aes-192-cbc", keyLength: 24 },
  "2.16.840.1.101.3.4.1.42": { name: "aes-256-cbc", keyLength: 32 },
};
const CIPHER_OID = Object.fromEntries(Object.entries(CIPHERS).map(([k, v]) => [v.name, k])) as Record<ScepCipher, string>;

export const MESSAGE_TYPE = { CertRep: "3", RenewalReq: "17", PKCSReq: "19", CertPoll: "20", GetCert: "21", GetCRL: "22" } as const;
export const PKI_STATUS = { SUCCESS: "0", FAILURE: "2", PENDING: "3" } as const;
export const FAIL_INFO = { badAlg: "0", badMessageCheck: "1", badRequest: "2", badTime: "3", badCertId: "4" } as const;
export type FailInfo = keyof typeof FAIL_INFO;

/** A SCEP message that cannot be processed; `failInfo` is what the CertRep says (when one can be built). */
export class ScepError extends Error {
  constructor(
    message: string,
    readonly failInfo: FailInfo = "badMessageCheck",
    /** NDES Application log event the failure maps to (16 decode, 17 missing info, 18 decrypt). */
    readonly ndesEventId?: number,
  ) {
    super(message);
    this.name = "ScepError";
  }
}

/** The RA pair NDES uses: the Exchange Enrollment Agent (Offline request) signs, CEP Encryption decrypts. */
export interface RaKeys {
  signingCertificatePem: string;
  signingKeyPem: string;
  encryptionCertificatePem: string;
  encryptionKeyPem: string;
}

// Copy: a Buffer's slice() is a view on its (shared, pooled) ArrayBuffer.
const toAb = (u: Uint8Array): ArrayBuffer => new Uint8Array(u).buffer;
const bytes = (ab: ArrayBuffer | Uint8Array): Buffer => Buffer.from(ab instanceof Uint8Array ? ab : new Uint8Array(ab));
/** The bytes of an OCTET STRING, primitive or constructed, also when pkijs parsed it as an implicitly tagged block. */
function octets(o: asn1js.OctetString | asn1js.AsnType): Buffer {
  // Go's pkcs7 (micromdm) writes encryptedContent as a constructed [0] around an OCTET STRING: concatenate the parts.
  const b = o as unknown as { idBlock?: { isConstructed?: boolean }; valueBlock: { isConstructed?: boolean; value?: unknown[]; valueHexView?: Uint8Array } };
  if ((b.idBlock?.isConstructed || b.valueBlock.isConstructed) && Array.isArray(b.valueBlock.value))
    return Buffer.concat(b.valueBlock.value.map((v) => octets(v as asn1js.AsnType)));
  return Buffer.from(b.valueBlock.valueHexView ?? new Uint8Array());
}

/**
 * DER that a library already encoded (a certificate @peculiar/x509 issued, a Name read with asn1-schema), placed
 * in a pkijs/asn1js tree as it is: asn1js writes its bytes where the element goes, with no parse and no re-encoding.
 */
class Encoded {
  constructor(private readonly der: Uint8Array) {}
  toBER(_sizeOnly?: boolean, writer?: { write(buf: ArrayBuffer): void }): ArrayBuffer {
    const ab = toAb(this.der);
    if (!writer) return ab;
    writer.write(ab);
    return new ArrayBuffer(0);
  }
}
const encoded = (der: Uint8Array) => new Encoded(der) as unknown as asn1js.AsnType;
/** [n] IMPLICIT or EXPLICIT (constructed, context-specific) around `value`. */
const tagged = (tagNumber: number, value: asn1js.AsnType[]) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value });
const der = (block: asn1js.AsnType): Buffer => Buffer.from(block.toBER(false));
/** An OBJECT IDENTIFIER, encoded once per OID (the same dozen appear in every message). */
const oids = new Map<string, asn1js.AsnType>();
function oid(value: string): asn1js.AsnType {
  let hit = oids.get(value);
  if (!hit) oids.set(value, (hit = encoded(der(new asn1js.ObjectIdentifier({ value })))));
  return hit;
}

/** An AlgorithmIdentifier with NULL parameters, as DER, per OID (digest algorithms, rsaEncryption). */
const algorithms = new Map<string, Buffer>();
function algorithmDer(algorithm: string): Buffer {
  let hit = algorithms.get(algorithm);
  if (!hit) algorithms.set(algorithm, (hit = der(new asn1js.Sequence({ value: [oid(algorithm), new asn1js.Null()] }))));
  return hit;
}

/** What a signer certificate contributes to every SignedData it signs, per PEM: its DER and its sid (DER). */
const signerParts = textCache<{ certDer: Uint8Array; sidDer: Buffer }>(64);
const signerPartsOf = (pem: string) =>
  signerParts(pem, () => {
    const certDer = certificateDer(pem);
    const tbs = AsnConvert.parse(certDer, ScepCertificate).tbsCertificate;
    const sidDer = der(new asn1js.Sequence({ value: [encoded(new Uint8Array(tbs.issuer)), new asn1js.Integer({ valueHex: tbs.serialNumber })] }));
    return { certDer, sidDer };
  });

function parseCert(pemOrDer: string | Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toAb(certificateDer(pemOrDer)));
}

/** The RA certificates are the same on every request: parsed once per PEM (read only afterwards). */
const raCertificates = textCache<pkijs.Certificate>(64);
const parseRaCert = (pem: string): pkijs.Certificate => raCertificates(pem, () => parseCert(pem));

/**
 * GetCACert: a degenerate, certificates-only SignedData (application/x-x509-ca-ra-cert) with the RA certificates
 * and the CA chain, as NDES returns it (RA signing, RA encryption, then the issuing CA and its parents).
 */
export function buildCaRaCertResponse(certificates: readonly (string | Uint8Array)[]): Uint8Array {
  // RFC 5652 5.1 as pkijs writes it: version 1, no digestAlgorithms, id-data without content, no signerInfos.
  const sd = new asn1js.Sequence({
    value: [new asn1js.Integer({ value: 1 }), new asn1js.Set({ value: [] }), new asn1js.Sequence({ value: [oid(OID.data)] }), tagged(0, certificates.map((c) => encoded(certificateDer(c)))), new asn1js.Set({ value: [] })],
  });
  return new Uint8Array(new asn1js.Sequence({ value: [oid(OID.signedData), tagged(0, [sd])] }).toBER(false));
}

/** One signed attribute: its type and its single value. */
export interface ScepAttribute {
  type: string;
  value: asn1js.AsnType;
}

function attr(type: string, value: asn1js.AsnType): ScepAttribute {
  return { type, value };
}

function attrValue(attrs: pkijs.Attribute[], type: string): asn1js.AsnType | undefined {
  return attrs.find((a) => a.type === type)?.values[0] as asn1js.AsnType | undefined;
}

function stringOf(v: asn1js.AsnType | undefined): string | undefined {
  if (!v) return undefined;
  const s = v as unknown as { valueBlock: { value?: unknown } ; getValue?: () => unknown };
  if (typeof s.valueBlock.value === "string") return s.valueBlock.value;
  if (v instanceof asn1js.OctetString) return octets(v).toString("latin1");
  return undefined;
}

/** DER SET OF: the attributes' encodings, sorted (RFC 5652 signed attributes; Go's verifier insists). */
function sortedAttributes(attrs: ScepAttribute[]): Buffer[] {
  return attrs.map((a) => der(new asn1js.Sequence({ value: [oid(a.type), new asn1js.Set({ value: [a.value] })] }))).sort(Buffer.compare);
}

function rsaPkcs1Unpad(block: Buffer): Buffer {
  // EM = 0x00 || 0x02 || PS (non-zero, ≥ 8 bytes) || 0x00 || M  (RFC 8017 §7.2.2)
  if (block[0] !== 0x00 || block[1] !== 0x02) throw new ScepError("The envelope's key could not be decrypted with the RA encryption key.", "badMessageCheck", 18);
  const sep = block.indexOf(0x00, 2);
  if (sep < 10) throw new ScepError("The envelope's key could not be decrypted with the RA encryption key.", "badMessageCheck", 18);
  return block.subarray(sep + 1);
}

function decryptContent(cipher: ScepCipher, key: Buffer, iv: Buffer, data: Buffer): Buffer {
  if (cipher === "des-cbc") {
    const d = forge.cipher.createDecipher("DES-CBC", forge.util.createBuffer(key.toString("binary")));
    d.start({ iv: forge.util.createBuffer(iv.toString("binary")) });
    d.update(forge.util.createBuffer(data.toString("binary")));
    if (!d.finish()) throw new ScepError("The envelope could not be decrypted (DES).", "badMessageCheck", 18);
    return Buffer.from(d.output.getBytes(), "binary");
  }
  const d = createDecipheriv(cipher, key, iv);
  return Buffer.concat([d.update(data), d.final()]);
}

function encryptContent(cipher: ScepCipher, key: Buffer, iv: Buffer, data: Buffer): Buffer {
  if (cipher === "des-cbc") {
    const c = forge.cipher.createCipher("DES-CBC", forge.util.createBuffer(key.toString("binary")));
    c.start({ iv: forge.util.createBuffer(iv.toString("binary")) });
    c.update(forge.util.createBuffer(data.toString("binary")));
    c.finish();
    return Buffer.from(c.output.getBytes(), "binary");
  }
  const c = createCipheriv(cipher, key, iv);
  return Buffer.concat([c.update(data), c.final()]);
}

function sameIssuerSerial(rid: pkijs.IssuerAndSerialNumber, cert: pkijs.Certificate): boolean {
  return rid.issuer.isEqual(cert.issuer) && rid.serialNumber.isEqual(cert.serialNumber);
}

export interface ParsedPkiMessage {
  messageType: string;
  transactionId: string;
  senderNonce: Buffer;
  digest: ScepDigest;
  /** The client's signer certificate (self-signed for PKCSReq): the CertRep is enveloped to it (issuer DER, serial). */
  signer: EnvelopeRecipient;
  signerPublicKey: KeyObject;
  /** The signer certificate's SubjectPublicKeyInfo (DER): a PKCSReq's CSR must carry the same key. */
  signerSpkiDer: Uint8Array;
  /** Content cipher the client chose for the envelope (CertRep uses the same one). */
  cipher: ScepCipher;
  /** The decrypted messageData: the PKCS#10 CSR (DER) for PKCSReq and RenewalReq. */
  messageData: Uint8Array;
  /** Which certificate the envelope was addressed to. */
  recipient: "raEncryption" | "other";
}

/**
 * Parse and check a pkiMessage: the SignedData must verify with the certificate it carries (signed attributes,
 * messageDigest over eContent), the SCEP attributes must be present, and the envelope must decrypt with the RA
 * encryption key (an envelope addressed only to another certificate is refused, as NDES does).
 */
export function parsePkiMessage(der: Uint8Array, ra: Pick<RaKeys, "encryptionCertificatePem" | "encryptionKeyPem">): ParsedPkiMessage {
  return parseWellFormed(der, ra) ?? parseWithPkijs(der, ra);
}

/** The RA encryption certificate's issuer (DER) and serial number, parsed once per PEM. */
const raRecipients = textCache<{ issuer: Buffer; serial: Buffer }>(64);
const raRecipientOf = (pem: string) =>
  raRecipients(pem, () => {
    const c = AsnConvert.parse(certificateDer(pem), AsnCertificate);
    return { issuer: Buffer.from(AsnConvert.serialize(c.tbsCertificate.issuer)), serial: Buffer.from(c.tbsCertificate.serialNumber) };
  });

/** A string attribute value (PrintableString and the like) or an OCTET STRING's bytes, from its DER. */
function valueOf(der: ArrayBuffer | undefined): { text?: string; octets?: Buffer } {
  if (!der) return {};
  const block = asn1js.fromBER(der).result;
  if (block instanceof asn1js.OctetString && !block.idBlock.isConstructed) return { octets: Buffer.from(block.valueBlock.valueHexView) };
  const v = (block as unknown as { valueBlock?: { value?: unknown } }).valueBlock?.value;
  return typeof v === "string" ? { text: v } : {};
}

/**
 * The common case, fast: a DER pkiMessage as the SCEP clients we know send it, read in one pass per layer with the
 * asn1-schema classes of schemas.ts (which keep as DER what is only compared: Names, the SPKI, the signed
 * attributes as sent). Anything unusual (a constructed encrypted content, a missing attribute, a signature or
 * digest that does not check out, a shape the schemas do not fit) returns undefined, and parseWithPkijs reads the
 * message again and gives the precise answer or error.
 */
/** asn1js reads inside every OCTET and BIT STRING by default, just in case it is DER; nothing here needs that. */
const SHALLOW = { berOptions: { parseEmbedded: false } };

export function parseWellFormed(der: Uint8Array, ra: Pick<RaKeys, "encryptionCertificatePem" | "encryptionKeyPem">): ParsedPkiMessage | undefined {
  try {
    const ci = AsnConvert.parse(der, ScepSignedDataInfo, SHALLOW);
    if (ci.contentType !== OID.signedData) return undefined;
    const sd = ci.content;
    const signer = sd.signerInfos[0];
    if (!signer || !signer.signedAttrs || !signer.signedAttrsRaw) return undefined;
    const attr = (type: string) => valueOf(signer.signedAttrs!.find((a) => a.attrType === type)?.attrValues[0]);
    const messageType = attr(OID.messageType).text;
    const transactionId = attr(OID.transactionID).text;
    const senderNonce = attr(OID.senderNonce).octets;
    const md = attr(OID.messageDigest).octets;
    if (!messageType || !transactionId || !senderNonce || !md) return undefined;
    const sidIssuer = Buffer.from(signer.sid.issuer);
    const sidSerial = Buffer.from(signer.sid.serialNumber);
    const signerCert = (sd.certificates ?? []).find((c) => sidSerial.equals(Buffer.from(c.tbsCertificate.serialNumber)) && sidIssuer.equals(Buffer.from(c.tbsCertificate.issuer)));
    if (!signerCert) return undefined;
    const digest = DIGESTS[signer.digestAlgorithm.algorithm];
    const sigAlg = signer.signatureAlgorithm.algorithm;
    if (!digest || !(sigAlg in SIGNATURE_DIGEST)) return undefined;
    const single = sd.encapContentInfo.eContent;
    if (!single) return undefined;
    const content = Buffer.from(single.buffer);
    if (!md.equals(createHash(digest).update(content).digest())) return undefined;
    const tbs = signerCert.tbsCertificate;
    if (!tbs.subjectPublicKeyInfoRaw) return undefined;
    const signerSpkiDer = new Uint8Array(tbs.subjectPublicKeyInfoRaw);
    const signerPublicKey = publicKeyFromSpki(signerSpkiDer, { algorithm: tbs.subjectPublicKeyInfo.algorithm.algorithm, subjectPublicKey: tbs.subjectPublicKeyInfo.subjectPublicKey });
    // The signature covers the signed attributes as sent, under the SET tag instead of [0] IMPLICIT (RFC 5652 5.4).
    const sentSet = Buffer.from(signer.signedAttrsRaw);
    if (sentSet[0] !== 0xa0) return undefined;
    sentSet[0] = 0x31;
    if (!verify(SIGNATURE_DIGEST[sigAlg] ?? digest, sentSet, { key: signerPublicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(signer.signature.buffer))) return undefined;

    const eci0 = AsnConvert.parse(content, ScepEnvelopedDataInfo, SHALLOW);
    if (eci0.contentType !== OID.envelopedData) return undefined;
    const env = eci0.content;
    const mine = raRecipientOf(ra.encryptionCertificatePem);
    const ktri = env.recipientInfos.find((k) => mine.serial.equals(Buffer.from(k.rid.serialNumber)) && mine.issuer.equals(Buffer.from(k.rid.issuer)));
    if (!ktri || ktri.keyEncryptionAlgorithm.algorithm !== OID.rsaEncryption) return undefined;
    const eci = env.encryptedContentInfo;
    const cipher = CIPHERS[eci.contentEncryptionAlgorithm.algorithm];
    const iv = valueOf(eci.contentEncryptionAlgorithm.parameters ?? undefined).octets;
    const encrypted = eci.encryptedContent?.value;
    if (!cipher || !iv || !encrypted) return undefined;
    const cek = rsaPkcs1Unpad(privateDecrypt({ key: privateKeyOf(ra.encryptionKeyPem), padding: constants.RSA_NO_PADDING }, Buffer.from(ktri.encryptedKey.buffer)));
    if (cek.length !== cipher.keyLength) return undefined;
    const messageData = decryptContent(cipher.name, cek, iv, Buffer.from(encrypted.buffer));
    return {
      messageType,
      transactionId,
      senderNonce,
      digest,
      signer: { issuerDer: sidIssuer, serialNumber: sidSerial, publicKey: signerPublicKey },
      signerPublicKey,
      signerSpkiDer,
      cipher: cipher.name,
      messageData: new Uint8Array(messageData),
      recipient: "raEncryption",
    };
  } catch {
    return undefined;
  }
}

/** Every message the fast path does not take, with NDES's answer for each way a message can be wrong. */
export function parseWithPkijs(der: Uint8Array, ra: Pick<RaKeys, "encryptionCertificatePem" | "encryptionKeyPem">): ParsedPkiMessage {
  let sd: pkijs.SignedData;
  try {
    const ci = pkijs.ContentInfo.fromBER(toAb(der));
    if (ci.contentType !== OID.signedData) throw new Error("not SignedData");
    sd = new pkijs.SignedData({ schema: ci.content });
  } catch {
    throw new ScepError("The Network Device Enrollment Service cannot decode the http message from the client: not a PKCS#7 SignedData.", "badMessageCheck", 16);
  }
  const signer = sd.signerInfos[0];
  const attrs = signer?.signedAttrs?.attributes;
  if (!signer || !attrs) throw new ScepError("The message has no signer or no signed attributes.", "badMessageCheck", 17);
  const messageType = stringOf(attrValue(attrs, OID.messageType));
  const transactionId = stringOf(attrValue(attrs, OID.transactionID));
  const nonce = attrValue(attrs, OID.senderNonce);
  if (!messageType || !transactionId || !(nonce instanceof asn1js.OctetString))
    throw new ScepError("The Network Device Enrollment Service cannot retrieve required information, such as the transaction ID, from the client message.", "badMessageCheck", 17);

  // The signer: the certificate in `certificates` named by the SignerInfo's sid.
  const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = signer.sid as pkijs.IssuerAndSerialNumber;
  const signerCert = certs.find((c) => sid instanceof pkijs.IssuerAndSerialNumber && sameIssuerSerial(sid, c)) ?? (certs.length === 1 ? certs[0] : undefined);
  if (!signerCert) throw new ScepError("The signer certificate is not in the message.", "badCertId", 17);
  const signerPublicKey = createPublicKey({ key: bytes(signerCert.subjectPublicKeyInfo.toSchema().toBER(false)), format: "der", type: "spki" });

  const digest = DIGESTS[signer.digestAlgorithm.algorithmId];
  if (!digest) throw new ScepError(`Unsupported digest algorithm ${signer.digestAlgorithm.algorithmId}.`, "badAlg");
  const sigAlg = signer.signatureAlgorithm.algorithmId;
  if (!(sigAlg in SIGNATURE_DIGEST)) throw new ScepError(`Unsupported signature algorithm ${sigAlg}.`, "badAlg");
  const eContent = sd.encapContentInfo.eContent;
  if (!eContent) throw new ScepError("The message has no content.", "badMessageCheck", 16);
  const content = octets(eContent);
  const md = attrValue(attrs, OID.messageDigest);
  if (!(md instanceof asn1js.OctetString) || !octets(md).equals(createHash(digest).update(content).digest()))
    throw new ScepError("The message digest does not match the content.", "badMessageCheck");
  const setDer = bytes(new asn1js.Set({ value: attrs.map((a) => a.toSchema()) }).toBER(false));
  // Verify over the attributes as they were sent (their original encoding), falling back to a re-encoding.
  const original = signer.signedAttrs!.encodedValue;
  const sentSet = original && original.byteLength ? Buffer.concat([Buffer.from([0x31]), bytes(original).subarray(1)]) : setDer;
  const signature = octets(signer.signature);
  const ok = verify(SIGNATURE_DIGEST[sigAlg] ?? digest, sentSet, { key: signerPublicKey, padding: constants.RSA_PKCS1_PADDING }, signature) ||
    verify(SIGNATURE_DIGEST[sigAlg] ?? digest, setDer, { key: signerPublicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
  if (!ok) throw new ScepError("The signature of the message does not verify with the signer certificate.", "badMessageCheck");

  // The pkcsPKIEnvelope.
  let env: pkijs.EnvelopedData;
  try {
    const ci = pkijs.ContentInfo.fromBER(toAb(content));
    if (ci.contentType !== OID.envelopedData) throw new Error("not EnvelopedData");
    env = new pkijs.EnvelopedData({ schema: ci.content });
  } catch {
    throw new ScepError("The Network Device Enrollment Service cannot decode the envelope of the client message.", "badMessageCheck", 16);
  }
  const raEnc = parseRaCert(ra.encryptionCertificatePem);
  let recipient: ParsedPkiMessage["recipient"] = "other";
  const ktri = env.recipientInfos
    .map((ri) => ri.value)
    .filter((v): v is pkijs.KeyTransRecipientInfo => v instanceof pkijs.KeyTransRecipientInfo);
  const mine = ktri.find((k) => k.rid instanceof pkijs.IssuerAndSerialNumber && sameIssuerSerial(k.rid, raEnc));
  if (mine) recipient = "raEncryption";
  else throw new ScepError("The Network Device Enrollment Service cannot decrypt the client's PKCS7 message: it is not encrypted to the CEP Encryption certificate.", "badMessageCheck", 18);
  if (mine.keyEncryptionAlgorithm.algorithmId !== OID.rsaEncryption) throw new ScepError("Unsupported key transport algorithm.", "badAlg", 18);
  // Node 20 refuses RSA_PKCS1_PADDING for private decryption (CVE-2023-46809): raw RSA, then unpad.
  const rsaKey = privateKeyOf(ra.encryptionKeyPem);
  const cek = rsaPkcs1Unpad(privateDecrypt({ key: rsaKey, padding: constants.RSA_NO_PADDING }, octets(mine.encryptedKey)));
  const eci = env.encryptedContentInfo;
  const cipher = CIPHERS[eci.contentEncryptionAlgorithm.algorithmId];
  if (!cipher) throw new ScepError(`Unsupported content encryption algorithm ${eci.contentEncryptionAlgorithm.algorithmId}.`, "badAlg", 18);
  if (cek.length !== cipher.keyLength) throw new ScepError("The envelope's content key has the wrong length.", "badMessageCheck", 18);
  const ivParam = eci.contentEncryptionAlgorithm.algorithmParams;
  if (!(ivParam instanceof asn1js.OctetString) || !eci.encryptedContent) throw new ScepError("The envelope has no IV or no content.", "badMessageCheck", 18);
  let messageData: Buffer;
  try {
    messageData = decryptContent(cipher.name, cek, octets(ivParam), octets(eci.encryptedContent));
  } catch (err) {
    if (err instanceof ScepError) throw err;
    throw new ScepError("The Network Device Enrollment Service cannot decrypt the client's PKCS7 message.", "badMessageCheck", 18);
  }
  return {
    messageType,
    transactionId,
    senderNonce: octets(nonce),
    digest,
    signer: { issuerDer: bytes(signerCert.issuer.toSchema().toBER(false)), serialNumber: Buffer.from(signerCert.serialNumber.valueBlock.valueHexView), publicKey: signerPublicKey },
    signerPublicKey,
    signerSpkiDer: new Uint8Array(signerPublicKey.export({ type: "spki", format: "der" })),
    cipher: cipher.name,
    messageData: new Uint8Array(messageData),
    recipient,
  };
}

/** Whom an envelope is for: the certificate's issuer (DER) and serial number, and its public key. */
export interface EnvelopeRecipient {
  issuerDer: Uint8Array;
  serialNumber: Uint8Array;
  publicKey: KeyObject;
}

function recipientOf(certDer: Uint8Array): EnvelopeRecipient {
  const c = AsnConvert.parse(certDer, AsnCertificate);
  return {
    issuerDer: new Uint8Array(AsnConvert.serialize(c.tbsCertificate.issuer)),
    serialNumber: new Uint8Array(c.tbsCertificate.serialNumber),
    publicKey: createPublicKey({ key: Buffer.from(AsnConvert.serialize(c.tbsCertificate.subjectPublicKeyInfo)), format: "der", type: "spki" }),
  };
}

/** Envelope `data` to a recipient certificate (DER) or its parts (RSA PKCS#1 v1.5 key transport), with `cipher`. */
export function envelope(data: Uint8Array, to: Uint8Array | EnvelopeRecipient, cipher: ScepCipher): Uint8Array {
  const recipient = to instanceof Uint8Array ? recipientOf(to) : to;
  const keyLength = Object.values(CIPHERS).find((c) => c.name === cipher)!.keyLength;
  const key = randomBytes(keyLength);
  const iv = randomBytes(cipher.startsWith("aes") ? 16 : 8);
  const encrypted = encryptContent(cipher, key, iv, Buffer.from(data));
  const encryptedKey = publicEncrypt({ key: recipient.publicKey, padding: constants.RSA_PKCS1_PADDING }, key);
  // RFC 5652 6.1: version 0, one KeyTransRecipientInfo (version 0, issuerAndSerialNumber), and the content as a
  // primitive [0] IMPLICIT OCTET STRING (one piece, as the clients expect).
  const ktri = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      new asn1js.Sequence({ value: [encoded(recipient.issuerDer), new asn1js.Integer({ valueHex: toAb(recipient.serialNumber) })] }),
      encoded(algorithmDer(OID.rsaEncryption)),
      new asn1js.OctetString({ valueHex: toAb(encryptedKey) }),
    ],
  });
  const eci = new asn1js.Sequence({
    value: [
      oid(OID.data),
      new asn1js.Sequence({ value: [oid(CIPHER_OID[cipher]), new asn1js.OctetString({ valueHex: toAb(iv) })] }),
      new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: toAb(encrypted) }),
    ],
  });
  const env = new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 }), new asn1js.Set({ value: [ktri] }), eci] });
  return new Uint8Array(new asn1js.Sequence({ value: [oid(OID.envelopedData), tagged(0, [env])] }).toBER(false));
}

export interface SignOptions {
  /** Signed attributes beyond contentType, messageDigest and signingTime. */
  attributes: ScepAttribute[];
  content?: Uint8Array;
  digest: ScepDigest;
  signerCertificatePem: string;
  signerKeyPem: string;
  /** Extra certificates to carry (the signer's comes first). */
  certificates?: (string | Uint8Array)[];
  signingTime?: Date;
}

/** A CMS SignedData (id-data content, DER-sorted signed attributes, a primitive eContent OCTET STRING). */
export function signMessage(o: SignOptions): Uint8Array {
  const signer = signerPartsOf(o.signerCertificatePem);
  const content = Buffer.from(o.content ?? new Uint8Array());
  const attrs = sortedAttributes([
    attr(OID.contentType, oid(OID.data)),
    attr(OID.messageDigest, new asn1js.OctetString({ valueHex: toAb(createHash(o.digest).update(content).digest()) })),
    attr(OID.signingTime, new asn1js.UTCTime({ valueDate: o.signingTime ?? new Date() })),
    ...o.attributes,
  ]).map(encoded);
  // The signature is over the attributes as a SET; the SignerInfo carries the same elements as [0] IMPLICIT.
  const signature = sign(o.digest, der(new asn1js.Set({ value: attrs })), { key: privateKeyOf(o.signerKeyPem), padding: constants.RSA_PKCS1_PADDING });
  const digestAlgorithm = encoded(algorithmDer(DIGEST_OID[o.digest]));
  const signerInfo = new asn1js.Sequence({
    value: [new asn1js.Integer({ value: 1 }), encoded(signer.sidDer), digestAlgorithm, tagged(0, attrs), encoded(algorithmDer(OID.rsaEncryption)), new asn1js.OctetString({ valueHex: toAb(signature) })],
  });
  // RFC 5652 5.1, version 1; eContent a primitive OCTET STRING (strongSwan cannot verify a constructed one, pitfall 3).
  const encap = new asn1js.Sequence({ value: [oid(OID.data), ...(o.content ? [tagged(0, [new asn1js.OctetString({ valueHex: toAb(content) })])] : [])] });
  const certificates = [signer.certDer, ...(o.certificates ?? []).map((c) => certificateDer(c))].map(encoded);
  const sd = new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1 }), new asn1js.Set({ value: [digestAlgorithm] }), encap, tagged(0, certificates), new asn1js.Set({ value: [signerInfo] })] });
  return new Uint8Array(new asn1js.Sequence({ value: [oid(OID.signedData), tagged(0, [sd])] }).toBER(false));
}

export type CertRepResult =
  | { status: "SUCCESS"; certificatePem: string; chainPems?: string[] }
  | { status: "FAILURE"; failInfo: FailInfo; failInfoText?: string }
  | { status: "PENDING" };

/**
 * The CertRep NDES answers to a PKIOperation: signed by the RA signing certificate, echoing transactionID and the
 * request's senderNonce as recipientNonce; on SUCCESS the issued certificate (in a degenerate PKCS#7) is
 * enveloped to the requester's signer certificate with the cipher the requester used.
 */
export function buildCertRep(request: Pick<ParsedPkiMessage, "transactionId" | "senderNonce" | "digest" | "signer" | "cipher">, result: CertRepResult, ra: Pick<RaKeys, "signingCertificatePem" | "signingKeyPem">): Uint8Array {
  const attributes = [
    attr(OID.messageType, new asn1js.PrintableString({ value: MESSAGE_TYPE.CertRep })),
    attr(OID.transactionID, new asn1js.PrintableString({ value: request.transactionId })),
    attr(OID.senderNonce, new asn1js.OctetString({ valueHex: toAb(randomBytes(16)) })),
    attr(OID.recipientNonce, new asn1js.OctetString({ valueHex: toAb(request.senderNonce) })),
    attr(OID.pkiStatus, new asn1js.PrintableString({ value: PKI_STATUS[result.status] })),
  ];
  let content: Uint8Array | undefined;
  if (result.status === "FAILURE") {
    attributes.push(attr(OID.failInfo, new asn1js.PrintableString({ value: FAIL_INFO[result.failInfo] })));
    if (result.failInfoText) attributes.push(attr(OID.failInfoText, new asn1js.Utf8String({ value: result.failInfoText.slice(0, 1000) })));
  } else if (result.status === "SUCCESS") {
    const degenerate = buildCaRaCertResponse([result.certificatePem, ...(result.chainPems ?? [])]);
    content = envelope(degenerate, request.signer, request.cipher);
  }
  return signMessage({ attributes, content, digest: request.digest, signerCertificatePem: ra.signingCertificatePem, signerKeyPem: ra.signingKeyPem });
}

/** A PKCSReq as a SCEP client builds it (used by the unit tests and by Certlab's own simulated devices). */
export function buildPkcsReq(o: {
  csrDer: Uint8Array;
  signerCertificatePem: string;
  signerKeyPem: string;
  recipientCertificatePem: string;
  transactionId: string;
  cipher?: ScepCipher;
  digest?: ScepDigest;
}): Uint8Array {
  const enveloped = envelope(o.csrDer, certificateDer(o.recipientCertificatePem), o.cipher ?? "aes-128-cbc");
  return signMessage({
    attributes: [
      attr(OID.messageType, new asn1js.PrintableString({ value: MESSAGE_TYPE.PKCSReq })),
      attr(OID.transactionID, new asn1js.PrintableString({ value: o.transactionId })),
      attr(OID.senderNonce, new asn1js.OctetString({ valueHex: toAb(randomBytes(16)) })),
    ],
    content: enveloped,
    digest: o.digest ?? "sha256",
    signerCertificatePem: o.signerCertificatePem,
    signerKeyPem: o.signerKeyPem,
  });
}

export interface ParsedCertRep {
  pkiStatus: string;
  failInfo?: string;
  transactionId?: string;
  recipientNonce?: Buffer;
  /** Decrypted issued certificates (DER) on SUCCESS. */
  certificates: Uint8Array[];
  signatureValid: boolean;
}

/** Read a CertRep as a client does (tests, simulated devices): verify with the RA signing cert, open the envelope. */
export function parseCertRep(der: Uint8Array, raSigningCertificatePem: string, recipientKeyPem?: string): ParsedCertRep {
  const ci = pkijs.ContentInfo.fromBER(toAb(der));
  const sd = new pkijs.SignedData({ schema: ci.content });
  const signer = sd.signerInfos[0]!;
  const attrs = signer.signedAttrs!.attributes;
  const digest = DIGESTS[signer.digestAlgorithm.algorithmId]!;
  const raCert = parseCert(raSigningCertificatePem);
  const raKey = createPublicKey({ key: bytes(raCert.subjectPublicKeyInfo.toSchema().toBER(false)), format: "der", type: "spki" });
  const setDer = bytes(new asn1js.Set({ value: attrs.map((a) => a.toSchema()) }).toBER(false));
  const content = sd.encapContentInfo.eContent ? octets(sd.encapContentInfo.eContent) : Buffer.alloc(0);
  const md = attrValue(attrs, OID.messageDigest) as asn1js.OctetString;
  const signatureValid = verify(digest, setDer, raKey, octets(signer.signature)) && octets(md).equals(createHash(digest).update(content).digest());
  const out: ParsedCertRep = {
    pkiStatus: stringOf(attrValue(attrs, OID.pkiStatus)) ?? "",
    failInfo: stringOf(attrValue(attrs, OID.failInfo)),
    transactionId: stringOf(attrValue(attrs, OID.transactionID)),
    recipientNonce: (() => {
      const v = attrValue(attrs, OID.recipientNonce);
      return v instanceof asn1js.OctetString ? octets(v) : undefined;
    })(),
    certificates: [],
    signatureValid,
  };
  if (content.length && recipientKeyPem) {
    const env = new pkijs.EnvelopedData({ schema: pkijs.ContentInfo.fromBER(toAb(content)).content });
    const k = env.recipientInfos[0]!.value as pkijs.KeyTransRecipientInfo;
    const cek = rsaPkcs1Unpad(privateDecrypt({ key: createPrivateKey(recipientKeyPem), padding: constants.RSA_NO_PADDING }, octets(k.encryptedKey)));
    const eci = env.encryptedContentInfo;
    const cipher = CIPHERS[eci.contentEncryptionAlgorithm.algorithmId]!;
    const inner = decryptContent(cipher.name, cek, octets(eci.contentEncryptionAlgorithm.algorithmParams as asn1js.OctetString), octets(eci.encryptedContent!));
    const certsSd = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(toAb(inner)).content });
    out.certificates = (certsSd.certificates ?? []).map((c) => new Uint8Array((c as pkijs.Certificate).toSchema().toBER(false)));
  }
  return out;
}
