// What Entra adds to a token response for an MSAL client (issue 10 part 4): MSAL Node always asks for
// "openid profile offline_access" besides the resource scope and sends client_info=1; Entra then answers with an
// id_token (v2.0 claims) and client_info (base64url {"uid","utid"}). MSAL builds its account (homeAccountId
// "<uid>.<utid>", tenantId, username) from these; without them acquireTokenByUsernamePassword still returns an access
// token but no account, so nothing can be found again with getAllAccounts/acquireTokenSilent.
import { createHash, randomUUID } from "node:crypto";
import { SignJWT, importJWK } from "jose";
import type { Db } from "../db/client.ts";
import { TOKEN_LIFETIME_SECONDS, issuerFor, signingKey } from "../auth/jwt.ts";

export type IdTokenSubject = { tenantId: string; userId: string; userPrincipalName: string; displayName: string; mail?: string | null };

const b64url = (b: Buffer) => b.toString("base64url");

/** The scopes of a token request ("a b c"), lowercased. */
export function requestedScopes(scope: string | undefined): Set<string> {
  return new Set((scope ?? "").split(/\s+/).filter(Boolean).map((s) => s.toLowerCase()));
}

/** client_info as Entra returns it when the request has client_info=1. */
export function clientInfo(s: Pick<IdTokenSubject, "tenantId" | "userId">): string {
  return b64url(Buffer.from(JSON.stringify({ uid: s.userId, utid: s.tenantId })));
}

/**
 * A v2.0 id token: audience the client id, issuer the tenant's issuer on this origin, `sub` pairwise per application
 * (Entra's subject_types_supported is "pairwise"), preferred_username the UPN, email only when "email" was asked.
 */
export async function signIdToken(db: Db, origin: string, s: IdTokenSubject, clientId: string, scopes: Set<string>): Promise<string> {
  const { kid, privateJwk } = await signingKey(db);
  const key = await importJWK(privateJwk, "RS256");
  const sub = b64url(createHash("sha256").update(`${s.userId}:${clientId.toLowerCase()}`).digest()).slice(0, 43);
  return new SignJWT({
    ver: "2.0",
    tid: s.tenantId,
    oid: s.userId,
    ...(scopes.has("profile") ? { name: s.displayName } : {}),
    preferred_username: s.userPrincipalName,
    ...(scopes.has("email") && s.mail ? { email: s.mail } : {}),
    uti: b64url(Buffer.from(randomUUID().replace(/-/g, ""), "hex")).slice(0, 22),
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid })
    .setIssuer(issuerFor(origin, s.tenantId))
    .setAudience(clientId)
    .setSubject(sub)
    .setIssuedAt()
    .setNotBefore("0s")
    .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
    .sign(key);
}
