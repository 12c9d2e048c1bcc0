// SCEP over HTTP on Certlab's own port, path-based: /scep/<tenantId>/<host>/certsrv/mscep/mscep.dll?operation=…
// where <host> is the lab NDES's internal name (ndes01.corp.contoso.com) or its application proxy external name.
// Unauthenticated, like NDES (the challenge in the CSR is the authorisation). Raw bodies: POST PKIOperation is
// binary DER with whatever Content-Type the client picked (scep-reference.md §4.1 pitfall 7).
import express, { Router } from "express";
import type { Db } from "../db/client.ts";
import { serveScep } from "./ndes-service.ts";

const TENANT = /^[0-9a-f-]{36}$/i;
const HOST = /^[a-z0-9.-]{1,253}$/i;

export function scepRouter(db: Db): Router {
  const r = Router();
  r.use(express.raw({ type: () => true, limit: "1mb" }));
  r.all("/:tenant/:host{/*path}", async (req, res) => {
    if (req.method !== "GET" && req.method !== "POST" && req.method !== "HEAD") {
      res.status(405).setHeader("Allow", "GET, POST").type("text/plain").send("405 - HTTP verb used to access this page is not allowed.\n");
      return;
    }
    const tenant = req.params.tenant!;
    const host = req.params.host!;
    if (!TENANT.test(tenant) || !HOST.test(host)) {
      res.status(404).type("text/plain").send("No such lab host. GET /api/lab/scep/endpoints lists the URLs.\n");
      return;
    }
    const q = req.originalUrl.indexOf("?");
    const rawQuery = q < 0 ? "" : req.originalUrl.slice(q + 1);
    const segments = (req.params as { path?: string[] | string }).path;
    const path = `/${Array.isArray(segments) ? segments.join("/") : (segments ?? "")}`;
    const out = await serveScep(db, {
      tenantId: tenant.toLowerCase(),
      host: host.toLowerCase(),
      method: req.method === "HEAD" ? "GET" : req.method,
      path,
      rawQuery,
      ...(Buffer.isBuffer(req.body) ? { body: req.body } : {}),
    });
    res.status(out.status);
    res.setHeader("Content-Type", out.contentType);
    res.setHeader("Cache-Control", "no-store");
    for (const [k, v] of Object.entries(out.headers)) res.setHeader(k, v);
    res.send(out.body);
  });
  return r;
}
