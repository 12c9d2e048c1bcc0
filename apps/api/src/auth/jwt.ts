// Access tokens of the Entra-style token endpoint: RS256 JWTs whose signing keys are created on first
// use and kept in the database (never in the repository). The JWKS endpoint publishes the public halves.
import { randomUUID } from "node:crypto";
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, decodeProtectedHeader, type JWK } from "jose";
import type { Db } from "../db/client.ts";

/** Microsoft Graph's application id: the audience of Graph access tokens. */
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const GRAPH_AUDIENCE = "https://graph.microsoft.com";
export const TOKEN_LIFETIME_SECONDS = 3600;

export interface AccessTokenClaims {
  tid: string;
  oid: string;
  upn?: string;
  name?: string;
  appid: string;
  idtyp: "user" | "app";
  scp?: string;
  roles?: string[];
}

/** The current signing key (also signs the id tokens of oauth/id-token.ts). */
export async function signingKey(db: Db): Promise<{ kid: string; privateJwk: JWK }> {
  const existing = await db.signingKey.findFirst({ orderBy: { createdDateTime: "desc" } });
  if (existing) return { kid: existing.kid, privateJwk: JSON.parse(existing.privateJwk) as JWK };
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID().replace(/-/g, "");
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  try {
    await db.signingKey.create({ data: { kid, privateJwk: JSON.stringify(privateJwk), publicJwk: JSON.stringify(publicJwk) } });
    return { kid, privateJwk };
  } catch {
    // Another process created one at the same moment: use the stored key.
    const stored = await db.signingKey.findFirstOrThrow({ orderBy: { createdDateTime: "desc" } });
    return { kid: stored.kid, privateJwk: JSON.parse(stored.privateJwk) as JWK };
  }
}

export async function publicJwks(db: Db): Promise<{ keys: JWK[] }> {
  await signingKey(db);
  const rows = await db.signingKey.findMany({ orderBy: { createdDateTime: "desc" } });
  return { keys: rows.map((r) => JSON.parse(r.publicJwk) as JWK) };
}

export function issuerFor(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}/v2.0`;
}

export async function signAccessToken(db: Db, origin: string, claims: AccessTokenClaims): Promise<string> {
  const { kid, privateJwk } = await signingKey(db);
  const key = await importJWK(privateJwk, "RS256");
  return new SignJWT({ ...claims, ver: "2.0", azp: claims.appid })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid })
    .setIssuer(issuerFor(origin, claims.tid))
    .setAudience(GRAPH_AUDIENCE)
    .setSubject(claims.oid)
    .setIssuedAt()
    .setNotBefore("0s")
    .setJti(randomUUID())
    .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
    .sign(key);
}

export function looksLikeJwt(token: string): boolean {
  return token.split(".").length === 3;
}

/**
 * The public key of a kid, imported once per process. A signing key row is never changed once written
 * (a new key gets a new kid), so this cache cannot go stale; unknown kids are looked up every time,
 * so a key another process created is found on first use. Kept per database client.
 */
const verificationKeysByDb = new WeakMap<Db, Map<string, ReturnType<typeof importJWK>>>();
const MAX_CACHED_KEYS = 64;

async function verificationKey(db: Db, kid: string): ReturnType<typeof importJWK> {
  let verificationKeys = verificationKeysByDb.get(db);
  if (!verificationKeys) verificationKeysByDb.set(db, (verificationKeys = new Map()));
  const cached = verificationKeys.get(kid);
  if (cached) return cached;
  const row = await db.signingKey.findUnique({ where: { kid } });
  if (!row) throw new Error("unknown signing key");
  const key = importJWK(JSON.parse(row.publicJwk) as JWK, "RS256");
  if (verificationKeys.size >= MAX_CACHED_KEYS) verificationKeys.clear();
  verificationKeys.set(kid, key);
  return key;
}

/** Verifies signature, expiry and audience. The issuer must be this server's issuer for the token's own tenant. */
export async function verifyAccessToken(db: Db, token: string): Promise<AccessTokenClaims & { iss: string }> {
  const { kid } = decodeProtectedHeader(token);
  if (!kid) throw new Error("token has no kid");
  const key = await verificationKey(db, kid);
  const { payload } = await jwtVerify(token, key, { audience: [GRAPH_AUDIENCE, GRAPH_APP_ID], algorithms: ["RS256"] });
  const claims = payload as unknown as AccessTokenClaims & { iss: string };
  if (typeof claims.tid !== "string" || typeof claims.oid !== "string" || !claims.iss?.endsWith(`/${claims.tid}/v2.0`)) {
    throw new Error("token claims are incomplete");
  }
  return claims;
}
