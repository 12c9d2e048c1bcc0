// The whole HTTP surface, without listening: npm start wraps it in a server, the API tests drive it
// with supertest. Order matters: ids and headers first, then parsers, the APIs, the SPA, and errors last.
import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Express } from "express";
import helmet from "helmet";
import type { Db } from "./db/client.ts";
import { requestContext } from "./http/context.ts";
import { errorHandler } from "./http/error-handler.ts";
import { AppError } from "./http/errors.ts";
import { rejectUnsafeText } from "./http/unsafe-text.ts";
import { compressedAssets } from "./http/compressed-assets.ts";
import { graphRouter } from "./graph/router.ts";
import { labApiRouter } from "./lab-api/router.ts";
import { oauthRouter } from "./oauth/routes.ts";
import { scepRouter } from "./scep/router.ts";
import { docsDir, webDist } from "./paths.ts";

export interface AppOptions {
  db: Db;
  databaseUrl: string;
  /** Folder of the built SPA; served when present. */
  webRoot?: string;
  /**
   * Express "trust proxy": which reverse proxies' X-Forwarded-Proto/-For to believe (e.g. "loopback", "10.0.0.0/8",
   * a hop count). Default CERTLAB_TRUST_PROXY, else none: a client can't claim https by sending the header itself.
   */
  trustProxy?: string;
}

/** The trust proxy setting from CERTLAB_TRUST_PROXY: "true"/"false", a hop count, or addresses/subnets. */
function trustProxySetting(raw: string | undefined): boolean | number | string | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (raw === "true" || raw === "false") return raw === "true";
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

export function createApp({ db, databaseUrl, webRoot = webDist, trustProxy = process.env.CERTLAB_TRUST_PROXY }: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  const trust = trustProxySetting(trustProxy);
  if (trust !== undefined) app.set("trust proxy", trust);
  app.set("etag", false);
  app.set("query parser", "extended");

  app.use(requestContext);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Fluent UI (Griffel) injects its styles at runtime.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
      // HSTS only where the request came over https (below): on plain http it is meaningless, and on localhost
      // it would pin the browser to https for every local port.
      hsts: false,
    }),
  );
  app.use((req, res, next) => {
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });
  app.use(["/api", "/graph"], express.json({ limit: "1mb", type: ["application/json", "application/*+json"] }));
  app.use(["/api", "/graph"], rejectUnsafeText);

  app.use("/api", labApiRouter(db, databaseUrl));
  app.use("/graph/v1.0", graphRouter(db));
  app.use("/graph/beta", graphRouter(db));
  app.use(oauthRouter(db));
  // The lab NDES over real SCEP (issue 10): /scep/<tenantId>/<lab host>/certsrv/mscep/mscep.dll
  app.use("/scep", scepRouter(db));

  // The user docs (docs/*.md), linked from README and the portal's home page; plain text so any browser shows them.
  app.use("/docs", express.static(docsDir, { index: false, setHeaders: (res, file) => {
    if (file.endsWith(".md")) res.setHeader("Content-Type", "text/plain; charset=utf-8");
  } }));

  if (existsSync(path.join(webRoot, "index.html"))) {
    // Scripts and styles Brotli- or gzip-compressed for browsers that accept it (compressed once, kept in memory).
    app.use(compressedAssets(webRoot));
    app.use(express.static(webRoot, { index: false, maxAge: "1h", setHeaders: (res, file) => {
      if (file.endsWith("index.html")) res.setHeader("Cache-Control", "no-cache");
    } }));
    // Client-side routes (/, /intune/..., /entra/..., /lab/..., /signin) all load the SPA. "/{*splat}" (optional
    // wildcard) also matches "/", the address README gives a newcomer; Express 5's "/*splat" needs one segment.
    app.get("/{*splat}", (req, res, next) => {
      if (req.path.startsWith("/api/") || req.path.startsWith("/graph/") || req.path.startsWith("/docs/")) return next();
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(path.join(webRoot, "index.html"));
    });
  }

  // Nothing else matched: a 404 in Graph's body through the error handler, keeping the security headers (Express's
  // own final handler would answer an HTML page with its own CSP).
  app.use((req) => {
    throw new AppError("notFound", `No resource at ${req.method} ${req.path}.`);
  });
  app.use(errorHandler);
  return app;
}
