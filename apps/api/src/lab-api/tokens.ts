// Personal API tokens: created in the portal for scripts (Authorization: Bearer clt_...). The secret is
// shown once; only its SHA-256 is kept. A token acts as its user, in the directory it was created in.
import { randomUUID } from "node:crypto";
import { Router } from "express";
import { ZApiTokenCreate } from "@certlab/domain/schemas/directory";
import type { ApiToken } from "../generated/sqlite/client.ts";
import type { Db } from "../db/client.ts";
import { requirePermission } from "../auth/middleware.ts";
import { API_TOKEN_PREFIX, newSecret, sha256 } from "../auth/secrets.ts";
import { requirePrincipal } from "../http/context.ts";
import { AppError, notFound } from "../http/errors.ts";
import { parseBody } from "../http/validate.ts";

const view = (t: ApiToken) => ({
  id: t.id,
  displayName: t.displayName,
  tokenPrefix: t.tokenPrefix,
  createdDateTime: t.createdDateTime.toISOString(),
  expiresDateTime: t.expiresDateTime.toISOString(),
  lastUsedDateTime: t.lastUsedDateTime?.toISOString() ?? null,
});

export function tokensRouter(db: Db): Router {
  const r = Router();

  r.get("/tokens", async (req, res) => {
    const p = requirePrincipal(req);
    const rows = await db.apiToken.findMany({
      where: { accountId: p.accountId ?? "", tenantId: p.tenantId, revoked: false },
      orderBy: { createdDateTime: "desc" },
    });
    res.json({ value: rows.map(view) });
  });

  r.post("/tokens", async (req, res) => {
    requirePermission(req, "tokens.self");
    const p = requirePrincipal(req);
    if (!p.accountId) throw new AppError("forbidden", "Only users who sign in with a password can create API tokens.");
    const input = parseBody(ZApiTokenCreate, req.body);
    const token = newSecret(API_TOKEN_PREFIX);
    const row = await db.apiToken.create({
      data: {
        id: randomUUID(),
        accountId: p.accountId,
        tenantId: p.tenantId,
        displayName: input.displayName,
        tokenHash: sha256(token),
        tokenPrefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        expiresDateTime: new Date(Date.now() + input.expiresInDays * 86400_000),
      },
    });
    res.status(201).json({ ...view(row), token });
  });

  r.delete("/tokens/:id", async (req, res) => {
    const p = requirePrincipal(req);
    const res1 = await db.apiToken.updateMany({
      where: { id: req.params.id, accountId: p.accountId ?? "", tenantId: p.tenantId, revoked: false },
      data: { revoked: true },
    });
    if (res1.count !== 1) throw notFound(req.params.id);
    res.status(204).end();
  });

  return r;
}
