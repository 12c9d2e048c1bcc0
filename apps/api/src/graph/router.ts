// The Graph-compatible surface, mounted at /graph/v1.0 and /graph/beta (graph-surface.md).
// Every route is authenticated; unknown segments and unsupported methods answer like Graph does.
import { Router, type Request } from "express";
import type { Db } from "../db/client.ts";
import { authenticate } from "../auth/middleware.ts";
import { workshopSeatGuard } from "../workshops/seat-guard.ts";
import { AppError } from "../http/errors.ts";
import { usersRoutes } from "./directory/users.ts";
import { groupsRoutes } from "./directory/groups.ts";
import { rolesRoutes } from "./directory/roles.ts";
import { organizationRoutes } from "./directory/organization.ts";
import { entraRoutes } from "./entra/routes.ts";
import { intuneRoutes } from "./intune/routes.ts";

type RoutePattern = { segments: string[]; methods: string[] };

/** The registered routes as segment lists (":id" matches any segment), read once from the router. */
function routePatterns(r: Router): RoutePattern[] {
  const out: RoutePattern[] = [];
  for (const layer of r.stack as { route?: { path: unknown; methods: Record<string, boolean> } }[]) {
    if (!layer.route || typeof layer.route.path !== "string") continue;
    out.push({
      segments: layer.route.path.split("/").filter(Boolean).map((s) => s.replace(/\\/g, "").toLowerCase()),
      methods: Object.keys(layer.route.methods).filter((m) => m !== "_all").map((m) => m.toUpperCase()),
    });
  }
  return out;
}

const segmentMatches = (pattern: string, segment: string) => pattern.startsWith(":") || pattern === segment.toLowerCase();

/**
 * No route took the request. When the path exists with other methods: 405 with Allow, as Graph answers
 * ("Specified HTTP method is not allowed for the request target."). Otherwise 400 naming the first segment
 * no route knows at that position ("Resource not found for the segment 'x'.").
 */
function unmatched(patterns: RoutePattern[], req: Request): { error: AppError; allow?: string } {
  const segments = req.path.split("/").filter(Boolean);
  let known = 0;
  const allowed = new Set<string>();
  for (const p of patterns) {
    let i = 0;
    while (i < segments.length && i < p.segments.length && segmentMatches(p.segments[i]!, segments[i]!)) i++;
    if (i > known) known = i;
    if (i === segments.length && p.segments.length === segments.length) p.methods.forEach((m) => allowed.add(m));
  }
  if (allowed.size > 0) {
    if (allowed.has("GET")) allowed.add("HEAD");
    const allow = [...allowed].sort().join(", ");
    return {
      allow,
      error: new AppError("methodNotAllowed", "Specified HTTP method is not allowed for the request target.", {
        details: [{ code: "MethodNotAllowed", target: req.method, message: `Allowed: ${allow}.` }],
      }),
    };
  }
  let segment = segments[Math.min(known, segments.length - 1)] ?? "";
  try {
    segment = decodeURIComponent(segment);
  } catch {
    // keep it as sent
  }
  return { error: new AppError("badRequest", `Resource not found for the segment '${segment}'.`, { code: "BadRequest" }) };
}

/**
 * Every Graph route as the router declares it (method and Express path, ":param" for ids), read from a router
 * built without a database: the fuzz, isolation and role suites iterate this table, so a new route is covered
 * the moment it is registered.
 */
export function graphRouteTable(): { method: string; path: string }[] {
  const r = graphRouter(undefined as unknown as Db);
  const out: { method: string; path: string }[] = [];
  for (const layer of r.stack as { route?: { path: unknown; methods: Record<string, boolean> } }[]) {
    if (!layer.route || typeof layer.route.path !== "string") continue;
    for (const m of Object.keys(layer.route.methods)) if (m !== "_all") out.push({ method: m.toUpperCase(), path: layer.route.path.replace(/\\/g, "") });
  }
  return out;
}

export function graphRouter(db: Db): Router {
  const r = Router({ caseSensitive: false });
  r.use(authenticate(db));
  // A workshop seat whose workshop ended refuses writes (issue 11).
  r.use(workshopSeatGuard(db));
  usersRoutes(r);
  groupsRoutes(r);
  rolesRoutes(r);
  organizationRoutes(r);
  entraRoutes(r);
  intuneRoutes(r);
  let patterns: RoutePattern[] | undefined;
  r.use((req, res) => {
    patterns ??= routePatterns(r);
    const { error, allow } = unmatched(patterns, req);
    if (allow) res.setHeader("Allow", allow);
    throw error;
  });
  return r;
}
