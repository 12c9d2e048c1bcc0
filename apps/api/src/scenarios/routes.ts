// Break-fix scenarios (issue 11): GET /api/scenarios (the shipped library), GET /api/scenarios/{id} (a file as
// trainees see it: no solutions, no fault descriptions or patches), POST /api/scenarios/load (a shipped id or an
// uploaded file, same rights as POST /api/lab/reset {"scenario":"complete"}), GET /api/scenarios/status (the tenant
// graded against its active scenario) and GET /api/scenarios/document (the tenant's scenario document, which
// {{pointer}} placeholders in solutions resolve against). A workshop seat's tenant is refused the load by the seat
// guard (apps/api/src/workshops/seat-guard.ts), which runs before this router.
import { Router } from "express";
import { z } from "zod";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZGraphError } from "@certlab/domain/schemas/common";
import { scenarioDocument } from "@certlab/domain/scenarios/document";
import { publicScenario, scenarioSummary, SCENARIO_DIFFICULTIES, SCENARIO_STAGES, type Scenario } from "@certlab/domain/scenarios/schema";
import { validateScenarioShape } from "@certlab/domain/scenarios/validate";
import { instantiateScenario } from "@certlab/domain/scenarios/variables";
import type { Db } from "../db/client.ts";
import { requirePermission } from "../auth/middleware.ts";
import { requirePrincipal } from "../http/context.ts";
import { AppError } from "../http/errors.ts";
import { parseBody } from "../http/validate.ts";
import { tenantSnapshot } from "../store/snapshot.ts";
import { COMPLETE_SETUP_ACTIONS } from "../lab-api/lab/routes-lab.ts";
import { findShippedScenario, shippedScenarios } from "./library.ts";
import { activeScenario, loadScenario, scenarioBadRequest, scenarioStatus } from "./load.ts";

export const ZScenarioLoad = z
  .strictObject({
    scenarioId: z.string().min(1).optional().describe("A scenario of the shipped library (GET /api/scenarios)"),
    scenario: z.record(z.string(), z.unknown()).optional().describe("A whole scenario file (docs/scenario.schema.json)"),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional().describe("The lab's seed: picks the values of the scenario's variables (default: the file's seed, else 1)"),
  })
  .refine((b) => (b.scenarioId === undefined) !== (b.scenario === undefined), { error: "give exactly one of scenarioId and scenario", path: ["scenarioId"] });

function shippedOr404(id: string): Scenario {
  const s = findShippedScenario(id);
  if (!s) throw new AppError("notFound", `No scenario '${id}'. GET /api/scenarios lists the library.`);
  return s;
}

const noScenario = () => new AppError("notFound", "No scenario is loaded in this directory. POST /api/scenarios/load loads one.");

export function scenariosRouter(db: Db): Router {
  const r = Router();
  r.get("/scenarios", (_req, res) => {
    res.json({ value: shippedScenarios().map(scenarioSummary) });
  });
  r.get("/scenarios/status", async (req, res) => {
    const out = await scenarioStatus(db, requirePrincipal(req).tenantId);
    if (!out) throw noScenario();
    res.json(out.status);
  });
  r.get("/scenarios/document", async (req, res) => {
    res.json(scenarioDocument(await tenantSnapshot(db, requirePrincipal(req).tenantId)));
  });
  // The texts with this lab's values when the tenant's active scenario is this one, else with the file's default seed.
  r.get("/scenarios/:id", async (req, res) => {
    const shipped = shippedOr404(req.params.id as string);
    const active = await activeScenario(db, requirePrincipal(req).tenantId);
    const lab = active && active.template.id === shipped.id ? { scenario: active.scenario, seed: active.seed } : { scenario: instantiateScenario(shipped, shipped.seed ?? 1).scenario, seed: shipped.seed ?? 1 };
    res.json({ ...publicScenario(lab.scenario), seed: lab.seed });
  });
  r.post("/scenarios/load", async (req, res) => {
    requirePermission(req, "lab.write");
    for (const action of COMPLETE_SETUP_ACTIONS) requirePermission(req, action);
    const body = parseBody(ZScenarioLoad, req.body);
    let scenario: Scenario;
    if (body.scenarioId !== undefined) scenario = shippedOr404(body.scenarioId);
    else {
      const v = validateScenarioShape(body.scenario);
      if (!v.ok || !v.scenario) throw scenarioBadRequest("The scenario file is not valid: see details (each names its path in the file).", v.issues);
      scenario = v.scenario;
    }
    const principal = requirePrincipal(req);
    await loadScenario(db, principal, req.ctx.requestId, scenario, { seed: body.seed });
    const out = await scenarioStatus(db, principal.tenantId);
    res.json(out!.status);
  });
  return r;
}

/** The request and response shapes, for /api/openapi.json. */
export function registerScenarioPaths(registry: OpenAPIRegistry, finding: z.ZodType): void {
  const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
  const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
  const err = (description: string) => ({ description, ...json(ZGraphError) });
  const ZSummary = z.object({
    id: z.string(),
    version: z.string(),
    title: z.string(),
    summary: z.string(),
    stage: z.enum(SCENARIO_STAGES),
    difficulty: z.enum(SCENARIO_DIFFICULTIES),
    estimatedMinutes: z.number().int(),
    tags: z.array(z.string()),
    objectives: z.number().int().describe("How many objectives"),
    maxScore: z.number().int(),
    passPoints: z.number().int(),
  });
  const ZPublic = z
    .object({ id: z.string(), version: z.string(), title: z.string(), briefing: z.object({ markdown: z.string() }), objectives: z.array(z.object({ id: z.string(), title: z.string(), task: z.string(), points: z.number().int() }).passthrough()) })
    .passthrough()
    .describe("The scenario file without solutions, fault descriptions, patches or variable declarations, its texts with the values of the caller's lab (or of the file's default seed) (docs/scenarios.md)");
  const ZStatus = z.object({
    scenario: z.object({
      id: z.string(),
      version: z.string(),
      title: z.string(),
      contentHash: z.string().describe("sha256 of the canonical JSON"),
      seed: z.number().int().describe("The lab's seed"),
      vars: z.record(z.string(), z.union([z.string(), z.number()])).describe("The values the seed picked for the scenario's variables ({} when it has none)"),
      loadedAt: z.string(),
    }),
    objectives: z.array(z.object({ id: z.string(), title: z.string(), passed: z.boolean(), activeCodes: z.array(z.string()), points: z.number().int(), maxPoints: z.number().int(), reason: z.string() })),
    guards: z.array(z.object({ id: z.string(), description: z.string(), holds: z.boolean(), reason: z.string() })),
    collateral: z.array(finding).describe("Error/warning findings neither the baseline had nor any fault is expected to raise"),
    score: z.number().int(),
    maxScore: z.number().int(),
    passPoints: z.number().int(),
    passed: z.boolean(),
  });
  registry.registerPath({ method: "get", path: "/api/scenarios", summary: "The shipped break-fix scenario library (scenarios/**/*.json)", security, responses: { 200: { description: "Scenarios", ...json(z.object({ value: z.array(ZSummary) })) }, 401: err("Not signed in") } });
  registry.registerPath({ method: "get", path: "/api/scenarios/status", summary: "The signed-in tenant graded against its active scenario", security, responses: { 200: { description: "Status", ...json(ZStatus) }, 401: err("Not signed in"), 404: err("No scenario loaded") } });
  registry.registerPath({ method: "get", path: "/api/scenarios/document", summary: "The tenant's scenario document (the snapshot keyed by names; what {{pointer}} placeholders resolve against)", security, responses: { 200: { description: "Document", ...json(z.record(z.string(), z.unknown())) }, 401: err("Not signed in") } });
  registry.registerPath({ method: "get", path: "/api/scenarios/{id}", summary: "A shipped scenario as trainees see it (no solutions, no fault descriptions)", security, request: { params: z.object({ id: z.string() }) }, responses: { 200: { description: "Scenario", ...json(ZPublic) }, 401: err("Not signed in"), 404: err("No such scenario") } });
  registry.registerPath({
    method: "post",
    path: "/api/scenarios/load",
    summary: "Load a scenario into the signed-in tenant: the complete setup on its directory, then the faults, in one transaction (replaces the lab and any active scenario)",
    security,
    request: { body: json(ZScenarioLoad) },
    responses: { 200: { description: "The status right after loading", ...json(ZStatus) }, 400: err("Invalid body or scenario file; details name each path"), 401: err("Not signed in"), 403: err("Missing role, or the tenant is a workshop seat"), 404: err("No such scenario") },
  });
}
