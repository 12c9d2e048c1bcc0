/**
 * A lab certification authority: an offline root and an enterprise issuing (subordinate) CA, as in a two-tier
 * AD CS hierarchy. Keys are WebCrypto CryptoKeys while in use and PKCS#8 PEM at rest (CaMaterial).
 */
import { createPrivateKey, createPublicKey } from "node:crypto";
import { x509, webcrypto, type CryptoKey, type CryptoKeyPair } from "./x509-setup.js";
import { nameFromRfc4514, parseCertificate, PkiInputError, toPem, type CertificateInfo } from "./certificate-info.js";

export type HashAlgorithm = "SHA-256" | "SHA-1" | "SHA-384" | "SHA-512";
export type RsaKeySize = 2048 | 3072 | 4096;

/** What we store for a CA. `hash` and `chainPems` are optional extras (older material may lack them). */
export interface CaMaterial {
  certificatePem: string;
  certificateDerBase64: string;
  privateKeyPkcs8Pem: string;
  info: CertificateInfo;
  /** Hash the CA signs with (AD CS "CSP hash algorithm"). Defaults to the hash of the CA certificate's own signature. */
  hash?: HashAlgorithm;
  /** Issuer certificates above this CA, nearest first (the root last). Empty or absent for a root. */
  chainPems?: string[];
}

export interface RootCaOptions {
  commonName: string;
  /** Appended after the CN, RFC 4514 order, e.g. "DC=corp,DC=contoso,DC=com". */
  dnSuffix?: string;
  validityYears?: number;
  keySize?: RsaKeySize;
  hash?: HashAlgorithm;
  notBefore?: Date;
  serialNumber?: string;
}

export interface SubordinateCaOptions extends RootCaOptions {
  /** CRL distribution point URL written into the subordinate CA certificate (where the parent publishes its CRL). */
  crlUrl?: string;
  /** AIA caIssuers URL (where the parent's certificate can be downloaded). */
  aiaUrl?: string;
  /** basicConstraints pathLenConstraint; default 0 (an issuing CA). */
  pathLength?: number;
}

/** A CA ready to sign. */
export interface LoadedCa {
  material: CaMaterial;
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
  hash: HashAlgorithm;
}

export const RSA_ALGORITHM = "RSASSA-PKCS1-v1_5";

export async function generateRsaKeyPair(keySize: number = 2048, hash: HashAlgorithm = "SHA-256"): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(
    { name: RSA_ALGORITHM, modulusLength: keySize, publicExponent: new Uint8Array([1, 0, 1]), hash },
    true,
    ["sign", "verify"],
  );
}

export async function exportPkcs8Pem(key: CryptoKey): Promise<string> {
  const der = new Uint8Array(await webcrypto.subtle.exportKey("pkcs8", key));
  return toPem(der, "PRIVATE KEY");
}

/** Import a PKCS#8 PEM RSA private key as a signing CryptoKey using `hash`. */
export async function importPkcs8Pem(pem: string, hash: HashAlgorithm = "SHA-256"): Promise<CryptoKey> {
  const m = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem);
  if (!m) throw new PkiInputError("The private key is not a PKCS#8 PEM (\"-----BEGIN PRIVATE KEY-----\") block.");
  const der = Buffer.from((m[1] ?? "").replace(/\s+/g, ""), "base64");
  try {
    return await webcrypto.subtle.importKey("pkcs8", der, { name: RSA_ALGORITHM, hash }, true, ["sign"]);
  } catch (err) {
    throw new PkiInputError("The private key could not be read (only RSA PKCS#8 keys are supported).", { cause: err });
  }
}

export function addYears(date: Date, years: number): Date {
  const d = new Date(date.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function caSubject(commonName: string, dnSuffix?: string): x509.Name {
  const cn = commonName.replace(/([,+"\\<>;=])/g, "\\$1");
  const suffix = dnSuffix?.trim();
  return nameFromRfc4514(suffix ? `CN=${cn},${suffix}` : `CN=${cn}`);
}

function hashFromSignature(info: CertificateInfo): HashAlgorithm {
  const s = info.signatureAlgorithm.toLowerCase();
  if (s.startsWith("sha1")) return "SHA-1";
  if (s.startsWith("sha384")) return "SHA-384";
  if (s.startsWith("sha512")) return "SHA-512";
  return "SHA-256";
}

async function materialFrom(
  cert: x509.X509Certificate,
  privateKey: CryptoKey,
  hash: HashAlgorithm,
  chainPems: string[],
): Promise<CaMaterial> {
  const der = new Uint8Array(cert.rawData);
  return {
    certificatePem: toPem(der),
    certificateDerBase64: Buffer.from(der).toString("base64"),
    privateKeyPkcs8Pem: await exportPkcs8Pem(privateKey),
    info: parseCertificate(der),
    hash,
    chainPems,
  };
}

const CA_KEY_USAGE =
  x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature;

/** A self-signed root CA (basicConstraints cA critical, KU keyCertSign+cRLSign+digitalSignature, SKI). */
export async function createRootCa(options: RootCaOptions): Promise<CaMaterial> {
  const hash = options.hash ?? "SHA-256";
  const keys = await generateRsaKeyPair(options.keySize ?? 2048, hash);
  const notBefore = options.notBefore ?? new Date();
  const name = caSubject(options.commonName, options.dnSuffix);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    notBefore,
    notAfter: addYears(notBefore, options.validityYears ?? 20),
    ...(options.serialNumber ? { serialNumber: options.serialNumber } : {}),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(CA_KEY_USAGE, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return materialFrom(cert, keys.privateKey, hash, []);
}

/** An issuing CA signed by `parent` (pathLen 0 by default; AKI; CDP/AIA when URLs are given). */
export async function createSubordinateCa(parent: CaMaterial, options: SubordinateCaOptions): Promise<CaMaterial> {
  const issuer = await loadCa(parent);
  const hash = options.hash ?? "SHA-256";
  const keys = await generateRsaKeyPair(options.keySize ?? 2048, hash);
  const notBefore = options.notBefore ?? new Date();
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(true, options.pathLength ?? 0, true),
    new x509.KeyUsagesExtension(CA_KEY_USAGE, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    await authorityKeyIdentifier(issuer.certificate),
  ];
  if (options.crlUrl) extensions.push(new x509.CRLDistributionPointsExtension([options.crlUrl]));
  if (options.aiaUrl) extensions.push(new x509.AuthorityInfoAccessExtension({ caIssuers: [options.aiaUrl] }));
  const cert = await x509.X509CertificateGenerator.create({
    subject: caSubject(options.commonName, options.dnSuffix),
    issuer: issuer.certificate.subjectName,
    publicKey: keys.publicKey,
    signingKey: issuer.privateKey,
    notBefore,
    notAfter: addYears(notBefore, options.validityYears ?? 10),
    ...(options.serialNumber ? { serialNumber: options.serialNumber } : {}),
    extensions,
  });
  return materialFrom(cert, keys.privateKey, hash, [parent.certificatePem, ...(parent.chainPems ?? [])]);
}

/** AKI for certificates issued by `issuer`: its SKI when it has one, else computed from its public key. */
export async function authorityKeyIdentifier(issuer: x509.X509Certificate): Promise<x509.AuthorityKeyIdentifierExtension> {
  const ski = issuer.getExtension(x509.SubjectKeyIdentifierExtension);
  if (ski) return new x509.AuthorityKeyIdentifierExtension(ski.keyId);
  return x509.AuthorityKeyIdentifierExtension.create(issuer.publicKey);
}

/** Turn stored material back into a signing CA. */
export async function loadCa(material: CaMaterial): Promise<LoadedCa> {
  let certificate: x509.X509Certificate;
  try {
    certificate = new x509.X509Certificate(Buffer.from(material.certificateDerBase64, "base64"));
  } catch (err) {
    throw new PkiInputError("The CA certificate could not be read.", { cause: err });
  }
  const hash = material.hash ?? hashFromSignature(material.info);
  const privateKey = await importPkcs8Pem(material.privateKeyPkcs8Pem, hash);
  // The key must belong to the certificate, or everything it signs would fail to verify.
  const spkiFromCert = Buffer.from(certificate.publicKey.rawData);
  const spkiFromKey = createPublicKey(createPrivateKey(material.privateKeyPkcs8Pem)).export({ type: "spki", format: "der" });
  if (!spkiFromCert.equals(spkiFromKey)) {
    throw new PkiInputError("The CA private key does not match the CA certificate.");
  }
  return { material, certificate, privateKey, hash };
}

export type CaCertificateFormat = "der" | "base64" | "pem";

/**
 * The CA certificate as `certutil -ca.cert` would write it: "der" → DER bytes; "base64" → the base64 body only
 * (no BEGIN/END lines, 64-column lines); "pem" → the full "-----BEGIN CERTIFICATE-----" text (Base-64 encoded X.509 .cer).
 */
export function exportCaCertificate(ca: CaMaterial, format: "der"): Uint8Array;
export function exportCaCertificate(ca: CaMaterial, format: "base64" | "pem"): string;
export function exportCaCertificate(ca: CaMaterial, format: CaCertificateFormat): Uint8Array | string;
export function exportCaCertificate(ca: CaMaterial, format: CaCertificateFormat): Uint8Array | string {
  const der = new Uint8Array(Buffer.from(ca.certificateDerBase64, "base64"));
  if (format === "der") return der;
  const pem = toPem(der);
  if (format === "pem") return pem;
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----\n?/g, "");
}
