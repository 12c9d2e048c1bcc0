// GET /api/topology and GET /api/request-flow (issue 8): the signed-in tenant's lab topology and seed 004's SCEP
// request flow (004_0623edc70b4e3354.txt, a–f), computed by packages/domain from the same snapshot and findings
// as GET /api/tenants/{id}/findings. The tenant is the session's or token's; there is no way to name another.
import { Router } from "express";
import { z } from "zod";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZGraphError } from "@certlab/domain/schemas/common";
import { findingsFor } from "../store/tenant-cache.ts";
import { topology } from "@certlab/domain/topology/topology";
import { requestFlow } from "@certlab/domain/topology/request-flow";
import type { Db } from "../db/client.ts";
import { requirePrincipal } from "../http/context.ts";
import { tenantSnapshot } from "../store/snapshot.ts";

export function topologyRouter(db: Db): Router {
  const r = Router();
  r.get("/topology", async (req, res) => {
    const p = requirePrincipal(req);
    const snapshot = await tenantSnapshot(db, p.tenantId);
    res.json(topology(snapshot, findingsFor(snapshot)));
  });
  r.get("/request-flow", async (req, res) => {
    const p = requirePrincipal(req);
    res.json(requestFlow(findingsFor(await tenantSnapshot(db, p.tenantId))));
  });
  return r;
}

const ZHealth = z.enum(["ok", "error", "warning", "info"]);
const KINDS = ["device", "internet", "intune", "entra", "appProxyService", "appProxyConnector", "reverseProxy", "ndes", "intuneConnector", "issuingCa", "rootCa", "domainController", "server"] as const;

/** The response shapes of packages/domain/src/topology/types.ts, for /api/openapi.json. */
export function registerTopologyPaths(registry: OpenAPIRegistry, finding: z.ZodType): void {
  const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
  const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
  const ZObjectRef = z.object({ type: z.string(), id: z.string(), displayName: z.string() });
  const ZNode = z.object({
    id: z.string(),
    kind: z.enum(KINDS),
    label: z.string(),
    detail: z.string().optional(),
    object: ZObjectRef.optional(),
    link: z.string().optional().describe("Portal path that opens the object"),
    zone: z.enum(["cloud", "internet", "onPremises"]),
    health: ZHealth,
    findings: z.array(finding),
  });
  const ZEdge = z.object({ id: z.string(), source: z.string(), target: z.string(), label: z.string().describe("Ports and URLs"), health: ZHealth, findings: z.array(finding) });
  const ZHop = z.object({
    id: z.enum(["a", "b", "c", "d", "e", "f"]),
    title: z.string(),
    description: z.string(),
    from: z.string(),
    to: z.string(),
    codes: z.array(z.string()).describe("Rule codes that break this hop"),
    source: z.string(),
    health: ZHealth,
    findings: z.array(finding),
  });
  const unauth = { description: "Not signed in", ...json(ZGraphError) };
  registry.registerPath({ method: "get", path: "/api/topology", summary: "The signed-in tenant's lab topology: nodes and network edges coloured by findings", security, responses: { 200: { description: "Topology", ...json(z.object({ nodes: z.array(ZNode), edges: z.array(ZEdge) })) }, 401: unauth } });
  registry.registerPath({ method: "get", path: "/api/request-flow", summary: "Seed 004's SCEP request flow (a–f) with the findings that break each hop", security, responses: { 200: { description: "Request flow", ...json(z.object({ hops: z.array(ZHop) })) }, 401: unauth } });
}
