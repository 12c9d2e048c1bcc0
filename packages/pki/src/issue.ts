/**
 * Issue end-entity certificates from a lab CA (NDES RA certificates, the IIS server certificate, client
 * certificates) and build deliberately broken ones (self-signed leaf, expired, wrong EKU) for labs.
 */
import { KeyObject, createHash, randomBytes, sign } from "node:crypto";
import { AsnConvert, AsnSerializer, OctetString } from "@peculiar/asn1-schema";
import * as asnX509 from "@peculiar/asn1-x509";
import { x509, type CryptoKey } from "./x509-setup.js";
import {
  KEY_USAGE_NAMES,
  describeCertificate,
  parseCertificate,
  PkiInputError,
  toPem,
  certificateDer,
  nameFromRfc4514,
  rfc4514,
  type CertificateInfo,
  type SubjectAlternativeName,
} from "./certificate-info.js";
import {
  addDays,
  authorityKeyIdentifier,
  exportPkcs8Pem,
  generateRsaKeyPair,
  loadCa,
  RSA_ALGORITHM,
  type CaMaterial,
  type HashAlgorithm,
  type LoadedCa,
} from "./ca.js";

export interface CertificateRequestOptions {
  /** RFC 4514 DN, most specific first, e.g. "CN=ndes01.corp.contoso.com" or "CN=alice, OU=Users, DC=corp, DC=contoso, DC=com". */
  subject: string;
  /**
   * The DER of the same Name as `subject` (e.g. ScepCsr.subjectDer): used as the subject as it is, without the
   * string round trip (RSA CA with a given public key; elsewhere `subject` is used).
   */
  subjectDer?: Uint8Array;
  /** The subject's public key (CryptoKey or SPKI DER). When absent a key pair is generated and returned as PKCS#8 PEM. */
  publicKey?: CryptoKey | Uint8Array | ArrayBuffer;
  keySize?: number;
  /** Default 365. May be negative or combined with a past notBefore to make an expired certificate. */
  validityDays?: number;
  notBefore?: Date;
  /** Names from KEY_USAGE_NAMES: "digitalSignature", "keyEncipherment", ... */
  keyUsage?: string[];
  /** OIDs, e.g. EKU.clientAuthentication. */
  extendedKeyUsage?: string[];
  subjectAlternativeNames?: SubjectAlternativeName[];
  isCa?: boolean;
  crlUrl?: string;
  aiaUrl?: string;
  /** Hex serial number; random when absent. */
  serialNumber?: string;
}

export interface SelfSignedOptions extends Omit<CertificateRequestOptions, "publicKey"> {
  hash?: HashAlgorithm;
}

export interface IssuedCertificate {
  certificatePem: string;
  certificateDerBase64: string;
  /** Present when the key pair was generated here. */
  privateKeyPkcs8Pem?: string;
  /** What a CA's log records of it, without describing the whole certificate (SCEP issues one per request). */
  ref: { subject: string; serialNumber: string; thumbprint: string; notAfter: string };
  /** The whole description (parseCertificate's), worked out on first use. */
  readonly info: CertificateInfo;
}

const SAN_TYPES: Readonly<Record<SubjectAlternativeName["type"], x509.JsonGeneralName["type"]>> = {
  dns: "dns",
  email: "email",
  upn: "upn",
  uri: "url",
  ip: "ip",
};

export function keyUsageFlags(names: readonly string[]): number {
  let flags = 0;
  for (const n of names) {
    const i = (KEY_USAGE_NAMES as readonly string[]).indexOf(n);
    if (i < 0) {
      throw new PkiInputError(`Unknown key usage "${n}". Use one of: ${KEY_USAGE_NAMES.join(", ")}.`);
    }
    flags |= 1 << i;
  }
  return flags;
}

function validateOid(oid: string): string {
  if (!/^[0-2](\.\d+)+$/.test(oid)) throw new PkiInputError(`"${oid}" is not an object identifier (e.g. 1.3.6.1.5.5.7.3.2).`);
  return oid;
}

function sanExtension(sans: readonly SubjectAlternativeName[]): x509.Extension {
  const json = sans.map((s) => {
    const type = SAN_TYPES[s.type];
    if (!type) throw new PkiInputError(`Unsupported subject alternative name type "${String(s.type)}".`);
    return { type, value: s.value };
  });
  return new x509.SubjectAlternativeNameExtension(json, false);
}

/** An extension as the asn1-x509 Extension X509CertificateGenerator writes. */
const asnExtension = (e: x509.Extension) => new asnX509.Extension({ extnID: e.type, critical: e.critical, extnValue: new OctetString(e.value) });

/**
 * Extensions that depend only on their input values (key usage, EKU list, CDP and AIA URLs, basic constraints, a
 * CA's AKI), turned into ASN.1 once per process (bounded) and reused as that block in every TBS.
 */
const encodedExtensions = new Map<string, asnX509.Extension>();
function encoded(key: string, make: () => x509.Extension): asnX509.Extension {
  let hit = encodedExtensions.get(key);
  if (!hit) {
    const block = AsnSerializer.toASN(asnExtension(make()));
    const ext = { toASN: () => block, fromASN: () => ext } as unknown as asnX509.Extension;
    if (encodedExtensions.size >= 512) encodedExtensions.clear();
    encodedExtensions.set(key, (hit = ext));
  }
  return hit;
}

/** leafExtensions, SKI and AKI for issueWithRsa: the same extensions in the same order. */
function rsaLeafExtensions(req: CertificateRequestOptions, ski: Buffer, aki: x509.AuthorityKeyIdentifierExtension): asnX509.Extension[] {
  const ext: asnX509.Extension[] = [];
  if (req.isCa) ext.push(encoded("bc", () => new x509.BasicConstraintsExtension(true, undefined, true)));
  const ku = req.keyUsage ?? [];
  if (ku.length > 0) {
    const flags = keyUsageFlags(ku);
    ext.push(encoded(`ku:${flags}`, () => new x509.KeyUsagesExtension(flags, true)));
  }
  const eku = req.extendedKeyUsage ?? [];
  if (eku.length > 0) ext.push(encoded(`eku:${eku.join(",")}`, () => new x509.ExtendedKeyUsageExtension(eku.map(validateOid), false)));
  const sans = req.subjectAlternativeNames ?? [];
  if (sans.length > 0) ext.push(asnExtension(sanExtension(sans)));
  const { crlUrl, aiaUrl } = req;
  if (crlUrl) ext.push(encoded(`cdp:${crlUrl}`, () => new x509.CRLDistributionPointsExtension([crlUrl])));
  if (aiaUrl) ext.push(encoded(`aia:${aiaUrl}`, () => new x509.AuthorityInfoAccessExtension({ caIssuers: [aiaUrl] })));
  ext.push(asnExtension(new x509.SubjectKeyIdentifierExtension(ski.toString("hex"))));
  ext.push(encoded(`aki:${Buffer.from(aki.rawData).toString("base64")}`, () => aki));
  return ext;
}

function leafExtensions(req: CertificateRequestOptions): x509.Extension[] {
  const ext: x509.Extension[] = [];
  if (req.isCa) ext.push(new x509.BasicConstraintsExtension(true, undefined, true));
  const ku = req.keyUsage ?? [];
  if (ku.length > 0) ext.push(new x509.KeyUsagesExtension(keyUsageFlags(ku), true));
  const eku = req.extendedKeyUsage ?? [];
  if (eku.length > 0) ext.push(new x509.ExtendedKeyUsageExtension(eku.map(validateOid), false));
  const sans = req.subjectAlternativeNames ?? [];
  if (sans.length > 0) ext.push(sanExtension(sans));
  if (req.crlUrl) ext.push(new x509.CRLDistributionPointsExtension([req.crlUrl]));
  if (req.aiaUrl) ext.push(new x509.AuthorityInfoAccessExtension({ caIssuers: [req.aiaUrl] }));
  return ext;
}

function validity(req: { notBefore?: Date; validityDays?: number }): { notBefore: Date; notAfter: Date } {
  const notBefore = req.notBefore ?? new Date();
  const notAfter = addDays(notBefore, req.validityDays ?? 365);
  if (notAfter.getTime() <= notBefore.getTime()) throw new PkiInputError("validityDays must be positive.");
  return { notBefore, notAfter };
}

function toResult(cert: x509.X509Certificate, privateKeyPkcs8Pem?: string): IssuedCertificate {
  const der = new Uint8Array(cert.rawData);
  let info: CertificateInfo | undefined;
  return {
    certificatePem: toPem(der),
    certificateDerBase64: Buffer.from(der).toString("base64"),
    ...(privateKeyPkcs8Pem ? { privateKeyPkcs8Pem } : {}),
    ref: {
      subject: rfc4514(cert.subjectName),
      serialNumber: cert.serialNumber.toUpperCase(),
      thumbprint: createHash("sha1").update(der).digest("hex").toUpperCase(),
      notAfter: cert.notAfter.toISOString(),
    },
    get info() {
      return (info ??= describeCertificate(cert));
    },
  };
}

/** The AKI extension per issuer certificate (a loaded CA signs many certificates: SCEP). */
const akiOf = new WeakMap<x509.X509Certificate, Promise<x509.AuthorityKeyIdentifierExtension>>();
function issuerAki(issuer: x509.X509Certificate): Promise<x509.AuthorityKeyIdentifierExtension> {
  let hit = akiOf.get(issuer);
  if (!hit) akiOf.set(issuer, (hit = authorityKeyIdentifier(issuer)));
  return hit;
}

/** What signing with a loaded RSA CA needs per certificate, worked out once per CA certificate. */
interface RsaSigner {
  key: KeyObject;
  digest: string;
  algorithm: asnX509.AlgorithmIdentifier;
  issuer: asnX509.Name;
}
const rsaSigners = new WeakMap<x509.X509Certificate, RsaSigner | null>();
const NODE_DIGEST: Readonly<Record<string, string>> = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };

function rsaSignerOf(ca: LoadedCa): RsaSigner | null {
  let hit = rsaSigners.get(ca.certificate);
  if (hit !== undefined) return hit;
  const alg = ca.privateKey.algorithm as { name: string; hash?: { name: string } };
  const digest = alg.hash && NODE_DIGEST[alg.hash.name];
  hit = null;
  if (alg.name === RSA_ALGORITHM && digest) {
    hit = {
      key: KeyObject.from(ca.privateKey),
      digest,
      // The same AlgorithmIdentifier and issuer Name X509CertificateGenerator.create writes.
      algorithm: new x509.RsaAlgorithm().toAsnAlgorithm({ name: RSA_ALGORITHM, hash: alg.hash } as never)!,
      issuer: AsnConvert.parse(ca.certificate.subjectName.toArrayBuffer(), asnX509.Name),
    };
  }
  rsaSigners.set(ca.certificate, hit);
  return hit;
}

/** A DER INTEGER's content for a serial number: no leading zero bytes, a 0x00 first when the top bit is set. */
function positiveSerial(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const b = bytes.subarray(i);
  return b[0]! > 0x7f ? Uint8Array.of(0, ...b) : b;
}

/**
 * X509CertificateGenerator.create's certificate for an RSA CA and a given public key, built with the same
 * @peculiar/asn1-x509 classes but without its round trips (every extension and name encoded, then parsed back; the
 * result parsed again) and signed with node:crypto: byte for byte what the generator writes (issue.test.ts).
 */
function issueWithRsa(signer: RsaSigner, spkiDer: Uint8Array, req: CertificateRequestOptions, aki: x509.AuthorityKeyIdentifierExtension): IssuedCertificate {
  const spki = AsnConvert.parse(spkiDer, asnX509.SubjectPublicKeyInfo);
  // RFC 5280 4.2.1.2 method 1, as SubjectKeyIdentifierExtension.create computes it.
  const ski = createHash("sha1").update(new Uint8Array(spki.subjectPublicKey)).digest();
  const all = rsaLeafExtensions(req, ski, aki);
  const given = req.serialNumber ? Buffer.from(req.serialNumber, "hex") : undefined;
  const serial = positiveSerial(given?.some((b) => b > 0) ? given : randomBytes(16));
  const { notBefore, notAfter } = validity(req);
  const subject = req.subjectDer ? AsnConvert.parse(req.subjectDer, asnX509.Name) : AsnConvert.parse(nameFromRfc4514(req.subject).toArrayBuffer(), asnX509.Name);
  const tbs = new asnX509.TBSCertificate({
    version: asnX509.Version.v3,
    serialNumber: toAb(serial),
    signature: signer.algorithm,
    issuer: signer.issuer,
    validity: new asnX509.Validity({ notBefore, notAfter }),
    subject,
    subjectPublicKeyInfo: spki,
    extensions: new asnX509.Extensions(all),
  });
  // The TBS built once: its encoding is signed, and the same ASN.1 block is the Certificate's first field.
  const tbsAsn = AsnSerializer.toASN(tbs);
  const signature = sign(signer.digest, new Uint8Array(tbsAsn.toBER(false)), signer.key);
  const built = { toASN: () => tbsAsn, fromASN: () => built } as unknown as asnX509.TBSCertificate;
  const der = new Uint8Array(AsnConvert.serialize(new asnX509.Certificate({ tbsCertificate: built, signatureAlgorithm: signer.algorithm, signatureValue: toAb(signature) })));
  let info: CertificateInfo | undefined;
  const seconds = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000); // UTCTime/GeneralizedTime: whole seconds
  return {
    certificatePem: toPem(der),
    certificateDerBase64: Buffer.from(der).toString("base64"),
    ref: {
      subject: rfc4514(new x509.Name(subject)),
      serialNumber: Buffer.from(serial[0] === 0 && serial.length > 1 ? serial.subarray(1) : serial).toString("hex").toUpperCase(),
      thumbprint: createHash("sha1").update(der).digest("hex").toUpperCase(),
      notAfter: seconds(notAfter).toISOString(),
    },
    get info() {
      return (info ??= describeCertificate(new x509.X509Certificate(der)));
    },
  };
}

const toAb = (u: Uint8Array): ArrayBuffer => new Uint8Array(u).buffer;

/** Issue a certificate signed by `ca` (CaMaterial, or an already loaded CA to save the key import). */
export async function issueCertificate(ca: CaMaterial | LoadedCa, req: CertificateRequestOptions): Promise<IssuedCertificate> {
  const issuer = "privateKey" in ca ? ca : await loadCa(ca);
  // A request with its public key (SCEP, CSRs) from an RSA CA: the direct build.
  const signer = req.publicKey instanceof Uint8Array ? rsaSignerOf(issuer) : null;
  if (signer) return issueWithRsa(signer, req.publicKey as Uint8Array, req, await issuerAki(issuer.certificate));
  let publicKey: CryptoKey | ArrayBuffer;
  let privateKeyPkcs8Pem: string | undefined;
  if (req.publicKey === undefined) {
    const keys = await generateRsaKeyPair(req.keySize ?? 2048);
    publicKey = keys.publicKey;
    privateKeyPkcs8Pem = await exportPkcs8Pem(keys.privateKey);
  } else if (req.publicKey instanceof Uint8Array) {
    publicKey = req.publicKey.slice().buffer;
  } else {
    publicKey = req.publicKey;
  }
  const extensions = leafExtensions(req);
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(publicKey));
  extensions.push(await issuerAki(issuer.certificate));
  const cert = await x509.X509CertificateGenerator.create({
    subject: nameFromRfc4514(req.subject),
    issuer: issuer.certificate.subjectName,
    publicKey,
    signingKey: issuer.privateKey,
    ...validity(req),
    ...(req.serialNumber ? { serialNumber: req.serialNumber } : {}),
    extensions,
  });
  return toResult(cert, privateKeyPkcs8Pem);
}

/** A self-signed certificate (always with a freshly generated key, returned as PKCS#8 PEM). */
export async function selfSignedCertificate(req: SelfSignedOptions): Promise<IssuedCertificate & { privateKeyPkcs8Pem: string }> {
  const keys = await generateRsaKeyPair(req.keySize ?? 2048, req.hash ?? "SHA-256");
  const extensions = leafExtensions(req);
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey));
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: nameFromRfc4514(req.subject),
    keys,
    ...validity(req),
    ...(req.serialNumber ? { serialNumber: req.serialNumber } : {}),
    extensions,
  });
  const privateKeyPkcs8Pem = await exportPkcs8Pem(keys.privateKey);
  return { ...toResult(cert), privateKeyPkcs8Pem };
}

// ---------------------------------------------------------------------------------------------------------------
// Chain verification
// ---------------------------------------------------------------------------------------------------------------

export type CertificateLike = string | Uint8Array | CertificateInfo | { certificatePem: string } | CaMaterial;

export interface ChainVerification {
  valid: boolean;
  /** Why the chain is not valid, written for people. */
  reason?: string;
  /** Leaf first, then issuers as far as they could be found. */
  path: CertificateInfo[];
}

export interface VerifyChainOptions {
  now?: Date;
}

function toX509(c: CertificateLike): x509.X509Certificate {
  if (typeof c === "string" || c instanceof Uint8Array) return new x509.X509Certificate(certificateDer(c));
  if ("derBase64" in c) return new x509.X509Certificate(Buffer.from(c.derBase64, "base64"));
  return new x509.X509Certificate(certificateDer(c.certificatePem));
}

function expandTrust(chain: CaMaterial | readonly CertificateLike[]): x509.X509Certificate[] {
  const items: CertificateLike[] = [];
  const add = (c: CertificateLike) => {
    items.push(c);
    if (typeof c === "object" && !(c instanceof Uint8Array) && "chainPems" in c && c.chainPems) items.push(...c.chainPems);
  };
  if (Array.isArray(chain)) (chain as readonly CertificateLike[]).forEach(add);
  else add(chain as CaMaterial);
  return items.map(toX509);
}

function describeCert(info: CertificateInfo): string {
  return info.subjectCommonName ? `"${info.subjectCommonName}"` : `"${info.subject}"`;
}

/**
 * Verify `leaf` against `chain` (the CA material — with its own chainPems — or a list of CA certificates).
 * The path must end at a self-signed certificate from `chain` (the trusted root); every signature must verify,
 * every certificate must be within its validity period, and every issuer must be a CA allowed to sign certificates.
 */
export async function verifyChain(
  leaf: CertificateLike,
  chain: CaMaterial | readonly CertificateLike[],
  options: VerifyChainOptions = {},
): Promise<ChainVerification> {
  const now = options.now ?? new Date();
  let leafCert: x509.X509Certificate;
  let pool: x509.X509Certificate[];
  try {
    leafCert = toX509(leaf);
    pool = expandTrust(chain);
  } catch (err) {
    if (err instanceof PkiInputError) return { valid: false, reason: err.message, path: [] };
    return { valid: false, reason: "A certificate could not be read.", path: [] };
  }
  const built = await new x509.X509ChainBuilder({ certificates: pool }).build(leafCert);
  const certs = [...built];
  const path = certs.map((c) => parseCertificate(new Uint8Array(c.rawData)));
  const fail = (reason: string): ChainVerification => ({ valid: false, reason, path });

  const top = certs[certs.length - 1]!;
  const topInfo = path[path.length - 1]!;
  if (!topInfo.isSelfSigned) {
    const namesake = pool.find((p) => p.subject === top.issuer);
    if (namesake) {
      return fail(
        `The signature of ${describeCert(topInfo)} could not be verified with the public key of "${topInfo.issuer}": the certificate was altered or issued by a different key.`,
      );
    }
    return fail(
      `The issuer of ${describeCert(topInfo)} ("${topInfo.issuer}") was not found: the certificate chain could not be built to a trusted root certification authority.`,
    );
  }
  const topThumb = topInfo.thumbprint;
  const trusted = pool.some((p) => Buffer.from(p.rawData).equals(Buffer.from(top.rawData)));
  if (!trusted) {
    return fail(
      certs.length === 1
        ? `${describeCert(topInfo)} is self-signed and is not a trusted root certification authority.`
        : `The root certificate ${describeCert(topInfo)} (${topThumb}) is not trusted.`,
    );
  }

  for (let i = 0; i < certs.length; i++) {
    const info = path[i]!;
    const cert = certs[i]!;
    const issuer = certs[i + 1] ?? cert; // the root signs itself
    if (!(await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true }))) {
      return fail(`The signature of ${describeCert(info)} is not valid.`);
    }
    if (now.getTime() > new Date(info.notAfter).getTime()) {
      return fail(`The certificate ${describeCert(info)} expired on ${info.notAfter}.`);
    }
    if (now.getTime() < new Date(info.notBefore).getTime()) {
      return fail(`The certificate ${describeCert(info)} is not valid before ${info.notBefore}.`);
    }
    if (i > 0) {
      if (!info.isCa) return fail(`${describeCert(info)} is not a certification authority (basicConstraints cA is not set).`);
      if (info.keyUsage.length > 0 && !info.keyUsage.includes("keyCertSign")) {
        return fail(`${describeCert(info)} is not allowed to sign certificates (its key usage lacks keyCertSign).`);
      }
      // pathLenConstraint counts the CA certificates below this one (excluding the leaf).
      const casBelow = i - 1;
      if (info.pathLength !== null && casBelow > info.pathLength) {
        return fail(`${describeCert(info)} allows at most ${info.pathLength} subordinate CA(s) below it (path length constraint).`);
      }
    }
  }
  return { valid: true, path };
}
