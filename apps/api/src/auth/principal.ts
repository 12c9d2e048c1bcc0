// Resolves who is calling: the portal's session cookie, a personal API token, or a JWT from the token
// endpoint (both as Authorization: Bearer). The result acts with the user's roles in that tenant only.
//
// A principal is resolved with ONE database query (issue 9): the credential row, its user and the user's role
// assignments (direct, or through a group the user is a direct member of) joined in one statement. On SQLite the
// result is kept in a stamped cache (db/stamped-cache.ts) keyed by the credential's SHA-256 and valid only while
// the database's data version is unchanged: any commit, in this or any other API process, makes it stale, so a
// sign-out, a revoked token, a disabled user or a removed role still takes effect on the very next request
// everywhere (docs/operations.md); a session's or token's expiry is checked on every use. On PostgreSQL (no cheap
// stamp) every request runs the query. The SQL is the subset SQLite and PostgreSQL share (double-quoted
// identifiers, bound parameters, LEFT JOIN + IN), sent on the read fast path (db/fast-read.ts).
import type { Db } from "../db/client.ts";
import { asBoolean, asDate, fastAll } from "../db/fast-read.ts";
import { StampedCache, type Stamp } from "../db/stamped-cache.ts";
import type { User } from "../generated/sqlite/client.ts";
import type { Principal } from "../http/context.ts";
import { sha256, API_TOKEN_PREFIX } from "./secrets.ts";
import { looksLikeJwt, verifyAccessToken } from "./jwt.ts";

/** Role definition ids a user holds in a tenant: directly, or through a group it is a direct member of. */
export async function rolesOfUser(db: Db, tenantId: string, userId: string): Promise<string[]> {
  const groups = await db.groupMember.findMany({ where: { tenantId, memberId: userId }, select: { groupId: true } });
  const principals = [userId, ...groups.map((g) => g.groupId)];
  const rows = await db.roleAssignment.findMany({ where: { tenantId, principalId: { in: principals } }, select: { roleDefinitionId: true } });
  return [...new Set(rows.map((r) => r.roleDefinitionId))];
}

export async function principalForUser(
  db: Db,
  userOrId: string | User,
  tenantId: string,
  via: Principal["via"],
  extra: Partial<Principal> = {},
): Promise<Principal | null> {
  const user = typeof userOrId === "string" ? await db.user.findFirst({ where: { id: userOrId, tenantId } }) : userOrId;
  if (!user || user.tenantId !== tenantId || !user.accountEnabled) return null;
  return {
    accountId: user.accountId,
    userId: user.id,
    tenantId,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    roleIds: await rolesOfUser(db, tenantId, user.id),
    via,
    ...extra,
  };
}

/** lastUsedDateTime is informational: refresh it at most every few minutes instead of writing on every call. */
const LAST_USED_RESOLUTION_MS = 5 * 60_000;

export const SESSION_COOKIE = "certlab_session";

/** One row per role assignment of the user (a single row with a null role when it has none). */
interface PrincipalRow {
  userId: string;
  tenantId: string;
  accountId: string | null;
  userPrincipalName: string;
  displayName: string;
  accountEnabled: boolean | number;
  roleDefinitionId: string | null;
  credentialId?: string;
  csrfToken?: string;
  expiresDateTime?: Date | string;
  revoked?: boolean | number;
  lastUsedDateTime?: Date | string | null;
}

const truthy = asBoolean;

/** Folds the rows of one lookup (the user columns repeated, one role each) into a principal. */
function toPrincipal(rows: PrincipalRow[], via: Principal["via"], extra: Partial<Principal> = {}): Principal | null {
  const first = rows[0];
  if (!first || !truthy(first.accountEnabled)) return null;
  return {
    accountId: first.accountId,
    userId: first.userId,
    tenantId: first.tenantId,
    userPrincipalName: first.userPrincipalName,
    displayName: first.displayName,
    roleIds: [...new Set(rows.flatMap((r) => (r.roleDefinitionId ? [r.roleDefinitionId] : [])))],
    via,
    ...extra,
  };
}

/** Resolved principals by credential, while the database is unchanged (refusals are never cached). */
const principals = new StampedCache<Principal>({ maxEntries: 10_000 });

/**
 * The cached principal for `key`, else `load()` (which returns the principal and when its credential expires),
 * kept against `stamp`: the data version read before loading (StampedCache.stampOf, once per request).
 */
async function cached(
  db: Db,
  stamp: Stamp | undefined,
  key: string,
  load: () => Promise<{ principal: Principal; expiresAt?: number } | null>,
): Promise<Principal | null> {
  const hit = principals.get(key, stamp);
  if (hit) return hit;
  const loaded = await load();
  if (!loaded) return null;
  principals.set(key, stamp, loaded.principal, { expiresAt: loaded.expiresAt });
  return loaded.principal;
}

export function principalFromSession(db: Db, cookieValue: string, stamp = StampedCache.stampOf(db)): Promise<Principal | null> {
  const hash = sha256(cookieValue);
  return cached(db, stamp, `s:${hash}`, () => loadSessionPrincipal(db, hash));
}

async function loadSessionPrincipal(db: Db, hash: string): Promise<{ principal: Principal; expiresAt: number } | null> {
  const rows = await fastAll<PrincipalRow>(db, `
    SELECT u."id" AS "userId", u."tenantId", u."accountId", u."userPrincipalName", u."displayName", u."accountEnabled",
           ra."roleDefinitionId", s."id" AS "credentialId", s."csrfToken", s."expiresDateTime"
    FROM "Session" s
    JOIN "User" u ON u."tenantId" = s."tenantId" AND u."accountId" = s."accountId"
    LEFT JOIN "RoleAssignment" ra ON ra."tenantId" = u."tenantId" AND (ra."principalId" = u."id" OR ra."principalId" IN
      (SELECT gm."groupId" FROM "GroupMember" gm WHERE gm."tenantId" = u."tenantId" AND gm."memberId" = u."id"))
    WHERE s."tokenHash" = ?`, [hash]);
  const first = rows[0];
  const expiresAt = asDate(first?.expiresDateTime)?.getTime() ?? 0;
  if (!first || expiresAt < Date.now()) return null;
  const principal = toPrincipal(rows, "session", { sessionId: first.credentialId, csrfToken: first.csrfToken });
  return principal && { principal, expiresAt };
}

function principalFromApiToken(db: Db, token: string, stamp: Stamp | undefined): Promise<Principal | null> {
  const hash = sha256(token);
  return cached(db, stamp, `t:${hash}`, () => loadApiTokenPrincipal(db, hash));
}

async function loadApiTokenPrincipal(db: Db, hash: string): Promise<{ principal: Principal; expiresAt: number } | null> {
  const rows = await fastAll<PrincipalRow>(db, `
    SELECT u."id" AS "userId", u."tenantId", u."accountId", u."userPrincipalName", u."displayName", u."accountEnabled",
           ra."roleDefinitionId", t."id" AS "credentialId", t."expiresDateTime", t."revoked", t."lastUsedDateTime"
    FROM "ApiToken" t
    JOIN "User" u ON u."tenantId" = t."tenantId" AND u."accountId" = t."accountId"
    LEFT JOIN "RoleAssignment" ra ON ra."tenantId" = u."tenantId" AND (ra."principalId" = u."id" OR ra."principalId" IN
      (SELECT gm."groupId" FROM "GroupMember" gm WHERE gm."tenantId" = u."tenantId" AND gm."memberId" = u."id"))
    WHERE t."tokenHash" = ?`, [hash]);
  const first = rows[0];
  const tokenExpires = asDate(first?.expiresDateTime)?.getTime() ?? 0;
  if (!first || truthy(first.revoked) || tokenExpires < Date.now()) return null;
  const lastUsed = asDate(first.lastUsedDateTime);
  // A cached principal is used until the next lastUsedDateTime is due; that write then changes the data version.
  let expiresAt = tokenExpires;
  if (!lastUsed || Date.now() - lastUsed.getTime() > LAST_USED_RESOLUTION_MS) {
    // Recording last use is best effort; a failure here must not fail the caller's request.
    await db.apiToken.update({ where: { id: first.credentialId! }, data: { lastUsedDateTime: new Date() } }).catch(() => undefined);
    expiresAt = Math.min(expiresAt, Date.now() + LAST_USED_RESOLUTION_MS);
  } else {
    expiresAt = Math.min(expiresAt, lastUsed.getTime() + LAST_USED_RESOLUTION_MS);
  }
  const principal = toPrincipal(rows, "apiToken");
  return principal && { principal, expiresAt };
}

/** Per user and app, not per token: the token's own signature and expiry are verified on every use (above). */
function principalFromJwtClaims(db: Db, tenantId: string, userId: string, appId: string, stamp: Stamp | undefined): Promise<Principal | null> {
  return cached(db, stamp, `j:${tenantId}:${userId}:${appId}`, async () => {
    const principal = await loadJwtPrincipal(db, tenantId, userId, appId);
    return principal && { principal };
  });
}

async function loadJwtPrincipal(db: Db, tenantId: string, userId: string, appId: string): Promise<Principal | null> {
  const rows = await fastAll<PrincipalRow>(db, `
    SELECT u."id" AS "userId", u."tenantId", u."accountId", u."userPrincipalName", u."displayName", u."accountEnabled",
           ra."roleDefinitionId"
    FROM "User" u
    LEFT JOIN "RoleAssignment" ra ON ra."tenantId" = u."tenantId" AND (ra."principalId" = u."id" OR ra."principalId" IN
      (SELECT gm."groupId" FROM "GroupMember" gm WHERE gm."tenantId" = u."tenantId" AND gm."memberId" = u."id"))
    WHERE u."id" = ? AND u."tenantId" = ?`, [userId, tenantId]);
  return toPrincipal(rows, "jwt", { appId });
}

export async function principalFromBearer(db: Db, token: string, stamp = StampedCache.stampOf(db)): Promise<Principal | null> {
  if (token.startsWith(API_TOKEN_PREFIX)) return principalFromApiToken(db, token, stamp);
  if (looksLikeJwt(token)) {
    let claims;
    try {
      claims = await verifyAccessToken(db, token);
    } catch {
      return null;
    }
    if (claims.idtyp !== "user") return null;
    return principalFromJwtClaims(db, claims.tid, claims.oid, claims.appid, stamp);
  }
  return null;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    if (name) {
      try {
        out[name] = decodeURIComponent(value);
      } catch {
        out[name] = value;
      }
    }
  }
  return out;
}
