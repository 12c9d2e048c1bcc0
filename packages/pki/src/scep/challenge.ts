/**
 * The Intune-style SCEP challenge (rules-reference.md Part B, challenge semantics, S1): "a custom challenge blob
 * that it encrypts and signs. The blob isn't readable by the device. Only the policy module and the Intune
 * service can read and verify the challenge blob. The blob includes details that Intune expects to be provided by
 * the device in its certificate signing request (CSR)." Here: the claims are signed with ECDSA P-256 (the
 * simulated Intune service's key), then sealed with AES-256-GCM; standard base64 so it fits the CSR's
 * PrintableString challengePassword. Single use is the caller's job (the jti is stored in the database).
 */
import { createCipheriv, createDecipheriv, generateKeyPairSync, randomBytes, randomUUID, sign, verify } from "node:crypto";
import { normalizeDn } from "../certificate-info.js";
import { privateKeyOf, publicKeyOfPrivate } from "./key-cache.js";
import type { ScepCsr } from "./csr.js";

export interface ChallengeKeys {
  /** PKCS#8 PEM, EC P-256: signs the claims. */
  signingKeyPem: string;
  /** base64, 32 bytes: AES-256-GCM. */
  encryptionKey: string;
}

export function newChallengeKeys(): ChallengeKeys {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { signingKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), encryptionKey: randomBytes(32).toString("base64") };
}

export interface ChallengeClaims {
  /** Challenge id (stored on first use: single use). */
  jti: string;
  tenantId: string;
  profileId: string;
  deviceName: string;
  userId?: string;
  /** Expected subject, RFC 4514. */
  subject: string;
  subjectAlternativeNames: { type: string; value: string }[];
  /** Key usage names the profile asks for ("digitalSignature", "keyEncipherment"). */
  keyUsage: string[];
  /** EKU OIDs the profile asks for. */
  extendedKeyUsage: string[];
  keySize: number;
  /** ISO. */
  issuedDateTime: string;
  expiresDateTime: string;
}

const VERSION = 1;

export function mintChallenge(keys: ChallengeKeys, claims: Omit<ChallengeClaims, "jti" | "issuedDateTime"> & { jti?: string; issuedDateTime?: string }): { challenge: string; claims: ChallengeClaims } {
  const full: ChallengeClaims = { ...claims, jti: claims.jti ?? randomUUID(), issuedDateTime: claims.issuedDateTime ?? new Date().toISOString() };
  const payload = Buffer.from(JSON.stringify(full), "utf8");
  const signature = sign("sha256", payload, privateKeyOf(keys.signingKeyPem));
  const sealed = Buffer.concat([Buffer.from([signature.length]), signature, payload]);
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", Buffer.from(keys.encryptionKey, "base64"), iv);
  const ct = Buffer.concat([c.update(sealed), c.final()]);
  return { challenge: Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), ct]).toString("base64"), claims: full };
}

export type ChallengeVerdict =
  | { ok: true; claims: ChallengeClaims }
  | { ok: false; reason: "missing" | "tampered" | "expired" | "mismatch"; message: string; claims?: ChallengeClaims };

/** Open and check a challenge (signature, expiry). The binding to the CSR is checked by `checkBinding`. */
export function openChallenge(keys: ChallengeKeys, challenge: string | undefined, now = new Date()): ChallengeVerdict {
  if (!challenge) return { ok: false, reason: "missing", message: "The request has no challenge password." };
  const tampered = { ok: false as const, reason: "tampered" as const, message: "The challenge could not be decrypted or its signature is not valid (tampered or not issued by Intune)." };
  const raw = Buffer.from(challenge.replace(/\s+/g, ""), "base64");
  if (raw.length < 1 + 12 + 16 + 2 || raw[0] !== VERSION) return tampered;
  let sealed: Buffer;
  try {
    const d = createDecipheriv("aes-256-gcm", Buffer.from(keys.encryptionKey, "base64"), raw.subarray(1, 13));
    d.setAuthTag(raw.subarray(13, 29));
    sealed = Buffer.concat([d.update(raw.subarray(29)), d.final()]);
  } catch {
    return tampered;
  }
  const sigLen = sealed[0]!;
  const signature = sealed.subarray(1, 1 + sigLen);
  const payload = sealed.subarray(1 + sigLen);
  const pub = publicKeyOfPrivate(keys.signingKeyPem);
  if (!verify("sha256", payload, pub, signature)) return tampered;
  let claims: ChallengeClaims;
  try {
    claims = JSON.parse(payload.toString("utf8")) as ChallengeClaims;
  } catch {
    return tampered;
  }
  if (Date.parse(claims.expiresDateTime) <= now.getTime())
    return { ok: false, reason: "expired", message: `Request denied due to expired certificate challenge (expired ${claims.expiresDateTime}). The client device can retry after obtaining a new challenge from the management server.`, claims };
  return { ok: true, claims };
}

const sanKey = (s: { type: string; value: string }) => `${s.type.toLowerCase()}:${s.value.toLowerCase()}`;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

/**
 * The policy module's VerifyRequest: the CSR must ask for what the challenge was minted for: the same subject
 * (compared as an RDN sequence), the same subject alternative names, the key size, and — when the CSR carries them —
 * the key usage and EKU.
 */
export function checkBinding(claims: ChallengeClaims, csr: ScepCsr): { ok: true } | { ok: false; message: string } {
  let expected: string;
  try {
    expected = normalizeDn(claims.subject);
  } catch {
    expected = claims.subject.toLowerCase();
  }
  if (expected !== csr.subjectNormalized)
    return { ok: false, message: `Subject Name in CSR and challenge do not match: the CSR asks for "${csr.subject}", the challenge is for "${claims.subject}".` };
  const want = claims.subjectAlternativeNames.map(sanKey);
  const got = csr.subjectAlternativeNames.map(sanKey);
  if (!sameSet(want, got))
    return { ok: false, message: `Subject Alternative Name in CSR and challenge do not match: the CSR asks for [${got.join(", ")}], the challenge is for [${want.join(", ")}].` };
  if (csr.keySize !== claims.keySize) return { ok: false, message: `The CSR's key is ${csr.keySize} bits; the profile asks for ${claims.keySize}.` };
  if (csr.keyUsage && !sameSet(csr.keyUsage.filter((k) => k === "digitalSignature" || k === "keyEncipherment"), claims.keyUsage))
    return { ok: false, message: `Key usage in CSR (${csr.keyUsage.join(", ")}) and challenge (${claims.keyUsage.join(", ")}) do not match.` };
  if (csr.extendedKeyUsage && !csr.extendedKeyUsage.every((e) => claims.extendedKeyUsage.includes(e)))
    return { ok: false, message: `Extended key usage in CSR (${csr.extendedKeyUsage.join(", ")}) is not what the profile asks for (${claims.extendedKeyUsage.join(", ") || "none"}).` };
  return { ok: true };
}
