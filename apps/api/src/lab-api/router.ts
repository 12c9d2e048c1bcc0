// /api: the lab's own REST API (what Graph doesn't have), documented at /api/openapi.json.
import { Router } from "express";
import type { Db } from "../db/client.ts";
import { authenticate } from "../auth/middleware.ts";
import { AppError } from "../http/errors.ts";
import { isPostgresUrl } from "../db/client.ts";
import { buildOpenApiDocument } from "./openapi.ts";
import { sessionRouter } from "./session.ts";
import { tokensRouter } from "./tokens.ts";
import { findingsRouter, rulesRouter } from "./rules.ts";
import { topologyRouter } from "./topology.ts";
import { guidesRouter } from "./guides.ts";
import { scenariosRouter } from "../scenarios/routes.ts";
import { entraApiRouter } from "../graph/entra/api-routes.ts";
import { labRouter } from "./lab/router.ts";
import { intunePortalRouter } from "../graph/intune/portal.ts";
import { devicesRouter } from "../intune-devices/routes.ts";
import { workshopJoinRouter, workshopsRouter } from "../workshops/routes.ts";
import { workshopSeatGuard } from "../workshops/seat-guard.ts";

export function labApiRouter(db: Db, databaseUrl: string): Router {
  const r = Router();
  let openapi: unknown;

  r.get("/healthz", async (_req, res) => {
    try {
      await db.tenant.count();
      res.json({ status: "ok", database: isPostgresUrl(databaseUrl) ? "postgresql" : "sqlite" });
    } catch {
      res.status(503).json({ status: "unavailable" });
    }
  });
  r.get("/openapi.json", (_req, res) => {
    openapi ??= buildOpenApiDocument();
    res.json(openapi);
  });
  r.use(sessionRouter(db));
  r.use(rulesRouter());
  r.use(workshopJoinRouter(db));
  r.use(authenticate(db));
  r.use(workshopSeatGuard(db));
  r.use("/lab", labRouter(db));
  r.use(intunePortalRouter());
  r.use(devicesRouter(db));
  r.use(tokensRouter(db));
  r.use(findingsRouter(db));
  r.use(topologyRouter(db));
  r.use(guidesRouter(db));
  r.use(scenariosRouter(db));
  r.use(workshopsRouter(db));
  r.use(entraApiRouter());
  r.use((req) => {
    throw new AppError("notFound", `No API route for ${req.method} ${req.originalUrl.split("?")[0]}.`);
  });
  return r;
}
