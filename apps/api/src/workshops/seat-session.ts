// Signing a trainee's browser in as its seat's admin (issue 11): the same session mechanism as POST /api/session
// (lab-api/session.ts): a random token in the HttpOnly, SameSite=Strict cookie, only its SHA-256 stored, a CSRF token
// the SPA sends back on writes, SESSION_HOURS long.
import { randomUUID } from "node:crypto";
import type { Request, Response } from "express";
import type { Db } from "../db/client.ts";
import { SESSION_COOKIE } from "../auth/principal.ts";
import { newSecret, sha256 } from "../auth/secrets.ts";
import { SESSION_HOURS } from "../lab-api/session.ts";

export async function signInAsSeat(db: Db, req: Request, res: Response, seat: { tenantId: string; adminUserId: string }): Promise<{ csrfToken: string }> {
  const secret = newSecret();
  const csrfToken = newSecret();
  await db.session.create({
    data: {
      id: randomUUID(),
      tokenHash: sha256(secret),
      accountId: seat.adminUserId,
      tenantId: seat.tenantId,
      csrfToken,
      expiresDateTime: new Date(Date.now() + SESSION_HOURS * 3600_000),
    },
  });
  const parts = [`${SESSION_COOKIE}=${secret}`, "Path=/", "HttpOnly", "SameSite=Strict", `Max-Age=${SESSION_HOURS * 3600}`];
  if (req.secure) parts.push("Secure");
  res.setHeader("Set-Cookie", parts.join("; "));
  return { csrfToken };
}
