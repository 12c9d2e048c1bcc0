// Helpers the Entra Graph routes share: the beta-only guard, $ref targets, and application answers where
// onPremisesPublishing is select-only (graph-reference.md §8.4).
import type { Request, Response } from "express";
import { can } from "@certlab/domain/directory/permissions";
import { requirePermission } from "../../auth/middleware.ts";
import { assertAppProxyCaller } from "../../store/entra/applications.ts";
import { AppError } from "../../http/errors.ts";
import { originOf } from "../../http/context.ts";
import { applyODataQuery } from "../odata/apply.ts";
import type { EntityTypeInfo, ODataQuery } from "../odata/types.ts";
import { contextUrl, graphVersion, parseQuery } from "../respond.ts";

/** onPremisesPublishing, connectors and connector groups exist only in beta (graph-reference.md, preamble). */
export function betaOnly(req: Request, what: string): void {
  // originalUrl, not baseUrl: inside r.use("/onPremisesPublishingProfiles") the base URL ends with that segment.
  if (graphVersion(req) === "v1.0" || req.originalUrl.toLowerCase().startsWith("/graph/v1.0/")) {
    throw new AppError("badRequest", `${what} is available only in the beta endpoint (/graph/beta).`, { code: "BadRequest" });
  }
}

/**
 * An application proxy write (entra.appProxy.write), checked before the body is read: a caller who may manage
 * applications but not App Proxy (Cloud Application Administrator) gets seed 003's APPPROXY_NOT_ADMIN 403, anyone
 * else without the permission the 403 naming the roles that have it.
 */
export function requireAppProxyWrite(req: Request): void {
  const roles = req.ctx.principal?.roleIds ?? [];
  if (!can(roles, "entra.applications.write")) requirePermission(req, "entra.appProxy.write");
  assertAppProxyCaller(roles);
}

export function invalidRef(url: string, expected: string): AppError {
  return new AppError("badRequest", `Invalid object identifier '${url}': expected the URL of ${expected}.`, {
    details: [{ code: "InvalidField", target: "@odata.id", message: `Expected the URL of ${expected}.` }],
  });
}

const selects = (query: ODataQuery, name: string) => (query.select ?? []).some((s) => s.toLowerCase() === name.toLowerCase());

/** Parses the query; on v1.0 onPremisesPublishing can't be selected (it is a beta property). */
export function applicationQuery(req: Request, type: EntityTypeInfo): ODataQuery {
  const query = parseQuery(req, type);
  if (graphVersion(req) === "v1.0" && selects(query, "onPremisesPublishing")) {
    throw new AppError("badRequest", "Could not find a property named 'onPremisesPublishing' on type 'microsoft.graph.application'.");
  }
  return query;
}

/** Drops onPremisesPublishing unless $select names it. */
export function trimApplication(entity: Record<string, unknown>, query: ODataQuery): Record<string, unknown> {
  if (selects(query, "onPremisesPublishing")) return entity;
  const { onPremisesPublishing: _p, ...rest } = entity;
  return rest;
}

/** An application collection: $filter may use onPremisesPublishing paths even when it isn't selected. */
export function sendApplications(req: Request, res: Response, items: Record<string, unknown>[], type: EntityTypeInfo, fragment: string): void {
  const query = applicationQuery(req, type);
  const page = applyODataQuery(items, query, type, { baseUrl: `${originOf(req)}${req.baseUrl}${req.path}`, pageSize: 100 });
  res.json({
    "@odata.context": contextUrl(req, query.select ? `${fragment}(${query.select.join(",")})` : fragment),
    ...(page.count !== undefined ? { "@odata.count": page.count } : {}),
    ...(page.nextLink ? { "@odata.nextLink": page.nextLink } : {}),
    value: page.value.map((v) => trimApplication(v, query)),
  });
}
