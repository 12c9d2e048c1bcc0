// Portal sign-in: POST/GET/DELETE /api/session and POST /api/session/switch ("Switch directory", seed 000).
// Passwords are checked with scrypt; the session lives in the database; the cookie is HttpOnly + SameSite=Strict.
import { randomUUID } from "node:crypto";
import { Router, type Request, type Response } from "express";
import { ZSignIn, ZSwitchDirectory, type TSessionInfo } from "@certlab/domain/schemas/directory";
import { allowedActions } from "@certlab/domain/directory/permissions";
import { findRole } from "@certlab/domain/directory/roles";
import type { Db } from "../db/client.ts";
import { authenticate } from "../auth/middleware.ts";
import { SMART_LOCKOUT } from "@certlab/domain/directory/smart-lockout";
import type { Account, User } from "../generated/sqlite/client.ts";
import { lockedForSeconds, recordFailure, recordSuccess } from "../auth/lockout.ts";
import { dummyPasswordHash, verifyPassword } from "../auth/passwords.ts";
import { SESSION_COOKIE, principalForUser } from "../auth/principal.ts";
import { newSecret, sha256 } from "../auth/secrets.ts";
import { requirePrincipal, type Principal } from "../http/context.ts";
import { AppError } from "../http/errors.ts";
import { parseBody } from "../http/validate.ts";
import { isSeatAdmin } from "../workshops/seat-guard.ts";

export const SESSION_HOURS = 8;

export const invalidCredentials = () =>
  new AppError("unauthenticated", "Your account or password is incorrect.", { code: "InvalidCredentials" });

/** A sign-in name locked by smart lockout: 429 with Retry-After (seconds), in Graph's error body. */
export const accountLocked = (retryAfterSeconds: number) =>
  new AppError("tooManyRequests", SMART_LOCKOUT.message, { code: "AccountLocked", headers: { "Retry-After": String(retryAfterSeconds) } });

export type CredentialCheck =
  | { ok: true; account: Account; home: User }
  | { ok: false; reason: "credentials" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Finds the account and checks its password; the same work is done when the account doesn't exist. A name in
 * a smart lockout is refused before its password is looked at, so a correct password during a lockout fails too;
 * each wrong password counts towards the lockout (auth/lockout.ts).
 */
export async function checkCredentials(db: Db, username: string, password: string): Promise<CredentialCheck> {
  const locked = await lockedForSeconds(db, username);
  if (locked > 0) return { ok: false, reason: "locked", retryAfterSeconds: locked };
  const account = await db.account.findUnique({ where: { signInName: username.trim().toLowerCase() } });
  const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyPasswordHash()));
  if (!account || !ok) {
    await recordFailure(db, username);
    return { ok: false, reason: "credentials" };
  }
  await recordSuccess(db, username);
  const users = await db.user.findMany({ where: { accountId: account.id }, orderBy: { createdDateTime: "asc" } });
  const home = users.find((u) => u.userPrincipalName === account.signInName) ?? users[0];
  if (!home) return { ok: false, reason: "credentials" };
  return { ok: true, account, home };
}

export async function sessionInfo(db: Db, principal: Principal): Promise<TSessionInfo> {
  const account = principal.accountId ? await db.account.findUnique({ where: { id: principal.accountId } }) : null;
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: principal.tenantId }, include: { domains: true } });
  const memberships = principal.accountId
    ? await db.user.findMany({ where: { accountId: principal.accountId }, include: { tenant: { include: { domains: true } } } })
    : [];
  const initial = (domains: { isInitial: boolean; name: string }[]) => domains.find((d) => d.isInitial)?.name ?? "";
  return {
    account: { signInName: account?.signInName ?? principal.userPrincipalName },
    user: { id: principal.userId, displayName: principal.displayName, userPrincipalName: principal.userPrincipalName },
    tenant: {
      id: tenant.id,
      displayName: tenant.displayName,
      initialDomain: initial(tenant.domains),
      defaultDomain: tenant.domains.find((d) => d.isDefault)?.name ?? initial(tenant.domains),
    },
    roles: principal.roleIds.flatMap((id) => {
      const role = findRole(id);
      return role ? [{ id: role.id, displayName: role.displayName }] : [];
    }),
    allowedActions: allowedActions(principal.roleIds),
    directories: memberships
      .map((u) => ({ tenantId: u.tenantId, displayName: u.tenant.displayName, initialDomain: initial(u.tenant.domains) }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    csrfToken: principal.csrfToken ?? "",
    // The portal asks for the trainee's Tasks panel (GET /api/workshop) only when this says so.
    workshopSeat: await isSeatAdmin(db, principal),
  };
}

function setCookie(req: Request, res: Response, value: string, maxAgeSeconds: number): void {
  const parts = [`${SESSION_COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Strict", `Max-Age=${maxAgeSeconds}`];
  if (req.secure) parts.push("Secure");
  res.setHeader("Set-Cookie", parts.join("; "));
}

async function startSession(db: Db, req: Request, res: Response, accountId: string, tenantId: string, userId: string) {
  const secret = newSecret();
  const csrfToken = newSecret();
  const session = await db.session.create({
    data: {
      id: randomUUID(),
      tokenHash: sha256(secret),
      accountId,
      tenantId,
      csrfToken,
      expiresDateTime: new Date(Date.now() + SESSION_HOURS * 3600_000),
    },
  });
  setCookie(req, res, secret, SESSION_HOURS * 3600);
  const principal = await principalForUser(db, userId, tenantId, "session", { sessionId: session.id, csrfToken });
  if (!principal) throw invalidCredentials();
  return principal;
}

export function sessionRouter(db: Db): Router {
  const r = Router();

  r.post("/session", async (req, res) => {
    const { username, password } = parseBody(ZSignIn, req.body);
    const found = await checkCredentials(db, username, password);
    if (!found.ok) throw found.reason === "locked" ? accountLocked(found.retryAfterSeconds) : invalidCredentials();
    if (!found.home.accountEnabled) {
      throw new AppError("unauthenticated", "Your account has been locked. Contact your support person to unlock it, then try again.", { code: "AccountDisabled" });
    }
    const principal = await startSession(db, req, res, found.account.id, found.home.tenantId, found.home.id);
    res.json(await sessionInfo(db, principal));
  });

  r.get("/session", authenticate(db), async (req, res) => {
    res.json(await sessionInfo(db, requirePrincipal(req)));
  });

  r.delete("/session", authenticate(db), async (req, res) => {
    const principal = requirePrincipal(req);
    if (principal.sessionId) await db.session.deleteMany({ where: { id: principal.sessionId } });
    setCookie(req, res, "", 0);
    res.status(204).end();
  });

  r.post("/session/switch", authenticate(db), async (req, res) => {
    const principal = requirePrincipal(req);
    const { tenantId } = parseBody(ZSwitchDirectory, req.body);
    if (principal.via !== "session" || !principal.accountId || !principal.sessionId) {
      throw new AppError("badRequest", "Switch directory is a portal action: sign in to the portal first.");
    }
    const user = await db.user.findFirst({ where: { accountId: principal.accountId, tenantId: tenantId.toLowerCase() } });
    if (!user) throw new AppError("notFound", `You are not a member of directory '${tenantId}'.`);
    if (!user.accountEnabled) throw new AppError("forbidden", "Your account is disabled in that directory.");
    await db.session.update({ where: { id: principal.sessionId }, data: { tenantId: user.tenantId } });
    const next = await principalForUser(db, user.id, user.tenantId, "session", { sessionId: principal.sessionId, csrfToken: principal.csrfToken });
    if (!next) throw new AppError("forbidden", "Your account is disabled in that directory.");
    res.json(await sessionInfo(db, next));
  });

  return r;
}
