/**
 * PKCS#12 (.pfx / .p12): build one for the lab (IIS certificate export, PKCS imported certificates) and read the
 * ones users upload, whether OpenSSL 3 defaults (PBES2 AES-256-CBC + PBKDF2, HMAC-SHA256 MAC) or legacy
 * (3DES / RC2-40, SHA-1 MAC). node-forge does the PKCS#12 crypto because WebCrypto has no 3DES or RC2.
 *
 * Also hostname matching for server certificates (the NDES IIS binding, the app proxy's external URL).
 */
import { createPrivateKey, createPublicKey, X509Certificate as NodeX509Certificate } from "node:crypto";
import forge from "node-forge";
import {
  detectCertificateFile,
  parseCertificate,
  pemBlocks,
  PkiInputError,
  toPem,
  type CertificateInfo,
} from "./certificate-info.js";

export type PfxAlgorithm = "aes256" | "3des";

export interface CreatePfxOptions {
  certificatePem: string;
  /** PKCS#8 ("BEGIN PRIVATE KEY") or PKCS#1 ("BEGIN RSA PRIVATE KEY") PEM of the certificate's RSA key. */
  privateKeyPkcs8Pem: string;
  /** Issuer certificates to include (issuing CA, root). */
  chainPems?: string[];
  password: string;
  /**
   * "aes256" (default): key bag PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC, as modern Windows and OpenSSL 3 write.
   * "3des": pbeWithSHAAnd3-KeyTripleDES-CBC, the legacy format older Windows and Android versions need.
   * Certificates are stored unencrypted; the MAC is HMAC-SHA1 (node-forge's only MAC).
   */
  algorithm?: PfxAlgorithm;
  /** Friendly name shown in the Windows certificate store. */
  friendlyName?: string;
  /** PBKDF/MAC iteration count (default 2048, like OpenSSL). */
  iterations?: number;
}

export interface ParsedPfx {
  /** The end-entity: the certificate whose public key matches the private key, else the first non-CA certificate. */
  certificate: CertificateInfo;
  /** The other certificates, issuer order from the end-entity where it can be followed. */
  chain: CertificateInfo[];
  hasPrivateKey: boolean;
  privateKeyMatchesCertificate: boolean;
  /** The private key as unencrypted PKCS#8 PEM, when the file holds one. */
  privateKeyPkcs8Pem?: string;
  friendlyName?: string;
}

function pemToForgeKey(pem: string): forge.pki.rsa.PrivateKey {
  try {
    return forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  } catch (err) {
    throw new PkiInputError("The private key could not be read (an unencrypted RSA PEM key is needed).", { cause: err });
  }
}

function pemToForgeCert(pem: string, what: string): forge.pki.Certificate {
  try {
    return forge.pki.certificateFromPem(pem);
  } catch (err) {
    throw new PkiInputError(`The ${what} could not be read (an RSA certificate in PEM form is needed).`, { cause: err });
  }
}

function spkiOfCertificate(der: Uint8Array): Buffer {
  return new NodeX509Certificate(der).publicKey.export({ type: "spki", format: "der" });
}

function spkiOfPrivateKey(pkcs8Der: Uint8Array): Buffer {
  return createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8Der), format: "der", type: "pkcs8" })).export({
    type: "spki",
    format: "der",
  });
}

/** Build a PFX holding the certificate, its private key and optionally the chain. Returns DER bytes. */
export function createPfx(options: CreatePfxOptions): Uint8Array {
  const key = pemToForgeKey(options.privateKeyPkcs8Pem);
  const cert = pemToForgeCert(options.certificatePem, "certificate");
  const chain = (options.chainPems ?? []).flatMap((pem) =>
    pemBlocks(pem)
      .filter((b) => b.label === "CERTIFICATE")
      .map((b) => pemToForgeCert(toPem(b.der), "chain certificate")),
  );

  // The key must belong to the certificate: a PFX with a foreign key imports but never works.
  const certDer = new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), "binary"));
  const keyDer = new Uint8Array(
    Buffer.from(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))).getBytes(), "binary"),
  );
  if (!spkiOfCertificate(certDer).equals(spkiOfPrivateKey(keyDer))) {
    throw new PkiInputError("The private key does not belong to the certificate.");
  }

  const algorithm = options.algorithm ?? "aes256";
  const asn = forge.pkcs12.toPkcs12Asn1(key, [cert, ...chain], options.password, {
    algorithm,
    count: options.iterations ?? 2048,
    generateLocalKeyId: true,
    ...(options.friendlyName ? { friendlyName: options.friendlyName } : {}),
    // PBES2 PRF; ignored by the 3DES (PKCS#12 PBE) path. Not in @types/node-forge, but forge passes it through.
    ...({ prfAlgorithm: "sha256" } as object),
  });
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn).getBytes(), "binary"));
}

const WRONG_PASSWORD = "The password is incorrect for this PFX file.";

function isPasswordError(message: string): boolean {
  return /MAC could not be verified|wrong password|Failed to decrypt|Invalid password/i.test(message);
}

function forgeCertDer(bag: forge.pkcs12.Bag): Uint8Array | null {
  // forge keeps the parsed TBSCertificate, so re-encoding gives back the original bytes; unknown key types come as asn1.
  const asn = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
  if (!asn) return null;
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn).getBytes(), "binary"));
}

function forgeKeyPkcs8Der(bag: forge.pkcs12.Bag): Uint8Array | null {
  const asn = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
  if (!asn) return null;
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn).getBytes(), "binary"));
}

function firstAttribute(bag: forge.pkcs12.Bag, name: string): string | undefined {
  const attrs = bag.attributes as Record<string, unknown[] | undefined> | undefined;
  const v = attrs?.[name]?.[0];
  return typeof v === "string" ? v : undefined;
}

/** Read a PFX with its password. Throws PkiInputError for a wrong password or a file that is not a PFX. */
export function parsePfx(bytes: Uint8Array, password: string): ParsedPfx {
  const kind = detectCertificateFile(bytes);
  if (kind !== "pfx") {
    if (kind === "der-certificate" || kind === "pem-certificate") {
      throw new PkiInputError("The file is a certificate without its private key (.cer), not a PFX (.pfx/.p12) file.");
    }
    throw new PkiInputError("The file is not a PFX (.pfx/.p12) file.");
  }
  // base64 text of a PFX is accepted too
  const der =
    bytes.length > 0 && bytes[0] === 0x30 ? bytes : new Uint8Array(Buffer.from(Buffer.from(bytes).toString("latin1").replace(/\s+/g, ""), "base64"));

  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString("binary")), false);
    p12 = forge.pkcs12.pkcs12FromAsn1(asn, false, password);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (isPasswordError(message)) throw new PkiInputError(WRONG_PASSWORD, { cause: err });
    if (/unsupported|not supported/i.test(message)) {
      throw new PkiInputError(`The PFX file uses a format or algorithm that is not supported (${message}).`, { cause: err });
    }
    // A wrong password on an encrypted bag without MAC usually surfaces as garbage ASN.1.
    throw new PkiInputError(`${WRONG_PASSWORD} (or the file is damaged)`, { cause: err });
  }

  const bags = p12.safeContents.flatMap((sc) => sc.safeBags);
  const certBags = bags.filter((b) => b.type === forge.pki.oids.certBag);
  const keyBags = bags.filter((b) => b.type === forge.pki.oids.keyBag || b.type === forge.pki.oids.pkcs8ShroudedKeyBag);

  const certs = certBags
    .map((b) => ({ bag: b, der: forgeCertDer(b) }))
    .filter((c): c is { bag: forge.pkcs12.Bag; der: Uint8Array } => c.der !== null)
    .map((c) => ({ ...c, info: parseCertificate(c.der) }));
  if (certs.length === 0) throw new PkiInputError("The PFX file does not contain a certificate.");

  const keyBag = keyBags[0];
  const keyDer = keyBag ? forgeKeyPkcs8Der(keyBag) : null;
  const keySpki = keyDer ? spkiOfPrivateKey(keyDer) : null;

  const matching = keySpki ? certs.find((c) => spkiOfCertificate(c.der).equals(keySpki)) : undefined;
  const endEntity = matching ?? certs.find((c) => !c.info.isCa) ?? certs[0]!;
  const others = certs.filter((c) => c !== endEntity);

  // Follow issuer links from the end-entity; anything left over goes last in file order.
  const chain: typeof certs = [];
  let current = endEntity;
  for (;;) {
    if (current.info.isSelfSigned) break;
    const next = others.find((c) => !chain.includes(c) && c.info.subject === current.info.issuer);
    if (!next) break;
    chain.push(next);
    current = next;
  }
  for (const c of others) if (!chain.includes(c)) chain.push(c);

  const friendlyName = (keyBag && firstAttribute(keyBag, "friendlyName")) ?? firstAttribute(endEntity.bag, "friendlyName");
  return {
    certificate: endEntity.info,
    chain: chain.map((c) => c.info),
    hasPrivateKey: keyDer !== null,
    privateKeyMatchesCertificate: matching !== undefined,
    ...(keyDer ? { privateKeyPkcs8Pem: toPem(keyDer, "PRIVATE KEY") } : {}),
    ...(friendlyName ? { friendlyName } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Host names
// ---------------------------------------------------------------------------------------------------------------

function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, "");
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
}

function dnsNameMatches(pattern: string, host: string): boolean {
  const p = normalizeHost(pattern);
  if (p === host) return true;
  // Single-label wildcard, leftmost label only, and never for a bare TLD-ish "*.com" style two-label pattern.
  if (!p.startsWith("*.")) return false;
  const suffix = p.slice(2);
  if (!suffix.includes(".") || suffix.includes("*")) return false;
  const dot = host.indexOf(".");
  if (dot <= 0) return false;
  return host.slice(dot + 1) === suffix;
}

/**
 * Does the certificate cover `host`? DNS SANs are used; the subject CN only when there are no DNS SANs.
 * "*.contoso.com" matches "ndes.contoso.com" but not "a.b.contoso.com" or "contoso.com". IP hosts match IP SANs.
 */
export function matchesHostname(
  info: Pick<CertificateInfo, "subjectAlternativeNames" | "subjectCommonName">,
  host: string,
): boolean {
  const h = normalizeHost(host);
  if (!h) return false;
  if (isIpAddress(h)) return info.subjectAlternativeNames.some((s) => s.type === "ip" && s.value.toLowerCase() === h);
  const dns = info.subjectAlternativeNames.filter((s) => s.type === "dns").map((s) => s.value);
  const candidates = dns.length > 0 ? dns : info.subjectCommonName ? [info.subjectCommonName] : [];
  return candidates.some((c) => dnsNameMatches(c, h));
}
