// Express middleware: authenticate (cookie or bearer), CSRF for cookie-authenticated writes, and role checks.
import type { NextFunction, Request, Response } from "express";
import { can, permissionDeniedMessage, type Action } from "@certlab/domain/directory/permissions";
import type { Db } from "../db/client.ts";
import { AppError } from "../http/errors.ts";
import { StampedCache } from "../db/stamped-cache.ts";
import { Store } from "../store/store.ts";
import { SESSION_COOKIE, parseCookies, principalFromBearer, principalFromSession } from "./principal.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function authenticate(db: Db) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const auth = req.get("authorization");
    // The database's data version, read once per request before anything is loaded (db/stamped-cache.ts).
    const stamp = StampedCache.stampOf(db);
    req.ctx.dataVersion = stamp;
    let principal = null;
    if (auth) {
      const m = auth.match(/^Bearer\s+(\S+)$/i);
      if (!m?.[1]) throw new AppError("unauthenticated", "Access token is empty.");
      principal = await principalFromBearer(db, m[1], stamp);
      if (!principal) throw new AppError("unauthenticated", "Access token validation failure. Invalid audience, signature or expired token.");
    } else {
      const cookie = parseCookies(req.get("cookie"))[SESSION_COOKIE];
      if (cookie) principal = await principalFromSession(db, cookie, stamp);
      if (!principal) throw new AppError("unauthenticated", "Access token is empty.");
      // SameSite=Strict already keeps the cookie off cross-site requests; the header makes forged
      // same-site form posts fail too (a form cannot set it).
      if (!SAFE_METHODS.has(req.method) && req.get("x-csrf-token") !== principal.csrfToken) {
        throw new AppError("forbidden", "Missing or invalid X-CSRF-Token header for a cookie-authenticated change.", { code: "CsrfTokenInvalid" });
      }
    }
    req.ctx.principal = principal;
    req.ctx.store = new Store(db, principal, req.ctx.requestId);
    next();
  };
}

export function requirePermission(req: Request, action: Action): void {
  const principal = req.ctx.principal;
  if (!principal) throw new AppError("unauthenticated", "Access token is empty.");
  if (!can(principal.roleIds, action)) throw new AppError("forbidden", permissionDeniedMessage(action));
}
