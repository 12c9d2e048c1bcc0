// Per-request context: ids for Graph's error body and audit correlation, the signed-in principal,
// and the tenant-scoped store. Attached as req.ctx by the first middleware.
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Store } from "../store/store.ts";
import type { Stamp } from "../db/stamped-cache.ts";

export interface Principal {
  accountId: string | null;
  userId: string;
  tenantId: string;
  userPrincipalName: string;
  displayName: string;
  roleIds: string[];
  via: "session" | "apiToken" | "jwt";
  sessionId?: string;
  csrfToken?: string;
  appId?: string;
}

export interface RequestContext {
  requestId: string;
  clientRequestId: string | undefined;
  principal?: Principal;
  store?: Store;
  /** The database's data version when the request was authenticated (db/stamped-cache.ts); undefined: no caching. */
  dataVersion?: Stamp;
}

declare module "express-serve-static-core" {
  interface Request {
    ctx: RequestContext;
  }
}

const GUIDISH = /^[A-Za-z0-9-]{1,64}$/;

export function requestContext(req: Request, res: Response, next: NextFunction): void {
  const requestId = randomUUID();
  const clientHeader = req.get("client-request-id");
  const clientRequestId = clientHeader && GUIDISH.test(clientHeader) ? clientHeader : undefined;
  req.ctx = { requestId, clientRequestId };
  res.setHeader("request-id", requestId);
  res.setHeader("client-request-id", clientRequestId ?? requestId);
  next();
}

export function originOf(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

export function requirePrincipal(req: Request): Principal {
  const p = req.ctx.principal;
  if (!p) throw new Error("requirePrincipal used on a route without authentication");
  return p;
}

export function requireStore(req: Request): Store {
  const s = req.ctx.store;
  if (!s) throw new Error("requireStore used on a route without authentication");
  return s;
}
