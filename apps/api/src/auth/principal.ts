// Resolves who is calling: the portal's session cookie, a personal API token, or a JWT from the token
// endpoint (both as Authorization: Bearer). The result acts with the user's roles in that tenant only.
import type { Db } from "../db/client.ts";
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

export async function principalFromSession(db: Db, cookieValue: string): Promise<Principal | null> {
  const session = await db.session.findUnique({ where: { tokenHash: sha256(cookieValue) } });
  if (!session || session.expiresDateTime < new Date()) return null;
  const user = await db.user.findFirst({ where: { tenantId: session.tenantId, accountId: session.accountId } });
  if (!user) return null;
  return principalForUser(db, user, session.tenantId, "session", { sessionId: session.id, csrfToken: session.csrfToken });
}

export async function principalFromBearer(db: Db, token: string): Promise<Principal | null> {
  if (token.startsWith(API_TOKEN_PREFIX)) {
    const row = await db.apiToken.findUnique({ where: { tokenHash: sha256(token) } });
    if (!row || row.revoked || row.expiresDateTime < new Date()) return null;
    const user = await db.user.findFirst({ where: { tenantId: row.tenantId, accountId: row.accountId } });
    if (!user) return null;
    if (!row.lastUsedDateTime || Date.now() - row.lastUsedDateTime.getTime() > LAST_USED_RESOLUTION_MS) {
      // Recording last use is best effort; a failure here must not fail the caller's request.
      await db.apiToken.update({ where: { id: row.id }, data: { lastUsedDateTime: new Date() } }).catch(() => undefined);
    }
    return principalForUser(db, user, row.tenantId, "apiToken");
  }
  if (looksLikeJwt(token)) {
    try {
      const claims = await verifyAccessToken(db, token);
      if (claims.idtyp !== "user") return null;
      return principalForUser(db, claims.oid, claims.tid, "jwt", { appId: claims.appid });
    } catch {
      return null;
    }
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
