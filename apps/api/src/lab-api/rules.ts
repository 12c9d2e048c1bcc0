// GET /api/rules (the implemented catalogue) and GET /api/tenants/{id}/findings (a tenant evaluated).
import { Router } from "express";
import { findingsFor } from "../store/tenant-cache.ts";
import { ruleMetadata } from "@certlab/domain/rules/catalogue";
import type { Db } from "../db/client.ts";
import { requirePrincipal } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { tenantSnapshot } from "../store/snapshot.ts";

/** The catalogue is public: it is documentation. */
export function rulesRouter(): Router {
  const r = Router();
  r.get("/rules", (_req, res) => {
    res.json({ value: ruleMetadata() });
  });
  return r;
}

export function findingsRouter(db: Db): Router {
  const r = Router();
  r.get("/tenants/:tenantId/findings", async (req, res) => {
    const p = requirePrincipal(req);
    // Tenant isolation: another directory's findings answer 404, as Graph does for another tenant's object.
    if (req.params.tenantId!.toLowerCase() !== p.tenantId) throw notFound(req.params.tenantId!);
    const findings = findingsFor(await tenantSnapshot(db, p.tenantId));
    const summary = { error: 0, warning: 0, info: 0 };
    for (const f of findings) summary[f.severity] += 1;
    res.json({ value: findings, summary });
  });

  return r;
}
