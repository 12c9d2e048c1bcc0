// Guided flows (issue 8): GET /api/guides, GET /api/guides/{id}, POST /api/guides/{id}/restart. packages/domain
// holds the guides (guides/catalogue.ts) and evaluates each step on the signed-in tenant's snapshot and findings —
// the same ones GET /api/tenants/{id}/findings answers from; the tenant is the session's or token's, never a parameter.
import { Router, type Request } from "express";
import { z } from "zod";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZGraphError } from "@certlab/domain/schemas/common";
import { findingsFor } from "../store/tenant-cache.ts";
import { ALL_GUIDES, findGuide } from "@certlab/domain/guides/catalogue";
import { guideProgress, progressOf } from "@certlab/domain/guides/progress";
import type { Guide } from "@certlab/domain/guides/types";
import type { Db } from "../db/client.ts";
import { requirePrincipal } from "../http/context.ts";
import { AppError } from "../http/errors.ts";
import { tenantSnapshot } from "../store/snapshot.ts";
import { requirePermission } from "../auth/middleware.ts";
import { resetToCompleteSetup } from "../store/lab/complete-reset.ts";
import { labStore } from "./lab/common.ts";
import { COMPLETE_SETUP_ACTIONS } from "./lab/routes-lab.ts";

function guideOr404(id: string): Guide {
  const g = findGuide(id);
  if (!g) throw new AppError("notFound", `No guide '${id}'. GET /api/guides lists them (${ALL_GUIDES.map((x) => x.id).join(", ")}).`);
  return g;
}

async function progress(db: Db, req: Request, guide?: Guide) {
  const snapshot = await tenantSnapshot(db, requirePrincipal(req).tenantId);
  const findings = findingsFor(snapshot);
  return guide ? progressOf(guide, snapshot, findings) : guideProgress(snapshot, findings);
}

export function guidesRouter(db: Db): Router {
  const r = Router();
  r.get("/guides", async (req, res) => {
    res.json({ value: await progress(db, req) });
  });
  r.get("/guides/:id", async (req, res) => {
    res.json(await progress(db, req, guideOr404(req.params.id as string)));
  });
  // Restart = POST /api/lab/reset with the guide's starting point, under the same role checks.
  r.post("/guides/:id/restart", async (req, res) => {
    const guide = guideOr404(req.params.id as string);
    requirePermission(req, "lab.write");
    if (guide.start === "complete") {
      for (const action of COMPLETE_SETUP_ACTIONS) requirePermission(req, action);
      await resetToCompleteSetup(db, requirePrincipal(req), req.ctx.requestId);
    } else {
      // A fresh start also empties the tenant's Intune profiles and Entra applications: a guide restarted after
      // the complete setup must not show its Intune or Entra steps already done.
      requirePermission(req, "intune.configuration.write");
      requirePermission(req, "entra.appProxy.write");
      await labStore(req).reset(guide.start, { clearSetup: true });
    }
    res.json(await progress(db, req, guide));
  });
  return r;
}

/** The response shapes of packages/domain/src/guides/types.ts, for /api/openapi.json. */
export function registerGuidePaths(registry: OpenAPIRegistry, finding: z.ZodType): void {
  const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
  const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
  const ZStep = z.object({
    id: z.string(),
    title: z.string(),
    instruction: z.string().describe("The seed's instruction, in short"),
    screen: z.object({ portal: z.enum(["intune", "entra", "lab", "certlab"]), path: z.string().describe("Portal path of the screen the step happens on"), label: z.string() }),
    source: z.object({ file: z.string().describe("Seed file name"), where: z.string() }),
    presetInFreshLab: z.string().optional().describe("Why the fresh lab already has this step done"),
    blockingCodes: z.array(z.string()).describe("Rule codes whose findings block the step"),
    done: z.boolean().describe("The step's check on the tenant's current state"),
    blockingFindings: z.array(finding).describe("Active errors and warnings among blockingCodes"),
  });
  const ZProgress = z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    source: z.string(),
    start: z.enum(["fresh", "complete"]).describe("The lab scenario restart resets to"),
    prerequisites: z.array(z.string()).optional().describe("Guides this one builds on"),
    parts: z.array(z.object({ id: z.string(), title: z.string(), stepIds: z.array(z.string()) })).optional(),
    steps: z.array(ZStep),
    doneCount: z.number().int(),
    total: z.number().int(),
    currentStepId: z.string().nullable(),
  });
  const params = z.object({ id: z.string().describe("seed-000 … seed-004") });
  const err = (description: string) => ({ description, ...json(ZGraphError) });
  registry.registerPath({ method: "get", path: "/api/guides", summary: "Every guided flow with its progress on the signed-in tenant", security, responses: { 200: { description: "Guides", ...json(z.object({ value: z.array(ZProgress) })) }, 401: err("Not signed in") } });
  registry.registerPath({ method: "get", path: "/api/guides/{id}", summary: "One guided flow with its progress", security, request: { params }, responses: { 200: { description: "Guide", ...json(ZProgress) }, 401: err("Not signed in"), 404: err("No such guide") } });
  registry.registerPath({ method: "post", path: "/api/guides/{id}/restart", summary: "Reset the lab to the guide's starting point (POST /api/lab/reset with its start) and answer its progress", security, request: { params }, responses: { 200: { description: "Guide", ...json(ZProgress) }, 401: err("Not signed in"), 403: err("Missing role"), 404: err("No such guide") } });
}
